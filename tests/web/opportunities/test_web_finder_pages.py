"""The finder's pages: search with its filters and verdicts, a listing's every fact, its JSON-LD,
organisations and stories, in English, Spanish and Arabic."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from imgpath.finder import Listings
from imgpath.web.accounts.models import SavedProfile
from imgpath.web.opportunities.catalogue import load_listings
from listing_data import demo_listing
from web_session import with_profile

pytestmark = pytest.mark.django_db

NOTICE = "Legal information, not legal advice."


def opportunity(**changes: Any) -> dict[str, Any]:
    return (
        demo_listing(
            title="Demo internal medicine observership",
            summary="An illustrative four-week observership </script><b>not bold</b>.",
            host={"name": "Demo Hospital", "organisation": "demo-help"},
            place={"state": "TN", "city": "Memphis"},
            duration={"min_weeks": 4},
            application={"deadline": "2027-03-01", "how": "Send a CV and a letter."},
            visas=["B1"],
            cautions=["Observing only: no patient care."],
        )
        | changes
    )


def catalogue(*opportunities: dict[str, Any]) -> Listings:
    return Listings.model_validate(
        {
            "opportunities": list(opportunities) or [opportunity()],
            "organisations": [
                {
                    "id": "demo-help",
                    "name": "Demo Help Network",
                    "summary": "An illustrative organisation.",
                    "offers": ["mock interviews"],
                    "states": ["TN"],
                    "languages": ["en", "es"],
                    "reference": [{"title": "Demo source", "href": "https://example.org/help"}],
                    "last_verified": "2026-11-01",
                }
            ],
            "stories": [
                {
                    "id": "demo-story",
                    "title": "A demo story of a doctor",
                    "summary": "An illustrative account.",
                    "organisations": ["demo-help"],
                    "reference": [{"title": "Demo story source", "href": "https://example.org/story"}],
                    "last_verified": "2026-11-01",
                }
            ],
        }
    )


def jsonld(page: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert found is not None
    data: dict[str, Any] = json.loads(found.group(1))
    return data


CITIZEN = {"immigration": {"status": "citizen"}}


def test_the_search_page_prompts_for_a_profile_and_says_an_unknown_cost_is_unknown(anonymous: Client) -> None:
    load_listings(catalogue())
    page = anonymous.get("/opportunities/").content.decode()
    assert "Demo internal medicine observership" in page
    assert 'id="profile-prompt"' in page
    assert "Cost not known: the source does not give it" in page
    assert "USD 0" not in page
    assert "Free" not in page
    assert "Demo: illustrative, not real" in page
    assert NOTICE in page


def test_with_a_session_profile_each_listing_shows_its_verdict_and_why(anonymous: Client) -> None:
    load_listings(catalogue())
    with_profile(anonymous, CITIZEN)
    page = anonymous.get("/opportunities/").content.decode()
    assert 'id="profile-prompt"' not in page
    assert '<span class="verdict eligible">Eligible</span>' in page
    assert "You meet every requirement the listing states." in page
    assert "An illustrative listing (demo), not a real one." in page


def test_free_is_said_only_when_the_source_says_so(anonymous: Client) -> None:
    load_listings(catalogue(opportunity(cost={"free": True})))
    assert "Free (the source says it costs nothing)" in anonymous.get("/opportunities/").content.decode()


def test_the_filters_narrow_and_the_cost_filter_counts_what_it_left_out(anonymous: Client) -> None:
    load_listings(
        catalogue(
            opportunity(),
            opportunity(
                id="demo-research", kind="research_position", title="Demo research post", cost={"free": True}
            ),
        )
    )
    with_profile(anonymous, CITIZEN)
    page = anonymous.get("/opportunities/?kind=research_position").content.decode()
    assert "Demo research post" in page
    assert "Demo internal medicine observership" not in page
    page = anonymous.get("/opportunities/?cost_at_most=100").content.decode()
    assert "Demo research post" in page
    assert "Demo internal medicine observership" not in page
    assert 'id="left-out-cost"' in page


def test_a_bad_filter_is_named_and_no_list_passes_for_the_search(anonymous: Client) -> None:
    load_listings(catalogue())
    response = anonymous.get("/opportunities/?cost_at_most=lots&state=TN")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a number." in page
    assert 'id="filters-invalid"' in page
    assert "Demo internal medicine observership" not in page
    assert "1 listing" not in page


@pytest.mark.parametrize("written", ["B-1", "b1", "B1", "B-1/B-2", "b-1 visa"])
def test_the_visa_filter_takes_a_visa_as_people_write_it(anonymous: Client, written: str) -> None:
    load_listings(catalogue(opportunity(), opportunity(id="demo-j1", title="Demo J1 research", visas=["J1"])))
    response = anonymous.get("/opportunities/", {"visa": written})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Demo internal medicine observership" in page
    assert "Demo J1 research" not in page
    j1 = anonymous.get("/opportunities/", {"visa": "J-1"}).content.decode()
    assert "Demo J1 research" in j1
    assert "Demo internal medicine observership" not in j1


def test_a_visa_that_is_not_one_is_named(anonymous: Client) -> None:
    load_listings(catalogue())
    response = anonymous.get("/opportunities/", {"visa": "any visa please"})
    assert response.status_code == 400
    assert "Write a visa class such as J-1, H-1B or B-1." in response.content.decode()


def test_the_specialty_filter_offers_specialties_in_words(anonymous: Client) -> None:
    load_listings(catalogue(opportunity(specialties=["internal_medicine"])))
    page = anonymous.get("/opportunities/").content.decode()
    assert '<option value="internal_medicine">Internal medicine</option>' in page
    assert "internal_medicine." not in page  # no code as the example
    spanish = anonymous.get("/opportunities/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert '<option value="internal_medicine">Medicina interna</option>' in spanish
    found = anonymous.get("/opportunities/?specialty=internal_medicine").content.decode()
    assert "Demo internal medicine observership" in found
    older = anonymous.get("/opportunities/?specialty=sports_medicine")
    assert older.status_code == 200  # a code we have no label for still filters
    assert "Demo internal medicine observership" not in older.content.decode()


@pytest.mark.parametrize(
    ("language", "status", "specialty"),
    [
        ("en", "Status: open", "Internal medicine"),
        ("es", "Estado: abierto", "Medicina interna"),
        ("ar", "مفتوح", "الطب الباطني"),
    ],
)
def test_a_listing_s_status_and_specialties_are_in_the_reader_s_language(
    anonymous: Client, language: str, status: str, specialty: str
) -> None:
    load_listings(catalogue(opportunity(specialties=["internal_medicine"])))
    page = anonymous.get("/opportunities/demo-observership/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert status in page
    assert specialty in page
    assert "internal medicine</dd>" not in page


def test_a_signed_in_reader_is_offered_their_saved_profiles_on_a_listing(
    as_alice: Client, alice_profile: SavedProfile
) -> None:
    load_listings(catalogue())
    page = as_alice.get("/opportunities/demo-observership/").content.decode()
    assert 'id="profile-prompt"' not in page
    assert f'href="?profile={alice_profile.pk}#fit-title"' in page
    judged = as_alice.get(f"/opportunities/demo-observership/?profile={alice_profile.pk}").content.decode()
    assert "For your saved profile Alice&#x27;s internist." in judged
    assert 'class="verdict ' in judged


def test_another_account_s_profile_is_not_judged(anonymous: Client, alice_profile: SavedProfile) -> None:
    load_listings(catalogue())
    page = anonymous.get(f"/opportunities/demo-observership/?profile={alice_profile.pk}").content.decode()
    assert 'id="profile-prompt"' in page
    assert "Alice" not in page


def test_a_stale_listing_carries_a_warning(anonymous: Client) -> None:
    load_listings(catalogue(opportunity(last_verified="2026-04-01")))
    page = anonymous.get("/opportunities/").content.decode()
    assert "Not verified since 2026-04-01" in page


def test_results_are_paginated(anonymous: Client) -> None:
    load_listings(
        catalogue(*(opportunity(id=f"demo-{n:02d}", title=f"Demo listing {n:02d}") for n in range(25)))
    )
    first = anonymous.get("/opportunities/?kind=observership").content.decode()
    assert "Page 1 of 2" in first
    assert "Demo listing 00" in first
    assert "Demo listing 24" not in first
    assert "?kind=observership&amp;page=2" in first
    second = anonymous.get("/opportunities/?kind=observership&page=2").content.decode()
    assert "Demo listing 24" in second


def test_a_listing_page_gives_every_fact_its_verdict_and_its_json_ld(anonymous: Client) -> None:
    load_listings(catalogue())
    with_profile(anonymous, CITIZEN)
    page = anonymous.get("/opportunities/demo-observership/").content.decode()
    for words in (
        "Demo Hospital",
        "Memphis",
        "Observing only: no patient care.",
        "Send a CV and a letter.",
        "B1",
        "Last verified",
        NOTICE,
        '<span class="verdict eligible">Eligible</span>',
        'href="/organisations/demo-help/"',
        '<meta name="robots" content="noindex">',
    ):
        assert words in page, words
    data = jsonld(page)
    assert data["@type"] == "EducationalOccupationalProgram"
    assert data["provider"]["name"] == "Demo Hospital"
    assert "offers" not in data  # no cost given: no price, never 0
    assert "</script><b>" not in page.split("<main")[1].split('type="application/ld+json">')[1]


def test_a_job_is_a_job_posting_and_funding_a_grant(anonymous: Client) -> None:
    load_listings(
        catalogue(
            opportunity(id="demo-job", kind="job", title="Demo job", occupational_category="29-1216.00"),
            opportunity(id="demo-grant", kind="funding", title="Demo grant", amount={"usd": 1000}),
        )
    )
    job = jsonld(anonymous.get("/opportunities/demo-job/").content.decode())
    assert (job["@type"], job["occupationalCategory"]) == ("JobPosting", "29-1216.00")
    grant = jsonld(anonymous.get("/opportunities/demo-grant/").content.decode())
    assert (grant["@type"], grant["amount"]["value"]) == ("MonetaryGrant", 1000)


def test_requirements_give_their_verdict_reasons_and_open_questions(anonymous: Client) -> None:
    letter = {"id": "letter", "type": "unverified_requirement", "summary": "A letter from a US physician"}
    load_listings(catalogue(opportunity(requirements=[letter])))
    with_profile(anonymous, CITIZEN)
    page = anonymous.get("/opportunities/demo-observership/").content.decode()
    assert '<span class="verdict unknown">Unknown</span>' in page
    assert "Its requirements" in page
    assert "A letter from a US physician" in page
    assert "Open questions" in page
    assert "The host does not say yet:" in page


def test_unknown_slugs_are_not_found(anonymous: Client) -> None:
    load_listings(catalogue())
    for url in ("/opportunities/nothing-here/", "/organisations/nothing-here/", "/stories/nothing-here/"):
        assert anonymous.get(url).status_code == 404, url


def test_organisations_and_stories_have_their_pages(anonymous: Client) -> None:
    load_listings(catalogue())
    assert "Demo Help Network" in anonymous.get("/organisations/").content.decode()
    page = anonymous.get("/organisations/demo-help/").content.decode()
    assert "mock interviews" in page
    assert "Demo internal medicine observership" in page
    assert "A demo story of a doctor" in page
    data = jsonld(page)
    assert data["@type"] == "Organization"
    assert data["makesOffer"][0]["itemOffered"]["name"] == "mock interviews"
    assert "A demo story of a doctor" in anonymous.get("/stories/").content.decode()
    story = anonymous.get("/stories/demo-story/").content.decode()
    assert "Demo story source" in story
    assert 'href="/organisations/demo-help/"' in story


def test_the_home_page_families_lead_to_their_kinds(anonymous: Client) -> None:
    page = anonymous.get("/").content.decode()
    assert 'href="/opportunities/?kind=observership&amp;kind=hands_on_clinical"' in page
    assert 'href="/opportunities/?kind=research_position"' in page
    assert 'href="/organisations/"' in page
    assert 'href="/stories/"' in page


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("es", ["Oportunidades", "Costo desconocido", "Elegible"]),
        ("ar", ['dir="rtl"', "الفرص", "مؤهَّل", "التكلفة غير معروفة"]),
    ],
)
def test_the_pages_in_spanish_and_arabic(anonymous: Client, language: str, words: list[str]) -> None:
    load_listings(catalogue())
    with_profile(anonymous, CITIZEN)
    for url in (
        "/opportunities/",
        "/opportunities/demo-observership/",
        "/organisations/",
        "/organisations/demo-help/",
        "/stories/",
        "/stories/demo-story/",
    ):
        response = anonymous.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
    page = anonymous.get("/opportunities/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    for word in words:
        assert word in page, word


def test_the_json_ld_is_the_only_inline_script_and_the_policy_stays_strict(anonymous: Client) -> None:
    """A JSON-LD block is data the browser does not run: the CSP needs no 'unsafe-inline' for it."""
    load_listings(catalogue())
    response = anonymous.get("/opportunities/demo-observership/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    body = response.content.decode().split("</head>")[1]
    assert [s.split(">")[0] for s in body.split("<script")[1:]] == [' type="application/ld+json"']
    assert 'src="http' not in body


def test_a_signed_in_reader_can_save_the_search_and_a_listing_offers_a_report_and_a_plan(
    as_alice: Client, anonymous: Client
) -> None:
    load_listings(catalogue())
    search = as_alice.get("/opportunities/?kind=observership").content.decode()
    assert 'action="/account/searches/save/"' in search
    assert 'value="kind=observership"' in search
    assert 'action="/account/searches/save/"' not in anonymous.get("/opportunities/").content.decode()
    page = anonymous.get("/opportunities/demo-observership/").content.decode()
    assert 'href="/opportunities/demo-observership/report/"' in page
    assert 'href="/hosts/code-of-conduct/"' in page
    assert page.count('id="add-to-plan-title"') == 1
    assert "In your plan" not in page  # one heading for the plan, not an empty one above it
