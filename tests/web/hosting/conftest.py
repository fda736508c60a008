"""Personas for hosting: hana and henry are hosts, alice (from the web conftest) is not, and cora is
a curator (staff) who reviews in the admin."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from hosting_data import document, host
from imgpath.finder import Opportunity
from imgpath.web.hosting import services
from imgpath.web.opportunities.models import Listing, Review
from passwords import PASSWORD


@pytest.fixture
def hana(db: None) -> User:
    return host("hana")


@pytest.fixture
def henry(db: None) -> User:
    return host("henry")


@pytest.fixture
def cora(db: None) -> User:
    return User.objects.create_superuser("cora", "cora@example.org", PASSWORD)


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def as_hana(hana: User) -> Client:
    return client_for(hana)


@pytest.fixture
def as_henry(henry: User) -> Client:
    return client_for(henry)


@pytest.fixture
def as_cora(cora: User) -> Client:
    return client_for(cora)


@pytest.fixture
def hana_listing(hana: User) -> Listing:
    """Hana's observership, posted and approved."""
    listing = services.submit(Opportunity.model_validate(document()), hana)
    listing.review = Review.published
    listing.save()
    return listing
