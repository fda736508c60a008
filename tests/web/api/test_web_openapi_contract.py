"""The API's contract as clients see it: every operation, its id, parameters and answers.

``openapi_v1_operations.json`` was written from the document served before the API was split into a
router per app; assembling it from routers must not move, rename or drop anything a client relies on.
A new operation is added to the file on purpose, with the change that adds it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client, override_settings

CONTRACT = Path(__file__).with_name("openapi_v1_operations.json")


def _operations(document: dict[str, Any]) -> dict[str, Any]:
    return {
        f"{method.upper()} {path}": {
            "operationId": operation["operationId"],
            "parameters": sorted(f"{p['in']}:{p['name']}" for p in operation.get("parameters", [])),
            "responses": sorted(operation["responses"], key=int),
            "security": bool(operation.get("security")),
        }
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    }


def test_every_operation_keeps_its_path_id_parameters_and_answers(anonymous: Client) -> None:
    document = anonymous.get("/api/v1/openapi.json").json()
    assert _operations(document) == json.loads(CONTRACT.read_text("utf-8"))


def test_the_document_lists_operations_in_the_order_it_always_has(anonymous: Client) -> None:
    """Pages' operations, then accounts', then plans': as generated clients and the docs page had them;
    the finder's after them, then advising's, matching's and mentoring's."""
    paths = list(anonymous.get("/api/v1/openapi.json").json()["paths"])
    assert paths == [
        "/api/v1/check",
        "/api/v1/pathways",
        "/api/v1/pathways/{pathway_id}",
        "/api/v1/jurisdictions",
        "/api/v1/me/profiles",
        "/api/v1/me/profiles/{profile_id}",
        "/api/v1/plan",
        "/api/v1/me/profiles/{profile_id}/plan",
        "/api/v1/opportunities",
        "/api/v1/opportunities/fit",
        "/api/v1/opportunities/{slug}",
        "/api/v1/organisations",
        "/api/v1/organisations/{slug}",
        "/api/v1/stories",
        "/api/v1/stories/{slug}",
        "/api/v1/advising/clients",
        "/api/v1/match/rounds",
        "/api/v1/mentoring/rounds",
        "/api/v1/mentoring/rounds/{round_id}",
        "/api/v1/cohorts",
        "/api/v1/cohorts/{run_id}",
    ]


@override_settings(API_RATE="1/min")
@pytest.mark.parametrize(
    ("method", "path", "router", "body"),
    [
        ("get", "/api/v1/jurisdictions", "pages", ""),
        ("get", "/api/v1/me/profiles", "accounts", ""),
        ("post", "/api/v1/plan", "plans", "{}"),
        ("post", "/api/v1/opportunities/fit", "opportunities", "{}"),
        ("post", "/api/v1/match/rounds", "matching", '{"applicants": {}, "slots": {}}'),
    ],
)
def test_every_router_s_operations_are_rate_limited(
    as_alice: Client, method: str, path: str, router: str, body: str
) -> None:
    """The throttle is set once, on the assembled API: an operation of each app's router inherits it."""
    send = getattr(as_alice, method)
    first = send(path, data=body, content_type="application/json") if method == "post" else send(path)
    second = send(path, data=body, content_type="application/json") if method == "post" else send(path)
    assert first.status_code == 200, router
    assert second.status_code == 429
    assert second.json() == {"detail": "Too many requests.", "errors": []}
