"""Planner speed, printed (not a test). Run: make bench  (or .venv/bin/python benchmarks/planner.py)

Target from the issue: every route planned for one profile, median <= 20 ms. Two profiles are
timed: the bundled experienced internist and a recent graduate who has every step still to take
(the largest plans: the whole ECFMG and Match chain for every traditional route).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from imgpath.planner.plans import plan
from imgpath.rulebook.loader import default_rulebook
from profiles_for_plans import experienced_internist, recent_graduate

AS_OF = date(2026, 11, 25)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeats", type=int, default=100)
    args = parser.parse_args()
    rulebook = default_rulebook()
    for label, profile in (
        ("experienced internist", experienced_internist()),
        ("recent graduate", recent_graduate()),
    ):
        plans = plan(profile, rulebook, as_of=AS_OF)
        steps = sum(len(p.steps) for p in plans.plans)
        timings = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            plan(profile, rulebook, as_of=AS_OF)
            timings.append(time.perf_counter() - start)
        median = statistics.median(timings) * 1000
        p95 = statistics.quantiles(timings, n=20)[-1] * 1000
        print(
            f"plan every route ({len(plans.plans)} routes, {steps} steps) for the {label}: median "
            f"{median:.1f} ms, p95 {p95:.1f} ms over {args.repeats} runs (target <= 20 ms)"
        )


if __name__ == "__main__":
    main()
