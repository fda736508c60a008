"""Place steps on the calendar: after their prerequisites, inside their yearly windows.

Each plan is scheduled three times, with the fastest, usual and slowest durations, because a window
turns a small delay into a year's wait (miss ERAS in September and the next Match is a year later).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from imgpath.dates import add_months, add_span, in_yearly_window, next_on_or_after
from imgpath.rulebook.schema import Span, Window


@dataclass
class Task:
    """A step to schedule; ``months`` (a license stage's length from the route) overrides ``duration``."""

    duration: Span | None
    window: Window | None = None
    requires: list[str] = field(default_factory=list)
    months: int | None = None
    not_before: date | None = None
    """The route opens by itself on this day (a law takes effect, practice years complete)."""


WindowDays = tuple[str | None, str | None, str | None, str | None]
"""A window's days (opens, closes, starts_on, ends_on): hashable, so placements can be remembered."""


def _days(window: Window | None) -> WindowDays:
    if window is None:
        return (None, None, None, None)
    return (window.opens, window.closes, window.starts_on, window.ends_on)


@lru_cache(maxsize=65_536)
def _place(
    duration: Span | None, window: WindowDays, months: int | None, earliest: date, variant: str
) -> tuple[date, date]:
    """Start and end of one step. Pure, and remembered: every traditional route of a plan schedules
    the same ECFMG and Match chain from the same day."""
    opens, closes, starts_on, ends_on = window
    if starts_on:
        start = next_on_or_after(earliest, starts_on)
    elif opens and closes:
        start = earliest if in_yearly_window(earliest, opens, closes) else next_on_or_after(earliest, opens)
    elif opens:
        start = next_on_or_after(earliest, opens)
    else:
        start = earliest
    if months is not None:
        end = add_months(start, months)
    elif duration is not None:
        end = add_span(start, getattr(duration, variant))
    else:
        end = start  # unknown: the plan says so, and counts no time
    if ends_on:
        shortest = add_span(start, duration.low) if duration is not None else start
        end = next_on_or_after(shortest, ends_on)
    return start, end


def schedule(tasks: Mapping[str, Task], as_of: date, variant: str) -> dict[str, tuple[date, date]]:
    """Start and end of every task with the ``variant`` (low, typical, high) durations.

    Tasks come in an order where prerequisites come first, as the planner adds them.
    """
    times: dict[str, tuple[date, date]] = {}
    for task_id, task in tasks.items():
        earliest = as_of
        for required in task.requires:
            if required not in times:
                raise ValueError(f"task '{task_id}' comes before its prerequisite '{required}'")
            earliest = max(earliest, times[required][1])
        if task.not_before is not None:
            earliest = max(earliest, task.not_before)
        times[task_id] = _place(task.duration, _days(task.window), task.months, earliest, variant)
    return times
