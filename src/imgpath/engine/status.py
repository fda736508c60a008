"""Is the law in force on the evaluation date? Read from a route's dated status history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from imgpath.dates import ONE_DAY
from imgpath.engine.verdict import Outcome, Verdict
from imgpath.rulebook.schema import Pathway, RouteStatus, StatusEvent

OPEN = (RouteStatus.effective, RouteStatus.accepting_applications)


@dataclass
class RouteState:
    """The status on a date, and the outcome of the implicit ``law_in_force`` criterion."""

    status: RouteStatus | None
    event: StatusEvent | None
    outcome: Outcome
    question: str = "The law is in force and the route open on this date."
    """What is open about the law, in a few words, when the outcome is unknown."""


def _happened(event: StatusEvent, day: date) -> bool:
    known = event.known_by
    return known is not None and known <= day


def _impossible_yet(event: StatusEvent, day: date) -> bool:
    """True when the event is known not to have happened by ``day``."""
    if event.date is not None:
        return event.date > day
    return event.not_before is not None and event.not_before > day


def _when(event: StatusEvent) -> str:
    if event.date is not None:
        return f"on {event.date.isoformat()}"
    if event.no_later_than is not None:
        return f"by {event.no_later_than.isoformat()}"
    if event.first_seen is not None:
        return f"before {event.first_seen.isoformat()} (first seen)"
    return "on a date not known"


def route_state(pathway: Pathway, day: date) -> RouteState:
    """The route's status on ``day`` and whether that lets anyone use it."""
    events = pathway.status
    known = [i for i, e in enumerate(events) if _happened(e, day)]
    later_possible = [e for e in events if not _happened(e, day) and not _impossible_yet(e, day)]
    current = events[known[-1]] if known else None
    later = events[known[-1] + 1 :] if known else list(events)
    status = current.status if current else None
    note = f" ({current.note})" if current and current.note else ""

    def state(
        verdict: Verdict,
        reason: str,
        start: date | None = None,
        until: date | None = None,
        question: str = RouteState.question,
    ) -> RouteState:
        # an open question about the law: at worst, it never opens (a law can be repealed first)
        outcome = Outcome(verdict, reason, eligible_from=start, eligible_until=until, about="rulebook")
        return RouteState(status, current, outcome, question)

    first = events[0]
    if first.first_seen is not None and day < first.first_seen:
        return state(
            Verdict.unknown,
            f"The rulebook knows this route only from {first.first_seen.isoformat()}, the date of the "
            "oldest source read; an earlier date is not judged.",
            question=f"Whether the route was in force before {first.first_seen.isoformat()}",
        )
    if status is RouteStatus.repealed:
        assert current is not None
        successor = f"; replaced by {pathway.replaced_by}" if pathway.replaced_by else ""
        return state(Verdict.not_eligible, f"This route ended {_when(current)}{successor}.")
    if status in OPEN:
        assert current is not None
        ending = next((e for e in later if e.status is RouteStatus.repealed), None)
        if ending is not None and ending.date is None and ending in later_possible:
            extra = f" ({ending.note})" if ending.note else ""
            return state(
                Verdict.unknown,
                f"In force {_when(current)}, but it may already have ended, on a date not known{extra}.",
                question="Whether the route has already ended",
            )
        opening = next((e for e in later if e.status is RouteStatus.accepting_applications), None)
        if status is RouteStatus.effective and opening is not None:
            if opening.date is None:
                return state(
                    Verdict.unknown,
                    f"In force {_when(current)}; the board has not been seen accepting applications yet.",
                    question="When the board starts accepting applications",
                )
            return state(
                Verdict.not_yet,
                f"In force {_when(current)}; applications open on {opening.date.isoformat()}.",
                start=opening.date,
            )
        until = ending.date - ONE_DAY if ending is not None and ending.date is not None else None
        verb = "accepting applications" if status is RouteStatus.accepting_applications else "in force"
        ends = f"; it ends on {ending.date.isoformat()}" if until and ending and ending.date else ""
        since = _when(current).replace("on ", "since ", 1).replace("before ", "since before ", 1)
        if current.first_seen is not None:
            note = ""  # the note only repeats what "first seen" says
        return state(Verdict.eligible, f"The law is {verb} {since}{note}{ends}.", until=until)
    first_open = next((i for i, e in enumerate(later) if e.status in OPEN), None)
    coming = later[first_open] if first_open is not None else None
    # in force is not yet open: when the board takes applications only later, the route opens then
    accepting = None
    if first_open is not None and later[first_open].status is RouteStatus.effective:
        accepting = next(
            (e for e in later[first_open + 1 :] if e.status is RouteStatus.accepting_applications), None
        )
    if status is RouteStatus.pending:
        return state(Verdict.unknown, "A bill, not yet law.", question="Whether the bill becomes law")
    prefix = f"Enacted {_when(current)}" if current else f"Not yet enacted on {day.isoformat()}"
    if coming is not None and coming.date is not None:
        in_force = f"{prefix}; in force from {coming.date.isoformat()}"
        if accepting is not None and accepting.date is None:
            return state(
                Verdict.unknown,
                f"{in_force}; the board has not been seen accepting applications yet.",
                question="When the board starts accepting applications",
            )
        if accepting is not None and accepting.date is not None:
            return state(
                Verdict.not_yet,
                f"{in_force}, accepting applications from {accepting.date.isoformat()}.",
                start=accepting.date,
            )
        return state(Verdict.not_yet, f"{in_force}.", start=coming.date)
    detail = f" ({coming.note})" if coming is not None and coming.note else ""
    return state(
        Verdict.unknown,
        f"{prefix}; the date it takes effect is not known{detail}.",
        question="The date the law takes effect",
    )
