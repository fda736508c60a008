"""``POST /api/v1/match/rounds``: the CLI's JSON in and out, errors naming the field, bounded and
rate limited like every other operation, documented in OpenAPI."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client, override_settings

from imgpath.matching import read_round, round_outcome_json, solve_round

URL = "/api/v1/match/rounds"
ROUND = {
    "applicants": {"a1": ["s1", "s2"], "a7": ["s2"], "a3": ["s1"]},
    "slots": {"s1": {"capacity": 1, "ranking": ["a3", "a1", "a7"]}, "s2": {"capacity": 1, "ranking": ["a1"]}},
}


def _post(client: Client, body: Any) -> Any:
    return client.post(
        URL, body if isinstance(body, str | bytes) else json.dumps(body), content_type="application/json"
    )


def test_it_answers_the_clis_json(anonymous: Client) -> None:
    response = _post(anonymous, ROUND)
    assert response.status_code == 200
    assert response.json() == {"assignments": {"s1": ["a3"], "s2": ["a1"]}, "unassigned": ["a7"]}
    assert response.json() == round_outcome_json(solve_round(read_round(ROUND)))


def test_it_names_the_field_at_fault(anonymous: Client) -> None:
    bad = {"applicants": {"a1": ["s1", "s1"]}, "slots": {"s1": {"capacity": 1, "ranking": ["a1"]}}}
    response = _post(anonymous, bad)
    assert response.status_code == 422
    assert response.json() == {
        "detail": "invalid input",
        "errors": [{"field": "applicants.a1[1]", "message": "'s1' is ranked twice (first at [0])"}],
    }


def test_it_refuses_a_capacity_that_is_not_a_whole_number(anonymous: Client) -> None:
    response = _post(anonymous, {"applicants": {}, "slots": {"s1": {"capacity": "two", "ranking": []}}})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "slots.s1.capacity"


def test_it_refuses_text_that_is_not_json_or_repeats_a_key(anonymous: Client) -> None:
    assert _post(anonymous, "{").json()["errors"][0]["message"].startswith("not valid JSON")
    repeated = _post(anonymous, '{"applicants": {"a": [], "a": []}, "slots": {}}')
    assert repeated.status_code == 422
    assert repeated.json()["errors"] == [{"field": "a", "message": "duplicate key 'a'"}]


def test_it_refuses_an_empty_body(anonymous: Client) -> None:
    response = _post(anonymous, "")
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "", "message": "empty"}]


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_over_the_limit_is_refused_unread(anonymous: Client) -> None:
    big: dict[str, Any] = {"applicants": {f"a{n}": [] for n in range(200)}, "slots": {}}
    response = _post(anonymous, big)
    assert response.status_code == 413
    assert "over the limit" in response.json()["detail"]


@override_settings(API_RATE="2/min")
def test_it_is_rate_limited(anonymous: Client) -> None:
    codes = [_post(anonymous, ROUND).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_it_is_documented(anonymous: Client) -> None:
    operation = anonymous.get("/api/v1/openapi.json").json()["paths"][URL]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body["required"] == ["applicants", "slots"]
    assert body["properties"]["slots"]["additionalProperties"]["properties"]["capacity"]["minimum"] == 0
    assert list(operation["responses"]) == ["200", "413", "422", "429"]
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert answer == {"$ref": "#/components/schemas/RoundOut"}
