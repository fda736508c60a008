"""Bad input (a flawed rule file, a malformed profile, a wrong option) fails with a clear message that
names the file, the line and the field, and a non-zero exit code: never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

import imgpath.cli.main as cli
from imgpath.cli.main import app
from imgpath.engine.profile import parse_profile
from imgpath.rulebook.loader import DATA_DIR, load_rulebook
from imgpath.yamlio import InputError

TN_FILE = "us/states/tn.yaml"
EXAMPLE = Path(cli.__file__).parents[1] / "examples" / "experienced-internist.yaml"

runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_consoles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wide, colourless consoles, so that long paths and messages are not wrapped mid-word."""
    monkeypatch.setattr(cli, "out", Console(width=300, color_system=None))
    monkeypatch.setattr(cli, "err", Console(width=300, color_system=None, stderr=True))


def invoke(*args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args])


def assert_clean_failure(result: Result) -> None:
    """Exit code 2 from the CLI's own error report: not a crash, not a usage error."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "error:" in result.stderr


def line_of(text: str, needle: str) -> int:
    """The 1-based number of the only line of ``text`` containing ``needle``."""
    hits = [number for number, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(hits) == 1, f"{needle!r} is on lines {hits}"
    return hits[0]


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


# --- the rulebook ---------------------------------------------------------------------------------


@pytest.fixture
def tn_text() -> str:
    return (DATA_DIR / TN_FILE).read_text(encoding="utf-8")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A rulebook of the catalogue and Tennessee only (other states may be mid-edit)."""
    (tmp_path / "us" / "states").mkdir(parents=True)
    shutil.copy(DATA_DIR / "us" / "catalogue.yaml", tmp_path / "us" / "catalogue.yaml")
    shutil.copy(DATA_DIR / TN_FILE, tmp_path / TN_FILE)
    return tmp_path


def load_error(data_dir: Path, text: str, name: str = TN_FILE) -> InputError:
    (data_dir / name).write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_rulebook(data_dir)
    error = caught.value
    assert error.file == name
    assert name in str(error)
    if error.line is not None:
        assert f"line {error.line}" in str(error)
    return error


def test_the_unmodified_copy_loads(data_dir: Path) -> None:
    rulebook = load_rulebook(data_dir)
    assert "US-TN" in rulebook.jurisdictions
    assert rulebook.files["us-tn.traditional"] == TN_FILE


def test_pathway_without_reference(data_dir: Path, tn_text: str) -> None:
    lines = tn_text.splitlines(keepends=True)
    start = line_of(tn_text, "id: us-tn.traditional")
    ref = next(i for i in range(start, len(lines)) if lines[i].strip() == "reference:")
    end = next(i for i in range(ref + 1, len(lines)) if lines[i].startswith("    ") and lines[i][4] != " ")
    text = "".join(lines[:ref] + lines[end:])
    error = load_error(data_dir, text)
    assert error.field == "reference"
    assert error.line == line_of(text, "- id: us-tn.traditional")  # the pathway that lacks it
    assert "reference" in error.message


def test_unknown_criterion_type(data_dir: Path, tn_text: str) -> None:
    text = replace_once(tn_text, "type: no_discipline", "type: no_disciplin")
    error = load_error(data_dir, text)
    assert "unknown criterion type 'no_disciplin'" in error.message
    assert "no_discipline" in error.message  # lists the known types
    assert error.line == line_of(text, "type: no_disciplin")
    assert error.field is not None
    assert error.field.startswith("pathways[0].criteria[")  # as a profile names its fields
    assert error.field.split(".")[-1] == "type"


def test_bad_date_as_values_key(data_dir: Path, tn_text: str) -> None:
    text = replace_once(tn_text, "2010-12-31: {exam: usmle_step1,", "2024-02-30: {exam: usmle_step1,")
    error = load_error(data_dir, text)
    assert error.line == line_of(text, "2024-02-30")
    assert error.field is not None
    assert "values" in error.field
    assert "2024-02-30" in error.field
    assert "2024-02-30" in error.message


def test_bad_status_date(data_dir: Path, tn_text: str) -> None:
    text = replace_once(tn_text, "        date: 2023-04-24\n", "        date: 2023-02-30\n")
    error = load_error(data_dir, text)
    assert error.line == line_of(text, "date: 2023-02-30")
    assert error.field is not None
    assert error.field.endswith("status[0].date")
    assert "2023-02-30" in error.message


def test_duplicate_pathway_id(data_dir: Path, tn_text: str) -> None:
    text = replace_once(tn_text, "- id: us-tn.graduate_physician", "- id: us-tn.traditional")
    error = load_error(data_dir, text)
    assert error.field == "id"
    assert error.line == text.splitlines().index("  - id: us-tn.traditional", 10) + 1  # the second one
    assert error.line > line_of(tn_text, "- id: us-tn.traditional")
    assert "duplicate pathway id 'us-tn.traditional'" in error.message


def test_duplicate_criterion_id(data_dir: Path, tn_text: str) -> None:
    old = "      - id: step2_ck\n        type: exam_passed\n        summary: Passed USMLE Step 2 CK within 3"
    text = replace_once(tn_text, old, old.replace("id: step2_ck", "id: step1"))
    error = load_error(data_dir, text)
    second = line_of(text, "summary: Passed USMLE Step 2 CK within 3") - 2  # the renamed criterion
    assert text.splitlines()[second - 1].strip() == "- id: step1"
    assert error.line == second
    assert error.field == "id"
    assert "duplicate criterion id 'step1'" in error.message


def test_duplicate_yaml_key(data_dir: Path, tn_text: str) -> None:
    text = replace_once(tn_text, "    kind: traditional\n", "    kind: traditional\n    kind: limited\n")
    error = load_error(data_dir, text)
    assert error.line == line_of(text, "kind: limited")
    assert error.field == "kind"
    assert "duplicate key 'kind'" in error.message
    assert f"first on line {line_of(text, 'kind: traditional')}" in error.message


def test_unknown_step(data_dir: Path, tn_text: str) -> None:
    text = replace_once(tn_text, "step: us_gme\n", "step: us_gmee\n")
    error = load_error(data_dir, text)
    assert error.field == "step"
    assert "unknown step 'us_gmee'" in error.message
    assert error.line == line_of(text, "step: us_gmee")


def test_unknown_exam(data_dir: Path, tn_text: str) -> None:
    text = replace_once(
        tn_text, "{exam: usmle_step1, max_attempts: 3}", "{exam: usmle_stepone, max_attempts: 3}"
    )
    error = load_error(data_dir, text)
    assert error.line == line_of(text, "usmle_stepone")
    assert error.field is not None
    assert "values" in error.field
    assert "unknown exam 'usmle_stepone'" in error.message


def test_unknown_field_on_optional_key(data_dir: Path, tn_text: str) -> None:
    text = replace_once(tn_text, "        note: The 3-state waiver", "        nte: The 3-state waiver")
    error = load_error(data_dir, text)
    assert error.line == line_of(text, "nte: The 3-state waiver")
    assert error.field is not None
    assert error.field.split(".")[-1] == "nte"
    assert "unknown field" in error.message


def test_unknown_field_typo_of_required_key(data_dir: Path, tn_text: str) -> None:
    old = "        summary: Passed USMLE Step 1 within 3 attempts."
    text = replace_once(tn_text, old, old.replace("summary", "sumary"))
    error = load_error(data_dir, text)
    assert error.line == line_of(text, "sumary:")
    assert error.field is not None
    assert error.field.split(".")[-1] == "sumary"
    assert "unknown field" in error.message


def test_malformed_yaml(data_dir: Path, tn_text: str) -> None:
    text = replace_once(
        tn_text,
        "        type: ecfmg_certified\n        summary: Holds ECFMG certification, as",
        "        type: ecfmg_certified: x\n        summary: Holds ECFMG certification, as",
    )
    error = load_error(data_dir, text)
    assert error.line == line_of(text, "type: ecfmg_certified: x")
    assert "not valid YAML" in error.message


def test_file_name_must_match_jurisdiction(data_dir: Path, tn_text: str) -> None:
    (data_dir / TN_FILE).unlink()
    error = load_error(data_dir, tn_text, "us/states/tx.yaml")
    assert error.field == "jurisdiction"
    assert error.line == line_of(tn_text, "jurisdiction: US-TN")
    assert "US-TX" in error.message


def test_cli_rules_validate_reports_file_and_line(data_dir: Path, tn_text: str) -> None:
    text = replace_once(tn_text, "    kind: traditional\n", "    kind: traditional\n    kind: limited\n")
    (data_dir / TN_FILE).write_text(text, encoding="utf-8")
    result = invoke("rules", "validate", data_dir)
    assert_clean_failure(result)
    assert f"{TN_FILE}, line {line_of(text, 'kind: limited')}" in result.stderr
    assert "field 'kind'" in result.stderr


def test_cli_rules_validate_accepts_the_copy(data_dir: Path) -> None:
    result = invoke("rules", "validate", data_dir)
    assert result.exit_code == 0, result.output
    assert "ok" in result.stdout


def test_the_bundled_rulebook_validates() -> None:
    result = invoke("rules", "validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok:")


# --- profiles ---------------------------------------------------------------------------------------

PROFILE_ERRORS = [
    pytest.param(
        "as_of: 2026-11-25\nmedical_school:\n  country: IN\n  graduated: 2019-02-30\n",
        4,
        "medical_school.graduated",
        "2019-02-30",
        id="impossible-day",
    ),
    pytest.param(
        "as_of: 2026-11-25\ntraining:\n  - country: IN\n    start: 2019-13\n",
        4,
        "training[0].start",
        "month 13",
        id="month-13",
    ),
    pytest.param(
        "as_of: 2026-11-25\ncitizenshp: [IN]\n", 2, "citizenshp", "unknown field", id="unknown-field"
    ),
    pytest.param(
        "as_of: 2026-11-25\ncitizenship: [IN]\nas_of: 2026-11-26\n",
        3,
        "as_of",
        "duplicate key",
        id="duplicate-key",
    ),
    pytest.param(
        "as_of: 2026-11-25\nexams:\n  usmle_step1:\n    passed: 2019-03\n    attempts: many\n",
        5,
        "exams.usmle_step1.attempts",
        "integer",
        id="wrong-type",
    ),
    pytest.param(
        "as_of: 2026-11-25\njob_offer:\n  state: Tennessee\n",
        3,
        "job_offer.state",
        "two-letter",
        id="state-not-two-letters",
    ),
    pytest.param("- as_of: 2026-11-25\n- citizenship: [IN]\n", 1, None, "mapping", id="not-a-mapping"),
    pytest.param("as_of: 2026-11-25\ncitizenship: IN: x\n", 2, None, "not valid YAML", id="invalid-yaml"),
]


@pytest.mark.parametrize(("text", "line", "field", "message"), PROFILE_ERRORS)
def test_parse_profile_errors(text: str, line: int, field: str | None, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_profile(text, "p.yaml")
    error = caught.value
    assert (error.file, error.line, error.field) == ("p.yaml", line, field)
    assert message in error.message
    assert str(error).startswith(f"p.yaml, line {line}")


def test_parse_profile_invalid_json() -> None:
    with pytest.raises(InputError) as caught:
        parse_profile('{\n  "as_of": "2026-11-25",\n  "citizenship": ["IN"\n}\n', "p.json")
    assert (caught.value.file, caught.value.line) == ("p.json", 4)
    assert "not valid JSON" in caught.value.message


@pytest.mark.parametrize("command", [["check"], ["profile", "validate"]])
@pytest.mark.parametrize(("text", "line", "field", "message"), PROFILE_ERRORS)
def test_cli_profile_errors(
    tmp_path: Path, command: list[str], text: str, line: int, field: str | None, message: str
) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    result = invoke(*command, path)
    assert_clean_failure(result)
    assert f"p.yaml, line {line}" in result.stderr
    if field:
        assert f"field '{field}'" in result.stderr
    assert message in result.stderr


@pytest.mark.parametrize("command", [["check"], ["profile", "validate"]])
def test_cli_invalid_json(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "p.json"
    path.write_text('{\n  "as_of": "2026-11-25",\n  "citizenship": ["IN"\n}\n', encoding="utf-8")
    result = invoke(*command, path)
    assert_clean_failure(result)
    assert "p.json, line 4" in result.stderr
    assert "not valid JSON" in result.stderr


@pytest.mark.parametrize("command", [["check"], ["profile", "validate"], ["explain"]])
def test_cli_missing_file(tmp_path: Path, command: list[str]) -> None:
    args: list[str | Path] = [*command, tmp_path / "nowhere.yaml"]
    if command == ["explain"]:
        args.append("us-tn.traditional")
    result = invoke(*args)
    assert_clean_failure(result)
    assert "nowhere.yaml" in result.stderr
    assert "file not found" in result.stderr


UNKNOWN_EXAM = (
    "as_of: 2026-11-25\nexams:\n  usmle_step1: {passed: 2019-03}\n  usmle_step4: {passed: 2020-03}\n"
)


def test_profile_validate_unknown_exam(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(UNKNOWN_EXAM, encoding="utf-8")
    result = invoke("profile", "validate", path)
    assert_clean_failure(result)
    assert "p.yaml" in result.stderr
    assert "field 'exams.usmle_step4'" in result.stderr
    assert "unknown exam 'usmle_step4'" in result.stderr
    assert "usmle_step1" in result.stderr  # the known exams are listed
    assert f"p.yaml, line {line_of(UNKNOWN_EXAM, 'usmle_step4')}" in result.stderr


# --- options ----------------------------------------------------------------------------------------


def test_check_unknown_state() -> None:
    result = invoke("check", EXAMPLE, "--state", "ZZ")
    assert_clean_failure(result)
    assert "no state 'ZZ'" in result.stderr
    assert "--state" in result.stderr


def test_check_impossible_as_of() -> None:
    result = invoke("check", EXAMPLE, "--state", "TN", "--as-of", "2026-13-01")
    assert_clean_failure(result)
    assert "--as-of" in result.stderr
    assert "2026-13-01" in result.stderr


def test_explain_unknown_pathway_suggests_routes() -> None:
    result = invoke("explain", EXAMPLE, "us-tn.nonexistent")
    assert_clean_failure(result)
    assert "no pathway 'us-tn.nonexistent'" in result.stderr
    assert "us-tn.traditional" in result.stderr


def test_explain_unknown_jurisdiction_points_to_the_list() -> None:
    result = invoke("explain", EXAMPLE, "nowhere")
    assert_clean_failure(result)
    assert "imgpath rules list" in result.stderr


# --- hostile text -----------------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
MARKUP = "[red]x[/red]"


def hostile_profile(tmp_path: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    text = replace_once(text, "specialty: internal_medicine", f'specialty: "{SCRIPT}"')
    text = replace_once(text, "specialties: [internal_medicine]", f'specialties: ["{MARKUP}", "{SCRIPT}"]')
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("output", ["table", "json"])
def test_hostile_free_text_does_not_crash_check(tmp_path: Path, output: str) -> None:
    result = invoke("check", hostile_profile(tmp_path), "--state", "TN", "--format", output)
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert "us-tn.traditional" in result.stdout


def test_hostile_free_text_does_not_crash_explain_or_validate(tmp_path: Path) -> None:
    path = hostile_profile(tmp_path)
    explained = invoke("explain", path, "us-tn.traditional")
    assert explained.exit_code == 0, explained.output
    assert "usmle_time_limit" in explained.stdout
    validated = invoke("profile", "validate", path)
    assert validated.exit_code == 0, validated.output
    assert "training" in validated.stdout


@pytest.mark.parametrize("command", [["check"], ["profile", "validate"]])
@pytest.mark.parametrize("value", [MARKUP, SCRIPT, "[bold]"])
def test_hostile_country_is_rejected_literally(tmp_path: Path, command: list[str], value: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(f"as_of: 2026-11-25\nmedical_school:\n  country: '{value}'\n", encoding="utf-8")
    result = invoke(*command, path)
    assert_clean_failure(result)
    assert f"'{value}' is not a two-letter code" in result.stderr
    assert "p.yaml, line 3, field 'medical_school.country'" in result.stderr


def test_hostile_field_name_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(f"as_of: 2026-11-25\n'{MARKUP}': 1\n", encoding="utf-8")
    result = invoke("profile", "validate", path)
    assert_clean_failure(result)
    assert "unknown field" in result.stderr
    assert f"p.yaml, line 2, field '{MARKUP}'" in result.stderr


def test_hostile_state_option_appears_literally() -> None:
    result = invoke("check", EXAMPLE, "--state", "[bold]x")
    assert_clean_failure(result)
    assert "no state '[BOLD]X'" in result.stderr


def test_hostile_pathway_argument_appears_literally() -> None:
    result = invoke("explain", EXAMPLE, f"us-tn.{MARKUP}")
    assert_clean_failure(result)
    assert f"no pathway 'us-tn.{MARKUP}'" in result.stderr


@pytest.mark.parametrize("command", [["profile", "validate"], ["check", "--state", "TN"]])
def test_hostile_file_name_appears_literally(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "[bold]p.yaml"
    shutil.copy(EXAMPLE, path)
    result = invoke(*command, path)
    assert result.exit_code == 0, result.output
    assert "[bold]p.yaml" in result.stdout
