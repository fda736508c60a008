"""The API: the CLI's JSON shapes, errors that name the field, session auth with CSRF, rate limits."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

from imgpath.engine.evaluate import check
from imgpath.engine.profile import Profile
from imgpath.engine.serialize import check_json
from imgpath.rulebook.loader import default_rulebook
from imgpath.web.models import SavedProfile


def _post(client: Client, url: str, body: Any) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_check_answers_exactly_the_clis_json(anonymous: Client, example_data: dict[str, Any]) -> None:
    response = _post(anonymous, "/api/v1/check", example_data)
    assert response.status_code == 200
    expected = check_json(check(Profile.model_validate(example_data), default_rulebook()))
    assert response.json() == expected


def test_check_takes_the_clis_options(anonymous: Client, example_data: dict[str, Any]) -> None:
    response = _post(anonymous, "/api/v1/check?state=tn&kind=alternative&as_of=2026-01-01", example_data)
    profile = Profile.model_validate(example_data)
    from datetime import date

    from imgpath.rulebook.schema import Kind

    expected = check_json(
        check(profile, default_rulebook(), as_of=date(2026, 1, 1), states=["TN"], kinds=[Kind.alternative])
    )
    assert response.json() == expected
    assert {r["jurisdiction"] for r in expected["results"]} <= {"US-TN", "US"}


def test_check_errors_name_the_field(anonymous: Client) -> None:
    response = _post(
        anonymous, "/api/v1/check", {"medical_school": {"country": "IN", "graduated": "2012-13"}}
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert errors == [{"field": "medical_school.graduated", "message": "'2012-13' has no month 13"}]


def test_check_rejects_unknown_fields_by_name(anonymous: Client) -> None:
    response = _post(anonymous, "/api/v1/check", {"citizen": ["IN"]})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "citizen"


def test_check_rejects_a_body_that_is_not_json(anonymous: Client) -> None:
    response = anonymous.post("/api/v1/check", "not json", content_type="application/json")
    assert response.status_code == 422


def test_bad_query_values_are_json_naming_the_parameter(anonymous: Client) -> None:
    response = _post(anonymous, "/api/v1/check?as_of=yesterday", {})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "as_of"


def test_pathways_and_jurisdictions(anonymous: Client) -> None:
    pathways = anonymous.get("/api/v1/pathways?state=TN").json()
    assert {p["jurisdiction"] for p in pathways} == {"US-TN"}
    assert any(p["id"] == "us-tn.traditional" for p in pathways)
    one = anonymous.get("/api/v1/pathways/us-tn.traditional").json()
    assert one["id"] == "us-tn.traditional" and one["status"]
    assert anonymous.get("/api/v1/pathways/us-zz.nothing").status_code == 404
    jurisdictions = anonymous.get("/api/v1/jurisdictions").json()
    tennessee = next(j for j in jurisdictions if j["jurisdiction"] == "US-TN")
    assert tennessee["name"] == "Tennessee" and "us-tn.traditional" in tennessee["pathways"]


def test_my_profiles_need_a_session(anonymous: Client) -> None:
    assert anonymous.get("/api/v1/me/profiles").status_code == 401


def test_my_profiles_round_trip(as_alice: Client, example_data: dict[str, Any]) -> None:
    created = _post(as_alice, "/api/v1/me/profiles", {"name": "Mine", "profile": example_data})
    assert created.status_code == 201
    listed = as_alice.get("/api/v1/me/profiles").json()
    assert [p["name"] for p in listed] == ["Mine"] and listed[0]["profile"] == example_data
    pk = created.json()["id"]
    assert as_alice.delete(f"/api/v1/me/profiles/{pk}").status_code == 204
    assert not SavedProfile.objects.filter(pk=pk).exists()


def test_saving_an_invalid_profile_names_the_field(as_alice: Client) -> None:
    response = _post(as_alice, "/api/v1/me/profiles", {"name": "x", "profile": {"us_gme_years": -1}})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "profile.us_gme_years"


def test_session_writes_need_the_csrf_token(alice: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    response = _post(client, "/api/v1/me/profiles", {"name": "x", "profile": {}})
    assert response.status_code == 403
    client.get("/")  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    ok = client.post(
        "/api/v1/me/profiles",
        json.dumps({"name": "x", "profile": {}}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert ok.status_code == 201


@override_settings(API_RATE="3/min")
def test_the_api_is_rate_limited(anonymous: Client) -> None:
    codes = [anonymous.get("/api/v1/jurisdictions").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_openapi_docs_are_served_locally(anonymous: Client) -> None:
    schema = anonymous.get("/api/v1/openapi.json").json()
    body = schema["paths"]["/api/v1/check"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/Profile"}
    profile = schema["components"]["schemas"]["Profile"]
    assert "medical_school" in profile["properties"]
    assert "ExamResult" in schema["components"]["schemas"]
    docs = anonymous.get("/api/v1/docs").content.decode()
    assert "cdn" not in docs.lower() and "/static/ninja/" in docs


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('{"practice": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ('{"us_gme_years": ' + "9" * 5000 + "}", "a number is too long"),
    ],
)
def test_hostile_json_is_a_named_422_not_a_500(anonymous: Client, body: str, problem: str) -> None:
    for url in ("/api/v1/check", "/api/v1/plan"):
        response = anonymous.post(url, body, content_type="application/json")
        assert response.status_code == 422, (url, response.status_code)
        assert problem in response.json()["detail"]


def test_text_that_cannot_be_stored_is_refused_by_field(as_alice: Client) -> None:
    """A NUL or a lone surrogate would make PostgreSQL refuse the write (a 500): refuse it as a 422."""
    bad_name = _post(as_alice, "/api/v1/me/profiles", {"name": "x\u0000y", "profile": {}})
    assert bad_name.status_code == 422
    bad_text = _post(
        as_alice,
        "/api/v1/me/profiles",
        {"name": "ok", "profile": {"preferences": {"specialties": ["\ud800"]}}},
    )
    assert bad_text.status_code == 422
    assert "specialties" in json.dumps(bad_text.json())
    assert not SavedProfile.objects.exists()


@pytest.mark.parametrize("value", ["0", "20261125", "1e9", "2026-02-30", "9999-01-01"])
def test_api_dates_are_iso_days_within_range_named_by_parameter(anonymous: Client, value: str) -> None:
    """Issue 9: `?as_of=0` was read as a Unix timestamp (1970-01-01)."""
    response = _post(anonymous, f"/api/v1/check?as_of={value}", {})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "as_of"
    assert anonymous.get(f"/api/v1/pathways?on={value}").status_code == 422


def test_an_unknown_state_is_a_422_not_federal_routes_alone(anonymous: Client) -> None:
    for url in ("/api/v1/check?state=ZZ", "/api/v1/plan?state=ZZ"):
        response = _post(anonymous, url, {})
        assert response.status_code == 422, url
        assert response.json()["errors"][0]["field"].startswith("state")
    assert _post(anonymous, "/api/v1/check?state=tn", {}).status_code == 200
