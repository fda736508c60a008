"""Invariants that must hold for every valid profile, checked with generated profiles."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imgpath.engine import evaluate
from imgpath.engine.criteria import Context, practice_years, training_years
from imgpath.engine.evaluate import RouteResult, check
from imgpath.engine.facts import Facts
from imgpath.engine.profile import Profile
from imgpath.engine.serialize import check_json
from imgpath.engine.verdict import CriterionResult, Verdict
from imgpath.planner.model import PlanSet
from imgpath.planner.needs import relevant_leaves
from imgpath.planner.plans import plan
from imgpath.rulebook.loader import default_rulebook
from imgpath.rulebook.vocabulary import PracticeYears, TrainingYears, Where

COUNTRIES = st.sampled_from(["IN", "PK", "NG", "EG", "PH", "US", "GB"])
STATES = st.sampled_from(["TN", "FL", "IL", "TX", "VA", "WI", "NY", "CA"])
days = st.dates(min_value=date(1995, 1, 1), max_value=date(2030, 12, 31))


def month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


@st.composite
def periods(draw: st.DrawFn, with_kind: bool) -> dict[str, Any]:
    start = draw(days)
    entry: dict[str, Any] = {"country": draw(COUNTRIES)}
    if draw(st.integers(0, 4)) == 0:  # people who know how long, not when
        entry["years"] = draw(st.sampled_from([1, 2, 3, 4.5, 9]))
    else:
        entry["start"] = draw(st.sampled_from([month(start), start.isoformat()]))
    if "start" in entry and draw(st.booleans()):
        end = draw(st.dates(min_value=start, max_value=date(2031, 12, 31)))
        entry["end"] = month(end)
    if with_kind:
        entry["kind"] = draw(st.sampled_from(["internship", "residency", "fellowship", "other"]))
        entry["completed"] = draw(st.sampled_from([True, False, None]))
    return entry


exam_result = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {},
        optional={
            "passed": st.one_of(days.map(date.isoformat), st.just(True)),
            "attempts": st.integers(0, 8),
            "score": st.integers(180, 280),
        },
    ),
)

optional_fields: dict[str, st.SearchStrategy[Any]] = {
    "citizenship": st.lists(COUNTRIES, max_size=2),
    "medical_school": st.fixed_dictionaries(
        {"country": COUNTRIES}, optional={"graduated": days.map(month), "listed_in_wdoms": st.booleans()}
    ),
    "ecfmg_certified": st.one_of(st.booleans(), st.none(), days.map(date.isoformat)),
    "exams": st.dictionaries(
        st.sampled_from(["usmle_step1", "usmle_step2_ck", "usmle_step3", "oet_medicine"]),
        exam_result,
        max_size=4,
    ),
    "training": st.lists(periods(True), max_size=3),
    "practice": st.lists(periods(False), max_size=3),
    "licenses": st.lists(
        st.fixed_dictionaries(
            {
                "jurisdiction": COUNTRIES,
                "status": st.sampled_from(["active", "inactive", "lapsed", "revoked"]),
            },
            optional={"discipline": st.booleans(), "lapsed": days.map(month)},
        ),
        max_size=2,
    ),
    "us_gme_years": st.one_of(st.none(), st.floats(0, 7)),
    "job_offer": st.one_of(
        st.none(),
        st.fixed_dictionaries(
            {"state": STATES},
            optional={
                "employer_type": st.sampled_from(["hospital", "fqhc", "group_practice", "other"]),
                "full_time": st.booleans(),
                "shortage_area": st.booleans(),
                "acgme_sponsor": st.booleans(),
                "assessment_program": st.booleans(),
                "state_program": st.booleans(),
                "appalachian_region": st.booleans(),
            },
        ),
    ),
    "immigration": st.fixed_dictionaries(
        {},
        optional={
            "status": st.sampled_from(
                ["abroad", "j1", "h1b", "green_card", "citizen", "refugee", "asylee", "tps"]
            ),
            "work_authorized": st.booleans(),
        },
    ),
    "residence": st.one_of(
        st.none(), st.fixed_dictionaries({"state": STATES}, optional={"since": days.map(month)})
    ),
    "credentials": st.dictionaries(
        st.sampled_from(["specialty_board_certification", "dean_recommendation", "state_letter_of_support"]),
        st.one_of(st.booleans(), days.map(month)),
        max_size=2,
    ),
}
profiles = st.fixed_dictionaries({}, optional=optional_fields)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=profiles, as_of=st.dates(min_value=date(2015, 1, 1), max_value=date(2032, 12, 31)))
def test_evaluation_never_crashes_and_not_yet_looks_forward(data: dict[str, Any], as_of: date) -> None:
    profile = Profile.model_validate(data)
    result = check(profile, default_rulebook(), as_of=as_of)
    assert result.results
    for route in result.results:
        if route.verdict is Verdict.not_yet:
            assert route.eligible_from is not None, route.pathway
            assert route.eligible_from > as_of, route.pathway
        if route.eligible_until is not None and route.verdict is Verdict.eligible:
            assert route.eligible_until >= as_of, route.pathway
        for criterion in route.criteria:
            assert criterion.reason
            if criterion.verdict is Verdict.not_yet:
                assert criterion.eligible_from is not None, criterion.id
                assert criterion.eligible_from > as_of, criterion.id
            if (
                criterion.verdict is Verdict.unknown
                and not criterion.children
                and criterion.about == "profile"
            ):
                # the person is asked for a field the profile has: "practice[0].start", "job_offer.state"
                assert criterion.missing, (route.pathway, criterion.id)
                named = {re.split(r"[.\[]", field, maxsplit=1)[0] for field in criterion.missing}
                assert named <= PROFILE_FIELDS, (route.pathway, criterion.id, criterion.missing)


PROFILE_FIELDS = set(Profile.model_fields)


def _combined(combinator: str, parts: list[Verdict]) -> Verdict:
    """What a group's verdict must be, from the verdict table in engine/verdict.py's docstring."""
    if combinator == "not":
        (part,) = parts
        return (
            part
            if part is Verdict.unknown
            else (Verdict.not_eligible if part is Verdict.eligible else Verdict.eligible)
        )
    ranked = sorted(parts, key=lambda verdict: verdict.rank)
    return ranked[-1] if combinator == "all" else ranked[0]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=profiles, as_of=st.dates(min_value=date(2015, 1, 1), max_value=date(2032, 12, 31)))
def test_every_group_answers_what_its_combinator_says(data: dict[str, Any], as_of: date) -> None:
    """A route is the ``all`` of the law in force and its criteria; inside, ``all`` takes the worst
    part, ``any`` the best, ``not`` turns what holds into what fails and leaves an open question open."""
    for route in check(Profile.model_validate(data), default_rulebook(), as_of=as_of).results:
        assert route.verdict is _combined("all", [part.verdict for part in route.parts]), route.pathway
        for group in route.criteria:
            if group.children:
                assert group.combinator is not None, (route.pathway, group.id)
                expected = _combined(group.combinator, [child.verdict for child in group.children])
                assert group.verdict is expected, (route.pathway, group.id)


MET = {Verdict.eligible}


def _within_bounds(result: CriterionResult | RouteResult) -> bool:
    return result.best_case.rank <= result.verdict.rank <= result.worst_case.rank


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=profiles, as_of=st.dates(min_value=date(2015, 1, 1), max_value=date(2032, 12, 31)))
def test_bounds_hold_the_verdict_and_only_open_questions_part_them(data: dict[str, Any], as_of: date) -> None:
    """best_case <= verdict <= worst_case everywhere; a route's bounds differ exactly when a question
    is open, and a criterion failing for good leaves nothing open."""
    result = check(Profile.model_validate(data), default_rulebook(), as_of=as_of)
    for route in result.results:
        assert _within_bounds(route.root), route.pathway
        assert (route.best_case is not route.worst_case) == bool(route.open_questions), route.pathway
        if route.verdict is Verdict.not_eligible:
            assert route.best_case is route.worst_case is Verdict.not_eligible, route.pathway
        if route.verdict is not Verdict.eligible:
            assert route.headline, route.pathway
        for criterion in route.criteria:
            assert _within_bounds(criterion), (route.pathway, criterion.id)
            if criterion.verdict is not Verdict.unknown and not criterion.children:
                assert criterion.best_case is criterion.worst_case is criterion.verdict
        for question in route.open_questions:
            assert (question.field is None) == (question.about == "rulebook"), (route.pathway, question)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=profiles, as_of=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
def test_no_plan_schedules_a_cure_after_its_deadline_without_saying_so(
    data: dict[str, Any], as_of: date
) -> None:
    """A step that cures a criterion with a deadline (Step 1 within 3 years of graduating) either ends
    by the deadline, or the plan carries a lapse for that day; when even the fastest schedule misses
    it, the lapse says there is no day left to start."""
    plans = plan(Profile.model_validate(data), default_rulebook(), as_of=as_of)
    checked = {
        r.pathway: r for r in check(Profile.model_validate(data), default_rulebook(), as_of=as_of).results
    }
    for route_plan in plans.plans:
        route = checked[route_plan.pathway]
        steps = {s.id: s for s in route_plan.steps}
        for leaf in relevant_leaves(route.root):
            if (
                leaf.verdict is not Verdict.needs_steps
                or leaf.eligible_until is None
                or leaf.step not in steps
            ):
                continue
            assert leaf.eligible_until >= as_of, (route.pathway, leaf.id)  # a passed deadline is final
            step = steps[leaf.step]
            if step.end <= leaf.eligible_until:
                continue
            lapse = next((x for x in route_plan.lapses if x.closes_on == leaf.eligible_until), None)
            assert lapse is not None, (route.pathway, leaf.id, step.end, leaf.eligible_until)
            if step.end_low > leaf.eligible_until:
                assert lapse.act_by is None, (route.pathway, leaf.id)


@settings(max_examples=300, deadline=None)
@given(
    practice=st.lists(periods(False), max_size=3),
    extra=periods(False),
    years=st.sampled_from([1, 2, 3, 4, 5]),
    window=st.sampled_from([None, 3, 4, 5, 6]),
    where=st.sampled_from(list(Where)),
    as_of=st.dates(min_value=date(2015, 1, 1), max_value=date(2032, 12, 31)),
)
def test_more_practice_never_unmeets_a_practice_requirement(
    practice: list[dict[str, Any]],
    extra: dict[str, Any],
    years: int,
    window: int | None,
    where: Where,
    as_of: date,
) -> None:
    if window is not None and window < years:
        window = years
    params = PracticeYears(years=years, window_years=window, where=where)
    ctx = Context(state="TN", curable=False)
    before = practice_years(params, Facts(Profile.model_validate({"practice": practice}), as_of), ctx)
    after = practice_years(
        params, Facts(Profile.model_validate({"practice": [*practice, extra]}), as_of), ctx
    )
    if before.verdict in MET:
        assert after.verdict in MET, (before.reason, after.reason)
    if "start" not in extra:
        return  # a period known only by its length can open a question about the window
    # more dated practice never makes the answer worse, nor the day it holds from later, nor the
    # day it stops holding earlier
    assert after.verdict.rank <= before.verdict.rank, (before.reason, after.reason)
    if before.verdict is after.verdict is Verdict.not_yet:
        assert after.eligible_from is not None
        assert before.eligible_from is not None
        assert after.eligible_from <= before.eligible_from, (before.reason, after.reason)
    if before.verdict is after.verdict is Verdict.eligible and before.eligible_until is not None:
        assert after.eligible_until is None or after.eligible_until >= before.eligible_until, (
            before.reason,
            after.reason,
        )


@settings(max_examples=200, deadline=None)
@given(
    training=st.lists(periods(True), max_size=3),
    extra=periods(True),
    years=st.sampled_from([1, 2, 3]),
    as_of=st.dates(min_value=date(2015, 1, 1), max_value=date(2032, 12, 31)),
)
def test_more_completed_training_never_unmeets_a_training_requirement(
    training: list[dict[str, Any]], extra: dict[str, Any], years: int, as_of: date
) -> None:
    params = TrainingYears(years=years, where=Where.any)
    ctx = Context(state="TN", curable=False)
    extra = {**extra, "completed": True}
    before = training_years(params, Facts(Profile.model_validate({"training": training}), as_of), ctx)
    after = training_years(
        params, Facts(Profile.model_validate({"training": [*training, extra]}), as_of), ctx
    )
    if before.verdict in MET:
        assert after.verdict in MET, (before.reason, after.reason)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=profiles,
    second=profiles,
    as_of=st.dates(min_value=date(2015, 1, 1), max_value=date(2032, 12, 31)),
)
def test_results_shared_between_profiles_never_leak(
    first: dict[str, Any], second: dict[str, Any], as_of: date
) -> None:
    """The engine reuses equal criterion results across profiles and clears them when the table is
    full: a profile's answers must not depend on who was checked before it, or on a clear between."""
    rulebook = default_rulebook()
    a, b = Profile.model_validate(first), Profile.model_validate(second)
    alone = check_json(check(a, rulebook, as_of=as_of))
    for limit in (50, 10**9):  # cleared at every check, then never
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(evaluate._Shared, "LIMIT", limit)
            check(b, rulebook, as_of=as_of)
            assert check_json(check(a, rulebook, as_of=as_of)) == alone


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=profiles)
def test_a_profile_survives_a_round_trip_through_json(data: dict[str, Any]) -> None:
    """The web app stores profiles as JSON and the planner's what-if edits a dump: nothing may change."""
    profile = Profile.model_validate(data)
    for mode in ("json", "python"):
        again = Profile.model_validate(profile.model_dump(mode=mode, exclude_unset=True))
        assert again == profile


def _ranked(plans: PlanSet) -> list[tuple[object, ...]]:
    """What the light answer shows and what ranks a plan, in plan order."""
    return [
        (
            p.pathway,
            p.verdict,
            p.deciding,
            p.first_license,
            p.full_license,
            p.full_license_undated,
            p.first_license_rests_on,
            p.full_license_rests_on,
            p.cost,
            p.unknown_fees,
            p.lapses,
            [q.field for q in p.open_questions],
        )
        for p in plans.plans
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=profiles,
    as_of=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    by=st.sampled_from(["time", "cost"]),
)
def test_the_light_plan_dates_costs_and_ranks_as_the_full_one(
    data: dict[str, Any], as_of: date, by: Literal["time", "cost"]
) -> None:
    """``?fields=summary`` plans without listing steps: its routes, their order, dates, "at least",
    costs, unknown fees and lapses are the full plan's, for every profile and both rankings."""
    profile = Profile.model_validate(data)
    full = plan(profile, default_rulebook(), as_of=as_of, rank_by=by)
    light = plan(profile, default_rulebook(), as_of=as_of, rank_by=by, steps=False)
    assert _ranked(light) == _ranked(full)
    assert all(not p.steps and not p.risks for p in light.plans)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=profiles, as_of=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
def test_a_route_planned_alone_is_the_same_route_in_the_whole_plan(data: dict[str, Any], as_of: date) -> None:
    """The routes of one plan share the steps they draft (fifty residency routes need the same exams
    and Match): planned alone, with nothing to share, each route comes out the same, steps and all."""
    profile = Profile.model_validate(data)
    whole = plan(profile, default_rulebook(), as_of=as_of, states=["TX", "TN", "FL", "VA", "WI"])
    for route_plan in whole.plans:
        (alone,) = plan(profile, default_rulebook(), as_of=as_of, route=route_plan.pathway).plans
        assert alone == route_plan, route_plan.pathway
