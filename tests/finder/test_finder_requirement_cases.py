"""Every case under tests/finder/cases holds: a listing's requirements, judged outside any route, give
the verdict, dates, deciding criterion and open questions a person worked out by hand."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from imgpath.dates import parse_day
from imgpath.engine import Profile, Verdict, evaluate_requirements, facts_for
from imgpath.finder.schema import Requirements
from imgpath.rulebook import Node, default_rulebook
from imgpath.yamlio import load_file
from rule_cases import PROFILES_DIR, deep_merge

CASES_DIR = Path(__file__).parent / "cases"
NODES: TypeAdapter[list[Node]] = TypeAdapter(Requirements)


class Expected(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verdict: Verdict
    deciding: str | None = None
    eligible_from: date | None = None
    eligible_until: date | None = None
    criteria: dict[str, Verdict] = Field(default_factory=dict)
    best_case: Verdict | None = None
    worst_case: Verdict | None = None
    open_questions: list[str] | None = None


class ListingCase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=10)
    as_of: date
    extends: str | None = None
    profile: dict[str, Any] = Field(default_factory=dict)
    requirements: list[dict[str, Any]] = Field(min_length=1)
    expect: Expected


def load_cases() -> list[tuple[str, ListingCase, set[str]]]:
    found = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data, _ = load_file(path, path.name)
        for index, raw in enumerate(data):
            raw = dict(raw)
            raw["as_of"] = parse_day(raw["as_of"])
            expect = dict(raw["expect"])
            for key in ("eligible_from", "eligible_until"):
                if expect.get(key) is not None:
                    expect[key] = parse_day(expect[key])
            raw["expect"] = expect
            found.append((f"{path.name}#{index + 1}", ListingCase.model_validate(raw), set(expect)))
    return found


CASES = load_cases()


@pytest.mark.parametrize(("case_id", "case", "given"), CASES, ids=[c[0] for c in CASES])
def test_listing_case(case_id: str, case: ListingCase, given: set[str]) -> None:
    base: dict[str, Any] = {}
    if case.extends:
        base, _ = load_file(PROFILES_DIR / f"{case.extends}.yaml")
    profile = Profile.model_validate(deep_merge(base, case.profile))
    facts = facts_for(profile, default_rulebook(), case.as_of)
    result = evaluate_requirements(NODES.validate_python(case.requirements), facts)
    explained = "\n".join(f"  {c.id}: {c.verdict} - {c.reason}" for c in result.criteria)
    context = f"{case.name}\non {case.as_of}:\n{explained}"
    expected = case.expect
    assert result.verdict == expected.verdict, context
    if "deciding" in given:
        assert (result.deciding.id if result.deciding else None) == expected.deciding, context
    if "eligible_from" in given:
        assert result.eligible_from == expected.eligible_from, context
    if "eligible_until" in given:
        assert result.eligible_until == expected.eligible_until, context
    if expected.best_case is not None:
        assert result.best_case == expected.best_case, context
    if expected.worst_case is not None:
        assert result.worst_case == expected.worst_case, context
    if expected.open_questions is not None:
        asked = [f"{q.about}:{q.field or q.criterion}" for q in result.open_questions]
        assert asked == expected.open_questions, context
    by_id = {c.id: c for c in result.criteria}
    for criterion_id, verdict in expected.criteria.items():
        assert by_id[criterion_id].verdict == verdict, f"{context}\ncriterion {criterion_id}"


def test_every_new_criterion_type_has_cases_on_both_sides() -> None:
    """Each criterion type a listing added is claimed to hold and to fail, at least once each."""
    seen: dict[str, set[Verdict]] = {}
    for _, case, _ in CASES:
        if len(case.requirements) == 1:
            seen.setdefault(case.requirements[0]["type"], set()).add(case.expect.verdict)
    for kind in ("citizenship", "membership", "scores_at_least", "medical_school"):
        assert {Verdict.eligible, Verdict.not_eligible, Verdict.unknown} <= seen[kind], kind
