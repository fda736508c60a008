"""Typed settings read from the environment: a bad value stops the start with a clear message.

Kept apart from Django's settings module so that it can be tested with any environment.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import dj_database_url
from pydantic import Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_VAR_DIR = REPO_ROOT / "var" if (REPO_ROOT / "pyproject.toml").exists() else Path.cwd() / "var"
"""Local state (SQLite database, collected static files): the checkout's var/, which ignores itself."""


_RATE = r"^[1-9]\d{0,5}/(s|sec|m|min|h|hour|d|day)$"
"""A rate: how many requests per unit, as ``60/min``."""


def _split(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


SQLITE_PRAGMAS = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
"""SQLite as a server's database: readers never wait for the writer (WAL), a commit waits for no disk
flush but the log's (NORMAL, safe with WAL: a power cut loses at most the last commits, never the
file), and a writer waits up to 5 s for another (the throttle's counters write on every request)."""


class WebSettings(BaseSettings):
    """What an operator sets in the environment; everything else follows from these."""

    model_config = SettingsConfigDict(extra="ignore", case_sensitive=True)

    DEBUG: bool = False
    SECRET_KEY: str | None = Field(default=None, min_length=32)
    ALLOWED_HOSTS: Annotated[list[str], NoDecode] = Field(default_factory=list)
    CSRF_TRUSTED_ORIGINS: Annotated[list[str], NoDecode] = Field(default_factory=list)
    DATABASE_URL: str | None = None
    EMAIL_URL: str | None = None
    """SMTP as ``smtp://user:password@host:port``; the console in development when unset."""
    CACHE_URL: str | None = Field(default=None, pattern=r"^rediss?://")
    """Redis 7+ for the cache and the throttles (``redis://host:6379/0``); the database when unset."""
    DEFAULT_FROM_EMAIL: str = "IMG Pathways <no-reply@localhost>"
    SECURE_SSL_REDIRECT: bool = False
    """Redirect http to https in the app (leave off when a proxy does it)."""
    BEHIND_PROXY: bool = False
    """Trust the proxy's X-Forwarded-Proto header (only when a proxy sets it and strips clients')."""
    API_RATE: str = Field(default="60/min", pattern=_RATE)
    PAGE_RATE: str = Field(default="120/min", pattern=_RATE)
    """Pages that run the engine or planner (results, plans, states, changes), per address."""
    CHART_RATE: str = Field(default="10/min", pattern=_RATE)
    """Plan charts drawn (not served from the cache), per address: up to a second of CPU each."""
    IMPORT_RATE: str = Field(default="20/min", pattern=_RATE)
    """Profile imports through the form, per address."""
    REFUSAL_DELAY: float = Field(default=1.0, ge=0, le=10)
    """Seconds a refused request is held before its 429, under threaded workers, so a client that
    ignores Retry-After sends one request per delay per connection, not hundreds a second."""
    REFUSALS_HELD: int = Field(default=6, ge=0)
    """Refused requests one worker process holds at once; beyond that they are answered at once, so
    a flood over many connections cannot hold every thread. Keep it below gunicorn's --threads."""
    VAR_DIR: Path = DEFAULT_VAR_DIR
    """Where local state lives: the SQLite database and ``collectstatic``'s output."""
    LOGIN_ATTEMPTS: int = Field(default=5, ge=1)
    """Failed log-ins allowed per username and address in 15 minutes."""
    TASKS_IN_PROCESS: bool = False
    """Run the background tasks (cohort checks) in a thread of the web process, as `make run` does;
    off in production, where `python -m imgpath.web db_worker` runs them (docs/cohort.md)."""

    @model_validator(mode="before")
    @classmethod
    def _lists(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for name in ("SECRET_KEY", "DATABASE_URL", "EMAIL_URL", "CACHE_URL"):
                if data.get(name) == "":
                    data[name] = None  # an empty variable means "not set"
            for name in ("ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS"):
                if name in data:
                    data[name] = _split(data[name])
        return data

    @model_validator(mode="after")
    def _production_needs(self) -> WebSettings:
        if not self.DEBUG:
            if not self.SECRET_KEY:
                raise ValueError("SECRET_KEY is required when DEBUG is off (at least 32 characters)")
            if not self.ALLOWED_HOSTS:
                raise ValueError("ALLOWED_HOSTS is required when DEBUG is off (comma-separated host names)")
        return self

    def database(self) -> dict[str, Any]:
        """Django's DATABASES['default']: DATABASE_URL, else SQLite in var/."""
        if self.DATABASE_URL:
            return dict(dj_database_url.parse(self.DATABASE_URL, conn_max_age=60, conn_health_checks=True))
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(self.var_dir() / "imgpath.sqlite3"),
            "OPTIONS": {"init_command": SQLITE_PRAGMAS, "transaction_mode": "IMMEDIATE"},
        }

    def var_dir(self) -> Path:
        """The folder for local state, created on first use with a .gitignore that ignores it all."""
        self.VAR_DIR.mkdir(parents=True, exist_ok=True)
        ignore = self.VAR_DIR / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# local state of `make run`: never committed\n*\n", encoding="utf-8")
        return self.VAR_DIR


class SettingsError(Exception):
    """The environment holds a bad value: the message names the variable."""


def load_settings(environ: Mapping[str, str] | None = None) -> WebSettings:
    """Read the settings from ``environ`` (the process environment when None), failing loudly."""
    try:
        if environ is None:
            return WebSettings()
        # every field passed explicitly, so the process environment cannot leak into the result
        given: dict[str, Any] = {
            name: environ[name] if name in environ else field.get_default(call_default_factory=True)
            for name, field in WebSettings.model_fields.items()
        }
        return WebSettings(**given)
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            where = ".".join(str(p) for p in problem["loc"]) or "environment"
            lines.append(f"{where}: {problem['msg'].removeprefix('Value error, ')}")
        raise SettingsError("bad web settings in the environment:\n  " + "\n  ".join(lines)) from None
