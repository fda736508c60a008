"""Mentor matching: who mentors whom, with each pair's fit explained criterion by criterion.

A mentor says the route they took, their specialty, languages, countries, states, how many mentees
they can take and when they are free; a mentee's request says the route sought and the rest. The fit
of a pair is a sum of points, one part per criterion (route, specialty, language, country, state,
availability), each part a keyed message; the points are a coordinator's policy, read from
``data/mentor_weights.yaml``, not law. Assignment keeps, for each request, the ``K`` best mentors
with a positive fit (the candidate graph) and solves a capacitated min-cost flow over it, so the total
fit is the largest any assignment on that graph reaches; a request that gets no mentor is said to be
unassigned, and why. Pure Python (numpy for the scores, OR-tools for the flow): no Django.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any

import numpy as np
from ortools.graph.python import min_cost_flow  # type: ignore[import-untyped]
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, ValidationError

from imgpath.errors import first_problem, input_error
from imgpath.messages import Message, message
from imgpath.rulebook import Kind, Rulebook, default_rulebook
from imgpath.yamlio import InputError, SourceMap, load_file, printable

WEIGHTS_FILE = Path(__file__).parent / "data" / "mentor_weights.yaml"
CANDIDATES_PER_MENTEE = 10
"""K: the most mentors a request keeps in the candidate graph, its best fits. On generated rounds of
up to 2,000 requests (benchmarks/mentors.py) the total fit with 10 is within 0.1% of the optimum on
the full graph; more costs time and memory for no gain there."""
CRITERIA = ("route", "specialty", "language", "country", "state", "availability")
"""The parts of a fit, in the order they are explained."""
MAX_MENTORS = 100_000
MAX_REQUESTS = 500_000
_CENTS = 100
"""Points are kept in hundredths, as integers: the flow's costs must be integers."""
_EPOCH = date(2000, 1, 1).toordinal()
_NEVER = 2**30
"""Day numbers count from 2000-01-01 in 32 bits; an open-ended availability ends on day 2**30."""

Id = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code")]
StateCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="USPS two-letter code")]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2,3}$", description="ISO 639 code (es, ar, en)")]
Specialty = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]{0,63}$", description="internal_medicine")]
Route = Annotated[
    str,
    Field(
        pattern=r"^([a-z_]+|us(-[a-z]{2})?\.[a-z0-9_]+)$",
        description="A rulebook pathway id (us-tn.provisional_foreign_training_license) or a kind",
    ),
]
Count = Annotated[int, Strict(), Field(ge=0, le=1000)]


def _iso_day(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError("expected a day as YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{printable(value)}' is not a day of the calendar (YYYY-MM-DD)") from None


Day = Annotated[date, BeforeValidator(_iso_day)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Availability(_Strict):
    """When a mentor is free to mentor: from a day, until a day (included) or open-ended."""

    start: Day = Field(alias="from")
    until: Day | None = None


class Needs(_Strict):
    """What a mentee asks for: mentoring from a day, for some months; topics are for the mentor to
    read (exams, interviews, a license application) and are not scored."""

    start: Day = Field(alias="from")
    months: Annotated[int, Strict(), Field(ge=1, le=60)] = 6
    topics: list[Annotated[str, Field(max_length=200)]] = Field(default_factory=list, max_length=20)

    @property
    def until(self) -> date:
        """The first day after the months asked for."""
        month = self.start.month - 1 + self.months
        year, month = self.start.year + month // 12, month % 12 + 1
        return date(year, month, min(self.start.day, calendar.monthrange(year, month)[1]))


class Mentor(_Strict):
    id: Id
    route: Route
    """The route the mentor took: a rulebook pathway id, or only its kind."""
    specialty: Specialty | None = None
    languages: list[LanguageCode] = Field(min_length=1, max_length=20)
    countries: list[CountryCode] = Field(default_factory=list, max_length=20)
    """Where the mentor trained or practiced before coming to the US."""
    states: list[StateCode] = Field(default_factory=list, max_length=60)
    """The US states the mentor knows from the inside (licensed, trained or practicing there)."""
    capacity: Count = 1
    available: Availability


class MenteeRequest(_Strict):
    id: Id
    route: Route
    """The route sought: a rulebook pathway id, or a kind when the mentee has not chosen one."""
    specialty: Specialty | None = None
    languages: list[LanguageCode] = Field(min_length=1, max_length=20)
    country: CountryCode | None = None
    """Where the mentee trained."""
    states: list[StateCode] = Field(default_factory=list, max_length=60)
    needs: Needs


class Pair(_Strict):
    mentor: Id
    mentee: Id


class RouteWeights(_Strict):
    same_pathway: float = Field(ge=0, le=1000)
    same_kind_and_state: float = Field(ge=0, le=1000)
    same_kind: float = Field(ge=0, le=1000)


class Weights(_Strict):
    """The points of each criterion (a coordinator's policy: ``data/mentor_weights.yaml``)."""

    route: RouteWeights
    specialty: float = Field(ge=0, le=1000)
    language: float = Field(ge=0, le=1000)
    country: float = Field(ge=0, le=1000)
    state: float = Field(ge=0, le=1000)
    availability: float = Field(ge=0, le=1000)
    required: list[str] = Field(default_factory=list)

    def cents(self, name: str) -> int:
        cents: int = round(getattr(self, name) * _CENTS)
        return cents


def load_weights(path: Path = WEIGHTS_FILE) -> Weights:
    data, source = load_file(path)
    try:
        weights = Weights.model_validate(data)
    except ValidationError as error:
        raise input_error(first_problem(error, source), source) from None
    for index, name in enumerate(weights.required):
        if name not in ("language", "availability", "specialty", "country", "state"):
            raise InputError(
                f"'{printable(name)}' cannot be required (language, availability, specialty, country, state)",
                file=source.file,
                line=source.line_of(("required", index)),
                field=f"required[{index}]",
            )
    return weights


# --- routes -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RouteInfo:
    """What the fit needs to know of a route: its pathway (None for a bare kind), kind and state."""

    pathway: str | None
    kind: str
    state: str | None
    name: str | None


def route_catalogue(rulebook: Rulebook | None = None) -> dict[str, RouteInfo]:
    """Every route a mentor or a mentee may name: the rulebook's pathway ids and its kinds."""
    rulebook = rulebook or default_rulebook()
    routes = {kind.value: RouteInfo(None, kind.value, None, None) for kind in Kind}
    for jurisdiction, pathway in rulebook.pathways:
        state = jurisdiction.jurisdiction[3:] or None
        routes[pathway.id] = RouteInfo(pathway.id, pathway.kind.value, state, pathway.name)
    return routes


def _kind(kind: str) -> Message:
    return message(f"mentors.kind.{kind}")


def _route_part(taken: RouteInfo, sought: RouteInfo, weights: RouteWeights) -> tuple[int, Message]:
    if taken.pathway is not None and taken.pathway == sought.pathway:
        said = message("mentors.route.same_pathway", route=taken.pathway, route_name=taken.name)
        return round(weights.same_pathway * _CENTS), said
    if taken.kind == sought.kind and taken.state is not None and taken.state == sought.state:
        said = message(
            "mentors.route.same_kind_and_state", route=taken.pathway, route_name=taken.name, state=taken.state
        )
        return round(weights.same_kind_and_state * _CENTS), said
    if taken.kind == sought.kind:
        return round(weights.same_kind * _CENTS), message(
            "mentors.route.same_kind", kind=taken.kind, kind_name=_kind(taken.kind)
        )
    said = message(
        "mentors.route.other",
        kind=taken.kind,
        kind_name=_kind(taken.kind),
        sought=sought.kind,
        sought_name=_kind(sought.kind),
    )
    return 0, said


# --- the fit, explained -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FitPart:
    criterion: str
    cents: int
    """The points in hundredths."""
    said: Message

    @property
    def points(self) -> int | float:
        return _points(self.cents)


@dataclass(frozen=True, slots=True)
class Fit:
    """How well one mentor fits one request: each criterion's points and why, and their sum (0 when a
    required criterion fails: such a pair is never proposed)."""

    mentor: str
    mentee: str
    parts: tuple[FitPart, ...]
    cents: int
    excluded_by: str | None = None

    @property
    def total(self) -> int | float:
        return _points(self.cents)


def _points(cents: int) -> int | float:
    return cents // _CENTS if cents % _CENTS == 0 else cents / _CENTS


def _overlap_days(mentor: Mentor, request: MenteeRequest) -> tuple[int, int]:
    start, until = request.needs.start, request.needs.until
    mentor_end = mentor.available.until + timedelta(days=1) if mentor.available.until else date.max
    days = (min(until, mentor_end) - max(start, mentor.available.start)).days
    return max(days, 0), (until - start).days


def fit(mentor: Mentor, request: MenteeRequest, weights: Weights, routes: Mapping[str, RouteInfo]) -> Fit:
    """The fit of ``mentor`` for ``request``, part by part (the scores the matching uses, explained)."""
    parts: list[FitPart] = []
    route_cents, route_said = _route_part(routes[mentor.route], routes[request.route], weights.route)
    parts.append(FitPart("route", route_cents, route_said))

    if mentor.specialty is None or request.specialty is None:
        parts.append(FitPart("specialty", 0, message("mentors.specialty.unknown")))
    elif mentor.specialty == request.specialty:
        parts.append(
            FitPart(
                "specialty",
                weights.cents("specialty"),
                message("mentors.specialty.same", specialty=mentor.specialty),
            )
        )
    else:
        said = message(
            "mentors.specialty.other", specialty=request.specialty, mentor_specialty=mentor.specialty
        )
        parts.append(FitPart("specialty", 0, said))

    shared = sorted(set(mentor.languages) & set(request.languages))
    if shared:
        parts.append(
            FitPart(
                "language", weights.cents("language"), message("mentors.language.shared", languages=shared)
            )
        )
    else:
        parts.append(FitPart("language", 0, message("mentors.language.none")))

    if request.country is None:
        parts.append(FitPart("country", 0, message("mentors.country.unknown")))
    elif request.country in mentor.countries:
        parts.append(
            FitPart(
                "country", weights.cents("country"), message("mentors.country.same", country=request.country)
            )
        )
    else:
        parts.append(FitPart("country", 0, message("mentors.country.other", country=request.country)))

    states = sorted(set(mentor.states) & set(request.states))
    if states:
        parts.append(FitPart("state", weights.cents("state"), message("mentors.state.shared", states=states)))
    elif not request.states:
        parts.append(FitPart("state", 0, message("mentors.state.unknown")))
    else:
        parts.append(FitPart("state", 0, message("mentors.state.none", states=sorted(request.states))))

    days, need = _overlap_days(mentor, request)
    start = request.needs.start.isoformat()
    if days == need:
        said = message("mentors.availability.full", months=request.needs.months, start=start)
    elif days > 0:
        said = message("mentors.availability.partial", days=days, need_days=need, start=start)
    else:
        said = message("mentors.availability.none", months=request.needs.months, start=start)
    parts.append(FitPart("availability", weights.cents("availability") * days // need, said))

    met = {
        "specialty": mentor.specialty is not None and mentor.specialty == request.specialty,
        "language": bool(shared),
        "country": request.country is not None and request.country in mentor.countries,
        "state": bool(states),
        "availability": days > 0,
    }
    excluded = next((name for name in weights.required if not met.get(name, True)), None)
    total = 0 if excluded else sum(p.cents for p in parts)
    return Fit(mentor.id, request.id, tuple(parts), total, excluded)


# --- the same scores for every pair at once -----------------------------------------------------


def _codes(values: Iterable[str]) -> dict[str, int]:
    return {value: index for index, value in enumerate(sorted(set(values)))}


def _masks(sets: Sequence[Iterable[str]], codes: Mapping[str, int]) -> np.ndarray:
    """One row of 64-bit words per set, a bit per value present (values not in ``codes`` ignored)."""
    words = max(1, (len(codes) + 63) // 64)
    masks = np.zeros((len(sets), words), dtype=np.uint64)
    for row, values in enumerate(sets):
        for value in values:
            code = codes.get(value)
            if code is not None:
                masks[row, code >> 6] |= np.uint64(1 << (code & 63))
    return masks


def _meet(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Whether each set of ``a`` (rows) shares a value with each set of ``b`` (columns)."""
    met = (a[:, None, 0] & b[None, :, 0]) != 0
    for word in range(1, a.shape[1]):
        met |= (a[:, None, word] & b[None, :, word]) != 0
    found: np.ndarray = met
    return found


class _Table:
    """The mentors and the requests as arrays, for scoring a block of requests against every mentor."""

    def __init__(
        self,
        mentors: Sequence[Mentor],
        requests: Sequence[MenteeRequest],
        weights: Weights,
        routes: Mapping[str, RouteInfo],
    ) -> None:
        self.weights = weights
        taken, sought = _codes(m.route for m in mentors), _codes(r.route for r in requests)
        self.route_points = np.zeros((max(len(sought), 1), max(len(taken), 1)), dtype=np.int32)
        for s, si in sought.items():
            for t, ti in taken.items():
                self.route_points[si, ti] = _route_part(routes[t], routes[s], weights.route)[0]
        self.m_route = np.array([taken[m.route] for m in mentors], dtype=np.intp)
        self.r_route = np.array([sought[r.route] for r in requests], dtype=np.intp)
        specialties = _codes([m.specialty for m in mentors if m.specialty])
        self.m_specialty = np.array([specialties.get(m.specialty or "", -1) for m in mentors], dtype=np.int32)
        self.r_specialty = np.array(
            [specialties.get(r.specialty or "", -2) for r in requests], dtype=np.int32
        )
        languages = _codes(code for m in mentors for code in m.languages)
        self.m_languages = _masks([m.languages for m in mentors], languages)
        self.r_languages = _masks([r.languages for r in requests], languages)
        countries = _codes(code for m in mentors for code in m.countries)
        self.m_countries = _masks([m.countries for m in mentors], countries)
        self.r_country = _masks([[r.country] if r.country else [] for r in requests], countries)
        states = _codes(code for m in mentors for code in m.states)
        self.m_states = _masks([m.states for m in mentors], states)
        self.r_states = _masks([r.states for r in requests], states)
        self.m_start = np.array([m.available.start.toordinal() - _EPOCH for m in mentors], dtype=np.int32)
        self.m_end = np.array(
            [m.available.until.toordinal() + 1 - _EPOCH if m.available.until else _NEVER for m in mentors],
            dtype=np.int32,
        )
        self.r_start = np.array([r.needs.start.toordinal() - _EPOCH for r in requests], dtype=np.int32)
        self.r_end = np.array([r.needs.until.toordinal() - _EPOCH for r in requests], dtype=np.int32)

    def base(self, row: int) -> np.ndarray:
        """Route and specialty points of request ``row`` with every mentor: the criteria that weigh
        most, shared by every request seeking the same route in the same specialty."""
        met = self.m_specialty == self.r_specialty[row]
        base: np.ndarray = self.route_points[self.r_route[row]][self.m_route] + met * np.int32(
            self.weights.cents("specialty")
        )
        return base

    def most_beyond_base(self) -> int:
        """The most points the other criteria can add to the base."""
        return sum(self.weights.cents(name) for name in ("language", "country", "state", "availability"))

    def scores(self, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
        """The fit in hundredths of points of the requests ``rows`` with the mentors ``columns``."""
        w = self.weights
        if len(columns) == len(self.m_route):
            columns = slice(None)  # type: ignore[assignment]  # every mentor: views, not copies
        score = self.route_points[self.r_route[rows]][:, self.m_route[columns]]
        met = self.r_specialty[rows, None] == self.m_specialty[None, columns]
        score += met * np.int32(w.cents("specialty"))
        required = None
        if "specialty" in w.required:
            required = met
        for name, mine, theirs in (
            ("language", self.r_languages, self.m_languages),
            ("country", self.r_country, self.m_countries),
            ("state", self.r_states, self.m_states),
        ):
            met = _meet(mine[rows], theirs[columns])
            score += met * np.int32(w.cents(name))
            if name in w.required:
                required = met if required is None else required & met
        start, end = self.r_start[rows, None], self.r_end[rows, None]
        days = np.minimum(end, self.m_end[None, columns]) - np.maximum(start, self.m_start[None, columns])
        np.maximum(days, 0, out=days)
        score += days * np.int32(w.cents("availability")) // (end - start)
        if "availability" in w.required:
            required = days > 0 if required is None else required & (days > 0)
        if required is not None:
            score *= required
        found: np.ndarray = score
        return found


# --- the candidate graph and the flow -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidates:
    """The candidate graph: for each request (by index), at most K mentors (by index) with a positive
    fit, as three parallel arrays of edges."""

    mentee: np.ndarray
    mentor: np.ndarray
    cents: np.ndarray


def _best(score: np.ndarray, columns: np.ndarray, k: int | None) -> tuple[np.ndarray, np.ndarray]:
    """Row and column (into ``columns``) of each row's ``k`` best positive scores; ties go to the
    column listed first (every positive score when ``k`` is None or covers the row)."""
    width = score.shape[1]
    if k is None or k >= width:
        r, c = np.nonzero(score > 0)
        return r, c
    key = score.astype(np.int64) * (int(columns.max()) + 1) - columns[None, :]
    best = np.argpartition(key, width - k, axis=1)[:, width - k :]
    rows = np.repeat(np.arange(score.shape[0]), k)
    chosen = best.ravel()
    keep = score[rows, chosen] > 0
    return rows[keep], chosen[keep]


def _drop_declined(
    score: np.ndarray,
    rows: np.ndarray,
    columns: np.ndarray,
    declined: Mapping[int, Iterable[int]],
    width: int,
) -> None:
    """Zero the scores of declined pairs among ``rows`` and ``columns`` (in place)."""
    position = {int(c): i for i, c in enumerate(columns)} if len(columns) < width else None
    for local, row in enumerate(rows.tolist()):
        for column in declined.get(row, ()):
            at = column if position is None else position.get(column)
            if at is not None:
                score[local, at] = 0


def _kth_best(rows: np.ndarray, mentee: np.ndarray, cents: np.ndarray, k: int) -> np.ndarray:
    """For each of ``rows`` (sorted), its k-th best score among the edges found, 0 with fewer than k."""
    counts = np.bincount(np.searchsorted(rows, mentee), minlength=len(rows))
    kth = np.zeros(len(rows), dtype=np.int64)
    if len(cents):
        order = np.lexsort((-cents, mentee))
        first = np.searchsorted(mentee[order], rows)
        full = counts >= k
        kth[full] = cents[order][first[full] + k - 1]
    return kth


PREFIX = 800
"""How many of the mentors with the highest route and specialty points a request is scored against
first; the rest are scored only when they could still reach its K best (see candidate_graph)."""


def candidate_graph(
    table: _Table,
    count: int,
    k: int | None,
    declined: Mapping[int, Iterable[int]] | None = None,
    skip: Iterable[int] = (),
    block: int = 256,
) -> Candidates:
    """Each request's ``k`` best mentors with a positive fit (every such mentor when ``k`` is None);
    ties at the k-th place go to the mentor listed first. A declined pair is no candidate.

    Exact, and faster than scoring every pair: requests seeking the same route in the same specialty
    share their route and specialty points with each mentor (the base). They are scored first against
    the mentors of the highest bases (whole levels, at least PREFIX mentors); a request whose k-th best
    there beats the next level's base plus the most the other criteria can add is done (no other
    mentor can reach its k best); the others are scored against every mentor."""
    declined = declined or {}
    skipped = set(skip)
    width = table.m_route.shape[0]
    parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    everyone = np.arange(width, dtype=np.int64)
    classes: dict[tuple[int, int], list[int]] = {}
    for row in range(count if width else 0):
        if row not in skipped:
            classes.setdefault((int(table.r_route[row]), int(table.r_specialty[row])), []).append(row)
    extra = table.most_beyond_base()

    def score_rows(rows: np.ndarray, columns: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for first in range(0, len(rows), block):
            some = rows[first : first + block]
            score = table.scores(some, columns)
            if declined:
                _drop_declined(score, some, columns, declined, width)
            r, c = _best(score, columns, k)
            found.append((some[r], columns[c], score[r, c].astype(np.int64)))
        return (
            np.concatenate([f[0] for f in found]),
            np.concatenate([f[1] for f in found]),
            np.concatenate([f[2] for f in found]),
        )

    for members in classes.values():
        rows = np.array(members, dtype=np.int64)
        base = table.base(members[0])
        levels = np.unique(base)[::-1]
        taken, next_base = len(levels), None
        for index, level in enumerate(levels):
            if int((base >= level).sum()) >= PREFIX:
                taken, next_base = index + 1, (int(levels[index + 1]) if index + 1 < len(levels) else None)
                break
        if k is None or next_base is None:
            parts.append(score_rows(rows, everyone))
            continue
        prefix = np.nonzero(base >= levels[taken - 1])[0].astype(np.int64)
        mentee, mentor, cents = score_rows(rows, prefix)
        kth = _kth_best(rows, mentee, cents, k)
        done = kth > next_base + extra
        keep = done[np.searchsorted(rows, mentee)]
        parts.append((mentee[keep], mentor[keep], cents[keep]))
        if not done.all():
            parts.append(score_rows(rows[~done], everyone))
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return Candidates(empty, empty, empty)
    return Candidates(
        np.concatenate([p[0] for p in parts]),
        np.concatenate([p[1] for p in parts]),
        np.concatenate([p[2] for p in parts]),
    )


def assign(candidates: Candidates, requests: int, capacities: Sequence[int]) -> np.ndarray:
    """The mentor of each request (-1: unassigned) that maximises the total fit on the candidate graph.

    A capacitated min-cost flow: each request sends one unit, either along an edge to a mentor (cost:
    the largest fit plus one, less the pair's fit) or to the "unassigned" node (cost: the largest fit
    plus one, worse than any real match); each mentor passes at most its capacity to the sink.
    Minimising the cost maximises the total fit, and OR-tools solves it exactly."""
    mentors = len(capacities)
    result = np.full(requests, -1, dtype=np.int64)
    if requests == 0 or len(candidates.mentee) == 0:
        return result
    top = int(candidates.cents.max()) + 1
    unassigned, sink = requests + mentors, requests + mentors + 1
    flow = min_cost_flow.SimpleMinCostFlow()
    edges = len(candidates.mentee)
    starts = np.concatenate(
        [candidates.mentee, np.arange(requests), np.arange(requests, requests + mentors), [unassigned]]
    )
    ends = np.concatenate(
        [candidates.mentor + requests, np.full(requests, unassigned), np.full(mentors, sink), [sink]]
    )
    capacity = np.concatenate([np.ones(edges + requests), np.asarray(capacities, dtype=np.int64), [requests]])
    cost = np.concatenate([top - candidates.cents, np.full(requests, top), np.zeros(mentors + 1)])
    flow.add_arcs_with_capacity_and_unit_cost(
        starts.astype(np.int32), ends.astype(np.int32), capacity.astype(np.int64), cost.astype(np.int64)
    )
    supplies = np.zeros(requests + mentors + 2, dtype=np.int64)
    supplies[:requests] = 1
    supplies[sink] = -requests
    flow.set_nodes_supplies(np.arange(len(supplies), dtype=np.int32), supplies)
    status = flow.solve()
    if status != flow.OPTIMAL:  # pragma: no cover - the graph always has a feasible flow
        raise RuntimeError(f"the min-cost flow did not solve: status {status}")
    used = flow.flows(np.arange(edges, dtype=np.int32)) > 0
    result[candidates.mentee[used]] = candidates.mentor[used]
    return result


# --- rounds -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Round:
    """The open requests and the available mentors at one time, with the pairs already accepted (kept
    as they are) and declined (never proposed again)."""

    mentors: tuple[Mentor, ...]
    requests: tuple[MenteeRequest, ...]
    accepted: frozenset[tuple[str, str]] = frozenset()
    declined: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class Matching:
    """A round's outcome: each mentor's mentees (in the requests' order, every mentor listed), the
    requests left unassigned (in their order) with why, and the fit of each assigned pair."""

    assignments: dict[str, list[str]]
    unassigned: list[str]
    fits: dict[str, Fit]
    why_unassigned: dict[str, Message]
    candidates: int
    total_cents: int = 0
    accepted: frozenset[tuple[str, str]] = field(default_factory=frozenset)

    @property
    def total(self) -> int | float:
        return _points(self.total_cents)


def open_round(
    mentors: Iterable[Mentor],
    requests: Iterable[MenteeRequest],
    on: date | None = None,
    accepted: Iterable[tuple[str, str]] = (),
    declined: Iterable[tuple[str, str]] = (),
) -> Round:
    """The round on day ``on``: mentors whose availability has not ended by then and who can take a
    mentee, and every request. Without ``on``, every mentor with room."""
    free = tuple(
        m
        for m in mentors
        if m.capacity > 0 and (on is None or m.available.until is None or m.available.until >= on)
    )
    return Round(free, tuple(requests), frozenset(accepted), frozenset(declined))


def accept(round_: Round, mentor: str, mentee: str) -> Round:
    """The round with the pair accepted: a re-match keeps it."""
    return Round(round_.mentors, round_.requests, round_.accepted | {(mentor, mentee)}, round_.declined)


def decline(round_: Round, mentor: str, mentee: str) -> Round:
    """The round with the pair declined: the mentor is no longer a candidate for that mentee (and an
    accepted pair declined later is no longer kept)."""
    pair = (mentor, mentee)
    return Round(round_.mentors, round_.requests, round_.accepted - {pair}, round_.declined | {pair})


def _check_pairs(round_: Round) -> None:
    mentors = {m.id: m for m in round_.mentors}
    requests = {r.id for r in round_.requests}
    taken: dict[str, int] = {}
    seen: set[str] = set()
    for index, (mentor, mentee) in enumerate(sorted(round_.accepted)):
        where = f"accepted[{index}]"
        if mentor not in mentors:
            raise InputError(f"mentor '{printable(mentor)}' is not in the round", field=f"{where}.mentor")
        if mentee not in requests:
            raise InputError(f"request '{printable(mentee)}' is not in the round", field=f"{where}.mentee")
        if mentee in seen:
            raise InputError(f"request '{printable(mentee)}' is accepted twice", field=f"{where}.mentee")
        seen.add(mentee)
        taken[mentor] = taken.get(mentor, 0) + 1
        if taken[mentor] > mentors[mentor].capacity:
            raise InputError(
                f"mentor '{printable(mentor)}' has accepted more mentees than their capacity",
                field=f"{where}.mentor",
            )


def match_round(
    round_: Round,
    weights: Weights | None = None,
    routes: Mapping[str, RouteInfo] | None = None,
    k: int | None = CANDIDATES_PER_MENTEE,
) -> Matching:
    """Assign the round's open requests to its mentors, keeping the accepted pairs and never proposing a
    declined one; ``k`` None builds the full graph (every pair with a positive fit)."""
    weights = weights or load_weights()
    routes = routes if routes is not None else route_catalogue()
    _check_pairs(round_)
    mentors, requests = round_.mentors, round_.requests
    mentor_index = {m.id: i for i, m in enumerate(mentors)}
    request_index = {r.id: i for i, r in enumerate(requests)}
    kept = {request_index[mentee]: mentor_index[mentor] for mentor, mentee in round_.accepted}
    room = [m.capacity for m in mentors]
    for column in kept.values():
        room[column] -= 1
    declined: dict[int, list[int]] = {}
    for mentor, mentee in round_.declined:
        if mentor in mentor_index and mentee in request_index:
            declined.setdefault(request_index[mentee], []).append(mentor_index[mentor])
    table = _Table(mentors, requests, weights, routes)
    graph = candidate_graph(table, len(requests), k, declined, skip=kept)
    chosen = assign(graph, len(requests), room)
    for row, column in kept.items():
        chosen[row] = column
    with_candidates = set(graph.mentee.tolist())
    assignments: dict[str, list[str]] = {m.id: [] for m in mentors}
    fits: dict[str, Fit] = {}
    unassigned: list[str] = []
    why: dict[str, Message] = {}
    total = 0
    for row, column in enumerate(chosen.tolist()):
        request = requests[row]
        if column < 0:
            unassigned.append(request.id)
            reason = (
                "mentors.unassigned.at_capacity" if row in with_candidates else "mentors.unassigned.no_fit"
            )
            why[request.id] = message(reason)
            continue
        mentor = mentors[column]
        assignments[mentor.id].append(request.id)
        found = fits[request.id] = fit(mentor, request, weights, routes)
        total += found.cents
    return Matching(assignments, unassigned, fits, why, len(graph.mentee), total, round_.accepted)


def match_mentors(
    mentors: Sequence[Mentor],
    requests: Sequence[MenteeRequest],
    weights: Weights | None = None,
    routes: Mapping[str, RouteInfo] | None = None,
    k: int | None = CANDIDATES_PER_MENTEE,
) -> Matching:
    """One round of every mentor with room and every request."""
    return match_round(open_round(mentors, requests), weights, routes, k)


# --- files and JSON -----------------------------------------------------------------------------


class MentorFile(_Strict):
    mentors: list[Mentor] = Field(max_length=MAX_MENTORS)
    requests: list[MenteeRequest] = Field(max_length=MAX_REQUESTS)
    as_of: Day | None = None
    """The day of the round (mentors whose availability ended before it are left out)."""
    accepted: list[Pair] = Field(default_factory=list, max_length=MAX_REQUESTS)
    declined: list[Pair] = Field(default_factory=list, max_length=MAX_REQUESTS)


def _line(source: SourceMap, location: tuple[str | int, ...]) -> int | None:
    return source.line_of(location)


def round_from_data(data: Any, source: SourceMap, routes: Mapping[str, RouteInfo]) -> Round:
    """Validate a round's file (``mentors:``, ``requests:``, optionally ``as_of``, ``accepted``,
    ``declined``); the first problem names its file, line and field."""
    if not isinstance(data, dict):
        raise InputError("a round must be a mapping with mentors: and requests:", file=source.file, line=1)
    try:
        parsed = MentorFile.model_validate(data)
    except ValidationError as error:
        raise input_error(first_problem(error, source), source) from None

    def refuse(text: str, location: tuple[str | int, ...]) -> InputError:
        path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in location).lstrip(".")
        return InputError(text, file=source.file, line=_line(source, location), field=path)

    named: tuple[tuple[str, Sequence[Mentor | MenteeRequest]], ...] = (
        ("mentors", parsed.mentors),
        ("requests", parsed.requests),
    )
    for name, items in named:
        seen: set[str] = set()
        for index, item in enumerate(items):
            if item.id in seen:
                raise refuse(f"'{item.id}' is listed twice", (name, index, "id"))
            seen.add(item.id)
            if item.route not in routes:
                raise refuse(
                    f"'{item.route}' is neither a rulebook pathway id nor a kind of route",
                    (name, index, "route"),
                )
    mentor_ids, request_ids = {m.id for m in parsed.mentors}, {r.id for r in parsed.requests}
    for name, pairs in (("accepted", parsed.accepted), ("declined", parsed.declined)):
        for index, pair in enumerate(pairs):
            if pair.mentor not in mentor_ids:
                raise refuse(f"no mentor '{pair.mentor}' in mentors", (name, index, "mentor"))
            if pair.mentee not in request_ids:
                raise refuse(f"no request '{pair.mentee}' in requests", (name, index, "mentee"))
    accepted = [(p.mentor, p.mentee) for p in parsed.accepted]
    declined = [(p.mentor, p.mentee) for p in parsed.declined]
    return open_round(parsed.mentors, parsed.requests, parsed.as_of, accepted, declined)


def load_round(path: Path, routes: Mapping[str, RouteInfo] | None = None) -> Round:
    data, source = load_file(path)
    return round_from_data(data, source, routes if routes is not None else route_catalogue())


def _said(said: Message) -> dict[str, Any]:
    return {"reason": str(said), "reason_key": said.key, "reason_params": said.as_json()["params"]}


def fit_json(found: Fit) -> dict[str, Any]:
    parts = [{"criterion": p.criterion, "points": p.points, **_said(p.said)} for p in found.parts]
    return {"mentor": found.mentor, "total": found.total, "parts": parts}


def matching_json(matching: Matching) -> dict[str, Any]:
    """``{"assignments": {mentor: [mentee]}, "unassigned": [...], "fit": {mentee: {total, parts}}}``;
    an unassigned request's fit is null as mentor, 0 and no parts, with why it is unassigned."""
    fits: dict[str, Any] = {mentee: fit_json(found) for mentee, found in matching.fits.items()}
    for mentee, said in matching.why_unassigned.items():
        fits[mentee] = {"mentor": None, "total": 0, "parts": [], **_said(said)}
    return {"assignments": matching.assignments, "unassigned": matching.unassigned, "fit": fits}
