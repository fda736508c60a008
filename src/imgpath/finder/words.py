"""Words as search matches them, the same in ``imgpath find`` and on the web: letters and digits,
casefolded, accents off; a query word matches a listing's word or the start of one."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

WORD = re.compile(r"[^\W_]+")
MAX_QUERY_WORDS = 16
"""Query words kept: a query is a few words; a pasted page must not become a huge search."""


def words(text: str | None) -> list[str]:
    """The words of ``text``: letters and digits, casefolded, without accents."""
    if not text:
        return []
    folded = text.casefold()
    if not folded.isascii():
        folded = "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
    return WORD.findall(folded)


def document(*fields: str | None) -> str:
    """The distinct words of these fields, space-separated (what the web's full-text index holds)."""
    return " ".join(dict.fromkeys(w for field in fields for w in words(field)))


def query_words(query: str | None) -> tuple[str, ...]:
    """The distinct words of a query, in order, at most ``MAX_QUERY_WORDS``."""
    return tuple(dict.fromkeys(words(query)))[:MAX_QUERY_WORDS]


def holds_all(held: Iterable[str], wanted: Iterable[str]) -> bool:
    """Whether each wanted word is one of ``held`` or the start of one."""
    kept = list(held)
    return all(any(word.startswith(w) for word in kept) for w in wanted)
