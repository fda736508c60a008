"""Compile the web's message catalogues (``locale/*/LC_MESSAGES/*.po`` to ``.mo``) with polib.

Compiled catalogues are generated, not committed, and a fresh machine may lack GNU gettext: polib
writes the same GNU ``.mo`` files as ``msgfmt`` (contexts and plural forms included, fuzzy, obsolete
and untranslated entries left out so English shows instead). ``make run`` and ``make test`` run
``python -m imgpath.web.catalogues --stale``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

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


def main() -> None:
    for mo in compile_all(only_stale="--stale" in sys.argv[1:]):
        print(f"compiled {mo}")


if __name__ == "__main__":
    main()
