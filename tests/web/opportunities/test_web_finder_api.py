"""The finder's API: searching without a profile, ranking by fit for a posted one, one listing, and
organisations and stories; a bad profile or filter names its field."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from imgpath.finder import Listings, check_catalogue
from imgpath.web.opportunities.catalogue import load_listings
from imgpath.yamlio import InputError
from listing_data import demo_listing

pytestmark = pytest.mark.django_db

ORGANISATION = {
    "id": "demo-help",
    "name": "Demo Help Network",
    "summary": "An illustrative organisation.",
    "reference": [{"title": "Demo source", "href": "https://example.org/help"}],
    "last_verified": "2026-11-01",
}
STORY = {
    "id": "demo-story",
    "title": "A demo story",
    "summary": "An illustrative account.",
    "reference": [{"title": "Demo story source", "href": "https://example.org/story"}],
    "last_verified": "2026-11-01",
}


def opportunity(**changes: Any) -> dict[str, Any]:
    return demo_listing(visas=["B1"], application={"deadline": "2027-03-01"}) | changes


def load(*opportunities: dict[str, Any]) -> None:
    load_listings(
        Listings.model_validate(
            {
                "opportunities": list(opportunities) or [opportunity()],
                "organisations": [ORGANISATION],
                "stories": [STORY],
            }
        )
    )


def post_fit(client: Client, profile: Any, query: str = "") -> Any:
    return client.post(
        f"/api/v1/opportunities/fit{query}", json.dumps(profile), content_type="application/json"
    )


def test_searching_without_a_profile_gives_listings_and_no_verdicts(anonymous: Client) -> None:
    load(opportunity(), opportunity(id="demo-paid", title="Demo paid", cost={"tuition": {"usd": 500}}))
    answer = anonymous.get("/api/v1/opportunities").json()
    assert (answer["total"], answer["page"], answer["pages"], answer["as_of"]) == (2, 1, 1, None)
    first = answer["results"][0]
    assert first["listing"]["id"] == "demo-observership"
    assert (first["cost_usd"], first["fit"], first["freshness"]) == (None, None, "fresh")
    assert first["window"] == {"opens": None, "closes": "2027-03-01"}
    assert first["url"] == "/opportunities/demo-observership/"
    assert "not legal advice" in answer["notice"]


def test_the_filters_are_query_parameters(anonymous: Client) -> None:
    load(opportunity(), opportunity(id="demo-research", kind="research_position", title="Demo research"))
    answer = anonymous.get("/api/v1/opportunities?kind=research_position").json()
    assert [r["listing"]["id"] for r in answer["results"]] == ["demo-research"]
    assert anonymous.get("/api/v1/opportunities?cost_at_most=-1").status_code == 422


def test_a_posted_profile_ranks_by_fit_with_verdicts_and_keyed_reasons(anonymous: Client) -> None:
    load(
        opportunity(),
        opportunity(id="demo-closed", title="Demo closed", application={"deadline": "2026-01-01"}),
    )
    answer = post_fit(anonymous, {"immigration": {"status": "citizen"}}).json()
    assert [r["listing"]["id"] for r in answer["results"]] == ["demo-observership", "demo-closed"]
    best, closed = (r["fit"] for r in answer["results"])
    assert best["verdict"] == "eligible"
    assert best["why"][0]["reason_key"] == "find.why.eligible"
    assert closed["verdict"] == "not_eligible"
    [reason] = closed["reasons"]
    assert reason["reason_key"] == "fit.deadline_passed"
    assert reason["reason_params"]["deadline"] == "2026-01-01"
    assert reason["reason"] == "The deadline to apply to Demo closed passed on 2026-01-01."
    assert best["requirements"]["criteria"] == []
    assert best["requirements"]["open_questions"] == []


def test_a_bad_profile_is_refused_naming_its_field(anonymous: Client) -> None:
    load()
    response = post_fit(anonymous, {"immigration": {"status": "tourist"}})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["immigration.status"]
    assert post_fit(anonymous, [1, 2]).status_code == 422


def test_one_listing_and_a_404_for_an_unknown_one(anonymous: Client) -> None:
    load()
    answer = anonymous.get("/api/v1/opportunities/demo-observership").json()
    assert answer["listing"]["title"] == "Demo observership"
    assert answer["fit"] is None
    missing = anonymous.get("/api/v1/opportunities/nothing-here")
    assert missing.status_code == 404
    assert missing.json()["errors"] == [{"field": "slug", "message": "unknown"}]


def test_fit_is_an_operation_and_no_listing_may_take_its_name(anonymous: Client) -> None:
    assert anonymous.get("/api/v1/opportunities/fit").status_code == 405
    with pytest.raises(InputError, match="reserved"):
        check_catalogue(Listings.model_validate({"opportunities": [opportunity(id="fit")]}))


def test_organisations_and_stories(anonymous: Client) -> None:
    load()
    assert [o["id"] for o in anonymous.get("/api/v1/organisations").json()["results"]] == ["demo-help"]
    assert anonymous.get("/api/v1/organisations/demo-help").json()["name"] == "Demo Help Network"
    assert [s["id"] for s in anonymous.get("/api/v1/stories").json()["results"]] == ["demo-story"]
    assert anonymous.get("/api/v1/stories/demo-story").json()["title"] == "A demo story"
    assert anonymous.get("/api/v1/organisations/nothing").status_code == 404
    assert anonymous.get("/api/v1/stories/nothing").status_code == 404


def test_the_answers_are_what_the_document_promises(anonymous: Client) -> None:
    """Sent as written (not through the models), the answers must still read as the documented models."""
    from imgpath.web.opportunities.api import HitOut, HitsOut

    letter = {"id": "letter", "type": "unverified_requirement", "summary": "A letter from a US physician"}
    load(opportunity(requirements=[letter], cost={"tuition": {"usd": 300, "per": "week"}}))
    HitsOut.model_validate(anonymous.get("/api/v1/opportunities").json())
    judged = post_fit(anonymous, {"immigration": {"status": "j1"}}).json()
    HitsOut.model_validate(judged)
    fit = judged["results"][0]["fit"]
    assert fit["requirements"]["verdict"] == "unknown"
    assert fit["requirements"]["open_questions"][0]["who"] == "the host"
    assert [p["reason_key"] for p in fit["parts"]] == ["fit.visa.needed"]
    HitOut.model_validate(anonymous.get("/api/v1/opportunities/demo-observership").json())
