"""What hosts and curators do to a listing, each change kept in the audit trail (who, when, before
and after): a host's post or edit goes to the curators (``pending``), a curator approves or rejects,
a host verifies or withdraws. Views and the admin call these; none of them writes a listing alone."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from imgpath.finder import ListingStatus, Opportunity
from imgpath.web.hosting.models import HOSTS_GROUP
from imgpath.web.opportunities.models import Listing, ListingChange, Origin, Review, record_change


def is_host(user: Any) -> bool:
    """Whether the account has the host role (the ``hosts`` group)."""
    return bool(user.is_authenticated and user.groups.filter(name=HOSTS_GROUP).exists())


def _record(
    listing: Listing, action: str, who: Any, before: dict[str, Any] | None, was: str | None, note: str = ""
) -> None:
    """One audit row: the documents before and after (as ``record_change`` keeps them), and in the
    note any move of the listing's review (``review: pending -> published``)."""
    moved = f"review: {was} -> {listing.review}" if was is not None and was != listing.review else ""
    record_change(listing, action, who=who, before=before, note="; ".join(filter(None, (note, moved))))


@transaction.atomic
def submit(opportunity: Opportunity, host: Any, listing: Listing | None = None) -> Listing:
    """A host's new or edited listing: written, and waiting for a curator (``pending``)."""
    was: str | None = None
    if listing is None:
        listing = Listing(origin=Origin.host, owner=host)
        before = None
        action = ListingChange.Action.created
    else:
        before, was = listing.document, listing.review
        action = ListingChange.Action.updated
    listing.set_opportunity(opportunity)
    listing.review = Review.pending
    listing.save()
    _record(listing, action, host, before, was, note="submitted for review")
    return listing


def _with_document(listing: Listing, **changes: Any) -> Opportunity:
    return Opportunity.model_validate({**listing.document, **changes})


@transaction.atomic
def verify(listing: Listing, who: Any, today: date) -> None:
    """The host checked the listing against its source today: fresh again, its review unchanged."""
    before = listing.document
    listing.set_opportunity(_with_document(listing, last_verified=today.isoformat()))
    listing.save()
    _record(listing, ListingChange.Action.verified, who, before, None)


@transaction.atomic
def withdraw(listing: Listing, who: Any) -> None:
    """Taken down by its host: no longer searched, kept for the record."""
    before = listing.document
    listing.set_opportunity(_with_document(listing, status=ListingStatus.withdrawn.value))
    listing.save()
    _record(listing, ListingChange.Action.withdrawn, who, before, None)


@transaction.atomic
def decide(listing: Listing, who: Any, approve: bool, note: str = "") -> bool:
    """A curator's decision; False (and nothing written) when the listing already stands so."""
    review = Review.published if approve else Review.rejected
    if listing.review == review:
        return False
    was = listing.review
    listing.review = review
    listing.save(update_fields=["review", "updated"])
    action = ListingChange.Action.approved if approve else ListingChange.Action.rejected
    _record(listing, action, who, listing.document, was, note)
    return True


@transaction.atomic
def curator_edit(listing: Listing, opportunity: Opportunity, who: Any, review: str | None = None) -> None:
    """A curator's own edit of the document (from the admin): audited like a host's, not re-reviewed."""
    before = listing.document if listing.pk else None
    was = listing.review if listing.pk else None
    listing.set_opportunity(opportunity)
    if review is not None:
        listing.review = review
    listing.save()
    action = ListingChange.Action.updated if before else ListingChange.Action.created
    _record(listing, action, who, before, was, note="edited by a curator")
