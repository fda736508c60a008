"""Is the law in force on the evaluation date? Read from a route's dated status history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from imgpath.dates import ONE_DAY
from imgpath.engine.verdict import Outcome, Verdict
from imgpath.messages import Message, message
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


def _when(event: StatusEvent, since: bool = False) -> Message:
    """When the event happened, as exactly as the rulebook knows it; ``since`` for a state that lasts."""
    prefix = "since" if since else "when"
    if event.date is not None:
        return message(f"{prefix}.on", date=event.date)
    if event.no_later_than is not None:
        return message(f"{prefix}.by", date=event.no_later_than)
    if event.first_seen is not None:
        return message(f"{prefix}.first_seen", date=event.first_seen)
    return message(f"{prefix}.unknown")


def _state(
    current: StatusEvent | None,
    verdict: Verdict,
    reason: Message,
    start: date | None = None,
    until: date | None = None,
    question: str = RouteState.question,
) -> RouteState:
    """The route's state under its current event (None: no event has happened yet)."""
    # an open question about the law: at worst, it never opens (a law can be repealed first)
    outcome = Outcome(verdict, reason, eligible_from=start, eligible_until=until, about="rulebook")
    return RouteState(current.status if current else None, current, outcome, question)


def route_state(pathway: Pathway, day: date) -> RouteState:
    """The route's status on ``day`` and whether that lets anyone use it."""
    events = pathway.status
    known = [i for i, e in enumerate(events) if _happened(e, day)]
    later_possible = [e for e in events if not _happened(e, day) and not _impossible_yet(e, day)]
    current = events[known[-1]] if known else None
    later = events[known[-1] + 1 :] if known else list(events)
    first = events[0]
    if first.first_seen is not None and day < first.first_seen:
        return _state(
            current,
            Verdict.unknown,
            message("status.before_first_seen", first_seen=first.first_seen),
            question=f"Whether the route was in force before {first.first_seen.isoformat()}",
        )
    if current is not None and current.status is RouteStatus.repealed:
        return _repealed(pathway, current)
    if current is not None and current.status in OPEN:
        return _open(current, later, later_possible)
    if current is not None and current.status is RouteStatus.pending:
        return _state(
            current, Verdict.unknown, message("status.bill"), question="Whether the bill becomes law"
        )
    return _not_yet_in_force(current, later, day)


def _repealed(pathway: Pathway, current: StatusEvent) -> RouteState:
    """A repealed route: closed, and its successor named when there is one."""
    if pathway.replaced_by:
        ended = message("status.repealed.replaced", when=_when(current), successor=pathway.replaced_by)
        return _state(current, Verdict.not_eligible, ended)
    return _state(current, Verdict.not_eligible, message("status.repealed", when=_when(current)))


def _open(current: StatusEvent, later: list[StatusEvent], later_possible: list[StatusEvent]) -> RouteState:
    """A route in force or taking applications: open, until a known repeal, unless it may have
    ended already or the board does not take applications yet."""
    status = current.status
    ending = next((e for e in later if e.status is RouteStatus.repealed), None)
    if ending is not None and ending.date is None and ending in later_possible:
        extra = {"note": ending.note} if ending.note else {}
        return _state(
            current,
            Verdict.unknown,
            message(f"status.may_have_ended{'.note' if extra else ''}", when=_when(current), **extra),
            question="Whether the route has already ended",
        )
    opening = next((e for e in later if e.status is RouteStatus.accepting_applications), None)
    if status is RouteStatus.effective and opening is not None:
        if opening.date is None:
            return _state(
                current,
                Verdict.unknown,
                message("status.applications_not_seen", when=_when(current)),
                question="When the board starts accepting applications",
            )
        return _state(
            current,
            Verdict.not_yet,
            message("status.applications_open_on", when=_when(current), opens=opening.date),
            start=opening.date,
        )
    until = ending.date - ONE_DAY if ending is not None and ending.date is not None else None
    key = "status.accepting" if status is RouteStatus.accepting_applications else "status.in_force"
    found: dict[str, object] = {"since": _when(current, since=True)}
    if current.first_seen is None and current.note:  # with "first seen" the note only repeats it
        key, found["note"] = f"{key}.note", current.note
    if until and ending and ending.date:
        key, found["ends"] = f"{key}.ends", ending.date
    return _state(current, Verdict.eligible, message(key, **found), until=until)


def _not_yet_in_force(current: StatusEvent | None, later: list[StatusEvent], day: date) -> RouteState:
    """A route enacted (or not even that) but not yet in force: when it opens, as far as known."""
    first_open = next((i for i, e in enumerate(later) if e.status in OPEN), None)
    opening = later[first_open] if first_open is not None else None
    # in force is not yet open: when the board takes applications only later, the route opens then
    accepting = None
    if first_open is not None and later[first_open].status is RouteStatus.effective:
        accepting = next(
            (e for e in later[first_open + 1 :] if e.status is RouteStatus.accepting_applications), None
        )
    enacted = (
        message("status.enacted", when=_when(current)) if current else message("status.not_enacted", day=day)
    )
    if opening is not None and opening.date is not None:
        if accepting is not None and accepting.date is None:
            return _state(
                current,
                Verdict.unknown,
                message("status.in_force_from.not_accepting", enacted=enacted, opens=opening.date),
                question="When the board starts accepting applications",
            )
        if accepting is not None and accepting.date is not None:
            return _state(
                current,
                Verdict.not_yet,
                message(
                    "status.in_force_from.accepting_from",
                    enacted=enacted,
                    opens=opening.date,
                    accepting=accepting.date,
                ),
                start=accepting.date,
            )
        return _state(
            current,
            Verdict.not_yet,
            message("status.in_force_from", enacted=enacted, opens=opening.date),
            start=opening.date,
        )
    detail = {"note": opening.note} if opening is not None and opening.note else {}
    return _state(
        current,
        Verdict.unknown,
        message(f"status.effective_date_unknown{'.note' if detail else ''}", enacted=enacted, **detail),
        question="The date the law takes effect",
    )
