"""Option values the commands share, read the same way everywhere."""

from __future__ import annotations

from datetime import date

from imgpath.dates import PartialDate
from imgpath.yamlio import InputError


def parse_as_of(value: str | None, option: str = "--as-of") -> date | None:
    """A date option as a day (a month means its first day); a bad date is an InputError naming it."""
    if value is None:
        return None
    try:
        return PartialDate.parse(value).first_day
    except ValueError as error:
        raise InputError(str(error), field=option) from None
