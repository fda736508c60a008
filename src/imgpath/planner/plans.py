"""The planner's front door: plans for every licensure route, ranked, and what-if comparisons."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal

from imgpath.engine.evaluate import check, facts_for
from imgpath.engine.profile import Profile
from imgpath.messages import Message, message
from imgpath.planner.build import APPLICATION, CONVERSION, PROVISIONAL, STAGE, Drafts, plan_route
from imgpath.planner.model import PlanSet, RoutePlan
from imgpath.planner.odds import match_odds
from imgpath.rulebook.loader import Rulebook
from imgpath.rulebook.schema import Kind

LICENSURE = (Kind.traditional, Kind.alternative, Kind.assistant_physician, Kind.limited)

Ranking = Literal["time", "cost"]

LICENSING = {APPLICATION, PROVISIONAL, STAGE, CONVERSION}
"""The route's own licensing steps: what comes after the work a person does to qualify."""


def plan(
    profile: Profile,
    rulebook: Rulebook,
    *,
    as_of: date | None = None,
    states: Iterable[str] | None = None,
    route: str | None = None,
    rank_by: Ranking = "time",
    steps: bool = True,
) -> PlanSet:
    """Plans for every licensure route (or one), ranked by time to independent practice or by cost.

    ``steps=False``: the same plans in the same order, with their dates, costs and lapses but no
    steps, deadlines or risks (the light answer's, which shows none of those)."""
    day = as_of or profile.evaluation_date()
    checked = check(profile, rulebook, as_of=day, states=states, kinds=LICENSURE)
    facts = facts_for(profile, rulebook, day)
    odds = match_odds(profile, rulebook)
    drafts: Drafts = {}
    plans = [
        plan_route(
            result, rulebook.pathway(result.pathway)[1], rulebook, facts, odds, steps=steps, drafts=drafts
        )
        for result in checked.results
        if route is None or result.pathway == route
    ]
    if route is not None and not plans:
        raise KeyError(route)
    return PlanSet(day, rank(plans, rank_by))


def rank(plans: list[RoutePlan], by: Ranking = "time") -> list[RoutePlan]:
    """Open routes first, those that cannot be reached in time and those with unknown criteria after
    them; then the earliest full license (or the cheapest); routes without a full license last.

    A date that waits for a step without a sourced duration is only a lower bound, and a cost with
    fees of unknown amount is only what is known. Neither can honestly be compared with a figure that
    is fully known, and there is no pessimistic bound to rank by (no source gives the slowest or
    dearest reading of what is unknown). So among routes of the same standing, those whose time (or
    cost) rests on something unknown come after every route whose time (or cost) is fully known, and
    are ranked among themselves by what is known, then by how many unknowns they rest on: an unknown
    can never put a plan ahead.
    """

    def key(plan: RoutePlan) -> tuple[object, ...]:
        reach = plan.independent_practice or (plan.first_license[1] if plan.first_license else None)
        unknown_time = len(plan.full_license_rests_on if plan.full_license else plan.first_license_rests_on)
        when = (0 if plan.full_license else 1, unknown_time > 0, reach or date.max, unknown_time)
        cost = (len(plan.unknown_fees) > 0, plan.cost.typical, len(plan.unknown_fees))
        primary = cost if by == "cost" else when
        secondary = when if by == "cost" else cost
        unreachable = bool(plan.lapses and plan.lapses[0].act_by is None)
        return (not plan.feasible, unreachable, plan.verdict == "unknown", primary, secondary)

    return sorted(plans, key=key)


def why(plan: RoutePlan) -> Message:
    """One line on why the route ranks where it does: what is left, how long the license stages are,
    and what could close or is unknown."""
    if not plan.feasible:
        return message("plan.why.closed", reason=plan.reason)
    parts = []
    todo = [s for s in plan.steps if s.step not in LICENSING and s.milestone is None]
    if todo:
        shown = {"steps": [s.step for s in todo[:4]], "steps_names": [s.name for s in todo[:4]]}
        if len(todo) > 4:
            parts.append(message("plan.why.steps_left.more", **shown, more=len(todo) - 4))
        else:
            parts.append(message("plan.why.steps_left", **shown))
    else:
        parts.append(message("plan.why.nothing_to_do"))
    stages = [s for s in plan.steps if s.step == "supervised_period"]
    if stages and all(s.duration_known for s in stages):
        months = round(sum((s.end - s.start).days for s in stages) / 30.44)
        then = "plan.why.supervised.before_full" if plan.full_license else "plan.why.supervised.this_license"
        parts.append(message(then, months=months))
    elif stages:
        parts.append(message("plan.why.supervised.length_unknown"))
    if plan.full_license_undated:
        parts.append(message("plan.why.full_license_undated"))
    elif plan.full_license is None and plan.first_license is not None:
        parts.append(message("plan.why.no_full_license"))
    if plan.lapses:
        lapse = plan.lapses[0]
        if lapse.act_by:
            parts.append(message("plan.why.lapse.act_by", closes_on=lapse.closes_on, act_by=lapse.act_by))
        else:
            parts.append(message("plan.why.lapse.too_late", closes_on=lapse.closes_on))
    if plan.verdict == "unknown":
        parts.append(message("plan.why.unknown"))
    return message("plan.why", parts=parts)
