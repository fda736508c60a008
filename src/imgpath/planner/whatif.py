"""What-if: the same profile with a few facts assumed, planned again and set against the original.

Assumptions are written the way people say them: ``usmle_step3=passed`` (an exam passed on the plan's
date), ``ecfmg_certified=true``, ``job_offer.state=FL`` (a dotted path into the profile format; a
missing object is created). Values are read as YAML scalars, so ``true``, ``3`` and ``2024-06`` work.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml
from pydantic import ValidationError

from imgpath.engine.profile import Profile
from imgpath.errors import first_problem, input_error
from imgpath.messages import Message, message
from imgpath.planner.model import PlanSet, RoutePlan
from imgpath.yamlio import InputError


def _value(text: str) -> Any:
    try:
        return yaml.safe_load(text) if text.strip() else None
    except yaml.YAMLError:
        return text


def assume(profile: Profile, assumptions: list[str], as_of: date) -> Profile:
    """The profile with each ``path=value`` applied; a bad one raises InputError naming it."""
    # python mode: dates stay PartialDate objects (the JSON dump would turn ``False`` into text)
    data = profile.model_dump(mode="python", exclude_unset=True)
    for assumption in assumptions:
        path, sep, raw = assumption.partition("=")
        path = path.strip()
        if not sep or not path:
            raise InputError(f"'{assumption}' is not an assumption; write FIELD=VALUE", field="--assume")
        value = _value(raw)
        if "." not in path and path not in Profile.model_fields:
            # an exam by its id: usmle_step3=passed, or usmle_step3=2025-06
            passed = as_of.isoformat()[:7] if value in ("passed", True) else value
            if not isinstance(data.get("exams"), dict):
                data["exams"] = {}
            data["exams"][path] = {**(data["exams"].get(path) or {}), "passed": passed}
            data["exams"][path].setdefault("attempts", 1)
            continue
        *parents, leaf = path.split(".")
        target = data
        for part in parents:
            child = target.get(part)
            if not isinstance(child, dict):
                child = target[part] = {}
            target = child
        target[leaf] = value
    try:
        return Profile.model_validate(data)
    except ValidationError as error:
        found = first_problem(error)
        message = f"the assumptions make an invalid profile: {found.message}"
        raise input_error(found, message=message) from None


@dataclass(frozen=True)
class Change:
    """How one route's plan moves under the assumptions."""

    pathway: str
    name: str
    before: RoutePlan
    after: RoutePlan
    changes: list[Message]


def _when(plan: RoutePlan) -> Message:
    if not plan.feasible:
        return message("whatif.when.closed")
    if plan.full_license:
        return message("whatif.when.full_license", day=plan.full_license[1])
    if plan.first_license:
        return message("whatif.when.first_license", day=plan.first_license[1])
    return message("whatif.when.no_date")


def compare(before: PlanSet, after: PlanSet) -> list[Change]:
    """Every route whose verdict, dates, cost, steps or lapses differ, with the differences in words."""
    old = {p.pathway: p for p in before.plans}
    found: list[Change] = []
    for plan in after.plans:
        previous = old.get(plan.pathway)
        if previous is None:
            continue
        changes = []
        if previous.verdict != plan.verdict:
            changes.append(message("whatif.verdict", before=previous.verdict, after=plan.verdict))
        if _when(previous) != _when(plan):
            changes.append(message("whatif.when", before=_when(previous), after=_when(plan)))
        if previous.cost != plan.cost:
            changes.append(
                message("whatif.cost", before=previous.cost.typical, after=plan.cost.typical, currency="USD")
            )
        dropped = [s for s in previous.steps if s.id not in {t.id for t in plan.steps}]
        added = [s for s in plan.steps if s.id not in {t.id for t in previous.steps}]
        if dropped:
            changes.append(
                message(
                    "whatif.dropped", steps=[s.step for s in dropped], steps_names=[s.name for s in dropped]
                )
            )
        if added:
            changes.append(
                message("whatif.added", steps=[s.step for s in added], steps_names=[s.name for s in added])
            )
        if bool(previous.lapses) != bool(plan.lapses):
            changes.append(message("whatif.lapse_gone" if previous.lapses else "whatif.lapse_new"))
        if changes:
            found.append(Change(plan.pathway, plan.name, previous, plan, changes))
    return found
