"""What the rulebook does not yet know, route by route: the curator's to-do list.

Five kinds of gap, each a place where a verdict can come out ``unknown`` for reasons of the law
rather than of the person: requirements whose content was not found (``unverified_requirement``),
values left ``null``, status events without a date, routes resting only on secondary or unverified
sources, and sources read more than a year ago.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from imgpath.rulebook.loader import Rulebook
from imgpath.rulebook.schema import Confidence, Criterion, Group, Node, Pathway
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


def _criteria(nodes: list[Node]) -> Iterator[Criterion]:
    for node in nodes:
        if isinstance(node, Group):
            yield from _criteria(node.children)
        else:
            yield node


def route_gaps(jurisdiction: str, pathway: Pathway, today: date) -> RouteGaps:
    gaps = RouteGaps(jurisdiction, pathway.id, pathway.name)
    for criterion in _criteria(pathway.criteria):
        if criterion.type is CriterionType.unverified_requirement:
            searched = (
                f" (searched: {'; '.join(criterion.searched)})"
                if criterion.searched
                else " (nothing searched recorded)"
            )
            gaps.unverified_requirements.append(f"{criterion.id}: {criterion.summary}{searched}")
        for start, raw in (criterion.values or {}).items():
            for key, value in (raw or {}).items():
                if value is None:
                    gaps.unknown_values.append(f"{criterion.id}.{key} from {start.isoformat()}")
    for fee in pathway.fees:
        for start, amount in fee.values.items():
            if amount is None:
                gaps.unknown_values.append(f"fee {fee.id} from {start.isoformat()}")
    for stage in pathway.stages:
        if stage.months is None:
            gaps.unknown_values.append(f"stage '{stage.name}': its length in months")
    for event in pathway.status:
        if event.date is None:
            bounds = [
                f"by {event.no_later_than.isoformat()}" if event.no_later_than else "",
                f"not before {event.not_before.isoformat()}" if event.not_before else "",
                f"before {event.first_seen.isoformat()} (first seen)" if event.first_seen else "",
            ]
            known = " ".join(b for b in bounds if b) or "no date at all"
            gaps.undated_statuses.append(f"{event.status.value}: {known}")
    if pathway.confidence in (Confidence.secondary, Confidence.unverified):
        gaps.secondary_only.append(f"the route's sources are {pathway.confidence.value}")
    if pathway.as_of is None or today - pathway.as_of > STALE_AFTER:
        read = pathway.as_of.isoformat() if pathway.as_of else "never"
        gaps.stale_sources.append(f"sources last read {read}")
    return gaps


def rulebook_gaps(rulebook: Rulebook, today: date) -> list[RouteGaps]:
    """Every route's gaps, in the rulebook's order (federal files, then states by code)."""
    return [route_gaps(j.jurisdiction, pathway, today) for j, pathway in rulebook.pathways]


def totals(found: list[RouteGaps]) -> dict[str, int]:
    """How many gaps of each kind, and how many routes have at least one."""
    counts = {kind: sum(g.count(kind) for g in found) for kind in KINDS}
    counts["routes_with_gaps"] = sum(1 for g in found if g.total)
    counts["routes"] = len(found)
    return counts
