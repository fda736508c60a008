"""Hostile input (issue 9): alias bombs, deep nesting, huge numbers, characters that are not text.
Each gets a named error (file, line, field) and exit 2, in bounded work: never a traceback or a hang."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from imgpath.cli.main import app
from imgpath.engine.profile import parse_profile
from imgpath.yamlio import MAX_VALUES, InputError, load_text

runner = CliRunner()


def alias_bomb(levels: int = 7, width: int = 9) -> str:
    """A few hundred bytes whose aliases expand to width**levels values (4.8 million here)."""
    lines = [f"a0: &a0 [{', '.join(['x'] * width)}]"]
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * width)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


HOSTILE = {
    "alias bomb": ("yaml", alias_bomb(), "aliases"),
    "nesting 5,000 deep": ("yaml", "practice: " + "[" * 5000 + "]" * 5000 + "\n", "nest"),
    "JSON nesting 100,000 deep": ("json", '{"practice": ' + "[" * 100_000 + "]" * 100_000 + "}", "nest"),
    "a 5,000-digit number": ("yaml", "us_gme_years: " + "9" * 5000 + "\n", "digits"),
    "a 5,000-digit number in JSON": ("json", '{"us_gme_years": ' + "9" * 5000 + "}", "digits"),
    "a NUL in a specialty": (
        "yaml",
        'training: [{country: IN, start: 2012-07, specialty: "internal\\0medicine"}]\n',
        "not text",
    ),
    "a lone surrogate in YAML": ("yaml", 'preferences: {specialties: ["\\ud800"]}\n', "Unicode"),
    "a lone surrogate in JSON": ("json", '{"preferences": {"specialties": ["\\ud800"]}}', "not text"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_profile_validate_refuses_hostile_input_by_name(tmp_path: Path, case: str) -> None:
    suffix, text, words = HOSTILE[case]
    path = tmp_path / f"hostile.{suffix}"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["profile", "validate", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    assert words in result.stderr, result.stderr
    assert f"hostile.{suffix}" in result.stderr, result.stderr


def test_an_alias_bomb_is_refused_before_it_expands() -> None:
    """The line map is built within MAX_VALUES entries, not walked to millions."""
    with pytest.raises(InputError) as refused:
        load_text(alias_bomb(), "bomb.yaml")
    assert f"{MAX_VALUES:,}" in refused.value.message
    assert refused.value.line is not None


def test_aliases_a_rule_file_uses_still_work() -> None:
    """Rule files share references through anchors; a few aliases are fine."""
    data, source = load_text("base: &ref {title: T, href: 'https://x'}\na: *ref\nb: *ref\n", "rules.yaml")
    assert data["a"] == data["b"] == {"title": "T", "href": "https://x"}
    assert source.line_of(("b",)) == 3


def test_deep_json_and_long_numbers_are_named_errors() -> None:
    with pytest.raises(InputError, match="nested too deeply"):
        load_text('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", "deep.json")
    with pytest.raises(InputError, match="longer than"):
        load_text('{"us_gme_years": ' + "9" * 5000 + "}", "big.json")


def test_a_nul_in_free_text_names_its_field() -> None:
    with pytest.raises(InputError) as refused:
        parse_profile('preferences: {specialties: ["a\\0b"]}\n', "p.yaml")
    assert refused.value.field == "preferences.specialties[0]"


def test_credential_ids_are_lower_snake_case() -> None:
    with pytest.raises(InputError) as refused:
        parse_profile("credentials: {'Dean Letter': true}\n", "p.yaml")
    assert refused.value.field == "credentials"


def test_profile_new_refuses_a_folder_as_out_before_asking(tmp_path: Path) -> None:
    """Issue 9: `--out DIR` ended in an IsADirectoryError traceback after all the questions."""
    result = runner.invoke(app, ["profile", "new", "--out", str(tmp_path)], input="")
    assert result.exit_code == 2
    assert "is a folder" in result.stderr
    missing = runner.invoke(app, ["profile", "new", "--out", str(tmp_path / "no" / "p.yaml")], input="")
    assert missing.exit_code == 2
    assert "does not exist" in missing.stderr


def test_rules_stale_names_its_own_option() -> None:
    result = runner.invoke(app, ["rules", "stale", "--today", "0000-01-01"])
    assert result.exit_code == 2
    assert "--today" in result.stderr
    assert "--as-of" not in result.stderr


def test_of_several_unknown_keys_the_first_in_the_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("zebra: 1\ntraining: [{country: IN, start: 2012-07, aardvark: 2}]\n", encoding="utf-8")
    result = runner.invoke(app, ["profile", "validate", str(path)])
    assert result.exit_code == 2
    assert "line 1" in result.stderr
    assert "zebra" in result.stderr


def test_an_error_naming_a_long_path_is_one_unbroken_line(tmp_path: Path) -> None:
    """Editors and CI read "file, line N": a narrow terminal must not break that apart."""
    folder = tmp_path / ("deep" * 30)
    folder.mkdir()
    path = folder / "p.yaml"
    path.write_text("zebra: 1\n", encoding="utf-8")
    result = runner.invoke(app, ["profile", "validate", str(path)], env={"COLUMNS": "40"})
    assert result.exit_code == 2
    assert f"{path}, line 1, field 'zebra'" in result.stderr
