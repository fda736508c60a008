"""Verdicts, what a criterion or a route answers, and how answers combine.

Ordered from best to worst: eligible < not_yet < unknown < needs_steps < not_eligible. ``all`` takes
the worst of its parts, ``any`` the best; the dates follow the part that decided. So a criterion that
fails for good decides ``not_eligible`` whatever is unknown, and a step the person can take outranks
an open question ("needs steps, and one question open"), while an ``any`` with an unknown branch stays
open. Every result also carries its bounds, ``best`` and ``worst``: the verdicts it would have if
every open question were answered in the person's favour, or against them (three-valued logic).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from imgpath.rulebook.schema import Source

__all__ = [
    "CriterionResult",
    "Outcome",
    "Source",
    "Verdict",
    "bounds",
    "combine_all",
    "combine_any",
    "negate",
]
from imgpath.messages import Message


class Verdict(StrEnum):
    eligible = "eligible"
    not_yet = "not_yet"
    needs_steps = "needs_steps"
    unknown = "unknown"
    not_eligible = "not_eligible"

    @property
    def rank(self) -> int:
        return _RANK[self]


_ORDER = (Verdict.eligible, Verdict.not_yet, Verdict.unknown, Verdict.needs_steps, Verdict.not_eligible)
_RANK = {v: i for i, v in enumerate(_ORDER)}


@dataclass(slots=True)
class Outcome:
    """What one criterion's evaluator found, before the rule's metadata is attached."""

    verdict: Verdict
    reason: Message
    eligible_from: date | None = None
    eligible_until: date | None = None
    missing: tuple[str, ...] = ()
    """Profile fields whose absence made the verdict unknown."""
    worst: Verdict = Verdict.not_eligible
    """For ``unknown``: the verdict if the open question is answered against the person."""
    about: str = "profile"
    """For ``unknown``: who must answer, the profile (``missing`` names the fields) or the rulebook."""


@dataclass(slots=True)
class CriterionResult:
    """One criterion's or group's answer. Read-only by contract: the engine shares equal results
    between profiles (see ``evaluate._Shared``), so change a copy (``dataclasses.replace``).
    """

    id: str
    verdict: Verdict
    reason: Message
    """Why, as a keyed message: ``str(reason)`` is the English sentence."""
    summary: str
    step: str | None = None
    sources: list[Source] = field(default_factory=list)
    eligible_from: date | None = None
    eligible_until: date | None = None
    clause: str | None = None
    confidence: str | None = None
    missing: tuple[str, ...] = ()
    combinator: str | None = None
    """``all``, ``any`` or ``not`` for a group; None for a single criterion."""
    children: list[CriterionResult] = field(default_factory=list)
    deciding: str | None = None
    """For a group: the id of the part that decided it."""
    best: Verdict | None = None
    """The verdict if every open question goes the person's way (None: the verdict itself)."""
    worst: Verdict | None = None
    """The verdict if every open question goes against the person (None: the verdict itself)."""
    about: str = "profile"
    """For an unknown criterion: who must answer, the profile or the rulebook."""
    said: tuple[str | None, dict[str, Any]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    """Its JSON as last written, with the parent it was written under (``serialize.criterion_json``):
    a shared result is written for many profiles. Not copied by ``dataclasses.replace``."""

    @property
    def best_case(self) -> Verdict:
        return self.best or self.verdict

    @property
    def worst_case(self) -> Verdict:
        return self.worst or self.verdict

    def walk(self, depth: int = 0) -> list[tuple[int, CriterionResult]]:
        """This result and every part below it, with their depth, in reading order."""
        rows = [(depth, self)]
        for child in self.children:
            rows.extend(child.walk(depth + 1))
        return rows


def _until_key(result: CriterionResult) -> date:
    return result.eligible_until or date.max


def combine_all(
    children: list[CriterionResult],
) -> tuple[Verdict, CriterionResult | None, date | None, date | None]:
    """Verdict, deciding part, eligible_from and eligible_until of parts that must all hold."""
    if not children:
        return Verdict.eligible, None, None, None
    # one pass, no key functions: this runs for every route of every profile
    worst = children[0]
    worst_rank = _RANK[worst.verdict]
    until: date | None = None
    closing: CriterionResult | None = None
    for child in children:
        rank = _RANK[child.verdict]
        if rank > worst_rank:
            worst, worst_rank = child, rank
        if child.eligible_until is not None and (until is None or child.eligible_until < until):
            until, closing = child.eligible_until, child
    verdict = worst.verdict
    start = None
    deciding: CriterionResult | None = worst
    if verdict is Verdict.not_yet:
        waiting = [c for c in children if c.verdict is Verdict.not_yet and c.eligible_from]
        if waiting:
            deciding = max(waiting, key=lambda c: c.eligible_from or date.min)
            start = deciding.eligible_from
    elif verdict is Verdict.eligible:
        deciding = closing
    return verdict, deciding, start, until


def combine_any(
    children: list[CriterionResult],
) -> tuple[Verdict, CriterionResult | None, date | None, date | None]:
    """Verdict, deciding part and dates of parts of which one is enough."""
    best_rank = min(c.verdict.rank for c in children)
    best = [c for c in children if c.verdict.rank == best_rank]
    verdict = best[0].verdict
    if verdict is Verdict.eligible:
        chosen = max(best, key=_until_key)
    elif verdict is Verdict.not_yet:
        chosen = min(best, key=lambda c: c.eligible_from or date.max)
    else:
        chosen = best[0]
    return verdict, chosen, chosen.eligible_from, chosen.eligible_until


def negate(verdict: Verdict) -> Verdict:
    """``not``: what has not happened (yet) holds; what holds fails; an open question stays open."""
    if verdict is Verdict.unknown:
        return verdict
    return Verdict.not_eligible if verdict is Verdict.eligible else Verdict.eligible


def bounds(combinator: str, children: list[CriterionResult]) -> tuple[Verdict, Verdict]:
    """Best and worst case of a group, from its parts' bounds."""
    if combinator == "not":
        child = children[0]
        return negate(child.worst_case), negate(child.best_case)
    # ranks, not verdicts, and no key functions: this runs once per distinct route result
    rank = _RANK
    best_ranks = [rank[c.best or c.verdict] for c in children]
    worst_ranks = [rank[c.worst or c.verdict] for c in children]
    if combinator == "all":
        return _ORDER[max(best_ranks)], _ORDER[max(worst_ranks)]
    return _ORDER[min(best_ranks)], _ORDER[min(worst_ranks)]
