"""A plan as an iCalendar file (RFC 5545): every step as an all-day event, every deadline with reminders.

Opportunities and grants added to the plan come in as its steps (the application, the session) and
its deadlines (the last day to apply), all-day events like the rest.

UIDs are stable (route, step and date) so that a calendar subscribed to the feed updates events in
place when the plan moves, instead of piling up copies.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from imgpath.engine.serialize import NOTICE
from imgpath.messages import Message
from imgpath.planner.model import PlanSet, RoutePlan

REMINDERS = (timedelta(days=30), timedelta(days=7))
"""How long before each deadline the calendar reminds: a month to prepare, a week to finish."""


def _event(uid: str, summary: str, start: object, end: object, description: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    return event


def _addition_of(what: Message) -> str | None:
    """The addition a deadline belongs to (its message names it), None for the rulebook's own."""
    addition = what.args.get("addition") if what.key.startswith("plan.addition.") else None
    return addition if isinstance(addition, str) else None


def _route_events(plan: RoutePlan, stamp: datetime) -> list[Event]:
    events = []
    for step in plan.steps:
        fees = "; ".join(
            f"{f.label}: {f.amount.typical:,.0f} USD" if f.amount else f"{f.label}: amount unknown"
            for f in step.fees
        )
        sources = "\n".join(f"{s.title} <{s.href}>" for s in step.sources)
        description = "\n".join(
            part
            for part in (
                f"{plan.name} ({plan.pathway})",
                f"Added to the plan from the listing {step.addition}." if step.addition else "",
                f"Could end between {step.end_low} and {step.end_high}.",
                step.window or "",
                f"Fees: {fees}" if fees else "",
                f"Sources:\n{sources}" if sources else "",
                NOTICE,
            )
            if part
        )
        end = max(step.end, step.start) + timedelta(days=1)  # DTEND of an all-day event is exclusive
        event = _event(f"{plan.pathway}.{step.id}@imgpath", step.name, step.start, end, description)
        event.add("dtstamp", stamp)
        event.add("categories", [step.kind])
        events.append(event)
    deadlines = [(day, str(what), _addition_of(what)) for day, what in plan.deadline_messages]
    deadlines += [
        (lapse.act_by, f"Last day to start: {lapse.reason}", None) for lapse in plan.lapses if lapse.act_by
    ]
    for day, what, addition in deadlines:
        # an addition's deadline may fall on a day the rulebook's does: its own UID, the others' unchanged
        owner = f"{plan.pathway}.{addition}" if addition else plan.pathway
        event = _event(
            f"{owner}.deadline.{day.isoformat()}@imgpath",
            f"Deadline: {what}",
            day,
            day + timedelta(days=1),
            f"{plan.name} ({plan.pathway})\n{NOTICE}",
        )
        event.add("dtstamp", stamp)
        for ahead in REMINDERS:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"In {ahead.days} days: {what}")
            alarm.add("trigger", -ahead)
            event.add_component(alarm)
        events.append(event)
    return events


def plans_to_ics(plans: PlanSet) -> bytes:
    """The plans' steps and deadlines as one calendar (only feasible routes)."""
    calendar = Calendar()
    calendar.add("prodid", "-//IMG Pathways//roadmap planner//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "IMG Pathways plan")
    stamp = datetime(plans.as_of.year, plans.as_of.month, plans.as_of.day, tzinfo=UTC)
    for plan in plans.plans:
        if plan.feasible:
            for event in _route_events(plan, stamp):
                calendar.add_component(event)
    return bytes(calendar.to_ical())
