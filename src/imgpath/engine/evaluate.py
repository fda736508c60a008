"""Run a profile through every route of the rulebook: one verdict per route, one per criterion.

This is the engine's front door: ``check`` for many routes, ``evaluate_pathway`` for one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from imgpath.engine.criteria import EVALUATORS, Context, Evaluator
from imgpath.engine.facts import Facts
from imgpath.engine.profile import Profile
from imgpath.engine.status import RouteState, route_state
from imgpath.engine.verdict import (
    CriterionResult,
    Source,
    Verdict,
    combine_all,
    combine_any,
    combine_not,
)
from imgpath.rulebook.loader import Rulebook
from imgpath.rulebook.schema import Criterion, Group, Jurisdiction, Kind, Node, Pathway, Reference
from imgpath.rulebook.vocabulary import CriterionType, Params

LAW_IN_FORCE = "law_in_force"


@dataclass
class RouteResult:
    """One route's verdict for one profile on one date, with every criterion behind it."""

    jurisdiction: str
    pathway: str
    name: str
    kind: Kind
    route_status: str | None
    verdict: Verdict
    eligible_from: date | None
    eligible_until: date | None
    deciding: CriterionResult | None
    root: CriterionResult
    confidence: str
    rules_as_of: date | None
    gaps: list[str] = field(default_factory=list)

    @property
    def criteria(self) -> list[CriterionResult]:
        """Every criterion and group below the route, in reading order."""
        return [result for _, result in self.root.walk()[1:]]


@dataclass
class CheckResult:
    as_of: date
    results: list[RouteResult]


def _sources(references: list[Reference], as_of: date | None) -> list[Source]:
    return [Source(r.title, r.href, as_of) for r in references]


@dataclass(slots=True)
class _Compiled:
    """A criterion's rule data flattened once into plain attributes: evaluation is the hot path."""

    node: Criterion
    evaluator: Evaluator
    timeline: list[tuple[date, Params | None, str]]
    always: tuple[Params, str] | None
    sources: list[Source]
    confidence: str | None
    curable: bool


_COMPILED: dict[int, _Compiled] = {}


def _compile(node: Criterion, pathway: Pathway) -> _Compiled:
    compiled = _COMPILED.get(id(node))
    if compiled is None or compiled.node is not node:
        confidence = node.confidence or pathway.confidence

        def keyed(params: Params | None) -> tuple[Params | None, str]:
            # criteria with equal parameters answer alike for one profile: the key lets them share work
            return params, f"{node.type}:{node.step is not None}:{params.model_dump_json() if params else ''}"

        always = keyed(node.params_on(date.min)[0]) if node.values is None else None
        compiled = _Compiled(
            node=node,
            evaluator=EVALUATORS[node.type],
            timeline=[]
            if node.values is None
            else [(start, *keyed(node.params_on(start)[0])) for start in sorted(node.values)],
            always=always,  # type: ignore[arg-type]
            sources=_sources(node.reference or pathway.reference, node.as_of or pathway.as_of),
            confidence=confidence.value if confidence else None,
            curable=node.step is not None,
        )
        _COMPILED[id(node)] = compiled
    return compiled


@lru_cache(maxsize=512)
def _context(state: str | None, curable: bool) -> Context:
    return Context(state, curable)


def _evaluate_node(node: Node, pathway: Pathway, state: str | None, facts: Facts) -> CriterionResult | None:
    if isinstance(node, Group):
        children = [
            r for child in node.children if (r := _evaluate_node(child, pathway, state, facts)) is not None
        ]
        if not children:
            return None
        combinator = "not" if node.not_ is not None else ("all" if node.all is not None else "any")
        deciding: CriterionResult | None
        if combinator == "not":
            verdict, deciding, start, until = combine_not(children[0]), children[0], None, None
        elif combinator == "all":
            verdict, deciding, start, until = combine_all(children)
        else:
            verdict, deciding, start, until = combine_any(children)
        reason = deciding.reason if deciding is not None else "Every part holds."
        return CriterionResult(
            id=node.id,
            verdict=verdict,
            reason=reason,
            summary=node.summary or "",
            step=deciding.step if deciding is not None and verdict is Verdict.needs_steps else None,
            sources=deciding.sources if deciding is not None else [],
            eligible_from=start if verdict is Verdict.not_yet else None,
            eligible_until=until,
            combinator=combinator,
            children=children,
            deciding=deciding.id if deciding is not None else None,
        )
    compiled = _compile(node, pathway)
    params, key = compiled.always or (None, "")
    if params is None:
        for start, dated, dated_key in compiled.timeline:
            if start > facts.as_of:
                break
            params, key = dated, dated_key
        if params is None:
            return None
    if node.type is CriterionType.job_offer:
        key += state or ""
    outcome = facts.memo.get(key)
    if outcome is None:
        outcome = facts.memo[key] = compiled.evaluator(params, facts, _context(state, compiled.curable))
    return CriterionResult(
        id=node.id,
        verdict=outcome.verdict,
        reason=outcome.reason,
        summary=node.summary,
        step=node.step if outcome.verdict is Verdict.needs_steps else None,
        sources=compiled.sources,
        eligible_from=outcome.eligible_from,
        eligible_until=outcome.eligible_until,
        clause=node.clause,
        confidence=compiled.confidence,
        missing=outcome.missing,
    )


_ROUTE_STATES: dict[tuple[int, date], tuple[Pathway, RouteState, list[Source]]] = {}


def _route_on(pathway: Pathway, day: date) -> tuple[RouteState, list[Source]]:
    """The route's status on a day depends on the law alone: work it out once for every profile."""
    cached = _ROUTE_STATES.get((id(pathway), day))
    if cached is None or cached[0] is not pathway:
        if len(_ROUTE_STATES) > 50_000:  # many evaluation dates (a cohort over time): start afresh
            _ROUTE_STATES.clear()
        route = route_state(pathway, day)
        refs = route.event.reference if route.event is not None and route.event.reference else []
        cached = (pathway, route, _sources(refs or pathway.reference, pathway.as_of))
        _ROUTE_STATES[(id(pathway), day)] = cached
    return cached[1], cached[2]


def evaluate_pathway(jurisdiction: Jurisdiction, pathway: Pathway, facts: Facts) -> RouteResult:
    """One route for one profile: the law in force first, then every criterion, combined with ``all``."""
    state_code = jurisdiction.jurisdiction.removeprefix("US-") if "-" in jurisdiction.jurisdiction else None
    route, law_sources = _route_on(pathway, facts.as_of)
    law = CriterionResult(
        id=LAW_IN_FORCE,
        verdict=route.outcome.verdict,
        reason=route.outcome.reason,
        summary="The law is in force and the route open on this date.",
        sources=law_sources,
        eligible_from=route.outcome.eligible_from,
        eligible_until=route.outcome.eligible_until,
        confidence=pathway.confidence.value if pathway.confidence else None,
    )
    children = [law, *filter(None, (_evaluate_node(n, pathway, state_code, facts) for n in pathway.criteria))]
    verdict, deciding, start, until = combine_all(children)
    if verdict is Verdict.not_yet and start is not None and until is not None and start > until:
        closing = min((c for c in children if c.eligible_until), key=lambda c: c.eligible_until or date.max)
        verdict, deciding = Verdict.not_eligible, closing
        closing.reason += f" That is before the route opens to you on {start.isoformat()}."
    root = CriterionResult(
        id=pathway.id,
        verdict=verdict,
        reason=deciding.reason if deciding else "Every criterion holds.",
        summary=pathway.summary,
        children=children,
        combinator="all",
        deciding=deciding.id if deciding else None,
        eligible_from=start if verdict is Verdict.not_yet else None,
        eligible_until=until,
    )
    return RouteResult(
        jurisdiction=jurisdiction.jurisdiction,
        pathway=pathway.id,
        name=pathway.name,
        kind=pathway.kind,
        route_status=route.status.value if route.status else None,
        verdict=verdict,
        eligible_from=root.eligible_from,
        eligible_until=None if verdict is Verdict.not_eligible else until,
        deciding=deciding,
        root=root,
        confidence=pathway.confidence.value if pathway.confidence else "unverified",
        rules_as_of=pathway.as_of,
        gaps=list(pathway.gaps),
    )


def check(
    profile: Profile,
    rulebook: Rulebook,
    *,
    as_of: date | None = None,
    states: Iterable[str] | None = None,
    kinds: Iterable[Kind] | None = None,
) -> CheckResult:
    """Every route (or those of the named states, plus federal ones) for one profile."""
    day = as_of or profile.evaluation_date()
    facts = Facts(profile, day)
    wanted = {f"US-{s.upper()}" for s in states} if states else None
    kind_set = set(kinds) if kinds else None
    results = [
        evaluate_pathway(jurisdiction, pathway, facts)
        for jurisdiction, pathway in rulebook.pathways
        if (wanted is None or jurisdiction.jurisdiction in wanted or jurisdiction.jurisdiction == "US")
        and (kind_set is None or pathway.kind in kind_set)
    ]
    return CheckResult(day, results)
