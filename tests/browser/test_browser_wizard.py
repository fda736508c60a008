"""A new visitor, with no account, fills the wizard by keyboard and clicks and sees Tennessee's routes."""

from __future__ import annotations

from importlib import resources

from playwright.sync_api import Page, expect

from imgpath.engine.profile import parse_profile
from imgpath.rulebook.loader import default_rulebook
from imgpath.web.lib.labels import VERDICT_LABELS
from imgpath.web.pages.results import run_check

from .conftest import Watched


def expected_tennessee() -> dict[str, tuple[str, str]]:
    """What the engine says for the example internist in Tennessee: route id -> (name, verdict label)."""
    text = resources.files("imgpath.examples").joinpath("experienced-internist.yaml").read_text("utf-8")
    result = run_check(parse_profile(text, "example"), default_rulebook())
    return {
        r.pathway: (r.name, str(VERDICT_LABELS[r.verdict]))
        for r in result.results
        if r.jurisdiction == "US-TN"
    }


def type_and_tab(page: Page, *answers: str) -> None:
    """Type each answer into the focused field, Tab to the next: the keyboard order of the form."""
    for answer in answers:
        if answer:
            page.keyboard.type(answer)
        page.keyboard.press("Tab")


def test_a_new_visitor_fills_the_wizard_and_sees_a_tennessee_result(watched: Watched) -> None:
    page = watched.page
    page.goto("/")
    page.get_by_role("link", name="Check my routes").click()
    page.get_by_role("button", name="Start a new profile").click()

    # step 1, by keyboard: the label click focuses the first field, then Tab walks the form in order
    expect(page.get_by_role("heading", level=1)).to_have_text("Step 1 of 7: Medical school")
    page.get_by_label("Citizenship").click()
    type_and_tab(page, "IN", "IN", "2012-05")
    expect(page.get_by_label("Is your school listed")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("ECFMG certified?")).to_be_focused()
    page.get_by_label("ECFMG certified?").select_option("yes")
    page.get_by_label("Certified on").fill("2021-03-10")
    page.keyboard.press("Enter")  # the form's first button: save and continue

    expect(page.get_by_role("heading", level=1)).to_have_text("Step 2 of 7: Exams")
    exams = {
        "usmle_step1": ("passed", "2019-03-01", "1", ""),
        "usmle_step2_ck": ("passed", "2019-09-01", "1", "245"),
        "usmle_step3": ("not_passed", "", "", ""),
        "oet_medicine": ("passed", "2020-01-15", "", ""),
    }
    for exam, (status, passed, attempts, score) in exams.items():
        page.locator(f"#id_exams__{exam}__status").select_option(status)
        page.locator(f"#id_exams__{exam}__passed").fill(passed)
        page.locator(f"#id_exams__{exam}__attempts").fill(attempts)
        page.locator(f"#id_exams__{exam}__score").fill(score)
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Step 3 of 7: Training")
    page.get_by_label("Years of US residency").fill("0")
    page.locator("#id_training-0-country").fill("IN")
    page.locator("#id_training-0-kind").select_option("residency")
    page.locator("#id_training-0-specialty").select_option("internal_medicine")
    page.locator("#id_training-0-start").fill("2012-07")
    page.locator("#id_training-0-end").fill("2015-06")
    page.locator("#id_training-0-completed").select_option("yes")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Step 4 of 7: Practice and licenses")
    page.locator("#id_practice-0-country").fill("IN")
    page.locator("#id_practice-0-start").fill("2015-07")
    page.locator("#id_practice-0-end").fill("2024-12")
    page.locator("#id_licenses-0-jurisdiction").fill("IN")
    page.locator("#id_licenses-0-status").select_option("active")
    page.locator("#id_licenses-0-discipline").select_option("no")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Step 5 of 7: Job offer and status")
    page.get_by_label("Do you hold a US job offer").select_option("yes")
    page.get_by_label("State of the offer").fill("TN")
    page.get_by_label("Employer type").select_option("hospital")
    page.get_by_label("Full-time?").select_option("yes")
    page.get_by_label("In a shortage area").select_option("yes")
    page.get_by_label("Does the employer run accredited").select_option("yes")
    page.get_by_label("Immigration status").select_option("abroad")
    page.get_by_label("Authorized to work in the US?").select_option("no")
    page.get_by_label("States you are interested in").fill("TN, FL, IL")
    page.get_by_role("group", name="Specialties you are interested in").get_by_label(
        "Internal medicine"
    ).check()
    page.get_by_label("Budget for exams and fees").fill("8000")
    page.get_by_label("Check on this date").fill("2026-11-25")
    page.get_by_role("button", name="Save and continue").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Step 6 of 7: Documents")
    page.locator("#id_credentials__specialty_board_certification").select_option("no")
    page.get_by_role("button", name="Save and review my answers").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Step 7 of 7: Review your answers")
    page.get_by_role("link", name="See my routes").click()

    page.wait_for_url("**/results/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your routes")
    expected = expected_tennessee()
    assert expected, "the rulebook has routes in Tennessee"
    tennessee = page.locator("section.place[data-state='US-TN']")  # a preferred state: shown open
    expect(tennessee.get_by_role("heading", level=2)).to_contain_text("Tennessee")
    if len(expected) > 1:  # its best route shown, the others folded: open them as a reader would
        tennessee.locator("details.more > summary").click()
    for pathway, (name, verdict) in expected.items():
        route = page.locator(f"article[id='{pathway}']")
        expect(route.get_by_role("heading", level=3)).to_have_text(name)
        expect(route.locator(".verdict")).to_have_text(verdict)
    # the map names Tennessee and its best verdict, for screen readers too
    expect(page.locator("svg a[aria-label^='TN, Tennessee: ']")).to_have_count(1)
    assert watched.problems() == []


def test_the_wizard_shows_an_error_beside_the_field(watched: Watched) -> None:
    page = watched.page
    page.goto("/profile/school/")
    page.get_by_label("Graduated").fill("Mya 2012")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.get_by_role("alert")).to_contain_text("Some answers need a look")
    field = page.locator(".field.invalid", has=page.get_by_label("Graduated"))
    expect(field.get_by_label("Graduated")).to_have_value("Mya 2012")
    expect(field.locator(".error")).to_contain_text("'Mya 2012' is not a date we can read")
    # the summary links to the field, and following it puts the cursor there
    page.get_by_role("alert").get_by_role("link", name="Graduated").click()
    expect(page.get_by_label("Graduated")).to_be_focused()
