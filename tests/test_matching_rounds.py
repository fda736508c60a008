"""Observership rounds (issue 13 point 4): stable, within capacity, and the same assignment as the PyPI
``matching`` package's resident-optimal ``HospitalResident`` on generated rounds."""

from __future__ import annotations

import json
import re
import sys
import threading
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from imgpath.matching import (
    MAX_BYTES,
    MAX_CAPACITY,
    MAX_ID_CHARS,
    RoundOutcome,
    SlotRound,
    load_slot_round,
    loads_round,
    read_round,
    round_as_dictionaries,
    round_blocking_pairs,
    round_outcome_json,
    solve_round,
)
from imgpath.yamlio import InputError


@st.composite
def rounds(draw: st.DrawFn, most: int = 8) -> dict[str, Any]:
    """A round of up to ``most`` applicants and slots: each ranks some of the other side, best first,
    so some pairs rank each other and some are ranked one way only; capacities 0 to 3."""
    applicants = [f"a{n}" for n in range(draw(st.integers(0, most)))]
    slots = [f"s{n}" for n in range(draw(st.integers(0, most)))]

    def ranking(of: list[str]) -> Any:
        return st.lists(st.sampled_from(of), unique=True) if of else st.just([])

    return {
        "applicants": {a: draw(ranking(slots)) for a in applicants},
        "slots": {
            s: {"capacity": draw(st.integers(0, 3)), "ranking": draw(ranking(applicants))} for s in slots
        },
    }


def _peer(round_: SlotRound) -> dict[str, set[str]]:
    """``matching`` 1.4.3's assignment, given the pairs that rank each other (it warns about the others,
    and ``clean`` drops them, and drops slots with no place and applicants who rank nothing)."""
    from matching.games import HospitalResident  # type: ignore[import-untyped]

    applicants, slots, capacities = round_as_dictionaries(round_)
    mutual = {a: [s for s in wants if a in slots[s]] for a, wants in applicants.items()}
    chosen = {s for wants in mutual.values() for s in wants if capacities[s] > 0}
    wanted = {s: [a for a in slots[s] if s in mutual[a]] for s in chosen}
    found: dict[str, set[str]] = {s: set() for s in slots}
    residents = {a: [s for s in wants if s in chosen] for a, wants in mutual.items()}
    residents = {a: wants for a, wants in residents.items() if wants}
    if not residents:
        return found
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(
            residents, wanted, {s: capacities[s] for s in chosen}, clean=True
        )
        for slot, taken in game.solve(optimal="resident").items():
            found[slot.name] = {a.name for a in taken}
    return found


def _solved(data: dict[str, Any]) -> tuple[SlotRound, RoundOutcome]:
    round_ = read_round(data)
    return round_, solve_round(round_)


@settings(max_examples=300, deadline=None)
@given(rounds())
def test_no_pair_blocks_and_no_slot_takes_more_than_its_capacity(data: dict[str, Any]) -> None:
    round_, outcome = _solved(data)
    assert round_blocking_pairs(round_, outcome) == []
    for slot, taken in outcome.assignments.items():
        body = data["slots"][slot]
        assert len(taken) <= body["capacity"]
        assert taken == [a for a in body["ranking"] if a in taken]  # in the slot's ranking order
        assert all(slot in data["applicants"][a] for a in taken)  # each ranks the other
    assigned = [a for taken in outcome.assignments.values() for a in taken]
    assert len(assigned) == len(set(assigned))
    assert sorted([*assigned, *outcome.unassigned]) == sorted(data["applicants"])
    assert outcome.unassigned == sorted(outcome.unassigned)
    assert list(outcome.assignments) == list(data["slots"])


@settings(max_examples=150, deadline=None)
@given(rounds(most=10))
def test_the_assignment_is_matching_1_4_3_s_resident_optimal_one(data: dict[str, Any]) -> None:
    round_, outcome = _solved(data)
    assert {s: set(taken) for s, taken in outcome.assignments.items()} == _peer(round_)


def test_a_larger_generated_round_is_the_same_as_matching_s() -> None:
    """A round of 300 applicants and 40 slots from the benchmark's generator (seeded)."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    from rounds import generate

    round_, outcome = _solved(generate(300, 40, seed=7))
    found: list[dict[str, set[str]]] = []
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(100_000)  # matching deep-copies its players recursively
    try:
        worker = threading.Thread(target=lambda: found.append(_peer(round_)))
        worker.start()
        worker.join()
    finally:
        sys.setrecursionlimit(limit)
    assert {s: set(taken) for s, taken in outcome.assignments.items()} == found[0]
    assert round_blocking_pairs(round_, outcome) == []


def test_the_issue_s_example_assigns_a1_and_leaves_a7_out() -> None:
    """a7 ranks s2 only, and s2 does not rank a7: not acceptable to each other."""
    data = {
        "applicants": {"a1": ["s1", "s2"], "a7": ["s2"]},
        "slots": {"s1": {"capacity": 2, "ranking": ["a1", "a7"]}, "s2": {"capacity": 1, "ranking": ["a1"]}},
    }
    assert round_outcome_json(_solved(data)[1]) == {
        "assignments": {"s1": ["a1"], "s2": []},
        "unassigned": ["a7"],
    }


def test_applicants_propose_so_they_get_their_best_stable_slot() -> None:
    """Two stable outcomes exist (a1-s1, a2-s2 and a1-s2, a2-s1); the applicants' is chosen."""
    data = {
        "applicants": {"a1": ["s1", "s2"], "a2": ["s2", "s1"]},
        "slots": {
            "s1": {"capacity": 1, "ranking": ["a2", "a1"]},
            "s2": {"capacity": 1, "ranking": ["a1", "a2"]},
        },
    }
    assert _solved(data)[1].assignments == {"s1": ["a1"], "s2": ["a2"]}


def test_a_slot_takes_its_best_ranked_when_more_apply_than_it_has_places() -> None:
    data = {
        "applicants": {"a1": ["s1"], "a2": ["s1"], "a3": ["s1"]},
        "slots": {"s1": {"capacity": 2, "ranking": ["a3", "a1", "a2"]}},
    }
    outcome = _solved(data)[1]
    assert outcome.assignments == {"s1": ["a3", "a1"]}
    assert outcome.unassigned == ["a2"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"applicants": {}, "slots": {}}, {"assignments": {}, "unassigned": []}),
        (
            {"applicants": {"b": ["s"], "a": ["s"]}, "slots": {"s": {"capacity": 0, "ranking": ["a", "b"]}}},
            {"assignments": {"s": []}, "unassigned": ["a", "b"]},
        ),
        (
            {"applicants": {"a": []}, "slots": {"s": {"capacity": 1, "ranking": ["a"]}}},
            {"assignments": {"s": []}, "unassigned": ["a"]},
        ),
        (
            {"applicants": {"a": ["s"]}, "slots": {"s": {"capacity": 1, "ranking": []}}},
            {"assignments": {"s": []}, "unassigned": ["a"]},
        ),
    ],
    ids=["empty", "capacity 0: everyone unassigned", "ranks nothing", "ranked by no slot"],
)
def test_boundaries(data: dict[str, Any], expected: dict[str, Any]) -> None:
    assert round_outcome_json(_solved(data)[1]) == expected


GOOD_SLOT = {"capacity": 1, "ranking": ["a1"]}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ([], "", "a round is an object"),
        ({"applicants": {}}, "slots", "missing"),
        ({"applicants": {}, "slots": {}, "rounds": 2}, "rounds", "unknown field"),
        ({"applicants": [], "slots": {}}, "applicants", "must be an object keyed by id"),
        ({"applicants": {"a1": "s1"}, "slots": {"s1": GOOD_SLOT}}, "applicants.a1", "must be a list"),
        (
            {"applicants": {"a1": ["s1", "s9"]}, "slots": {"s1": GOOD_SLOT}},
            "applicants.a1[1]",
            "'s9' is not a slot",
        ),
        (
            {"applicants": {"a1": ["s1", "s1"]}, "slots": {"s1": GOOD_SLOT}},
            "applicants.a1[1]",
            "ranked twice",
        ),
        (
            {"applicants": {"a1": [], "a2": ["s1", "s1"]}, "slots": {"s1": GOOD_SLOT}},
            "applicants.a2[1]",
            "ranked twice",
        ),
        ({"applicants": {"a1": [["s1"]]}, "slots": {"s1": GOOD_SLOT}}, "applicants.a1[0]", "not a list"),
        ({"applicants": {"a1": [7]}, "slots": {"s1": GOOD_SLOT}}, "applicants.a1[0]", "not a number"),
        ({"applicants": {"": []}, "slots": {}}, "applicants.", "1 to 200 characters"),
        ({"applicants": {"a" * (MAX_ID_CHARS + 1): []}, "slots": {}}, "applicants.", "1 to 200 characters"),
        ({"applicants": {"a1": []}, "slots": {"s1": []}}, "slots.s1", "a slot is an object"),
        ({"applicants": {"a1": []}, "slots": {"s1": {"ranking": []}}}, "slots.s1.capacity", "missing"),
        (
            {"applicants": {"a1": []}, "slots": {"s1": {"capacity": 1, "ranking": [], "period": "May"}}},
            "slots.s1.period",
            "unknown field",
        ),
        (
            {"applicants": {}, "slots": {"s1": {"capacity": -1, "ranking": []}}},
            "slots.s1.capacity",
            "from 0 to",
        ),
        (
            {"applicants": {}, "slots": {"s1": {"capacity": 1.5, "ranking": []}}},
            "slots.s1.capacity",
            "a whole number",
        ),
        (
            {"applicants": {}, "slots": {"s1": {"capacity": True, "ranking": []}}},
            "slots.s1.capacity",
            "true or false",
        ),
        (
            {"applicants": {}, "slots": {"s1": {"capacity": "2", "ranking": []}}},
            "slots.s1.capacity",
            "a whole",
        ),
        (
            {"applicants": {}, "slots": {"s1": {"capacity": MAX_CAPACITY + 1, "ranking": []}}},
            "slots.s1.capacity",
            "from 0 to",
        ),
        (
            {"applicants": {"a1": []}, "slots": {"s1": {"capacity": 1, "ranking": ["a1", "a2"]}}},
            "slots.s1.ranking[1]",
            "'a2' is not an applicant",
        ),
        (
            {"applicants": {"a1": []}, "slots": {"s1": {"capacity": 1, "ranking": ["a1", "a1"]}}},
            "slots.s1.ranking[1]",
            "ranked twice (first at [0])",
        ),
    ],
)
def test_a_flaw_is_named_by_its_field(data: Any, field: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)) as raised:
        read_round(data, "round.json")
    got = raised.value.field or ""
    assert got == field or (field.endswith(".") and got.startswith(field))  # a key too long is elided
    assert raised.value.file == "round.json"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"applicants": {"a1": [], "a1": []}, "slots": {}}', "duplicate key 'a1'"),
        ('{"applicants": {', "not valid JSON"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        (b'{"applicants": {"\xff": []}, "slots": {}}', "not UTF-8"),
        (
            '{"applicants": {}, "slots": {"s": {"capacity": 1' + "0" * 5000 + ', "ranking": []}}}',
            "not valid JSON",
        ),
    ],
    ids=["a key twice", "cut short", "deep nesting", "not UTF-8", "a number too long"],
)
def test_hostile_text_is_refused_in_words(text: str | bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as raised:
        loads_round(text, "round.json")
    assert raised.value.file == "round.json"


def test_ids_may_hold_any_character_json_can_write() -> None:
    """A lone surrogate (which no encoding writes) and a NUL are ids like any other."""
    text = (
        '{"applicants": {"\\udc00": ["s\\u0000"], "b": []}, '
        '"slots": {"s\\u0000": {"capacity": 1, "ranking": ["\\udc00"]}}}'
    )
    outcome = solve_round(loads_round(text))
    assert outcome.assignments == {"s\x00": ["\udc00"]}
    assert outcome.unassigned == ["b"]


def test_a_huge_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    big = tmp_path / "round.json"
    with big.open("wb") as stream:
        stream.truncate(MAX_BYTES + 10)
    with pytest.raises(InputError, match="larger than"):
        load_slot_round(big)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found") as raised:
        load_slot_round(tmp_path / "none.json")
    assert raised.value.file is not None
    assert raised.value.file.endswith("none.json")


def test_a_capacity_written_as_a_whole_float_is_that_number() -> None:
    """JSON Schema's integers include 2.0; the OpenAPI document calls the capacity an integer."""
    data = {
        "applicants": {"a1": ["s1"], "a2": ["s1"]},
        "slots": {"s1": {"capacity": 2.0, "ranking": ["a1", "a2"]}},
    }
    assert read_round(data).capacities == [2]
    assert solve_round(read_round(data)).assignments == {"s1": ["a1", "a2"]}


def test_a_round_read_from_a_file_is_the_same_as_from_its_data(tmp_path: Path) -> None:
    data = {"applicants": {"a1": ["s1"]}, "slots": {"s1": GOOD_SLOT}}
    (tmp_path / "round.json").write_text(json.dumps(data))
    assert solve_round(load_slot_round(tmp_path / "round.json")) == solve_round(read_round(data))
