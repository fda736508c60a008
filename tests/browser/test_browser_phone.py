"""On a 360 px phone every page fits the width in English, Spanish and Arabic: nothing scrolls
sideways and no element sticks out past the screen's edge (an element an ancestor clips, such as a
name cut with an ellipsis, does not count)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from imgpath.web.pages.wizard import STEPS

from .conftest import PHONE, Watched, assert_fits, load_example, read_in, sign_up

WIDTH = PHONE["viewport"]["width"]
LANGUAGES = ["en", "es", "ar"]
ROUTE = "us-tn.provisional_foreign_training_license"
PAGES = [
    "/",
    "/profile/",
    *(f"/profile/{step.slug}/" for step in STEPS),
    "/profile/review/",
    "/results/",
    f"/results/{ROUTE}/",
    "/plans/",
    f"/plans/{ROUTE}/",
    "/states/",
    "/states/TN/",
    "/states/NY/",
    "/changes/",
    "/shortage-areas/",
    "/account/login/",
    "/account/signup/",
    "/account/password/reset/",
]
"""Pages anyone can open (with the example profile loaded: the widest case)."""

SIGNED_IN = ["/account/", "/account/searches/"]
"""Pages of a signed-in reader, besides their saved profile's own (opened from the account page)."""


def _fits(page: Page, path: str, language: str) -> None:
    response = page.goto(path)
    assert response is not None, path
    assert response.ok, f"{path} ({language}): {response.status}"
    assert page.locator("html").get_attribute("lang") == language, path
    assert_fits(page, WIDTH, f"{path} ({language})")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_a_phone_shows_the_page_without_sideways_scrolling(phone: Watched, path: str, language: str) -> None:
    load_example(phone.page)  # the wizard steps and results then hold a full profile
    read_in(phone.page, language)
    _fits(phone.page, path, language)
    assert phone.problems() == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_signed_in_readers_pages_fit_a_phone(phone: Watched, language: str) -> None:
    page = phone.page
    load_example(page)
    sign_up(page, f"phone-{language}")
    page.get_by_label("Name for this profile").fill("Internist, Tennessee offer")
    page.get_by_role("button", name="Save the profile I am working on").click()
    expect(page.get_by_role("status")).to_be_visible()
    saved = page.locator(".profiles").get_by_role("link", name="Internist, Tennessee offer", exact=True)
    profile = saved.get_attribute("href")
    assert profile is not None
    read_in(page, language)
    for path in [*SIGNED_IN, profile, f"{profile}plans/", f"{profile}checklist/{ROUTE}/"]:
        _fits(page, path, language)
    assert phone.problems() == []
