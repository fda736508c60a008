"""The bundled catalogue copied into the database: what ``demo`` (and so ``make run``) loads.

Each record is written only when its document changed, and each write is audited, so running it twice
changes nothing the second time. A listing a host or curator took over (``origin`` not ``catalogue``)
is never overwritten.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from imgpath.finder import Listings, load_catalogue
from imgpath.web.opportunities.models import (
    Listing,
    ListingChange,
    OrganisationRecord,
    Origin,
    StoryRecord,
    record_change,
)


@dataclass(frozen=True, slots=True)
class Loaded:
    written: int
    unchanged: int


def _kept(record: Any, write: Callable[[Any], None], item: Any) -> tuple[bool, dict[str, Any] | None]:
    """Write the record's document; save it only if that changed it. Returns (saved, the document before)."""
    before = record.document if record.pk else None
    write(item)
    if before == record.document:
        return False, before
    record.save()
    return True, before


@transaction.atomic
def load_listings(catalogue: Listings | None = None) -> Loaded:
    """Copy ``catalogue`` (default: the bundled one) into the database; all or nothing."""
    catalogue = catalogue if catalogue is not None else load_catalogue()
    saved: list[bool] = []
    for organisation in catalogue.organisations:
        record = OrganisationRecord.objects.filter(slug=organisation.id).first() or OrganisationRecord()
        saved.append(_kept(record, record.set_organisation, organisation)[0])
    for story in catalogue.stories:
        told = StoryRecord.objects.filter(slug=story.id).first() or StoryRecord()
        saved.append(_kept(told, told.set_story, story)[0])
    for opportunity in catalogue.opportunities:
        listing = Listing.objects.filter(slug=opportunity.id).first() or Listing()
        if listing.pk and listing.origin != Origin.catalogue:
            saved.append(False)  # a host or curator took it over
            continue
        changed, before = _kept(listing, listing.set_opportunity, opportunity)
        if changed:
            record_change(listing, ListingChange.Action.loaded, before=before, note="bundled catalogue")
        saved.append(changed)
    return Loaded(written=sum(saved), unchanged=len(saved) - sum(saved))
