"""Named personas for the web tests: alice owns things, bob is another user, an anonymous visitor."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import caches
from django.test import Client

from clock import frozen_today
from imgpath.engine.profile import parse_profile
from imgpath.web import throttle
from imgpath.web.accounts.models import SavedProfile
from passwords import PASSWORD


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    """Pages that check "as of today" see clock.TODAY, whatever day the suite runs on."""
    with frozen_today():
        yield


@pytest.fixture(autouse=True)
def _fresh_search_index() -> None:
    """Each test's listings are searched afresh (a rolled-back test rolls the write count back too)."""
    from imgpath.web.opportunities.index import forget

    forget()


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Cached charts and pages, and the refusals a process remembers, start empty in each test (the
    throttle counts themselves are rows, rolled back with each test's transaction)."""
    for cache in caches.all():
        cache.clear()
    throttle.forget_refusals()


@pytest.fixture
def example_data() -> dict[str, Any]:
    text = resources.files("imgpath.examples").joinpath("experienced-internist.yaml").read_text("utf-8")
    return parse_profile(text, "example").model_dump(mode="json", exclude_unset=True)


@pytest.fixture
def alice(db: None) -> User:
    return User.objects.create_user("alice", "alice@example.org", PASSWORD)


@pytest.fixture
def bob(db: None) -> User:
    return User.objects.create_user("bob", "bob@example.org", PASSWORD)


@pytest.fixture
def alice_profile(alice: User, example_data: dict[str, Any]) -> SavedProfile:
    return SavedProfile.objects.create(owner=alice, name="Alice's internist", data=example_data)


@pytest.fixture
def as_alice(alice: User) -> Client:
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def as_bob(bob: User) -> Client:
    client = Client()
    client.force_login(bob)
    return client


@pytest.fixture
def anonymous(db: None) -> Client:
    return Client()
