"""Search over the database's listings: the finder's ``Filters``, ordered by fit for one profile.

A first, plain version: filters in SQL on the derived columns, then every candidate judged in
Python. The pages and the API call ``search`` only; how it gets there fast is this module's business.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from imgpath.engine import Facts
from imgpath.finder import Filters, Fit, Opportunity, find, freshness, matches
from imgpath.messages import Message
from imgpath.web.opportunities.models import Listing, Review

if TYPE_CHECKING:
    from django.db.models import QuerySet

PER_PAGE = 20


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


def published() -> QuerySet[Listing]:
    return Listing.objects.filter(review=Review.published).exclude(status="withdrawn")


def search(
    filters: Filters, facts: Facts | None, today: date, page: int = 1, per_page: int = PER_PAGE
) -> Page:
    """The published listings passing ``filters``; with ``facts``, best fit first and why."""
    rows = published()
    if filters.kinds:
        rows = rows.filter(kind__in=[k.value for k in filters.kinds])
    if filters.remote is not None:
        rows = rows.filter(remote=filters.remote)
    listings = {listing.slug: listing for listing in rows}
    opportunities = [listing.opportunity for listing in listings.values()]
    start = (page - 1) * per_page
    if facts is not None:
        results = find(opportunities, facts, filters, today)
        hits = [
            Hit(listings[f.fit.opportunity.id], f.fit.opportunity, f.fit, f.why, f.fit.freshness)
            for f in results.found[start : start + per_page]
        ]
        return Page(hits, results.total, page, per_page, False, results.left_out_unknown_cost, results.hidden)
    kept = [
        o
        for o in opportunities
        if matches(o, filters, today)
        and (filters.include_hidden or freshness(o.last_verified, today) != "hidden")
    ]
    kept.sort(key=lambda o: o.title.casefold())
    hits = [
        Hit(listings[o.id], o, None, freshness=freshness(o.last_verified, today))
        for o in kept[start : start + per_page]
    ]
    return Page(hits, len(kept), page, per_page)
