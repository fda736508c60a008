"""The adviser's table of clients: one row per shared saved profile, worked out at each read by the
engine (verdicts, open questions, ``eligible_until``) and the planner (first license, deadlines,
steps), with the checklist's progress from the database. A read-only selector: it writes nothing.

The best route of a client is the first, among those that apply to them, in the planner's own
ranking (``imgpath.planner.rank``): open routes before those that cannot be reached in time or rest
on an unknown, then the soonest full license (a route whose time rests on an unknown duration after
every known one), routes with no full license (New York's limited permit) last. Its next deadline
is the earliest day, from today on, among the route's ``eligible_until`` and its plan's deadlines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from imgpath.engine import Profile, RouteResult, Verdict, check
from imgpath.planner import RoutePlan, plan
from imgpath.rulebook import Kind, default_rulebook
from imgpath.web.accounts.models import SavedProfile
from imgpath.web.plans import additions
from imgpath.web.plans.models import ChecklistItem
from imgpath.web.plans.planning import CLOSED, plan_day, saved_plan_profile

LICENSURE = (Kind.traditional, Kind.alternative, Kind.assistant_physician, Kind.limited)
SORTS = ("name", "verdict", "deadline", "progress", "questions")
MAX_WITHIN_DAYS = 3650


@dataclass(frozen=True)
class ClientRow:
    """One client's line: what the table, its exports and the API show."""

    profile: SavedProfile
    valid: bool
    pathway: str = ""
    route: str = ""
    jurisdiction: str = ""
    kind: str = ""
    verdict: str = ""
    first_license: date | None = None
    next_deadline: date | None = None
    done: int = 0
    total: int = 0
    open_questions: int = 0

    @property
    def state(self) -> str:
        return self.jurisdiction.removeprefix("US-")


def _best(results: list[RouteResult], ranked: list[RoutePlan]) -> RouteResult | None:
    """The first route in the planner's ranking that applies to the client (``ranked``: its plans,
    best first)."""
    applying = {r.pathway: r for r in results if r.applies}
    return next((applying[p.pathway] for p in ranked if p.pathway in applying), None)


def client_row(saved: SavedProfile, today: date, statuses: Iterable[tuple[str, str]] = ()) -> ClientRow:
    """``saved``'s line; ``statuses`` are its checklist's (pathway, step) pairs already closed."""
    profile: Profile | None = saved_plan_profile(saved)
    if profile is None:
        return ClientRow(saved, valid=False)
    day = plan_day(profile)
    rulebook = default_rulebook()
    results = check(profile, rulebook, as_of=day, kinds=LICENSURE).results
    best = _best(results, plan(profile, rulebook, as_of=day, steps=False).plans)
    if best is None:
        return ClientRow(saved, valid=True)
    found = plan(profile, rulebook, as_of=day, route=best.pathway).plans[0]
    found = additions.placed(found, additions.saved_additions(saved, best.pathway), day)
    days = [d for d, _what in found.deadline_messages]
    if best.eligible_until is not None:
        days.append(best.eligible_until)
    upcoming = [d for d in days if d >= today]
    closed = {step for pathway, step in statuses if pathway == best.pathway}
    steps = [s.id for s in found.steps]
    return ClientRow(
        saved,
        valid=True,
        pathway=best.pathway,
        route=best.name,
        jurisdiction=best.jurisdiction,
        kind=str(best.kind),
        verdict=str(best.verdict),
        first_license=found.first_license[1] if found.first_license else None,
        next_deadline=min(upcoming, default=None),
        done=sum(1 for s in steps if s in closed),
        total=len(steps),
        open_questions=len(best.open_questions),
    )


def client_rows(profiles: Iterable[SavedProfile], today: date) -> list[ClientRow]:
    profiles = list(profiles)
    closed: dict[int, list[tuple[str, str]]] = {}
    items = ChecklistItem.objects.filter(profile__in=profiles, status__in=CLOSED)
    for profile_id, pathway, step in items.values_list("profile_id", "pathway", "step"):
        closed.setdefault(profile_id, []).append((pathway, step))
    return [client_row(p, today, closed.get(p.pk, ())) for p in profiles]


def _name(row: ClientRow) -> tuple[str, int]:
    return (str(row.profile.name).casefold(), row.profile.pk)


@dataclass(frozen=True)
class Filters:
    """The table's filters and sort, as the URL carries them; a value that makes no sense is dropped."""

    state: str = ""
    verdict: str = ""
    kind: str = ""
    within: int | None = None
    sort: str = "name"

    @classmethod
    def from_query(cls, query: Mapping[str, str]) -> Filters:
        state = query.get("state", "").strip().upper()
        verdict = query.get("verdict", "")
        kind = query.get("kind", "")
        within_text = query.get("within", "").strip()
        within = int(within_text) if within_text.isdigit() else None
        sort = query.get("sort", "name")
        return cls(
            state=state if len(state) == 2 and state.isalpha() else "",
            verdict=verdict if verdict in Verdict.__members__ else "",
            kind=kind if kind in {str(k) for k in LICENSURE} else "",
            within=within if within is not None and 0 <= within <= MAX_WITHIN_DAYS else None,
            sort=sort if sort in SORTS else "name",
        )

    def query(self) -> list[tuple[str, str]]:
        """The non-default values, as URL pairs (for the pages' and exports' links)."""
        pairs = [("state", self.state), ("verdict", self.verdict), ("kind", self.kind)]
        pairs.append(("within", "" if self.within is None else str(self.within)))
        pairs.append(("sort", "" if self.sort == "name" else self.sort))
        return [(k, v) for k, v in pairs if v]

    def keep(self, row: ClientRow, today: date) -> bool:
        if self.state and row.state != self.state:
            return False
        if self.verdict and row.verdict != self.verdict:
            return False
        if self.kind and row.kind != self.kind:
            return False
        if self.within is not None:
            last = today + timedelta(days=self.within)
            return row.next_deadline is not None and row.next_deadline <= last
        return True

    def apply(self, rows: list[ClientRow], today: date) -> list[ClientRow]:
        kept = [r for r in rows if self.keep(r, today)]
        if self.sort == "verdict":
            rank = {v: v.rank for v in Verdict}
            kept.sort(key=lambda r: (rank.get(Verdict(r.verdict), 9) if r.verdict else 9, *_name(r)))
        elif self.sort == "deadline":
            kept.sort(key=lambda r: (r.next_deadline or date.max, *_name(r)))
        elif self.sort == "progress":
            kept.sort(key=lambda r: (-(r.done / r.total) if r.total else 0.0, *_name(r)))
        elif self.sort == "questions":
            kept.sort(key=lambda r: (-r.open_questions, *_name(r)))
        else:
            kept.sort(key=_name)
        return kept
