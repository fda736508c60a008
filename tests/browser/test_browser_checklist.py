"""A user tracks a plan: saves the profile, ticks a step in the plan's checklist, downloads the plan's
calendar (ICS) and subscribes to the private feed, whose old address stops working once rotated."""

from __future__ import annotations

from icalendar import Calendar
from playwright.sync_api import expect

from .conftest import Watched, load_example, sign_up

ROUTE = "us-tn.provisional_foreign_training_license"
ROUTE_NAME = "Provisional foreign training license (2026 rewrite)"
STEP = "work_authorization"  # the example internist has no US work authorisation yet


def _sign_up_and_save(watched: Watched) -> None:
    page = watched.page
    load_example(page)
    sign_up(page, "kofi")
    page.get_by_label("Name for this profile").fill("Internist")
    page.get_by_role("button", name="Save the profile I am working on").click()
    expect(page.get_by_role("status")).to_contain_text("Profile saved.")


def test_a_user_ticks_a_step_and_downloads_the_calendar(watched: Watched) -> None:
    page = watched.page
    _sign_up_and_save(watched)

    page.get_by_role("link", name="Plans for Internist").click()
    page.locator(f'[id="row-{ROUTE}"]').get_by_role("link", name=ROUTE_NAME).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(ROUTE_NAME)
    page.locator("#checklist-link").click()

    status = page.locator(f"#status-{STEP}")
    expect(status).to_have_value("todo")
    status.select_option("done")
    page.locator("#checklist-save").click()
    expect(page.get_by_role("status")).to_contain_text("Checklist saved.")
    page.reload()
    expect(page.locator(f"#status-{STEP}")).to_have_value("done")  # kept on the server, not the page

    page.go_back()
    page.go_back()  # the plan page again
    with page.expect_download() as download_info:
        page.locator("#ics-download").click()
    download = download_info.value
    calendar = Calendar.from_ical(download.path().read_bytes())
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert "Apply to the state medical board" in summaries

    page.goto("/account/")
    page.locator("#feed-rotate").click()
    first = page.locator("#feed-url").input_value()
    feed = page.request.get(first)
    assert feed.ok
    assert feed.headers["content-type"].startswith("text/calendar")
    assert any(ROUTE in str(e["UID"]) for e in Calendar.from_ical(feed.body()).walk("VEVENT"))
    page.locator("#feed-rotate").click()
    second = page.locator("#feed-url").input_value()
    assert second != first
    assert page.request.get(first).status == 404  # the old address stops working
    assert page.request.get(second).ok
    assert watched.problems() == []
