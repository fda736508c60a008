"""Run a profile through every route of the rulebook: one verdict per route, one per criterion.

This is the engine's front door: ``check`` for many routes, ``evaluate_pathway`` for one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from imgpath.engine.criteria import EVALUATORS, Context, Evaluator
from imgpath.engine.facts import Facts
from imgpath.engine.profile import STATUS_NAMES, Profile
from imgpath.engine.status import RouteState, route_state
from imgpath.engine.verdict import (
    CriterionResult,
    Outcome,
    Source,
    Verdict,
    bounds,
    combine_all,
    combine_any,
    negate,
)
from imgpath.messages import Message, message
from imgpath.rulebook.loader import Rulebook
from imgpath.rulebook.schema import Criterion, Group, Jurisdiction, Kind, Node, Pathway, Reference
from imgpath.rulebook.vocabulary import CriterionType, Params

LAW_IN_FORCE = "law_in_force"


@dataclass(slots=True)
class RouteResult:
    """One route's verdict for one profile on one date, with every criterion behind it.

    The verdict and dates are worked out at once; the bounds, the open questions and the headline
    when first read, so that a cohort run counting verdicts never pays for them.
    """

    jurisdiction: str
    pathway: str
    name: str
    kind: Kind
    route_status: str | None
    verdict: Verdict
    eligible_from: date | None
    eligible_until: date | None
    deciding: CriterionResult | None
    parts: list[CriterionResult]
    """The law in force and each criterion: the root's children (read ``root``)."""
    summary: str
    until: date | None
    """The earliest day a part stops holding (``eligible_until`` is None once not eligible)."""
    confidence: str
    rules_as_of: date | None
    gaps: tuple[str, ...] = ()
    authority: str = "the board"
    """Who can answer what the rulebook does not know about this route's law."""
    applies: bool = True
    applies_reason: Message | None = None
    """Why the route does not apply to the person (a visa for a US citizen)."""
    _root: CriterionResult | None = None
    _questions: list[OpenQuestion] | None = None
    _headline: Message | None = None

    @property
    def root(self) -> CriterionResult:
        """The route as an ``all`` of the law in force and its criteria, bounds included."""
        if self._root is None:
            verdict, deciding = self.verdict, self.deciding
            # not_eligible is final whatever is open; otherwise the parts' bounds decide
            best, worst = (verdict, verdict) if verdict is Verdict.not_eligible else bounds("all", self.parts)
            self._root = CriterionResult(
                id=self.pathway,
                verdict=verdict,
                reason=deciding.reason if deciding else message("route.all_hold"),
                summary=self.summary,
                children=self.parts,
                combinator="all",
                deciding=deciding.id if deciding else None,
                eligible_from=self.eligible_from,
                eligible_until=self.until,
                best=best,
                worst=worst,
            )
        return self._root

    @property
    def best_case(self) -> Verdict:
        """The verdict if every open question were answered in the person's favour."""
        return self.root.best_case

    @property
    def worst_case(self) -> Verdict:
        return self.root.worst_case

    @property
    def open_questions(self) -> list[OpenQuestion]:
        """The questions whose answers could still move the verdict."""
        if self._questions is None:
            self._questions = open_questions(self.root, self.authority)
        return self._questions

    @property
    def headline(self) -> Message:
        """Every unmet criterion and open question in one paragraph: what the person reads first."""
        if self._headline is None:
            self._headline = headline(self.root, self.open_questions)
        return self._headline

    @property
    def criteria(self) -> list[CriterionResult]:
        """Every criterion and group below the route, in reading order."""
        return [result for _, result in self.root.walk()[1:]]


@dataclass(frozen=True, slots=True)
class OpenQuestion:
    """A question whose answer would move a verdict: for the profile (a field) or the rulebook (a body)."""

    criterion: str
    about: str
    field: str | None
    question: Message
    requirement: str
    """The requirement in the rulebook's own words (the criterion's summary)."""
    who: str | None
    """For the rulebook: who can answer (the board, named)."""
    best_case: Verdict
    worst_case: Verdict


@dataclass
class CheckResult:
    as_of: date
    results: list[RouteResult]


def _sources(references: list[Reference], as_of: date | None) -> list[Source]:
    return [Source(r.title, r.href, as_of) for r in references]


class _Shared:
    """Criterion results shared by every profile that gets the same answers.

    A cohort has few distinct answers (2,000 distinct outcomes among a million criteria for 10,000
    generated profiles), so equal outcomes are interned, and each criterion's and group's result is
    built once per distinct outcome and then reused; results are read-only by contract. Keys hold
    ``id()``s, and every entry keeps the objects it was keyed on alive and is checked to hold those
    very objects, so an id reused after a clear (by another thread, say) can never match.
    """

    LIMIT = 300_000

    def __init__(self) -> None:
        self.outcomes: dict[tuple[object, ...], Outcome] = {}
        self.leaves = 0
        """How many leaf results the compiled criteria hold (each keeps its own, by outcome)."""
        self.generation: int = getattr(self, "generation", 0) + 1
        """Bumped at every clear: a compiled criterion holding an older generation drops its results."""
        self.groups: dict[tuple[int, ...], CriterionResult] = {}
        self.route_states: dict[tuple[int, date], tuple[Pathway, RouteState, CriterionResult]] = {}

    def trim(self) -> None:
        held = len(self.outcomes) + self.leaves + len(self.groups) + len(self.route_states)
        if held > self.LIMIT:
            self.__init__()  # type: ignore[misc]


_SHARED = _Shared()


def _intern(outcome: Outcome) -> Outcome:
    key = (
        outcome.verdict,
        outcome.reason,
        outcome.eligible_from,
        outcome.eligible_until,
        outcome.missing,
        outcome.worst,
        outcome.about,
    )
    return _SHARED.outcomes.setdefault(key, outcome)


@dataclass(slots=True)
class _CompiledCriterion:
    """A criterion's rule data flattened once into plain attributes: evaluation is the hot path.

    The outcome is memoised per profile (routes that ask the same question share the answer); the
    result is built once per distinct outcome and shared (see ``_Shared``).
    """

    node: Criterion
    evaluator: Evaluator
    params: Params | None
    """The parameters when they never change; None when they are dated (see ``timeline``)."""
    key: str
    timeline: list[tuple[date, Params | None, str]]
    sources: list[Source]
    confidence: str | None
    context: Context
    dated: dict[date, tuple[Params | None, str]] = field(default_factory=dict)
    """The parameters and key in force, by evaluation date (a cohort shares one date)."""
    results: dict[int, tuple[Outcome, CriterionResult]] = field(default_factory=dict)
    """This criterion's result for each distinct outcome, by the outcome's id (see ``_Shared``)."""
    generation: int = 0

    def evaluate(self, state: str | None, facts: Facts) -> CriterionResult | None:
        params, key = self.params, self.key
        if self.timeline:
            on = self.dated.get(facts.as_of)
            if on is None:
                on = (None, "")
                for start, dated, dated_key in self.timeline:
                    if start > facts.as_of:
                        break
                    on = (dated, dated_key)
                if len(self.dated) > 64:
                    self.dated.clear()
                self.dated[facts.as_of] = on
            params, key = on
        if params is None:
            return None  # the criterion is not in the law on this date
        outcome = facts.memo.get(key)
        if outcome is None:
            found = self.evaluator(params, facts, self.context)
            outcome = facts.memo[key] = _intern(found)
        shared = _SHARED
        if self.generation != shared.generation:
            self.results, self.generation = {}, shared.generation
        cached = self.results.get(id(outcome))
        if cached is not None and cached[0] is outcome:  # the same object, not one reborn at its address
            return cached[1]
        node = self.node
        verdict = outcome.verdict
        result = CriterionResult(
            node.id,
            verdict,
            outcome.reason,
            node.summary,
            node.step if verdict is Verdict.needs_steps else None,
            self.sources,
            outcome.eligible_from,
            outcome.eligible_until,
            node.clause,
            self.confidence,
            outcome.missing,
        )
        if verdict is Verdict.unknown:
            result.best, result.worst, result.about = Verdict.eligible, outcome.worst, outcome.about
        self.results[id(outcome)] = (outcome, result)  # holding the outcome keeps its id from being reused
        shared.leaves += 1
        return result


@dataclass(slots=True)
class _CompiledGroup:
    node: Group
    combinator: str
    children: list[_CompiledCriterion | _CompiledGroup]

    def evaluate(self, state: str | None, facts: Facts) -> CriterionResult | None:
        children = [r for child in self.children if (r := child.evaluate(state, facts)) is not None]
        if not children:
            return None
        shared = (id(self), *map(id, children))
        result = _SHARED.groups.get(shared)
        # the result holds its children, so their ids cannot be reused while it is in the table
        if result is None or any(a is not b for a, b in zip(result.children, children, strict=True)):
            result = _SHARED.groups[shared] = self._combine(children)
        return result

    def _combine(self, children: list[CriterionResult]) -> CriterionResult:
        deciding: CriterionResult | None
        reason: Message | None = None
        if self.combinator == "not":
            deciding, start, until = children[0], None, None
            verdict = negate(deciding.verdict)
            reason = _negated_reason(verdict, deciding)
        elif self.combinator == "all":
            verdict, deciding, start, until = combine_all(children)
        else:
            verdict, deciding, start, until = combine_any(children)
        best, worst = bounds(self.combinator, children)
        if reason is None:
            reason = deciding.reason if deciding is not None else message("group.all_hold")
        return CriterionResult(
            id=self.node.id,
            verdict=verdict,
            best=best,
            worst=worst,
            reason=reason,
            summary=self.node.summary or "",
            step=deciding.step if deciding is not None and verdict is Verdict.needs_steps else None,
            sources=deciding.sources if deciding is not None else [],
            eligible_from=start if verdict is Verdict.not_yet else None,
            eligible_until=until,
            combinator=self.combinator,
            children=children,
            deciding=deciding.id if deciding is not None else None,
        )


def _negated_reason(verdict: Verdict, child: CriterionResult) -> Message:
    """A ``not`` speaks of the exclusion, never in the excluded criterion's own words of success."""
    what = child.summary.rstrip(".")
    if verdict is Verdict.not_eligible:
        return message("group.excluded", requirement=what)
    if verdict is Verdict.unknown:
        return message("group.exclusion_open", requirement=what, reason=child.reason)
    return message("group.not_excluded", requirement=what)


_OWN_WORDS = (CriterionType.unverified_requirement, CriterionType.holds_credential)
"""Criteria whose reason quotes their own summary, so equal parameters do not mean equal answers."""
_STATE_WORDS = (CriterionType.job_offer, CriterionType.unverified_requirement, CriterionType.residence)
"""Criteria judged in the route's own state, or naming its board."""


def _compile(node: Node, pathway: Pathway, authority: str | None) -> _CompiledCriterion | _CompiledGroup:
    if isinstance(node, Group):
        combinator = "not" if node.not_ is not None else ("all" if node.all is not None else "any")
        return _CompiledGroup(
            node, combinator, [_compile(child, pathway, authority) for child in node.children]
        )
    confidence = node.confidence or pathway.confidence
    own = node.summary if node.type in _OWN_WORDS else ""

    state = _state_code(pathway.id.split(".")[0].upper())

    def keyed(params: Params | None) -> tuple[Params | None, str]:
        # criteria with equal parameters answer alike for one profile: the key lets them share work.
        # An answer that names the state or its board (a job offer there, a number the law leaves
        # to the board) is the state's own.
        dumped = params.model_dump_json() if params else ""
        unpublished = params is not None and (  # numbers the law leaves to the board: "ask the board"
            getattr(params, "years", 0) is None
            or (node.type is CriterionType.us_gme_years and getattr(params, "min_years", 0) is None)
        )
        local = node.type in _STATE_WORDS or unpublished
        return params, f"{node.type}:{node.step is not None}:{dumped}:{own}:{state if local else ''}"

    params, key = keyed(node.params_on(date.min)[0]) if node.values is None else (None, "")
    return _CompiledCriterion(
        node=node,
        evaluator=EVALUATORS[node.type],
        params=params,
        key=key,
        timeline=[]
        if node.values is None
        else [(start, *keyed(node.params_on(start)[0])) for start in sorted(node.values)],
        sources=_sources(node.reference or pathway.reference, node.as_of or pathway.as_of),
        confidence=confidence.value if confidence else None,
        context=_context(state, node.step is not None, node.summary, authority),
    )


@dataclass(slots=True)
class _CompiledRoute:
    pathway: Pathway
    criteria: list[_CompiledCriterion | _CompiledGroup]
    confidence: str
    gaps: tuple[str, ...]
    authority: str
    """Who answers for the route's law: the state's board by name, or the agency or sponsor."""
    state: str | None


_COMPILED: dict[int, _CompiledRoute] = {}


def _compiled(jurisdiction: Jurisdiction, pathway: Pathway) -> _CompiledRoute:
    """A route's criteria turned into evaluators once per process (pathways are frozen)."""
    compiled = _COMPILED.get(id(pathway))
    if compiled is None or compiled.pathway is not pathway:
        # a state's board answers for its law; federal files share one jurisdiction, so no one name fits
        state_board = jurisdiction.board is not None and jurisdiction.jurisdiction != "US"
        authority = jurisdiction.board.title if state_board and jurisdiction.board else None
        compiled = _COMPILED[id(pathway)] = _CompiledRoute(
            pathway,
            [_compile(node, pathway, authority) for node in pathway.criteria],
            pathway.confidence.value if pathway.confidence else "unverified",
            tuple(pathway.gaps),
            authority or ("the board" if jurisdiction.jurisdiction != "US" else "the agency or sponsor"),
            _state_code(jurisdiction.jurisdiction),
        )
    return compiled


@lru_cache(maxsize=4096)
def _context(state: str | None, curable: bool, summary: str, authority: str | None) -> Context:
    return Context(state, curable, summary, authority)


def _route_on(pathway: Pathway, day: date) -> tuple[RouteState, CriterionResult]:
    """The route's status on a day depends on the law alone: work it out once for every profile.

    The ``law_in_force`` result is shared by every profile evaluated on that day, so it is never
    changed in place.
    """
    cached = _SHARED.route_states.get((id(pathway), day))
    if cached is None or cached[0] is not pathway:
        route = route_state(pathway, day)
        refs = route.event.reference if route.event is not None and route.event.reference else []
        law = CriterionResult(
            id=LAW_IN_FORCE,
            verdict=route.outcome.verdict,
            reason=route.outcome.reason,
            summary=route.question,
            sources=_sources(refs or pathway.reference, pathway.as_of),
            eligible_from=route.outcome.eligible_from,
            eligible_until=route.outcome.eligible_until,
            confidence=pathway.confidence.value if pathway.confidence else None,
        )
        if law.verdict is Verdict.unknown:
            law.best, law.worst, law.about = Verdict.eligible, route.outcome.worst, "rulebook"
        cached = (pathway, route, law)
        _SHARED.route_states[(id(pathway), day)] = cached
    return cached[1], cached[2]


@lru_cache(maxsize=128)
def _state_code(jurisdiction: str) -> str | None:
    return jurisdiction.removeprefix("US-") if "-" in jurisdiction else None


def evaluate_pathway(jurisdiction: Jurisdiction, pathway: Pathway, facts: Facts) -> RouteResult:
    """One route for one profile: the law in force first, then every criterion, combined with ``all``."""
    route, law = _route_on(pathway, facts.as_of)
    compiled_route = _compiled(jurisdiction, pathway)
    state_code = compiled_route.state
    children = [law]
    for compiled in compiled_route.criteria:
        if (result := compiled.evaluate(state_code, facts)) is not None:
            children.append(result)
    routed = _route_result(jurisdiction, compiled_route, route, children)
    if not pathway.not_for:
        return routed
    status = facts.profile.immigration.status if facts.profile.immigration else None
    if status is not None and status.value in pathway.not_for:
        routed.applies = False
        routed.applies_reason = message(
            "route.not_for",
            status=status.value,
            status_name=STATUS_NAMES[status.value],
            reason=pathway.not_for_reason or "",
        )
    return routed


def open_questions(root: CriterionResult, authority: str) -> list[OpenQuestion]:
    """The questions whose answers could still move the verdict, in reading order.

    A part whose bounds agree (a criterion failing for good, an ``any`` already met) hides the
    questions below it: answering them would change nothing.
    """
    found: list[OpenQuestion] = []

    def visit(node: CriterionResult) -> None:
        if node.best_case is node.worst_case:
            return
        if node.children:
            for child in node.children:
                visit(child)
            return
        if node.verdict is not Verdict.unknown:
            return
        fields = node.missing if node.about == "profile" and node.missing else (None,)
        for name in fields:
            found.append(
                OpenQuestion(
                    criterion=node.id,
                    about="profile" if name is not None else "rulebook",
                    field=name,
                    question=node.reason,
                    requirement=node.summary,
                    who=None if name is not None else authority,
                    best_case=node.best_case,
                    worst_case=node.worst_case,
                )
            )

    visit(root)
    return found


def headline(root: CriterionResult, questions: list[OpenQuestion]) -> Message:
    """Every unmet criterion in its own words, then what stays open: never only the first."""
    if root.verdict is Verdict.eligible:
        return message("headline.eligible")
    if root.verdict is Verdict.not_eligible:
        final = [c.reason for c in root.children if c.verdict is Verdict.not_eligible]
        return message("headline", parts=final)
    steps: list[Message] = []
    waits: list[Message] = []

    def visit(node: CriterionResult) -> None:
        if node.verdict is Verdict.needs_steps and not node.children:
            steps.append(node.reason)
        elif node.verdict is Verdict.not_yet and not node.children:
            waits.append(node.reason)
        elif node.combinator == "all" or (node.combinator == "any" and node.verdict is not Verdict.eligible):
            chosen = (
                node.children
                if node.combinator == "all"
                else [c for c in node.children if c.id == node.deciding]
            )
            for child in chosen:
                visit(child)

    visit(root)
    parts = list(dict.fromkeys([*steps, *waits]))  # two criteria may ask the same (two job offer checks)
    rulebook = [q for q in questions if q.about == "rulebook"]
    profile = [q for q in questions if q.about == "profile"]
    parts.extend(dict.fromkeys(q.question for q in profile))
    if rulebook:
        unpublished = list(dict.fromkeys(q.requirement.rstrip(".") for q in rulebook))
        who = list(dict.fromkeys(q.who for q in rulebook if q.who))
        if not profile:
            parts.append(
                message("headline.published_met.beyond_steps" if steps else "headline.published_met")
            )
        parts.append(message("headline.not_yet_known", who=who, requirements=unpublished))
    return message("headline", parts=parts)


def _route_result(
    jurisdiction: Jurisdiction,
    compiled_route: _CompiledRoute,
    route: RouteState,
    children: list[CriterionResult],
) -> RouteResult:
    pathway = compiled_route.pathway
    verdict, deciding, start, until = combine_all(children)
    if verdict is Verdict.not_yet and start is not None and until is not None and start > until:
        at = min(
            (i for i, c in enumerate(children) if c.eligible_until),
            key=lambda i: children[i].eligible_until or date.max,
        )
        closing = children[at] = replace(
            children[at],
            reason=message("route.closes_before_opening", reason=children[at].reason, opens=start),
        )
        verdict, deciding = Verdict.not_eligible, closing
    return RouteResult(
        jurisdiction=jurisdiction.jurisdiction,
        pathway=pathway.id,
        name=pathway.name,
        kind=pathway.kind,
        route_status=route.status,
        verdict=verdict,
        eligible_from=start if verdict is Verdict.not_yet else None,
        eligible_until=None if verdict is Verdict.not_eligible else until,
        deciding=deciding,
        parts=children,
        summary=pathway.summary,
        until=until,
        confidence=compiled_route.confidence,
        rules_as_of=pathway.as_of,
        gaps=compiled_route.gaps,
        authority=compiled_route.authority,
    )


def facts_for(profile: Profile, rulebook: Rulebook, day: date) -> Facts:
    """The profile on one date, with the rulebook's inferences (what an ECFMG certificate shows)."""
    names = {exam.id: exam.name for exam in rulebook.catalogue.exams}
    return Facts(profile, day, tuple(rulebook.catalogue.inferences), exam_names=names)


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
    _SHARED.trim()
    facts = facts_for(profile, rulebook, day)
    wanted = {f"US-{s.upper()}" for s in states} if states else None
    kind_set = set(kinds) if kinds else None
    results = [
        evaluate_pathway(jurisdiction, pathway, facts)
        for jurisdiction, pathway in rulebook.pathways
        if (wanted is None or jurisdiction.jurisdiction in wanted or jurisdiction.jurisdiction == "US")
        and (kind_set is None or pathway.kind in kind_set)
    ]
    return CheckResult(day, results)
