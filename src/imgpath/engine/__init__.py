"""The eligibility engine: a profile and the rulebook in, verdicts with reasons and dates out.

From a notebook::

    from imgpath.engine import check, load_profile
    from imgpath.rulebook import default_rulebook

    result = check(load_profile("me.yaml"), default_rulebook())
"""

from imgpath.engine.evaluate import (
    CheckResult,
    OpenQuestion,
    RouteResult,
    check,
    evaluate_criterion,
    evaluate_pathway,
    facts_for,
)
from imgpath.engine.facts import Facts
from imgpath.engine.profile import Profile, load_profile, parse_profile
from imgpath.engine.verdict import CriterionResult, Outcome, Verdict

__all__ = [
    "CheckResult",
    "CriterionResult",
    "Facts",
    "OpenQuestion",
    "Outcome",
    "Profile",
    "RouteResult",
    "Verdict",
    "check",
    "evaluate_criterion",
    "evaluate_pathway",
    "facts_for",
    "load_profile",
    "parse_profile",
]
