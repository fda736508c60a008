"""Every list a person chooses from says its choices in the reader's language (issue 12 point 1):
the finder's filters and the hosts' listing form name states as CLDR does and kinds by the finder's
own labels, never an English id ("observership", "clinical experience"); the states' index and
those lists are in the order the reader reads names (case and accents folded: "Míchigan" before
"Minnesota", "أيداهو" before "آيوا"). The no-English test cannot see a one-word English label, so
these tests name the labels."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from hosting_data import host
from imgpath.web.pages import places

LANGUAGES = ["es", "ar"]
KINDS = {
    "es": {"observership": "Estancia de observación", "research_position": "Puesto de investigación"},
    "ar": {"observership": "برنامج مراقبة"},
}
PER = {"es": "por semana", "ar": "عن كل أسبوع"}


def _page(client: Client, url: str, language: str) -> str:
    answer = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert answer.status_code == 200, url
    return answer.content.decode()


def options(page: str, name: str) -> list[tuple[str, str]]:
    """A select's (value, label) pairs, in the order the page offers them."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
    assert select is not None, name
    found = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))
    return [(value, html.unescape(label)) for value, label in found]


def _folded_order(labels: list[str]) -> list[str]:
    return sorted(labels, key=places.key)


@pytest.fixture
def as_host(db: None) -> Client:
    client = Client()
    client.force_login(host("hugo"))
    return client


def _english_kind_words() -> set[str]:
    from imgpath.finder import OpportunityKind

    return {kind.value.replace("_", " ") for kind in OpportunityKind} | {
        kind.value.replace("_", " ").capitalize() for kind in OpportunityKind
    }


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("url", ["/opportunities/", "/hosts/listings/new/"])
def test_states_and_kinds_are_named_in_the_readers_language(
    anonymous: Client, as_host: Client, url: str, language: str
) -> None:
    client = as_host if url.startswith("/hosts/") else anonymous
    page = _page(client, url, language)
    states = [(code, label) for code, label in options(page, "state") if code]
    assert states == places.states().options(language)
    assert dict(states)["TN"] == places.states().name("TN", language)
    labels = [label for _code, label in states]
    assert "New York" not in labels  # Nueva York, نيويورك
    assert labels == _folded_order(labels)
    kinds = dict(options(page, "kind"))
    for code, label in KINDS[language].items():
        assert kinds[code] == label
    assert not set(kinds.values()) & _english_kind_words()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_host_forms_fee_period_is_in_the_readers_language(as_host: Client, language: str) -> None:
    page = _page(as_host, "/hosts/listings/new/", language)
    assert dict(options(page, "tuition_per"))["week"] == PER[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_finders_yes_no_and_specialty_lists_are_in_the_readers_language(
    anonymous: Client, language: str
) -> None:
    page = _page(anonymous, "/opportunities/", language)
    assert [label for _v, label in options(page, "remote")] == {
        "es": ["Cualquiera", "Sí", "No"],
        "ar": ["أيٌّ منهما", "نعم", "لا"],
    }[language]
    specialties = [label for code, label in options(page, "specialty") if code]
    assert "Internal medicine" not in specialties
    assert specialties == _folded_order(specialties)


@pytest.mark.parametrize(
    ("language", "before", "after"),
    [
        ("es", "Carolina del Norte", "Colorado"),  # English puts North Carolina after Colorado
        ("es", "Míchigan", "Minnesota"),  # the accent is folded, not sorted after every M
        ("ar", "أيداهو", "آيوا"),  # the hamza and the madda are folded: ايداهو before ايوا
        ("ar", "ألاباما", "إلينوي"),
    ],
)
def test_the_states_index_is_in_the_readers_alphabetical_order(
    anonymous: Client, language: str, before: str, after: str
) -> None:
    page = html.unescape(_page(anonymous, "/states/", language))
    shown = re.findall(r'<a href="/states/\w\w/"><bdi>([^<]*)</bdi></a>', page)
    assert shown == [name for _code, name in places.states().options(language)]
    assert len(shown) == len(places.states().names["en"])
    assert shown.index(before) < shown.index(after)


def test_the_states_index_in_english_is_in_english_order(anonymous: Client) -> None:
    page = html.unescape(_page(anonymous, "/states/", "en"))
    shown = re.findall(r'<a href="/states/\w\w/"><bdi>([^<]*)</bdi></a>', page)
    assert shown[:3] == ["Alabama", "Alaska", "Arizona"]
    assert shown.index("District of Columbia") < shown.index("Florida")
