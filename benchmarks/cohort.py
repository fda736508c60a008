"""Cohort speed, printed (not a test). Run: make bench  (or .venv/bin/python benchmarks/cohort.py)

Target from issue 13: 100,000 generated profiles against every route on 2 cores in at most 10 s,
peak memory printed; the engine's plain loop of ``check()`` took about 52 s with 2 workers.

The people are the synthetic cohort (``imgpath.cohort.synthetic``), read through the row format as
an upload is; the batch check runs with ``--workers`` forked processes, median of ``--repeats``
runs. The plain loop of ``check()`` runs on a subsample in one process and is scaled up to the
whole cohort over the same number of workers (said so in its line): the full loop would take
minutes. Both see the same profiles and the same date, and a sample of answers is compared.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engine import generated_profile
from imgpath.cohort import check_cohort, check_profiles, synthetic_people
from imgpath.rulebook import default_rulebook

AS_OF = date(2026, 11, 25)


def _cpu() -> float:
    """CPU seconds of this process and of its reaped workers: what the run cost on a shared machine
    (wall time also counts other people's processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_mib() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def run(label: str, profiles: list, workers: int, repeats: int, sample: int) -> None:  # type: ignore[type-arg]
    rulebook = default_rulebook()
    count = len(profiles)
    timings = []
    result = None
    cpu = []
    for _ in range(repeats):
        before = _cpu()
        start = time.perf_counter()
        result = check_cohort(profiles, rulebook, AS_OF, workers=workers)
        timings.append(time.perf_counter() - start)
        cpu.append(_cpu() - before)
    assert result is not None
    own, children = _peak_mib()
    median = statistics.median(timings)
    verdicts = count * len(result.route_ids)
    runs = ", ".join(f"{t:.1f}" for t in timings)
    print(
        f"{label}: {count:,} people x {len(result.route_ids)} routes ({verdicts:,} route verdicts), "
        f"{workers} worker(s): median {median:.1f} s of {repeats} (runs {runs}; "
        f"target <= 10 s); {len(result.answers):,} distinct answers; peak memory {own:.0f} MiB parent, "
        f"{children:.0f} MiB largest worker; CPU {statistics.median(cpu):.1f} s in all (median), "
        f"{statistics.median(cpu) / workers:.1f} s a core"
    )
    subsample = profiles[:sample]
    before = _cpu()
    reference = check_profiles(subsample, rulebook, AS_OF)
    plain = (_cpu() - before) / len(subsample)
    same = all(list(result.answer(i).routes) == reference[i] for i in range(len(subsample)))
    print(
        f"  plain loop of check(): {plain * 1e6:.0f} us of CPU a person on {len(subsample):,} of them in one "
        f"process, scaled up to {count:,} over {workers} worker(s): about {plain * count / workers:.0f} s "
        f"({plain * count / statistics.median(cpu):.1f} times the batch's CPU); "
        f"answers equal on the subsample: {same}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--profiles", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sample", type=int, default=1_000, help="people in the plain loop's subsample")
    parser.add_argument(
        "--engine-cohort", action="store_true", help="also the engine benchmark's generated IMGs"
    )
    args = parser.parse_args()
    start = time.perf_counter()
    people = synthetic_people(args.profiles, 20261125, AS_OF)
    built = time.perf_counter() - start
    print(f"{args.profiles:,} synthetic people generated and read through the row format in {built:.1f} s")
    run("synthetic cohort", [p.profile for p in people], args.workers, args.repeats, args.sample)
    if args.engine_cohort:
        import random

        rng = random.Random(20261125)
        profiles = [generated_profile(rng) for _ in range(args.profiles)]
        run("benchmarks/engine.py's generated IMGs", profiles, args.workers, args.repeats, args.sample)


if __name__ == "__main__":
    main()
