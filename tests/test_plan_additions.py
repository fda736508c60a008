"""Opportunities and grants added to a plan: dated, costed steps, deadlines, risks and funding shares.

The additions below are written by hand, as the web adapts a listing into one; the dates are chosen
around the evaluation day (2026-11-25, a Wednesday) so that each boundary is tested on both sides.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from imgpath.engine.verdict import Source
from imgpath.planner.additions import funding_share, with_additions
from imgpath.planner.answers import PlanAnswer
from imgpath.planner.ics import plans_to_ics
from imgpath.planner.model import Addition, Money, PlannedFee, PlanSet, RoutePlan
from imgpath.planner.plans import plan
from imgpath.planner.serialize import plans_json, route_plan_json
from imgpath.rulebook.loader import default_rulebook
from profiles_for_plans import recent_graduate

AS_OF = date(2026, 11, 25)
ROUTE = "us-tn.traditional"
SOURCE = Source("Demo observership page", "https://example.org/observership", date(2026, 11, 1))


def _fee(fee_id: str, usd: float | None) -> PlannedFee:
    amount = None if usd is None else Money(usd, usd, usd)
    return PlannedFee(fee_id, fee_id.replace("_", " "), amount, None, [SOURCE], None)


def _observership(**changes: object) -> Addition:
    base = Addition(
        id="demo-observership",
        name="Demo observership",
        kind="opportunity",
        sources=(SOURCE,),
        lead_time_days=60,
        sessions=((date(2027, 3, 1), date(2027, 3, 26)),),
        application_fees=(_fee("application_fee", 100),),
        fees=(_fee("tuition", 2500),),
        demo=True,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _grant(**changes: object) -> Addition:
    base = Addition(
        id="demo-grant",
        name="Demo grant",
        kind="funding",
        sources=(SOURCE,),
        deadline=date(2027, 1, 15),
        covers=Money(1000, 1000, 1000),
        demo=True,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def route() -> RoutePlan:
    return plan(recent_graduate(), default_rulebook(), as_of=AS_OF, route=ROUTE).plans[0]


def _keys(found: RoutePlan) -> list[str]:
    return [risk.key for risk in found.risks]


def test_an_observership_becomes_an_application_ending_on_the_lead_time_day_then_its_session(
    route: RoutePlan,
) -> None:
    added = with_additions(route, [_observership()], AS_OF)
    apply, session = added.steps[-2:]
    assert (apply.id, session.id) == ("demo-observership.apply", "demo-observership.session")
    assert apply.start == AS_OF
    assert apply.end == date(2027, 3, 1) - timedelta(days=60)  # 2026-12-31
    assert (session.start, session.end) == (date(2027, 3, 1), date(2027, 3, 26))
    assert session.requires == [apply.id]
    assert apply.name == "Apply: Demo observership"
    assert added.deadline_messages[-1][0] == date(2026, 12, 31)
    assert "60 days before its session starts on 2027-03-01" in added.deadlines[-1][1]
    assert added.cost.typical == route.cost.typical + 100 + 2500
    assert added.additions[0].steps == (apply.id, session.id)
    assert "plan.addition.risk.demo" in _keys(added)


def test_a_lead_time_that_lands_on_a_saturday_stays_there(route: RoutePlan) -> None:
    """The source counts calendar days and says nothing of weekends: the plan moves nothing."""
    added = with_additions(route, [_observership(lead_time_days=30)], AS_OF)
    apply_by = added.additions[0].apply_by
    assert apply_by == date(2027, 1, 30)
    assert apply_by.weekday() == 5


@pytest.mark.parametrize(
    ("deadline", "placed"),
    [(AS_OF, True), (AS_OF - timedelta(days=1), False), (AS_OF + timedelta(days=1), True)],
)
def test_a_deadline_on_the_evaluation_day_is_still_open_and_the_day_before_is_a_risk(
    route: RoutePlan, deadline: date, placed: bool
) -> None:
    added = with_additions(route, [_grant(deadline=deadline)], AS_OF)
    steps = [s for s in added.steps if s.addition == "demo-grant"]
    assert bool(steps) is placed
    assert ("plan.addition.risk.deadline_passed" in _keys(added)) is not placed
    if placed:
        assert steps[0].end == deadline
        assert (deadline, added.deadline_messages[-1][1]) == added.deadline_messages[-1]
    else:
        assert added.cost == route.cost
        assert added.additions[0].steps == ()


@pytest.mark.parametrize(
    ("start", "placed"),
    [(AS_OF - timedelta(days=1), False), (AS_OF, True), (AS_OF + timedelta(days=1), True)],
)
def test_a_session_that_started_yesterday_is_left_out_with_a_risk(
    route: RoutePlan, start: date, placed: bool
) -> None:
    addition = _observership(lead_time_days=None, sessions=((start, start + timedelta(weeks=4)),))
    added = with_additions(route, [addition], AS_OF)
    assert bool(added.additions[0].steps) is placed
    assert ("plan.addition.risk.session_started" in _keys(added)) is not placed


def test_a_session_too_close_for_the_lead_time_gives_way_to_the_next_one(route: RoutePlan) -> None:
    sessions = ((date(2026, 12, 14), None), (date(2027, 4, 5), None))
    added = with_additions(route, [_observership(sessions=sessions, weeks=(4, 8))], AS_OF)
    planned = added.additions[0]
    assert planned.session == (date(2027, 4, 5), date(2027, 5, 3))
    session = added.steps[-1]
    assert (session.end_low, session.end_high) == (date(2027, 5, 3), date(2027, 5, 31))
    only_first = with_additions(route, [_observership(sessions=sessions[:1])], AS_OF)
    assert "plan.addition.risk.too_late" in _keys(only_first)
    assert only_first.additions[0].steps == ()


def test_a_fee_of_unknown_amount_is_named_and_never_counted_as_zero(route: RoutePlan) -> None:
    added = with_additions(route, [_observership(fees=(_fee("tuition", None),))], AS_OF)
    assert added.cost.typical == route.cost.typical + 100
    assert added.unknown_fees[len(route.unknown_fees) :] == ["Take part: Demo observership: tuition"]
    assert json.loads(json.dumps(route_plan_json(added)))["additions"][0]["unknown_fees"] == [
        "Take part: Demo observership: tuition"
    ]


def test_a_yearly_deadline_is_the_next_one_and_a_rolling_listing_starts_after_its_lead_time(
    route: RoutePlan,
) -> None:
    yearly = _grant(deadline=None, yearly_deadline="11-25")
    assert with_additions(route, [yearly], AS_OF).additions[0].apply_by == AS_OF
    rolling = _observership(sessions=(), lead_time_days=45, weeks=(2, 2))
    added = with_additions(route, [rolling], AS_OF)
    assert added.additions[0].apply_by is None
    assert added.additions[0].session == (AS_OF + timedelta(days=45), AS_OF + timedelta(days=45 + 14))
    assert "plan.addition.risk.no_dates" in _keys(added)


def test_a_session_of_no_known_length_counts_no_time_and_says_so(route: RoutePlan) -> None:
    added = with_additions(route, [_observership(sessions=((date(2027, 3, 1), None),))], AS_OF)
    assert not added.steps[-1].duration_known
    assert "plan.addition.risk.no_length" in _keys(added)


def test_an_addition_given_twice_is_refused(route: RoutePlan) -> None:
    with pytest.raises(ValueError, match="demo-grant"):
        with_additions(route, [_grant(), _grant()], AS_OF)


# --- funding -----------------------------------------------------------------------------------


def test_a_grant_s_share_of_the_plan_counts_the_other_additions_cost(route: RoutePlan) -> None:
    free_route = replace(route, cost=Money(0, 0, 0), unknown_fees=[])
    added = with_additions(free_route, [_observership(), _grant()], AS_OF)
    funding = added.additions[1].funding
    assert funding is not None
    assert funding.cost.typical == 2600
    assert funding.bound == "exact"
    assert funding.share == pytest.approx(1000 / 2600)
    assert str(funding.message) == (
        "Demo grant would give 1,000 USD: about 38% of this plan's typical cost of 2,600 USD."
    )
    assert added.additions[0].funding is None


@pytest.mark.parametrize(
    ("covers", "per", "cost", "unknown", "bound", "share", "key"),
    [
        (1000, None, 4000, 0, "exact", 0.25, "plan.addition.funding.share"),
        (1000, None, 4000, 2, "at_most", 0.25, "plan.addition.funding.share.at_most"),
        (1000, "year", 4000, 0, "at_least", 0.25, "plan.addition.funding.share.at_least"),
        (1000, "year", 4000, 2, "unknown", 0.25, "plan.addition.funding.share.unknown"),
        (5000, None, 4000, 0, "exact", 1.0, "plan.addition.funding.covers_all"),
        (5000, None, 4000, 1, "at_most", 1.0, "plan.addition.funding.covers_known"),
        (None, None, 4000, 0, "unknown", None, "plan.addition.funding.amount_unknown"),
        (1000, None, 0, 0, "unknown", None, "plan.addition.funding.no_cost"),
        (1000, None, 0, 3, "unknown", None, "plan.addition.funding.no_known_cost"),
    ],
)
def test_a_funding_share_says_no_more_than_the_facts_allow(
    covers: float | None,
    per: str | None,
    cost: float,
    unknown: int,
    bound: str,
    share: float | None,
    key: str,
) -> None:
    grant = _grant(covers=None if covers is None else Money(covers, covers, covers), covers_per=per)
    found = funding_share(grant, Money(cost, cost, cost), unknown)
    assert (found.bound, found.share, found.message.key) == (bound, share, key)


def test_with_fees_of_unknown_amount_the_share_is_at_most_and_says_why() -> None:
    found = funding_share(_grant(), Money(3000, 4000, 5000), 2)
    assert str(found.message) == (
        "Demo grant would give 1,000 USD: at most 25% of this plan's cost, which is at least 4,000 USD "
        "because 2 fees have no known amount."
    )


# --- exports -----------------------------------------------------------------------------------


def test_the_json_gains_the_additions_and_keeps_every_field(route: RoutePlan) -> None:
    before = route_plan_json(route)
    added = with_additions(route, [_observership(), _grant()], AS_OF)
    data = json.loads(json.dumps(plans_json(PlanSet(AS_OF, [added]))))
    after = data["plans"][0]
    assert set(before) <= set(after)
    assert [a["id"] for a in after["additions"]] == ["demo-observership", "demo-grant"]
    step = after["steps"][-1]
    assert step["addition"] == "demo-grant"
    assert step["name_message"] == {
        "key": "plan.addition.step.apply",
        "params": {"addition": "demo-grant", "addition_name": "Demo grant"},
    }
    assert after["additions"][1]["funding"]["bound"] in ("exact", "at_most")
    answer = PlanAnswer.model_validate(data)
    assert answer.model_dump(mode="json", exclude_unset=True) == data


def test_the_calendar_has_all_day_events_for_the_additions_deadlines_and_sessions(route: RoutePlan) -> None:
    rulebook_day = next((day for day, _ in route.deadline_messages), None)
    grant = _grant(deadline=rulebook_day) if rulebook_day else _grant()
    added = with_additions(route, [_observership(), grant], AS_OF)
    body = plans_to_ics(PlanSet(AS_OF, [added]))
    events = {str(e["UID"]): e for e in Calendar.from_ical(body).walk("VEVENT")}
    deadline = events["us-tn.traditional.demo-observership.deadline.2026-12-31@imgpath"]
    assert deadline.decoded("DTSTART") == date(2026, 12, 31)
    assert deadline.decoded("DTEND") == date(2027, 1, 1)
    assert b"DTSTART;VALUE=DATE:20261231" in body
    session = events["us-tn.traditional.demo-observership.session@imgpath"]
    assert (session.decoded("DTSTART"), session.decoded("DTEND")) == (date(2027, 3, 1), date(2027, 3, 27))
    grant_day = (grant.deadline or AS_OF).isoformat()
    assert f"us-tn.traditional.demo-grant.deadline.{grant_day}@imgpath" in events
    if rulebook_day:  # the same day as a rulebook deadline: both events, each with its own UID
        assert f"us-tn.traditional.deadline.{grant_day}@imgpath" in events


# --- invariants --------------------------------------------------------------------------------

days = st.dates(min_value=AS_OF - timedelta(days=60), max_value=AS_OF + timedelta(days=400))
amounts = st.one_of(st.none(), st.floats(min_value=0, max_value=20_000, allow_nan=False))


@st.composite
def additions(draw: st.DrawFn) -> list[Addition]:
    count = draw(st.integers(min_value=0, max_value=3))
    found = []
    ends = st.one_of(st.none(), st.just(timedelta(weeks=4)))
    for number in range(count):
        sessions = []
        for start in draw(st.lists(days, max_size=3)):
            length = draw(ends)
            sessions.append((start, None if length is None else start + length))
        found.append(
            Addition(
                id=f"listing-{number}",
                name=f"Listing {number}",
                kind=draw(st.sampled_from(["opportunity", "funding"])),
                deadline=draw(st.one_of(st.none(), days)),
                lead_time_days=draw(st.one_of(st.none(), st.integers(min_value=0, max_value=120))),
                sessions=tuple(sessions),
                weeks=draw(st.one_of(st.none(), st.just((2.0, 6.0)))),
                application_fees=tuple(_fee("application", a) for a in draw(st.lists(amounts, max_size=1))),
                fees=tuple(_fee(f"fee_{n}", a) for n, a in enumerate(draw(st.lists(amounts, max_size=2)))),
                covers=draw(st.one_of(st.none(), st.just(Money(500, 500, 500)))),
            )
        )
    return found


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=additions())
def test_additions_never_lower_the_known_cost_and_leave_the_plan_as_it_was(
    route: RoutePlan, chosen: list[Addition]
) -> None:
    before = json.dumps(route_plan_json(route), sort_keys=True)
    added = with_additions(route, chosen, AS_OF)
    for reading in ("low", "typical", "high"):
        assert getattr(added.cost, reading) >= getattr(route.cost, reading)
    assert len(added.unknown_fees) >= len(route.unknown_fees)
    assert json.dumps(route_plan_json(route), sort_keys=True) == before  # the plan itself is unchanged
    assert with_additions(route, [], AS_OF) is route  # without them, the plan is the plan
    own = [s for s in added.steps if s.addition is None]
    assert own == route.steps
    for step in added.steps:
        if step.addition is not None:
            assert step.start >= AS_OF
            assert step.end >= step.start
    for day, what in added.deadline_messages[len(route.deadline_messages) :]:
        assert day >= AS_OF, what
