"""Countries and US states by name in English, Spanish and Arabic, for the wizard's typed answers.

Names are never typed by hand here: countries come from CLDR through Babel (filtered to the ISO
3166-1 countries pycountry lists, so regions such as "001" or "EU" are not offered). US states'
English names are the rulebook's; their Spanish and Arabic names are CLDR's subdivision names
(which Babel leaves out), kept dated and sourced in ``data/us_states_cldr.yaml`` by
``scripts/import_cldr_states.py``; that script also sets the rulebook catalogue's state names to the
same words, so the wizard and every page that translates a state agree. Where CLDR lacks a state in
a language the file says which fallback stands instead: Spanish falls back to iso-codes' Spanish
(pycountry), then, like Arabic, to the rulebook's English name. A person may type a name in any of
the three languages, CLDR's English ("Washington DC"), pycountry's older Spanish spellings
("Missouri", "Distrito de Columbia") or the code; the profile keeps codes.
"""

from __future__ import annotations

import difflib
import gettext
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

import pycountry
from babel import Locale
from django.conf import settings
from django.utils.translation import get_language
from pydantic import BaseModel, ConfigDict, ValidationError

from imgpath.finder import search_words
from imgpath.rulebook import default_rulebook
from imgpath.web.pages import rulebook as read_rulebook
from imgpath.yamlio import InputError, load_file

STATE_NAMES_FILE = Path(__file__).parent / "data" / "us_states_cldr.yaml"

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


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StateName(_Strict):
    """One state's name in one language, as CLDR gives it (or the fallback that stands instead)."""

    name: str
    draft: Literal["unconfirmed", "provisional", "contributed", "approved"] | None
    source: str
    as_of: date
    fallback: str | None = None


class StateEntry(_Strict):
    rulebook: str
    en: StateName
    es: StateName
    ar: StateName


class StateNameSource(_Strict):
    title: str
    href: str
    as_of: date


class StateNames(_Strict):
    """``data/us_states_cldr.yaml``: what ``scripts/import_cldr_states.py`` wrote."""

    description: str
    cldr_version: str
    as_of: date
    fallback: dict[str, str]
    sources: dict[str, StateNameSource]
    states: dict[str, StateEntry]


@cache
def state_names() -> StateNames:
    """The shipped CLDR state names, checked (a hand edit that breaks the file fails loudly)."""
    raw, source = load_file(STATE_NAMES_FILE, "us_states_cldr.yaml")
    try:
        return StateNames.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        location = tuple(first["loc"])
        raise InputError(first["msg"], file=source.file, line=source.line_of(location)) from None


@cache
def states() -> Places:
    """The US states (and DC) the rulebook holds: its English name, CLDR's Spanish and Arabic."""
    english = {
        code: jurisdiction.name
        for jurisdiction in read_rulebook.states(default_rulebook())
        if (code := read_rulebook.state_code(jurisdiction.jurisdiction))
    }
    cldr = state_names().states
    names = {"en": english}
    for lang in LANGUAGES:
        if lang != "en":  # a state newer than the file is named in English until the curator imports
            names[lang] = {
                code: getattr(cldr[code], lang).name if code in cldr else name
                for code, name in english.items()
            }
    iso = {s.code.removeprefix("US-"): s.name for s in pycountry.subdivisions if s.country_code == "US"}
    spanish = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["es"])
    aliases = {name: code for code, name in iso.items() if code in english}  # "District of Columbia"
    aliases |= {spanish.gettext(name): code for code, name in iso.items() if code in english}  # "Missouri"
    aliases |= {entry.en.name: code for code, entry in cldr.items() if code in english}  # "Washington DC"
    return Places(names, _lookup(names, aliases))
