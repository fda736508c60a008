"""The eligibility engine: a profile and the rulebook in, verdicts with reasons and dates out.

From a notebook::

    from imgpath.engine import check, load_profile
    from imgpath.rulebook import default_rulebook

    result = check(load_profile("me.yaml"), default_rulebook())

This package is the engine's public face: the CLI and the web import from here, never from its
modules (``make check`` holds them to it). ``CheckAnswer``, the typed model of the JSON answer, is
loaded when first asked for: building it costs a cold ``imgpath check`` time it never needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from imgpath.engine.evaluate import (
    CheckResult,
    OpenQuestion,
    RouteEvaluator,
    RouteResult,
    check,
    criterion_keys,
    criterion_outcomes,
    evaluate_criterion,
    evaluate_pathway,
    facts_for,
)
from imgpath.engine.facts import Facts
from imgpath.engine.profile import (
    OFFER_FLAGS,
    EmployerType,
    ImmigrationStatus,
    LicenseStatus,
    Profile,
    Text,
    TrainingKind,
    load_profile,
    parse_profile,
    problem_message,
    profile_from_data,
)
from imgpath.engine.requirements import (
    RequirementSet,
    RequirementsResult,
    evaluate_requirements,
    requirement_set,
)
from imgpath.engine.serialize import (
    NOTICE,
    check_json,
    check_summary_json,
    criteria_json,
    criterion_json,
    keyed,
    question_json,
    route_json,
)
from imgpath.engine.verdict import CriterionResult, Outcome, Verdict
from imgpath.lazy import lazy_exports

if TYPE_CHECKING:
    from imgpath.engine.answers import (
        CheckAnswer,
        CheckSummary,
        CriterionAnswer,
        OpenQuestionAnswer,
        Params,
    )

__getattr__ = lazy_exports(
    __name__,
    {
        name: "imgpath.engine.answers"
        for name in ("CheckAnswer", "CheckSummary", "CriterionAnswer", "OpenQuestionAnswer", "Params")
    },
)


__all__ = [
    "NOTICE",
    "OFFER_FLAGS",
    "CheckAnswer",
    "CheckResult",
    "CheckSummary",
    "CriterionAnswer",
    "CriterionResult",
    "EmployerType",
    "Facts",
    "ImmigrationStatus",
    "LicenseStatus",
    "OpenQuestion",
    "OpenQuestionAnswer",
    "Outcome",
    "Params",
    "Profile",
    "RequirementSet",
    "RequirementsResult",
    "RouteEvaluator",
    "RouteResult",
    "Text",
    "TrainingKind",
    "Verdict",
    "check",
    "check_json",
    "check_summary_json",
    "criteria_json",
    "criterion_json",
    "criterion_keys",
    "criterion_outcomes",
    "evaluate_criterion",
    "evaluate_pathway",
    "evaluate_requirements",
    "facts_for",
    "keyed",
    "load_profile",
    "parse_profile",
    "problem_message",
    "profile_from_data",
    "question_json",
    "requirement_set",
    "route_json",
]
