"""A state's own Conrad 30 program decides when and for how much a J-1 physician applies there: the
planner's Conrad 30 step takes the window and fees of the job offer's state, each value dated and
sourced, and the loader refuses a program that leaves a value unknown without saying what was read."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from imgpath.engine.evaluate import facts_for
from imgpath.engine.profile import Profile
from imgpath.planner.build import _Draft, program_window
from imgpath.planner.schedule import Task, schedule
from imgpath.rulebook.loader import DATA_DIR, default_rulebook, load_rulebook
from imgpath.yamlio import InputError, load_file
from rule_cases import PROFILES_DIR

STEP = "conrad30_application"
AS_OF = date(2026, 12, 3)


def _j1_resident(state: str) -> Profile:
    """The rule cases' J-1 internist, with a full-time shortage-area offer in ``state``."""
    raw, _ = load_file(PROFILES_DIR / "j1_resident.yaml")
    raw["job_offer"] = {"state": state, "full_time": True, "shortage_area": True}
    return Profile.model_validate(raw)


def _planned_window(state: str, day: date = AS_OF) -> Task:
    rulebook = default_rulebook()
    draft = _Draft(rulebook, facts_for(_j1_resident(state), rulebook, day), None)
    assert draft.add(STEP) == STEP
    return draft.tasks[STEP]


@pytest.mark.parametrize(
    ("state", "opens", "closes"),
    [
        ("TX", "09-03", "09-17"),  # DSHS: FY2025 priority window, 3 to 17 September 2024
        ("WA", "10-01", None),  # WA DOH: from 1 October until the 30 places are filled
        ("MO", "10-01", "10-31"),  # Missouri DHSS: 1 to 31 October
        ("NY", "10-01", None),  # no New York window found: the catalogue's 1 October stands
    ],
)
def test_the_conrad30_window_is_the_job_offers_states(state: str, opens: str, closes: str | None) -> None:
    task = _planned_window(state)
    assert task.window is not None
    assert (task.window.opens, task.window.closes) == (opens, closes)


def test_a_state_window_cites_the_states_sources_not_the_catalogues() -> None:
    task = _planned_window("TX")
    assert task.window is not None
    assert task.window.note is not None
    assert "Texas Primary Care Office" in task.window.note
    assert any("dshs" in s.href for s in task.window.sources)


def test_a_state_without_a_program_keeps_the_catalogue_window() -> None:
    rulebook = default_rulebook()
    assert rulebook.conrad30("WI") is None
    task = _planned_window("WI")
    assert task.window is rulebook.steps[STEP].window


def test_the_states_fees_join_the_step_and_an_unknown_fee_stays_unknown() -> None:
    rulebook = default_rulebook()
    for state, expected in (("TX", None), ("WA", 0), ("ID", 1000)):
        draft = _Draft(rulebook, facts_for(_j1_resident(state), rulebook, AS_OF), None)
        draft.add(STEP)
        (fee,) = draft.extra_fees[STEP]
        assert fee.amount_on(AS_OF) == expected, state  # TX: the FY2025 amount was not found


def test_texas_fee_of_the_fy2018_rules_holds_until_the_fy2025_window_opens() -> None:
    program = default_rulebook().conrad30("US-TX")
    assert program is not None
    (fee,) = program.fees
    assert fee.amount_on(date(2024, 9, 2)) == 3000  # FY2018 figure, the last known before FY2025
    assert fee.amount_on(date(2024, 9, 3)) is None  # FY2025: amount not found


def test_washington_flex_and_employer_limits_change_with_the_2024_rules() -> None:
    program = default_rulebook().conrad30("WA")
    assert program is not None
    day_before, effective = date(2024, 9, 30), date(2024, 10, 1)  # WSR 24-18-072, effective 2024-10-01
    assert program.flex_slots.on(day_before) == (10, date(2016, 10, 1))
    assert program.flex_slots.on(effective) == (None, effective)
    assert program.per_employer_limit.on(day_before)[0] == 3
    assert program.per_employer_limit.on(effective)[0] is None
    assert program.slots.on(effective)[0] == 30


def test_a_value_before_the_first_dated_one_is_not_known() -> None:
    program = default_rulebook().conrad30("TX")
    assert program is not None
    assert program.window.on(date(2017, 8, 31)) == (None, None)
    assert program_window(program, date(2017, 8, 31)) is None


def test_on_the_day_the_texas_window_closes_the_application_starts_that_day() -> None:
    program = default_rulebook().conrad30("TX")
    assert program is not None
    window = program_window(program, AS_OF)
    task = {STEP: Task(None, window)}
    closing = date(2026, 9, 17)
    assert schedule(task, closing, "typical")[STEP][0] == closing
    # a day late: the next year's window, on 3 September
    assert schedule(task, date(2026, 9, 18), "typical")[STEP][0] == date(2027, 9, 3)


def test_a_program_value_left_unknown_without_what_was_searched_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "us" / "states" / "ny.yaml"
    text = path.read_text(encoding="utf-8")
    searched = '    searched:\n      - "NYSDOH State 30 information bulletin'
    start = text.index(searched, text.index("  per_employer_limit:"))
    end = text.index("\n", text.index("\n", start) + 1) + 1
    flawed = text[:start] + text[end:]
    assert flawed != text
    path.write_text(flawed, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_rulebook(data)
    assert raised.value.file == "us/states/ny.yaml"
    assert "per_employer_limit" in str(raised.value)
    line = flawed.splitlines().index("  per_employer_limit:") + 1
    assert raised.value.line == line


def test_a_conrad30_program_in_the_federal_file_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    tx = (data / "us" / "states" / "tx.yaml").read_text(encoding="utf-8")
    program = tx[tx.index("conrad30:") :]
    visas = data / "us" / "visas.yaml"
    visas.write_text(visas.read_text(encoding="utf-8") + "\n" + program, encoding="utf-8")
    with pytest.raises(InputError, match="belongs to a state"):
        load_rulebook(data)
