"""What people rely on from the planner: what-if changes exactly what it should, the residency odds
show their inputs or admit there are too few, and the plan's steps follow the catalogue."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from imgpath.dates import PartialDate
from imgpath.engine.profile import ExamResult, Profile
from imgpath.planner.model import PlanSet, RoutePlan
from imgpath.planner.odds import MINIMUM_YEARS, match_odds
from imgpath.planner.plans import plan, rank
from imgpath.planner.whatif import assume, compare
from imgpath.rulebook.loader import default_rulebook
from imgpath.rulebook.schema import MatchData, MatchGroup, MatchOutcome, Reference
from imgpath.yamlio import InputError
from profiles_for_plans import recent_graduate

AS_OF = date(2026, 11, 25)


def _steps(plans: PlanSet) -> dict[str, list[tuple[str, date, date]]]:
    return {p.pathway: [(s.id, s.start, s.end) for s in p.steps] for p in plans.plans}


def test_assuming_step3_passed_removes_it_and_changes_nothing_else() -> None:
    rulebook = default_rulebook()
    profile = recent_graduate()
    before = plan(profile, rulebook, as_of=AS_OF)
    after = plan(assume(profile, ["usmle_step3=passed"], AS_OF), rulebook, as_of=AS_OF)
    old, new = _steps(before), _steps(after)
    needing = {p for p, steps in old.items() if any(s[0] == "usmle_step3" for s in steps)}
    assert needing, "some route must plan USMLE Step 3 for a graduate who has not taken it"
    for pathway, steps in new.items():
        assert all(s[0] != "usmle_step3" for s in steps), pathway
        if pathway not in needing:
            assert steps == old[pathway], f"{pathway} changed although it never needed Step 3"
    changed = {c.pathway for c in compare(before, after)}
    assert changed <= needing | {p.pathway for p in before.plans if p.verdict != "needs_steps"}
    assert changed & needing


def test_assuming_a_florida_job_offer_moves_only_florida_routes() -> None:
    rulebook = default_rulebook()
    profile = recent_graduate()  # no job offer: a Florida one can only matter in Florida
    assumed = assume(profile, ["job_offer.state=FL", "job_offer.employer_type=hospital"], AS_OF)
    assert assumed.job_offer is not None
    assert assumed.job_offer.state == "FL"
    changes = compare(plan(profile, rulebook, as_of=AS_OF), plan(assumed, rulebook, as_of=AS_OF))
    assert changes
    assert {c.pathway.split(".")[0] for c in changes} <= {"us-fl", "us"}


@pytest.mark.parametrize(
    ("assumption", "field"),
    [("usmle_step3", "--assume"), ("=passed", "--assume"), ("us_gme_years=lots", "us_gme_years")],
)
def test_bad_assumptions_name_the_field(assumption: str, field: str) -> None:
    with pytest.raises(InputError) as raised:
        assume(recent_graduate(), [assumption], AS_OF)
    assert raised.value.field == field


def test_residency_odds_show_inputs_and_range() -> None:
    odds = match_odds(recent_graduate(), default_rulebook())
    assert odds.group == "non_us_img"
    if odds.estimate is None:
        assert odds.message.key == "odds.too_few_years"
    else:
        assert odds.low is not None
        assert odds.high is not None
        assert odds.low <= odds.estimate <= odds.high
        assert len(odds.years) >= MINIMUM_YEARS
        assert odds.message.key == "odds.estimate"
        assert odds.message.args["rate"] == odds.estimate
        years = [line.args["year"] for line in odds.inputs if line.key.startswith("odds.input.year")]
        assert odds.sources
        assert years == odds.years
    assert "specialty" in str(odds.caveats[0])


def test_residency_odds_refuse_a_number_on_thin_data() -> None:
    rulebook = default_rulebook()
    thin = MatchData(
        outcomes=[
            MatchOutcome(
                year=2025,
                group=MatchGroup.non_us_img,
                rate=0.58,
                reference=[Reference(title="NRMP results", href="https://www.nrmp.org/")],
            )
        ]
    )
    original, rulebook.match = rulebook.match, thin
    try:
        odds = match_odds(recent_graduate(), rulebook)
    finally:
        rulebook.match = original
    assert odds.estimate is None
    assert odds.message.key == "odds.too_few_years"
    assert odds.message.args["years"] == 1


def test_traditional_route_plans_the_match_and_a_july_start() -> None:
    plans = plan(recent_graduate(), default_rulebook(), as_of=AS_OF, route="us-tn.traditional")
    route = plans.plans[0]
    ids = [s.id for s in route.steps]
    assert "match_day" in ids
    assert "gme_year_1" in ids
    gme = [s for s in route.steps if s.step == "gme_year"]
    assert len(gme) == 3  # Tennessee requires 3 years of US GME of international graduates
    assert all((s.start.month, s.start.day) == (7, 1) for s in gme)
    assert route.odds is not None
    assert route.full_license is not None
    assert route.full_license[1] >= gme[-1].end


def test_ranking_by_cost_puts_the_cheapest_open_route_first() -> None:
    plans = plan(recent_graduate(), default_rulebook(), as_of=AS_OF, rank_by="cost")
    open_known = [p for p in plans.plans if p.feasible and not p.lapses and p.verdict != "unknown"]
    costs = [p.cost.typical for p in open_known]
    assert costs == sorted(costs)
    by_time = rank(plans.plans, "time")
    reach = [
        p.independent_practice
        for p in by_time
        if p.feasible and p.full_license and not p.lapses and p.verdict != "unknown"
        if p.independent_practice is not None
    ]
    assert reach == sorted(reach)


# Minnesota's traditional route: all three Steps within 7 years of the first pass. Step 1 was passed
# on 2019-03-01, so Step 3 must be passed by 2026-03-01. Step 3 takes 6 weeks at the fastest and
# 3 months typically (catalogue).
STEP3_LIMIT = date(2026, 3, 1)


def _minnesota(as_of: date) -> RoutePlan:
    profile = recent_graduate().model_copy(
        update={
            "ecfmg_certified": PartialDate(2021, 3, 10),
            "exams": {
                "usmle_step1": ExamResult(passed=PartialDate(2019, 3, 1), attempts=1),
                "usmle_step2_ck": ExamResult(passed=PartialDate(2019, 9, 1), attempts=1),
                "usmle_step3": None,
            },
        }
    )
    return plan(profile, default_rulebook(), as_of=as_of, route="us-mn.traditional").plans[0]


def test_a_time_limit_met_in_time_is_a_deadline_not_a_lapse() -> None:
    route = _minnesota(date(2025, 11, 25))  # Step 3 typically done on 2026-02-25
    step3 = next(s for s in route.steps if s.step == "usmle_step3")
    assert step3.end == date(2026, 2, 25)
    assert not route.lapses
    assert (STEP3_LIMIT, "Pass USMLE Step 3 by this day (time limit)") in route.deadlines


def test_a_time_limit_missed_is_a_lapse_with_the_last_day_to_start() -> None:
    route = _minnesota(date(2025, 12, 15))  # typically done on 2026-03-15, two weeks late
    [lapse] = route.lapses
    assert lapse.closes_on == STEP3_LIMIT
    assert lapse.reached_on == date(2026, 3, 15)
    # at the fastest (6 weeks) Step 3 ends on 2026-01-26, 34 days before the limit
    assert lapse.act_by == date(2025, 12, 15) + (STEP3_LIMIT - date(2026, 1, 26))


def test_a_time_limit_out_of_reach_has_no_day_to_start() -> None:
    route = _minnesota(date(2026, 2, 1))  # even 6 weeks ends on 2026-03-15
    [lapse] = route.lapses
    assert lapse.act_by is None


# The same limit at its boundary: Step 3 takes 3 months typically, so starting on 2025-12-01 ends on
# 2026-03-01, the last day of the limit. The fastest reading is 6 weeks (42 days).
@pytest.mark.parametrize(
    ("as_of", "step3_ends", "lapse"),
    [
        (date(2025, 11, 30), date(2026, 2, 28), None),  # a day early: in time
        (date(2025, 12, 1), date(2026, 3, 1), None),  # ends on the last day: still in time
        # a day late: 6 weeks from 2025-12-02 end on 2026-01-13, 47 days before the limit
        (
            date(2025, 12, 2),
            date(2026, 3, 2),
            (date(2026, 3, 2), date(2025, 12, 2) + (STEP3_LIMIT - date(2026, 1, 13))),
        ),
    ],
    ids=["day_before", "day_of", "day_after"],
)
def test_a_time_limit_lapses_the_day_after_the_last_step_can_end_on_it(
    as_of: date, step3_ends: date, lapse: tuple[date, date] | None
) -> None:
    route = _minnesota(as_of)
    step3 = next(s for s in route.steps if s.step == "usmle_step3")
    assert step3.end == step3_ends
    if lapse is None:
        assert not route.lapses
        assert (STEP3_LIMIT, "Pass USMLE Step 3 by this day (time limit)") in route.deadlines
    else:
        [found] = route.lapses
        assert (found.closes_on, found.reached_on, found.act_by) == (STEP3_LIMIT, *lapse)


# Tennessee's 2024 license wants practice abroad "throughout the last 3 years" before applying: practice
# through day E holds until E + 1. On 2025-04-01 a doctor without ECFMG certification first has EPIC
# verify the diploma (3 months typically, 1 month at the fastest; the certificate itself has no
# sourced duration), so the application starts on 2025-07-01 (at the fastest on 2025-05-01).
TN_2024 = "us-tn.foreign_training_license_2024"
TN_APPLICATION = date(2025, 7, 1)
TN_PROFILE: dict[str, Any] = {
    "citizenship": ["IN"],
    "medical_school": {"country": "IN", "graduated": "2012-05", "listed_in_wdoms": True},
    "ecfmg_certified": False,
    "exams": {
        "usmle_step1": {"passed": "2019-03-01", "attempts": 1},
        "usmle_step2_ck": {"passed": "2019-09-01", "score": 245, "attempts": 1},
        "oet_medicine": {"passed": "2020-01-15", "attempts": 1},
    },
    "training": [
        {"country": "IN", "kind": "residency", "start": "2012-07", "end": "2015-06", "completed": True}
    ],
    "licenses": [{"jurisdiction": "IN", "status": "active", "discipline": False}],
    "immigration": {"status": "h1b", "work_authorized": True},
    "job_offer": {"state": "TN", "employer_type": "hospital", "full_time": True, "acgme_sponsor": True},
}


@pytest.mark.parametrize(
    ("practised_until", "closes_on", "lapse"),
    [
        # closes the day before the application: a lapse; the fastest start leaves 2025-05-01..06-30,
        # 60 days, so the last day to start is 2025-04-01 + 60 days
        (date(2025, 6, 29), date(2025, 6, 30), (TN_APPLICATION, date(2025, 5, 31))),
        (date(2025, 6, 30), TN_APPLICATION, None),  # closes on the day of the application: in time
        (date(2025, 7, 1), date(2025, 7, 2), None),  # closes the day after: in time
    ],
    ids=["day_before", "day_of", "day_after"],
)
def test_a_recency_window_lapses_when_it_closes_before_the_application(
    practised_until: date, closes_on: date, lapse: tuple[date, date] | None
) -> None:
    profile = Profile.model_validate(
        {
            **TN_PROFILE,
            "practice": [{"country": "IN", "start": "2015-07", "end": practised_until.isoformat()}],
        }
    )
    route = plan(profile, default_rulebook(), as_of=date(2025, 4, 1), route=TN_2024).plans[0]
    application = next(s for s in route.steps if s.id == "state_license_application")
    assert application.start == TN_APPLICATION
    apply_by = f"Apply for {route.name} by this day: eligibility closes"
    if lapse is None:
        assert not route.lapses
        assert (closes_on, apply_by) in route.deadlines
    else:
        [found] = route.lapses
        assert (found.closes_on, found.reached_on, found.act_by) == (closes_on, *lapse)
        assert (closes_on, apply_by) not in route.deadlines
