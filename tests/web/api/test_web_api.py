"""The API: the CLI's JSON shapes, errors that name the field, session auth with CSRF, rate limits."""

from __future__ import annotations

import json
import re
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.contrib.auth.models import User
from django.test import Client, override_settings

from imgpath.dates import DAY_PATTERN, FIRST_YEAR, LAST_YEAR, MONTH_OR_DAY_PATTERN, PartialDate
from imgpath.engine.evaluate import check
from imgpath.engine.profile import Profile
from imgpath.engine.serialize import check_json
from imgpath.rulebook.loader import default_rulebook
from imgpath.web.accounts.models import SavedProfile


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
    assert one["id"] == "us-tn.traditional"
    assert one["status"]
    assert anonymous.get("/api/v1/pathways/us-zz.nothing").status_code == 404
    jurisdictions = anonymous.get("/api/v1/jurisdictions").json()
    tennessee = next(j for j in jurisdictions if j["jurisdiction"] == "US-TN")
    assert tennessee["name"] == "Tennessee"
    assert "us-tn.traditional" in tennessee["pathways"]


def test_my_profiles_need_a_session(anonymous: Client) -> None:
    assert anonymous.get("/api/v1/me/profiles").status_code == 401


def test_my_profiles_round_trip(as_alice: Client, example_data: dict[str, Any]) -> None:
    created = _post(as_alice, "/api/v1/me/profiles", {"name": "Mine", "profile": example_data})
    assert created.status_code == 201
    listed = as_alice.get("/api/v1/me/profiles").json()
    assert [p["name"] for p in listed] == ["Mine"]
    assert listed[0]["profile"] == example_data
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
    plan = schema["paths"]["/api/v1/plan"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    profile_part, extra = plan["allOf"]  # a client generator sees the listings a plan may add
    assert profile_part == {"$ref": "#/components/schemas/Profile"}
    assert extra["properties"]["additions"] | {"description": ""} == {
        "type": "array",
        "items": {"type": "string", "description": "A published listing's slug."},
        "maxItems": 20,
        "uniqueItems": True,
        "description": "",
    }
    docs = anonymous.get("/api/v1/docs").content.decode()
    assert "cdn" not in docs.lower()
    assert "/static/ninja/" in docs


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('{"practice": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ('{"us_gme_years": ' + "9" * 5000 + "}", "a number is longer than 4,300 digits"),
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
    listed = anonymous.get("/api/v1/pathways?state=ZZ")  # was an empty list, as if ZZ had no routes
    assert listed.status_code == 422
    assert listed.json()["errors"][0]["field"] == "state"
    assert anonymous.get("/api/v1/pathways?state=tn").json()


class _Unread:
    """A request body of 50 MB that counts the bytes anyone reads of it."""

    size = 50 * 2**20

    def __init__(self) -> None:
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        size = self.size - self.read_bytes if size < 0 else min(size, self.size - self.read_bytes)
        self.read_bytes += size
        return b" " * size

    def readline(self, size: int = -1) -> bytes:
        return self.read(size)


@pytest.mark.parametrize("url", ["/api/v1/check", "/api/v1/plan", "/api/v1/me/profiles"])
def test_a_body_over_the_limit_is_a_json_413_read_no_further(as_alice: Client, url: str) -> None:
    """Issue 9: a 50 MB body got Django's HTML 400 page; Django refuses it by its length, unread."""
    body = _Unread()
    environ: dict[str, Any] = {"wsgi.input": body}
    response = as_alice.generic(
        "POST", url, CONTENT_TYPE="application/json", CONTENT_LENGTH=str(body.size), **environ
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json; charset=utf-8"
    answer = response.json()
    assert answer["detail"] == "the body is over the limit of 2.5 MB (2,621,440 bytes)"
    assert answer["errors"] == [{"field": "", "message": answer["detail"]}]
    assert body.read_bytes == 0


def test_an_empty_body_is_a_422_not_an_empty_profile(anonymous: Client) -> None:
    """The body is the profile: none at all (or one sent in chunks, which Django does not read) is refused."""
    for url in ("/api/v1/check", "/api/v1/plan"):
        response = anonymous.post(url, "", content_type="application/json")
        assert response.status_code == 422, url
        assert "empty" in response.json()["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"preferences": {"budget_usd": False}}, "preferences.budget_usd"),
        ({"us_gme_years": "3"}, "us_gme_years"),
        ({"job_offer": {"state": "TN", "full_time": 1}}, "job_offer.full_time"),
    ],
)
def test_numbers_and_flags_are_not_guessed_from_other_types(
    anonymous: Client, body: dict[str, Any], field: str
) -> None:
    """Schemathesis: `false` was read as a budget of 0 (and "3" as 3, 1 as true), which the schema refuses."""
    response = _post(anonymous, "/api/v1/check", body)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [field]


def _county_outside_offer_state(body: Any) -> bool:
    """A cross-field rule a JSON Schema cannot state: a job offer's county FIPS lies in its state.
    Bodies with a county are left to tests/test_shortage_areas.py, which checks both sides."""
    offer = body.get("job_offer") if isinstance(body, dict) else None
    return isinstance(offer, dict) and offer.get("county") is not None


def _ends_before_start(body: Any) -> bool:
    """The one rule of the profile JSON Schema cannot say: a period ends on or after its start."""
    periods = [*(body.get("training") or []), *(body.get("practice") or [])]
    return any(
        p.get("start")
        and p.get("end")
        and PartialDate.parse(p["end"]).last_day < PartialDate.parse(p["start"]).first_day
        for p in periods
    )


def test_bodies_the_documented_schema_allows_are_accepted(anonymous: Client, settings: Any) -> None:
    """Issue 9: the body's schema was the serialization one (any text for a date), so valid bodies got 422."""
    settings.API_RATE = "1000/min"
    document = anonymous.get("/api/v1/openapi.json").json()
    operation = schemathesis.openapi.from_dict(document)["/api/v1/check"]["POST"]

    @hypothesis.given(case=operation.as_strategy())
    @hypothesis.settings(
        max_examples=40,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[hypothesis.HealthCheck.too_slow, hypothesis.HealthCheck.filter_too_much],
    )
    def accepted(case: schemathesis.Case[Any]) -> None:
        hypothesis.assume(not _ends_before_start(case.body))
        hypothesis.assume(not _county_outside_offer_state(case.body))
        response = _post(anonymous, "/api/v1/check", case.body)
        assert response.status_code == 200, (case.body, response.content)

    accepted()


def test_the_openapi_document_lists_every_error_answer(anonymous: Client) -> None:
    paths = anonymous.get("/api/v1/openapi.json").json()["paths"]
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
    check = paths["/api/v1/check"]["post"]["responses"]
    assert list(check) == ["200", "413", "422", "429"]
    assert all(check[status]["content"] == error for status in ("413", "422", "429"))
    assert "2.5 MB" in check["413"]["description"]
    saving = paths["/api/v1/me/profiles"]["post"]["responses"]
    assert list(saving) == ["201", "400", "401", "403", "413", "422", "429"]
    assert list(paths["/api/v1/me/profiles"]["get"]["responses"]) == ["200", "401", "429"]
    deleting = paths["/api/v1/me/profiles/{profile_id}"]["delete"]["responses"]
    assert list(deleting) == ["204", "401", "403", "404", "422", "429"]
    assert list(paths["/api/v1/jurisdictions"]["get"]["responses"]) == ["200", "429"]


def test_the_documented_error_shape_is_the_one_answered(anonymous: Client) -> None:
    schemas = anonymous.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert schemas["ErrorOut"]["required"] == ["detail"]
    assert schemas["ErrorOut"]["properties"]["errors"]["items"] == {"$ref": "#/components/schemas/FieldError"}
    assert set(schemas["FieldError"]["required"]) == {"field", "message"}
    assert schemas["SavedProfileIn"]["properties"]["profile"] == {"$ref": "#/components/schemas/Profile"}


def test_the_documented_date_patterns_take_exactly_the_dates_the_parser_takes() -> None:
    month_or_day, day = re.compile(MONTH_OR_DAY_PATTERN), re.compile(DAY_PATTERN)
    for year in (FIRST_YEAR - 1, FIRST_YEAR, 1904, 2000, 2024, 2100, LAST_YEAR, LAST_YEAR + 1):
        for month in range(14):
            for text in [f"{year:04d}-{month:02d}", *(f"{year:04d}-{month:02d}-{d:02d}" for d in range(33))]:
                try:
                    PartialDate.parse(text)
                    parsed = True
                except ValueError:
                    parsed = False
                assert bool(month_or_day.match(text)) == parsed, text
                assert bool(day.match(text)) == (parsed and text.count("-") == 2), text


def test_a_body_that_is_not_utf8_or_repeats_a_key_is_named_so(anonymous: Client) -> None:
    """The API reads JSON as the CLI does: a repeated key is refused (json.loads keeps the last)."""
    bad = anonymous.post("/api/v1/check", data=b'{"citizenship": ["\xff"]}', content_type="application/json")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["message"] == "not UTF-8 text"
    twice = anonymous.post(
        "/api/v1/check", '{"citizenship": ["IN"], "citizenship": ["PK"]}', content_type="application/json"
    )
    assert twice.status_code == 422
    assert "duplicate key 'citizenship'" in twice.json()["detail"]


def test_a_body_with_thousands_of_problems_gets_the_first_ones_and_a_count(anonymous: Client) -> None:
    from imgpath.web.api.schemas import MAX_PROBLEMS

    body = json.dumps({"training": [{"country": "not a code", "start": "never"}] * 100, "x" * 100_000: 1})
    answer = anonymous.post("/api/v1/check", body, content_type="application/json")
    assert answer.status_code == 422
    errors = answer.json()["errors"]
    assert len(errors) == MAX_PROBLEMS + 1
    assert errors[-1]["message"].endswith("more problems")
    assert len(answer.content) < 20_000
