"""Dates as people type them in the wizard: "July 2023", "julio de 2023", "يوليو 2023", "07/2023",
"2023-07", a day, or a year alone; the profile keeps the engine's ``YYYY-MM`` (or ``YYYY-MM-DD``).

The profile format has no year-only date, so a year alone becomes the month that counts the least
time in the person's favour: a start (graduation, a training's start, a pass) its December, an end
its January. The field's help text says so.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache

from babel import Locale
from babel.dates import format_date

from imgpath.dates import PartialDate
from imgpath.web.pages.places import LANGUAGES, key, language


class YearAlone(StrEnum):
    """What a year typed alone stands for."""

    start = "start"
    """December: a start or an event dated as late as it may have been."""
    end = "end"
    """January: an end dated as early as it may have been."""
    refused = "refused"
    """A month is needed (the day the check is run on)."""


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
"""Arabic-Indic and Persian digits, as an Arabic keyboard types them."""

_ISO = re.compile(r"^\d{4}-\d{1,2}(?:-\d{1,2})?$")
_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.-]\s*(\d{4})$")
_YEAR = re.compile(r"^\d{4}$")
_WORDS = re.compile(r"^(\D+?)\s*(\d{4})$")
_FILLERS = {"de", "del", "of"}


REGIONAL = ("ar_SY", "ar_MA", "ar_DZ")
"""Arabic writes months differently by region: the Levant and Iraq "تموز" for July (CLDR's ar_SY),
the Maghreb "يوليوز" or "جويلية" (ar_MA, ar_DZ); the page shows CLDR's "يوليو" (ar)."""


@cache
def month_names() -> dict[str, int]:
    """Every month's name in our languages (wide and abbreviated, CLDR's through Babel) -> its number."""
    found: dict[str, int] = {}
    for lang in (*LANGUAGES, *REGIONAL):
        months = Locale.parse(lang).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    found.setdefault(key(str(name)), number)  # ours first, then a region's
    return found


def parse(text: str, year_alone: YearAlone) -> str | None:
    """The profile's date for a typed one; None when blank. ValueError when it is not a date."""
    typed = " ".join(text.translate(_DIGITS).split())
    if not typed:
        return None
    if _ISO.match(typed):
        year, number, *day = typed.split("-")
        return str(PartialDate.parse("-".join([year, number.zfill(2), *(d.zfill(2) for d in day)])))
    if match := _NUMERIC.match(typed):
        return str(PartialDate.parse(f"{match.group(2)}-{match.group(1).zfill(2)}"))
    if _YEAR.match(typed):
        if year_alone is YearAlone.refused:
            raise ValueError("month")
        month = 12 if year_alone is YearAlone.start else 1
        return str(PartialDate.parse(f"{typed}-{month:02d}"))
    if match := _WORDS.match(typed):
        words = [w for w in key(match.group(1)).split() if w not in _FILLERS]
        named = month_names().get(" ".join(words))
        if named is not None:
            return str(PartialDate.parse(f"{match.group(2)}-{named:02d}"))
    raise ValueError("date")


def shown(value: str) -> str:
    """A stored month in the reader's words ("julio de 2023"), so that it reads back as typed; a day
    stays as written (``2021-03-10``), which the wizard reads back too."""
    try:
        date = PartialDate.parse(value)
    except ValueError:
        return value
    if date.day is not None:
        return str(date)
    return format_date(date.first_day, "LLLL y", locale=language())
