"""The finder's pages in a browser: on a phone they fit the width in every language, and they load
with no console error, no CSP violation (the JSON-LD block is data, not a script) and no outside
request."""

from __future__ import annotations

import pytest

from imgpath.finder import load_catalogue
from imgpath.web.opportunities.catalogue import load_listings

from .conftest import PHONE, Watched, load_example, read_in

WIDTH = PHONE["viewport"]["width"]
CATALOGUE = load_catalogue()


def _pages() -> list[str]:
    first = CATALOGUE.opportunities[0].id
    organisation = CATALOGUE.organisations[0].id
    story = CATALOGUE.stories[0].id
    return [
        "/opportunities/",
        "/opportunities/?kind=observership&kind=hands_on_clinical",
        f"/opportunities/{first}/",
        "/organisations/",
        f"/organisations/{organisation}/",
        "/stories/",
        f"/stories/{story}/",
        "/telemedicine/",
        "/hosts/code-of-conduct/",
    ]


@pytest.fixture
def listings(db: None) -> None:
    load_listings(CATALOGUE)


@pytest.mark.usefixtures("listings")
@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_the_finder_pages_fit_a_phone_in_every_language(phone: Watched, language: str) -> None:
    page = phone.page
    load_example(page)  # verdicts and their reasons: the widest results
    read_in(page, language)
    for path in _pages():
        response = page.goto(path)
        assert response is not None
        assert response.ok, f"{path}: {response.status}"
        assert page.locator("html").get_attribute("lang") == language, path
        widths = page.evaluate(
            "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
        )
        assert widths["scroll"] <= widths["inner"], (
            f"{path} ({language}) scrolls sideways on a phone: {widths}"
        )
    assert phone.problems() == []


@pytest.mark.usefixtures("listings")
def test_a_reader_filters_by_kind_and_opens_a_listing(watched: Watched) -> None:
    page = watched.page
    page.goto("/")
    page.locator("a[href*='/opportunities/?kind=observership']").first.click()
    page.wait_for_url("**/opportunities/?kind=observership*")
    first = page.locator("article.listing h3 a").first
    title = first.inner_text()
    first.click()
    assert page.locator("h1").inner_text().strip() == title.strip()
    assert page.locator("script[type='application/ld+json']").count() == 1
    assert watched.problems() == []
