"""The typed models of the ``check`` and ``plan`` answers describe exactly what the serializers emit,
so that the API's OpenAPI document tells the truth about its JSON."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from imgpath.engine.answers import CheckAnswer, CheckSummary, check_answer, check_summary
from imgpath.engine.evaluate import check
from imgpath.engine.profile import load_profile
from imgpath.engine.serialize import check_json, check_summary_json
from imgpath.engine.verdict import Verdict
from imgpath.planner.answers import PlanAnswer, PlanSummary, plan_answer, plan_summary
from imgpath.planner.plans import plan
from imgpath.planner.serialize import plans_json, plans_summary_json
from imgpath.planner.whatif import assume, compare
from imgpath.rulebook.loader import default_rulebook

PROFILES = sorted((Path(__file__).parent / "cases" / "profiles").glob("*.yaml"))
DAY = date(2026, 12, 2)


def _json(data: dict[str, Any]) -> Any:
    return json.loads(json.dumps(data))


@pytest.mark.parametrize("path", PROFILES, ids=[p.stem for p in PROFILES])
def test_a_check_validates_against_its_model_and_round_trips(path: Path) -> None:
    result = check(load_profile(path), default_rulebook(), as_of=DAY)
    data = _json(check_json(result))
    answer = CheckAnswer.model_validate(data)
    assert answer.model_dump(mode="json") == data
    assert check_answer(result) == answer


@pytest.mark.parametrize("path", PROFILES[:4], ids=[p.stem for p in PROFILES[:4]])
def test_a_plan_validates_against_its_model_and_round_trips(path: Path) -> None:
    profile, rulebook = load_profile(path), default_rulebook()
    before = plan(profile, rulebook, as_of=DAY)
    after = plan(assume(profile, ["usmle_step3=passed"], DAY), rulebook, as_of=DAY)
    for plans, changes in ((before, None), (after, compare(before, after))):
        data = _json(plans_json(plans, changes))
        answer = PlanAnswer.model_validate(data)
        assert answer.model_dump(mode="json", exclude_unset=True) == data
        assert plan_answer(plans, changes) == answer


@pytest.mark.parametrize("path", PROFILES, ids=[p.stem for p in PROFILES])
def test_a_check_summary_validates_against_its_model_and_keeps_every_route_s_verdict(path: Path) -> None:
    result = check(load_profile(path), default_rulebook(), as_of=DAY)
    data = _json(check_summary_json(result))
    answer = CheckSummary.model_validate(data)
    assert answer.model_dump(mode="json") == data
    assert check_summary(result) == answer
    full = _json(check_json(result))["results"]
    assert [(r["pathway"], r["verdict"], r["deciding"]) for r in data["results"]] == [
        (r["pathway"], r["verdict"], r["deciding"]) for r in full
    ]


@pytest.mark.parametrize("path", PROFILES[:4], ids=[p.stem for p in PROFILES[:4]])
def test_a_plan_summary_validates_against_its_model_and_keeps_every_plan_s_dates(path: Path) -> None:
    profile, rulebook = load_profile(path), default_rulebook()
    before = plan(profile, rulebook, as_of=DAY)
    after = plan(assume(profile, ["usmle_step3=passed"], DAY), rulebook, as_of=DAY)
    for plans, changes in ((before, None), (after, compare(before, after))):
        data = _json(plans_summary_json(plans, changes))
        answer = PlanSummary.model_validate(data)
        assert answer.model_dump(mode="json", exclude_unset=True) == data
        assert plan_summary(plans, changes) == answer
        full = _json(plans_json(plans, changes))["plans"]
        assert [(p["pathway"], p["verdict"], p["full_license"]) for p in data["plans"]] == [
            (p["pathway"], p["verdict"], p["full_license"]) for p in full
        ]


def test_the_models_refuse_a_field_the_serializer_does_not_emit() -> None:
    """``extra="forbid"``: a field added to the JSON without its model fails the tests above."""
    data = _json(check_json(check(load_profile(PROFILES[0]), default_rulebook(), as_of=DAY)))
    data["results"][0]["surprise"] = 1
    with pytest.raises(ValueError, match="surprise"):
        CheckAnswer.model_validate(data)


def test_the_json_schema_names_the_keyed_fields() -> None:
    """What the OpenAPI document will show: the English reason and its key and parameters."""
    criterion = CheckAnswer.model_json_schema()["$defs"]["CriterionAnswer"]["properties"]
    assert {"reason", "reason_key", "reason_params"} <= set(criterion)
    route_plan = PlanAnswer.model_json_schema()["$defs"]["RoutePlanAnswer"]["properties"]
    assert {"reason_key", "risk_messages"} <= set(route_plan)


def test_a_shared_result_written_once_is_written_right_for_each_parent_and_each_copy() -> None:
    """criterion_json remembers a result's JSON; a copy made with replace and another parent get theirs,
    and a caller that adds to one answer does not change the next."""
    import dataclasses

    from imgpath.engine.serialize import criterion_json
    from imgpath.engine.verdict import CriterionResult, Verdict
    from imgpath.messages import message

    result = CriterionResult("exam", Verdict.eligible, message("ecfmg.held"), "ECFMG certification")
    first = criterion_json(result, "group-a")
    first["extra"] = True
    assert "extra" not in criterion_json(result, "group-a")
    assert criterion_json(result, "group-b")["parent"] == "group-b"
    changed = dataclasses.replace(result, verdict=Verdict.not_eligible)
    assert criterion_json(changed, "group-a")["verdict"] == "not_eligible"
    assert criterion_json(result, "group-a")["verdict"] == "eligible"


def test_the_json_schema_gives_closed_values_as_enums_and_null_only_where_it_occurs() -> None:
    """A client generated from the schema gets enums for verdicts, kinds, statuses and confidence; a
    plan's ``what_if`` is absent or a list, never null, so the schema does not offer null for it."""
    check_defs = CheckAnswer.model_json_schema()["$defs"]
    assert check_defs["Verdict"]["enum"] == [v.value for v in Verdict]
    route = check_defs["RouteAnswer"]["properties"]
    assert route["verdict"] == {"$ref": "#/$defs/Verdict"}
    assert {"$ref": "#/$defs/RouteStatus"} in route["route_status"]["anyOf"]
    assert route["confidence"] == {"$ref": "#/$defs/Confidence"}
    plan_schema = PlanAnswer.model_json_schema()
    route_plan = plan_schema["$defs"]["RoutePlanAnswer"]["properties"]
    assert route_plan["verdict"] == {"$ref": "#/$defs/Verdict"}
    assert route_plan["kind"] == {"$ref": "#/$defs/Kind"}
    what_if = plan_schema["properties"]["what_if"]
    assert what_if["type"] == "array"
    assert "anyOf" not in what_if
    assert "what_if" not in plan_schema["required"]
