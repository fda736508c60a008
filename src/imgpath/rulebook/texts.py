"""The rulebook's words that people read, found so translators can reach them.

Route names and summaries, what the sources left open or disagree on, the notes of a route's legal
history, the summary of each criterion and group, step, exam and credential names and summaries, fee
labels, licence stages and the names of the jurisdictions: each is English in the
YAML, where a lawyer reviews it, and its Spanish and Arabic are kept beside the data, in
``data/locale/<language>/LC_MESSAGES/django.po`` (gettext catalogues with the English as msgid, so a
text shared by many routes is translated once). ``scripts/rulebook_catalogue.py`` writes new texts
into them and checks that every one is translated with its placeholders kept; the web reads them
through gettext like its own messages.

Not here: source titles and citations (the names of documents, kept as published), notes for
curators, and free-text parameters no page shows.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from imgpath.rulebook.loader import DATA_DIR, Rulebook
from imgpath.rulebook.schema import (
    Conversion,
    Credential,
    Criterion,
    Exam,
    Fee,
    Group,
    Jurisdiction,
    Pathway,
    ProgramWindow,
    Stage,
    StatusEvent,
    Step,
    Window,
)

LOCALE_DIR = DATA_DIR / "locale"
"""The rulebook's catalogues: ``<language>/LC_MESSAGES/django.po``."""
LANGUAGES = ("es", "ar")
READ: dict[type[BaseModel], tuple[str, ...]] = {
    Jurisdiction: ("name",),
    Pathway: ("name", "summary", "not_for_reason", "gaps", "doubts"),
    StatusEvent: ("note",),
    Criterion: ("summary",),
    Group: ("summary",),
    Stage: ("name", "supervision", "restrictions"),
    Conversion: ("summary",),
    Fee: ("label",),
    ProgramWindow: ("label",),
    Exam: ("name", "summary"),
    Step: ("name", "summary"),
    Window: ("note",),
    Credential: ("name", "summary"),
}
"""The fields people read, by rulebook model."""
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)[sd]|%[sd]")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _walk(value: object, where: str) -> Iterator[tuple[str, str]]:
    """(text, where) for every field people read inside ``value``, depth first."""
    if isinstance(value, BaseModel):
        named = getattr(value, "id", None) or getattr(value, "jurisdiction", None)
        here = f"{where}/{named}" if isinstance(named, str) else where
        for field in READ.get(type(value), ()):
            said = getattr(value, field)
            for text in [said] if isinstance(said, str) else said or ():
                if isinstance(text, str) and text.strip():
                    yield text, f"{here}.{field}"
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), here)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _walk(item, where)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _walk(item, where)


def rulebook_texts(rulebook: Rulebook) -> dict[str, list[str]]:
    """Each text people read (a msgid) and where the rulebook holds it (``rulebook/US-TX/<route>.name``)."""
    found: dict[str, list[str]] = defaultdict(list)
    for text, where in _walk(rulebook.catalogue, "catalogue"):
        found[text].append(where)
    for jurisdiction in rulebook.jurisdictions.values():
        for text, where in _walk(jurisdiction, "rulebook"):
            found[text].append(where)
    return dict(found)


def catalogue_path(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / "django.po"


def _figures(text: str) -> list[str]:
    """The numbers of a text, digits only: "2,521" in English may be "2.521" or "2521" in Spanish."""
    return sorted(re.sub(r"[.,]", "", n) for n in NUMBER.findall(text))


def problem(english: str, translated: str) -> str | None:
    """What is wrong with a translation: placeholders or figures (dates, fees, years) not kept."""
    if not translated.strip():
        return "not translated"
    if sorted(PLACEHOLDER.findall(english)) != sorted(PLACEHOLDER.findall(translated)):
        return "placeholders differ"
    if _figures(english) != _figures(translated):
        return "numbers differ (a date, fee or count changed)"
    return None
