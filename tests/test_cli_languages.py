"""The CLI speaks the reader's language: --lang, else the locale's (LANG and the rest); Spanish and
Arabic from the web's catalogues (and the rulebook's for its names), English for anything else.
Errors keep their file, line and field; the tables their ids; the JSON is the same in every language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

import imgpath.cli.find as find_cli
import imgpath.cli.main as cli
import imgpath.cli.plan as plan_cli
from imgpath.cli.main import app
from imgpath.messages.languages import language, language_from_environment

runner = CliRunner()
BAD_MONTH = "as_of: 2026-11-25\ncitizenship: [IN]\nmedical_school: {country: IN, graduated: 2012-13}\n"
TYPO = "as_of: 2026-11-25\ncitizenshp: [IN]\n"


@pytest.fixture(autouse=True)
def wide_consoles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "out", Console(width=300, color_system=None))
    monkeypatch.setattr(cli, "err", Console(width=300, color_system=None, stderr=True))
    monkeypatch.setattr(plan_cli, "out", Console(width=300, color_system=None))
    monkeypatch.setattr(find_cli, "out", Console(width=300, color_system=None))


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


# --- the tables ----------------------------------------------------------------------------------

EXAMPLE = Path(cli.__file__).parents[1] / "examples" / "experienced-internist.yaml"
"""Its as_of (2026-11-25) dates every answer below: no wall clock."""
TN = ("--state", "TN")
SPANISH = {
    "check": [
        "Vías para experienced-internist.yaml el 25 nov 2026",  # the title, its day by Babel
        "Resultado",  # a column
        "faltan pasos",  # a verdict
        "en vigor",  # a route's status
        "Licencia plena después de la residencia en EE. UU.",  # a route's name (rulebook catalogue)
        "Todavía no ha aprobado USMLE Step 3",  # a reason
        "consultada el 25 nov 2026",
        "Información jurídica, no asesoramiento jurídico",
    ],
    "plan": [
        "Planes a partir del 25 nov 2026",
        "Primera licencia: como mínimo",
        "Licencia plena después de la residencia en EE. UU.",
        "Coste: como mínimo ",
        "Información jurídica, no asesoramiento jurídico",
    ],
    "find": ["anuncios, los más adecuados primero", "Adecuación", "Solicitar antes del"],
}
ARABIC = {
    "check": [
        "المسارات المتاحة لـ experienced-internist.yaml في 25 نوفمبر 2026",
        "النتيجة",
        "يتطلب خطوات",
        "نافذ",
        "ترخيص كامل بعد الإقامة الطبية في الولايات المتحدة",
        "لم تجتز USMLE Step 3 بعد",
        "معلومات قانونية، وليست استشارة قانونية",
    ],
    "plan": [
        "الخطط ابتداءً من 25 نوفمبر 2026",
        "أول ترخيص: على الأقل",
        "ترخيص كامل بعد الإقامة الطبية في الولايات المتحدة",
        "معلومات قانونية، وليست استشارة قانونية",
    ],
    "find": ["إعلانًا، الأنسب أولًا", "الملاءمة"],
}
ENGLISH_WORDS = {
    "check": [
        "Routes for",
        "Verdict",
        "needs steps",
        "Full license after US residency",
        "You have not passed",
    ],
    "plan": ["Plans from", "First license:", "Full license after US residency", "Cost: at least"],
    "find": ["listings, best fit first", "Fit", "Apply by"],
}
COMMANDS: dict[str, list[str | Path]] = {
    "check": ["check", EXAMPLE, *TN],
    "plan": ["plan", EXAMPLE, *TN],
    "find": ["find", EXAMPLE],
}


@pytest.mark.parametrize(("lang", "words"), [("es", SPANISH), ("ar", ARABIC)])
@pytest.mark.parametrize("command", ["check", "plan", "find"])
def test_the_tables_are_in_the_readers_language(command: str, lang: str, words: dict[str, list[str]]) -> None:
    result = _run("--lang", lang, *COMMANDS[command])
    assert result.exit_code == 0, result.output
    for said in words[command]:
        assert said in result.stdout, said
    for english in ENGLISH_WORDS[command]:
        assert english not in result.stdout, english
    assert "\u200f" not in result.stdout  # no bidi marks added: the web adds none either
    assert "\u200e" not in result.stdout


def test_a_plans_cost_is_the_same_amount_written_as_spanish_writes_dollars() -> None:
    english = re.search(r"Cost: at least ([\d,]+) USD", _run(*COMMANDS["plan"]).stdout)
    assert english, "no cost in the English plan"
    amount = english.group(1).replace(",", ".")  # 3,010 -> 3.010
    assert f"Coste: como mínimo {amount}\xa0US$" in _run("--lang", "es", *COMMANDS["plan"]).stdout


def test_the_locale_chooses_the_tables_language_too() -> None:
    result = _run(*COMMANDS["check"], env={"LANG": "es_MX.UTF-8"})
    assert "Vías para experienced-internist.yaml" in result.stdout


def test_explain_says_the_route_clause_by_clause_in_spanish() -> None:
    result = _run("--lang", "es", "explain", EXAMPLE, "us-tn.traditional")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Licencia plena después de la residencia en EE. UU. (us-tn.traditional), Tennessee" in out
    assert "El 25 nov 2026: faltan pasos" in out
    assert "(estado de la vía: en vigor)" in out
    assert "Todavía no ha aprobado USMLE Step 3" in out


@pytest.mark.parametrize("command", ["check", "plan", "find"])
def test_english_tables_keep_their_words(command: str) -> None:
    result = _run("--lang", "en", *COMMANDS[command])
    for english in ENGLISH_WORDS[command]:
        assert english in result.stdout, english


@pytest.mark.parametrize(
    "args",
    [
        ["check", EXAMPLE, *TN],
        ["plan", EXAMPLE, *TN],
        ["explain", EXAMPLE, "us-tn.traditional"],
        ["find", EXAMPLE],
    ],
    ids=["check", "plan", "explain", "find"],
)
def test_the_json_is_the_same_in_every_language(args: list[str | Path]) -> None:
    english = _run("--lang", "en", *args, "--format", "json")
    assert english.exit_code == 0, english.output
    for lang in ("es", "ar"):
        assert _run("--lang", lang, *args, "--format", "json").stdout == english.stdout
    assert _run(*args, "--format", "json", env={"LANG": "ar_EG.UTF-8"}).stdout == english.stdout


def test_help_says_what_lang_covers() -> None:
    result = _run("--help", env={"COLUMNS": "400"})
    assert "the tables of check, plan, explain and find" in result.stdout
    assert "--format json stays English, the same in every language" in result.stdout
