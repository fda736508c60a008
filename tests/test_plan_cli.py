"""``imgpath plan`` as people use it: the comparison, one route, what-if, and the exports to files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar
from rich.console import Console
from typer.testing import CliRunner

import imgpath.cli.plan as plan_cli
from imgpath.cli.main import app
from profiles_for_plans import EXAMPLE

runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_cli, "out", Console(width=300, color_system=None))


def test_plan_table_ranks_routes_and_says_why() -> None:
    result = runner.invoke(app, ["plan", str(EXAMPLE), "--state", "TN", "--as-of", "2026-11-25"])
    assert result.exit_code == 0, result.output
    assert "Full license" in result.output
    assert "First license" in result.output
    assert "us-tn.traditional" in result.output
    assert "not legal advice" in result.output


def test_plan_json_shape() -> None:
    result = runner.invoke(
        app, ["plan", str(EXAMPLE), "--as-of", "2026-11-25", "--format", "json", "-s", "TN"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"as_of", "notice", "plans", "assumptions"}
    route = data["plans"][0]
    assert set(route) >= {
        "pathway",
        "verdict",
        "feasible",
        "steps",
        "first_license",
        "full_license",
        "cost",
        "lapses",
        "risks",
        "odds",
    }


def test_what_if_lists_changes(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["plan", str(EXAMPLE), "--as-of", "2026-11-25", "--assume", "job_offer.state=FL", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["assumptions"] == ["job_offer.state=FL"]
    assert "what_if" in data


def test_one_route_in_detail_lists_its_steps_and_total() -> None:
    result = runner.invoke(
        app, ["plan", str(EXAMPLE), "--route", "us-tn.provisional_foreign_training_license"]
    )
    assert result.exit_code == 0, result.output
    assert "Apply to the state medical board" in result.output
    assert "Total cost" in result.output


def test_ics_export_to_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    result = runner.invoke(
        app, ["plan", str(EXAMPLE), "--route", "us-tn.traditional", "-f", "ics", "--out", str(target)]
    )
    assert result.exit_code == 0, result.output
    Calendar.from_ical(target.read_bytes())
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left behind


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["-f", "png"], "--out"),
        (["--assume", "nonsense"], "--assume"),
        (["--route", "us-tn.nothing"], "--route"),
        (["--out", "/nonexistent/folder/x.json", "-f", "json"], "does not exist"),
    ],
)
def test_bad_plan_input_exits_2_with_a_message(arguments: list[str], message: str) -> None:
    result = runner.invoke(app, ["plan", str(EXAMPLE), *arguments])
    assert result.exit_code == 2
    assert message in result.output
