"""The published listings held in memory as columns (numpy arrays), for search to filter and rank.

One array per column ``Listing.set_opportunity`` derives, one entry per published listing in ``pk``
order, read with ONE query of those columns (never the JSON documents). Strings that search only
compares for equality (kind, state, status, the visa and specialty lists, the yearly window, the
requirement set key) are interned: each array holds a small int naming the distinct value. Titles
are held as their place in the finder's title order (casefolded, by code point, as Python sorts),
ties by ``pk``, so a sort by title is a sort of ints. Words are not held here: the database's
full-text index finds them (``fulltext.matching``), and the ids it gives become a mask, kept for
the index's life (a person refining a search asks for the same words again).

Freshness: ``current()`` reads the database's count of writes to the listings (one row, kept by
the triggers of migration 0003, so a save, ``bulk_create``, ``QuerySet.update`` or another process's
write all count) on every search, and rebuilds when it moved or when this process saved or deleted
a listing (signals). A rolled-back write rolls the count back too: an index built inside that
transaction is only trusted again after ``forget()`` (the tests call it before each test).

What depends on the day (the next window of each yearly window) is derived per ``today`` and
remembered for the last few days asked.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from django.db import connection
from django.db.models import Count, Max
from django.db.models.signals import post_delete, post_save

from imgpath.finder import Application, next_window
from imgpath.web.opportunities.fulltext import matching
from imgpath.web.opportunities.models import Listing, Review

if TYPE_CHECKING:
    from django.db.models import QuerySet

Mask = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]
Codes = npt.NDArray[np.int32]
Small = npt.NDArray[np.int8]

NO_START = 0
"""The ordinal of an open start (before every day)."""
NO_END = date.max.toordinal()
"""The ordinal of an open end: ``date.max``, as ``rank_key`` sorts a window with no closing day."""
COLUMNS = (
    "pk", "kind", "state", "remote", "hands_on", "status", "cost_usd", "last_verified", "opens", "closes",
    "yearly", "visas", "sponsors_visa", "specialties", "requirements_key", "sort_title",
)  # fmt: skip
DAYS_KEPT = 4
MASKS_KEPT = 512


def published() -> QuerySet[Listing]:
    """The listings search sees: published, not withdrawn."""
    return Listing.objects.filter(review=Review.published).exclude(status="withdrawn")


def _intern(values: Iterable[Hashable], count: int) -> tuple[list[Any], Codes]:
    """The distinct values (in first-seen order) and each entry's place among them."""
    table: dict[Any, int] = {}
    codes = np.fromiter((table.setdefault(v, len(table)) for v in values), dtype=np.int32, count=count)
    return list(table), codes


def _tristate(values: Iterable[bool | None], count: int) -> Small:
    """``None`` as -1, ``False`` as 0, ``True`` as 1."""
    return np.fromiter((-1 if v is None else int(v) for v in values), dtype=np.int8, count=count)


def _ordinals(values: Iterable[date | None], count: int, missing: int) -> Ints:
    return np.fromiter((missing if v is None else v.toordinal() for v in values), dtype=np.int64, count=count)


@dataclass(frozen=True, slots=True)
class Windows:
    """Each listing's window for one day, as ``next_window`` gives it: first and last day (ordinals)."""

    opens: Ints
    closes: Ints


class ListingIndex:
    """The published listings' search columns, as arrays; built by ``current()``."""

    def __init__(self, rows: list[tuple[Any, ...]], version: Hashable) -> None:
        self.version = version
        n = self.size = len(rows)
        columns: list[tuple[Any, ...]] = list(zip(*rows, strict=True)) if rows else [()] * len(COLUMNS)
        (pk, kind, state, remote, hands_on, status, cost, verified, opens, closes, yearly, visas, sponsors,
         specialties, requirements, titles) = columns  # fmt: skip
        self.pk: Ints = np.fromiter(pk, dtype=np.int64, count=n)
        self.kinds, self.kind = _intern(kind, n)
        self.states, self.state = _intern(state, n)
        self.remote: Mask = np.fromiter(remote, dtype=np.bool_, count=n)
        self.hands_on = _tristate(hands_on, n)
        self.statuses, self.status = _intern(status, n)
        self.cost: npt.NDArray[np.float64] = np.fromiter(
            (np.nan if c is None else c for c in cost), dtype=np.float64, count=n
        )
        self.verified = _ordinals(verified, n, NO_START)
        self.opens = _ordinals(opens, n, NO_START)
        """The dated window's first day (``NO_START`` when yearly or open)."""
        self.closes = _ordinals(closes, n, NO_END)
        """The dated deadline (``NO_END`` when yearly or open)."""
        self.yearlies, self.yearly = _intern(yearly, n)
        self.visa_lists, self.visas = _intern(visas, n)
        self.sponsors = _tristate(sponsors, n)
        self.specialty_lists, self.specialties = _intern(specialties, n)
        self.set_keys, self.requirements = _intern(requirements, n)
        order = sorted(range(n), key=titles.__getitem__)  # stable: equal titles keep pk order
        self.title: Ints = np.empty(n, dtype=np.int64)
        self.title[np.asarray(order, dtype=np.int64)] = np.arange(n, dtype=np.int64)
        self.title_bits = max(1, n.bit_length())
        self._masks: dict[tuple[str, str], Mask] = {}
        self._days: OrderedDict[date, Windows] = OrderedDict()
        self._lock = threading.Lock()

    def code(self, values: list[Any], value: Any) -> int:
        """The code of ``value`` among ``values`` (-1: no listing has it)."""
        try:
            return values.index(value)
        except ValueError:
            return -1

    def _lookup(self, name: str, value: str, codes: Codes, table: list[bool]) -> Mask:
        key = (name, value)
        found = self._masks.get(key)
        if found is None:
            found = self._masks[key] = np.asarray(table, dtype=np.bool_)[codes]
        return found

    def in_specialty(self, specialty: str) -> Mask:
        """Listings for ``specialty`` or for any (none named), as the finder filters."""
        wanted = f"|{specialty}|"
        table = [s == "" or wanted in s for s in self.specialty_lists]
        return self._lookup("specialty", specialty, self.specialties, table)

    def accepts(self, visa: str) -> Mask:
        """Listings whose accepted visas include ``visa``."""
        wanted = f"|{visa}|"
        table = [v is not None and wanted in v for v in self.visa_lists]
        return self._lookup("visa", visa, self.visas, table)

    def visas_unsaid(self) -> Mask:
        return self._lookup("visa", "", self.visas, [v is None for v in self.visa_lists])

    def visas_none(self) -> Mask:
        return self._lookup("visa", "|", self.visas, [v == "|" for v in self.visa_lists])

    def is_value(self, name: str, values: list[Any], codes: Codes, wanted: Iterable[Any]) -> Mask:
        """Listings whose interned column is one of ``wanted``."""
        chosen = sorted({self.code(values, w) for w in wanted} - {-1})
        key = (name, "|".join(map(str, chosen)))
        found = self._masks.get(key)
        if found is None:
            found = self._masks[key] = np.isin(codes, chosen)
        return found

    def holding(self, word: str) -> Mask:
        """Listings holding ``word`` (or a word starting so), as the database's full-text index
        finds them; kept until the next write (a person refining a search asks again)."""
        key = ("word", word)
        found = self._masks.get(key)
        if found is None:
            ids = matching(word)
            places = np.searchsorted(self.pk, ids)
            inside = places < self.size
            places = places[inside]
            found = np.zeros(self.size, dtype=np.bool_)
            found[places[self.pk[places] == ids[inside]]] = True  # drafts and withdrawn ones are not here
            with self._lock:
                if len(self._masks) > MASKS_KEPT:
                    self._masks.clear()
                self._masks[key] = found
        return found

    def forget_words(self) -> None:
        """Drop the masks of words found (benchmarks timing the full-text index itself)."""
        with self._lock:
            for key in [k for k in self._masks if k[0] == "word"]:
                del self._masks[key]

    def windows(self, today: date) -> Windows:
        """Each listing's window on ``today``: dated ones as stored, yearly ones come round again."""
        with self._lock:
            found = self._days.get(today)
            if found is not None:
                self._days.move_to_end(today)
                return found
        opens = np.empty(len(self.yearlies), dtype=np.int64)
        closes = np.empty(len(self.yearlies), dtype=np.int64)
        dated = np.zeros(len(self.yearlies), dtype=np.bool_)
        for code, yearly in enumerate(self.yearlies):
            if not yearly:
                dated[code] = True
                continue
            first, last = yearly.split("|")
            window = next_window(Application(yearly_opens=first or None, yearly_closes=last or None), today)
            start = window.opens if window is not None else None
            end = window.closes if window is not None else None
            opens[code] = NO_START if start is None else start.toordinal()
            closes[code] = NO_END if end is None else end.toordinal()
        is_dated = dated[self.yearly]
        found = Windows(
            np.where(is_dated, self.opens, opens[self.yearly]),
            np.where(is_dated, self.closes, closes[self.yearly]),
        )
        with self._lock:
            self._days[today] = found
            while len(self._days) > DAYS_KEPT:
                self._days.popitem(last=False)
        return found


_build_lock = threading.Lock()
_current: ListingIndex | None = None
_generation = 0
"""Bumped when this process saves or deletes a listing, so its own next search rebuilds."""


def _changed(**_: Any) -> None:
    global _generation
    _generation += 1


post_save.connect(_changed, sender=Listing, dispatch_uid="opportunities.index.saved")
post_delete.connect(_changed, sender=Listing, dispatch_uid="opportunities.index.deleted")


def version() -> tuple[Any, ...]:
    """What the index must be rebuilt for: the database's count of writes to the listings
    (migration 0003), and this process's own saves and deletes."""
    if connection.vendor in ("sqlite", "postgresql"):
        with connection.cursor() as cursor:
            cursor.execute("SELECT writes FROM opportunities_listing_changes WHERE id = 1")
            row = cursor.fetchone()
        return (row[0] if row else None, _generation)
    found = Listing.objects.order_by().aggregate(latest=Max("updated"), count=Count("pk"))
    return found["latest"], found["count"], _generation


def build(at: Hashable = None) -> ListingIndex:
    """The index of the published listings now (one query of the derived columns)."""
    rows = list(published().order_by("pk").values_list(*COLUMNS))
    return ListingIndex(rows, at)


def current() -> ListingIndex:
    """The index of the published listings, rebuilt when they changed since it was built."""
    global _current
    now = version()
    index = _current
    if index is not None and index.version == now:
        return index
    with _build_lock:
        index = _current
        if index is None or index.version != now:
            index = _current = build(now)
    return index


def forget() -> None:
    """Drop the index (a change made behind ``save``'s back; tests; benchmarks timing a build)."""
    global _current
    _current = None
