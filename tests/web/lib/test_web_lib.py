"""The web's small helpers, each on its own: rates, addresses, field paths, profiles, money, session.

They hold no models and no views (a test below keeps it so), so they are tested without a database.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.http import HttpRequest
from django.utils import translation

from imgpath.engine.profile import parse_profile
from imgpath.engine.verdict import Verdict
from imgpath.errors import clean_location, field_path
from imgpath.rulebook.schema import FeeRange, Kind
from imgpath.web import lib
from imgpath.web.lib.addresses import client_address
from imgpath.web.lib.labels import KIND_LABELS, VERDICT_LABELS
from imgpath.web.lib.money import money
from imgpath.web.lib.profiles import example_text, profile_to_data
from imgpath.web.lib.rates import Rate
from imgpath.web.lib.session import PROFILE_KEY, session_profile, store_profile

LIB = Path(lib.__file__).parent


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("60/min", Rate(60, 60)),
        ("5/hour", Rate(5, 3600)),
        ("10/s", Rate(10, 1)),
        ("1000/day", Rate(1000, 86400)),
    ],
)
def test_a_rate_reads_as_the_settings_write_it(text: str, rate: Rate) -> None:
    assert Rate.parse(text) == rate


def test_a_rate_in_an_unknown_unit_is_refused() -> None:
    with pytest.raises(KeyError):
        Rate.parse("5/fortnight")


def test_behind_our_proxy_the_address_is_the_last_one_it_added() -> None:
    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.9, 203.0.113.7"}
    assert client_address(meta, behind_proxy=True) == "203.0.113.7"


def test_without_a_proxy_a_forwarded_header_is_not_believed() -> None:
    meta = {"REMOTE_ADDR": "203.0.113.7", "HTTP_X_FORWARDED_FOR": "198.51.100.9"}
    assert client_address(meta, behind_proxy=False) == "203.0.113.7"
    assert client_address({"REMOTE_ADDR": "203.0.113.7"}, behind_proxy=True) == "203.0.113.7"


@pytest.mark.parametrize(
    ("location", "path"),
    [
        (("exams", "usmle_step1", "passed"), "exams.usmle_step1.passed"),
        (("training", 0, "start"), "training[0].start"),
        (("medical_school", "graduated", "date"), "medical_school.graduated"),  # pydantic's own step
        (("ecfmg_certified", "bool"), "ecfmg_certified"),
        (("practice", 2, "function-after[check(), Period]", "end"), "practice[2].end"),
        ((), ""),
    ],
)
def test_an_error_location_reads_as_a_field_path(location: tuple[object, ...], path: str) -> None:
    assert field_path(clean_location(location)) == path


def test_a_key_from_the_sender_is_escaped_and_bounded_in_a_field_path() -> None:
    shown = field_path(clean_location(("exams", "\x1bK" + "x" * 500)))
    assert "\x1b" not in shown
    assert "\\x1b" in shown
    assert len(shown) < 80


def test_a_profile_keeps_only_what_the_person_said() -> None:
    profile = parse_profile("citizenship: [IN]\njob_offer: null\n", "profile")
    assert profile_to_data(profile) == {"citizenship": ["IN"], "job_offer": None}


def test_the_example_profile_is_the_internist_the_cli_documents() -> None:
    data = profile_to_data(parse_profile(example_text(), "example"))
    assert data["citizenship"] == ["IN"]
    assert data["job_offer"]["state"] == "TN"


@pytest.mark.parametrize(
    ("amount", "language", "shown"),
    [
        (1000, "en", "USD 1,000"),
        (1234.5, "en", "USD 1,234.50"),
        (None, "en", "not known"),
        (FeeRange(low=500, typical=750, high=1000), "en", "USD 500–1,000 (usually USD 750)"),
        (FeeRange(low=300, typical=300, high=300), "en", "USD 300"),
        ("USD 90 a year", "en", "USD 90 a year"),
    ],
)
def test_money_is_written_as_the_reader_s_language_writes_it(
    amount: object, language: str, shown: str
) -> None:
    with translation.override(language):
        assert money(amount) == shown


def test_every_verdict_and_kind_has_words_people_read() -> None:
    assert set(VERDICT_LABELS) == set(Verdict)
    assert set(KIND_LABELS) == set(Kind)


def test_the_session_profile_is_a_copy_and_anything_else_there_is_no_profile() -> None:
    request = HttpRequest()
    request.session = {}  # type: ignore[assignment]
    assert session_profile(request) == {}
    store_profile(request, {"citizenship": ["IN"]})
    found = session_profile(request)
    found["citizenship"] = ["MX"]
    assert session_profile(request) == {"citizenship": ["IN"]}
    request.session[PROFILE_KEY] = ["not", "a", "profile"]
    assert session_profile(request) == {}


@pytest.mark.parametrize("module", sorted(p.name for p in LIB.glob("*.py")))
def test_lib_holds_no_models_no_views_and_nothing_from_the_apps(module: str) -> None:
    """lib/ is small pure helpers: it may use Django's utilities, never the ORM, views or an app."""
    tree = ast.parse((LIB / module).read_text("utf-8"))
    imported = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    forbidden = ("django.db", "django.views", "django.shortcuts", "django.urls", "ninja")
    assert not [m for m in imported if m.startswith(forbidden)], module
    assert not [m for m in imported if m.startswith("imgpath.web.") and not m.startswith("imgpath.web.lib")]
