"""Law simulator speed, printed (not a test). Run: make bench  (or .venv/bin/python benchmarks/simulator.py)

Target from issue 13: one changed route re-evaluated over 100,000 profiles in at most 1 s. The
profiles are SYNTHETIC: drawn by the small seeded generator below (not the calibrated cohort
generator, which is another package's). Printed apart: making the profiles, making their facts
(``prepare``), judging the routes in force once (kept for every later run), then ``simulate`` with
one changed route and a 5-value ``sweep``; peak memory; and the plain way, ``check()`` per profile
on the derived rulebook's route, on a subsample, scaled to the whole cohort for comparison.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from datetime import date
from typing import Any

from imgpath.engine import CheckResult, Profile, RouteEvaluator, Verdict, check, facts_for
from imgpath.rulebook import default_rulebook
from imgpath.simulator import derive, derived_rulebook, prepare, simulate, sweep

AS_OF = date(2025, 6, 1)  # Tennessee's 2024 route was accepting applications
ROUTE = "us-tn.foreign_training_license_2024"
PARAM = "criteria.recent_practice.params.years"
SWEPT = "criteria.training_abroad.params.years"


def synthetic_profile(rng: random.Random) -> Profile:
    """A SYNTHETIC IMG, drawn at random (not calibrated on any published figure)."""
    graduated = rng.randint(1995, 2023)
    training_end = min(graduated + rng.randint(1, 6), 2025)
    practice_start = training_end
    data: dict[str, Any] = {
        "citizenship": [rng.choice(["IN", "PK", "NG", "EG", "PH"])],
        "medical_school": {"country": "IN", "graduated": f"{graduated}-05", "listed_in_wdoms": True},
        "ecfmg_certified": rng.choice([True, True, False, f"{rng.randint(2015, 2025)}-03-10"]),
        "exams": {
            "usmle_step1": rng.choice([None, {"passed": f"{rng.randint(2012, 2025)}-03-01", "attempts": 1}]),
            "usmle_step2_ck": rng.choice(
                [None, {"passed": f"{rng.randint(2012, 2025)}-09-01", "attempts": 2}]
            ),
        },
        "training": [
            {
                "country": "IN",
                "kind": "residency",
                "start": f"{graduated}-07",
                "end": f"{training_end}-06",
                "completed": True,
            }
        ],
        "practice": [
            {
                "country": "IN",
                "start": f"{practice_start}-{rng.randint(7, 12):02d}",
                **(
                    {"end": f"{rng.randint(practice_start + 1, 2026)}-{rng.randint(1, 5):02d}"}
                    if rng.random() < 0.3
                    else {}
                ),
            }
        ],
        "licenses": [{"jurisdiction": "IN", "status": "active", "discipline": rng.random() < 0.03}],
        "job_offer": rng.choice(
            [
                None,
                {
                    "state": "TN",
                    "employer_type": "hospital",
                    "full_time": True,
                    "acgme_sponsor": rng.random() < 0.7,
                },
            ]
        ),
        "immigration": {"status": rng.choice(["abroad", "j1", "h1b"]), "work_authorized": rng.random() < 0.5},
    }
    return Profile.model_validate(data)


def verdict_of(result: CheckResult, pathway_id: str) -> Verdict:
    found = next(r for r in result.results if r.pathway == pathway_id)
    return found.verdict if found.applies else Verdict.not_eligible


def peak_mb() -> float:
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def timed(label: str, run: Any) -> Any:
    start = time.perf_counter()
    value = run()
    print(f"  {label}: {time.perf_counter() - start:.3f} s")
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--plain", type=int, default=2_000, help="subsample for the plain way")
    args = parser.parse_args()
    rulebook = default_rulebook()
    rng = random.Random(13)
    print(f"law simulator, {args.profiles:,} SYNTHETIC profiles (seeded generator), {ROUTE}, as of {AS_OF}")
    profiles = timed(
        "generate the synthetic profiles (not the simulator)",
        lambda: [synthetic_profile(rng) for _ in range(args.profiles)],
    )
    cohort = timed(
        "facts precomputation (prepare)", lambda: prepare(profiles, AS_OF, rulebook=rulebook, synthetic=True)
    )
    timed("the route in force, judged once (kept for later runs)", lambda: cohort.in_force(ROUTE))
    changed = derive(ROUTE, {PARAM: 2}, rulebook=rulebook)
    start = time.perf_counter()
    result = simulate(cohort, changed)
    took = time.perf_counter() - start
    verdict = "met" if took <= 1 else "MISSED"
    print(f"  simulate, one changed route ({PARAM}=2): {took:.3f} s (target <= 1 s: {verdict})")
    print(
        f"    qualify: {len(result.newly_qualifying):,} newly, {len(result.no_longer_qualifying):,} stop; "
        f"after: { {v.value: n for v, n in result.counts_after.items()} }"
    )
    start = time.perf_counter()
    swept = sweep(cohort, ROUTE, SWEPT, [1, 2, 3, 4, 5])
    took = time.perf_counter() - start
    print(f"  sweep, 5 values: {took:.3f} s ({took / 5:.3f} s a value; target <= 1 s a value)")
    for value, counts in zip(swept.values, swept.counts, strict=True):
        print(f"    {SWEPT}={value}: " + ", ".join(f"{v.value} {n:,}" for v, n in counts.items()))
    print(f"  peak memory (RSS): {peak_mb():.0f} MB")

    sample = profiles[: args.plain]
    derived = derived_rulebook(rulebook, changed)
    start = time.perf_counter()
    plain = [verdict_of(check(p, derived, as_of=AS_OF, states=["TN"]), changed.id) for p in sample]
    each = (time.perf_counter() - start) / len(sample)
    print(
        f"  plain way, check() per profile on the derived rulebook (TN and federal routes): "
        f"{each * 1e6:.0f} us a profile on {len(sample):,}, "
        f"{each * args.profiles:.1f} s for {args.profiles:,}"
    )
    evaluator = RouteEvaluator(changed.route)
    start = time.perf_counter()
    bound = [evaluator(facts_for(p, rulebook, AS_OF)).verdict for p in sample]
    each = (time.perf_counter() - start) / len(sample)
    print(
        f"  the changed route alone, fresh facts per profile, no sharing: {each * 1e6:.0f} us a profile, "
        f"{each * args.profiles:.1f} s for {args.profiles:,}"
    )
    assert plain == bound == result.after[: len(sample)], "the simulator and the plain way disagree"
    print("  the simulator's verdicts equal the plain way's on the subsample")


if __name__ == "__main__":
    main()
