"""The implicit ``law_in_force`` criterion reads a route's dated status history."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imgpath.dates import ONE_DAY
from imgpath.engine.criteria import EVALUATORS
from imgpath.engine.status import route_state
from imgpath.engine.verdict import Verdict
from imgpath.messages import message
from imgpath.rulebook.loader import default_rulebook
from imgpath.rulebook.schema import Pathway, RouteStatus
from imgpath.rulebook.vocabulary import PARAMS


def pathway(*events: dict[str, Any]) -> Pathway:
    return Pathway.model_validate(
        {
            "id": "us-zz.example",
            "kind": "alternative",
            "name": "Example",
            "summary": "An example route.",
            "status": list(events),
            "criteria": [{"id": "ecfmg", "type": "ecfmg_certified", "summary": "Holds ECFMG certification."}],
        }
    )


ENACTED = {"status": "enacted", "date": "2025-05-01"}
EFFECTIVE = {"status": "effective", "date": "2025-07-01"}


@pytest.mark.parametrize(
    ("events", "day", "verdict", "eligible_from", "eligible_until"),
    [
        # enacted, in force from a known date: not_yet until that day, then eligible from it
        ([ENACTED, EFFECTIVE], date(2025, 6, 30), Verdict.not_yet, date(2025, 7, 1), None),
        ([ENACTED, EFFECTIVE], date(2025, 7, 1), Verdict.eligible, None, None),
        # enacted, effective date unknown: unknown, never a guess
        ([ENACTED, {"status": "effective"}], date(2026, 1, 1), Verdict.unknown, None, None),
        # in force before a date, first seen in a 2017 source: judged from that day, not before it
        (
            [{"status": "effective", "first_seen": "2017-11-03"}],
            date(2017, 11, 3),
            Verdict.eligible,
            None,
            None,
        ),
        (
            [{"status": "effective", "first_seen": "2017-11-03"}],
            date(2017, 11, 2),
            Verdict.unknown,
            None,
            None,
        ),
        # a sunset: eligible until the day before the repeal, not eligible on the day
        (
            [EFFECTIVE, {"status": "repealed", "date": "2027-07-01"}],
            date(2027, 6, 30),
            Verdict.eligible,
            None,
            date(2027, 6, 30),
        ),
        (
            [EFFECTIVE, {"status": "repealed", "date": "2027-07-01"}],
            date(2027, 7, 1),
            Verdict.not_eligible,
            None,
            None,
        ),
        # a repeal on an unknown day, known not to come before 2026-05-18
        (
            [EFFECTIVE, {"status": "repealed", "not_before": "2026-05-18"}],
            date(2026, 5, 17),
            Verdict.eligible,
            None,
            None,
        ),
        (
            [EFFECTIVE, {"status": "repealed", "not_before": "2026-05-18"}],
            date(2026, 5, 18),
            Verdict.unknown,
            None,
            None,
        ),
        # in force, applications open on a known later day
        (
            [EFFECTIVE, {"status": "accepting_applications", "date": "2025-09-01"}],
            date(2025, 8, 1),
            Verdict.not_yet,
            date(2025, 9, 1),
            None,
        ),
        # before it is in force, a route that takes applications only later opens on that later day
        (
            [ENACTED, EFFECTIVE, {"status": "accepting_applications", "date": "2025-09-01"}],
            date(2025, 6, 30),
            Verdict.not_yet,
            date(2025, 9, 1),
            None,
        ),
        # ... and on a day not known, it is unknown when it opens
        (
            [ENACTED, EFFECTIVE, {"status": "accepting_applications", "no_later_than": "2025-09-30"}],
            date(2025, 6, 30),
            Verdict.unknown,
            None,
            None,
        ),
        # known to be open by a date, exact day unknown
        (
            [EFFECTIVE, {"status": "accepting_applications", "no_later_than": "2025-09-30"}],
            date(2025, 10, 1),
            Verdict.eligible,
            None,
            None,
        ),
        # before enactment with nothing dated ahead
        (
            [{"status": "enacted", "date": "2026-05-01"}, {"status": "effective"}],
            date(2026, 1, 1),
            Verdict.unknown,
            None,
            None,
        ),
        ([{"status": "pending", "date": "2026-01-10"}], date(2026, 2, 1), Verdict.unknown, None, None),
    ],
)
def test_law_in_force_follows_the_status_history(
    events: list[dict[str, Any]],
    day: date,
    verdict: Verdict,
    eligible_from: date | None,
    eligible_until: date | None,
) -> None:
    state = route_state(pathway(*events), day)
    assert state.outcome.verdict is verdict, state.outcome.reason
    assert state.outcome.eligible_from == eligible_from
    assert state.outcome.eligible_until == eligible_until


def test_status_events_must_be_in_date_order() -> None:
    with pytest.raises(ValueError, match="date order"):
        pathway(EFFECTIVE, ENACTED)


def test_every_criterion_type_has_an_evaluator() -> None:
    """Adding a kind of criterion means a parameter model and an evaluator, never one alone."""
    assert set(EVALUATORS) == set(PARAMS)


def test_a_first_seen_date_reads_as_in_force_before_it() -> None:
    state = route_state(pathway({"status": "effective", "first_seen": "2017-11-03"}), date(2026, 1, 1))
    reason = state.outcome.reason
    assert reason.key == "status.in_force"
    assert reason.args["since"] == message("since.first_seen", date="2017-11-03")
    assert str(reason) == "The law is in force since before 2017-11-03 (first seen)."


def test_an_unknown_requirement_names_the_board_on_state_routes_and_the_agency_on_federal_ones() -> None:
    """Equal criteria share one answer per profile, but who to ask differs: a state route's answer must
    name that state's own board, never another route's wording reused."""
    from pathlib import Path

    from imgpath.engine.evaluate import check
    from imgpath.engine.profile import load_profile
    from imgpath.rulebook.loader import default_rulebook

    example = Path(__file__).parents[1] / "src" / "imgpath" / "examples" / "experienced-internist.yaml"
    result = check(load_profile(example), default_rulebook(), as_of=date(2026, 11, 25))
    rulebook = default_rulebook()
    boards = {code: j.board.title for code, j in rulebook.jurisdictions.items() if j.board is not None}
    boards["US"] = "the agency or sponsor"
    asked = {
        (route.jurisdiction == "US", c.reason.args["who"] == boards.get(route.jurisdiction, "the board"))
        for route in result.results
        for c in route.criteria
        if "who" in c.reason.args
    }
    assert (False, True) in asked
    assert all(named for _, named in asked)


# --- properties of every route in the rulebook, on any day ------------------------------------------

ROUTES = [route for _, route in default_rulebook().pathways]
DAYS = st.dates(min_value=date(2010, 1, 1), max_value=date(2032, 12, 31))


@settings(max_examples=400, deadline=None)
@given(route=st.sampled_from(ROUTES), day=DAYS)
def test_a_law_not_yet_in_force_holds_on_the_day_it_promises(route: Pathway, day: date) -> None:
    """``not_yet`` promises the route holds from ``eligible_from`` if nothing changes: the days until
    then give the same answer, and on that day the law holds."""
    promised = route_state(route, day).outcome
    if promised.verdict is not Verdict.not_yet:
        return
    start = promised.eligible_from
    assert start is not None, route.id
    assert start > day, route.id
    meanwhile = route_state(route, start - ONE_DAY).outcome
    assert (meanwhile.verdict, meanwhile.eligible_from) == (Verdict.not_yet, start), route.id
    kept = route_state(route, start).outcome
    assert kept.verdict is Verdict.eligible, (route.id, day, promised.reason, kept.reason)


@settings(max_examples=400, deadline=None)
@given(route=st.sampled_from(ROUTES), day=DAYS)
def test_a_law_that_ends_holds_until_its_last_day_and_never_after(route: Pathway, day: date) -> None:
    """``eligible_until`` is the last day the law holds; from the next day on it is over for good."""
    state = route_state(route, day).outcome
    if state.verdict is not Verdict.eligible or state.eligible_until is None:
        return
    last = state.eligible_until
    assert route_state(route, last).outcome.verdict is Verdict.eligible, route.id
    for later in (last + ONE_DAY, last + timedelta(days=400)):
        assert route_state(route, later).outcome.verdict is Verdict.not_eligible, (route.id, later)


@settings(max_examples=400, deadline=None)
@given(route=st.sampled_from(ROUTES), day=DAYS, later=st.integers(min_value=1, max_value=4000))
def test_a_repealed_route_stays_repealed(route: Pathway, day: date, later: int) -> None:
    state = route_state(route, day)
    if state.status is not RouteStatus.repealed:
        return
    assert state.outcome.verdict is Verdict.not_eligible, route.id
    after = route_state(route, day + timedelta(days=later))
    assert after.status is RouteStatus.repealed, route.id
    assert after.outcome.verdict is Verdict.not_eligible, route.id
