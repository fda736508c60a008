"""Dates as people write them: a month (``2019-06``) or a day (``2019-06-30``).

A month given as a start means its first day; given as an end, its last day. Durations are spoken
in years and months because that is how laws and people count practice.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any

FIRST_YEAR, LAST_YEAR = 1900, 2199
"""The years a date may name: plans run decades past any date given, and must stay in the calendar."""

_PATTERN = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")

_YEAR = r"(?:19[0-9]{2}|2[01][0-9]{2})"  # FIRST_YEAR to LAST_YEAR
_LEAP_YEAR = (  # 1900 and 2100 are not leap years, 2000 is
    r"(?:19(?:0[48]|[2468][048]|[13579][26])|20(?:[02468][048]|[13579][26])"
    r"|21(?:0[48]|[2468][048]|[13579][26]))"
)
_MONTH_DAY = (
    r"(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    r"|02-(?:0[1-9]|1[0-9]|2[0-8]))"
)
_DAY = rf"(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
DAY_PATTERN = rf"^{_DAY}$"
"""JSON Schema's word for the days ``PartialDate.parse`` takes: real days of FIRST_YEAR to LAST_YEAR."""
MONTH_OR_DAY_PATTERN = rf"^(?:{_YEAR}-(?:0[1-9]|1[0-2])|{_DAY})$"
"""The same for a month or a day, so that a document's schema accepts exactly what the parser does."""


class DateError(ValueError):
    """A date that is not one, said in English and as a keyed message (``key``, ``params``: an
    ``imgpath.messages`` key and its parameters), so that an interface can say it in another language."""

    def __init__(self, key: str, english: str, **params: str | int) -> None:
        super().__init__(english)
        self.key = key
        self.params = params


def _outside_years(value: str) -> DateError:
    english = f"'{value}' is outside the years {FIRST_YEAR} to {LAST_YEAR}"
    return DateError("date.outside_years", english, value=value, first=FIRST_YEAR, last=LAST_YEAR)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the day or only to the month."""

    year: int
    month: int
    day: int | None = None

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        """Read ``YYYY-MM`` or ``YYYY-MM-DD`` (or a ``date``); raise ValueError naming the problem."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, date):
            if not FIRST_YEAR <= value.year <= LAST_YEAR:
                raise _outside_years(str(value))
            return cls(value.year, value.month, value.day)
        if not isinstance(value, str):
            shown = repr(value)
            raise DateError(
                "date.expected", f"expected a date as YYYY-MM or YYYY-MM-DD, got {shown}", value=shown
            )
        match = _PATTERN.match(value.strip())
        if not match:
            raise DateError(
                "date.not_a_date", f"'{value}' is not a date; write YYYY-MM or YYYY-MM-DD", value=value
            )
        year, month = int(match.group(1)), int(match.group(2))
        day = int(match.group(3)) if match.group(3) else None
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise _outside_years(value)
        if not 1 <= month <= 12:
            raise DateError("date.no_month", f"'{value}' has no month {month}", value=value, month=month)
        if day is not None:
            try:
                date(year, month, day)
            except ValueError:
                raise DateError(
                    "date.not_a_day", f"'{value}' is not a day of the calendar", value=value
                ) from None
        return cls(year, month, day)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, self.day or 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, self.day or calendar.monthrange(self.year, self.month)[1])

    def __str__(self) -> str:
        text = f"{self.year:04d}-{self.month:02d}"
        return f"{text}-{self.day:02d}" if self.day else text


def parse_day(value: Any) -> date:
    """A full date; a month alone counts from its first day."""
    return PartialDate.parse(value).first_day


@lru_cache(maxsize=65_536)
def add_months(day: date, months: int) -> date:
    """Calendar month arithmetic, the day clamped to the month's end (31 Jan + 1 month = 28/29 Feb).

    The same answers as dateutil's relativedelta, several times faster: the engine calls it a lot,
    for a cohort mostly with the same few days (the evaluation date, the ends of practice windows),
    hence the cache.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, _month_days(year, month)))


@cache
def _month_days(year: int, month: int) -> int:
    # cached: the calendar module works out the weekday too, and a cohort asks a few hundred months
    # hundreds of thousands of times (the law simulator's practice windows)
    return calendar.monthrange(year, month)[1]


def years_before(day: date, years: float) -> date:
    """The day ``years`` (whole or fractional by months) before ``day``."""
    return add_months(day, -round(years * 12))


def years_after(day: date, years: float) -> date:
    return add_months(day, round(years * 12))


def span_text(days: int) -> str:
    """Days as '2 years 11 months', the way people count practice.

    Months are 30.44 days, counted down, but a month short by three days or fewer counts as whole so
    that July 2012 to June 2015 reads as 3 years.
    """
    years, months = years_months(days)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if months or not years:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return " ".join(parts)


def years_months(days: int) -> tuple[int, int]:
    """Days as whole years and months, counted as ``span_text`` says."""
    return divmod(int(days / 30.436875 + 0.1), 12)


def years_text(years: float) -> str:
    whole = int(years)
    if years == whole:
        return f"{whole} year{'s' if whole != 1 else ''}"
    return span_text(round(years * 365.2425))


ONE_DAY = timedelta(days=1)


_SPAN = re.compile(r"^(\d+) (day|week|month|year)s?$")


@cache
def _parse_span(span: str) -> tuple[timedelta, int]:
    match = _SPAN.match(span.strip())
    if not match:
        raise ValueError(f"'{span}' is not a duration; write e.g. '6 weeks' (days, weeks, months, years)")
    count, unit = int(match.group(1)), match.group(2)
    if unit in ("day", "week"):
        return timedelta(days=count * (7 if unit == "week" else 1)), 0
    return timedelta(0), count * (12 if unit == "year" else 1)


def add_span(day: date, span: str) -> date:
    """``day`` plus a duration written as in the steps catalogue: ``10 days``, ``6 weeks``, ``1 year``."""
    days, months = _parse_span(span)
    return add_months(day, months) if months else day + days


def next_on_or_after(day: date, month_day: str) -> date:
    """The first ``MM-DD`` on or after ``day`` (29 February falls back to 28 in common years)."""
    month, dom = (int(part) for part in month_day.split("-"))
    for year in (day.year, day.year + 1, day.year + 2):
        candidate = date(year, month, min(dom, _month_days(year, month)))
        if candidate >= day:
            return candidate
    raise AssertionError("unreachable: a day of the year recurs within two years")


def in_yearly_window(day: date, opens: str, closes: str) -> bool:
    """Whether ``day`` falls between ``opens`` and ``closes`` (``MM-DD``), a window that may wrap the year."""
    key = f"{day.month:02d}-{day.day:02d}"
    return opens <= key <= closes if opens <= closes else key >= opens or key <= closes
