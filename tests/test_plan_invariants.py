"""Every rule case, planned: the promises a plan makes hold for each of them.

Step order respects prerequisites; a step with a calendar window starts (or ends) inside it; the
total cost is the sum of the steps' fees; the fastest, usual and slowest readings stay in order;
a lapse is reported exactly when the application would come after eligibility closes.
"""

from __future__ import annotations

from datetime import date

import pytest

from imgpath.dates import in_yearly_window
from imgpath.engine.profile import Profile
from imgpath.planner.model import ZERO, PlanSet
from imgpath.planner.plans import plan
from imgpath.rulebook.loader import default_rulebook
from rule_cases import RuleCase, case_profile, load_cases

CASES = [(name, case) for name, case in load_cases()]


def _month_day(day: date) -> str:
    return f"{day.month:02d}-{day.day:02d}"


def _plans(case: RuleCase) -> PlanSet:
    profile = Profile.model_validate(case_profile(case))
    states = sorted({p.split(".")[0].removeprefix("us-").upper() for p in case.expect if p.startswith("us-")})
    return plan(profile, default_rulebook(), as_of=case.as_of, states=states or None)


@pytest.mark.parametrize(("name", "case"), CASES, ids=[name for name, _ in CASES])
def test_plans_keep_their_promises(name: str, case: RuleCase) -> None:
    rulebook = default_rulebook()
    plans = _plans(case)
    for route in plans.plans:
        ends = {step.id: step.end for step in route.steps}
        total = ZERO
        for step in route.steps:
            assert step.start >= plans.as_of, (route.pathway, step.id)
            assert step.start <= step.end, (route.pathway, step.id)
            assert step.end_low <= step.end <= step.end_high, (route.pathway, step.id)
            for required in step.requires:
                assert step.start >= ends[required], (
                    f"{route.pathway}: {step.id} starts before {required} ends"
                )
            window = rulebook.steps[step.step].window
            if window is not None and window.starts_on:
                assert _month_day(step.start) == window.starts_on, (route.pathway, step.id, step.start)
            elif window is not None and window.opens and window.closes:
                assert in_yearly_window(step.start, window.opens, window.closes), (route.pathway, step.id)
            if window is not None and window.ends_on and step.duration_known:
                assert _month_day(step.end) == window.ends_on, (route.pathway, step.id, step.end)
            total += step.cost
        assert route.cost == total, route.pathway
        if route.first_license:
            low, typical, high = route.first_license
            assert low <= typical <= high
        if route.full_license and route.first_license:
            assert route.full_license[1] >= route.first_license[1]
        for lapse in route.lapses:
            assert lapse.reached_on is not None, route.pathway
            assert lapse.reached_on > lapse.closes_on, route.pathway
            assert lapse.act_by is None or plans.as_of <= lapse.act_by <= lapse.closes_on, route.pathway
