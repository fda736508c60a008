"""A check's results shaped for the results page: filters, grouping by state, best verdict per state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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

    def keep(self, route: RouteResult) -> bool:
        if self.state and route.jurisdiction not in (f"US-{self.state}", "US"):
            return False
        if self.kind and route.kind is not self.kind:
            return False
        return not (self.verdict and route.verdict is not self.verdict)


def best_by_state(result: CheckResult) -> dict[str, Verdict]:
    """Each state's best verdict over its own routes (federal routes are the same everywhere)."""
    best: dict[str, Verdict] = {}
    for route in result.results:
        if not route.jurisdiction.startswith("US-"):
            continue
        code = route.jurisdiction.removeprefix("US-")
        if code not in best or route.verdict.rank < best[code].rank:
            best[code] = route.verdict
    return best


def run_check(
    profile: Profile, rulebook: Rulebook, as_of: date | None = None, states: list[str] | None = None
) -> CheckResult:
    return check(profile, rulebook, as_of=as_of, states=states)


def counts(routes: list[RouteResult]) -> list[tuple[Verdict, int]]:
    return [(v, sum(1 for r in routes if r.verdict is v)) for v in Verdict]
