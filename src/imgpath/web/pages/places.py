"""Countries and US states by name in English, Spanish and Arabic, for the wizard's typed answers.

Names are never typed by hand here: countries come from CLDR through Babel (filtered to the ISO
3166-1 countries pycountry lists, so regions such as "001" or "EU" are not offered); US states'
English names are the rulebook's, their Spanish names pycountry's iso3166-2 catalogue (Debian's
iso-codes). No maintained source we can ship has Arabic names for US states (Babel leaves CLDR's
subdivisions out, iso-codes has no Arabic iso3166-2 catalogue), so Arabic pages show the English
name. A person may type a name in any of the three languages, or the code; the profile keeps codes.
"""

from __future__ import annotations

import difflib
import gettext
from dataclasses import dataclass
from functools import cache

import pycountry
from babel import Locale
from django.conf import settings
from django.utils.translation import get_language

from imgpath.finder import search_words
from imgpath.rulebook import default_rulebook
from imgpath.web.pages import rulebook as read_rulebook

LANGUAGES: tuple[str, ...] = tuple(code for code, _name in settings.LANGUAGES)


def key(text: str) -> str:
    """A name as it is compared: its words as search folds them (case and accents off, punctuation as
    spaces: ``Côte d’Ivoire`` is ``cote d ivoire``; Arabic's short vowels, which are marks, go too),
    and Arabic's tatweel (a stretching stroke, not a letter) dropped."""
    return " ".join(search_words(text.replace("\u0640", "")))


def language() -> str:
    """The active page language among ours (English otherwise)."""
    active = (get_language() or "en").split("-")[0]
    return active if active in LANGUAGES else "en"


@dataclass(frozen=True)
class Places:
    """One kind of place: each code's name per language, and every typed form that leads to a code."""

    names: dict[str, dict[str, str]]
    """Language -> code -> the name shown."""
    lookup: dict[str, str]
    """A key (see ``key``) of any name or code -> the code."""

    def name(self, code: str, lang: str | None = None) -> str:
        return self.names[lang or language()].get(code, code)

    def options(self, lang: str | None = None) -> list[tuple[str, str]]:
        """(code, name) in the reader's language, alphabetical by name as the reader reads it."""
        shown = self.names[lang or language()]
        return sorted(shown.items(), key=lambda item: key(item[1]))

    def code(self, text: str) -> str | None:
        """The code a typed name or code stands for; None when nothing matches."""
        return self.lookup.get(key(text))

    def suggestions(self, text: str, limit: int = 3) -> list[str]:
        """Names in the reader's language close to what was typed (a typo, a part of the name)."""
        typed = key(text)
        if not typed:
            return []
        codes: list[str] = []
        for found in difflib.get_close_matches(typed, self.lookup, n=limit * 3, cutoff=0.7):
            codes.append(self.lookup[found])
        if len(typed) >= 3:
            codes += [code for name, code in self.lookup.items() if name.startswith(typed)]
        unique = list(dict.fromkeys(codes))[:limit]
        return [self.name(code) for code in unique]


def _lookup(names: dict[str, dict[str, str]], extra: dict[str, str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for shown in names.values():
        for code, name in shown.items():
            found.setdefault(key(name), code)
    for text, code in extra.items():
        found.setdefault(key(text), code)
    for code in names["en"]:
        found[key(code)] = code  # a code always means itself ("IN" is India, not a word)
    return found


@cache
def countries() -> Places:
    """Every ISO 3166-1 country, named by CLDR in each of our languages."""
    iso = {country.alpha_2: country for country in pycountry.countries}
    names: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        territories = Locale.parse(lang).territories
        names[lang] = {code: str(territories.get(code, iso[code].name)) for code in iso}
    extra: dict[str, str] = {}
    for code, country in iso.items():
        extra[country.alpha_3] = code  # EGY, USA
        for attribute in ("name", "official_name", "common_name"):
            if value := getattr(country, attribute, None):
                extra[value] = code
    return Places(names, _lookup(names, extra))


@cache
def states() -> Places:
    """The US states (and DC) the rulebook holds, by their English name and pycountry's Spanish one."""
    english = {
        code: jurisdiction.name
        for jurisdiction in read_rulebook.states(default_rulebook())
        if (code := read_rulebook.state_code(jurisdiction.jurisdiction))
    }
    iso = {s.code.removeprefix("US-"): s.name for s in pycountry.subdivisions if s.country_code == "US"}
    spanish = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["es"])
    names = {
        "en": english,
        "es": {code: spanish.gettext(iso.get(code, name)) for code, name in english.items()},
        "ar": dict(english),  # no maintained Arabic source (see the module's docstring)
    }
    return Places(names, _lookup(names, {name: code for code, name in iso.items() if code in english}))
