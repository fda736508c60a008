"""The reader's language outside the web: which one (an option or the locale's environment) and the
gettext catalogue that says the messages in it.

The translations are the web's own catalogues (``imgpath/web/locale/<code>/LC_MESSAGES/django.po``,
where every English template is a msgid: docs/messages.md), so a sentence has one translation
whether a page, the API or the CLI says it. Read as data: this module imports nothing of the web.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import polib

from imgpath.messages import Translate

ENGLISH = "en"
LANGUAGES = ("en", "es", "ar")
"""The languages people read: English (the default, the templates themselves), Spanish and Arabic."""
CATALOGUE_DIR = Path(__file__).resolve().parent.parent / "web" / "locale"
"""The web's catalogues, which hold every message template's translation."""
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""Where a locale names its language, in the order gettext reads them."""


def language(code: str | None) -> str:
    """The language of a code as people and locales write it (``es``, ``ar_EG.UTF-8``, ``es-MX``,
    ``ES``): one of LANGUAGES, English for anything else (``fr``, ``C``, ``POSIX``, empty)."""
    return _known(code) or ENGLISH


def _known(code: str | None) -> str | None:
    base = (code or "").strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    return base if base in LANGUAGES else None


def language_from_environment(environ: Mapping[str, str]) -> str:
    """The language the locale asks for: the first of LANGUAGE, LC_ALL, LC_MESSAGES and LANG that is
    set decides, as ``language`` reads it (LANGUAGE is a list, ``fr:es``: its first we have)."""
    for name in ENVIRONMENT:
        value = environ.get(name, "")
        if value:
            return next(filter(None, map(_known, value.split(":"))), ENGLISH)
    return ENGLISH


def _same(text: str) -> str:
    return text


@cache
def translator(code: str, catalogues: Path = CATALOGUE_DIR) -> Translate:
    """The function that gives a template's translation in the language (the template itself where
    the catalogue has none): the compiled ``.mo`` where ``make`` wrote one, else the ``.po`` read
    with polib (a fresh checkout, an install that never compiled them)."""
    lang = language(code)
    if lang == ENGLISH:
        return _same
    folder = catalogues / lang / "LC_MESSAGES"
    compiled = folder / "django.mo"
    source = folder / "django.po"
    if compiled.exists() and (not source.exists() or compiled.stat().st_mtime >= source.stat().st_mtime):
        with compiled.open("rb") as stream:
            said = gettext.GNUTranslations(stream).gettext
        return lambda text: said(text) if text else text  # "" is the catalogue's header, not a text
    if not source.exists():
        return _same
    found = {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(str(source), encoding="utf-8")
        if entry.msgid
        and entry.msgstr
        and not entry.obsolete
        and "fuzzy" not in entry.flags
        and not entry.msgctxt
    }
    return lambda text: found.get(text) or text


def chain(*translations: Translate) -> Translate:
    """The first of the translations that has the text (one that gives it back unchanged lacks it),
    as Django reads its ``LOCALE_PATHS``: the web's messages, then the rulebook's words."""

    def translate(text: str) -> str:
        for translation in translations:
            found = translation(text)
            if found != text:
                return found
        return text

    return translate
