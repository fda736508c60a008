"""``imgpath match rounds FILE``: the round's outcome as JSON (the API's shape) or a table; a bad file
exits 2 naming the file and the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from imgpath.cli.main import app

runner = CliRunner()

ROUND = {
    "applicants": {"a1": ["s1", "s2"], "a7": ["s2"]},
    "slots": {"s1": {"capacity": 2, "ranking": ["a1", "a7"]}, "s2": {"capacity": 1, "ranking": ["a1"]}},
}


def _file(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "round.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_json_prints_the_assignments_and_the_unassigned(tmp_path: Path) -> None:
    result = runner.invoke(app, ["match", "rounds", str(_file(tmp_path, ROUND)), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"assignments": {"s1": ["a1"], "s2": []}, "unassigned": ["a7"]}


def test_the_table_names_each_slot_and_who_is_left_out(tmp_path: Path) -> None:
    result = runner.invoke(app, ["match", "rounds", str(_file(tmp_path, ROUND))])
    assert result.exit_code == 0
    assert "1 assigned, 1 unassigned" in result.stdout
    lines = result.stdout.splitlines()
    assert any("s1" in line and "a1" in line for line in lines)
    assert any("s2" in line and "none" in line for line in lines)
    assert any("unassigned" in line and "a7" in line for line in lines)


def test_an_unknown_slot_exits_2_naming_the_file_and_field(tmp_path: Path) -> None:
    bad = {"applicants": {"a1": ["s1", "s3"]}, "slots": {"s1": {"capacity": 2, "ranking": ["a1"]}}}
    path = _file(tmp_path, bad)
    result = runner.invoke(app, ["match", "rounds", str(path), "--format", "json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    said = " ".join(result.stderr.split())
    assert f"{path}, field 'applicants.a1[1]': 's3' is not a slot of this round" in said


def test_a_negative_capacity_exits_2(tmp_path: Path) -> None:
    bad = {"applicants": {}, "slots": {"s1": {"capacity": -2, "ranking": []}}}
    result = runner.invoke(app, ["match", "rounds", str(_file(tmp_path, bad))])
    assert result.exit_code == 2
    assert "field 'slots.s1.capacity': the capacity must be from 0 to 1,000,000" in " ".join(
        result.stderr.split()
    )


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["match", "rounds", str(tmp_path / "none.json")])
    assert result.exit_code == 2
    assert "file not found" in result.stderr
