"""Facts derived once from a profile for one evaluation date, shared by every criterion.

Practice and training are turned into merged day intervals here, so that a hundred routes do not
each re-read the profile.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from imgpath.dates import ONE_DAY
from imgpath.engine.profile import Profile
from imgpath.rulebook.vocabulary import Where

Interval = tuple[date, date | None]
"""A half-open span of days [start, end); end None: still going on."""


def is_us(country: str) -> bool:
    return country == "US" or country.startswith("US-")


def matches(country: str, where: Where) -> bool:
    if where is Where.any:
        return True
    return is_us(country) == (where is Where.us)


def merge(intervals: list[Interval]) -> list[Interval]:
    """Sort and merge overlapping or touching intervals."""
    merged: list[Interval] = []
    for start, end in sorted(intervals, key=lambda i: i[0]):
        if merged:
            last_start, last_end = merged[-1]
            if last_end is None or start <= last_end:
                new_end = None if last_end is None or end is None else max(last_end, end)
                merged[-1] = (last_start, new_end)
                continue
        merged.append((start, end))
    return merged


def covered_days(intervals: list[Interval], low: date, high: date) -> int:
    """Days in [low, high) that fall inside the intervals."""
    total = 0
    for start, end in intervals:
        a = max(start, low)
        b = high if end is None else min(end, high)
        if b > a:
            total += (b - a).days
    return total


def clip(intervals: list[Interval], low: date | None = None, high: date | None = None) -> list[Interval]:
    """The parts of the intervals inside [low, high)."""
    out: list[Interval] = []
    for start, end in intervals:
        a = max(start, low) if low else start
        b: date | None = end
        if high is not None:
            b = high if end is None else min(end, high)
        if b is None or b > a:
            out.append((a, b))
    return out


@dataclass
class Facts:
    """The profile seen on one evaluation date."""

    profile: Profile
    as_of: date
    memo: dict[str, Any] = field(default_factory=dict)
    """Outcomes by criterion key: many routes ask the same question of one profile."""

    @cached_property
    def practice(self) -> dict[Where, list[Interval]]:
        """Merged practice intervals by where they were, as planned (an end in the future counts)."""
        entries = self.profile.practice or []
        out: dict[Where, list[Interval]] = {}
        for where in Where:
            spans: list[Interval] = [
                (p.start.first_day, p.end.last_day + ONE_DAY if p.end else None)
                for p in entries
                if matches(p.country, where)
            ]
            out[where] = merge(spans)
        return out

    @cached_property
    def last_training_end(self) -> date | None:
        """The day after the last completed residency or fellowship ended (practice counts from it)."""
        ends = [
            t.end.last_day + ONE_DAY
            for t in self.profile.training or []
            if t.completed and t.end is not None and t.kind.value in {"residency", "fellowship"}
        ]
        return max(ends) if ends else None

    @cached_property
    def us_training_years(self) -> float:
        spans = merge(
            [
                (t.start.first_day, t.end.last_day + ONE_DAY if t.end else self.as_of)
                for t in self.profile.training or []
                if is_us(t.country)
            ]
        )
        return covered_days(spans, date.min, self.as_of) / 365.25


def first_day_holding(low: date, high: date, holds: Callable[[date], bool]) -> date | None:
    """The first day in [low, high] on which ``holds`` is true, for a test that, once true, stays true."""
    if not holds(high):
        return None
    index = bisect_left(range((high - low).days + 1), True, key=lambda i: holds(low + timedelta(days=i)))
    return low + timedelta(days=index)


def last_day_holding(low: date, high: date, holds: Callable[[date], bool]) -> date | None:
    """The last day in [low, high] on which ``holds`` is true, for a test that, once false, stays false."""
    if not holds(low):
        return None
    index = bisect_left(range((high - low).days + 1), True, key=lambda i: not holds(low + timedelta(days=i)))
    return low + timedelta(days=index - 1)
