"""Run a profile through every route of the rulebook: one verdict per route, one per criterion.

This is the engine's front door: ``check`` for many routes, ``evaluate_pathway`` for one.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

from imgpath.engine.criteria import EVALUATORS, Context, Evaluator
from imgpath.engine.facts import Facts
from imgpath.engine.profile import STATUS_NAMES, Profile
from imgpath.engine.status import RouteState, route_state
from imgpath.engine.verdict import (
    CriterionResult,
    Outcome,
    Verdict,
    bounds,
    combine_all,
    combine_any,
    negate,
)
from imgpath.messages import Message, message
from imgpath.rulebook.loader import Rulebook
from imgpath.rulebook.model import (
    CompiledCriterion,
    CompiledGroup,
    CompiledNode,
    CompiledRoute,
    compile_route,
    sources,
)
from imgpath.rulebook.schema import Group, Jurisdiction, Kind, Pathway
from imgpath.rulebook.vocabulary import PARAMS, CriterionType, Params

LAW_IN_FORCE = "law_in_force"


class Judged:
    """What a route's and a listing's results share: read from their ``root`` when first asked for.

    The bounds, the open questions and the headline are worked out lazily, so that a cohort run
    counting verdicts never pays for them."""

    __slots__ = ()  # each dataclass below declares the slots these read and fill
    authority: str
    _questions: list[OpenQuestion] | None
    _headline: Message | None

    @property
    def root(self) -> CriterionResult:
        raise NotImplementedError

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
            self._questions = open_questions(self.root, self.authority)  # type: ignore[misc]
        return self._questions

    @property
    def headline(self) -> Message:
        """Every unmet criterion and open question in one paragraph: what the person reads first."""
        if self._headline is None:
            self._headline = headline(self.root, self.open_questions)  # type: ignore[misc]
        return self._headline

    @property
    def criteria(self) -> list[CriterionResult]:
        """Every criterion and group below the root, in reading order."""
        return [result for _, result in self.root.walk()[1:]]


@dataclass(slots=True)
class RouteResult(Judged):
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


_SERIALS = itertools.count(1)
"""Numbers for distinct outcomes and group results, never reused in the process: results are cached
by their parts' numbers, so a key can never match a result made from other objects (0: no part)."""


class _Shared:
    """Criterion results shared by every profile that gets the same answers, kept with one rulebook
    (``Rulebook.owned``).

    A cohort has few distinct answers (2,000 distinct outcomes among a million criteria for 10,000
    generated profiles), so equal outcomes are interned, and each criterion's and group's result is
    built once per distinct outcome and then reused; results are read-only by contract. Every
    outcome and group result carries a serial number (``_SERIALS``) and results are cached by the
    numbers of their parts, so a clear (by another thread, say) can never make an old key match.
    """

    LIMIT = 300_000

    def __init__(self, rulebook: Rulebook | None = None) -> None:
        self.outcomes: dict[tuple[object, ...], tuple[int, Outcome]] = {}
        self.held = 0
        """How many criterion, group and route-status results the bound routes hold."""
        self.generation = 0
        """Bumped at every clear: a bound node holding an older generation drops its results."""
        self.routes: dict[CompiledRoute, _Route] = {}
        """Each route bound to the engine, by the compiled route (held here: no key outlives its route)."""

    def trim(self) -> None:
        if len(self.outcomes) + self.held > self.LIMIT:
            self.outcomes, self.held = {}, 0
            self.generation += 1

    def intern(self, outcome: Outcome) -> tuple[int, Outcome]:
        key = (
            outcome.verdict,
            outcome.reason,
            outcome.eligible_from,
            outcome.eligible_until,
            outcome.missing,
            outcome.worst,
            outcome.about,
        )
        found = self.outcomes.get(key)
        if found is None:
            found = self.outcomes[key] = (next(_SERIALS), outcome)
        return found

    def route(self, compiled: CompiledRoute) -> _Route:
        """The route bound to the engine's evaluators, once per rulebook."""
        bound = self.routes.get(compiled)
        if bound is None:
            bound = self.routes[compiled] = _Route(compiled, [_bind(node) for node in compiled.criteria])
        return bound


@dataclass(slots=True)
class _Leaf:
    """A compiled criterion with its evaluator, and its result for each distinct outcome.

    The outcome is memoised per profile (routes that ask the same question share the answer); the
    result is built once per distinct outcome and shared (see ``_Shared``). What the hot path reads
    is copied from the model into plain attributes once, at binding.
    """

    model: CompiledCriterion
    evaluator: Evaluator
    context: Context
    params: Params | None = field(init=False)
    key: str = field(init=False)
    dated: dict[date, tuple[Params | None, str]] | None = field(init=False)
    """The parameters and memo key in force by evaluation date, for dated criteria (None: undated)."""
    results: dict[int, CriterionResult] = field(default_factory=dict)
    """This criterion's result for each distinct outcome, by the outcome's serial number."""
    generation: int = 0

    def __post_init__(self) -> None:
        self.params, self.key = self.model.params, self.model.key
        self.dated = {} if self.model.timeline else None

    def evaluate(self, facts: Facts, shared: _Shared) -> tuple[int, CriterionResult] | None:
        dated = self.dated
        if dated is None:
            params, key = self.params, self.key
        else:
            on = dated.get(facts.as_of)
            if on is None:
                if len(dated) > 64:  # a cohort shares one date; a sweep over dates stays bounded
                    dated.clear()
                on = dated[facts.as_of] = self.model.on(facts.as_of)
            params, key = on
        if params is None:
            return None  # the criterion is not in the law on this date
        memo = facts.memo
        found = memo.get(key)
        if found is None:
            found = memo[key] = shared.intern(self.evaluator(params, facts, self.context))
        serial, outcome = found
        if self.generation != shared.generation:
            self.results, self.generation = {}, shared.generation
        result = self.results.get(serial)
        if result is not None:
            return serial, result
        return serial, self._result(serial, outcome, shared)

    def _result(self, serial: int, outcome: Outcome, shared: _Shared) -> CriterionResult:
        model = self.model
        node = model.node
        verdict = outcome.verdict
        result = CriterionResult(
            node.id,
            verdict,
            outcome.reason,
            node.summary,
            node.step if verdict is Verdict.needs_steps else None,
            model.sources,
            outcome.eligible_from,
            outcome.eligible_until,
            node.clause,
            model.confidence,
            outcome.missing,
        )
        if verdict is Verdict.unknown:
            result.best, result.worst, result.about = Verdict.eligible, outcome.worst, outcome.about
        self.results[serial] = result
        shared.held += 1
        return result


@dataclass(slots=True)
class _Branch:
    """A compiled group with its children bound, and its result for each distinct set of parts."""

    model: CompiledGroup
    children: list[_Leaf | _Branch]
    results: dict[tuple[int, ...], tuple[int, CriterionResult]] = field(default_factory=dict)
    generation: int = 0

    @property
    def node(self) -> Group:
        return self.model.node

    @property
    def combinator(self) -> str:
        return self.model.combinator

    def evaluate(self, facts: Facts, shared: _Shared) -> tuple[int, CriterionResult] | None:
        serials: list[int] = []
        children: list[CriterionResult] = []
        for child in self.children:
            found = child.evaluate(facts, shared)
            if found is None:
                serials.append(0)
            else:
                serials.append(found[0])
                children.append(found[1])
        if not children:
            return None
        if self.generation != shared.generation:
            self.results, self.generation = {}, shared.generation
        key = tuple(serials)
        combined = self.results.get(key)
        if combined is None:
            combined = self.results[key] = (next(_SERIALS), self._combine(children))
            shared.held += 1
        return combined

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


def _bind(node: CompiledNode) -> _Leaf | _Branch:
    """A compiled node with the engine's evaluator for its type: made once per rulebook."""
    if isinstance(node, CompiledGroup):
        return _Branch(node, [_bind(child) for child in node.children])
    return _Leaf(
        node, EVALUATORS[node.node.type], _context(node.state, node.curable, node.summary, node.authority)
    )


@dataclass(slots=True)
class _Route:
    model: CompiledRoute
    criteria: list[_Leaf | _Branch]
    states: dict[date, tuple[RouteState, CriterionResult]] = field(default_factory=dict)
    """The route's status by evaluation date (a cohort shares one date)."""
    generation: int = 0


@lru_cache(maxsize=4096)
def _context(state: str | None, curable: bool, summary: str, authority: str | None) -> Context:
    return Context(state, curable, summary, authority)


def _route_on(bound: _Route, day: date, shared: _Shared) -> tuple[RouteState, CriterionResult]:
    """The route's status on a day depends on the law alone: work it out once for every profile.

    The ``law_in_force`` result is shared by every profile evaluated on that day, so it is never
    changed in place.
    """
    if bound.generation != shared.generation:
        bound.states, bound.generation = {}, shared.generation
    cached = bound.states.get(day)
    if cached is None:
        pathway = bound.model.pathway
        route = route_state(pathway, day)
        refs = route.event.reference if route.event is not None and route.event.reference else []
        law = CriterionResult(
            id=LAW_IN_FORCE,
            verdict=route.outcome.verdict,
            reason=route.outcome.reason,
            summary=route.question,
            sources=sources(refs or pathway.reference, pathway.as_of),
            eligible_from=route.outcome.eligible_from,
            eligible_until=route.outcome.eligible_until,
            confidence=pathway.confidence.value if pathway.confidence else None,
        )
        if law.verdict is Verdict.unknown:
            law.best, law.worst, law.about = Verdict.eligible, route.outcome.worst, "rulebook"
        cached = bound.states[day] = (route, law)
        shared.held += 1
    return cached


def evaluate_pathway(jurisdiction: Jurisdiction, pathway: Pathway, facts: Facts) -> RouteResult:
    """One route for one profile: the law in force first, then every criterion, combined with ``all``.

    A route of the rulebook the facts were made for (``facts_for``) shares that rulebook's results;
    any other is compiled for this call alone.
    """
    rulebook = facts.rulebook
    compiled = rulebook.routes.get(pathway.id) if rulebook is not None else None
    if rulebook is not None and compiled is not None and compiled.pathway is pathway:
        shared = rulebook.owned(_Shared)
    else:
        compiled = compile_route(jurisdiction.jurisdiction, jurisdiction.board, pathway)
        shared = _Shared()
    return _evaluate(shared.route(compiled), facts, shared)


def _evaluate(bound: _Route, facts: Facts, shared: _Shared) -> RouteResult:
    route, law = _route_on(bound, facts.as_of, shared)
    children = [law]
    for node in bound.criteria:
        if (found := node.evaluate(facts, shared)) is not None:
            children.append(found[1])
    compiled_route = bound.model
    pathway = compiled_route.pathway
    routed = _route_result(compiled_route, route, children)
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


class RouteEvaluator:
    """One compiled route bound to the engine once, then judged for many profiles' facts: a route
    outside the rulebook (a hypothetical one in the law simulator) without compiling it per call.

    The results it builds are its own (held here, not in the rulebook); the facts' memo still lets
    criteria equal to the rulebook's reuse the answers already worked out for a profile.
    """

    __slots__ = ("_bound", "_leaves", "_shared")

    def __init__(self, route: CompiledRoute) -> None:
        self._shared = _Shared()
        self._bound = self._shared.route(route)
        self._leaves: dict[str, _Leaf] = {}
        stack: list[_Leaf | _Branch] = list(self._bound.criteria)
        while stack:
            node = stack.pop()
            if isinstance(node, _Leaf):
                self._leaves[node.model.id] = node
            else:
                stack.extend(node.children)

    def answer(self, facts: Facts, criterion_id: str) -> None:
        """Work out one criterion for these facts alone, into their memo (``Facts.memo``), where the
        route's next evaluation for them finds it: a caller sharing answers between profiles copies it
        from there."""
        shared = self._shared
        if len(shared.outcomes) + shared.held > shared.LIMIT:
            shared.trim()
        self._leaves[criterion_id].evaluate(facts, shared)

    @property
    def route(self) -> CompiledRoute:
        return self._bound.model

    def __call__(self, facts: Facts) -> RouteResult:
        shared = self._shared
        if len(shared.outcomes) + shared.held > shared.LIMIT:
            shared.trim()
        return _evaluate(self._bound, facts, shared)


def evaluate_criterion(
    kind: CriterionType | str,
    params: Params | Mapping[str, Any] | None,
    facts: Facts | Profile,
    *,
    as_of: date | None = None,
    state: str | None = None,
    curable: bool = False,
) -> Outcome:
    """One criterion of the vocabulary for one profile, outside any route: a step's ``done_when``,
    or a question asked from a notebook (``evaluate_criterion("exam_passed", {"exam": "usmle_step1"},
    profile)``). ``state`` is the state a job offer or residence is judged in; ``curable``, whether a
    step would cure a failure (``needs_steps`` rather than ``not_eligible``)."""
    criterion = CriterionType(kind)
    if not isinstance(params, Params):
        params = PARAMS[criterion].model_validate(params or {})
    if isinstance(facts, Profile):
        facts = Facts(facts, as_of or facts.evaluation_date())
    return EVALUATORS[criterion](params, facts, _context(state, curable, "", None))


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
    compiled_route: CompiledRoute, route: RouteState, children: list[CriterionResult]
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
        jurisdiction=compiled_route.jurisdiction,
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
    inferences = tuple(rulebook.catalogue.inferences)
    return Facts(profile, day, inferences, rulebook=rulebook, exam_names=rulebook.exam_names)


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
    shared = rulebook.owned(_Shared)
    shared.trim()
    facts = facts_for(profile, rulebook, day)
    wanted = {f"US-{s.upper()}" for s in states} if states else None
    kind_set = set(kinds) if kinds else None
    results = [
        _evaluate(shared.route(route), facts, shared)
        for route in rulebook.routes.values()
        if (wanted is None or route.jurisdiction in wanted or route.jurisdiction == "US")
        and (kind_set is None or route.pathway.kind in kind_set)
    ]
    return CheckResult(day, results)


class _Keys:
    """Every criterion of the rulebook in force on a day, by memo key: one leaf stands for each key."""

    def __init__(self, rulebook: Rulebook) -> None:
        self.shared = rulebook.owned(_Shared)
        self.rulebook = rulebook
        self.days: dict[date, tuple[dict[str, list[str]], dict[str, _Leaf]]] = {}

    def on(self, day: date) -> tuple[dict[str, list[str]], dict[str, _Leaf]]:
        found = self.days.get(day)
        if found is None:
            by_route: dict[str, list[str]] = {}
            leaves: dict[str, _Leaf] = {}
            for compiled in self.rulebook.routes.values():
                keys: list[str] = []
                pending = list(self.shared.route(compiled).criteria)
                while pending:
                    node = pending.pop(0)
                    if isinstance(node, _Branch):
                        pending[:0] = node.children
                        continue
                    params, key = node.model.on(day) if node.dated is not None else (node.params, node.key)
                    if params is not None:
                        keys.append(key)
                        leaves.setdefault(key, node)
                by_route[compiled.pathway.id] = keys
            if len(self.days) > 16:
                self.days.clear()
            found = self.days[day] = (by_route, leaves)
        return found


def criterion_keys(rulebook: Rulebook, day: date) -> dict[str, list[str]]:
    """Each route's criteria in force on ``day`` by memo key, in reading order (a key may repeat).

    Criteria under one key answer alike for one profile (``memo_key``): a batch that knows a route's
    keys' outcomes knows the route's verdict, as the engine's own shared results do."""
    return rulebook.owned(_Keys).on(day)[0]


def criterion_outcomes(facts: Facts, keys: Iterable[str]) -> list[tuple[int, Outcome]]:
    """The outcome of each criterion key for the facts (made by ``facts_for``), with its serial
    number: equal outcomes share a number while the rulebook's shared results last, and a number is
    never given to another outcome. Keys of criteria not in force on the facts' date are refused."""
    rulebook = facts.rulebook
    if rulebook is None:
        raise ValueError("criterion_outcomes needs facts made by facts_for (they name their rulebook)")
    indexed = rulebook.owned(_Keys)
    leaves = indexed.on(facts.as_of)[1]
    found: list[tuple[int, Outcome]] = []
    for key in keys:
        memo = facts.memo.get(key)
        if memo is None:
            leaves[key].evaluate(facts, indexed.shared)
            memo = facts.memo[key]
        found.append(memo)
    return found
