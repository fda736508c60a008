"""Keep the rulebook's Spanish and Arabic beside its YAML (``imgpath.rulebook.texts``).

rulebook_catalogue.py              add the texts people read that the catalogues lack, mark obsolete
                                   the ones the rulebook no longer has (translations are never lost)
rulebook_catalogue.py --check      exit 1 naming each text not translated, or whose placeholders or
                                   numbers differ from the English (make check)
rulebook_catalogue.py --export es FILE   the untranslated texts of one language as JSON, for a
                                   translator: {"English": ""}
rulebook_catalogue.py --import es FILE   that JSON back, filled: each translation checked first;
                                   nothing is written if one is wrong
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import polib

from imgpath.rulebook import default_rulebook
from imgpath.rulebook.texts import LANGUAGES, catalogue_path, problem, rulebook_texts

HEADER = {
    "Project-Id-Version": "imgpath rulebook",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
}
PLURAL = {"es": "nplurals=2; plural=(n != 1);", "ar": (
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
)}  # fmt: skip
WRAP = 79


def _catalogue(language: str) -> polib.POFile:
    path = catalogue_path(language)
    if path.exists():
        return polib.pofile(str(path), encoding="utf-8", wrapwidth=WRAP)
    found = polib.POFile(wrapwidth=WRAP, encoding="utf-8")
    found.metadata = HEADER | {"Language": language, "Plural-Forms": PLURAL[language]}
    return found


def _save(catalogue: polib.POFile, language: str) -> None:
    path = catalogue_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(path))


def update() -> int:
    texts = rulebook_texts(default_rulebook())
    for language in LANGUAGES:
        catalogue = _catalogue(language)
        held = {entry.msgid: entry for entry in catalogue}
        added = 0
        for text, places in texts.items():
            entry = held.get(text)
            occurrences = [(place, "") for place in places[:5]]
            if entry is None:
                catalogue.append(polib.POEntry(msgid=text, msgstr="", occurrences=occurrences))
                added += 1
            else:
                entry.obsolete = False
                entry.occurrences = occurrences
        for entry in catalogue:
            if entry.msgid and entry.msgid not in texts:
                entry.obsolete = True
        _save(catalogue, language)
        print(f"{language}: {added} texts added, {len(texts)} in the rulebook")
    return 0


def check() -> int:
    texts = rulebook_texts(default_rulebook())
    problems = []
    for language in LANGUAGES:
        held = {entry.msgid: entry for entry in _catalogue(language) if not entry.obsolete}
        for text, places in texts.items():
            entry = held.get(text)
            found = "not in the catalogue" if entry is None else problem(text, entry.msgstr)
            if entry is not None and found is None and "fuzzy" in entry.flags:
                found = "marked fuzzy (to be reviewed)"
            if found is not None:
                problems.append(f"{catalogue_path(language)}: {places[0]}: {found}: {text[:70]!r}")
    for line in problems[:50]:
        print(line, file=sys.stderr)
    if problems:
        print(
            f"{len(problems)} rulebook texts lack a translation (rulebook_catalogue.py)",
            file=sys.stderr,
        )
        return 1
    print(f"every rulebook text people read is translated in {', '.join(LANGUAGES)} ({len(texts)} texts)")
    return 0


def export(language: str, path: Path) -> int:
    catalogue = _catalogue(language)
    wanted = {
        entry.msgid: "" for entry in catalogue if entry.msgid and not entry.obsolete and not entry.msgstr
    }
    path.write_text(json.dumps(wanted, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(wanted)} texts to translate into {language}: {path}")
    return 0


def import_(language: str, path: Path) -> int:
    try:
        given = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"{path}: {error}", file=sys.stderr)
        return 2
    if not isinstance(given, dict) or not all(isinstance(v, str) for v in given.values()):
        print(f'{path}: expected {{"English": "translation"}}', file=sys.stderr)
        return 2
    catalogue = _catalogue(language)
    held = {entry.msgid: entry for entry in catalogue if not entry.obsolete}
    wrong = [f"{path}: {text[:60]!r}: {found}" for text, said in given.items() if said
             and (found := "not a rulebook text" if text not in held else problem(text, said))]  # fmt: skip
    if wrong:
        print("\n".join(wrong), file=sys.stderr)
        return 1
    filled = 0
    for text, said in given.items():
        if said:
            held[text].msgstr = said
            filled += 1
    _save(catalogue, language)
    print(f"{language}: {filled} translations imported from {path}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--export", nargs=2, metavar=("LANGUAGE", "FILE"))
    parser.add_argument("--import", dest="import_", nargs=2, metavar=("LANGUAGE", "FILE"))
    args = parser.parse_args()
    if args.check:
        return check()
    if args.export:
        return export(args.export[0], Path(args.export[1]))
    if args.import_:
        return import_(args.import_[0], Path(args.import_[1]))
    return update()


if __name__ == "__main__":
    sys.exit(main())
