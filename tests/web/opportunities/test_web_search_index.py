"""Search reads an index of the published listings held in memory: it never answers from a stale one
(an edit, a publication, a withdrawal or a write behind ``save``'s back shows at once), and what
depends on the day (yearly windows) follows the day searched."""

from __future__ import annotations

from datetime import date
from importlib import resources
from typing import Any

import pytest

from imgpath.engine import Facts, Profile, facts_for, parse_profile
from imgpath.finder import Filters, Opportunity
from imgpath.rulebook import default_rulebook
from imgpath.web.opportunities.models import Listing, Review
from imgpath.web.opportunities.search import search
from listing_data import demo_listing

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 25)


def document(slug: str, **changes: Any) -> dict[str, Any]:
    return (
        demo_listing(
            id=slug,
            title=slug,
            summary="An observership.",
            host={"name": "Mercy Hospital"},
            status="open",
            last_verified=str(DAY),
        )
        | changes
    )


def save(slug: str, review: str = Review.published, **changes: Any) -> Listing:
    row = Listing.objects.filter(slug=slug).first() or Listing(review=review)
    row.review = review
    row.set_opportunity(Opportunity.model_validate(document(slug, **changes)))
    row.save()
    return row


def found(filters: Filters | None = None, facts: Facts | None = None, day: date = DAY) -> list[str]:
    return [hit.listing.slug for hit in search(filters or Filters(), facts, day).hits]


def citizen(day: date) -> Facts:
    text = resources.files("imgpath.examples").joinpath("experienced-internist.yaml").read_text("utf-8")
    data = parse_profile(text, "example").model_dump(mode="json", exclude_unset=True)
    data["immigration"] = {"status": "citizen"}
    return facts_for(Profile.model_validate(data), default_rulebook(), day)


def test_an_edit_shows_in_the_next_search() -> None:
    save("b-post")
    save("c-post")
    assert found() == ["b-post", "c-post"]
    save("c-post", title="A post renamed")  # the title orders
    assert found() == ["c-post", "b-post"]
    save("b-post", place={"state": "FL"})
    assert found(Filters(state="FL")) == ["b-post"]


def test_publishing_and_withdrawing_show_in_the_next_search() -> None:
    save("live")
    save("draft", review=Review.draft)
    assert found() == ["live"]
    save("draft", review=Review.published)
    assert found() == ["draft", "live"]
    save("live", status="withdrawn")
    assert found() == ["draft"]
    Listing.objects.filter(slug="draft").delete()
    assert found() == []


def test_a_write_behind_saves_back_shows_too() -> None:
    save("kept")
    save("other")
    assert found() == ["kept", "other"]
    Listing.objects.filter(slug="other").update(review=Review.pending)
    assert found() == ["kept"]


def test_yearly_windows_follow_the_day_searched() -> None:
    save("yearly", application={"yearly_opens": "01-15", "yearly_closes": "03-01"})
    save("dated", application={"deadline": "2027-06-01"})
    # 25 November: the yearly window opens in January (not yet), the dated one is open
    assert found(facts=citizen(DAY)) == ["dated", "yearly"]
    # 1 February: both open, the yearly one closes first
    later = date(2027, 2, 1)
    assert found(facts=citizen(later), day=later) == ["yearly", "dated"]
    # 2 March: the yearly window is a year away again; and back to the first day
    march = date(2027, 3, 2)
    assert found(facts=citizen(march), day=march) == ["dated", "yearly"]
    assert found(facts=citizen(DAY)) == ["dated", "yearly"]


def test_words_match_without_case_or_accents_on_every_database() -> None:
    save("accented", title="Émile ward for Ørsted", summary="Médecine interne.")
    save("plain", title="Plain ward")
    assert found(Filters(query="emile")) == ["accented"]
    assert found(Filters(query="MÉDEC ward")) == ["accented"]
    assert found(Filters(query="war")) == ["plain", "accented"]  # titles by code point, as the finder
    assert found(Filters(query="ard")) == []  # a word's start, not any part
    save("syntax", title="Not or near 東京 ١٢٣ ward")  # words that are the full-text syntax's own
    assert found(Filters(query='NOT "or" NEAR( 東京 ١٢٣ :* & |')) == ["syntax"]
    assert found(Filters(query="AND")) == []
