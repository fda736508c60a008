"""Plans as JSON: the shape the CLI prints and the web API returns (extend it, never rename).

Texts the planner explains itself with keep their English field and gain the message as data beside
it: ``reason_key``/``reason_params``, ``what_key``/``what_params`` for a deadline, and
``risk_messages`` (``{key, params}`` for each of ``risks``), as in the engine's JSON.

``plans_summary_json`` is the light form (the API's ``?fields=summary``): each plan's verdict, the
criterion that decided it, its license dates and its open questions, in English, without steps, fees
or odds; written from the plans, never cut from the full answer.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from imgpath.engine.serialize import NOTICE, keyed, question_summary_json
from imgpath.engine.verdict import Source
from imgpath.planner.model import (
    FundingShare,
    Lapse,
    MatchOdds,
    Money,
    PlannedAddition,
    PlannedStep,
    PlanSet,
    RoutePlan,
)
from imgpath.planner.whatif import Change


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _money(value: Money | None) -> dict[str, float] | None:
    return None if value is None else {"low": value.low, "typical": value.typical, "high": value.high}


def _sources(sources: list[Source]) -> list[dict[str, str | None]]:
    return [source.json for source in sources]


def _range(value: tuple[date, date, date] | None) -> dict[str, str] | None:
    if value is None:
        return None
    return {"low": value[0].isoformat(), "typical": value[1].isoformat(), "high": value[2].isoformat()}


def step_json(step: PlannedStep) -> dict[str, Any]:
    return {
        "id": step.id,
        "step": step.step,
        "name": step.name,
        "kind": step.kind,
        "start": _day(step.start),
        "end": _day(step.end),
        "end_range": {"low": _day(step.end_low), "high": None if step.at_least else _day(step.end_high)},
        "requires": step.requires,
        "duration_known": step.duration_known,
        "window": step.window,
        "milestone": step.milestone,
        "cost": _money(step.cost),
        "fees": [
            {
                "id": f.id,
                "label": f.label,
                "amount": _money(f.amount),
                "charged_from": _day(f.charged_from),
                "confidence": f.confidence,
                "sources": _sources(f.sources),
            }
            for f in step.fees
        ],
        "sources": _sources(step.sources),
        "addition": step.addition,
        "name_message": step.label.as_json() if step.label is not None else None,
        "at_least": step.at_least,
        "rests_on": step.rests_on,
    }


def _funding(funding: FundingShare | None) -> dict[str, Any] | None:
    if funding is None:
        return None
    return {
        "covers": _money(funding.covers),
        "cost": _money(funding.cost),
        "unknown_fees": funding.unknown_fees,
        "share": funding.share,
        "bound": funding.bound,
        **keyed("message", funding.message),
    }


def addition_json(planned: PlannedAddition) -> dict[str, Any]:
    """An addition as the plan placed it; its steps are in the plan's ``steps`` by these ids."""
    addition = planned.addition
    session = planned.session
    return {
        "id": addition.id,
        "name": addition.name,
        "kind": addition.kind,
        "demo": addition.demo,
        "steps": list(planned.steps),
        "apply_by": _day(planned.apply_by),
        "session": None if session is None else {"start": _day(session[0]), "end": _day(session[1])},
        "cost": _money(planned.cost),
        "unknown_fees": list(planned.unknown_fees),
        "covers": _money(addition.covers),
        "covers_per": addition.covers_per,
        "funding": _funding(planned.funding),
        "sources": _sources(list(addition.sources)),
    }


def _lapse(lapse: Lapse) -> dict[str, Any]:
    return {
        "closes_on": _day(lapse.closes_on),
        **keyed("reason", lapse.reason),
        "reached_on": _day(lapse.reached_on),
        "act_by": _day(lapse.act_by),
    }


def odds_json(odds: MatchOdds | None) -> dict[str, Any] | None:
    if odds is None:
        return None
    return {
        "group": odds.group,
        "estimate": odds.estimate,
        "range": None if odds.low is None else {"low": odds.low, "high": odds.high},
        "years": odds.years,
        **keyed("message", odds.message),
        "inputs": [str(line) for line in odds.inputs],
        "input_messages": [line.as_json() for line in odds.inputs],
        "caveats": [str(line) for line in odds.caveats],
        "caveat_messages": [line.as_json() for line in odds.caveats],
        "sources": _sources(odds.sources),
    }


def route_plan_json(plan: RoutePlan) -> dict[str, Any]:
    return {
        "jurisdiction": plan.jurisdiction,
        "pathway": plan.pathway,
        "name": plan.name,
        "kind": plan.kind,
        "verdict": plan.verdict,
        "route_status": plan.route_status,
        "confidence": plan.confidence,
        "feasible": plan.feasible,
        **keyed("reason", plan.reason),
        "first_license": _range(plan.first_license),
        "full_license": _range(plan.full_license),
        "cost": _money(plan.cost),
        "unknown_fees": plan.unknown_fees,
        "cost_at_least": plan.cost_at_least,
        "unknown_fee_count": len(plan.unknown_fees),
        "first_license_at_least": bool(plan.first_license_rests_on),
        "full_license_at_least": bool(plan.full_license_rests_on),
        "full_license_undated": plan.full_license_undated,
        "time_at_least": plan.time_at_least,
        "unknown_durations": plan.unknown_durations,
        "lapses": [_lapse(lapse) for lapse in plan.lapses],
        "deadlines": [{"date": _day(day), **keyed("what", what)} for day, what in plan.deadline_messages],
        "risks": [str(risk) for risk in plan.risks],
        "risk_messages": [risk.as_json() for risk in plan.risks],
        "contingencies": plan.contingencies,
        "odds": odds_json(plan.odds),
        "steps": [step_json(step) for step in plan.steps],
        "additions": [addition_json(added) for added in plan.additions],
    }


def plans_json(plans: PlanSet, changes: list[Change] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "as_of": plans.as_of.isoformat(),
        "notice": NOTICE,
        "assumptions": plans.assumptions,
        "plans": [route_plan_json(plan) for plan in plans.plans],
    }
    if changes is not None:
        data["what_if"] = [
            {
                "pathway": c.pathway,
                "name": c.name,
                "changes": [str(line) for line in c.changes],
                "change_messages": [line.as_json() for line in c.changes],
            }
            for c in changes
        ]
    return data


def route_plan_summary_json(plan: RoutePlan) -> dict[str, Any]:
    return {
        "jurisdiction": plan.jurisdiction,
        "pathway": plan.pathway,
        "kind": plan.kind,
        "verdict": plan.verdict,
        "feasible": plan.feasible,
        "deciding": plan.deciding,
        "reason": str(plan.reason),
        "first_license": _range(plan.first_license),
        "full_license": _range(plan.full_license),
        # the full form's first_license_at_least and full_license_at_least, as one short list
        "at_least": [
            name
            for name, rests_on in (
                ("first_license", plan.first_license_rests_on),
                ("full_license", plan.full_license_rests_on),
            )
            if rests_on
        ],
        "full_license_undated": plan.full_license_undated,
        "open_questions": [question_summary_json(q) for q in plan.open_questions],
    }


def plans_summary_json(plans: PlanSet, changes: list[Change] | None = None) -> dict[str, Any]:
    """The light form of ``plans_json``: the same plans in the same order, their fields a subset;
    ``what_if`` (only with assumptions) names each changed route and what changes, in English."""
    data: dict[str, Any] = {
        "as_of": plans.as_of.isoformat(),
        "notice": NOTICE,
        "assumptions": plans.assumptions,
        "plans": [route_plan_summary_json(plan) for plan in plans.plans],
    }
    if changes is not None:
        data["what_if"] = [
            {"pathway": c.pathway, "changes": [str(line) for line in c.changes]} for c in changes
        ]
    return data
