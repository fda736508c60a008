"""Schema.org JSON-LD for listings and organisations: the right type, only what the source says, and
JSON that no listing's text can break out of its script block."""

from __future__ import annotations

import json
from typing import Any

import pytest

from imgpath.finder import Opportunity, Organisation
from imgpath.web.lib.jsonld import opportunity_jsonld, organisation_jsonld, schema_type, script_json
from listing_data import demo_listing

URL = "https://example.org/opportunities/demo/"


def listing(**changes: Any) -> Opportunity:
    return Opportunity.model_validate(
        demo_listing(
            id="demo",
            host={"name": "Demo Hospital", "url": "https://example.org"},
            place={"state": "TN", "city": "Memphis"},
        )
        | changes
    )


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("observership", "EducationalOccupationalProgram"),
        ("hands_on_clinical", "EducationalOccupationalProgram"),
        ("research_position", "EducationalOccupationalProgram"),
        ("preparatory_program", "EducationalOccupationalProgram"),
        ("exam_preparation", "EducationalOccupationalProgram"),
        ("bridge_program", "EducationalOccupationalProgram"),
        ("state_program", "EducationalOccupationalProgram"),
        ("job", "JobPosting"),
        ("non_clinical_role", "JobPosting"),
        ("telemedicine_role", "JobPosting"),
        ("funding", "MonetaryGrant"),
    ],
)
def test_each_kind_is_published_as_its_schema_org_type(kind: str, expected: str) -> None:
    assert schema_type(listing(kind=kind)) == expected
    assert opportunity_jsonld(listing(kind=kind), URL)["@type"] == expected


def test_a_program_gives_its_provider_place_and_dates_and_no_price_when_the_cost_is_unknown() -> None:
    data = opportunity_jsonld(
        listing(duration={"min_weeks": 4}, application={"deadline": "2027-03-01"}, capacity=6), URL
    )
    assert data["@context"] == "https://schema.org"
    assert data["provider"] == {
        "@type": "Organization",
        "name": "Demo Hospital",
        "url": "https://example.org",
    }
    assert data["location"]["address"]["addressRegion"] == "TN"
    assert (data["timeToComplete"], data["applicationDeadline"], data["maximumEnrollment"]) == (
        "P4W",
        "2027-03-01",
        6,
    )
    assert "offers" not in data


def test_a_free_program_is_offered_at_0_and_a_priced_one_at_its_least_cost() -> None:
    assert opportunity_jsonld(listing(cost={"free": True}), URL)["offers"]["price"] == 0
    priced = listing(
        cost={"application_fee": {"usd": 100}, "tuition": {"usd": 500, "per": "week"}},
        duration={"min_weeks": 2},
    )
    assert opportunity_jsonld(priced, URL)["offers"]["price"] == 1100


def test_a_job_names_its_occupation_employer_and_pay() -> None:
    data = opportunity_jsonld(
        listing(kind="job", occupational_category="29-1216.00", stipend={"usd": 5000, "per": "month"}), URL
    )
    assert (data["title"], data["occupationalCategory"]) == ("Demo observership", "29-1216.00")
    assert data["hiringOrganization"]["name"] == "Demo Hospital"
    assert data["baseSalary"]["value"] == {"@type": "QuantitativeValue", "value": 5000, "unitText": "MONTH"}
    assert "datePosted" not in data  # the source does not say when it was posted


def test_a_grant_names_its_funder_and_amount() -> None:
    data = opportunity_jsonld(listing(kind="funding", amount={"usd": 1000}), URL)
    assert data["funder"]["name"] == "Demo Hospital"
    assert data["amount"] == {"@type": "MonetaryAmount", "currency": "USD", "value": 1000}


def test_an_organisation_is_an_open_referral_like_organization_with_its_services() -> None:
    organisation = Organisation.model_validate(
        {
            "id": "demo-help",
            "name": "Demo Help",
            "summary": "Helps.",
            "offers": ["case management"],
            "states": ["MD"],
            "languages": ["en", "es"],
            "reference": [{"title": "Demo source", "href": "https://example.org"}],
            "last_verified": "2026-11-01",
        }
    )
    data = organisation_jsonld(organisation, URL)
    assert data["@type"] == "Organization"
    assert data["areaServed"] == [{"@type": "State", "name": "MD"}]
    assert data["knowsLanguage"] == ["en", "es"]
    assert data["makesOffer"] == [
        {"@type": "Offer", "itemOffered": {"@type": "Service", "name": "case management"}}
    ]


def test_no_text_can_close_the_script_block_and_the_json_still_reads_the_same() -> None:
    data = opportunity_jsonld(listing(summary="Ends here </script><script>alert(1)</script> & <!-- too"), URL)
    written = script_json(data)
    assert "<" not in written
    assert ">" not in written
    assert "&" not in written
    assert json.loads(written) == data
