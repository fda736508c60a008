"""A listing's fit at the edges of its window, its status and its visas."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from imgpath.engine import Profile, Verdict, facts_for
from imgpath.finder import Opportunity, judge, next_window
from imgpath.finder.schema import Application
from imgpath.rulebook import default_rulebook
from listing_data import demo_listing


def listing(**fields: Any) -> Opportunity:
    return Opportunity.model_validate(demo_listing(place={"state": "MI"}, visas=["B1"]) | fields)


def fit_on(day: date, profile: dict[str, Any] | None = None, **fields: Any) -> Verdict:
    facts = facts_for(
        Profile.model_validate(profile if profile is not None else {"immigration": {"status": "green_card"}}),
        default_rulebook(),
        day,
    )
    return judge(listing(**fields), facts).verdict


@pytest.mark.parametrize(
    ("day", "verdict"),
    [(date(2027, 3, 1), Verdict.eligible), (date(2027, 3, 2), Verdict.not_eligible)],
)
def test_the_deadline_day_is_the_last_day_to_apply(day: date, verdict: Verdict) -> None:
    assert fit_on(day, application={"deadline": "2027-03-01"}) is verdict


@pytest.mark.parametrize(
    ("day", "verdict"),
    [
        (date(2026, 10, 31), Verdict.not_yet),
        (date(2026, 11, 1), Verdict.eligible),
        (date(2027, 2, 15), Verdict.eligible),  # the window runs over the new year
        (date(2027, 2, 16), Verdict.not_yet),  # closed until next November
    ],
)
def test_a_yearly_window_repeats_and_may_run_over_the_new_year(day: date, verdict: Verdict) -> None:
    assert fit_on(day, application={"yearly_opens": "11-01", "yearly_closes": "02-15"}) is verdict


def test_the_next_yearly_window_after_it_closes_is_next_years() -> None:
    window = next_window(Application(yearly_opens="11-01", yearly_closes="02-15"), date(2027, 2, 16))
    assert window is not None
    assert (window.opens, window.closes) == (date(2027, 11, 1), date(2028, 2, 15))


@pytest.mark.parametrize("status", ["withdrawn", "expired"])
def test_a_listing_taken_down_is_not_open_to_anyone(status: str) -> None:
    assert fit_on(date(2026, 12, 3), status=status) is Verdict.not_eligible


@pytest.mark.parametrize(
    ("immigration", "fields", "verdict"),
    [
        ({"status": "abroad"}, {"visas": ["B1"]}, Verdict.needs_steps),
        ({"status": "abroad"}, {"visas": []}, Verdict.not_eligible),
        ({"status": "abroad"}, {"visas": None}, Verdict.unknown),
        ({"status": "abroad"}, {"visas": [], "place": {"remote": True}}, Verdict.eligible),
        ({"status": "j1"}, {"visas": ["J1"]}, Verdict.eligible),
        ({"status": "refugee"}, {"visas": []}, Verdict.eligible),
        (None, {"visas": ["B1"]}, Verdict.unknown),
    ],
)
def test_someone_abroad_or_on_a_visa_needs_one_the_host_accepts(
    immigration: dict[str, str] | None, fields: dict[str, Any], verdict: Verdict
) -> None:
    profile = {"immigration": immigration} if immigration else {}
    assert fit_on(date(2026, 12, 3), profile, **fields) is verdict
