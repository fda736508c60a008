"""A plan as an iCalendar file (RFC 5545): every step as an all-day event, every deadline with reminders.

UIDs are stable (route, step and date) so that a calendar subscribed to the feed updates events in
place when the plan moves, instead of piling up copies.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from imgpath.engine.serialize import NOTICE
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
    deadlines = list(plan.deadlines)
    deadlines += [
        (lapse.act_by, f"Last day to start: {lapse.reason}") for lapse in plan.lapses if lapse.act_by
    ]
    for day, what in deadlines:
        event = _event(
            f"{plan.pathway}.deadline.{day.isoformat()}@imgpath",
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
