"""Observership rounds: applicants rank slots, slots rank applicants, and applicant-proposing deferred
acceptance with capacities (the hospitals/residents problem, resident-optimal) assigns them.

Every stage is linear in the rank entries, but for one sort of the slots' entries (in C): ids are
indexed to ints once; the ranks a slot gives its applicants are joined to the applicants' entries by
their (applicant, slot) keys; then every free applicant proposes at once, a round of numpy operations
at a time, each slot keeping its best up to its capacity. Hostile input is refused with an
``InputError`` naming the field (``applicants.a1[2]``, ``slots.s1.capacity``) within fixed bounds of
size and count.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import accumulate, chain, pairwise
from pathlib import Path
from typing import Any

import numpy as np

from imgpath.errors import field_path
from imgpath.yamlio import InputError, Location, printable, unique_keys

MAX_BYTES = 64_000_000
"""The largest round read, in bytes: the NRMP Main Match's size (50,000 applicants, 6,000 programs,
about 580,000 rank entries each way) is about 12 MB of JSON."""
MAX_ENTRIES = 4_000_000
"""The most rank entries a round may hold, both sides together (the NRMP's size is about 1.2 million)."""
MAX_ID_CHARS = 200
"""The longest id of an applicant or a slot."""
MAX_CAPACITY = 1_000_000
"""The largest capacity a slot may have (more than there can be applicants in a round this size)."""
SLOT_FIELDS = ("capacity", "ranking")


@dataclass(frozen=True, slots=True, eq=False)
class SlotRound:
    """A validated round, its ids indexed to ints: what ``solve`` works on.

    Applicant ``a`` ranks the slots ``choices[starts[a]:starts[a + 1]]``, best first; ``rankings[s]``
    lists the applicants slot ``s`` ranks, best first; ``capacities[s]`` is how many it takes."""

    applicants: list[str]
    slots: list[str]
    starts: list[int]
    choices: list[int]
    slot_starts: list[int]
    """Where each slot's ranking starts in ``ranked`` (m + 1 of them)."""
    capacities: list[int]
    ranked: list[int]
    """Every slot's ranking, end to end."""
    acceptable_slots: np.ndarray
    """Each applicant's acceptable slots in its order (each ranks the other; the slot has a place)..."""
    acceptable_ranks: np.ndarray
    """... the rank each of those slots gives the applicant ..."""
    acceptable_starts: np.ndarray
    """... and where each applicant's start (n + 1 of them)."""

    def preferences(self, applicant: int) -> list[int]:
        """The slots ``applicant`` ranks, best first."""
        return self.choices[self.starts[applicant] : self.starts[applicant + 1]]

    @property
    def entries(self) -> int:
        """The rank entries, both sides together."""
        return len(self.choices) + len(self.ranked)

    @property
    def rankings(self) -> list[list[int]]:
        """The applicants each slot ranks, best first."""
        return [self.ranked[start:end] for start, end in pairwise(self.slot_starts)]


@dataclass(frozen=True, slots=True)
class RoundOutcome:
    """Who each slot takes, in the slot's own ranking order (best first), every slot in the round's
    order, and the applicants no slot takes, sorted by id (code point order)."""

    assignments: dict[str, list[str]]
    unassigned: list[str]


@contextmanager
def collection_paused() -> Iterator[None]:
    """The cyclic garbage collector paused: building a round's hundred thousand lists and dicts set it
    off over and over, and it took more than half of the time of an NRMP-size round (none of them
    makes a cycle; reference counting frees them)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _fail(message: str, location: Location, file: str | None) -> InputError:
    return InputError(message, file=file, field=field_path(location))


def _first_flaw(
    ranking: object, index: Mapping[str, int], location: Location, file: str | None, kind: str
) -> None:
    """Raise the InputError naming a ranking's first flaw, if it has one (the slow path, run only when
    the fast one found something wrong)."""
    if not isinstance(ranking, list):
        raise _fail("a ranking must be a list of ids, best first", location, file)
    seen: dict[str, int] = {}
    for position, item in enumerate(ranking):
        here = (*location, position)
        if not isinstance(item, str):
            raise _fail(f"a ranking lists {kind} ids (texts), not {_json_type(item)}", here, file)
        if item not in index:
            raise _fail(f"'{printable(item)}' is not {kind} of this round", here, file)
        if item in seen:
            raise _fail(f"'{printable(item)}' is ranked twice (first at [{seen[item]}])", here, file)
        seen[item] = position


def _json_type(value: object) -> str:
    names = {bool: "true or false", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _flat(
    rankings: list[Any],
    names: list[str],
    index: Mapping[str, int],
    where: tuple[str, str],
    file: str | None,
    kind: str,
) -> list[int]:
    """Every ranking's ids as ints, one list end to end, checked in C-speed passes (each a list of
    known ids); on a flaw, the first one in document order is named. Duplicates are found later, in
    the join of the two sides (``_acceptable``), for less than the cost of a set per ranking."""
    try:
        if set(map(type, rankings)) <= {list}:
            return list(map(index.__getitem__, chain.from_iterable(rankings)))
    except (KeyError, TypeError):  # an unknown id, or an item that is not an id (a list, a number)
        pass
    _name_first_flaw(rankings, names, index, where, file, kind)
    raise AssertionError("a flaw was found but not named")  # pragma: no cover


def _name_first_flaw(
    rankings: list[Any],
    names: list[str],
    index: Mapping[str, int],
    where: tuple[str, str],
    file: str | None,
    kind: str,
) -> None:
    for name, ranking in zip(names, rankings, strict=True):
        _first_flaw(ranking, index, (where[0], name, where[1]) if where[1] else (where[0], name), file, kind)


def _ids(section: object, name: str, file: str | None) -> dict[str, int]:
    """Each id's number, in the order written. The ids are fresh copies, side by side in memory (one
    join and split): the JSON parser made them among the values, and every rank entry's lookup
    compares its id with one of them, a third faster so on the NRMP's size."""
    if not isinstance(section, dict):
        raise _fail(f"'{name}' must be an object keyed by id", (name,), file)
    keys = list(section)
    copies = "\x00".join(keys).split("\x00")
    if len(copies) != len(keys):  # an id holds a NUL: keep the parser's strings
        copies = keys
    if copies and (min(map(len, copies)) == 0 or max(map(len, copies)) > MAX_ID_CHARS):
        for key in keys:
            if not 0 < len(key) <= MAX_ID_CHARS:
                raise _fail(f"an id must be 1 to {MAX_ID_CHARS} characters", (name, key), file)
    return dict(zip(copies, range(len(copies)), strict=True))


def _slot_bodies(slots: dict[str, Any], file: str | None) -> tuple[list[Any], list[int]]:
    """Each slot's ranking (still as written) and capacity, checked."""
    rankings, capacities = [], []
    for slot, body in slots.items():
        where = ("slots", slot)
        if not isinstance(body, dict):
            raise _fail('a slot is an object: {"capacity": n, "ranking": [...]}', where, file)
        if len(body) != 2 or "capacity" not in body or "ranking" not in body:
            for key in body:
                if key not in SLOT_FIELDS:
                    raise _fail(
                        "unknown field: a slot has only 'capacity' and 'ranking'", (*where, key), file
                    )
            missing = next(key for key in SLOT_FIELDS if key not in body)
            raise _fail(f"missing: a slot has '{missing}'", (*where, missing), file)
        capacity = body["capacity"]
        if type(capacity) is float and capacity.is_integer():  # 2.0 is 2, as JSON Schema's integers
            capacity = int(capacity)
        if type(capacity) is not int:
            raise _fail(
                f"the capacity must be a whole number, not {_json_type(capacity)}", (*where, "capacity"), file
            )
        if not 0 <= capacity <= MAX_CAPACITY:
            raise _fail(f"the capacity must be from 0 to {MAX_CAPACITY:,}", (*where, "capacity"), file)
        rankings.append(body["ranking"])
        capacities.append(capacity)
    return rankings, capacities


def read_round(data: object, file: str | None = None) -> SlotRound:
    """``{"applicants": {id: [slot ids]}, "slots": {id: {"capacity": n, "ranking": [applicant ids]}}}``
    checked and indexed. Raises ``InputError`` naming the first flaw's field. Linear in the entries."""
    with collection_paused():
        return _read_round(data, file)


def _read_round(data: object, file: str | None) -> SlotRound:
    if not isinstance(data, dict):
        raise _fail('a round is an object: {"applicants": {...}, "slots": {...}}', (), file)
    for key in data:
        if key not in ("applicants", "slots"):
            raise _fail("unknown field: a round has only 'applicants' and 'slots'", (str(key),), file)
    for key in ("applicants", "slots"):
        if key not in data:
            raise _fail("missing: a round has 'applicants' and 'slots'", (key,), file)
    applicant_index = _ids(data["applicants"], "applicants", file)
    slot_index = _ids(data["slots"], "slots", file)
    applicants, slots = list(applicant_index), list(slot_index)
    wanted = list(data["applicants"].values())
    choices = _flat(wanted, applicants, slot_index, ("applicants", ""), file, "a slot")
    written, capacities = _slot_bodies(data["slots"], file)
    ranked = _flat(written, slots, applicant_index, ("slots", "ranking"), file, "an applicant")
    if len(choices) + len(ranked) > MAX_ENTRIES:
        raise _fail(f"the round holds more than {MAX_ENTRIES:,} rank entries", (), file)
    starts = [0, *accumulate(map(len, wanted))]
    bounds = [0, *accumulate(map(len, written))]
    joined = _acceptable(starts, choices, bounds, ranked, capacities)
    if joined is None:  # an id ranked twice somewhere: name the first
        _name_first_flaw(wanted, applicants, slot_index, ("applicants", ""), file, "a slot")
        _name_first_flaw(written, slots, applicant_index, ("slots", "ranking"), file, "an applicant")
        raise AssertionError("a flaw was found but not named")  # pragma: no cover
    return SlotRound(applicants, slots, starts, choices, bounds, capacities, ranked, *joined)


def loads_round(text: str | bytes, file: str | None = None) -> SlotRound:
    """A round from JSON text: parsed strictly (a key twice is an error) within MAX_BYTES, then read."""
    if len(text) > MAX_BYTES:
        raise InputError(f"the round is larger than {MAX_BYTES:,} bytes", file=file)
    with collection_paused():
        return _read_round(_parsed(text, file), file)


def _parsed(text: str | bytes, file: str | None) -> Any:
    try:
        return json.loads(text, object_pairs_hook=unique_keys)
    except InputError as error:
        raise InputError(error.message, file=file, field=error.field) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", file=file) from None
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON: {error.msg}", file=file, line=error.lineno) from None
    except RecursionError:
        raise InputError("not valid JSON: nested too deeply", file=file) from None
    except ValueError as error:  # an integer longer than Python converts
        raise InputError(f"not valid JSON: {error}", file=file) from None


def load_slot_round(path: Path, display_name: str | None = None) -> SlotRound:
    """A round from a JSON file, never reading more than MAX_BYTES of it (a huge file, /dev/zero)."""
    name = display_name or str(path)
    try:
        with path.open("rb") as stream:
            text = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise InputError("file not found", file=name) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", file=name) from None
    return loads_round(text, name)


def _stable_order(values: np.ndarray) -> np.ndarray:
    """The stable order of non-negative ints below 2**32, in linear time: numpy sorts 16-bit ints by
    radix, so it is a radix sort of one or two 16-bit digits (least significant first)."""
    if values.size == 0 or int(values.max()) < 1 << 16:
        return np.argsort(values.astype(np.uint16), kind="stable")
    order = np.argsort((values & 0xFFFF).astype(np.uint16), kind="stable")
    return order[np.argsort((values[order] >> 16).astype(np.uint16), kind="stable")]


def _acceptable(
    starts_: list[int],
    choices_: list[int],
    bounds: list[int],
    ranked_: list[int],
    capacities_: list[int],
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """Each applicant's acceptable entries, in its order: the slot and the rank the slot gives it, and
    where each applicant's entries start; None when a ranking names an id twice. A pair is acceptable
    when each ranks the other and the slot has a place; the ranks are found by one join of the two
    sides' (applicant, slot) keys, which also shows any key given twice."""
    n, m = len(starts_) - 1, len(bounds) - 1
    starts = np.array(starts_, dtype=np.int64)
    choices = np.array(choices_, dtype=np.int64)
    owners = np.repeat(np.arange(n, dtype=np.int64), np.diff(starts))
    slot_bounds = np.array(bounds, dtype=np.int64)
    slot_lengths = slot_bounds[1:] - slot_bounds[:-1]
    ranked = np.array(ranked_, dtype=np.int64)
    slot_starts = np.cumsum(slot_lengths) - slot_lengths
    ranks = np.arange(ranked.size, dtype=np.int64) - np.repeat(slot_starts, slot_lengths)
    slot_keys = ranked * m + np.repeat(np.arange(m, dtype=np.int64), slot_lengths)
    order = _stable_order(ranked)  # the entries run slot by slot: by applicant, they are by key
    slot_keys = slot_keys[order]
    if slot_keys.size > 1 and bool((slot_keys[1:] == slot_keys[:-1]).any()):
        return None  # a slot ranks an applicant twice
    applicant_keys = owners * m + choices
    at = np.minimum(np.searchsorted(slot_keys, applicant_keys), max(slot_keys.size - 1, 0))
    ranked_back = slot_keys[at] == applicant_keys if slot_keys.size else np.zeros(choices.size, dtype=bool)
    if ranked_back.any() and int(np.bincount(at[ranked_back]).max()) > 1:
        return None  # an applicant ranks a slot twice, one that ranks it
    alone = np.sort(applicant_keys[~ranked_back])
    if alone.size > 1 and bool((alone[1:] == alone[:-1]).any()):
        return None  # an applicant ranks a slot twice, one that does not rank it
    capacities = np.array(capacities_, dtype=np.int64)
    found = np.flatnonzero(ranked_back & (capacities[choices] > 0)) if choices.size else np.zeros(0, np.int64)
    counts = np.bincount(owners[found], minlength=n)
    return choices[found], ranks[order[at[found]]], np.concatenate(([0], np.cumsum(counts)))


def _matched(round_: SlotRound) -> tuple[np.ndarray, np.ndarray]:
    """Deferred acceptance, every free applicant proposing at once: each applicant's slot (-1: none)
    and the rank that slot gives it, once no applicant can propose.

    Each round, every free applicant proposes to its next acceptable slot; each slot proposed to keeps
    the best of those it holds and those proposing, up to its capacity, and rejects the others, who
    propose again in the next round. Proposals made together end where proposals made one at a time
    do (the applicant-optimal stable assignment), and a round is a few array operations: on an
    NRMP-size round there are about 50 of them."""
    slots, ranks, bounds = round_.acceptable_slots, round_.acceptable_ranks, round_.acceptable_starts
    capacities = np.array(round_.capacities, dtype=np.int64)
    n = len(round_.applicants)
    following, ends = bounds[:-1].copy(), bounds[1:]
    slot_of = np.full(n, -1, dtype=np.int64)  # -1 indexes the sentinel slot at the end of ``touched``
    rank_of = np.zeros(n, dtype=np.int64)
    touched = np.zeros(len(round_.slots) + 1, dtype=bool)
    span = int(np.diff(np.array(round_.slot_starts)).max(initial=0)) + 1
    free = np.flatnonzero(following < ends)
    while free.size:
        entries = following[free]
        proposed, rank = slots[entries], ranks[entries]
        following[free] += 1
        touched[proposed] = True
        holders = np.flatnonzero(touched[slot_of])
        touched[proposed] = False
        who = np.concatenate((holders, free))
        where = np.concatenate((slot_of[holders], proposed))
        rank = np.concatenate((rank_of[holders], rank))
        order = np.argsort(where * span + rank)  # by slot, then by the slot's rank (each distinct)
        who, where, rank = who[order], where[order], rank[order]
        first = np.empty(where.size, dtype=bool)
        first[0], first[1:] = True, where[1:] != where[:-1]
        place = np.arange(where.size)
        place -= np.maximum.accumulate(np.where(first, place, 0))  # 0 for the best of each slot
        kept = place < capacities[where]
        slot_of[who[kept]], rank_of[who[kept]] = where[kept], rank[kept]
        rejected = who[~kept]
        slot_of[rejected] = -1
        free = rejected[following[rejected] < ends[rejected]]
    return slot_of, rank_of


def solve_round(round_: SlotRound) -> RoundOutcome:
    """The applicant-optimal stable assignment: no applicant and slot that rank each other would both
    rather have each other than what they got, and no slot holds more than its capacity."""
    with collection_paused():
        slot_of, rank_of = _matched(round_)
        taken = np.flatnonzero(slot_of >= 0)
        span = int(np.diff(np.array(round_.slot_starts)).max(initial=0)) + 1
        order = taken[np.argsort(slot_of[taken] * span + rank_of[taken])]
        counts = np.bincount(slot_of[taken], minlength=len(round_.slots)).tolist()
        names = list(map(round_.applicants.__getitem__, order.tolist()))
        bounds = [0, *accumulate(counts)]
        assignments = {
            slot: names[start:end] for slot, start, end in zip(round_.slots, bounds, bounds[1:], strict=False)
        }
        unassigned = sorted(map(round_.applicants.__getitem__, np.flatnonzero(slot_of < 0).tolist()))
    return RoundOutcome(assignments, unassigned)


def round_outcome_json(outcome: RoundOutcome) -> dict[str, Any]:
    """The public shape, the CLI's ``--format json`` and the API's answer alike."""
    return {"assignments": outcome.assignments, "unassigned": outcome.unassigned}


def dumps_round_outcome(outcome: RoundOutcome) -> str:
    return json.dumps(round_outcome_json(outcome), ensure_ascii=False, separators=(",", ":"))


def round_blocking_pairs(round_: SlotRound, outcome: RoundOutcome) -> list[tuple[str, str]]:
    """Every applicant and slot that rank each other and would both rather have each other than what
    they got (none, for a stable outcome): for tests and audits, linear in the rank entries."""
    applicant_index = {a: n for n, a in enumerate(round_.applicants)}
    slot_of = [-1] * len(round_.applicants)
    for slot, name in enumerate(round_.slots):
        for taken in outcome.assignments[name]:
            slot_of[applicant_index[taken]] = slot
    rank_of = [dict(zip(ranking, range(len(ranking)), strict=True)) for ranking in round_.rankings]
    worst = [
        max((rank_of[s][applicant_index[a]] for a in outcome.assignments[round_.slots[s]]), default=-1)
        for s in range(len(round_.slots))
    ]
    found: list[tuple[str, str]] = []
    for applicant in range(len(round_.applicants)):
        for slot in round_.preferences(applicant):
            if slot == slot_of[applicant]:
                break  # every slot after this one it likes less than what it has
            rank = rank_of[slot].get(applicant)
            if rank is None or round_.capacities[slot] == 0:
                continue
            full = len(outcome.assignments[round_.slots[slot]]) >= round_.capacities[slot]
            if not full or rank < worst[slot]:
                found.append((round_.applicants[applicant], round_.slots[slot]))
    return found


def round_as_dictionaries(
    round_: SlotRound,
) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, int]]:
    """The round by ids: applicants' and slots' rankings and capacities (``matching``'s input shape)."""
    slots, applicants = round_.slots, round_.applicants
    return (
        {name: [slots[s] for s in round_.preferences(a)] for a, name in enumerate(applicants)},
        {slots[s]: [applicants[a] for a in ranks] for s, ranks in enumerate(round_.rankings)},
        dict(zip(slots, round_.capacities, strict=True)),
    )
