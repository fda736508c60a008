"""``imgpath listings`` as a curator uses it: export, check, import all or nothing, export again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

import imgpath.cli.listings as listings_cli
from imgpath.cli.main import app

DEMO_DIR = Path(__file__).parent / "finder" / "listings"
runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_consoles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(listings_cli, "out", Console(width=400, color_system=None))
    monkeypatch.setattr(listings_cli, "err", Console(width=400, color_system=None, stderr=True))


def invoke(*args: str | Path) -> Result:
    return runner.invoke(app, ["listings", *(str(a) for a in args)])


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A catalogue folder holding the demo records, as curators keep it."""
    folder = tmp_path / "catalogue"
    folder.mkdir()
    shutil.copy(DEMO_DIR / "demo.yaml", folder / "demo.yaml")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_export_writes_the_json_document(catalogue: Path) -> None:
    result = invoke("export", "--from", catalogue)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert (document["format"], document["version"]) == ("imgpath-listings", 1)
    assert [o["id"] for o in document["opportunities"]] == ["demo-observership", "demo-grant"]


def test_export_of_one_kind_as_csv(catalogue: Path, tmp_path: Path) -> None:
    target = tmp_path / "orgs.csv"
    result = invoke("export", "--kind", "organisations", "--from", catalogue, "--out", target)
    assert result.exit_code == 0, result.output
    header, row, *_ = target.read_text(encoding="utf-8").splitlines()
    assert header.startswith("id,name,summary,url,offers,kinds")
    assert row.startswith("example-aid,Example IMG Aid,")


def test_an_exported_csv_imports_back_to_the_same_catalogue(catalogue: Path, tmp_path: Path) -> None:
    exported = tmp_path / "opportunities.csv"
    assert invoke("export", "--format", "csv", "--from", catalogue, "--out", exported).exit_code == 0
    fresh = tmp_path / "fresh"
    result = invoke("import", exported, "--into", fresh)
    assert result.exit_code == 0, result.output
    assert "opportunities.yaml: 2 opportunities (there were 0)" in result.stdout
    again = invoke("export", "--from", fresh, "--kind", "opportunities")
    before = invoke("export", "--from", catalogue, "--kind", "opportunities")
    assert again.stdout == before.stdout


def test_a_json_import_replaces_only_the_lists_it_carries(catalogue: Path, tmp_path: Path) -> None:
    stories = tmp_path / "stories.json"
    assert invoke("export", "--kind", "stories", "--from", catalogue, "--out", stories).exit_code == 0
    fresh = tmp_path / "fresh"
    assert invoke("import", stories, "--into", fresh).exit_code == 0
    assert sorted(p.name for p in fresh.iterdir()) == ["stories.yaml"]


def test_check_names_every_bad_row_by_line_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "opportunities.csv"
    bad.write_text(
        "id,kind,title,summary,host.name,cost.tuition.usd,last_verified,demo\n"
        "good-one,observership,Title,Summary,Host,10,2026-01-01,true\n"
        "bad-one,observership,Title,Summary,Host,-10,2026-01-01,true\n"
        "bad-two,observing,Title,Summary,Host,10,2026-13-01,true\n",
        encoding="utf-8",
    )
    result = invoke("check", bad)
    assert result.exit_code == 2
    errors = result.stderr
    assert f"error: {bad}, line 3, id 'bad-one', field 'cost.tuition.usd': " in errors
    assert f"error: {bad}, line 4, id 'bad-two', field 'kind': " in errors
    assert f"error: {bad}, line 4, id 'bad-two', field 'last_verified': " in errors
    assert "3 problems; nothing was written." in errors
    assert "Traceback" not in result.output


def test_check_says_ok(catalogue: Path, tmp_path: Path) -> None:
    document = tmp_path / "all.json"
    assert invoke("export", "--from", catalogue, "--out", document).exit_code == 0
    result = invoke("check", document)
    assert result.exit_code == 0, result.output
    assert "holds 2 opportunities, 1 organisations, 1 stories" in result.stdout


def test_a_failed_import_changes_nothing(catalogue: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.json"
    assert invoke("export", "--from", catalogue, "--out", first).exit_code == 0
    target = tmp_path / "target"
    target.mkdir()
    assert invoke("import", first, "--into", target).exit_code == 0
    before = snapshot(target)
    document = json.loads(first.read_text(encoding="utf-8"))
    document["opportunities"].append({**document["opportunities"][0], "title": "A new title"})  # a repeat
    document["stories"][0]["last_verified"] = "someday"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(document), encoding="utf-8")
    result = invoke("import", broken, "--into", target)
    assert result.exit_code == 2
    assert (
        "opportunities[2], id 'demo-observership', field 'id': duplicate id (first at opportunities[0])"
        in (result.stderr)
    )
    assert "stories[0], id 'example-story', field 'last_verified'" in result.stderr
    assert snapshot(target) == before  # byte for byte, and no temporary file left


def test_an_id_another_file_holds_is_named_with_both_places(catalogue: Path, tmp_path: Path) -> None:
    exported = tmp_path / "opportunities.csv"
    assert invoke("export", "--format", "csv", "--from", catalogue, "--out", exported).exit_code == 0
    before = snapshot(catalogue)
    result = invoke("import", exported, "--into", catalogue)  # demo.yaml holds the same ids
    assert result.exit_code == 2
    assert "id 'demo-observership', field 'id': duplicate id (first at " in result.stderr
    assert "demo.yaml, line " in result.stderr
    assert snapshot(catalogue) == before


def test_a_broken_catalogue_file_is_named_by_line(tmp_path: Path) -> None:
    (tmp_path / "stories.yaml").write_text(
        "stories:\n  - id: a-story\n    title: A story\n    summary: Short.\n    reference: []\n"
        "    last_verified: 2026-01-01\n",
        encoding="utf-8",
    )
    result = invoke("export", "--from", tmp_path)
    assert result.exit_code == 2
    assert "stories.yaml, line 5, id 'a-story', field 'reference': " in result.stderr


def test_hostile_files_are_refused_by_name(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"id,kind\nx\x00y,job\n")
    for file, expected in ((deep, "nested too deeply"), (nul, "line 2: the file holds a NUL character")):
        result = invoke("check", file)
        assert result.exit_code == 2
        assert expected in result.stderr
        assert "Traceback" not in result.output


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    result = invoke("check", tmp_path / "nowhere.json")
    assert result.exit_code == 2
    assert "nowhere.json: file not found" in result.stderr


def test_formulas_never_reach_the_spreadsheet(catalogue: Path, tmp_path: Path) -> None:
    exported = tmp_path / "opportunities.csv"
    assert invoke("export", "--from", catalogue, "--out", exported).exit_code == 0  # CSV by its name
    text = exported.read_text(encoding="utf-8")
    assert "'=HYPERLINK(" in text
    assert ",=HYPERLINK(" not in text
    assert ',"=HYPERLINK(' not in text
