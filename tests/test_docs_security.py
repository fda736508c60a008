"""docs/security.md states limits and names tests: both must stay what the code does and has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from imgpath import yamlio
from imgpath.web.accounts.throttles import ANY_ACCOUNT_FACTOR, RESET_REQUESTS, SIGNUPS, VERIFICATION_EMAILS
from imgpath.web.config import WebSettings

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "security.md").read_text("utf-8")


def _default(name: str) -> str:
    return str(WebSettings.model_fields[name].default)


def _per(rate: str) -> str:
    times, unit = rate.split("/")
    return f"{times} per {dict(min='minute', m='minute', h='hour', hour='hour')[unit]}"


@pytest.mark.parametrize("setting", ["API_RATE", "PAGE_RATE", "CHART_RATE", "IMPORT_RATE"])
def test_each_rate_is_documented_with_its_default(setting: str) -> None:
    assert f"{_per(_default(setting))} (`{setting}`)" in DOC


def test_the_fixed_limits_are_the_ones_the_code_applies() -> None:
    from django.conf import settings

    from imgpath.engine.profile import MAX_ITEMS
    from imgpath.web.api.schemas import MAX_PROBLEMS
    from imgpath.web.pages.forms import MAX_PROFILE_BYTES
    from imgpath.web.plans.views import CHART_SECONDS

    attempts = int(_default("LOGIN_ATTEMPTS"))
    assert settings.LOGIN_WINDOW_SECONDS == 15 * 60
    assert f"{attempts} per 15 minutes (`LOGIN_ATTEMPTS`)" in DOC
    assert f"{attempts * ANY_ACCOUNT_FACTOR} per 15 minutes ({ANY_ACCOUNT_FACTOR} ×" in DOC
    assert RESET_REQUESTS.seconds == SIGNUPS.seconds == VERIFICATION_EMAILS.seconds == 3600
    assert f"Password-reset emails | {RESET_REQUESTS.times} per hour" in DOC
    assert f"link again | {SIGNUPS.times} per hour" in DOC
    assert f"| {VERIFICATION_EMAILS.times} per hour | email address" in DOC
    assert f"| {yamlio.MAX_BYTES:,} characters (at most {4 * yamlio.MAX_BYTES // 1_000_000} MB" in DOC
    assert f"| {yamlio.MAX_EVENTS:,} |" in DOC
    assert f"| {yamlio.MAX_VALUES:,} |" in DOC
    assert f"| {yamlio.MAX_DEPTH} levels |" in DOC
    assert f"| {MAX_ITEMS} |" in DOC
    assert f"| {MAX_PROFILE_BYTES:,} characters pasted, {MAX_PROFILE_BYTES:,} bytes uploaded |" in DOC
    assert f"| {MAX_PROBLEMS}, then a count" in DOC
    assert CHART_SECONDS == 10 * 60
    assert "| Charts | cache | 10 minutes |" in DOC
    assert settings.PASSWORD_RESET_TIMEOUT == 3 * 24 * 3600
    assert "three days" in DOC
    from imgpath.web.throttle import SPREAD

    assert SPREAD == 3
    assert "at most half of it in any third of the window" in DOC
    assert f"held {_default('REFUSAL_DELAY').removesuffix('.0')} second (`REFUSAL_DELAY`)" in DOC
    assert f"at most {_default('REFUSALS_HELD')} at once per process (`REFUSALS_HELD`)" in DOC
    assert settings.SESSION_COOKIE_AGE == 14 * 24 * 3600
    assert "14 days after the session" in DOC


def test_every_test_the_promises_name_exists() -> None:
    named = set(re.findall(r"`(tests/[\w/]+\.py)`", DOC))
    assert named
    assert [path for path in sorted(named) if not (ROOT / path).exists()] == []
