"""Settings come from the environment, typed; a bad or missing value stops the start, naming it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from imgpath.web.config import SettingsError, load_settings

KEY = "k" * 40


def test_development_needs_nothing() -> None:
    env = load_settings({"DEBUG": "true"})
    assert env.DEBUG
    assert env.database()["ENGINE"] == "django.db.backends.sqlite3"


def test_production_requires_a_secret_key() -> None:
    with pytest.raises(SettingsError, match="SECRET_KEY is required"):
        load_settings({"DEBUG": "false", "ALLOWED_HOSTS": "example.org"})


def test_production_requires_allowed_hosts() -> None:
    with pytest.raises(SettingsError, match="ALLOWED_HOSTS is required"):
        load_settings({"SECRET_KEY": KEY})


def test_a_bad_boolean_is_named() -> None:
    with pytest.raises(SettingsError, match="DEBUG"):
        load_settings({"DEBUG": "maybe"})


def test_a_short_secret_key_is_refused() -> None:
    with pytest.raises(SettingsError, match="SECRET_KEY"):
        load_settings({"SECRET_KEY": "short", "ALLOWED_HOSTS": "example.org"})


def test_lists_are_comma_separated_and_postgres_comes_from_the_url() -> None:
    env = load_settings(
        {
            "SECRET_KEY": KEY,
            "ALLOWED_HOSTS": "example.org, www.example.org",
            "DATABASE_URL": "postgres://u:p@db.internal:5432/imgpath",
        }
    )
    assert env.ALLOWED_HOSTS == ["example.org", "www.example.org"]
    database = env.database()
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["HOST"] == "db.internal"


def test_argon2_hashes_passwords_in_production_settings() -> None:
    code = (
        "from django.conf import settings; "
        "print(settings.PASSWORD_HASHERS[0]); print(settings.SESSION_COOKIE_SECURE); "
        "print(settings.LANGUAGE_COOKIE_SECURE, settings.LANGUAGE_COOKIE_SAMESITE, "
        "settings.LANGUAGE_COOKIE_HTTPONLY)"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "imgpath.web.settings",
        "SECRET_KEY": KEY,
        "ALLOWED_HOSTS": "x.org",
    }
    env.pop("DEBUG", None)
    out = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    # the language cookie is as guarded as the session's (issue 9, item 14)
    assert out == ["django.contrib.auth.hashers.Argon2PasswordHasher", "True", "True", "Lax", "True"]


def test_a_bad_environment_stops_the_management_command() -> None:
    env = {**os.environ, "DEBUG": "false", "ALLOWED_HOSTS": "", "SECRET_KEY": ""}
    run = subprocess.run(
        [sys.executable, "-m", "imgpath.web", "check"], env=env, capture_output=True, text=True
    )
    assert run.returncode != 0
    assert "SECRET_KEY is required" in run.stderr


def test_the_database_follows_database_url() -> None:
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres", "postgresql")) else "sqlite"
    assert connection.vendor == expected


def test_tests_use_the_development_email_backend() -> None:
    assert settings.EMAIL_BACKEND.endswith(("console.EmailBackend", "locmem.EmailBackend"))
