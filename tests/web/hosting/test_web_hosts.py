"""Hosts post and keep their own listings; curators publish them. A host sees only their own
listings (anyone else's, and any listing for an account that is not a host, is a 404); nothing a
host writes reaches readers before a curator approves it; every change is in the audit trail."""

from __future__ import annotations

import html
import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from hosting_data import FORM, document, dumped
from imgpath.web.opportunities.models import Listing, ListingChange, Review

OWN_URLS = [
    ("get", "/hosts/listings/{slug}/edit/"),
    ("post", "/hosts/listings/{slug}/edit/"),
    ("post", "/hosts/listings/{slug}/verify/"),
    ("post", "/hosts/listings/{slug}/withdraw/"),
]


@pytest.mark.parametrize(("method", "url"), OWN_URLS)
def test_another_host_gets_a_404_and_changes_nothing(
    as_henry: Client, hana_listing: Listing, method: str, url: str
) -> None:
    response = getattr(as_henry, method)(
        url.format(slug=hana_listing.slug), FORM if method == "post" else None
    )
    assert response.status_code == 404
    hana_listing.refresh_from_db()
    assert hana_listing.document == dumped(document())
    assert hana_listing.review == Review.published


@pytest.mark.parametrize(("method", "url"), OWN_URLS)
def test_an_account_that_is_not_a_host_gets_a_404(
    as_alice: Client, hana_listing: Listing, method: str, url: str
) -> None:
    assert getattr(as_alice, method)(url.format(slug=hana_listing.slug)).status_code == 404


@pytest.mark.parametrize(("method", "url"), OWN_URLS)
def test_anonymous_visitors_are_sent_to_log_in(
    anonymous: Client, hana_listing: Listing, method: str, url: str
) -> None:
    response = getattr(anonymous, method)(url.format(slug=hana_listing.slug))
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_the_dashboard_and_the_new_form_are_for_hosts_only(as_alice: Client, anonymous: Client) -> None:
    assert as_alice.get("/hosts/").status_code == 403
    assert as_alice.post("/hosts/listings/new/", FORM).status_code == 403
    assert not Listing.objects.exists()
    assert anonymous.get("/hosts/")["Location"].startswith("/account/login/")


def test_the_dashboard_shows_only_the_host_s_own_listings(
    as_henry: Client, as_hana: Client, hana_listing: Listing
) -> None:
    assert hana_listing.title in as_hana.get("/hosts/").content.decode()
    assert hana_listing.title not in as_henry.get("/hosts/").content.decode()


def test_a_new_listing_waits_for_a_curator_and_is_audited(as_hana: Client, hana: User) -> None:
    response = as_hana.post("/hosts/listings/new/", FORM)
    assert response.status_code == 302
    listing = Listing.objects.get(owner=hana)
    assert listing.slug == "cardiology-observership"
    assert listing.review == Review.pending
    opportunity = listing.opportunity
    assert opportunity.place.state == "TN"
    assert opportunity.visas == ["B1", "J1"]
    assert opportunity.cost.tuition is not None
    assert opportunity.cost.tuition.usd == 500
    assert opportunity.application.deadline is not None
    (change,) = ListingChange.objects.filter(listing=listing)
    assert (change.action, change.who, change.before) == ("created", hana, None)
    assert change.after == listing.document


def test_an_edit_of_a_published_listing_goes_back_to_pending_and_keeps_the_rest(
    as_hana: Client, hana_listing: Listing, hana: User
) -> None:
    before = hana_listing.document
    form = as_hana.get(f"/hosts/listings/{hana_listing.slug}/edit/").content.decode()
    assert 'id="republish-warning"' in form  # said before the host saves, not after
    assert 'id="republish-warning"' not in as_hana.get("/hosts/listings/new/").content.decode()
    response = as_hana.post(
        f"/hosts/listings/{hana_listing.slug}/edit/", FORM | {"title": "Renamed observership"}
    )
    assert response.status_code == 302
    hana_listing.refresh_from_db()
    assert (hana_listing.slug, hana_listing.title) == ("hana-observership", "Renamed observership")
    assert hana_listing.review == Review.pending
    change = ListingChange.objects.filter(listing=hana_listing, action="updated").get()
    assert (change.who, change.before) == (hana, before)
    assert "review: published -> pending" in change.note


def test_the_schema_s_errors_are_shown_on_their_field(as_hana: Client) -> None:
    response = as_hana.post("/hosts/listings/new/", FORM | {"end": "2027-02-01", "state": "T1"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_state_error"' in page
    assert not Listing.objects.exists()
    response = as_hana.post("/hosts/listings/new/", FORM | {"end": "2027-02-01"})
    assert 'id="id_end_error"' in response.content.decode()
    assert "The end date cannot come before the start date." in response.content.decode()


def test_a_check_date_in_the_future_is_refused(as_hana: Client) -> None:
    response = as_hana.post("/hosts/listings/new/", FORM | {"last_verified": "2099-01-01"})
    assert 'id="id_last_verified_error"' in response.content.decode()


def test_mark_verified_today_makes_a_stale_listing_fresh(as_hana: Client, hana: User) -> None:
    from datetime import date, timedelta

    from imgpath.finder import Opportunity
    from imgpath.web.hosting import services

    old = (date.today() - timedelta(days=200)).isoformat()
    listing = services.submit(Opportunity.model_validate(document(last_verified=old)), hana)
    assert "Stale: not checked for 180 days" in as_hana.get("/hosts/").content.decode()
    as_hana.post(f"/hosts/listings/{listing.slug}/verify/")
    listing.refresh_from_db()
    assert listing.last_verified == date.today()
    assert listing.changes.filter(action="verified", who=hana).exists()
    assert "Stale: not checked" not in as_hana.get("/hosts/").content.decode()


def test_withdrawing_takes_the_listing_off_search(as_hana: Client, hana_listing: Listing) -> None:
    from imgpath.web.opportunities.search import published

    as_hana.post(f"/hosts/listings/{hana_listing.slug}/withdraw/")
    hana_listing.refresh_from_db()
    assert hana_listing.status == "withdrawn"
    assert not published().filter(pk=hana_listing.pk).exists()
    assert hana_listing.changes.filter(action="withdrawn").exists()


def test_a_pending_listing_is_not_searched_until_a_curator_approves_it(
    as_hana: Client, as_cora: Client, cora: User
) -> None:
    from imgpath.web.opportunities.search import published

    as_hana.post("/hosts/listings/new/", FORM)
    listing = Listing.objects.get()
    assert not published().filter(pk=listing.pk).exists()
    response = as_cora.post(
        "/admin/opportunities/listing/", {"action": "approve", "_selected_action": [listing.pk]}
    )
    assert response.status_code == 302
    listing.refresh_from_db()
    assert listing.review == Review.published
    assert published().filter(pk=listing.pk).exists()
    change = listing.changes.get(action="approved")
    assert change.who == cora
    assert change.note == "review: pending -> published"


def test_a_curator_rejects_and_the_host_sees_it(as_hana: Client, as_cora: Client, cora: User) -> None:
    as_hana.post("/hosts/listings/new/", FORM)
    listing = Listing.objects.get()
    as_cora.post("/admin/opportunities/listing/", {"action": "reject", "_selected_action": [listing.pk]})
    listing.refresh_from_db()
    assert listing.review == Review.rejected
    assert listing.changes.get(action="rejected").who == cora
    assert "Not accepted by the curators" in as_hana.get("/hosts/").content.decode()


def test_the_curators_desk_lists_filters_and_keeps_the_audit_read_only(
    as_cora: Client, hana_listing: Listing, as_alice: Client
) -> None:
    assert (
        as_cora.get("/admin/opportunities/listing/?review__exact=published&freshness=fresh").status_code
        == 200
    )
    assert hana_listing.title in as_cora.get("/admin/opportunities/listing/?freshness=fresh").content.decode()
    assert (
        hana_listing.title
        not in as_cora.get("/admin/opportunities/listing/?freshness=hidden").content.decode()
    )
    change = hana_listing.changes.first()
    assert change is not None
    assert as_cora.get(f"/admin/opportunities/listingchange/{change.pk}/change/").status_code == 200
    assert as_cora.post(f"/admin/opportunities/listingchange/{change.pk}/delete/").status_code == 403
    assert as_alice.get("/admin/opportunities/listing/").status_code == 302  # not staff: to the log-in


def test_a_curator_s_edit_in_the_admin_is_validated_and_audited(
    as_cora: Client, cora: User, hana_listing: Listing
) -> None:
    import json

    url = f"/admin/opportunities/listing/{hana_listing.pk}/change/"
    bad = as_cora.post(url, {"document": json.dumps(document(title="x")), "review": "published", "owner": ""})
    assert bad.status_code == 200
    assert "title" in bad.content.decode()
    good = document(title="Corrected title")
    form = {"document": json.dumps(good), "review": "published", "owner": hana_listing.owner_id}
    form |= {"changes-TOTAL_FORMS": "0", "changes-INITIAL_FORMS": "0"}
    assert as_cora.post(url, form).status_code == 302
    hana_listing.refresh_from_db()
    assert hana_listing.title == "Corrected title"
    change = hana_listing.changes.filter(who=cora, action="updated").get()
    assert change.before == dumped(document())


def test_a_curator_adds_a_listing_in_the_admin_and_it_is_audited(as_cora: Client, cora: User) -> None:
    import json

    form = {"document": json.dumps(document(id="curated-one")), "review": "published", "owner": ""}
    form |= {"changes-TOTAL_FORMS": "0", "changes-INITIAL_FORMS": "0"}
    assert as_cora.post("/admin/opportunities/listing/add/", form).status_code == 302
    listing = Listing.objects.get(slug="curated-one")
    assert (listing.origin, listing.review) == ("imported", "published")
    assert listing.changes.get().who == cora


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "State: choose one of the states in the list."),
        ("es", "Estado: elija uno de los estados de la lista."),
        ("ar", "الولاية: يُرجى اختيار إحدى الولايات الواردة في القائمة."),
    ],
)
def test_a_state_the_rulebook_does_not_hold_is_refused_on_its_field(
    as_hana: Client, language: str, said: str
) -> None:
    response = as_hana.post("/hosts/listings/new/", FORM | {"state": "ZZ"}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    error = re.search(r'<p class="error" id="id_state_error">([^<]*)</p>', response.content.decode())
    assert error is not None
    assert error.group(1) == said
    assert not Listing.objects.exists()


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Visas accepted: “not a visa” is not a visa class."),
        ("es", "Visas aceptadas: «not a visa» no es una clase de visado."),
        ("ar", "التأشيرات المقبولة: «not a visa» ليست فئة تأشيرة."),
    ],
)
def test_a_visa_that_is_not_a_visa_class_is_refused_by_name(
    as_hana: Client, language: str, said: str
) -> None:
    data = FORM | {"visas": "J-1, not a visa"}
    response = as_hana.post("/hosts/listings/new/", data, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    error = re.search(r'<p class="error" id="id_visas_error">([^<]*)</p>', response.content.decode())
    assert error is not None
    assert html.unescape(error.group(1)).startswith(said)
    assert not Listing.objects.exists()


def test_a_state_and_visas_are_kept_as_codes_however_written(as_hana: Client, hana: User) -> None:
    response = as_hana.post("/hosts/listings/new/", FORM | {"state": "tn", "visas": "b-1, J1, j-1 visa"})
    assert response.status_code == 302
    opportunity = Listing.objects.get(owner=hana).opportunity
    assert opportunity.place.state == "TN"
    assert opportunity.visas == ["B1", "J1"]
