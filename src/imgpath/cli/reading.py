"""What the commands print, in the reader's language: ``--lang`` or the locale decides (``reader``).

English is the message templates themselves, so the English tables read as they always have. In
Spanish and Arabic a heading, a column's name or a verdict is a keyed message
(``imgpath.messages.english``) said through the web's catalogues, the rulebook's words (a route's or
step's name, a criterion's summary) through the rulebook's catalogue, and dates and amounts as Babel
writes them for the language. The JSON never passes through here: it stays English in every language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency

from imgpath.engine import Verdict
from imgpath.messages import Message, Translate, message, words
from imgpath.messages.languages import ENGLISH, chain, translator
from imgpath.rulebook import TEXTS_LOCALE_DIR

reader = {"language": ENGLISH}
"""The language the commands speak, set by the top-level command from --lang or the locale."""

DAY = "d MMM y"
"""A day as the table shows it: "25 nov 2026", "25 نوفمبر 2026" (CLDR's medium Arabic date puts a
right-to-left mark around each slash, which a terminal prints as noise; this pattern needs none)."""
_MARKS = str.maketrans("", "", "\u200e\u200f\u061c")
"""Bidi marks that CLDR's Arabic number and currency patterns carry: the web adds none, nor do we."""

SLOT = "\ue000"
"""A private-use character standing for a styled value while its sentence is said: the sentence is
escaped for Rich, then the value goes in with its markup (no template or translation holds it)."""


VERDICT_KEYS = {verdict: f"cli.verdict.{verdict.value}" for verdict in Verdict}


@dataclass(frozen=True)
class Reading:
    """One language's way of saying things: keyed messages, the rulebook's words, days and dollars."""

    language: str
    translate: Translate

    @property
    def english(self) -> bool:
        return self.language == ENGLISH

    def __call__(self, said: Message | str) -> str:
        """A message (with the rulebook's words inside it) in the language; text as it is."""
        if self.english or not isinstance(said, Message):
            return str(said)
        return words.say(said, self.translate)

    def rule(self, text: str | None) -> str:
        """The rulebook's own words (a name, a summary, a window's note) in the language, where its
        catalogue has them; English otherwise."""
        if not text:
            return ""
        return text if self.english else self.translate(text)

    def verdict(self, verdict: Verdict) -> str:
        return self(message(VERDICT_KEYS[verdict]))

    def day(self, value: date | str | None) -> str:
        """A day as the language writes it; ISO in English (and for a value that is not a day)."""
        if value is None or value == "":
            return ""
        if isinstance(value, str):
            try:
                day = date.fromisoformat(value)
            except ValueError:
                return value
        else:
            day = value
        if self.english:
            return day.isoformat()
        return format_date(day, DAY, locale=self.language)

    def money(self, amount: float) -> str:
        """US dollars, whole: ``2,035`` in English (the sentence around it names the currency), as
        the language writes an amount of dollars otherwise (``2.035 US$``)."""
        if self.english:
            return f"{amount:,.0f}"
        return format_currency(
            round(amount), "USD", format=_whole(self.language), locale=self.language, currency_digits=False
        ).translate(_MARKS)


@cache
def _whole(language: str) -> str:
    """The language's currency pattern without cents and without bidi marks."""
    pattern = Locale.parse(language).currency_formats["standard"].pattern
    return str(pattern).split(";")[0].replace(".00", "").translate(_MARKS)


@cache
def reading(language: str) -> Reading:
    """The language's reading: the web's messages first, then the rulebook's words."""
    if language == ENGLISH:
        return Reading(ENGLISH, translator(ENGLISH))
    return Reading(language, chain(translator(language), translator(language, TEXTS_LOCALE_DIR)))


def current() -> Reading:
    """The reading of the language the command was asked to speak."""
    return reading(reader["language"])
