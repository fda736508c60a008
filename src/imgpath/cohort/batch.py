"""The batch check: many profiles against every route, with the answers ``check()`` gives, faster.

Two levers, both exact:

- **Projections.** Each criterion of the vocabulary reads a few top-level fields of the profile
  (``READS``); a route reads the union of its criteria's (and the immigration status when it is not
  for some statuses). Generated and real cohorts repeat those projections (the same exams passed,
  the same ECFMG status), so each route is evaluated once per distinct projection of what it reads,
  and each criterion once per distinct projection of its own fields (a shared memo beside the
  engine's per-profile one). Field values are interned to small numbers first, so a key is a tuple
  of ints.
- **Processes.** Profiles are split into chunks over forked workers that inherit the rulebook and
  the profiles (nothing is pickled but the answers).

A person's answer (every route's verdict, the best route, the next deadline) is itself interned:
many people share it, and exports expand it.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import operator
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from imgpath.cohort.readers import Person
from imgpath.engine import (
    Facts,
    Profile,
    RouteResult,
    Verdict,
    check,
    criterion_keys,
    criterion_outcomes,
    evaluate_pathway,
    facts_for,
)
from imgpath.rulebook import Jurisdiction, Pathway, Rulebook

READS: dict[str, tuple[str, ...]] = {
    "ecfmg_certified": ("ecfmg_certified",),
    "exam_passed": ("ecfmg_certified", "exams", "medical_school"),
    "exam_attempts": ("exams",),
    "exams_within_years": ("exams",),
    "training_years": ("training",),
    "us_gme_years": ("training", "us_gme_years"),
    "practice_years": ("practice", "training"),
    "license_in_good_standing": ("licenses",),
    "no_discipline": ("licenses",),
    "job_offer": ("job_offer",),
    "work_authorization": ("immigration",),
    "immigration_status": ("immigration",),
    "medical_school": ("ecfmg_certified", "medical_school"),
    "residence": ("residence",),
    "english_proficiency": ("ecfmg_certified", "exams"),
    "training_completed": ("training",),
    "holds_credential": ("credentials",),
    "citizenship": ("citizenship",),
    "membership": ("memberships",),
    "scores_at_least": ("exams",),
    "unverified_requirement": (),
}
"""The profile's top-level fields each criterion type reads (read from imgpath.engine.criteria,
helpers included; an ECFMG certificate stands in for exams through the rulebook's inferences). A
type missing here is read with every field: slower, never wrong. tests/test_cohort.py checks the
answers against ``check()``."""
ALL_FIELDS: tuple[str, ...] = tuple(Profile.model_fields)

VERDICT_RANK = {
    Verdict.eligible.value: 0,
    Verdict.not_yet.value: 1,
    Verdict.needs_steps.value: 2,
    Verdict.unknown.value: 3,
    Verdict.not_eligible.value: 4,
}
"""Best first: open now, then open by waiting, then by acting, then undecided, then closed."""


class RouteSummary(NamedTuple):
    """What a cohort keeps of one route's result for one person."""

    verdict: str
    deciding: str | None
    eligible_from: date | None
    eligible_until: date | None
    open_questions: int
    applies: bool


def summarise(result: RouteResult) -> RouteSummary:
    return RouteSummary(
        result.verdict.value,
        result.deciding.id if result.deciding is not None else None,
        result.eligible_from,
        result.eligible_until,
        len(result.open_questions),
        result.applies,
    )


@dataclass(frozen=True)
class Answer:
    """One person's answer over every route: shared by every person who gets the same."""

    routes: tuple[RouteSummary, ...]
    """By the checker's route order (``BatchChecker.route_ids``)."""
    best: int | None
    """Index of the best route (``best_route``), None when no route applies."""
    deadline: int | None
    """Index of the route whose ``eligible_until`` comes first among those still open."""


KIND_RANK = {"traditional": 0, "alternative": 0, "assistant_physician": 1, "limited": 1}
"""Routes to a license before the rest (certification, visas, state programs) when verdicts tie."""


def best_route(routes: Sequence[RouteSummary], kinds: Sequence[str] | None = None) -> int | None:
    """The best route: applying to the person, by verdict rank (``VERDICT_RANK``), then routes to
    a license before certification, visas and programs (``KIND_RANK``), then the earliest day it
    opens (for ``not_yet``), then fewest open questions, then the rulebook's order. The planner's
    ranking by time and cost is not used: it costs a plan per person (about 10 ms)."""
    chosen: int | None = None
    chosen_key: tuple[int, int, date, int, int] | None = None
    for index, route in enumerate(routes):
        if not route.applies:
            continue
        kind = KIND_RANK.get(kinds[index], 2) if kinds is not None else 0
        key = (
            VERDICT_RANK[route.verdict],
            kind,
            route.eligible_from or date.min,
            route.open_questions,
            index,
        )
        if chosen_key is None or key < chosen_key:
            chosen, chosen_key = index, key
    return chosen


def next_deadline(routes: Sequence[RouteSummary]) -> int | None:
    """The route whose ``eligible_until`` is nearest, among those that apply and are not closed."""
    chosen: int | None = None
    for index, route in enumerate(routes):
        if route.eligible_until is None or not route.applies or route.verdict == Verdict.not_eligible.value:
            continue
        if chosen is None or route.eligible_until < (routes[chosen].eligible_until or date.max):
            chosen = index
    return chosen


_EXAMS_NAMED = {"exam_passed": "exam", "exam_attempts": "exams", "exams_within_years": "exams"}
_EXAMS_NAMED |= {"scores_at_least": "exams", "english_proficiency": "tests"}
"""Criteria that read only the exams their parameters name (each through ``_exam``)."""
_CERTIFIED_NOW = {"exam_passed", "english_proficiency", "medical_school"}
"""Criteria that read the ECFMG certificate only through the rulebook's inferences: whether it is
held on the evaluation date (``Facts.ecfmg_certified_now``), not its date."""


def _reads(key: str) -> tuple[str, ...]:
    """The fields a criterion (by its memo key) reads: its type's (``READS``), narrowed where the
    criterion reads less: ``exams`` to the exams its parameters name (``exams.usmle_step1``), the
    certificate to whether it is held (``ecfmg_now``), the school to its graduation month
    (``medical_school.graduated``) for an exam whose deadline counts from graduation, and to nothing
    for an exam without one."""
    kind, _, rest = key.partition(":")
    fields = READS.get(kind, ALL_FIELDS)
    if kind in _CERTIFIED_NOW:
        fields = tuple("ecfmg_now" if f == "ecfmg_certified" else f for f in fields)
    name = _EXAMS_NAMED.get(kind)
    if name is None or "exams" not in fields:
        return fields
    try:
        params, _ = json.JSONDecoder().raw_decode(rest, rest.find("{"))
        named = params[name]
    except (ValueError, KeyError, TypeError):
        return tuple("ecfmg_certified" if f == "ecfmg_now" else f for f in fields)
    exams = [named] if isinstance(named, str) else list(named)
    narrowed = [f for f in fields if f not in ("exams", "medical_school")]
    if "medical_school" in fields and kind == "exam_passed":
        if params.get("within_years_of_graduation") is not None:
            narrowed.append("medical_school.graduated")
    elif "medical_school" in fields:
        narrowed.append("medical_school")
    return (*narrowed, *(f"exams.{exam}" for exam in exams))


def _nothing(_: Sequence[int]) -> tuple[()]:
    return ()


def _frozen(value: Any) -> Any:
    """A field's value as a hashable key: equal keys, equal answers from every criterion. The
    profile's models are frozen, so they hash by their fields; lists and mappings become tuples."""
    if isinstance(value, list):
        return tuple(value)
    if isinstance(value, dict):
        return tuple(value.items())
    return value


class BatchChecker:
    """Every route for many profiles on one date: the summaries ``check()`` would give, per profile.

    Per profile: each top-level field's value is interned to a number; for each set of fields some
    criteria read, the numbers look up those criteria's outcomes (computed on the first profile
    with those values); the outcomes of every criterion look up the whole answer, and failing that
    each route's summary by its own criteria's outcomes; only a route never seen with those
    outcomes is evaluated by the engine.
    """

    LIMIT = 500_000
    """Entries each table holds before it is cleared (a cohort of distinct people stays bounded)."""

    def __init__(self, rulebook: Rulebook, as_of: date) -> None:
        self.rulebook = rulebook
        self.as_of = as_of
        self.serials = itertools.count(1)
        """Numbers for field values, never reused: a cleared table cannot make an old key match."""
        self.values: list[dict[Any, int]] = [{} for _ in ALL_FIELDS]
        self.shapes: dict[tuple[Any, ...], int] = {}
        field_index = {name: i for i, name in enumerate(ALL_FIELDS)}
        self.routes: list[tuple[Jurisdiction, Pathway]] = []
        self.route_ids: list[str] = []
        self.jurisdictions: list[str] = []
        self.kinds: list[str] = []
        by_route = criterion_keys(rulebook, as_of)
        keys = list(dict.fromkeys(k for route_keys in by_route.values() for k in route_keys))
        reads = {key: _reads(key) for key in keys}
        self.derived: list[tuple[str, Callable[[Profile], Any]]] = []
        """Fields some criteria read that are not the profile's own: one exam, the certificate held."""
        for fields in reads.values():
            for name in fields:
                if name not in field_index:
                    field_index[name] = len(field_index)
                    self.derived.append((name, self._derive(name)))
        self.values = [{} for _ in field_index]
        read = {f for fields in reads.values() for f in fields} | {"immigration"}
        self.unread = [name not in read for name in ALL_FIELDS]
        """Fields no criterion reads (preferences): never interned, so never hashed."""
        by_fields: dict[tuple[int, ...], list[str]] = {}
        for key in keys:
            by_fields.setdefault(tuple(sorted(field_index[f] for f in reads[key])), []).append(key)
        self.sets: list[
            tuple[
                Callable[[Sequence[int]], Any],
                list[str],
                dict[Any, tuple[tuple[int, ...], tuple[tuple[int, Any], ...]]],
            ]
        ] = [
            (operator.itemgetter(*positions) if positions else _nothing, members, {})
            for positions, members in by_fields.items()
        ]
        """Per set of fields: what of a profile's numbers it reads, its criteria, their outcomes by
        those numbers (the outcomes' shapes, and the outcomes)."""
        self.keys = [key for _, members, _ in self.sets for key in members]
        """Every criterion key, in the order the sets give their outcomes."""
        position = {key: i for i, key in enumerate(self.keys)}
        self.route_keys: list[Callable[[Sequence[int]], Any]] = []
        """Per route, what of a profile's outcomes its summary depends on (its criteria's shapes)."""
        self.immigration = field_index["immigration"]
        for compiled in rulebook.routes.values():
            jurisdiction, pathway = rulebook.pathway(compiled.pathway.id)
            self.routes.append((jurisdiction, pathway))
            self.route_ids.append(pathway.id)
            self.jurisdictions.append(compiled.jurisdiction)
            self.kinds.append(pathway.kind.value)
            positions = [position[k] for k in by_route[pathway.id]]
            if pathway.not_for:
                positions.append(len(self.keys))  # the immigration status, after every criterion
            # one position gives a scalar, several a tuple: either is a key
            self.route_keys.append(operator.itemgetter(*positions) if positions else _nothing)
        self.route_answers: list[dict[tuple[int, ...], RouteSummary]] = [{} for _ in self.routes]
        self.answers: dict[tuple[int, ...], int] = {}
        self.table: list[Answer] = []

    def _numbers(self, profile: Profile) -> list[int]:
        said = profile.model_fields_set
        numbers = []
        for name, values, unread in zip(ALL_FIELDS, self.values, self.unread, strict=False):
            if unread:
                numbers.append(0)
                continue
            key = (name in said, _frozen(getattr(profile, name)))
            number = values.get(key)
            if number is None:
                if len(values) > self.LIMIT:
                    values.clear()  # numbers already given stay valid: they are never reused
                number = values[key] = next(self.serials)
            numbers.append(number)
        for (_, derive), values in zip(self.derived, self.values[len(ALL_FIELDS) :], strict=True):
            key = derive(profile)
            number = values.get(key)
            if number is None:
                if len(values) > self.LIMIT:
                    values.clear()
                number = values[key] = next(self.serials)
            numbers.append(number)
        return numbers

    def _derive(self, name: str) -> Callable[[Profile], Any]:
        """How to read a derived field (``_reads``) from a profile, as a hashable value."""
        as_of = self.as_of
        if name == "ecfmg_now":

            def certified(profile: Profile) -> Any:
                value = profile.ecfmg_certified
                return value is True or (
                    not isinstance(value, bool) and value is not None and value.first_day <= as_of
                )

            return certified
        if name == "medical_school.graduated":
            return lambda profile: profile.medical_school.graduated if profile.medical_school else None
        exam = name.removeprefix("exams.")

        def one_exam(profile: Profile) -> Any:
            exams = profile.exams or {}
            return (exam in exams, exams.get(exam))

        return one_exam

    def _shape(self, outcome: Any) -> int:
        """The number of what a route's verdict, dates and questions read of an outcome: all but
        its reason (the words differ from person to person: "you have 7 years 3 months")."""
        key = (
            outcome.verdict,
            outcome.eligible_from,
            outcome.eligible_until,
            outcome.missing,
            outcome.worst,
            outcome.about,
        )
        number = self.shapes.get(key)
        if number is None:
            if len(self.shapes) > self.LIMIT:
                self.shapes.clear()
            number = self.shapes[key] = next(self.serials)
        return number

    def answer(self, profile: Profile) -> int:
        """The index in ``table`` of the profile's answer."""
        numbers = self._numbers(profile)
        facts: Facts | None = None
        outcomes: list[tuple[int, Any]] = []
        shapes: list[int] = []
        for pick, members, cache in self.sets:
            projection = pick(numbers)
            found = cache.get(projection)
            if found is None:
                if facts is None:
                    facts = facts_for(profile, self.rulebook, self.as_of)
                computed = criterion_outcomes(facts, members)
                found = (tuple([self._shape(outcome) for _, outcome in computed]), tuple(computed))
                if len(cache) > self.LIMIT:
                    cache.clear()
                cache[projection] = found
            shapes.extend(found[0])
            outcomes.extend(found[1])
        serials = shapes
        whole = (numbers[self.immigration], *shapes)
        index = self.answers.get(whole)
        if index is not None:
            return index
        routes: list[RouteSummary] = []
        serials.append(numbers[self.immigration])
        for at, pick in enumerate(self.route_keys):
            key = pick(serials)
            summary = self.route_answers[at].get(key)
            if summary is None:
                if facts is None:
                    facts = facts_for(profile, self.rulebook, self.as_of)
                if len(facts.memo) < len(self.keys):
                    facts.memo.update(zip(self.keys, outcomes, strict=True))
                summary = summarise(evaluate_pathway(*self.routes[at], facts))
                if len(self.route_answers[at]) > self.LIMIT:
                    self.route_answers[at].clear()
                self.route_answers[at][key] = summary
            routes.append(summary)
        done = tuple(routes)
        index = len(self.table)
        self.table.append(Answer(done, best_route(done, self.kinds), next_deadline(done)))
        if len(self.answers) > self.LIMIT:
            self.answers.clear()  # the table keeps every answer given; only the lookup is dropped
        self.answers[whole] = index
        return index


def reference_summaries(profile: Profile, rulebook: Rulebook, as_of: date) -> list[RouteSummary]:
    """What ``check()`` says of every route, summarised as a cohort keeps it: the batch's reference."""
    return [summarise(result) for result in check(profile, rulebook, as_of=as_of).results]


@dataclass
class CohortResult:
    """A cohort's answers: each person's id and answer, the answers, and the routes they cover."""

    as_of: date
    ids: list[str]
    answer_of: list[int]
    """Per person, an index into ``answers``."""
    answers: list[Answer]
    route_ids: list[str]
    jurisdictions: list[str]
    kinds: list[str]
    synthetic: bool = False

    def answer(self, person: int) -> Answer:
        return self.answers[self.answer_of[person]]

    def verdict_counts(self, by: str = "jurisdiction") -> dict[str, Counter[str]]:
        """People per verdict of each route, summed per state (``jurisdiction``) or per ``kind``
        (a person counts once per route: ten Texas routes count ten times)."""
        labels = self.jurisdictions if by == "jurisdiction" else self.kinds
        weight = Counter(self.answer_of)
        counts: dict[str, Counter[str]] = {}
        for index, times in weight.items():
            for label, route in zip(labels, self.answers[index].routes, strict=True):
                counts.setdefault(label, Counter())[route.verdict] += times
        return counts


_WORKER: dict[str, Any] = {}
"""What forked workers inherit: the checker and the profiles (never pickled)."""


def _run_chunk(bounds: tuple[int, int]) -> tuple[int, list[int], dict[int, Answer]]:
    """Answer a chunk: (the process, each person's answer by its index in this process's table,
    the answers this process has not sent before). Answers made before the fork are the parent's."""
    checker: BatchChecker = _WORKER["checker"]
    profiles: Sequence[Profile] = _WORKER["profiles"]
    sent: set[int] = _WORKER.setdefault("sent", set())
    inherited: int = _WORKER.get("inherited", 0)
    start, end = bounds
    indexes = [checker.answer(profile) for profile in profiles[start:end]]
    fresh: dict[int, Answer] = {}
    for index in indexes:
        if index >= inherited and index not in sent:
            sent.add(index)
            fresh[index] = checker.table[index]
    return os.getpid(), indexes, fresh


def _parts(
    bounds: list[tuple[int, int]], workers: int
) -> Iterator[tuple[tuple[int, int], tuple[int, list[int], dict[int, Answer]]]]:
    """Each chunk's answers, in order: here, or over forked workers after a first chunk here (so
    that every worker inherits the tables it filled)."""
    if workers == 1:
        for bound in bounds:
            yield bound, _run_chunk(bound)
        return
    first, *rest = bounds
    yield first, _run_chunk(first)
    _WORKER["inherited"] = len(_WORKER["checker"].table)
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from zip(rest, pool.imap(_run_chunk, rest), strict=True)


def check_cohort(
    people: Sequence[Person] | Sequence[Profile],
    rulebook: Rulebook,
    as_of: date,
    *,
    ids: Sequence[str] | None = None,
    workers: int = 1,
    chunk: int = 5_000,
    progress: Callable[[int, int], None] | None = None,
    synthetic: bool | None = None,
) -> CohortResult:
    """Every person against every route on ``as_of``; ``progress(done, total)`` after each chunk.

    ``synthetic`` None: synthetic when every person is (their ``synthetic`` column).
    ``workers`` above 1 forks that many processes (where fork exists; elsewhere one process is used).
    """
    profiles = [p.profile if isinstance(p, Person) else p for p in people]
    if synthetic is None:
        synthetic = bool(people) and all(isinstance(p, Person) and p.synthetic for p in people)
    if ids is None:
        ids = [p.id if isinstance(p, Person) else f"row-{i + 1}" for i, p in enumerate(people)]
    checker = BatchChecker(rulebook, as_of)
    total = len(profiles)
    bounds = [(start, min(start + chunk, total)) for start in range(0, total, chunk)]
    merged: dict[Answer, int] = {}
    table: list[Answer] = []
    answer_of: list[int] = []
    known: dict[tuple[int, int], int] = {}
    """Each process's answer (process, index in its table) as an index into ``table``."""
    parent = os.getpid()

    def take(part: tuple[int, list[int], dict[int, Answer]]) -> None:
        process, indexes, fresh = part
        for local, found in fresh.items():
            position = merged.get(found)
            if position is None:
                position = merged[found] = len(table)
                table.append(found)
            known[(process, local)] = position
        for local in indexes:
            position = known.get((process, local))
            if position is None:  # made in the parent before the fork
                position = known[(parent, local)]
            answer_of.append(position)

    _WORKER.update(checker=checker, profiles=profiles)
    try:
        parallel = workers > 1 and total > chunk and "fork" in multiprocessing.get_all_start_methods()
        if parallel:  # a fifth of a chunk warms the tables here: the rest waits for it
            bounds[:1] = [(0, chunk // 5), (chunk // 5, bounds[0][1])]
        for (_, end), part in _parts(bounds, min(workers, os.cpu_count() or workers) if parallel else 1):
            take(part)
            if progress:
                progress(end, total)
    finally:
        _WORKER.clear()
    return CohortResult(
        as_of, list(ids), answer_of, table, checker.route_ids, checker.jurisdictions, checker.kinds, synthetic
    )


def counts_table(counts: Mapping[str, Counter[str]]) -> list[dict[str, Any]]:
    """Verdict counts as rows (label, then one column per verdict): for a chart or a CSV."""
    return [
        {"label": label, **{verdict: counts[label].get(verdict, 0) for verdict in VERDICT_RANK}}
        for label in sorted(counts)
    ]


def check_profiles(profiles: Iterable[Profile], rulebook: Rulebook, as_of: date) -> list[list[RouteSummary]]:
    """The plain loop of ``check()``: the reference the batch is compared with (tests, benchmark)."""
    return [reference_summaries(p, rulebook, as_of) for p in profiles]
