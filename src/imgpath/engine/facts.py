"""Facts derived once from a profile for one evaluation date, shared by every criterion.

Practice and training are turned into merged day intervals here, so that a hundred routes do not
each re-read the profile.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from typing import TYPE_CHECKING, Any

from imgpath.areas import AreaKind, Coverage, ShortageAreas, current_areas
from imgpath.dates import ONE_DAY
from imgpath.engine.profile import Practice, Profile, Training
from imgpath.rulebook.schema import Implied, Inference
from imgpath.rulebook.vocabulary import Where

if TYPE_CHECKING:
    from imgpath.rulebook.loader import Rulebook

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


def span_of(period: Training | Practice) -> Interval | None:
    """The days a period covers, [start, end); None when only its length is known.

    A length with a start or an end places the period; an end absent means it goes on.
    """
    if period.start is not None:
        start = period.start.first_day
        if period.end is not None:
            return start, period.end.last_day + ONE_DAY
        if period.years is not None:
            return start, start + timedelta(days=period.length_days)
        return start, None
    if period.end is not None and period.years is not None:
        end = period.end.last_day + ONE_DAY
        return end - timedelta(days=period.length_days), end
    return None


@dataclass
class Facts:
    """The profile seen on one evaluation date."""

    profile: Profile
    as_of: date
    inferences: tuple[Inference, ...] = ()
    """The rulebook's inferences (an ECFMG certificate shows Step 1 passed): where the profile is silent."""
    memo: dict[str, Any] = field(default_factory=dict)
    """Outcomes by criterion key: many routes ask the same question of one profile."""
    rulebook: Rulebook | None = None
    """The rulebook these facts are judged against (``facts_for``): its routes share their results."""
    exam_names: Mapping[str, str] = field(default_factory=dict)
    """The rulebook's names of its exams, by id: reasons name exams as the catalogue does."""
    shortage_areas: ShortageAreas | None = None
    """HRSA's designations by county; None: those at hand (``imgpath.areas.current_areas``)."""

    def shortage_coverage(self, county: str, kinds: Iterable[str]) -> Coverage:
        """Whether a designation of these kinds covers the county on the evaluation date."""
        areas = self.shortage_areas if self.shortage_areas is not None else current_areas()
        return areas.coverage(county, self.as_of, [AreaKind(k) for k in kinds])

    def inferred(self, fact: Implied) -> Inference | None:
        """The inference that supplies ``fact`` from what the profile says, if one does."""
        for inference in self.inferences:
            if fact in inference.implies and self.ecfmg_certified_now:
                return inference
        return None

    @cached_property
    def ecfmg_certified_now(self) -> bool:
        value = self.profile.ecfmg_certified
        if value is True:
            return True
        return value not in (None, False) and not isinstance(value, bool) and value.first_day <= self.as_of

    @cached_property
    def practice(self) -> dict[Where, list[Interval]]:
        """Merged practice intervals by where they were, as planned (an end in the future counts)."""
        entries = self.profile.practice or []
        out: dict[Where, list[Interval]] = {}
        for where in Where:
            spans = [s for p in entries if matches(p.country, where) and (s := span_of(p)) is not None]
            out[where] = merge(spans)
        return out

    @cached_property
    def unplaced_practice(self) -> dict[Where, tuple[int, tuple[int, ...]]]:
        """Days of practice known only by their length, and the indexes of those periods, by where."""
        entries = self.profile.practice or []
        out: dict[Where, tuple[int, tuple[int, ...]]] = {}
        for where in Where:
            found = [
                (i, p.length_days)
                for i, p in enumerate(entries)
                if matches(p.country, where) and span_of(p) is None
            ]
            out[where] = (sum(days for _, days in found), tuple(i for i, _ in found))
        return out

    @cached_property
    def last_training_end(self) -> date | None:
        """The day after the last completed residency or fellowship ended (practice counts from it)."""
        ends = [
            span[1]
            for t in self.profile.training or []
            if t.completed
            and t.kind.value in {"residency", "fellowship"}
            and (span := span_of(t)) is not None
            and span[1] is not None
        ]
        return max(ends) if ends else None

    @cached_property
    def us_training_years(self) -> float:
        placed: list[Interval] = []
        unplaced = 0
        for t in self.profile.training or []:
            if not is_us(t.country):
                continue
            span = span_of(t)
            if span is None:
                unplaced += t.length_days
            else:
                placed.append((span[0], span[1] or self.as_of))
        return (covered_days(merge(placed), date.min, self.as_of) + unplaced) / 365.25


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
