"""A visitor signs up, saves the profile they worked on, logs out, and finds it again after logging in."""

from __future__ import annotations

from playwright.sync_api import expect

from passwords import PASSWORD

from .conftest import Watched, load_example, sign_up


def test_a_user_signs_up_saves_the_profile_and_finds_it_after_logging_in_again(watched: Watched) -> None:
    page = watched.page
    load_example(page)

    sign_up(page, "amara")

    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    expect(page.get_by_text("No saved profiles yet.")).to_be_visible()
    page.get_by_label("Name for this profile").fill("Internist, Tennessee offer")
    page.get_by_role("button", name="Save the profile I am working on").click()
    expect(page.get_by_role("status")).to_contain_text("Profile saved.")
    expect(
        page.locator(".profiles").get_by_role("link", name="Internist, Tennessee offer", exact=True)
    ).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    page.goto("/account/")  # no longer logged in: the account asks for a log-in first
    page.wait_for_url("**/account/login/**")
    page.get_by_label("Username").fill("amara")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    saved = page.locator(".profiles li", has_text="Internist, Tennessee offer")
    expect(saved).to_have_count(1)
    saved.get_by_role("button", name="Open").click()
    page.wait_for_url("**/results/")
    expect(page.locator("article[id^='us-tn.']").first).to_be_visible()
    assert watched.problems() == []
