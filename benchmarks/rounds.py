"""Observership rounds' speed, printed (not a test). Run: .venv/bin/python benchmarks/rounds.py
[--applicants N] [--repeats N] [--skip-peer]

Targets from issue 13 ("Rounds"): 10,000 applicants at least 200 times faster than ``matching`` 1.4.3
(``HospitalResident``, resident-optimal) in the same run, with identical results; an instance the size
of the NRMP Main Match (50,000 applicants, 6,000 programs, about 580,000 rank entries) end to end in
at most 0.5 s and 300 MB.

Instances (seeded): each applicant ranks 4 to 20 slots (11.6 on average, the NRMP's applicants' mean
is about 11-12), drawn with a popularity skew (a slot's weight is 1/(1 + its number / 50)); each slot
ranks nine in ten of those who ranked it (the rest it would not take), in an order correlated with a
hidden score; capacities 1 to 13 (about 7 per slot, so about 42,000 places for 50,000 applicants).
The 10,000-applicant instance has 1,200 slots, the same proportions.

What is timed: ours is ``imgpath.matching.read_round`` on the parsed JSON data plus ``solve_round``,
against ``HospitalResident.create_from_dictionaries(...).solve_round(optimal="resident")`` on the same
(mutually acceptable) rankings, each the median of ``--repeats`` runs. End to end is the JSON file
read, parsed and validated (``load_slot_round``), solved, and the outcome's JSON written to a file; the
peak memory is tracemalloc's peak over that run, beside the process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from imgpath.matching import (
    RoundOutcome,
    dumps_round_outcome,
    load_slot_round,
    read_round,
    round_as_dictionaries,
    solve_round,
)

TARGET_RATIO = 200.0
TARGET_SECONDS = 0.5
TARGET_MB = 300.0


def generate(applicants: int, slots: int, seed: int = 13) -> dict[str, Any]:
    """A round in the public JSON shape (see the module's docstring for its proportions)."""
    rng = random.Random(seed)
    slot_ids = [f"s{n}" for n in range(slots)]
    weights = [1 / (1 + n / 50) for n in range(slots)]
    score = [rng.random() for _ in range(applicants)]
    ranked_by: list[list[int]] = [[] for _ in range(slots)]
    applicant_rankings: dict[str, list[str]] = {}
    for a in range(applicants):
        wanted = dict.fromkeys(rng.choices(range(slots), weights, k=rng.randint(4, 20)))
        applicant_rankings[f"a{a}"] = [slot_ids[s] for s in wanted]
        for s in wanted:
            ranked_by[s].append(a)
    slot_bodies = {}
    for s, who in enumerate(ranked_by):
        kept = [a for a in who if rng.random() < 0.9]
        kept.sort(key=lambda a: score[a] + rng.random() * 0.5, reverse=True)
        slot_bodies[slot_ids[s]] = {"capacity": rng.randint(1, 13), "ranking": [f"a{a}" for a in kept]}
    return {"applicants": applicant_rankings, "slots": slot_bodies}


def peer(data: dict[str, Any]) -> dict[str, set[str]]:
    """``matching`` 1.4.3's resident-optimal assignment, on the mutually acceptable rankings only (it
    warns about, and with ``clean`` drops, pairs ranked one way). It deep-copies its graph of players
    recursively, so it runs in a thread with a large stack and a high recursion limit."""
    found: list[dict[str, set[str]]] = []
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(1 << 30)
    try:
        worker = threading.Thread(target=lambda: found.append(_peer(data)))
        worker.start()
        worker.join()
    finally:
        threading.stack_size(0)
        sys.setrecursionlimit(limit)
    return found[0]


def _peer(data: dict[str, Any]) -> dict[str, set[str]]:
    from matching.games import HospitalResident  # type: ignore[import-untyped]

    residents, hospitals, capacities = round_as_dictionaries(read_round(data))
    ranks = {h: set(r) for h, r in hospitals.items()}
    mutual = {r: [h for h in wants if r in ranks[h]] for r, wants in residents.items()}
    wanted = {h for wants in mutual.values() for h in wants}
    chosen_by: dict[str, set[str]] = {h: set() for h in hospitals}
    for r, wants in mutual.items():
        for h in wants:
            chosen_by[h].add(r)
    mutual_hospitals = {h: [r for r in hospitals[h] if r in chosen_by[h]] for h in hospitals if h in wanted}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(
            {r: w for r, w in mutual.items() if w},
            mutual_hospitals,
            {h: capacities[h] for h in mutual_hospitals},
            clean=True,
        )
        solved = game.solve(optimal="resident")
    found: dict[str, set[str]] = {h: set() for h in hospitals}
    for hospital, residents_matched in solved.items():
        found[hospital.name] = {r.name for r in residents_matched}
    return found


def ours(data: dict[str, Any]) -> RoundOutcome:
    return solve_round(read_round(data))


def _median(run: Callable[[], object], repeats: int) -> tuple[float, object]:
    timings, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), result


def compare(applicants: int, repeats: int, skip_peer: bool) -> bool:
    data = generate(applicants, applicants * 6 // 50)
    entries = sum(map(len, data["applicants"].values()))
    print(f"{applicants:,} applicants, {len(data['slots']):,} slots, {entries:,} applicant rank entries")
    mine, mine_result = _median(lambda: ours(data), repeats)
    print(f"  imgpath.matching (validate + solve): {mine * 1000:8.1f} ms (median of {repeats})")
    if skip_peer:
        return True
    theirs, theirs_result = _median(lambda: peer(data), max(1, repeats // 2))
    assert isinstance(mine_result, RoundOutcome)
    same = theirs_result == {s: set(taken) for s, taken in mine_result.assignments.items()}
    ratio = theirs / mine
    print(
        f"  matching 1.4.3 HospitalResident:     {theirs * 1000:8.1f} ms (median of {max(1, repeats // 2)})"
    )
    print(f"  ratio {ratio:,.0f}x (target >= {TARGET_RATIO:.0f}x), identical results: {same}")
    assert same, "the assignments differ from matching 1.4.3's"
    return ratio >= TARGET_RATIO


def _run_once(source: Path, target: Path, traced: bool) -> tuple[float, float, float]:
    """One end-to-end run: wall seconds, CPU seconds, tracemalloc's peak in MB (0 when not traced)."""
    if traced:
        tracemalloc.start()
    wall, cpu = time.perf_counter(), time.process_time()
    outcome = solve_round(load_slot_round(source))
    target.write_text(dumps_round_outcome(outcome), encoding="utf-8")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = 0.0
    if traced:
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return wall, cpu, peak


def end_to_end_child(source: Path, repeats: int) -> None:
    """In a process of its own (so its maximum resident set is the round's alone): the runs' figures
    as one JSON line."""
    target = source.with_name("outcome.json")
    first = _run_once(source, target, traced=False)  # the max RSS is the untraced run's
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    runs = [first] + [_run_once(source, target, traced=False) for _ in range(repeats - 1)]
    peak = _run_once(source, target, traced=True)[2]
    print(json.dumps({"wall": [r[0] for r in runs], "cpu": [r[1] for r in runs], "peak": peak, "rss": rss}))


def end_to_end(repeats: int) -> bool:
    data = generate(50_000, 6_000, seed=2026)
    entries = sum(map(len, data["applicants"].values()))
    ranked = sum(len(s["ranking"]) for s in data["slots"].values())
    places = sum(s["capacity"] for s in data["slots"].values())
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder, "round.json")
        source.write_text(json.dumps(data))
        size = source.stat().st_size
        child = [sys.executable, __file__, "--end-to-end", str(source), "--repeats", str(repeats)]
        figures = json.loads(subprocess.run(child, capture_output=True, text=True, check=True).stdout)
    wall, cpu = statistics.median(figures["wall"]), statistics.median(figures["cpu"])
    print(
        f"NRMP size: 50,000 applicants, 6,000 slots ({places:,} places), {entries:,} applicant and "
        f"{ranked:,} slot rank entries, {size / 1e6:.1f} MB of JSON"
    )
    print(
        f"  end to end (read, parse, validate, solve_round, write): {wall * 1000:.0f} ms wall, "
        f"{cpu * 1000:.0f} ms CPU (medians of {repeats}; fastest {min(figures['wall']) * 1000:.0f} ms; "
        f"target <= {TARGET_SECONDS * 1000:.0f} ms)"
    )
    print(
        f"  memory: process max RSS {figures['rss']:.0f} MB (interpreter and imports included), "
        f"tracemalloc peak {figures['peak']:.0f} MB (target <= {TARGET_MB:.0f} MB)"
    )
    return bool(wall <= TARGET_SECONDS and figures["rss"] <= TARGET_MB)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--applicants", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--skip-peer", action="store_true", help="Leave out matching 1.4.3 (minutes).")
    parser.add_argument("--end-to-end", type=Path, help=argparse.SUPPRESS)  # the child's own run
    options = parser.parse_args()
    if options.end_to_end:
        end_to_end_child(options.end_to_end, options.repeats)
        return 0
    met = compare(options.applicants, options.repeats, options.skip_peer)
    met = end_to_end(options.repeats) and met
    print("targets met" if met else "a target was missed")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
