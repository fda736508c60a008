"""What the rulebook does not yet know, route by route: the curator's to-do list.

Five kinds of gap, each a place where a verdict can come out ``unknown`` for reasons of the law
rather than of the person: requirements whose content was not found (``unverified_requirement``),
values left ``null``, status events without a date, routes resting only on secondary or unverified
sources, and sources read more than a year ago (the route's, and those of any criterion or fee that
carries its own date: ``sourced.iter_sourced``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from imgpath.rulebook.loader import Rulebook
from imgpath.rulebook.model import CompiledRoute
from imgpath.rulebook.schema import Confidence, Criterion, Pathway
from imgpath.rulebook.sourced import SourcedItem, iter_sourced_route
from imgpath.rulebook.vocabulary import CriterionType

STALE_AFTER = timedelta(days=365)
KINDS = ("unverified_requirements", "unknown_values", "undated_statuses", "secondary_only", "stale_sources")


@dataclass
class RouteGaps:
    """One route's gaps, each a line a curator can act on."""

    jurisdiction: str
    pathway: str
    name: str
    unverified_requirements: list[str] = field(default_factory=list)
    unknown_values: list[str] = field(default_factory=list)
    undated_statuses: list[str] = field(default_factory=list)
    secondary_only: list[str] = field(default_factory=list)
    stale_sources: list[str] = field(default_factory=list)

    def count(self, kind: str) -> int:
        found: list[str] = getattr(self, kind)
        return len(found)

    @property
    def total(self) -> int:
        return sum(self.count(kind) for kind in KINDS)


def is_stale(item: SourcedItem, today: date, after: timedelta = STALE_AFTER) -> bool:
    """Whether an item's own sources (a route's: always its own) were read longer ago than ``after``.

    An item without a date of its own rests on the item around it and is judged there."""
    if item.kind == "route":
        return item.as_of is None or today - item.as_of > after
    return item.as_of is not None and today - item.as_of > after


def route_gaps(route: CompiledRoute, today: date) -> RouteGaps:
    """One route's gaps, its stale sources read from its sourced items (``iter_sourced_route``)."""
    pathway = route.pathway
    criteria = route.criteria_in_order
    return RouteGaps(
        route.jurisdiction,
        pathway.id,
        pathway.name,
        unverified_requirements=_unverified_requirements(criteria),
        unknown_values=_unknown_values(criteria, pathway),
        undated_statuses=_undated_statuses(pathway),
        secondary_only=_secondary_only(pathway),
        stale_sources=_stale_sources(route, today),
    )


def _unverified_requirements(criteria: list[Criterion]) -> list[str]:
    """Requirements whose content was not found, with what was searched."""
    found: list[str] = []
    for criterion in criteria:
        if criterion.type is CriterionType.unverified_requirement:
            searched = (
                f" (searched: {'; '.join(criterion.searched)})"
                if criterion.searched
                else " (nothing searched recorded)"
            )
            found.append(f"{criterion.id}: {criterion.summary}{searched}")
    return found


def _unknown_values(criteria: list[Criterion], pathway: Pathway) -> list[str]:
    """Values left ``null``: a criterion's parameter, a fee, a stage's length."""
    found: list[str] = []
    for criterion in criteria:
        for start, raw in (criterion.values or {}).items():
            for key, value in (raw or {}).items():
                if value is None:
                    found.append(f"{criterion.id}.{key} from {start.isoformat()}")
    for fee in pathway.fees:
        for start, amount in fee.values.items():
            if amount is None:
                found.append(f"fee {fee.id} from {start.isoformat()}")
    found.extend(
        f"stage '{stage.name}': its length in months" for stage in pathway.stages if stage.months is None
    )
    return found


def _undated_statuses(pathway: Pathway) -> list[str]:
    """Status events without a date, with the bounds the rulebook knows."""
    found: list[str] = []
    for event in pathway.status:
        if event.date is None:
            bounds = [
                f"by {event.no_later_than.isoformat()}" if event.no_later_than else "",
                f"not before {event.not_before.isoformat()}" if event.not_before else "",
                f"before {event.first_seen.isoformat()} (first seen)" if event.first_seen else "",
            ]
            known = " ".join(b for b in bounds if b) or "no date at all"
            found.append(f"{event.status.value}: {known}")
    return found


def _secondary_only(pathway: Pathway) -> list[str]:
    if pathway.confidence in (Confidence.secondary, Confidence.unverified):
        return [f"the route's sources are {pathway.confidence.value}"]
    return []


def _stale_sources(route: CompiledRoute, today: date) -> list[str]:
    """The route's sourced items read more than ``STALE_AFTER`` ago."""
    found: list[str] = []
    for item in iter_sourced_route(route):
        if not is_stale(item, today):
            continue
        read = item.as_of.isoformat() if item.as_of else "never"
        what = "" if item.kind == "route" else f"{item.label.removeprefix(route.pathway.id + ' ')}: "
        found.append(f"{what}sources last read {read}")
    return found


def rulebook_gaps(rulebook: Rulebook, today: date) -> list[RouteGaps]:
    """Every route's gaps, in the rulebook's order (federal files, then states by code)."""
    return [route_gaps(route, today) for route in rulebook.routes.values()]


def totals(found: list[RouteGaps]) -> dict[str, int]:
    """How many gaps of each kind, and how many routes have at least one."""
    counts = {kind: sum(g.count(kind) for g in found) for kind in KINDS}
    counts["routes_with_gaps"] = sum(1 for g in found if g.total)
    counts["routes"] = len(found)
    return counts
