"""Compile the web's message catalogues (``locale/*/LC_MESSAGES/*.po`` to ``.mo``) with polib, and
keep the engine's and planner's message templates in them.

Compiled catalogues are generated, not committed, and a fresh machine may lack GNU gettext: polib
writes the same GNU ``.mo`` files as ``msgfmt`` (contexts and plural forms included, fuzzy, obsolete
and untranslated entries left out so English shows instead). ``make run`` and ``make test`` run
``python -m imgpath.web.catalogues --stale``, which compiles the rulebook's catalogues too
(``imgpath.rulebook.texts``: its texts' Spanish and Arabic, kept beside its YAML).

The English templates of ``imgpath.messages.english`` are msgids too, but no ``gettext()`` call names
them, so ``makemessages`` cannot find them (it marks them obsolete). ``curate_messages`` adds each one,
with its keys as ``#. key: ...`` comments, revives it after ``makemessages``, marks obsolete the ones no
key uses any more and never drops a translation (``scripts/message_catalogue.py`` runs it);
``message_problems`` says what a catalogue still lacks (``scripts/check_catalogues.py``, a test).
"""

from __future__ import annotations

import string
import sys
from collections import defaultdict
from pathlib import Path

import polib

from imgpath.messages import placeholders
from imgpath.messages.english import ENGLISH
from imgpath.rulebook.texts import LOCALE_DIR as RULEBOOK_LOCALE_DIR

LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def read_catalogue(path: Path) -> polib.POFile:
    """A .po file as polib reads it (a file it cannot read raises ``OSError`` naming the line)."""
    return polib.pofile(str(path), encoding="utf-8")


def compile_po(text: str) -> bytes:
    """The GNU .mo file for the .po text given: translated entries and the header only."""
    return bytes(polib.pofile(text).to_binary())


def compile_all(locale_dir: Path = LOCALE_DIR, only_stale: bool = False) -> list[Path]:
    """Write each .po's .mo beside it; with ``only_stale``, only those missing or older than their .po."""
    written = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if only_stale and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        read_catalogue(po).save_as_mofile(str(mo))
        written.append(mo)
    return written


KEY_COMMENT = "key: "
"""How an entry's extracted comment names a message key whose English template is its msgid."""
BRACE_FLAG = "python-brace-format"


def catalogue_paths(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Every language's catalogue of the web (``<code>/LC_MESSAGES/django.po``)."""
    return sorted(locale_dir.glob("*/LC_MESSAGES/django.po"))


def message_msgids(english: dict[str, str] = ENGLISH) -> dict[str, list[str]]:
    """Each English template (a msgid) and the keys that use it; an empty template needs no
    translation (and an empty msgid is the catalogue's header)."""
    keys: dict[str, list[str]] = defaultdict(list)
    for key, text in english.items():
        if text:
            keys[text].append(key)
    return dict(keys)


def _keys_of(entry: polib.POEntry) -> list[str]:
    return [
        line.removeprefix(KEY_COMMENT) for line in entry.comment.splitlines() if line.startswith(KEY_COMMENT)
    ]


def _with_keys(entry: polib.POEntry, keys: list[str]) -> str:
    """The entry's extracted comment with its key lines replaced by ``keys`` (other lines kept)."""
    others = [line for line in entry.comment.splitlines() if line and not line.startswith(KEY_COMMENT)]
    return "\n".join([*others, *(KEY_COMMENT + key for key in keys)])


def curate_messages(catalogue: polib.POFile, english: dict[str, str] = ENGLISH) -> list[str]:
    """Bring the message templates into ``catalogue``; what changed, one line each (none: as it was).

    A missing template is added untranslated; one ``makemessages`` made obsolete is revived with its
    translation; an entry whose keys are all gone is marked obsolete unless the web's own code or
    templates still ask for it. No entry or translation is removed.
    """
    wanted = message_msgids(english)
    changed = []
    found = {entry.msgid: entry for entry in catalogue if entry.msgctxt is None and not entry.msgid_plural}
    for old in catalogue:
        was = _keys_of(old)
        if was and old.msgctxt is None and old.msgid not in wanted:
            old.comment = _with_keys(old, [])
            if old.occurrences or old.obsolete:  # the web's own code still asks for it
                changed.append(f"keys gone: {old.msgid!r} (was {', '.join(was)})")
            else:
                old.obsolete = True
                changed.append(f"obsolete: {old.msgid!r} (was {', '.join(was)})")
    for text, keys in wanted.items():
        said = f"{text!r} ({', '.join(keys)})"
        entry = found.get(text)
        if entry is None:
            entry = polib.POEntry(msgid=text, msgstr="")
            catalogue.append(entry)
            changed.append(f"added: {said}")
        elif entry.obsolete:
            entry.obsolete = False
            changed.append(f"revived: {said}")
        elif _keys_of(entry) != keys:
            changed.append(f"keys: {said}")
        entry.comment = _with_keys(entry, keys)
        if placeholders(text) and BRACE_FLAG not in entry.flags:
            if entry.msgstr:  # a new entry is flagged as it is added
                changed.append(f"flagged {BRACE_FLAG}: {said}")
            entry.flags.append(BRACE_FLAG)
    return changed


def _fields(text: str) -> set[tuple[str, str]]:
    """Each placeholder with its format spec (``("need_days", "span")``); ValueError: broken braces."""
    fields = set()
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is not None:
            fields.add((name + (f"!{conversion}" if conversion else ""), spec or ""))
    return fields


def message_problems(catalogue: polib.POFile, english: dict[str, str] = ENGLISH) -> list[str]:
    """What keeps the catalogue from saying every message: a template missing, untranslated or fuzzy,
    or a translation whose placeholders or their formats differ from the English ones."""
    entries = {e.msgid: e for e in catalogue if e.msgctxt is None and not e.msgid_plural and not e.obsolete}
    problems = []
    for text, keys in message_msgids(english).items():
        named = f"{', '.join(keys)} {text!r}"
        entry = entries.get(text)
        if entry is None:
            problems.append(f"{named}: not in the catalogue (run scripts/message_catalogue.py)")
        elif not entry.msgstr or (not entry.msgstr.strip() and text.strip()):  # " " may be " "
            problems.append(f"{named}: not translated")
        elif entry.fuzzy:
            problems.append(f"{named}: fuzzy")
        else:
            try:
                wrong = _fields(entry.msgstr) != _fields(text)
            except ValueError:
                problems.append(f"{named}: broken braces in {entry.msgstr!r}")
                continue
            if placeholders(entry.msgstr) != placeholders(text):
                problems.append(
                    f"{named}: placeholders {sorted(placeholders(entry.msgstr))} in {entry.msgstr!r}"
                )
            elif wrong:
                problems.append(f"{named}: formats differ in {entry.msgstr!r}")
    return problems


def main() -> None:
    for locale_dir in (LOCALE_DIR, RULEBOOK_LOCALE_DIR):  # the web's messages, the rulebook's texts
        for mo in compile_all(locale_dir, only_stale="--stale" in sys.argv[1:]):
            print(f"compiled {mo}")


if __name__ == "__main__":
    main()
