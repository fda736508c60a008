"""Public pages: home, results for the bundled example, the tile map, state pages, what changed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from clock import TODAY
from web_session import with_profile

NOTICE = "Legal information, not legal advice."


def test_home_explains_the_routes_and_the_notice(anonymous: Client) -> None:
    page = anonymous.get("/").content.decode()
    for words in ("Traditional", "Alternative", "Research positions", "Bridge and pathway programs", NOTICE):
        assert words in page


def test_every_page_sends_a_strict_content_security_policy(anonymous: Client) -> None:
    response = anonymous.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pages_load_no_third_party_asset_and_no_inline_script(anonymous: Client) -> None:
    page = anonymous.get("/").content.decode()
    head = page.split("</head>")[0]
    scripts = head.split("<script")[1:]
    assert scripts
    assert all(s.startswith(' src="/static/') and "></script>" in s for s in scripts)
    assert "<script" not in page.split("</head>")[1]
    assert 'href="http' not in head
    assert 'src="http' not in page


def test_the_example_profile_gives_a_tennessee_result(anonymous: Client) -> None:
    """The example (an internist from India with a Tennessee offer) lands on results that list
    Tennessee's provisional license for foreign-trained doctors, with its verdict: steps remain."""
    anonymous.post("/profile/", {"action": "example"})
    page = anonymous.get("/results/").content.decode()
    assert '<h2 id="place-US-TN">Tennessee' in page
    opening = '<article class="route" id="us-tn.provisional_foreign_training_license">'
    assert opening in page
    route = page.split(opening, 1)[1].split("</article>", 1)[0]
    assert '<span class="verdict needs_steps">Needs steps</span>' in route
    assert NOTICE in page


def test_results_for_the_example_contain_each_verdict_and_reason(
    anonymous: Client, example_data: dict[str, Any]
) -> None:
    with_profile(anonymous, example_data)
    page = anonymous.get("/results/?state=TN").content.decode()
    assert "Foreign training license of limited duration" in page
    assert "Needs practice outside the US" in page  # the deciding reason, in plain words
    assert "read 2026-11-25" in page


def test_results_filters_narrow_by_state_kind_and_verdict(
    anonymous: Client, example_data: dict[str, Any]
) -> None:
    with_profile(anonymous, example_data)
    page = anonymous.get("/results/?state=TN&kind=alternative").content.decode()
    assert "us-tn.foreign_training_license_2024" in page
    assert "us-fl." not in page
    assert "us-tn.traditional" not in page
    eligible_only = anonymous.get("/results/?verdict=eligible").content.decode()
    assert 'Not eligible</span>\n      <span class="kind">' not in eligible_only


def test_unknown_filter_values_are_ignored(anonymous: Client, example_data: dict[str, Any]) -> None:
    with_profile(anonymous, example_data)
    assert anonymous.get("/results/?state=ZZ&kind=nope&verdict=maybe").status_code == 200


def test_tile_map_labels_every_state_with_its_best_verdict(
    anonymous: Client, example_data: dict[str, Any]
) -> None:
    with_profile(anonymous, example_data)
    page = anonymous.get("/results/").content.decode()
    assert '<svg viewBox="0 0' in page
    assert 'role="group"' in page
    assert page.count('<g class="tile') == 51
    assert 'aria-label="TN, Tennessee: ' in page
    assert "<title>Tennessee: " in page


def test_results_without_a_profile_send_you_to_the_wizard(anonymous: Client) -> None:
    response = anonymous.get("/results/")
    assert response.status_code == 302
    assert response["Location"] == "/profile/"


@pytest.mark.parametrize("code", ["TN", "tn", "FL", "DC"])
def test_state_pages_show_routes_history_and_sources(anonymous: Client, code: str) -> None:
    page = anonymous.get(f"/states/{code}/").content.decode()
    assert "Status history" in page
    assert "Sources" in page
    assert "Criteria" in page
    assert "Last read:" in page


def test_tennessee_page_names_its_routes(anonymous: Client) -> None:
    page = anonymous.get("/states/TN/").content.decode()
    assert "Full license after US residency" in page
    assert "T.C.A. 63-6-207" in page


def test_an_unknown_state_is_404(anonymous: Client) -> None:
    response = anonymous.get("/states/ZZ/")
    assert response.status_code == 404
    assert "This page does not exist" in response.content.decode()


def test_state_page_shows_the_session_profiles_verdict_with_the_notice(
    anonymous: Client, example_data: dict[str, Any]
) -> None:
    with_profile(anonymous, example_data)
    page = anonymous.get("/states/TN/").content.decode()
    assert "for your profile:" in page
    assert NOTICE in page


def test_what_changed_lists_dated_changes_newest_first(anonymous: Client) -> None:
    page = anonymous.get("/changes/").content.decode()
    dates = [chunk.split('"')[0] for chunk in page.split('<h2 id="d-')[1:]]
    assert dates
    assert dates == sorted(dates, reverse=True)
    assert "status: law, not yet in force" in page


def test_what_changed_lists_no_value_on_the_day_it_was_first_seen(anonymous: Client) -> None:
    """A long-standing rule first seen in a 2017 table did not change on that day."""
    page = anonymous.get("/changes/?state=TN").content.decode()
    assert 'id="d-2010-12-31"' not in page  # Tennessee's traditional route: first seen in its 2010 text


def test_what_changed_narrows_to_one_state(anonymous: Client) -> None:
    page = anonymous.get("/changes/?state=TN").content.decode()
    assert "US-TN:" in page
    assert "US-FL:" not in page


def test_what_changed_counts_what_the_rules_do_not_yet_know_as_the_cli_does(anonymous: Client) -> None:
    from imgpath.rulebook.gaps import rulebook_gaps, totals
    from imgpath.rulebook.loader import default_rulebook

    texas = [g for g in rulebook_gaps(default_rulebook(), TODAY) if g.jurisdiction == "US-TX"]
    counted = totals(texas)
    page = anonymous.get("/changes/?state=TX").content.decode()
    section = page.split('id="gaps-title"')[1].split("</section>")[0]
    assert f"{counted['routes_with_gaps']} of {counted['routes']} routes" in section
    assert f"<dd>{counted['unverified_requirements']}</dd>" in section
    assert counted["unverified_requirements"] > 0


CITIZEN = """\
medical_school: {country: IN, graduated: 2012-05}
ecfmg_certified: 2021-03-10
immigration: {status: citizen, work_authorized: true}
"""


def test_a_citizen_sees_visa_routes_apart_not_as_failures(anonymous: Client) -> None:
    assert anonymous.post("/profile/", {"action": "import", "text": CITIZEN}).status_code == 302
    page = anonymous.get("/results/").content.decode()
    routes, apart = page.split('id="apart-title"')
    assert 'id="us.j1_clinical"' not in routes  # not among the verdicts
    assert "J-1" in apart
    assert "need no visa" in apart


def test_a_route_with_open_questions_shows_its_bounds_and_the_questions(anonymous: Client) -> None:
    assert anonymous.post("/profile/", {"action": "import", "text": CITIZEN}).status_code == 302
    page = anonymous.get("/results/?state=TN").content.decode()
    route = page.split('id="us-tn.traditional"')[1].split("</article>")[0]
    assert "If the open questions go your way:" in route
    assert "open questions</summary>" in route
    assert "You have not said whether you passed USMLE Step 3" in route


def test_state_index_lists_every_state(anonymous: Client) -> None:
    page = anonymous.get("/states/").content.decode()
    assert "Tennessee" in page
    assert "Wyoming" in page


def test_arabic_pages_read_right_to_left(anonymous: Client) -> None:
    page = anonymous.get("/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in page


def test_the_language_can_be_chosen_without_javascript(anonymous: Client) -> None:
    response = anonymous.post("/i18n/setlang/", {"language": "es", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="es" dir="ltr">' in anonymous.get("/").content.decode()


def test_only_the_api_docs_allow_inline_styles(anonymous: Client) -> None:
    assert "unsafe-inline" in anonymous.get("/api/v1/docs")["Content-Security-Policy"]
    assert "unsafe-inline" not in anonymous.get("/api/v1/jurisdictions")["Content-Security-Policy"]


def test_explain_shows_every_criterion_of_one_route(anonymous: Client, example_data: dict[str, Any]) -> None:
    with_profile(anonymous, example_data)
    page = anonymous.get("/results/us-tn.traditional/").content.decode()
    assert "Passed all three Steps within 7 years" in page  # the deciding clause's summary
    assert "T.C.A. 63-6-207 (2010 text)" in page
    assert NOTICE in page
    assert anonymous.get("/results/us-zz.nothing/").status_code == 404


def test_what_changed_continues_on_older_pages(anonymous: Client) -> None:
    first = anonymous.get("/changes/").content.decode()
    second = anonymous.get("/changes/?page=2").content.decode()
    last_first = [c.split('"')[0] for c in first.split('<h2 id="d-')[1:]][-1]
    first_second = next(c.split('"')[0] for c in second.split('<h2 id="d-')[1:])
    assert first_second <= last_first
    assert 'rel="next"' in first
    assert 'rel="prev"' in second


def test_results_are_rendered_once_per_profile_and_filters(
    anonymous: Client, example_data: dict[str, Any]
) -> None:
    def routes() -> str:
        page = anonymous.get("/results/?state=TN").content.decode()
        return page[page.index('<section id="routes"') : page.index("</main>")]

    with_profile(anonymous, example_data)
    first = routes()
    assert routes() == first
    with_profile(anonymous, {**example_data, "ecfmg_certified": False})
    assert routes() != first  # a changed profile is never answered from another's rendering


def test_state_pages_show_fees_with_their_sources(anonymous: Client) -> None:
    page = anonymous.get("/states/TN/").content.decode()
    assert "Application fee (non-refundable): USD 300" in page
