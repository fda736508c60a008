"""Place steps on the calendar: after their prerequisites, inside their yearly windows.

Each plan is scheduled three times, with the fastest, usual and slowest durations, because a window
turns a small delay into a year's wait (miss ERAS in September and the next Match is a year later).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
    span: str | None, shortest: str | None, window: WindowDays, months: int | None, earliest: date
) -> tuple[date, date]:
    """Start and end of one step taking ``span`` (None: no sourced length), ``shortest`` being its
    fastest reading. Pure, and remembered: every traditional route of a plan schedules the same
    ECFMG and Match chain from the same day (the key is plain strings and dates, cheap to hash)."""
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
    elif span is not None:
        end = add_span(start, span)
    else:
        end = start  # unknown: the plan says so, and counts no time
    if ends_on:
        end = next_on_or_after(add_span(start, shortest) if shortest is not None else start, ends_on)
    return start, end


Times = dict[str, tuple[date, date]]
"""Start and end of each task, by task id."""


def schedule_all(
    tasks: Mapping[str, Task],
    as_of: date,
    variants: Sequence[str],
    known: Mapping[str, Times] | None = None,
) -> dict[str, Times]:
    """Start and end of every task with each variant's (low, typical, high) durations, in one pass.

    Tasks come in an order where prerequisites come first, as the planner adds them. ``known``: the
    times of the first of these tasks, scheduled before from the same day (they are not redone).
    """
    times: dict[str, Times] = {v: dict(known[v]) if known else {} for v in variants}
    first = times[variants[0]]
    for task_id, task in tasks.items():
        if task_id in first:
            continue
        days = _days(task.window)
        duration = task.duration
        shortest = duration.low if duration is not None else None
        for variant in variants:
            done = times[variant]
            earliest = as_of
            for required in task.requires:
                if required not in done:
                    raise ValueError(f"task '{task_id}' comes before its prerequisite '{required}'")
                end = done[required][1]
                if end > earliest:
                    earliest = end
            if task.not_before is not None and task.not_before > earliest:
                earliest = task.not_before
            span = getattr(duration, variant) if duration is not None else None
            done[task_id] = _place(span, shortest, days, task.months, earliest)
    return times


def schedule(tasks: Mapping[str, Task], as_of: date, variant: str) -> Times:
    """Start and end of every task with the ``variant`` (low, typical, high) durations."""
    return schedule_all(tasks, as_of, (variant,))[variant]
