"""The roadmap planner: from a profile to dated, costed plans for every route (a service over the engine).

From a notebook::

    from imgpath.planner import load_profile, plan
    from imgpath.rulebook import default_rulebook

    plans = plan(load_profile("me.yaml"), default_rulebook(), states=["TN"])
"""

from imgpath.engine.profile import Profile, load_profile, parse_profile
from imgpath.planner.model import PlanSet, RoutePlan
from imgpath.planner.plans import plan, rank, why
from imgpath.planner.whatif import assume, compare

__all__ = [
    "PlanSet",
    "Profile",
    "RoutePlan",
    "assume",
    "compare",
    "load_profile",
    "parse_profile",
    "plan",
    "rank",
    "why",
]
