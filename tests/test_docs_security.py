"""docs/security.md states limits and names tests: both must stay what the code does and has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from imgpath import yamlio
from imgpath.web.config import WebSettings
from imgpath.web.throttle import ANY_ACCOUNT_FACTOR, RESET_REQUESTS, SIGNUPS, VERIFICATION_EMAILS

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
    from imgpath.web.forms import MAX_PROFILE_BYTES

    attempts = int(_default("LOGIN_ATTEMPTS"))
    assert f"{attempts} per 15 minutes (`LOGIN_ATTEMPTS`)" in DOC
    assert f"{attempts * ANY_ACCOUNT_FACTOR} per 15 minutes ({ANY_ACCOUNT_FACTOR} ×" in DOC
    assert f"Password-reset emails | {RESET_REQUESTS} per hour" in DOC
    assert f"link again | {SIGNUPS.times} per hour" in DOC and SIGNUPS.seconds == 3600
    assert f"| {VERIFICATION_EMAILS.times} per hour | email address" in DOC
    assert f"| {yamlio.MAX_BYTES:,} bytes |" in DOC
    assert f"| {yamlio.MAX_VALUES:,} |" in DOC
    assert f"| {MAX_PROFILE_BYTES:,} bytes |" in DOC


def test_every_test_the_promises_name_exists() -> None:
    named = set(re.findall(r"`(tests/[\w/]+\.py)`", DOC))
    assert named
    assert [path for path in sorted(named) if not (ROOT / path).exists()] == []
