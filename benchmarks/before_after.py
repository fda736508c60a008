"""This checkout's speed beside another commit's, in one run (not a test).

Run: make bench  (BEFORE=<commit> picks the other side; .venv/bin/python benchmarks/before_after.py)

A change that must not slow the product down (issue 10: "make bench prints the same figures before
and after, in one run") is judged here. The other commit's package is exported with ``git archive``
into a temporary directory; each figure is measured in fresh processes, before and after taking
turns, ``--rounds`` times. The machines are noisy: read the ratio of the medians, not the
milliseconds. Both sides run the same measuring code (this file), on the same profiles.

With ``--instructions`` (valgrind installed), it also counts the machine instructions each piece of
work costs, under callgrind: a figure that a loaded or throttled machine does not move. It takes
about a quarter of an hour here (each count is two runs under valgrind, 50 times slower).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "0ba101e"
"""The last commit before issue 10 (the web apps, the compiled rulebook, messages as data)."""
AS_OF = date(2026, 11, 25)


def _median_ms(run: Callable[[], object], repeats: int) -> float:
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def measure(generated: int) -> dict[str, float]:
    """Every figure for the package on ``sys.path``: run in a child process, once per side."""
    sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]
    from engine import EXAMPLE, generated_profile
    from imgpath.engine.evaluate import check
    from imgpath.engine.profile import load_profile
    from imgpath.engine.serialize import check_json
    from imgpath.planner.plans import plan
    from imgpath.planner.serialize import plans_json
    from imgpath.rulebook.loader import default_rulebook
    from profiles_for_plans import experienced_internist, recent_graduate

    start = time.perf_counter()
    rulebook = default_rulebook()
    loaded = (time.perf_counter() - start) * 1000
    example = load_profile(EXAMPLE)
    result = check(example, rulebook, as_of=AS_OF)
    internist, graduate = experienced_internist(), recent_graduate()
    rng = random.Random(20261125)
    profiles = [generated_profile(rng) for _ in range(generated)]
    check(profiles[0], rulebook, as_of=AS_OF)
    cpu = time.process_time()
    for profile in profiles:
        check(profile, rulebook, as_of=AS_OF)
    per_profile = (time.process_time() - cpu) / generated * 1e6
    return {
        "rulebook loaded (ms)": loaded,
        "check: example profile x every route (ms)": _median_ms(
            lambda: check(example, rulebook, as_of=AS_OF), 300
        ),
        f"check: {generated:,} generated profiles, CPU a profile (us)": per_profile,
        "check answer as JSON (ms)": _median_ms(lambda: json.dumps(check_json(result)), 100),
        "plan every route: experienced internist (ms)": _median_ms(
            lambda: plan(internist, rulebook, as_of=AS_OF), 60
        ),
        "plan every route: recent graduate (ms)": _median_ms(
            lambda: plan(graduate, rulebook, as_of=AS_OF), 60
        ),
        "plan answer as JSON (ms)": _median_ms(
            lambda: json.dumps(plans_json(plan(internist, rulebook, as_of=AS_OF))), 30
        ),
    }


INSTRUCTION_WORK = {
    "check: example profile x every route": 50,
    "check: generated profiles, each": 200,
    "plan every route: experienced internist": 5,
    "plan answer as JSON": 5,
}
"""The work counted under ``--instructions``, and how many times it is done in the counted run."""


def work(name: str) -> Callable[[int], object]:
    """The ``name`` work, set up, as a function of the repetition's number: run in a child process."""
    sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT / "tests")]
    from engine import EXAMPLE, generated_profile
    from imgpath.engine.evaluate import check
    from imgpath.engine.profile import load_profile
    from imgpath.planner.plans import plan
    from imgpath.planner.serialize import plans_json
    from imgpath.rulebook.loader import default_rulebook
    from profiles_for_plans import experienced_internist

    rulebook = default_rulebook()
    if name == "check: example profile x every route":
        example = load_profile(EXAMPLE)
        check(example, rulebook, as_of=AS_OF)
        return lambda _: check(example, rulebook, as_of=AS_OF)
    if name == "check: generated profiles, each":
        rng = random.Random(20261125)
        profiles = [generated_profile(rng) for _ in range(INSTRUCTION_WORK[name] + 1)]
        check(profiles[-1], rulebook, as_of=AS_OF)
        return lambda i: check(profiles[i], rulebook, as_of=AS_OF)
    internist = experienced_internist()
    plans = plan(internist, rulebook, as_of=AS_OF)
    json.dumps(plans_json(plans))
    if name == "plan answer as JSON":
        return lambda _: json.dumps(plans_json(plans))
    return lambda _: plan(internist, rulebook, as_of=AS_OF)


def count_instructions(src: Path, name: str) -> float:
    """Instructions for one piece of work: a run doing it N times less a run doing it none, over N."""

    def run(times: int) -> int:
        command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable]
        command += [__file__, "--work", name, "--times", str(times)]
        env = {**os.environ, "PYTHONPATH": str(src)}
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        found = [line for line in done.stderr.splitlines() if "Collected :" in line]
        if done.returncode != 0 or not found:
            sys.exit(f"before_after: counting {name!r} on {src} failed:\n{done.stderr[-2000:]}")
        return int(found[-1].split(":")[-1].strip())

    times = INSTRUCTION_WORK[name]
    return (run(times) - run(0)) / times


def export(commit: str, into: Path) -> Path:
    """The commit's ``src`` tree, unpacked under ``into``; exits with git's message if it cannot."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", commit, "src"], capture_output=True, check=False
    )
    if archive.returncode != 0:
        sys.exit(f"before_after: cannot export {commit!r}: {archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def run_side(src: Path, generated: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, __file__, "--measure", "--generated", str(generated)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"before_after: the run on {src} failed:\n{done.stderr}")
    figures: dict[str, float] = json.loads(done.stdout)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--before", default=os.environ.get("BEFORE") or BEFORE, help="the commit to compare with"
    )
    parser.add_argument("--rounds", type=int, default=3, help="fresh processes per side, taking turns")
    parser.add_argument("--generated", type=int, default=1000, help="generated profiles checked per round")
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions too, under valgrind (15 min)"
    )
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--times", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.generated)))
        return
    if args.work:
        done = work(args.work)
        for i in range(args.times):
            done(i)
        return
    if args.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions needs valgrind (apt-get install valgrind)")
    with tempfile.TemporaryDirectory(prefix="imgpath-before-") as tmp:
        before_src = export(args.before, Path(tmp))
        sides: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
        for _ in range(args.rounds):
            sides["before"].append(run_side(before_src, args.generated))
            sides["after"].append(run_side(ROOT / "src", args.generated))
        report(args.before, sides)
        if args.instructions:
            report_instructions(before_src)


def report(before: str, sides: dict[str, list[dict[str, Any]]]) -> None:
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    )
    rounds = len(sides["before"])
    print(
        f"before ({before}) and after ({head.stdout.strip()} and any uncommitted change), medians of {rounds}"
    )
    print("rounds in fresh processes taking turns; ratio = after / before (below 1.00: faster)")
    width = max(len(name) for name in sides["after"][0])
    for name in sides["after"][0]:
        was = statistics.median(run[name] for run in sides["before"])
        now = statistics.median(run[name] for run in sides["after"])
        print(f"  {name:<{width}}  before {was:9.2f}  after {now:9.2f}  ratio {now / was:5.2f}")


def report_instructions(before_src: Path) -> None:
    print("instructions for one piece of work under callgrind, which the machine's load does not move")
    width = max(len(name) for name in INSTRUCTION_WORK)
    for name in INSTRUCTION_WORK:
        was, now = count_instructions(before_src, name), count_instructions(ROOT / "src", name)
        print(f"  {name:<{width}}  before {was / 1e6:8.2f}M  after {now / 1e6:8.2f}M  ratio {now / was:5.2f}")


if __name__ == "__main__":
    main()
