"""The bundled catalogue copied into the database: what ``demo`` (and so ``make run``) loads.

Each record is written only when its document changed, and each write is audited, so running it twice
changes nothing the second time. A listing a host or curator took over (``origin`` not ``catalogue``)
is never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@transaction.atomic
def load_listings(catalogue: Listings | None = None) -> Loaded:
    """Copy ``catalogue`` (default: the bundled one) into the database; all or nothing."""
    catalogue = catalogue if catalogue is not None else load_catalogue()
    written = unchanged = 0
    for organisation in catalogue.organisations:
        record = OrganisationRecord.objects.filter(slug=organisation.id).first() or OrganisationRecord()
        before = record.document if record.pk else None
        record.set_organisation(organisation)
        if before == record.document:
            unchanged += 1
            continue
        record.save()
        written += 1
    for story in catalogue.stories:
        story_record = StoryRecord.objects.filter(slug=story.id).first() or StoryRecord()
        before = story_record.document if story_record.pk else None
        story_record.set_story(story)
        if before == story_record.document:
            unchanged += 1
            continue
        story_record.save()
        written += 1
    for opportunity in catalogue.opportunities:
        listing = Listing.objects.filter(slug=opportunity.id).first() or Listing()
        if listing.pk and listing.origin != Origin.catalogue:
            unchanged += 1
            continue
        before = listing.document if listing.pk else None
        listing.set_opportunity(opportunity)
        if before == listing.document:
            unchanged += 1
            continue
        listing.save()
        record_change(listing, ListingChange.Action.loaded, before=before, note="bundled catalogue")
        written += 1
    return Loaded(written, unchanged)
