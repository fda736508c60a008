"""The roadmap planner: from a profile to dated, costed plans for every route (a service over the engine).

From a notebook::

    from imgpath.planner import load_profile, plan
    from imgpath.rulebook import default_rulebook

    plans = plan(load_profile("me.yaml"), default_rulebook(), states=["TN"])

This package is the planner's public face: the CLI and the web import from here, never from its
modules (``make check`` holds them to it). The exports that need a heavy library (the charts'
matplotlib, the calendar's icalendar) and ``PlanAnswer``, the typed model of the JSON answer, are
loaded when first asked for, so that a command that does not use them does not wait for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from imgpath.engine.profile import Profile, load_profile, parse_profile
from imgpath.engine.verdict import Source
from imgpath.lazy import lazy_exports
from imgpath.planner.additions import funding_share, step_ids, with_additions
from imgpath.planner.model import (
    Addition,
    FundingShare,
    Money,
    PlannedAddition,
    PlannedFee,
    PlannedStep,
    PlanSet,
    RoutePlan,
)
from imgpath.planner.plans import Ranking, plan, rank, why
from imgpath.planner.serialize import plans_json, plans_summary_json
from imgpath.planner.whatif import Change, assume, compare

if TYPE_CHECKING:
    from imgpath.planner.answers import PlanAnswer, PlanSummary
    from imgpath.planner.chart import ChartWords, ImageFormat, comparison_chart, plan_chart
    from imgpath.planner.ics import plans_to_ics

__getattr__ = lazy_exports(
    __name__,
    {
        "PlanAnswer": "imgpath.planner.answers",
        "PlanSummary": "imgpath.planner.answers",
        "ChartWords": "imgpath.planner.chart",
        "ImageFormat": "imgpath.planner.chart",
        "comparison_chart": "imgpath.planner.chart",
        "plan_chart": "imgpath.planner.chart",
        "plans_to_ics": "imgpath.planner.ics",
    },
)


__all__ = [
    "Addition",
    "Change",
    "ChartWords",
    "FundingShare",
    "ImageFormat",
    "Money",
    "PlanAnswer",
    "PlanSet",
    "PlanSummary",
    "PlannedAddition",
    "PlannedFee",
    "PlannedStep",
    "Profile",
    "Ranking",
    "RoutePlan",
    "Source",
    "assume",
    "compare",
    "comparison_chart",
    "funding_share",
    "load_profile",
    "parse_profile",
    "plan",
    "plan_chart",
    "plans_json",
    "plans_summary_json",
    "plans_to_ics",
    "rank",
    "step_ids",
    "why",
    "with_additions",
]
