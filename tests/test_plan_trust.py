"""Plans people can trust: a date that waits for a step no source gives a duration for is "at least",
with no latest date; a cost with fees of unknown amount is "at least" (never a sum that counts them
as 0); and neither can put a plan ahead in the ranking."""

from __future__ import annotations

import re
from datetime import date

import pytest
from rich.console import Console
from typer.testing import CliRunner

import imgpath.cli.plan as plan_cli
from imgpath.cli.main import app
from imgpath.engine.profile import Profile
from imgpath.messages import Message, message
from imgpath.planner import plan, plans_json, rank, why
from imgpath.planner.model import Money, PlannedStep, RoutePlan
from imgpath.rulebook.loader import default_rulebook
from profiles_for_plans import EXAMPLE, RECENT_GRADUATE, experienced_internist, recent_graduate

AS_OF = date(2026, 11, 25)
TEXAS = "us-tx.foreign_license_holder_provisional_license"


def _texas() -> RoutePlan:
    return plan(experienced_internist(), default_rulebook(), as_of=AS_OF, route=TEXAS).plans[0]


def test_every_date_after_a_step_without_duration_is_a_lower_bound() -> None:
    route = _texas()
    unknown = [s for s in route.steps if not s.duration_known]
    assert unknown, "the Texas route has steps no source gives a duration for"
    for step in route.steps:
        waits = step.id in {u.id for u in unknown} or any(r in {u.id for u in unknown} for r in step.requires)
        if waits:
            assert step.at_least, step.id
    assert route.first_license_rests_on
    assert route.full_license_rests_on
    assert route.time_at_least
    data = plans_json(plan(experienced_internist(), default_rulebook(), as_of=AS_OF, route=TEXAS))["plans"][0]
    assert data["time_at_least"] is True
    assert data["full_license_at_least"] is True
    assert set(data["unknown_durations"]) >= {"job_offer_search", "provisional_license"}
    for step in data["steps"]:
        if step["at_least"]:
            assert step["end_range"]["high"] is None, step["id"]
            assert step["rests_on"], step["id"]


def test_a_step_with_known_durations_only_keeps_its_range() -> None:
    route = _texas()
    fully = [s for s in route.steps if not s.rests_on]
    for step in fully:
        assert step.duration_known
        assert not step.at_least


def _route(name: str, full: date, rests: list[str], cost: float, unknown_fees: int) -> RoutePlan:
    step = PlannedStep(
        id="s",
        step="s",
        name="s",
        kind="license",
        start=AS_OF,
        end=full,
        end_low=full,
        end_high=full,
        requires=[],
        duration_known=not rests,
        rests_on=rests,
    )
    return RoutePlan(
        jurisdiction="US-XX",
        pathway=name,
        name=name,
        kind="alternative",
        verdict="needs_steps",
        route_status="effective",
        confidence="primary",
        feasible=True,
        reason=message("route.all_hold"),
        steps=[step],
        full_license=(full, full, full),
        first_license=(full, full, full),
        full_license_rests_on=rests,
        first_license_rests_on=rests,
        cost=Money(cost, cost, cost),
        unknown_fees=[f"fee {n}" for n in range(unknown_fees)],
    )


def test_an_unknown_duration_never_ranks_a_plan_ahead() -> None:
    known = _route("known", date(2031, 1, 1), [], 5000, 0)
    rests = _route("rests", date(2027, 3, 1), ["job_offer_search"], 5000, 0)
    assert [p.pathway for p in rank([rests, known])] == ["known", "rests"]
    assert [p.pathway for p in rank([known, rests])] == ["known", "rests"]


def test_an_unknown_fee_never_ranks_a_plan_ahead_by_cost() -> None:
    known = _route("known", date(2030, 1, 1), [], 9000, 0)
    cheap = _route("cheap", date(2030, 1, 1), [], 0, 2)
    assert [p.pathway for p in rank([cheap, known], by="cost")] == ["known", "cheap"]


def test_unknown_fees_are_never_summed_as_zero_in_json() -> None:
    data = plans_json(plan(experienced_internist(), default_rulebook(), as_of=AS_OF, route=TEXAS))["plans"][0]
    assert data["unknown_fees"]
    assert data["cost_at_least"] is True
    assert data["unknown_fee_count"] == len(data["unknown_fees"])


@pytest.fixture
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_cli, "out", Console(width=300, color_system=None))


@pytest.mark.usefixtures("wide_console")
def test_the_cli_says_at_least_and_never_usd_0_for_unknown_fees() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["plan", str(EXAMPLE), "--state", "TX", "--as-of", "2026-11-25"])
    assert result.exit_code == 0, result.output
    assert not re.search(r"Cost: 0 USD", result.output)
    assert "at least" in result.output
    detail = runner.invoke(app, ["plan", str(EXAMPLE), "--route", TEXAS, "--as-of", "2026-11-25"])
    assert detail.exit_code == 0, detail.output
    assert "Total cost: 0 USD" not in detail.output
    assert "First license: at least" in detail.output
    assert "Full license: after the first license; no date" in detail.output  # never the first's day


def test_step2_ck_is_scheduled_after_step1_for_someone_who_has_passed_neither() -> None:
    plans = plan(recent_graduate(), default_rulebook(), as_of=AS_OF, states=["TN"])
    checked = 0
    for route in plans.plans:
        ends = {s.step: s.end for s in route.steps}
        starts = {s.step: s.start for s in route.steps}
        if "usmle_step1" in ends and "usmle_step2_ck" in starts:
            assert starts["usmle_step2_ck"] >= ends["usmle_step1"], route.pathway
            checked += 1
    assert checked


def test_someone_who_passed_step2_ck_first_is_not_held_back_by_step1() -> None:
    data = {
        **RECENT_GRADUATE,
        "exams": {**RECENT_GRADUATE["exams"], "usmle_step2_ck": {"passed": "2026-06-01"}},
    }
    profile = Profile.model_validate(data)
    plans = plan(profile, default_rulebook(), as_of=AS_OF, states=["TN"])
    for route in plans.plans:
        assert all(s.step != "usmle_step2_ck" for s in route.steps), route.pathway


SURCHARGE = "usmle_international_surcharge_step1"


def _fees(extra: dict[str, object]) -> set[str]:
    profile = Profile.model_validate({**RECENT_GRADUATE, **extra})
    plans = plan(profile, default_rulebook(), as_of=AS_OF, states=["MI"])
    return {f.id for route in plans.plans for s in route.steps for f in s.fees}


@pytest.mark.parametrize(
    ("extra", "charged"),
    [
        ({"residence": {"state": "MI"}, "immigration": {"status": "green_card"}}, False),
        ({"residence": {"state": "MI"}, "immigration": None}, False),
        ({"immigration": {"status": "h4_ead"}}, False),
        ({"immigration": {"status": "abroad", "work_authorized": False}}, True),
        ({"immigration": {"status": "other"}}, True),
        ({"immigration": None}, True),
    ],
)
def test_the_international_test_surcharge_follows_where_the_person_lives(
    extra: dict[str, object], charged: bool
) -> None:
    fees = _fees(extra)
    assert "usmle_step1_registration" in fees
    assert (SURCHARGE in fees) is charged


def _steps(route: RoutePlan) -> dict[str, PlannedStep]:
    return {s.id: s for s in route.steps}


def _with(immigration: dict[str, object] | None, route: str) -> RoutePlan:
    profile = Profile.model_validate({**RECENT_GRADUATE, "immigration": immigration})
    return plan(profile, default_rulebook(), as_of=AS_OF, route=route).plans[0]


def test_a_doctor_abroad_gets_ecfmg_j1_sponsorship_after_the_match_and_before_residency() -> None:
    route = _with({"status": "abroad", "work_authorized": False}, "us-tn.traditional")
    steps = _steps(route)
    j1 = steps["j1_sponsorship"]
    assert j1.start >= steps["match_day"].end
    assert j1.end <= steps["gme_start"].start
    assert "j1_sponsorship" in steps["gme_start"].requires
    assert j1.duration_known
    assert (j1.end - j1.start).days == 56  # ECFMG: 6-8 weeks, typically 8
    assert any(r.key == "plan.risk.visa_needed" for r in route.risks)


def test_a_doctor_abroad_pays_ecfmg_sevis_and_the_j_visa_fee_for_j1_sponsorship() -> None:
    route = _with({"status": "abroad", "work_authorized": False}, "us-tn.traditional")
    j1 = _steps(route)["j1_sponsorship"]
    amounts = {f.id: f.amount.typical for f in j1.fees if f.amount is not None}
    # ECFMG $370 (checklist of 2023-02-10) + SEVIS $220 (from 2019-06-24) + J visa $185 (from 2023-06-17)
    assert amounts == {"ecfmg_j1_sponsorship_application": 370, "sevis_i901_j1": 220, "mrv_j_visa": 185}
    assert {f.id: f.charged_from for f in j1.fees}["mrv_j_visa"] == date(2023, 6, 17)


def test_the_employers_h1b_filing_fees_are_not_counted_as_the_doctors_cost() -> None:
    route = plan(
        experienced_internist(),
        default_rulebook(),
        as_of=AS_OF,
        route="us-ks.international_physician_provisional_license",
    ).plans[0]
    h1b = _steps(route)["h1b_petition"]
    fees = {f.id: f.amount.typical for f in h1b.fees if f.amount is not None}
    assert fees["mrv_h_visa"] == 205  # the doctor's visa fee at the consulate, from 2023-06-17
    # I-129 ($780), Asylum Program ($600), ACWIA ($1,500) and fraud ($500) fees are the employer's
    assert not {780, 600, 1500, 500} & set(fees.values())


@pytest.mark.parametrize(
    "immigration",
    [
        {"status": "green_card"},
        {"status": "citizen"},
        {"status": "refugee"},
        {"status": "asylee"},
        {"status": "h4_ead"},
        {"status": "abroad", "work_authorized": True},
        {"status": "j1"},
    ],
)
def test_someone_who_may_train_in_the_us_gets_no_visa_step(immigration: dict[str, object]) -> None:
    route = _with(immigration, "us-tn.traditional")
    assert not [s for s in route.steps if s.kind == "visa"], immigration
    assert not any(r.key == "plan.risk.visa_needed" for r in route.risks)


def test_a_doctor_abroad_gets_the_employers_h1b_petition_after_the_license_before_supervised_practice() -> (
    None
):
    route = plan(
        experienced_internist(),
        default_rulebook(),
        as_of=AS_OF,
        route="us-ks.international_physician_provisional_license",
    ).plans[0]
    steps = _steps(route)
    h1b = steps["h1b_petition"]
    assert h1b.start >= steps["provisional_license"].end
    assert steps["supervised_period_1"].start >= h1b.end
    assert "h1b_petition" in steps["supervised_period_1"].requires
    assert any(f.id == "uscis_premium_processing" for f in h1b.fees)


def test_a_permanent_resident_on_a_provisional_route_gets_no_visa_step() -> None:
    profile = Profile.model_validate(
        {
            **experienced_internist().model_dump(mode="json", exclude_none=True),
            "immigration": {"status": "green_card"},
        }
    )
    route = plan(
        profile, default_rulebook(), as_of=AS_OF, route="us-ks.international_physician_provisional_license"
    ).plans[0]
    assert not [s for s in route.steps if s.kind == "visa"]


def test_a_route_that_names_its_own_work_authorization_step_gets_no_second_visa() -> None:
    steps = _steps(_texas())
    assert "work_authorization" in steps
    assert "h1b_petition" not in steps


def test_the_texas_full_license_never_shows_on_the_first_license_day() -> None:
    route = _texas()
    assert route.first_license is not None
    assert route.full_license is None
    assert route.full_license_undated
    assert route.time_at_least
    parts = why(route).args["parts"]
    assert isinstance(parts, tuple)
    assert any(isinstance(p, Message) and p.key == "plan.why.full_license_undated" for p in parts)
    data = plans_json(plan(experienced_internist(), default_rulebook(), as_of=AS_OF, route=TEXAS))["plans"][0]
    assert data["full_license"] is None
    assert data["full_license_undated"] is True
