"""Judge a list of requirement nodes that is not a rulebook route: a listing's conditions.

A listing (an observership, a grant) states its requirements in the rulebook's criteria vocabulary,
but it is not law: it has no status history to check and its host, not a board, answers for it.
``requirement_set`` compiles the nodes once (equal nodes give one set, whatever listing holds
them); ``evaluate_requirements`` judges a set for one profile on one date and keeps the answer in
the facts' memo, so a search over 1,000 listings sharing 20 requirement sets costs 20 evaluations.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pydantic import TypeAdapter

from imgpath.engine.evaluate import Judged, OpenQuestion, _bind, _Route, _Shared
from imgpath.engine.facts import Facts
from imgpath.engine.verdict import CriterionResult, Verdict, bounds, combine_all
from imgpath.messages import Message, message
from imgpath.rulebook.model import compile_route
from imgpath.rulebook.schema import Kind, Node, Pathway

HOST = "the host"
"""Who answers a requirement whose content is not known: the listing's host, never a board."""
REQUIREMENTS = "requirements"
"""The id of the root of a requirements result (a route's root is the pathway's id)."""

_NODES: TypeAdapter[list[Node]] = TypeAdapter(list[Node])
_SHARED = _Shared()
"""Interned outcomes and shared results for every requirement set (trimmed like a rulebook's)."""


@dataclass(frozen=True, slots=True, eq=False)
class RequirementSet:
    """Requirement nodes compiled and bound to the engine, with the key equal sets share."""

    key: str
    state: str | None
    nodes: tuple[Node, ...]
    bound: _Route


def _key(nodes: Sequence[Node], state: str | None) -> str:
    dumped = _NODES.dump_python(list(nodes), mode="json", by_alias=True, exclude_none=True)
    return f"{state or ''}|{json.dumps(dumped, sort_keys=True, separators=(',', ':'))}"


def requirement_set(nodes: Sequence[Node], state: str | None = None) -> RequirementSet:
    """The nodes compiled once per distinct content; ``state`` is where a job offer or residence
    criterion without its own state is judged (the listing's state)."""
    key = _key(nodes, state)
    found = _SETS.get(key)
    if found is None:
        if len(_SETS) >= MAX_SETS:
            _SETS.clear()
        pathway = Pathway.model_construct(
            id="us.listing", kind=Kind.alternative, name="", summary="", status=[], criteria=list(nodes)
        )
        compiled = compile_route(f"US-{state}" if state else "US", None, pathway, authority=HOST)
        bound = _Route(compiled, [_bind(node) for node in compiled.criteria])
        found = _SETS[key] = RequirementSet(key, state, tuple(nodes), bound)
    return found


MAX_SETS = 4096
"""Distinct requirement sets kept compiled (a catalogue has tens; generated benchmarks thousands)."""
_SETS: dict[str, RequirementSet] = {}


@dataclass(slots=True)
class RequirementsResult(Judged):
    """A requirement set's verdict for one profile on one date: the same parts a route's gives
    (verdict, deciding criterion, dates, bounds, open questions), with no law in force to check."""

    verdict: Verdict
    eligible_from: date | None
    eligible_until: date | None
    deciding: CriterionResult | None
    parts: list[CriterionResult]
    until: date | None
    """The earliest day a part stops holding (``eligible_until`` is None once not eligible)."""
    authority: str = HOST
    _root: CriterionResult | None = None
    _questions: list[OpenQuestion] | None = None
    _headline: Message | None = None

    @property
    def reason(self) -> Message:
        return self.deciding.reason if self.deciding is not None else message("requirements.all_hold")

    @property
    def root(self) -> CriterionResult:
        """The requirements as an ``all`` of their parts, bounds included."""
        if self._root is None:
            verdict = self.verdict
            final = verdict is Verdict.not_eligible or not self.parts
            best, worst = (verdict, verdict) if final else bounds("all", self.parts)
            self._root = CriterionResult(
                id=REQUIREMENTS,
                verdict=verdict,
                reason=self.reason,
                summary="",
                children=self.parts,
                combinator="all",
                deciding=self.deciding.id if self.deciding else None,
                eligible_from=self.eligible_from,
                eligible_until=self.until,
                best=best,
                worst=worst,
            )
        return self._root


def evaluate_requirements(requirements: RequirementSet | Sequence[Node], facts: Facts) -> RequirementsResult:
    """A listing's requirements for the profile in ``facts``: worked out once per set and facts."""
    compiled = requirements if isinstance(requirements, RequirementSet) else requirement_set(requirements)
    memo_key = f"requirements:{compiled.key}"
    found = facts.memo.get(memo_key)
    if found is None:
        found = facts.memo[memo_key] = _evaluate(compiled, facts)
    assert isinstance(found, RequirementsResult)
    return found


def _evaluate(compiled: RequirementSet, facts: Facts) -> RequirementsResult:
    _SHARED.trim()
    parts = [found[1] for node in compiled.bound.criteria if (found := node.evaluate(facts, _SHARED))]
    verdict, deciding, start, until = combine_all(parts)
    if verdict is Verdict.not_yet and start is not None and until is not None and start > until:
        verdict = Verdict.not_eligible  # it closes before it opens to the person
        deciding = min((p for p in parts if p.eligible_until), key=lambda p: p.eligible_until or date.max)
    return RequirementsResult(
        verdict=verdict,
        eligible_from=start if verdict is Verdict.not_yet else None,
        eligible_until=None if verdict is Verdict.not_eligible else until,
        deciding=deciding,
        parts=parts,
        until=until,
    )
