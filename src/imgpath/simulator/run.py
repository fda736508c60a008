"""Run a hypothetical route over many profiles beside the laws in force, and sweep one value.

Speed comes from three levers (issue 13: one changed route over 100,000 profiles in at most 1 s):
each profile's facts are made once (``prepare``) and reused by every run and every sweep value,
so criteria the change left alone answer from the facts' memo; only the changed route is judged;
and profiles that agree on every field the route's criteria read are judged once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import Any

from pydantic import TypeAdapter

from imgpath.engine import (
    CriterionResult,
    Facts,
    Profile,
    RouteEvaluator,
    RouteResult,
    Verdict,
    facts_for,
)
from imgpath.messages import Message
from imgpath.rulebook import CompiledCriterion, CompiledRoute, Rulebook, default_rulebook
from imgpath.simulator.routes import Hypothetical, derive
from imgpath.yamlio import InputError

QUALIFYING = frozenset({Verdict.eligible, Verdict.needs_steps})
"""Verdicts that count as qualifying: eligible now, or only steps the person can take are missing."""
VERDICTS = (Verdict.eligible, Verdict.needs_steps, Verdict.not_yet, Verdict.unknown, Verdict.not_eligible)
"""Best first: a profile's verdict under several routes in force is its best one."""
_BEST = {verdict: rank for rank, verdict in enumerate(VERDICTS)}

_ALL_FIELDS = tuple(name for name in Profile.model_fields if name not in ("as_of", "preferences"))
_EXAMS = ("exams", "ecfmg_certified", "medical_school")
READS: Mapping[str, tuple[str, ...]] = {
    # the profile fields each kind of criterion reads (the engine's evaluators, engine/criteria.py);
    # exam criteria read the ECFMG certificate too (it implies Steps 1 and 2 CK) and the school's
    # graduation (time limits after it). tests/test_simulator.py checks the table against the engine.
    "ecfmg_certified": ("ecfmg_certified",),
    "exam_passed": _EXAMS,
    "exam_attempts": _EXAMS,
    "exams_within_years": _EXAMS,
    "scores_at_least": _EXAMS,
    "english_proficiency": _EXAMS,
    "medical_school": _EXAMS,
    "training_years": ("training",),
    "training_completed": ("training",),
    "us_gme_years": ("us_gme_years", "training"),
    "practice_years": ("practice", "training"),
    "license_in_good_standing": ("licenses",),
    "no_discipline": ("licenses",),
    "job_offer": ("job_offer",),
    "work_authorization": ("immigration",),
    "immigration_status": ("immigration",),
    "residence": ("residence",),
    "holds_credential": ("credentials",),
    "citizenship": ("citizenship",),
    "membership": ("memberships",),
    "unverified_requirement": (),
}


def _reads(kind: str, params: object) -> tuple[str, ...]:
    """The profile fields one criterion reads with these parameters."""
    if kind == "practice_years" and not getattr(params, "after_training", False):
        return ("practice",)  # training only marks where practice "after residency" starts
    return READS.get(kind, _ALL_FIELDS)


def fields_read(route: CompiledRoute) -> tuple[str, ...]:
    """The profile fields a route's verdict can depend on (all of them for a kind not in ``READS``)."""
    found: set[str] = set()
    for _, node in route.nodes:
        if isinstance(node, CompiledCriterion):
            found.update(READS.get(node.node.type.value, _ALL_FIELDS))
    if route.pathway.not_for:
        found.add("immigration")
    return tuple(name for name in _ALL_FIELDS if name in found)


@cache
def _adapter(name: str) -> TypeAdapter[Any]:
    """The profile field's own serializer, made when first asked for (not at import: ``imgpath check``)."""
    return TypeAdapter(Profile.model_fields[name].annotation)  # type: ignore[arg-type]  # every field is typed


@dataclass
class Cohort:
    """Profiles made ready for many runs on one date: their facts, once, and what they say, field by field."""

    profiles: Sequence[Profile]
    facts: list[Facts]
    as_of: date
    rulebook: Rulebook
    synthetic: bool = False
    """The profiles were generated, not people's: every answer about them says "synthetic"."""
    labels: Sequence[str] | None = None
    """A name for each profile (its position, 1-based, when None)."""
    _signatures: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _in_force: dict[str, list[RouteResult]] = field(default_factory=dict, repr=False)
    _answers: dict[str, list[int]] = field(default_factory=dict, repr=False)
    """Per criterion memo key, a number per profile standing for its answer (the memo entry's id;
    the entries live in the facts' memos, so no id is reused while the cohort lives)."""

    def __len__(self) -> int:
        return len(self.profiles)

    def label(self, index: int) -> str:
        return self.labels[index] if self.labels is not None else str(index + 1)

    def signature(self, name: str) -> list[int]:
        """For each profile, a number standing for what it says in field ``name`` (equal: same words)."""
        found = self._signatures.get(name)
        if found is None:
            dump = _adapter(name).dump_json
            seen: dict[tuple[bool, bytes], int] = {}
            found = []
            for profile in self.profiles:
                key = (name in profile.model_fields_set, dump(getattr(profile, name)))
                found.append(seen.setdefault(key, len(seen)))
            self._signatures[name] = found
        return found

    def judge(self, evaluator: RouteEvaluator) -> list[RouteResult]:
        """The route's result for every profile, shared by profiles whose criteria all answer alike.

        Each criterion the profiles' facts have not answered yet is answered once per group of
        profiles equal in the fields it reads (``READS``), and the answer is shared through their
        memos; then profiles whose criteria's answers are all the same share one route result.
        """
        facts = self.facts
        if not facts:
            return []
        route = evaluator.route
        columns: list[list[int]] = []
        for _, node in route.nodes:
            if isinstance(node, CompiledCriterion):
                params, key = node.on(self.as_of)
                if params is not None:
                    columns.append(
                        self._answer(evaluator, node.id, key, _reads(node.node.type.value, params))
                    )
        if route.pathway.not_for:
            columns.append(self.signature("immigration"))
        if not columns:
            first = evaluator(facts[0])
            return [first] * len(facts)
        rows: Iterable[Any] = columns[0] if len(columns) == 1 else zip(*columns, strict=True)
        done: dict[Any, RouteResult] = {}
        out: list[RouteResult] = []
        append = out.append
        for index, row in enumerate(rows):
            result = done.get(row)
            if result is None:
                result = done[row] = evaluator(facts[index])
            append(result)
        return out

    def _answer(
        self, evaluator: RouteEvaluator, criterion_id: str, key: str, names: tuple[str, ...]
    ) -> list[int]:
        """Every profile's answer to the criterion of memo ``key``, as a number per profile (equal:
        the same answer), worked out once per group of profiles equal in the fields ``names`` and
        shared through their memos; kept for the next route that asks the same."""
        known = self._answers.get(key)
        if known is not None:
            return known
        columns = [self.signature(name) for name in names]
        groups: Iterable[Any] = (
            columns[0]
            if len(columns) == 1
            else zip(*columns, strict=True)
            if columns
            else [()] * len(self.facts)
        )
        found: dict[Any, Any] = {}
        out: list[int] = []
        for facts, group in zip(self.facts, groups, strict=True):
            memo = facts.memo
            answer = memo.get(key)
            if answer is None:
                answer = found.get(group)
                if answer is None:
                    evaluator.answer(facts, criterion_id)  # into this profile's memo
                    answer = found[group] = memo[key]
                else:
                    memo[key] = answer
            out.append(id(answer))
        self._answers[key] = out
        return out

    def in_force(self, pathway_id: str) -> list[RouteResult]:
        """A route in force judged for every profile, kept for the next run and sweep value."""
        found = self._in_force.get(pathway_id)
        if found is None:
            found = self._in_force[pathway_id] = self.judge(RouteEvaluator(self.rulebook.route(pathway_id)))
        return found


def prepare(
    profiles: Sequence[Profile],
    as_of: date,
    *,
    rulebook: Rulebook | None = None,
    synthetic: bool = False,
    labels: Sequence[str] | None = None,
) -> Cohort:
    """Each profile's facts on ``as_of``, made once for every later run (``simulate``, ``sweep``)."""
    rulebook = rulebook or default_rulebook()
    if labels is not None and len(labels) != len(profiles):
        raise ValueError("one label per profile")
    facts = [facts_for(profile, rulebook, as_of) for profile in profiles]
    return Cohort(profiles, facts, as_of, rulebook, synthetic, labels)


@dataclass(frozen=True, slots=True)
class CriterionChange:
    """One criterion (or the law in force) that answers differently under the hypothetical route."""

    id: str
    before: Verdict | None
    """None: the route in force has no criterion of that id."""
    after: Verdict | None
    before_reason: Message | None
    after_reason: Message | None


@dataclass(frozen=True, slots=True)
class ProfileChange:
    """One profile whose verdict the hypothetical route changes, and why, criterion by criterion."""

    index: int
    label: str
    before: Verdict
    before_route: str | None
    after: Verdict
    criteria: tuple[CriterionChange, ...]

    @property
    def change(self) -> str:
        """``qualifies`` (newly eligible or needs_steps), ``stops_qualifying`` or ``changes``."""
        if self.after in QUALIFYING and self.before not in QUALIFYING:
            return "qualifies"
        if self.before in QUALIFYING and self.after not in QUALIFYING:
            return "stops_qualifying"
        return "changes"


def _count(verdicts: Iterable[Verdict]) -> dict[Verdict, int]:
    counted = Counter(verdicts)
    return {verdict: counted.get(verdict, 0) for verdict in VERDICTS}


@dataclass(frozen=True)
class Simulation:
    """A hypothetical route beside the laws in force, for every profile of a cohort."""

    hypothetical: Hypothetical
    as_of: date
    compared_with: tuple[str, ...]
    before: list[Verdict]
    after: list[Verdict]
    changes: list[ProfileChange]
    synthetic: bool

    @property
    def counts_before(self) -> dict[Verdict, int]:
        return _count(self.before)

    @property
    def counts_after(self) -> dict[Verdict, int]:
        return _count(self.after)

    @property
    def newly_qualifying(self) -> list[ProfileChange]:
        return [c for c in self.changes if c.change == "qualifies"]

    @property
    def no_longer_qualifying(self) -> list[ProfileChange]:
        return [c for c in self.changes if c.change == "stops_qualifying"]


def _walk(result: CriterionResult, into: dict[str, CriterionResult]) -> None:
    for child in result.children:
        into.setdefault(child.id, child)
        _walk(child, into)


def _criteria(result: RouteResult) -> dict[str, CriterionResult]:
    found: dict[str, CriterionResult] = {}
    for part in result.parts:
        found.setdefault(part.id, part)
        _walk(part, found)
    return found


def criterion_changes(before: RouteResult | None, after: RouteResult) -> tuple[CriterionChange, ...]:
    """The criteria (by id, the law in force included) whose verdict or reason differs, in the
    hypothetical route's reading order, then those only the route in force has."""
    old = _criteria(before) if before is not None else {}
    new = _criteria(after)
    out: list[CriterionChange] = []
    for key in [*new, *(k for k in old if k not in new)]:
        a, b = old.get(key), new.get(key)
        if a is not None and b is not None and a.verdict is b.verdict and a.reason == b.reason:
            continue
        out.append(
            CriterionChange(
                key,
                a.verdict if a else None,
                b.verdict if b else None,
                a.reason if a else None,
                b.reason if b else None,
            )
        )
    return tuple(out)


def _best(results: Sequence[RouteResult]) -> RouteResult | None:
    applicable = [r for r in results if r.applies]
    return min(applicable, key=lambda r: _BEST[r.verdict]) if applicable else None


def _verdict(result: RouteResult | None) -> Verdict:
    """A route that does not apply to the person (a visa for a citizen) qualifies no one."""
    return result.verdict if result is not None and result.applies else Verdict.not_eligible


def baseline(
    cohort: Cohort, hypothetical: Hypothetical, compare_with: Iterable[str] | None
) -> tuple[str, ...]:
    """The routes in force to compare with: those named; else the one it was derived from; else
    every route of its jurisdiction."""
    if compare_with is not None:
        wanted = tuple(compare_with)
    elif hypothetical.derived_from is not None:
        wanted = (hypothetical.derived_from,)
    else:
        wanted = tuple(
            r.id for r in cohort.rulebook.routes.values() if r.jurisdiction == hypothetical.route.jurisdiction
        )
    for pathway_id in wanted:
        if pathway_id not in cohort.rulebook.routes:
            raise InputError(f"no route '{pathway_id}' in the rulebook to compare with", field="compare_with")
    return wanted


def simulate(
    profiles: Cohort | Sequence[Profile],
    hypothetical: Hypothetical,
    as_of: date | None = None,
    compare_with: Iterable[str] | None = None,
    *,
    rulebook: Rulebook | None = None,
) -> Simulation:
    """Each profile's verdict under ``hypothetical`` beside the laws in force (``compare_with``,
    the route it was derived from, or every route of its state), and who qualifies or stops, and why.

    Pass a ``Cohort`` (``prepare``) to reuse the profiles' facts over several runs; a list of
    profiles needs ``as_of``.
    """
    cohort = _cohort(profiles, as_of, rulebook)
    routes = baseline(cohort, hypothetical, compare_with)
    columns = [cohort.in_force(pathway_id) for pathway_id in routes]
    after_results = cohort.judge(RouteEvaluator(hypothetical.route))
    after = [_verdict(r) for r in after_results]
    if len(columns) == 1:
        old_results: list[RouteResult | None] = list(columns[0])
    else:
        old_results = [_best(row) for row in zip(*columns, strict=True)]
    before = [_verdict(r) for r in old_results]
    changes: list[ProfileChange] = []
    explained: dict[tuple[int, int], tuple[CriterionChange, ...]] = {}
    for index in [i for i, (was, now) in enumerate(zip(before, after, strict=True)) if was is not now]:
        old, new = old_results[index], after_results[index]
        key = (id(old), id(new))
        why = explained.get(key)
        if why is None:
            why = explained[key] = criterion_changes(old, new)
        changes.append(
            ProfileChange(
                index, cohort.label(index), before[index], old.pathway if old else None, after[index], why
            )
        )
    return Simulation(hypothetical, cohort.as_of, routes, before, after, changes, cohort.synthetic)


def derived_rulebook(rulebook: Rulebook, hypothetical: Hypothetical) -> Rulebook:
    """A copy of ``rulebook`` with the hypothetical route added (the plain way, ``check()`` per
    profile, for a comparison or a test); the rulebook itself is left as it is."""
    routes = {**rulebook.routes, hypothetical.id: hypothetical.route}
    files = {**rulebook.files, hypothetical.id: hypothetical.source}
    return replace(rulebook, routes=routes, files=files, _owned={})


def _cohort(profiles: Cohort | Sequence[Profile], as_of: date | None, rulebook: Rulebook | None) -> Cohort:
    if isinstance(profiles, Cohort):
        if as_of is not None and as_of != profiles.as_of:
            raise ValueError(f"the cohort was prepared for {profiles.as_of}, not {as_of}")
        return profiles
    if as_of is None:
        raise ValueError("as_of is needed with a list of profiles")
    return prepare(profiles, as_of, rulebook=rulebook)


@dataclass(frozen=True)
class Sweep:
    """One value of a route tried at several settings: the verdicts counted at each."""

    pathway_id: str
    parameter: str
    values: tuple[Any, ...]
    counts: tuple[dict[Verdict, int], ...]
    """Per value, how many profiles get each verdict."""
    in_force: dict[Verdict, int]
    """The same counts under the route as it is in force."""
    as_of: date
    synthetic: bool
    routes: tuple[Hypothetical, ...]


def sweep(
    profiles: Cohort | Sequence[Profile],
    pathway_id: str,
    parameter_path: str,
    values: Sequence[Any],
    as_of: date | None = None,
    *,
    rulebook: Rulebook | None = None,
) -> Sweep:
    """Re-judge a route with ``parameter_path`` (a change path, see ``derive``) at each value."""
    cohort = _cohort(profiles, as_of, rulebook)
    if not values:
        raise InputError("give at least one value to sweep", field="values")
    counts: list[dict[Verdict, int]] = []
    routes: list[Hypothetical] = []
    for value in values:
        hypothetical = derive(pathway_id, {parameter_path: value}, rulebook=cohort.rulebook)
        routes.append(hypothetical)
        counts.append(_count(_verdict(r) for r in cohort.judge(RouteEvaluator(hypothetical.route))))
    in_force = _count(_verdict(r) for r in cohort.in_force(pathway_id))
    return Sweep(
        pathway_id,
        parameter_path,
        tuple(values),
        tuple(counts),
        in_force,
        cohort.as_of,
        cohort.synthetic,
        tuple(routes),
    )
