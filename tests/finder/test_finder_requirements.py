"""The engine's judge of requirement sets that are not routes: memoised per set within one profile's
facts, and the same objects a route gives."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import TypeAdapter

import imgpath.engine.requirements as requirements_module
from imgpath.engine import (
    Profile,
    RequirementsResult,
    Verdict,
    evaluate_requirements,
    facts_for,
    requirement_set,
)
from imgpath.finder.schema import Requirements
from imgpath.rulebook import Node, default_rulebook

NODES: TypeAdapter[list[Node]] = TypeAdapter(Requirements)
ON = date(2026, 11, 25)


def score_floor(floor: int) -> list[Node]:
    return NODES.validate_python(
        [
            {
                "id": "steps",
                "type": "scores_at_least",
                "summary": f"At least {floor} on every Step taken",
                "params": {"exams": ["usmle_step1", "usmle_step2_ck"], "min_score": floor},
            }
        ]
    )


def test_a_thousand_listings_sharing_twenty_requirement_sets_cost_twenty_evaluations(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = 0
    evaluate = requirements_module._evaluate

    def counted(*args: object) -> RequirementsResult:
        nonlocal calls
        calls += 1
        return evaluate(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(requirements_module, "_evaluate", counted)
    profile = Profile.model_validate({"exams": {"usmle_step1": {"passed": True, "score": 230}}})
    facts = facts_for(profile, default_rulebook(), ON)
    listings = [score_floor(200 + i % 20) for i in range(1000)]  # each its own list of equal nodes
    verdicts = [evaluate_requirements(nodes, facts).verdict for nodes in listings]
    assert calls == 20
    assert verdicts.count(Verdict.unknown) == 1000  # Step 2 CK not said: open for each floor


def test_equal_nodes_compile_to_one_set_and_the_state_tells_sets_apart() -> None:
    assert requirement_set(score_floor(220)) is requirement_set(score_floor(220))
    assert requirement_set(score_floor(220), "MN") is not requirement_set(score_floor(220))


def test_no_requirements_mean_eligible_with_nothing_open() -> None:
    result = evaluate_requirements([], facts_for(Profile(), default_rulebook(), ON))
    assert result.verdict is Verdict.eligible
    assert (result.best_case, result.worst_case) == (Verdict.eligible, Verdict.eligible)
    assert result.open_questions == []
    assert str(result.reason) == "You meet every requirement it states."


def test_an_unverified_requirement_sends_the_question_to_the_host() -> None:
    nodes = NODES.validate_python(
        [{"id": "letter", "type": "unverified_requirement", "summary": "A letter from a US physician"}]
    )
    result = evaluate_requirements(nodes, facts_for(Profile(), default_rulebook(), ON))
    assert result.verdict is Verdict.unknown
    [question] = result.open_questions
    assert (question.about, question.who) == ("rulebook", "the host")
    assert "ask the host" in str(question.question)
