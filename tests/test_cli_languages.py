"""The CLI says its errors in the reader's language: --lang, else the locale's (LANG and the rest);
Spanish and Arabic from the web's catalogues, English for anything else. File, line and field stay."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

import imgpath.cli.main as cli
from imgpath.cli.main import app
from imgpath.messages.languages import language, language_from_environment

runner = CliRunner()
BAD_MONTH = "as_of: 2026-11-25\ncitizenship: [IN]\nmedical_school: {country: IN, graduated: 2012-13}\n"
TYPO = "as_of: 2026-11-25\ncitizenshp: [IN]\n"


@pytest.fixture(autouse=True)
def wide_consoles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "out", Console(width=300, color_system=None))
    monkeypatch.setattr(cli, "err", Console(width=300, color_system=None, stderr=True))


def _profile(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "me.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _run(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, [str(a) for a in args], env=env)


def test_an_error_is_in_english_by_default(tmp_path: Path) -> None:
    result = _run("check", _profile(tmp_path, BAD_MONTH))
    assert result.exit_code == 2
    assert "error: " in result.stderr
    assert "me.yaml, line 3, field 'medical_school.graduated': '2012-13' has no month 13" in result.stderr


def test_lang_es_says_the_error_in_spanish_with_file_line_and_field(tmp_path: Path) -> None:
    result = _run("--lang", "es", "check", _profile(tmp_path, BAD_MONTH))
    assert result.exit_code == 2
    assert "me.yaml, línea 3, campo «medical_school.graduated»: «2012-13» no tiene mes 13" in result.stderr
    assert "has no month" not in result.stderr


def test_an_arabic_locale_says_the_error_in_arabic(tmp_path: Path) -> None:
    result = _run("check", _profile(tmp_path, TYPO), env={"LANG": "ar_EG.UTF-8"})
    assert result.exit_code == 2
    assert "خطأ:" in result.stderr
    assert "me.yaml، السطر 2، الحقل «citizenshp»: حقل غير معروف" in result.stderr


def test_lang_overrides_the_locale(tmp_path: Path) -> None:
    result = _run(
        "--lang", "es", "profile", "validate", _profile(tmp_path, TYPO), env={"LANG": "ar_EG.UTF-8"}
    )
    assert result.exit_code == 2
    assert "me.yaml, línea 2, campo «citizenshp»: campo desconocido" in result.stderr


@pytest.mark.parametrize(("args", "env"), [(["--lang", "fr"], None), ([], {"LANG": "fr_FR.UTF-8"})])
def test_an_unknown_language_falls_back_to_english(
    tmp_path: Path, args: list[str], env: dict[str, str] | None
) -> None:
    result = _run(*args, "check", _profile(tmp_path, BAD_MONTH), env=env)
    assert result.exit_code == 2
    assert "error: " in result.stderr
    assert "line 3, field 'medical_school.graduated': '2012-13' has no month 13" in result.stderr


def test_an_untranslated_error_keeps_its_english_inside_the_translated_frame(tmp_path: Path) -> None:
    result = _run("--lang", "es", "check", tmp_path / "absent.yaml")
    assert result.exit_code == 2
    assert "absent.yaml: file not found" in result.stderr


def test_json_output_keys_stay_english() -> None:
    example = Path(cli.__file__).parents[1] / "examples" / "experienced-internist.yaml"
    english = _run("check", example, "--format", "json", "--as-of", "2026-11-25")
    spanish = _run("--lang", "es", "check", example, "--format", "json", "--as-of", "2026-11-25")
    assert spanish.exit_code == 0
    assert spanish.stdout == english.stdout


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "ar_EG.UTF-8"}, "ar"),
        ({"LC_ALL": "es_MX.UTF-8", "LANG": "ar_EG.UTF-8"}, "es"),
        ({"LANGUAGE": "fr:es", "LANG": "ar"}, "es"),
        ({"LANGUAGE": "en:es"}, "en"),
        ({"LC_MESSAGES": "es_ES"}, "es"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_locale_names_the_language(environ: dict[str, str], expected: str) -> None:
    assert language_from_environment(environ) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [("es", "es"), ("ES", "es"), ("es-MX", "es"), ("ar_EG.UTF-8", "ar"), ("fr", "en"), ("", "en")],
)
def test_a_code_names_the_language(code: str, expected: str) -> None:
    assert language(code) == expected


def test_the_help_names_the_option() -> None:
    result = _run("--help")
    assert "--lang" in result.stdout
    assert "LANG" in result.stdout
