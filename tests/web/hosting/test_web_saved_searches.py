"""Saved searches: a user keeps an /opportunities/ query, reads its private feed, and is emailed the
listings published since the last run, once, in the language they last read the site in. Only the
owner sees or deletes a search; a feed opens with its secret only, and only the secret's hash is
kept."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone, translation

from hosting_data import document
from imgpath.finder import Opportunity
from imgpath.web.hosting import services
from imgpath.web.hosting.mail import notify_saved_searches
from imgpath.web.hosting.models import SavedSearch
from imgpath.web.hosting.searches import digest_of
from imgpath.web.opportunities.models import Listing
from passwords import PASSWORD

SITE = "https://imgpath.example"


def save(
    client: Client, query: str = "kind=observership&state=tn&junk=1", name: str = "TN observerships"
) -> str:
    """Save a search; the feed URL the list page shows once."""
    client.post("/account/searches/save/", {"name": name, "query": query})
    page = client.get("/account/searches/").content.decode()
    match = re.search(r"<code>https?://testserver(/feeds/searches/[^<]+)</code>", page)
    assert match, page
    return match.group(1)


def publish(host: User, curator: User, slug: str, state: str = "TN") -> Listing:
    opportunity = Opportunity.model_validate(
        document(id=slug, title=f"Listing {slug}", place={"state": state})
    )
    listing = services.submit(opportunity, host)
    services.decide(listing, curator, approve=True)
    return listing


def test_a_saved_search_keeps_the_query_s_filters_and_shows_its_feed_once(
    as_alice: Client, alice: User
) -> None:
    feed = save(as_alice)
    search = SavedSearch.objects.get(owner=alice)
    assert search.query == {"kind": ["observership"], "state": ["tn"]}
    token = feed.split("/")[3]
    assert search.feed_digest == digest_of(token)
    assert token not in search.feed_digest
    assert "/feeds/searches/" not in as_alice.get("/account/searches/").content.decode()  # shown once only


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Kind: Observership · State: Ohio · Words: “research”"),
        ("es", "Tipo: Estancia de observación · Estado: Ohio · Palabras: «research»"),
    ],
)
def test_a_saved_search_s_filters_read_as_the_finder_labels_them(
    as_alice: Client, language: str, words: str
) -> None:
    save(as_alice, "kind=observership&state=oh&q=research")
    page = as_alice.get("/account/searches/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert words in page
    assert "kind: observership" not in page


def test_the_feed_lists_matching_published_listings(as_alice: Client, hana: User, cora: User) -> None:
    feed = save(as_alice)
    publish(hana, cora, "tn-one")
    publish(hana, cora, "fl-one", state="FL")
    response = Client().get(feed)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "Listing tn-one" in body
    assert "Listing fl-one" not in body


def test_a_feed_opens_only_with_its_current_secret(as_alice: Client, alice: User) -> None:
    feed = save(as_alice)
    assert Client().get(feed.replace(feed.split("/")[3], "guessed-token")).status_code == 404
    search = SavedSearch.objects.get(owner=alice)
    assert (
        Client().get(f"/feeds/searches/{search.feed_digest}/atom.xml").status_code == 404
    )  # the hash opens nothing
    as_alice.post(f"/account/searches/{search.pk}/feed/")
    assert Client().get(feed).status_code == 404  # the old address stops working


SEARCH_URLS = [
    ("post", "/account/searches/{pk}/delete/"),
    ("post", "/account/searches/{pk}/feed/"),
]
HOST_URLS = {
    "/hosts/listings/<slug:slug>/edit/",
    "/hosts/listings/<slug:slug>/verify/",
    "/hosts/listings/<slug:slug>/withdraw/",
}
"""The host's own-listing URLs, tested in test_web_hosts.py (OWN_URLS)."""


def _routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> list[str]:
    found: list[str] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found += _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            found.append(prefix + str(pattern.pattern))
    return found


def test_every_url_with_a_search_or_a_host_s_listing_is_in_the_authorisation_tests() -> None:
    routes = ["/" + r for r in _routes(get_resolver().url_patterns)]
    assert {r.replace("<int:search_id>", "{pk}") for r in routes if "<int:search_id>" in r} == {
        u for _, u in SEARCH_URLS
    }
    assert {r for r in routes if r.startswith("/hosts/") and "<slug:slug>" in r} == HOST_URLS


@pytest.mark.parametrize(("method", "url"), SEARCH_URLS)
def test_only_the_owner_deletes_or_renews_a_search(
    as_alice: Client, as_bob: Client, alice: User, method: str, url: str
) -> None:
    save(as_alice)
    search = SavedSearch.objects.get(owner=alice)
    assert getattr(as_bob, method)(url.format(pk=search.pk)).status_code == 404
    assert SavedSearch.objects.filter(pk=search.pk, feed_digest=search.feed_digest).exists()
    assert "TN observerships" not in as_bob.get("/account/searches/").content.decode()
    anonymous = Client()
    assert getattr(anonymous, method)(url.format(pk=search.pk))["Location"].startswith("/account/login/")


def test_the_owner_deletes_a_search(as_alice: Client, alice: User) -> None:
    feed = save(as_alice)
    search = SavedSearch.objects.get(owner=alice)
    as_alice.post(f"/account/searches/{search.pk}/delete/")
    assert not SavedSearch.objects.exists()
    assert Client().get(feed).status_code == 404


def test_new_matches_are_emailed_once(as_alice: Client, alice: User, hana: User, cora: User) -> None:
    save(as_alice)
    SavedSearch.objects.update(last_notified=timezone.now() - timedelta(hours=1))
    publish(hana, cora, "tn-one")
    publish(hana, cora, "fl-one", state="FL")
    now = timezone.now() + timedelta(seconds=1)
    assert notify_saved_searches(now, SITE) == 1
    (email,) = mail.outbox
    assert email.to == ["alice@example.org"]
    assert "Listing tn-one" in email.body
    assert f"{SITE}/opportunities/tn-one/" in email.body
    assert "fl-one" not in email.body
    assert notify_saved_searches(now + timedelta(minutes=5), SITE) == 0  # nothing new: nothing sent
    assert len(mail.outbox) == 1
    assert SavedSearch.objects.get().last_notified == now + timedelta(minutes=5)


def read_in(client: Client, language: str) -> None:
    """The reader picks ``language`` in the site's switch, then opens a page of their account."""
    client.post("/i18n/setlang/", {"language": language, "next": "/account/searches/"})
    client.get("/account/searches/")


def notify_as_the_scheduler_does(active: str = settings.LANGUAGE_CODE) -> int:
    """Send new matches as the scheduled command does, in its own process: the language it has
    active is not any reader's (the test client's requests left the last one's active here)."""
    with translation.override(active):
        return notify_saved_searches(timezone.now() + timedelta(seconds=1), SITE)


SUBJECTS = {
    "en": 'IMG Pathways: new listings for "TN observerships"',
    "es": "IMG Pathways: anuncios nuevos para «TN observerships»",
    "ar": "IMG Pathways: إعلانات جديدة لـ«TN observerships»",
}
OPENINGS = {
    "en": 'New listings match your saved search "TN observerships":',
    "es": "Hay anuncios nuevos que coinciden con su búsqueda guardada «TN observerships»:",
    "ar": "إعلانات جديدة تطابق بحثكم المحفوظ «TN observerships»:",
}
LAST_LINES = {
    "es": "Sus búsquedas guardadas, y cómo dejar de recibir estos correos: ",
    "ar": "عمليات البحث المحفوظة، وطريقة إيقاف هذه الرسائل: ",
}


@pytest.mark.parametrize("language", ["es", "ar"])
def test_new_matches_are_emailed_in_the_language_the_owner_last_read_the_site_in(
    as_alice: Client, hana: User, cora: User, language: str
) -> None:
    save(as_alice)
    read_in(as_alice, language)
    SavedSearch.objects.update(last_notified=timezone.now() - timedelta(hours=1))
    publish(hana, cora, "tn-one")
    assert notify_as_the_scheduler_does() == 1
    (email,) = mail.outbox
    assert email.subject == SUBJECTS[language]
    assert email.body.startswith(OPENINGS[language])
    assert f"- Listing tn-one: {SITE}/opportunities/tn-one/" in email.body
    assert f"{LAST_LINES[language]}{SITE}/account/searches/" in email.body
    assert "New listings" not in email.body
    assert "saved searches" not in email.body


def test_one_run_writes_to_each_owner_in_their_own_language(
    as_alice: Client, as_bob: Client, alice: User, bob: User, hana: User, cora: User
) -> None:
    """Alice reads in Spanish, Bob in Arabic, and Dana's account the site has never seen read."""
    dana = User.objects.create_user("dana", "dana@example.org", PASSWORD)
    save(as_alice)
    save(as_bob)
    read_in(as_alice, "es")
    read_in(as_bob, "ar")
    SavedSearch.objects.create(  # an account from before languages were kept: no page opened since
        owner=dana,
        name="TN observerships",
        query={"kind": ["observership"], "state": ["tn"]},
        feed_digest=digest_of("dana's feed"),
        last_notified=timezone.now(),
    )
    SavedSearch.objects.update(last_notified=timezone.now() - timedelta(hours=1))
    publish(hana, cora, "tn-one")
    assert notify_as_the_scheduler_does(active="ar") == 3
    assert {email.to[0]: email.subject for email in mail.outbox} == {
        "alice@example.org": SUBJECTS["es"],
        "bob@example.org": SUBJECTS["ar"],
        "dana@example.org": SUBJECTS["en"],
    }
    assert {email.to[0]: email.body.splitlines()[0] for email in mail.outbox} == {
        "alice@example.org": OPENINGS["es"],
        "bob@example.org": OPENINGS["ar"],
        "dana@example.org": OPENINGS["en"],
    }


def test_the_email_follows_the_language_read_last(as_alice: Client, hana: User, cora: User) -> None:
    save(as_alice)
    read_in(as_alice, "ar")
    read_in(as_alice, "es")
    SavedSearch.objects.update(last_notified=timezone.now() - timedelta(hours=1))
    publish(hana, cora, "tn-one")
    notify_as_the_scheduler_does(active="ar")
    (email,) = mail.outbox
    assert email.subject == SUBJECTS["es"]


def test_listings_published_before_the_search_was_saved_are_not_news(
    as_alice: Client, hana: User, cora: User
) -> None:
    publish(hana, cora, "tn-old")
    SavedSearch.objects.all().delete()
    save(as_alice)
    call_command("notify_saved_searches", "--site-url", SITE)
    call_command("notify_saved_searches", "--site-url", SITE)
    assert mail.outbox == []


def test_saved_searches_are_in_the_account_s_export_and_go_with_it(as_alice: Client, alice: User) -> None:
    save(as_alice)
    exported = as_alice.get("/account/data/").json()
    assert exported["saved_searches"][0]["query"] == {"kind": ["observership"], "state": ["tn"]}
    alice.delete()
    assert not SavedSearch.objects.exists()
