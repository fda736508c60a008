"""Rule cases as data: each YAML case is a sentence, a date, a profile and the verdicts expected.

Cases live in tests/cases/, mirroring the rulebook's paths; base profiles in tests/cases/profiles/.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from imgpath.dates import parse_day
from imgpath.engine.verdict import Verdict
from imgpath.rulebook.schema import RouteStatus
from imgpath.yamlio import load_file

CASES_DIR = Path(__file__).parent / "cases"
PROFILES_DIR = CASES_DIR / "profiles"


class Expectation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verdict: Verdict
    status: RouteStatus | None = None
    """The route's own status on the day (null: the rulebook knows none yet)."""
    deciding: str | None = None
    eligible_from: date | None = None
    eligible_until: date | None = None
    criteria: dict[str, Verdict] = Field(default_factory=dict)
    best_case: Verdict | None = None
    worst_case: Verdict | None = None
    applies: bool | None = None
    open_questions: list[str] | None = None
    """The open questions, each as ``profile:FIELD`` or ``rulebook:CRITERION``, in order."""
    fields_given: set[str] = Field(default_factory=set, exclude=True)


class RuleCase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=10)
    clause: str = Field(min_length=2)
    as_of: date
    extends: str | None = None
    profile: dict[str, Any] = Field(default_factory=dict)
    expect: dict[str, Expectation] = Field(min_length=1)


def deep_merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """Mappings merge key by key; anything else (lists included) is replaced."""
    merged = dict(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_cases() -> list[tuple[str, RuleCase]]:
    """Every case below tests/cases (not the base profiles), with an id naming file and position."""
    found: list[tuple[str, RuleCase]] = []
    for path in sorted(CASES_DIR.rglob("*.yaml")):
        if PROFILES_DIR in path.parents:
            continue
        relative = path.relative_to(CASES_DIR).as_posix()
        data, _ = load_file(path, relative)
        for index, raw in enumerate(data or []):
            raw = dict(raw)
            raw["as_of"] = parse_day(raw["as_of"])
            for expectation in raw.get("expect", {}).values():
                if isinstance(expectation, dict):
                    for key in ("eligible_from", "eligible_until"):
                        if expectation.get(key) is not None:
                            expectation[key] = parse_day(expectation[key])
            case = RuleCase.model_validate(raw)
            for pathway_id, expectation in case.expect.items():
                expectation.fields_given = set(raw["expect"][pathway_id])
            found.append((f"{relative}#{index + 1}", case))
    return found


def case_profile(case: RuleCase) -> dict[str, Any]:
    base: dict[str, Any] = {}
    if case.extends:
        base, _ = load_file(PROFILES_DIR / f"{case.extends}.yaml")
    return deep_merge(base or {}, case.profile)
