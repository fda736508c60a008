"""Stale and hidden: search marks a listing not checked for 180 days and leaves it out at 270; its
host is emailed once when it turns stale (again only after a new check goes stale in turn), in the
language the host last read the site in."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from hosting_data import document
from imgpath.finder import Filters, Opportunity
from imgpath.web.hosting import services
from imgpath.web.hosting.mail import remind_stale_hosts
from imgpath.web.opportunities.models import Listing, Review
from imgpath.web.opportunities.search import search
from passwords import PASSWORD

DAY = date(2027, 6, 1)
"""A fixed day the tests judge by (passed in: the suite also runs with the clock moved ahead)."""


def posted(host: User, slug: str, checked_days_ago: int) -> Listing:
    day = (DAY - timedelta(days=checked_days_ago)).isoformat()
    listing = services.submit(
        Opportunity.model_validate(document(id=slug, title=f"Listing {slug}", last_verified=day)), host
    )
    listing.review = Review.published
    listing.save()
    return listing


def test_search_marks_stale_listings_and_hides_them_at_270_days(hana: User) -> None:
    posted(hana, "fresh-one", 180)
    posted(hana, "stale-one", 181)
    posted(hana, "last-stale-day", 270)
    posted(hana, "hidden-one", 271)
    page = search(Filters(), None, DAY)
    assert {hit.listing.slug: hit.freshness for hit in page.hits} == {
        "fresh-one": "fresh",
        "stale-one": "stale",
        "last-stale-day": "stale",
    }


def test_each_host_is_reminded_once_of_listings_that_turned_stale(hana: User, henry: User) -> None:
    posted(hana, "hana-stale", 200)
    posted(hana, "hana-hidden", 300)
    posted(hana, "hana-fresh", 10)
    posted(henry, "henry-fresh", 10)
    assert remind_stale_hosts(DAY, "https://imgpath.example") == 1
    (email,) = mail.outbox
    assert email.to == ["hana@example.org"]
    assert "Listing hana-stale" in email.body
    assert "Listing hana-hidden" in email.body
    assert "Listing hana-fresh" not in email.body
    assert "https://imgpath.example/hosts/" in email.body
    assert remind_stale_hosts(DAY, "https://imgpath.example") == 0  # idempotent
    assert remind_stale_hosts(DAY + timedelta(days=30), "https://imgpath.example") == 0
    assert len(mail.outbox) == 1


def read_in(client: Client, language: str) -> None:
    """The host picks ``language`` in the site's switch, then opens their hosts page."""
    client.post("/i18n/setlang/", {"language": language, "next": "/hosts/"})
    client.get("/hosts/")


def remind_as_the_scheduler_does(active: str = settings.LANGUAGE_CODE) -> int:
    """Remind as the daily command does, in its own process: the language it has active is not any
    host's (the test client's requests left the last one's active here)."""
    with translation.override(active):
        return remind_stale_hosts(DAY, "https://imgpath.example")


REMINDERS = {  # a listing last checked 2026-11-13 (200 days before DAY): subject, greeting, line
    "en": ("IMG Pathways: 1 listing needs checking", "Hello {name},", "(last checked Nov. 13, 2026)"),
    "es": (
        "IMG Pathways: 1 anuncio necesita verificación",
        "Hola, {name}:",
        "(verificado por última vez el 13 de noviembre de 2026)",
    ),
    "ar": ("IMG Pathways: إعلان واحد يحتاج إلى تحقق", "مرحبًا {name}،", "(آخر تحقق في 13 نوفمبر، 2026)"),
}


@pytest.mark.parametrize("language", ["es", "ar"])
def test_a_host_is_reminded_in_the_language_they_last_read_the_site_in(
    hana: User, as_hana: Client, language: str
) -> None:
    read_in(as_hana, language)
    posted(hana, "hana-stale", 200)
    assert remind_as_the_scheduler_does() == 1
    (email,) = mail.outbox
    subject, greeting, checked = REMINDERS[language]
    assert email.subject == subject
    assert email.body.startswith(greeting.format(name="hana"))
    assert f"- Listing hana-stale {checked}" in email.body
    assert "https://imgpath.example/hosts/" in email.body
    assert "Nobody" not in email.body


def test_one_run_reminds_each_host_in_their_own_language(
    hana: User, henry: User, as_hana: Client, as_henry: Client
) -> None:
    """Hana reads in Spanish, Henry in Arabic, and Hugo's account the site has never seen read."""
    hugo = User.objects.create_user("hugo", "hugo@example.org", PASSWORD)
    hugo.groups.add(*hana.groups.all())
    read_in(as_hana, "es")
    read_in(as_henry, "ar")
    for host in (hana, henry, hugo):
        posted(host, f"{host.username}-stale", 200)
    assert remind_as_the_scheduler_does(active="es") == 3
    assert {email.to[0]: email.subject for email in mail.outbox} == {
        "hana@example.org": REMINDERS["es"][0],
        "henry@example.org": REMINDERS["ar"][0],
        "hugo@example.org": REMINDERS["en"][0],
    }
    (to_hugo,) = [email for email in mail.outbox if email.to == ["hugo@example.org"]]
    assert to_hugo.body.startswith("Hello hugo,")
    assert "- Listing hugo-stale (last checked Nov. 13, 2026)" in to_hugo.body


def test_a_listing_checked_again_is_reminded_again_when_that_check_goes_stale(hana: User) -> None:
    listing = posted(hana, "hana-stale", 200)
    remind_stale_hosts(DAY, "https://imgpath.example")
    services.verify(listing, hana, DAY)
    assert remind_stale_hosts(DAY + timedelta(days=100), "https://imgpath.example") == 0
    assert remind_stale_hosts(DAY + timedelta(days=181), "https://imgpath.example") == 1
    assert len(mail.outbox) == 2


def test_withdrawn_and_catalogue_listings_send_no_reminder(hana: User) -> None:
    services.withdraw(posted(hana, "gone", 200), hana)
    Listing.objects.create(
        slug="catalogue-one",
        document={},
        kind="observership",
        title="Catalogue",
        last_verified=DAY - timedelta(days=200),
    )
    assert remind_stale_hosts(DAY, "https://imgpath.example") == 0


@pytest.mark.django_db
def test_the_command_runs_for_a_given_day(hana: User) -> None:
    posted(hana, "hana-stale", 200)
    call_command("listings_freshness", "--today", DAY.isoformat(), "--site-url", "https://imgpath.example")
    call_command("listings_freshness", "--today", DAY.isoformat(), "--site-url", "https://imgpath.example")
    assert len(mail.outbox) == 1
