"""Read an engine verdict as work to do: the steps that would cure unmet criteria, the day the route
opens by itself, and what nobody can tell yet."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from imgpath.engine.evaluate import RouteResult
from imgpath.engine.verdict import CriterionResult, Verdict
from imgpath.rulebook.model import CompiledRoute


@dataclass
class Needs:
    steps: list[str] = field(default_factory=list)
    """Catalogue step ids that cure the unmet criteria, in the rule's reading order."""
    criteria_by_step: dict[str, CriterionResult] = field(default_factory=dict)
    opens_on: date | None = None
    """The latest ``eligible_from`` among criteria that will hold by themselves with time."""
    unknown: list[CriterionResult] = field(default_factory=list)
    assumed: list[str] = field(default_factory=list)
    """Steps planned because the profile does not say whether they are done."""


def route_needs(route: RouteResult, compiled: CompiledRoute) -> Needs:
    """What stands between the person and the route. For ``any`` groups only the part the engine chose
    (the best) is followed, so alternatives are not all planned at once. A criterion that is unknown
    because the profile is silent, and that a step can satisfy, is planned as not yet done."""
    needs = Needs()
    _collect(route.root, compiled, needs)
    return needs


def _add(needs: Needs, step: str, result: CriterionResult) -> None:
    if step not in needs.steps:
        needs.steps.append(step)
        needs.criteria_by_step[step] = result


def _collect(result: CriterionResult, compiled: CompiledRoute, needs: Needs) -> None:
    if result.verdict is Verdict.eligible:
        return
    if not result.children:
        if result.verdict is Verdict.needs_steps and result.step:
            _add(needs, result.step, result)
        elif result.verdict is Verdict.not_yet and result.eligible_from:
            needs.opens_on = max(needs.opens_on or result.eligible_from, result.eligible_from)
        elif result.verdict is Verdict.unknown:
            needs.unknown.append(result)
            node = compiled.criterion(result.id) if result.missing else None
            if node is not None and node.step is not None:
                _add(needs, node.step, result)
                needs.assumed.append(node.step)
        return
    if result.combinator == "any":
        chosen = next((c for c in result.children if c.id == result.deciding), result.children[0])
        _collect(chosen, compiled, needs)
    elif result.combinator == "all":
        for child in result.children:
            _collect(child, compiled, needs)
    # ``not``: nothing a step can do


def relevant_leaves(result: CriterionResult) -> list[CriterionResult]:
    """The single criteria the route's verdict rests on: every part of an ``all``, the chosen part of
    an ``any`` (the one the engine judged best), nothing under ``not``."""
    if not result.children:
        return [result]
    if result.combinator == "any":
        chosen = next((c for c in result.children if c.id == result.deciding), result.children[0])
        return relevant_leaves(chosen)
    if result.combinator == "all":
        return [leaf for child in result.children for leaf in relevant_leaves(child)]
    return []
