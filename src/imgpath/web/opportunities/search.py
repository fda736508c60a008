"""Search over the database's listings: the finder's ``Filters``, ordered by fit for one profile.

The published listings' search columns are held in memory as arrays (``index.py``, rebuilt when a
listing is written); every filter is a mask over them, words too (each word of the query as a word
or the start of one in the title, summary, host or place: the ids SQLite's FTS5 or PostgreSQL's
full-text index gives for them, ``fulltext.py``).
The order is the finder's own (``rank_key`` of ``judge``), computed without judging each listing:
each distinct requirement set among the candidates is judged once (remembered per profile and day),
and the worst of that set's verdict and the listing's own parts (status, window, visas, as
``listing_parts``), then freshness, the preferred states, the next deadline and the title make one
int per listing. The page is the smallest of those ints; only its listings are read and judged in
full, for their reasons. The pages and the API call ``search`` only.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
from django.db.models import Min

from imgpath.engine import Facts, RequirementSet, Verdict, evaluate_requirements, requirement_set
from imgpath.finder import (
    HIDDEN_AFTER_DAYS,
    STALE_AFTER_DAYS,
    VISA_OF_STATUS,
    WORK_AUTHORISED,
    Filters,
    Fit,
    Opportunity,
    freshness,
    judge,
    query_words,
    why,
)
from imgpath.messages import Message
from imgpath.web.opportunities.index import ListingIndex, Mask, current
from imgpath.web.opportunities.index import published as published  # hosting lists the same listings
from imgpath.web.opportunities.models import Listing

if TYPE_CHECKING:
    from imgpath.web.opportunities.index import Ints

PER_PAGE = 20
ELIGIBLE, NOT_YET, UNKNOWN = Verdict.eligible.rank, Verdict.not_yet.rank, Verdict.unknown.rank
NEEDS_STEPS, NOT_ELIGIBLE = Verdict.needs_steps.rank, Verdict.not_eligible.rank
DEADLINE_BITS = 22
"""``date.max.toordinal()`` < 2**22: the next closing day's place in the sort key."""


@dataclass(frozen=True, slots=True)
class Hit:
    """One listing on a results page: its record, and its fit when a profile was given."""

    listing: Listing
    opportunity: Opportunity
    fit: Fit | None
    why: tuple[Message, ...] = ()
    freshness: str = "fresh"
    """``fresh``, or ``stale`` (not verified for 180 days: pages mark it); hidden ones are left out."""


@dataclass(frozen=True, slots=True)
class Page:
    hits: list[Hit]
    total: int
    """Listings passing the filters (an estimate when ``estimated``)."""
    number: int = 1
    per_page: int = PER_PAGE
    estimated: bool = False
    left_out_unknown_cost: int = 0
    hidden: int = 0
    extra: dict[str, int] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def filtered(index: ListingIndex, filters: Filters) -> Mask:
    """The listings passing every filter but the cost and freshness (counted apart)."""
    mask = np.ones(index.size, dtype=np.bool_)
    if filters.kinds:
        mask &= index.is_value("kind", index.kinds, index.kind, [k.value for k in filters.kinds])
    if filters.state is not None:  # a listing open anywhere, remotely, is in every state
        anywhere = index.remote & index.is_value("state", index.states, index.state, [""])
        mask &= index.is_value("state", index.states, index.state, [filters.state]) | anywhere
    if filters.remote is not None:
        mask &= index.remote == filters.remote
    if filters.specialty is not None:  # no specialties: any
        mask &= index.in_specialty(filters.specialty)
    if filters.hands_on is not None:
        mask &= index.hands_on == int(filters.hands_on)
    if filters.visa is not None:
        mask &= index.accepts(filters.visa)
    if filters.deadline_after is not None:  # a yearly window always comes round again
        mask &= index.closes >= filters.deadline_after.toordinal()
    for word in query_words(filters.query):
        mask &= index.holding(word)
    return mask


_SETS: dict[str, RequirementSet] = {}
"""Requirement sets by ``requirements_key``, read once per process from a listing holding each."""
MAX_SETS = 4096


def requirement_sets(keys: set[str]) -> dict[str, RequirementSet]:
    """The compiled requirement set of each key (one listing's document read per key not yet seen)."""
    missing = keys - _SETS.keys()
    if missing:
        if len(_SETS) + len(missing) > MAX_SETS:
            _SETS.clear()
            missing = set(keys)
        first = (
            Listing.objects.filter(requirements_key__in=missing)
            .values("requirements_key")
            .annotate(m=Min("pk"))
        )
        for key, document in Listing.objects.filter(pk__in=first.values("m")).values_list(
            "requirements_key", "document"
        ):
            _SETS[key] = requirement_set(Opportunity.model_validate(document).requirements)
    return {key: _SETS[key] for key in keys}


_RANKS: OrderedDict[tuple[str, str], int] = OrderedDict()
"""Requirement verdict ranks by profile and set: a person refining a search is judged once per set."""
MAX_RANKS = 100_000


def _fingerprint(facts: Facts) -> str:
    """What a requirement verdict depends on: the profile, the day and the rulebook."""
    return f"{id(facts.rulebook)}|{facts.as_of}|{facts.profile.model_dump_json()}"


def requirement_ranks(sets: dict[str, RequirementSet], facts: Facts) -> dict[str, int]:
    """Each set's verdict rank for the person (remembered per process for the same profile and day)."""
    who = _fingerprint(facts)
    ranks: dict[str, int] = {}
    for key, found in sets.items():
        rank = _RANKS.get((who, key))
        if rank is None:
            rank = _RANKS[(who, key)] = evaluate_requirements(found, facts).verdict.rank
            if len(_RANKS) > MAX_RANKS:
                _RANKS.popitem(last=False)
        ranks[key] = rank
    return ranks


def forget_ranks() -> None:
    """Drop the remembered verdict ranks (the rulebook changed; benchmarks measuring cold searches)."""
    _RANKS.clear()


def listing_ranks(index: ListingIndex, rows: Ints, facts: Facts, today: date) -> Ints:
    """The verdict rank of each listing in ``rows``, as ``judge`` gives it: the worst of its
    requirement set's verdict and its own parts (status, window, visas; ``listing_parts``)."""
    sets = index.requirements[rows]
    present = np.unique(sets)
    keys = {int(code): index.set_keys[code] for code in present}
    ranks = requirement_ranks(requirement_sets(set(keys.values())), facts)
    by_set = np.zeros(len(index.set_keys), dtype=np.int64)
    for code, key in keys.items():
        by_set[code] = ranks[key]
    rank = by_set[sets]
    day = today.toordinal()
    window = index.windows(today)
    closed = index.is_value("status", index.statuses, index.status, ["closed"])[rows]
    expired = index.is_value("status", index.statuses, index.status, ["expired"])[rows]
    own = np.where(
        window.closes[rows] < day,
        NOT_ELIGIBLE,
        np.where(window.opens[rows] > day, NOT_YET, np.where(closed, UNKNOWN, ELIGIBLE)),
    )
    own = np.maximum(own, np.where(expired, NOT_ELIGIBLE, ELIGIBLE))
    return np.maximum(np.maximum(rank, own), visa_ranks(index, rows, facts))


def visa_ranks(index: ListingIndex, rows: Ints, facts: Facts) -> Ints:
    """The visa part, as the finder's: someone abroad or on a visa needs one the host accepts."""
    immigration = facts.profile.immigration
    status = immigration.status if immigration is not None else None
    if status in WORK_AUTHORISED:
        return np.zeros(len(rows), dtype=np.int64)
    funding = index.is_value("kind", index.kinds, index.kind, ["funding"])
    none_needed = (index.remote | funding)[rows]
    if status is None:
        return np.where(none_needed, ELIGIBLE, UNKNOWN).astype(np.int64)
    held = VISA_OF_STATUS.get(status)
    accepted = index.accepts(held)[rows] if held is not None else np.zeros(len(rows), dtype=np.bool_)
    unsaid = index.visas_unsaid()[rows]
    refused = index.visas_none()[rows] & (index.sponsors[rows] != 1)
    rank = np.where(unsaid, UNKNOWN, np.where(refused, NOT_ELIGIBLE, NEEDS_STEPS))
    return np.where(none_needed | accepted, ELIGIBLE, rank).astype(np.int64)


def order_keys(index: ListingIndex, rows: Ints, facts: Facts, today: date) -> Ints:
    """``rank_key`` of each listing in ``rows`` as one int: verdict, stale, away from the preferred
    states, next closing day, title (ties by ``pk``, within the title's place)."""
    day = today.toordinal()
    stale = index.verified[rows] < day - STALE_AFTER_DAYS
    preferences = facts.profile.preferences
    states = [s for s in preferences.states if s] if preferences is not None else []
    near = index.remote | index.is_value("state", index.states, index.state, states)
    key = listing_ranks(index, rows, facts, today) * 2 + stale
    key = key * 2 + ~near[rows]
    key = (key << DEADLINE_BITS) | index.windows(today).closes[rows]
    return (key << index.title_bits) | index.title[rows]


def first(keys: Ints, start: int, stop: int) -> Ints:
    """The places of the ``start``-th to ``stop``-th smallest keys, smallest first."""
    stop = min(stop, len(keys))
    if start >= stop:
        return np.empty(0, dtype=np.int64)
    chosen = np.argpartition(keys, stop - 1)[:stop] if stop < len(keys) else np.arange(len(keys))
    return chosen[np.argsort(keys[chosen])][start:stop]


def search(
    filters: Filters, facts: Facts | None, today: date, page: int = 1, per_page: int = PER_PAGE
) -> Page:
    """The published listings passing ``filters``; with ``facts``, best fit first and why.

    The order and the counts are ``imgpath.finder.find``'s over the same listings."""
    index = current()
    rows = filtered(index, filters)
    day = today.toordinal()
    visible = index.verified >= day - HIDDEN_AFTER_DAYS
    cost_ok = index.cost <= filters.cost_at_most if filters.cost_at_most is not None else None
    passing = rows & cost_ok if cost_ok is not None else rows
    hidden = 0 if filters.include_hidden else int(np.count_nonzero(passing & ~visible))
    kept = passing if filters.include_hidden else passing & visible
    left_out = 0
    if cost_ok is not None:
        unknown = rows & np.isnan(index.cost)
        left_out = int(np.count_nonzero(unknown if filters.include_hidden else unknown & visible))
    candidates = np.flatnonzero(kept)
    start = (page - 1) * per_page
    keys = index.title[candidates] if facts is None else order_keys(index, candidates, facts, today)
    ids = index.pk[candidates[first(keys, start, start + per_page)]].tolist()
    by_id = Listing.objects.in_bulk(ids)
    hits: list[Hit] = []
    for listing in (by_id[pk] for pk in ids if pk in by_id):
        opportunity = listing.opportunity
        if facts is None:
            hits.append(Hit(listing, opportunity, None, freshness=freshness(listing.last_verified, today)))
            continue
        fit = judge(opportunity, facts, today)
        hits.append(Hit(listing, opportunity, fit, why(fit, facts), fit.freshness))
    return Page(hits, len(candidates), page, per_page, False, left_out, hidden)
