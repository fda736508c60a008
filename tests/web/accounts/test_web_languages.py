"""The language an account last read the site in (what its emails are written in): stored when a
signed-in reader's language changes and at log-in, once per change, never for an anonymous visitor;
in the account's export, and gone with it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from imgpath.web.accounts.languages import language_of
from imgpath.web.accounts.models import Reader
from passwords import PASSWORD


@contextmanager
def reader_writes() -> Iterator[Callable[[], int]]:
    """The number of statements that wrote the readers' table inside the block."""
    with CaptureQueriesContext(connection) as queries:
        yield lambda: sum(
            1
            for query in queries.captured_queries
            if "accounts_reader" in query["sql"]
            and query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
        )


def test_a_change_of_language_is_stored_once_not_on_every_page(as_alice: Client, alice: User) -> None:
    with reader_writes() as writes:
        for _ in range(3):
            assert as_alice.get("/account/", HTTP_ACCEPT_LANGUAGE="es").status_code == 200
        assert writes() == 1
        assert language_of(User.objects.get(pk=alice.pk)) == "es"
        as_alice.post("/i18n/setlang/", {"language": "ar", "next": "/account/"})
        for _ in range(3):
            as_alice.get("/account/", HTTP_ACCEPT_LANGUAGE="es")  # the switch's cookie wins
        assert writes() == 2
    assert list(Reader.objects.values_list("user", "language")) == [(alice.pk, "ar")]


def test_logging_in_stores_the_language_signed_in_with(alice: User, anonymous: Client) -> None:
    with reader_writes() as writes:
        anonymous.post(
            "/account/login/", {"username": "alice", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="ar"
        )
        assert language_of(User.objects.get(pk=alice.pk)) == "ar"
        anonymous.get("/account/", HTTP_ACCEPT_LANGUAGE="ar")  # the session says it is stored
        assert writes() == 1


def test_an_anonymous_visitor_s_language_is_not_kept(anonymous: Client) -> None:
    anonymous.get("/", HTTP_ACCEPT_LANGUAGE="es")
    anonymous.get("/states/", HTTP_ACCEPT_LANGUAGE="ar")
    assert not Reader.objects.exists()
    assert not Session.objects.exists()


def test_an_account_never_seen_reads_the_site_s_default_language(bob: User) -> None:
    assert language_of(bob) == "en"


def test_the_language_is_in_the_account_s_export_and_goes_with_it(as_alice: Client, alice: User) -> None:
    as_alice.get("/account/", HTTP_ACCEPT_LANGUAGE="es")
    assert as_alice.get("/account/data/").json()["account"]["language"] == "es"
    alice.delete()
    assert not Reader.objects.exists()
