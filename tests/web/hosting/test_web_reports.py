"""Anyone can report a wrong listing, without an account; reports are limited per address, need the
CSRF token, reach the curators in the admin, and never tell the host who reported."""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.test import Client

from imgpath.web.hosting.models import ListingReport
from imgpath.web.opportunities.hosting_views import REPORT_POSTS, REPORTS
from imgpath.web.opportunities.models import Listing, Review

REPORT = {
    "reason": "wrong_fees",
    "text": "The page says $500, the hospital's site says $1,500.",
    "email": "reader@example.org",
}


def test_a_visitor_without_an_account_reports_a_listing(anonymous: Client, hana_listing: Listing) -> None:
    page = anonymous.get(f"/opportunities/{hana_listing.slug}/report/").content.decode()
    assert hana_listing.title in page
    assert 'href="/hosts/code-of-conduct/"' in page
    response = anonymous.post(f"/opportunities/{hana_listing.slug}/report/", REPORT)
    assert response.status_code == 200
    assert "Report sent" in response.content.decode()
    report = ListingReport.objects.get()
    assert (report.listing, report.reason, report.email) == (hana_listing, "wrong_fees", "reader@example.org")


def test_a_report_needs_a_reason_and_words(anonymous: Client, hana_listing: Listing) -> None:
    response = anonymous.post(
        f"/opportunities/{hana_listing.slug}/report/", {"reason": "nonsense", "text": ""}
    )
    assert response.status_code == 400
    assert 'id="id_text_error"' in response.content.decode()
    assert not ListingReport.objects.exists()


def test_only_published_listings_can_be_reported(anonymous: Client, hana_listing: Listing) -> None:
    hana_listing.review = Review.pending
    hana_listing.save()
    assert anonymous.get(f"/opportunities/{hana_listing.slug}/report/").status_code == 404
    assert anonymous.post("/opportunities/no-such-listing/report/", REPORT).status_code == 404


def test_reports_are_throttled_per_address(anonymous: Client, hana_listing: Listing) -> None:
    url = f"/opportunities/{hana_listing.slug}/report/"
    for _ in range(REPORTS.times):
        assert anonymous.post(url, REPORT).status_code == 200
    refused = anonymous.post(url, {**REPORT, "text": "The deadline is a week earlier."})
    assert refused.status_code == 429
    assert ListingReport.objects.count() == REPORTS.times
    page = refused.content.decode()
    assert 'id="too-many-reports"' in page
    assert "The deadline is a week earlier." in page  # what the reader wrote is given back
    assert anonymous.get(url).status_code == 200  # reading the form is not counted


def test_a_reader_who_makes_mistakes_is_not_locked_out(anonymous: Client, hana_listing: Listing) -> None:
    url = f"/opportunities/{hana_listing.slug}/report/"
    for _ in range(REPORTS.times + 2):
        assert anonymous.post(url, {**REPORT, "reason": ""}).status_code == 400
    assert anonymous.post(url, REPORT).status_code == 200  # mistakes are not counted as reports
    assert ListingReport.objects.count() == 1


def test_a_flood_of_invalid_reports_is_refused_and_not_told_its_text_is_kept(
    anonymous: Client, hana_listing: Listing
) -> None:
    url = f"/opportunities/{hana_listing.slug}/report/"
    statuses = [anonymous.post(url, {"reason": "nonsense"}).status_code for _ in range(REPORT_POSTS.times)]
    assert 429 in statuses
    refused = anonymous.post(url, REPORT)
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "what you sent was not kept" in page
    assert "your answers are kept" not in page
    assert not ListingReport.objects.exists()


def test_the_report_form_ticks_no_reason_and_asks_for_one_in_words(
    anonymous: Client, hana_listing: Listing
) -> None:
    url = f"/opportunities/{hana_listing.slug}/report/"
    page = anonymous.get(url).content.decode()
    assert "---------" not in page
    assert not re.search(r'type="radio"[^>]*checked', page)
    assert page.count('type="radio"') == len(ListingReport.Reason.choices)
    response = anonymous.post(url, {"reason": "", "text": "", "email": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose what is wrong with the listing." in page
    assert "This field is required" not in page
    spanish = anonymous.post(url, {"reason": ""}, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Elija qué está mal en el anuncio." in spanish


def test_a_report_without_the_csrf_token_is_refused(hana_listing: Listing) -> None:
    client = Client(enforce_csrf_checks=True)
    assert client.post(f"/opportunities/{hana_listing.slug}/report/", REPORT).status_code == 403
    assert not ListingReport.objects.exists()


def test_the_host_sees_the_report_but_not_who_sent_it(
    anonymous: Client, as_hana: Client, hana_listing: Listing
) -> None:
    anonymous.post(f"/opportunities/{hana_listing.slug}/report/", REPORT)
    page = as_hana.get("/hosts/").content.decode()
    assert "1 open report from a reader" in page
    assert "reader@example.org" not in page


def test_curators_read_and_close_reports_in_the_admin(
    anonymous: Client, as_cora: Client, cora: User, hana_listing: Listing
) -> None:
    anonymous.post(f"/opportunities/{hana_listing.slug}/report/", REPORT)
    report = ListingReport.objects.get()
    assert (
        "The fees are wrong" in as_cora.get("/admin/hosting/listingreport/?handled__exact=0").content.decode()
    )
    url = f"/admin/hosting/listingreport/{report.pk}/change/"
    assert "reader@example.org" in as_cora.get(url).content.decode()
    assert as_cora.post(url, {"handled": "on", "curator_note": "Fee corrected."}).status_code == 302
    report.refresh_from_db()
    assert report.handled
    assert report.text == REPORT["text"]  # what the reader wrote is kept as written
