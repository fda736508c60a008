"""``imgpath find``: the catalogue filtered and ordered by fit, as a table and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from imgpath.cli.main import app

runner = CliRunner()

LISTINGS = """
opportunities:
  - id: demo-open-observership
    kind: observership
    title: Open observership
    summary: An illustrative listing.
    host: {name: Demo Hospital}
    place: {state: MI, city: Detroit}
    visas: [B1]
    cost: {tuition: {usd: 500, per: total}}
    last_verified: 2026-11-01
    demo: true
  - id: demo-passed-deadline
    kind: observership
    title: Passed deadline
    summary: An illustrative listing.
    host: {name: Demo Hospital}
    place: {state: MI}
    application: {deadline: 2026-06-30}
    last_verified: 2026-11-01
    demo: true
  - id: demo-grant
    kind: funding
    title: Exam grant
    summary: An illustrative listing.
    host: {name: Demo Fund}
    place: {remote: true}
    last_verified: 2026-11-01
    demo: true
"""
PROFILE = "as_of: 2026-12-03\nimmigration: {status: refugee}\nresidence: {state: MI}\n"


def run(tmp_path: Path, *args: str) -> tuple[int, str]:
    folder = tmp_path / "listings"
    folder.mkdir(exist_ok=True)
    (folder / "demo.yaml").write_text(LISTINGS, encoding="utf-8")
    profile = tmp_path / "me.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    result = runner.invoke(app, ["find", str(profile), "--listings", str(folder), *args])
    return result.exit_code, result.stdout


def test_the_best_fit_comes_first_and_a_passed_deadline_last(tmp_path: Path) -> None:
    code, output = run(tmp_path, "--format", "json")
    assert code == 0
    answer = json.loads(output)
    assert [r["id"] for r in answer["results"]] == [
        "demo-grant",
        "demo-open-observership",
        "demo-passed-deadline",
    ]
    last = answer["results"][-1]["fit"]
    assert last["verdict"] == "not_eligible"
    assert last["listing"][0]["reason_key"] == "fit.deadline_passed"
    assert answer["notice"].startswith("Legal information")


def test_a_cost_ceiling_leaves_out_unknown_costs_and_says_how_many(tmp_path: Path) -> None:
    code, output = run(tmp_path, "--format", "json", "--cost-at-most", "600")
    assert code == 0
    answer = json.loads(output)
    assert [r["id"] for r in answer["results"]] == ["demo-open-observership"]
    assert answer["left_out"]["unknown_cost"] == 2


def test_the_table_names_the_cost_unknown_and_the_demo_label(tmp_path: Path) -> None:
    code, output = run(tmp_path, "--kind", "funding")
    assert code == 0
    assert "Exam grant" in output
    assert "unknown" in output
    assert "demo" in output
    assert "Open observership" not in output


def test_a_bad_state_is_an_error_naming_the_option(tmp_path: Path) -> None:
    folder = tmp_path / "listings"
    folder.mkdir()
    profile = tmp_path / "me.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    result = runner.invoke(app, ["find", str(profile), "--listings", str(folder), "--state", "XX"])
    assert result.exit_code == 2
    assert "--state" in result.stderr


def test_words_match_word_starts_without_case_or_accents_as_on_the_web(tmp_path: Path) -> None:
    def found(words: str) -> list[str]:
        code, output = run(tmp_path, "--format", "json", "-q", words)
        assert code == 0
        return [r["id"] for r in json.loads(output)["results"]]

    assert found("DÉTROIT observ") == ["demo-open-observership"]  # word starts, every word, any field
    assert found("troit") == []  # a word's start, not any part of it
    assert found("demo") == ["demo-grant", "demo-open-observership", "demo-passed-deadline"]


def test_a_visa_is_taken_as_people_write_it(tmp_path: Path) -> None:
    for written in ("B-1", "b1", "B-1/B-2"):
        code, output = run(tmp_path, "--format", "json", "--visa", written)
        assert code == 0
        assert [r["id"] for r in json.loads(output)["results"]] == ["demo-open-observership"]


def test_a_visa_that_is_not_one_is_an_error_naming_the_option(tmp_path: Path) -> None:
    folder = tmp_path / "listings"
    folder.mkdir()
    profile = tmp_path / "me.yaml"
    profile.write_text(PROFILE, encoding="utf-8")
    result = runner.invoke(app, ["find", str(profile), "--listings", str(folder), "--visa", "any!"])
    assert result.exit_code == 2
    assert "--visa" in result.stderr
