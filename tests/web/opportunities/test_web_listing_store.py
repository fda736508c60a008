"""The bundled catalogue copied into the database: derived columns, audit, running twice."""

from __future__ import annotations

from typing import Any

import pytest

from imgpath.finder import Listings
from imgpath.web.opportunities.catalogue import load_listings
from imgpath.web.opportunities.models import Listing, ListingChange, Origin
from listing_data import demo_listing

pytestmark = pytest.mark.django_db


def catalogue(**changes: Any) -> Listings:
    opportunity = (
        demo_listing(
            id="demo-research-post",
            kind="research_position",
            title="Demo research post",
            host={"name": "Demo University"},
            place={"state": "MN", "city": "Rochester"},
            cost={"application_fee": {"usd": 50}},
        )
        | changes
    )
    return Listings.model_validate({"opportunities": [opportunity]})


def test_columns_are_derived_from_the_document_and_unknown_cost_stays_unknown() -> None:
    load_listings(catalogue(cost={}))
    listing = Listing.objects.get(slug="demo-research-post")
    assert (listing.kind, listing.state, listing.cost_usd) == ("research_position", "MN", None)
    assert listing.opportunity.place.city == "Rochester"


def test_loading_twice_changes_nothing_and_each_write_is_audited() -> None:
    assert load_listings(catalogue()).written == 1
    assert load_listings(catalogue()).written == 0
    load_listings(catalogue(title="Demo research post, renamed"))
    changes = list(ListingChange.objects.filter(listing__slug="demo-research-post").order_by("pk"))
    assert [c.action for c in changes] == ["loaded", "loaded"]
    assert changes[-1].before is not None
    assert changes[-1].before["title"] == "Demo research post"


def test_a_listing_a_host_took_over_is_not_overwritten_by_the_catalogue() -> None:
    load_listings(catalogue())
    Listing.objects.filter(slug="demo-research-post").update(origin=Origin.host, title="Kept by its host")
    load_listings(catalogue(title="The catalogue's title"))
    assert Listing.objects.get(slug="demo-research-post").title == "Kept by its host"


def test_search_leaves_out_what_no_curator_published_and_orders_by_fit() -> None:
    from datetime import date

    from imgpath.engine import Profile, facts_for
    from imgpath.finder import Filters
    from imgpath.rulebook import default_rulebook
    from imgpath.web.opportunities.models import Review
    from imgpath.web.opportunities.search import search

    load_listings(catalogue())
    load_listings(catalogue(id="demo-closed", title="Closed post", application={"deadline": "2026-01-01"}))
    load_listings(catalogue(id="demo-pending", title="Pending post"))
    Listing.objects.filter(slug="demo-pending").update(review=Review.pending)
    facts = facts_for(
        Profile.model_validate({"immigration": {"status": "citizen"}}), default_rulebook(), date(2026, 12, 3)
    )
    page = search(Filters(), facts, date(2026, 12, 3))
    assert [hit.listing.slug for hit in page.hits] == ["demo-research-post", "demo-closed"]
    assert page.total == 2


def test_a_requirement_with_not_survives_the_database() -> None:
    """The document is written by alias (``not``, as the schema reads it), not by field name."""
    excluded = {
        "id": "not_j1",
        "summary": "Did not enter on a J-1 visa",
        "not": {
            "id": "j1",
            "type": "immigration_status",
            "summary": "On a J-1",
            "params": {"statuses": ["j1"]},
        },
    }
    load_listings(catalogue(requirements=[excluded]))
    assert Listing.objects.get(slug="demo-research-post").opportunity.requirements[0].id == "not_j1"
