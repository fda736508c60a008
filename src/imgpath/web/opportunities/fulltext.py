"""Words in listings, found by the database's own full-text index: SQLite FTS5 by default,
PostgreSQL full-text search in production (migration 0004 builds both).

A listing's words (title, summary, host, city, state) are folded once, by ``imgpath.finder.words``
(case and accents off, letters and digits only, as ``imgpath find`` matches them); ``Listing.save``
stores them, space-separated, in the ``words`` column, and the database indexes that column as it
is: FTS5's ``unicode61`` tokenizer and PostgreSQL's ``simple`` configuration then split on the spaces
alone, so both databases match the same words, and neither needs an accent-folding extension. A
query word matches a listing's word or its start (``word*`` in FTS5, ``word:*`` in ``tsquery``);
every query word must match. Each word is asked for apart, so the search index can keep what each
word found until the next write.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from django.db import connection
from django.db.models import Q

from imgpath.finder import WORD
from imgpath.web.opportunities.models import Listing

TABLE = "opportunities_listing"
FTS_TABLE = "opportunities_listing_fts"
PG_WORDS = "opportunities_listing_words"
"""PostgreSQL: each listing's ``tsvector`` of its words, with the GIN index (migration 0004)."""


def matching(word: str) -> npt.NDArray[np.int64]:
    """The ids (ascending) of every listing, whatever its review, holding ``word`` (folded, as
    ``imgpath.finder.words`` gives it) as a word or a word's start; through the full-text index,
    in one statement whose answer is one string of ids (a row per listing costs more than the search)."""
    if not WORD.fullmatch(word) or word != word.casefold():
        raise ValueError(f"not a folded word: {word!r}")
    vendor = connection.vendor
    if vendor == "sqlite":
        sql = f"SELECT group_concat(rowid) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
        param = f'"{word}"*'
    elif vendor == "postgresql":
        sql = f"SELECT string_agg(id::text, ',') FROM {PG_WORDS} WHERE words @@ to_tsquery('simple', %s)"
        param = f"{word}:*"
    else:  # no full-text index (migration 0004 builds none): the stored words, through the ORM
        starts = Q(words__startswith=word) | Q(words__contains=f" {word}")
        return np.fromiter(
            Listing.objects.filter(starts).order_by("pk").values_list("pk", flat=True), np.int64
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, [param])
        found = cursor.fetchone()[0]
    ids = np.fromstring(found, dtype=np.int64, sep=",") if found else np.empty(0, dtype=np.int64)
    ids.sort()
    return ids
