"""Matching: observership rounds assigned by applicant-proposing deferred acceptance with capacities.

Pure Python, no Django: the CLI (``imgpath match rounds``) and the API (``POST /api/v1/match/rounds``)
read a round here, solve it and write its outcome in one shape. This package is matching's public
face: interfaces import from here only. docs/matching.md says what a round is and how fast it runs.
"""

from imgpath.matching.rounds import (
    MAX_BYTES,
    MAX_CAPACITY,
    MAX_ENTRIES,
    MAX_ID_CHARS,
    Round,
    RoundOutcome,
    dumps_round_outcome,
    load_round,
    loads_round,
    read_round,
    round_as_dictionaries,
    round_blocking_pairs,
    round_outcome_json,
    solve_round,
)

__all__ = [
    "MAX_BYTES",
    "MAX_CAPACITY",
    "MAX_ENTRIES",
    "MAX_ID_CHARS",
    "Round",
    "RoundOutcome",
    "dumps_round_outcome",
    "load_round",
    "loads_round",
    "read_round",
    "round_as_dictionaries",
    "round_blocking_pairs",
    "round_outcome_json",
    "solve_round",
]
