"""Engine speed, printed (not a test). Run: make bench  (or .venv/bin/python benchmarks/engine.py)

Targets from the issue: one profile against every route in every jurisdiction, median <= 2 ms;
100,000 generated profiles in one process <= 60 s on 2 cores, with peak memory; a cold
`imgpath check` end to end <= 1 s.

"One process on 2 cores" is read as one command using both cores: the many-profiles run checks
every profile against every route (not one state's), split over ``--workers`` forked processes.
``--workers 1`` gives the single-core figure.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from imgpath.engine.evaluate import check
from imgpath.engine.profile import Profile, load_profile
from imgpath.rulebook.loader import default_rulebook

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "src/imgpath/examples/experienced-internist.yaml"
AS_OF = date(2026, 11, 25)


def generated_profile(rng: random.Random) -> Profile:
    """A plausible IMG: training, practice that may have stopped, exams, maybe a job offer."""
    graduated = rng.randint(1995, 2024)
    training_end = graduated + rng.randint(1, 6)
    data: dict[str, Any] = {
        "citizenship": [rng.choice(["IN", "PK", "NG", "EG", "PH"])],
        "medical_school": {"country": "IN", "graduated": f"{graduated}-05", "listed_in_wdoms": True},
        "ecfmg_certified": rng.choice([True, False, f"{rng.randint(2015, 2026)}-03-10"]),
        "exams": {
            "usmle_step1": rng.choice([None, {"passed": f"{rng.randint(2012, 2026)}-03-01", "attempts": 1}]),
            "usmle_step2_ck": rng.choice(
                [None, {"passed": f"{rng.randint(2012, 2026)}-09-01", "attempts": 2}]
            ),
            "usmle_step3": rng.choice([None, {"passed": "2024-01-10", "attempts": 1}]),
            "oet_medicine": {"passed": "2020-01-15", "attempts": 1},
        },
        "training": [
            {
                "country": "IN",
                "kind": "residency",
                "start": f"{graduated}-07",
                "end": f"{min(training_end, 2026)}-06",
                "completed": True,
            }
        ],
        "practice": [
            {
                "country": "IN",
                "start": f"{min(training_end, 2026)}-07",
                **({"end": f"{rng.randint(min(training_end, 2026), 2026)}-12"} if rng.random() < 0.4 else {}),
            }
        ],
        "licenses": [{"jurisdiction": "IN", "status": "active", "discipline": rng.random() < 0.03}],
        "us_gme_years": rng.choice([0, 0, 0, 1, 3]),
        "job_offer": rng.choice(
            [
                None,
                {
                    "state": rng.choice(["TN", "FL", "IL", "TX", "VA", "WI"]),
                    "employer_type": "hospital",
                    "full_time": True,
                    "shortage_area": rng.random() < 0.5,
                    "acgme_sponsor": True,
                },
            ]
        ),
        "immigration": {"status": rng.choice(["abroad", "j1", "h1b"]), "work_authorized": rng.random() < 0.3},
    }
    return Profile.model_validate(data)


def one_profile_all_routes(repeats: int) -> None:
    rulebook = default_rulebook()
    profile = load_profile(EXAMPLE)
    routes = len(check(profile, rulebook, as_of=AS_OF).results)
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        check(profile, rulebook, as_of=AS_OF)
        timings.append(time.perf_counter() - start)
    median = statistics.median(timings) * 1000
    print(
        f"one profile x {routes} routes: median {median:.2f} ms, p95 "
        f"{statistics.quantiles(timings, n=20)[-1] * 1000:.2f} ms over {repeats} runs (target <= 2 ms)"
    )


def _evaluate_chunk(task: tuple[int, int, str | None]) -> tuple[int, float, float]:
    """Generate and check one chunk of profiles in a worker: (route verdicts, build s, check s)."""
    seed, count, state = task
    rulebook = default_rulebook()
    rng = random.Random(seed)
    start = time.perf_counter()
    profiles = [generated_profile(rng) for _ in range(count)]
    built = time.perf_counter() - start
    states = [state] if state else None
    start = time.perf_counter()
    routes = sum(len(check(profile, rulebook, as_of=AS_OF, states=states).results) for profile in profiles)
    return routes, built, time.perf_counter() - start


def many_profiles(count: int, state: str | None, workers: int) -> None:
    """One command, ``workers`` processes (the issue's 2 cores), chunks of generated profiles."""
    chunk = 2_000
    tasks = [(20261125 + i, min(chunk, count - i), state) for i in range(0, count, chunk)]
    start = time.perf_counter()
    if workers > 1:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_evaluate_chunk, tasks)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    else:
        parts = [_evaluate_chunk(task) for task in tasks]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    wall = time.perf_counter() - start
    routes = sum(part[0] for part in parts)
    built = sum(part[1] for part in parts)
    evaluated = sum(part[2] for part in parts)
    scope = f"{state} and federal routes" if state else "every route"
    print(
        f"{count:,} generated profiles against {scope}, {workers} process(es): {routes:,} route verdicts "
        f"in {wall:.1f} s wall (target <= 60 s); checking took {evaluated / count * 1e6:.0f} us of CPU a "
        f"profile, building the profiles {built:.1f} s; peak memory {peak:.0f} MiB per process"
    )


def cold_cli(repeats: int) -> None:
    command = [str(Path(sys.executable).parent / "imgpath"), "check", str(EXAMPLE), "--format", "json"]
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        timings.append(time.perf_counter() - start)
    print(
        f"cold `imgpath check` end to end: median {statistics.median(timings) * 1000:.0f} ms over "
        f"{repeats} runs (target <= 1 s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--profiles", type=int, default=100_000, help="how many generated profiles")
    parser.add_argument(
        "--state", default="", help="limit the many-profiles run to one state and the federal routes"
    )
    parser.add_argument("--workers", type=int, default=2, help="processes for the many-profiles run")
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    one_profile_all_routes(args.repeats)
    cold_cli(5)
    many_profiles(args.profiles, args.state or None, args.workers)


if __name__ == "__main__":
    main()
