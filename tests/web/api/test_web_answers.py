"""The check, plan and route answers as the OpenAPI document describes them, and as the API sends them.

The document's components for the answers come from the typed models (``engine.answers``,
``planner.answers``, the rulebook's ``Pathway``); the answers themselves are the serializers' output,
sent as written. So: the document names every field and every verdict, the real answers for the
example profile validate against the document's own schema, and their bytes are the serializers' JSON.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

import jsonschema_rs
import pytest
from django.test import Client
from pydantic import BaseModel

from imgpath.engine import answers as check_models
from imgpath.engine.evaluate import check
from imgpath.engine.profile import Profile
from imgpath.engine.serialize import check_json, check_summary_json
from imgpath.engine.verdict import Verdict
from imgpath.planner import answers as plan_models
from imgpath.planner.plans import plan
from imgpath.planner.serialize import plans_json, plans_summary_json
from imgpath.planner.whatif import assume, compare
from imgpath.rulebook.loader import default_rulebook
from imgpath.rulebook.schema import Kind
from imgpath.web.accounts.models import SavedProfile

REF = "#/components/schemas/{}"

MODELS: list[type[BaseModel]] = [
    model
    for module in (check_models, plan_models)
    for model in vars(module).values()
    if isinstance(model, type) and issubclass(model, check_models.Answer) and model is not check_models.Answer
]


def _post(client: Client, url: str, body: Any) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def document(anonymous: Client) -> Any:
    return anonymous.get("/api/v1/openapi.json").json()


def _validator(document: dict[str, Any], component: str) -> Any:
    """The document's component as a JSON Schema (OpenAPI 3.1 schemas are Draft 2020-12), its
    references resolved within the document, dates checked as dates."""
    schema = {"$ref": REF.format(component), "components": document["components"]}
    return jsonschema_rs.Draft202012Validator(schema, validate_formats=True)


def _errors(validator: Any, answer: Any) -> list[str]:
    return [f"{list(e.instance_path)}: {e.message}" for e in validator.iter_errors(answer)][:5]


def test_the_check_and_plan_operations_answer_their_components(document: dict[str, Any]) -> None:
    """A route's detail has one shape; check and plan answer the full one or, with fields=summary, the
    light one (neither validates as the other: both forbid fields they do not name)."""
    paths = document["paths"]
    answers = {
        ("/api/v1/check", "post"): ["CheckAnswer", "CheckSummary"],
        ("/api/v1/plan", "post"): ["PlanAnswer", "PlanSummary"],
        ("/api/v1/me/profiles/{profile_id}/plan", "get"): ["PlanAnswer", "PlanSummary"],
        ("/api/v1/pathways/{pathway_id}", "get"): ["PathwayDetail"],
    }
    for (path, method), components in answers.items():
        schema = paths[path][method]["responses"]["200"]["content"]["application/json"]["schema"]
        refs = [{"$ref": REF.format(c)} for c in components]
        assert (schema.get("anyOf") if len(refs) > 1 else [schema]) == refs, path


def test_check_and_plan_document_their_fields_parameter(document: dict[str, Any]) -> None:
    for path, method in [
        ("/api/v1/check", "post"),
        ("/api/v1/plan", "post"),
        ("/api/v1/me/profiles/{profile_id}/plan", "get"),
    ]:
        (fields,) = [p for p in document["paths"][path][method]["parameters"] if p["name"] == "fields"]
        assert fields["in"] == "query", path
        assert not fields["required"], path
        assert fields["schema"]["enum"] == ["full", "summary"], path
        assert fields["schema"]["default"] == "full", path


@pytest.mark.parametrize("model", MODELS, ids=[m.__name__ for m in MODELS])
def test_every_field_of_every_answer_model_is_in_the_document(
    document: dict[str, Any], model: type[BaseModel]
) -> None:
    """Every field named, none extra allowed, all required but a plan's what_if (absent without
    assumptions): a client can rely on a key being there, null or not."""
    component = document["components"]["schemas"][model.__name__]
    assert list(component["properties"]) == list(model.model_fields)
    assert component["additionalProperties"] is False
    assert set(component["required"]) == set(model.model_fields) - {"what_if"}


def test_the_document_names_the_fields_a_client_relies_on(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]

    def fields(name: str) -> set[str]:
        return set(schemas[name]["properties"])

    assert {"as_of", "notice", "results"} <= fields("CheckAnswer")
    assert {
        "pathway", "jurisdiction", "kind", "route_status", "verdict", "eligible_from", "eligible_until",
        "deciding", "criteria", "best_case", "worst_case", "headline", "headline_key", "headline_params",
        "open_questions", "applies", "applies_reason", "applies_reason_key", "applies_reason_params",
    } <= fields("RouteAnswer")  # fmt: skip
    assert {
        "id", "verdict", "reason", "reason_key", "reason_params", "step", "sources", "eligible_from",
        "eligible_until", "missing", "parent", "best_case", "worst_case",
    } <= fields("CriterionAnswer")  # fmt: skip
    assert {
        "criterion", "about", "field", "question", "question_key", "question_params", "who",
        "best_case", "worst_case",
    } <= fields("OpenQuestionAnswer")  # fmt: skip
    assert {"as_of", "notice", "assumptions", "plans", "what_if"} <= fields("PlanAnswer")
    assert {
        "pathway", "verdict", "feasible", "reason", "reason_key", "reason_params", "first_license",
        "full_license", "cost", "unknown_fees", "lapses", "deadlines", "risks", "risk_messages", "odds",
        "steps",
    } <= fields("RoutePlanAnswer")  # fmt: skip
    assert {"date", "what", "what_key", "what_params"} <= fields("DeadlineAnswer")
    assert {"title", "href", "as_of"} <= fields("SourceAnswer")


def test_verdicts_are_an_enum_of_every_verdict_wherever_one_is_given(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    assert schemas["Verdict"] == {
        "enum": [v.value for v in Verdict],
        "title": "Verdict",
        "type": "string",
    }
    everyone = {"eligible", "not_yet", "needs_steps", "unknown", "not_eligible"}  # as design.md names them
    assert set(schemas["Verdict"]["enum"]) == everyone
    verdict = {"$ref": REF.format("Verdict")}
    for component, field in [
        ("RouteAnswer", "verdict"),
        ("RouteAnswer", "best_case"),
        ("RouteAnswer", "worst_case"),
        ("CriterionAnswer", "verdict"),
        ("CriterionAnswer", "best_case"),
        ("CriterionAnswer", "worst_case"),
        ("OpenQuestionAnswer", "best_case"),
        ("OpenQuestionAnswer", "worst_case"),
        ("RoutePlanAnswer", "verdict"),
    ]:
        assert {k: v for k, v in schemas[component]["properties"][field].items() if k != "description"} == (
            verdict
        ), (component, field)
    assert schemas["Kind"]["enum"] == [k.value for k in Kind]
    assert schemas["RoutePlanAnswer"]["properties"]["kind"] == {"$ref": REF.format("Kind")}


def test_null_is_allowed_where_the_serializers_write_it_and_only_there(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    null = {"type": "null"}
    route = schemas["RouteAnswer"]["properties"]
    for field in ("eligible_from", "eligible_until", "deciding", "route_status", "applies_reason_params"):
        assert null in route[field]["anyOf"], field
    for field in ("verdict", "headline", "headline_params", "criteria", "open_questions", "applies"):
        assert "anyOf" not in route[field], field
    assert null in schemas["CriterionAnswer"]["properties"]["eligible_from"]["anyOf"]
    assert null in schemas["RoutePlanAnswer"]["properties"]["first_license"]["anyOf"]
    what_if = schemas["PlanAnswer"]["properties"]["what_if"]
    assert what_if["type"] == "array"
    assert "anyOf" not in what_if


CHECKS = ["", "?state=tn&kind=alternative&as_of=2026-01-01", "?as_of=2031-06-30"]
PLANS = ["", "?assume=usmle_step3=passed", "?route=us-va.traditional&sort=cost&assume=job_offer.state=FL"]


@pytest.mark.parametrize("empty", [False, True], ids=["example", "empty-profile"])
@pytest.mark.parametrize("query", CHECKS)
def test_real_check_answers_validate_against_the_published_schema(
    anonymous: Client, document: dict[str, Any], example_data: dict[str, Any], query: str, empty: bool
) -> None:
    """The example profile and an empty one (every route unknown, with open questions) on several days."""
    response = _post(anonymous, "/api/v1/check" + query, {} if empty else example_data)
    assert response.status_code == 200
    answer = response.json()
    assert answer["results"]
    assert any(r["criteria"] for r in answer["results"])
    assert _errors(_validator(document, "CheckAnswer"), answer) == []


@pytest.mark.parametrize("empty", [False, True], ids=["example", "empty-profile"])
@pytest.mark.parametrize("query", PLANS)
def test_real_plan_answers_validate_against_the_published_schema(
    anonymous: Client, document: dict[str, Any], example_data: dict[str, Any], query: str, empty: bool
) -> None:
    response = _post(anonymous, "/api/v1/plan" + query, {} if empty else example_data)
    assert response.status_code == 200
    answer = response.json()
    assert answer["plans"]
    assert ("what_if" in answer) == ("assume" in query)
    assert _errors(_validator(document, "PlanAnswer"), answer) == []


def test_a_saved_profile_s_plan_validates_against_the_published_schema(
    as_alice: Client, alice_profile: SavedProfile, document: dict[str, Any]
) -> None:
    response = as_alice.get(f"/api/v1/me/profiles/{alice_profile.pk}/plan?assume=usmle_step3=passed")
    assert response.status_code == 200
    assert _errors(_validator(document, "PlanAnswer"), response.json()) == []


def test_the_published_schema_refuses_an_answer_it_does_not_describe(
    anonymous: Client, document: dict[str, Any], example_data: dict[str, Any]
) -> None:
    """The validation above can fail: an unknown verdict, a missing key, an extra key, a bad date."""
    validator = _validator(document, "CheckAnswer")
    sent = _post(anonymous, "/api/v1/check", example_data).content
    spoils: list[Callable[[dict[str, Any]], object]] = [
        lambda answer: answer["results"][0].update(verdict="probably"),
        lambda answer: answer["results"][0]["criteria"][0].pop("reason_key"),
        lambda answer: answer["results"][0]["criteria"][0].update(surprise=1),
        lambda answer: answer["results"][0].update(eligible_from="2026-13-01"),
        lambda answer: answer["results"][0].update(headline=None),
    ]
    for number, spoil in enumerate(spoils):
        spoilt = json.loads(sent)
        spoil(spoilt)
        assert not validator.is_valid(spoilt), number
    assert validator.is_valid(json.loads(sent))


def _example(example_data: dict[str, Any]) -> Profile:
    return Profile.model_validate(example_data)


def test_a_check_answer_is_byte_for_byte_the_serializer_s_json(
    anonymous: Client, example_data: dict[str, Any]
) -> None:
    """Not only equal once parsed: the same keys in the same order, the same numbers, null where the
    serializer writes null, nothing added (the answer skips django-ninja's re-validation)."""
    rulebook = default_rulebook()
    response = _post(anonymous, "/api/v1/check", example_data)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.content == json.dumps(check_json(check(_example(example_data), rulebook))).encode()
    response = _post(anonymous, "/api/v1/check?state=tn&kind=alternative&as_of=2026-01-01", example_data)
    expected = check(
        _example(example_data), rulebook, as_of=date(2026, 1, 1), states=["TN"], kinds=[Kind.alternative]
    )
    assert response.content == json.dumps(check_json(expected)).encode()


def test_a_plan_answer_is_byte_for_byte_the_serializer_s_json(
    anonymous: Client, example_data: dict[str, Any]
) -> None:
    """Costs keep their numbers as the planner wrote them (validation through the model wrote 0 as
    0.0), and ``what_if`` appears only with assumptions (never as null)."""
    profile, rulebook = _example(example_data), default_rulebook()
    day = profile.evaluation_date()
    before = plan(profile, rulebook, as_of=day)
    response = _post(anonymous, "/api/v1/plan", example_data)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.content == json.dumps(plans_json(before)).encode()
    after = plan(assume(profile, ["usmle_step3=passed"], day), rulebook, as_of=day)
    after.assumptions = ["usmle_step3=passed"]
    response = _post(anonymous, "/api/v1/plan?assume=usmle_step3=passed", example_data)
    assert response.content == json.dumps(plans_json(after, compare(before, after))).encode()


def test_a_saved_profile_s_plan_is_byte_for_byte_the_serializer_s_json(
    as_alice: Client, alice_profile: SavedProfile, example_data: dict[str, Any]
) -> None:
    profile = _example(example_data)
    expected = plan(profile, default_rulebook(), as_of=profile.evaluation_date())
    response = as_alice.get(f"/api/v1/me/profiles/{alice_profile.pk}/plan")
    assert response.content == json.dumps(plans_json(expected)).encode()


def test_every_route_s_detail_validates_against_the_published_schema_and_is_the_rulebook_s_json(
    anonymous: Client, document: dict[str, Any], settings: Any
) -> None:
    """Each route of the rulebook as ``/pathways/{id}`` sends it: the rulebook's names (a group's
    ``not``), fields at their default left out, which the schema therefore does not require."""
    settings.API_RATE = "100000/min"
    validator = _validator(document, "PathwayDetail")
    assert "not" in document["components"]["schemas"]["Group"]["properties"]
    for jurisdiction, pathway in default_rulebook().pathways:
        response = anonymous.get(f"/api/v1/pathways/{pathway.id}")
        written = {
            "jurisdiction": jurisdiction.jurisdiction,
            **pathway.model_dump(mode="json", exclude_defaults=True, by_alias=True),
        }
        assert response.content == json.dumps(written).encode(), pathway.id
        assert _errors(validator, response.json()) == [], pathway.id
    spoilt = {**response.json(), "kind": "shortcut"}
    assert not validator.is_valid(spoilt)


SUMMARY_BUDGET = 60 * 1024
"""Issue 12: the light answer for the example profile is at most 60 KB before compression (its size
is deterministic: the same profile, rulebook and day give the same bytes)."""


@pytest.mark.parametrize("empty", [False, True], ids=["example", "empty-profile"])
@pytest.mark.parametrize("query", CHECKS)
def test_a_check_summary_keeps_each_route_s_verdict_dates_and_questions_and_validates(
    anonymous: Client, document: dict[str, Any], example_data: dict[str, Any], query: str, empty: bool
) -> None:
    """The same routes in the same order as the full answer, with the same verdict, deciding criterion,
    dates and open questions (their criterion, field and question); no criteria."""
    body = {} if empty else example_data
    full = _post(anonymous, "/api/v1/check" + query, body).json()
    joiner = "&" if query else "?"
    response = _post(anonymous, "/api/v1/check" + query + joiner + "fields=summary", body)
    assert response.status_code == 200
    summary = response.json()
    assert _errors(_validator(document, "CheckSummary"), summary) == []
    assert not _validator(document, "CheckAnswer").is_valid(summary)
    assert (summary["as_of"], summary["notice"]) == (full["as_of"], full["notice"])
    assert [r["pathway"] for r in summary["results"]] == [r["pathway"] for r in full["results"]]
    kept = ("jurisdiction", "kind", "verdict", "deciding", "eligible_from", "eligible_until")
    for short, whole in zip(summary["results"], full["results"], strict=True):
        assert "criteria" not in short
        assert {k: short[k] for k in kept} == {k: whole[k] for k in kept}, whole["pathway"]
        assert (short["best_case"], short["worst_case"]) == (whole["best_case"], whole["worst_case"])
        deciding = [c for c in whole["criteria"] if c["id"] == whole["deciding"]]
        assert short["reason"] == (deciding[0]["reason"] if deciding else None), whole["pathway"]
        assert short["open_questions"] == [
            {"criterion": q["criterion"], "field": q["field"], "question": q["question"]}
            for q in whole["open_questions"]
        ]
    if empty:
        assert any(r["open_questions"] for r in summary["results"])


@pytest.mark.parametrize("empty", [False, True], ids=["example", "empty-profile"])
@pytest.mark.parametrize("query", PLANS)
def test_a_plan_summary_keeps_each_plan_s_verdict_and_license_dates_and_validates(
    anonymous: Client, document: dict[str, Any], example_data: dict[str, Any], query: str, empty: bool
) -> None:
    body = {} if empty else example_data
    full = _post(anonymous, "/api/v1/plan" + query, body).json()
    joiner = "&" if query else "?"
    response = _post(anonymous, "/api/v1/plan" + query + joiner + "fields=summary", body)
    assert response.status_code == 200
    summary = response.json()
    assert _errors(_validator(document, "PlanSummary"), summary) == []
    assert not _validator(document, "PlanAnswer").is_valid(summary)
    assert summary["assumptions"] == full["assumptions"]
    kept = (
        "jurisdiction", "pathway", "kind", "verdict", "feasible", "reason", "first_license", "full_license",
        "full_license_undated",
    )  # fmt: skip
    for short, whole in zip(summary["plans"], full["plans"], strict=True):
        assert "steps" not in short
        assert {k: short[k] for k in kept} == {k: whole[k] for k in kept}
        bounds = [d for d in ("first_license", "full_license") if whole[f"{d}_at_least"]]
        assert short["at_least"] == bounds
    assert ("what_if" in summary) == ("assume" in query)
    if "what_if" in summary:
        assert summary["what_if"] == [
            {"pathway": c["pathway"], "changes": c["changes"]} for c in full["what_if"]
        ]


def test_a_plan_summary_names_the_criterion_that_decided_each_route_and_its_open_questions(
    anonymous: Client, example_data: dict[str, Any]
) -> None:
    """What the check says of the same route on the same day (the plan does not carry criteria)."""
    checked = _post(anonymous, "/api/v1/check?fields=summary", example_data).json()
    by_route = {r["pathway"]: r for r in checked["results"]}
    plans = _post(anonymous, "/api/v1/plan?fields=summary", example_data).json()["plans"]
    for short in plans:
        route = by_route[short["pathway"]]
        assert (short["deciding"], short["open_questions"]) == (route["deciding"], route["open_questions"])
    assert any(p["deciding"] for p in plans)


def test_the_summaries_are_the_serializers_json_and_within_the_size_budget(
    anonymous: Client, example_data: dict[str, Any]
) -> None:
    profile, rulebook = _example(example_data), default_rulebook()
    check_summary = _post(anonymous, "/api/v1/check?fields=summary", example_data).content
    assert check_summary == json.dumps(check_summary_json(check(profile, rulebook))).encode()
    plan_summary = _post(anonymous, "/api/v1/plan?fields=summary", example_data).content
    expected = plan(profile, rulebook, as_of=profile.evaluation_date())
    assert plan_summary == json.dumps(plans_summary_json(expected)).encode()
    assert len(check_summary) <= SUMMARY_BUDGET, len(check_summary)
    assert len(plan_summary) <= SUMMARY_BUDGET, len(plan_summary)
    full = _post(anonymous, "/api/v1/check", example_data).content
    assert len(check_summary) * 10 < len(full)


def test_a_saved_profile_s_plan_summary_validates(
    as_alice: Client, alice_profile: SavedProfile, document: dict[str, Any]
) -> None:
    response = as_alice.get(f"/api/v1/me/profiles/{alice_profile.pk}/plan?fields=summary")
    assert response.status_code == 200
    assert _errors(_validator(document, "PlanSummary"), response.json()) == []


@pytest.mark.parametrize("url", ["/api/v1/check", "/api/v1/plan"])
@pytest.mark.parametrize("value", ["short", "SUMMARY", ""])
def test_an_unknown_fields_value_is_refused_naming_the_parameter(
    anonymous: Client, example_data: dict[str, Any], url: str, value: str
) -> None:
    response = _post(anonymous, f"{url}?fields={value}", example_data)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["fields"]
