"""A check's results shaped for the results page: filters, grouping by state (preferred states first,
the best route of each shown and the rest folded), the map's colour per state, and what-if across
every route."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from imgpath.engine import CheckResult, Profile, RouteResult, Verdict, check
from imgpath.rulebook import Kind, Rulebook


@dataclass(frozen=True)
class Filters:
    state: str | None = None
    kind: Kind | None = None
    verdict: Verdict | None = None

    @classmethod
    def from_query(cls, query: dict[str, str], known_states: set[str]) -> Filters:
        """Unknown filter values are ignored, never an error: a shared link keeps working."""
        state = (query.get("state") or "").upper()
        kind = query.get("kind") or ""
        verdict = query.get("verdict") or ""
        return cls(
            state if state in known_states else None,
            Kind(kind) if kind in Kind.__members__ else None,
            Verdict(verdict) if verdict in Verdict.__members__ else None,
        )

    def query(self, **changed: str | None) -> str:
        """These filters as a query string (``?kind=limited``), with ``changed`` replacing some:
        the map's links and the bookmarkable address keep the reader's other choices."""
        values = {
            "state": self.state,
            "kind": self.kind.value if self.kind else None,
            "verdict": self.verdict.value if self.verdict else None,
        } | changed
        kept = [(k, v) for k, v in values.items() if v]
        return f"?{urlencode(kept)}" if kept else ""

    def keep(self, route: RouteResult) -> bool:
        if self.state and route.jurisdiction not in (f"US-{self.state}", "US"):
            return False
        if self.kind and route.kind is not self.kind:
            return False
        return not (self.verdict and route.verdict is not self.verdict)


def leads_nowhere(route: RouteResult, rulebook: Rulebook) -> bool:
    """A limited license the rulebook shows no way out of (no conversion to a full license): the map
    does not let it colour a state as if it were a license to settle on."""
    if route.kind is not Kind.limited:
        return False
    try:
        return rulebook.pathway(route.pathway)[1].conversion is None
    except KeyError:
        return False


@dataclass(frozen=True)
class StateColour:
    """A map tile's colour: the best verdict over the state's routes of the chosen kind that lead to
    a full license, and, apart, a better verdict held only by a limited license that leads nowhere."""

    verdict: Verdict | None
    limited_only: Verdict | None = None


def best_by_state(
    result: CheckResult, rulebook: Rulebook | None = None, kind: Kind | None = None
) -> dict[str, StateColour]:
    """Each state's colour over its own routes (federal routes are the same everywhere); with
    ``kind``, over the routes of that kind only."""
    best: dict[str, Verdict] = {}
    nowhere: dict[str, Verdict] = {}
    for route in result.results:
        if not route.jurisdiction.startswith("US-") or (kind and route.kind is not kind):
            continue
        code = route.jurisdiction.removeprefix("US-")
        target = nowhere if rulebook is not None and leads_nowhere(route, rulebook) else best
        if code not in target or route.verdict.rank < target[code].rank:
            target[code] = route.verdict
    colours = {}
    for code in best.keys() | nowhere.keys():
        verdict = best.get(code)
        apart = nowhere.get(code)
        better = apart is not None and (verdict is None or apart.rank < verdict.rank)
        colours[code] = StateColour(verdict, apart if better else None)
    return colours


@dataclass
class StateGroup:
    """One place's routes on the results page: its best route shown, the others folded."""

    jurisdiction: str
    preferred: bool
    best: RouteResult
    rest: list[RouteResult] = field(default_factory=list)
    limited_better: bool = False
    """A limited license that leads to no full license has a better verdict than ``best``: it is
    folded among the rest, and the place's line says a better verdict is only that."""

    @property
    def count(self) -> int:
        return 1 + len(self.rest)


def group_routes(
    routes: list[RouteResult],
    preferred: list[str],
    names: dict[str, str],
    nowhere: Callable[[RouteResult], bool] = lambda route: False,
) -> list[StateGroup]:
    """Routes by place: the preferred states in the order given, then federal routes, then the other
    states by name. In each, the best verdict first (the rulebook's order between equals), among the
    routes that lead to a full license: a limited license that leads ``nowhere`` is a place's best
    route only when it is its only kind (New York's limited permit is not New York's way in)."""
    places: dict[str, list[RouteResult]] = {}
    for route in routes:
        places.setdefault(route.jurisdiction, []).append(route)
    wanted = [f"US-{code}" for code in preferred]

    def order(place: str) -> tuple[int, int, str]:
        if place in wanted:
            return (0, wanted.index(place), "")
        if place == "US":
            return (1, 0, "")
        return (2, 0, names.get(place.removeprefix("US-"), place))

    groups = []
    for place in sorted(places, key=order):
        ranked = sorted(places[place], key=lambda r: (nowhere(r), r.verdict.rank))
        first = ranked[0]
        better = any(nowhere(r) and r.verdict.rank < first.verdict.rank for r in ranked[1:])
        groups.append(StateGroup(place, place in wanted, first, ranked[1:], better))
    return groups


@dataclass(frozen=True)
class VerdictChange:
    route: RouteResult
    before: Verdict
    after: Verdict


def verdict_changes(before: CheckResult, after: CheckResult) -> list[VerdictChange]:
    """The routes whose verdict differs once something is assumed, better ones first."""
    old = {r.pathway: r.verdict for r in before.results}
    found = [
        VerdictChange(r, old[r.pathway], r.verdict)
        for r in after.results
        if r.pathway in old and old[r.pathway] is not r.verdict
    ]
    return sorted(found, key=lambda c: (c.after.rank - c.before.rank, c.after.rank))


def run_check(
    profile: Profile, rulebook: Rulebook, as_of: date | None = None, states: list[str] | None = None
) -> CheckResult:
    return check(profile, rulebook, as_of=as_of, states=states)


def counts(routes: list[RouteResult]) -> list[tuple[Verdict, int]]:
    return [(v, sum(1 for r in routes if r.verdict is v)) for v in Verdict]
