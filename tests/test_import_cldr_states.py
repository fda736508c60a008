"""The curator's import of CLDR's state names (scripts/import_cldr_states.py): a small CLDR folder or
npm tarball gives dated, sourced names with the fallbacks said; hostile or missing input is refused
with a clear error, a non-zero exit, and nothing written."""

from __future__ import annotations

import importlib.util
import io
import json
import shutil
import sys
import tarfile
from datetime import date
from pathlib import Path
from types import ModuleType

import polib
import pytest
import yaml

from imgpath.rulebook import TEXTS_LOCALE_DIR

READ_ON = date(2026, 12, 4)
SCRIPT = Path(__file__).parents[1] / "scripts" / "import_cldr_states.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("import_cldr_states", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("import_cldr_states", module)  # its dataclass looks itself up there
    spec.loader.exec_module(sys.modules["import_cldr_states"])
    return sys.modules["import_cldr_states"]


DOCTYPE = '<!DOCTYPE ldml SYSTEM "../../common/dtd/ldml.dtd">'


def _xml(language: str, entries: str, prolog: str = DOCTYPE) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n'
        f"{prolog}\n"
        f'<ldml><identity><version number="$Revision$"/><language type="{language}"/></identity>'
        f"<localeDisplayNames><subdivisions>{entries}</subdivisions></localeDisplayNames></ldml>\n"
    )


FILES = {
    "common/dtd/ldml.dtd": '<!ATTLIST version cldrVersion CDATA #FIXED "99" >\n',
    "common/subdivisions/en.xml": _xml(
        "en",
        '<subdivision type="ustn">Tennessee</subdivision><subdivision type="usny">New York</subdivision>',
    ),
    "common/subdivisions/es.xml": _xml(
        "es",
        '<subdivision type="ustn" draft="provisional">Tennessee</subdivision>'
        '<subdivision type="usny" draft="contributed">Nueva York</subdivision>'
        '<subdivision type="usny" alt="variant">NY</subdivision>',
    ),
    "common/subdivisions/ar.xml": _xml(  # no New York: the fallback must say so
        "ar", '<subdivision type="ustn" draft="provisional">تينيسي</subdivision>'
    ),
}
BOMB = _xml(
    "ar",
    '<subdivision type="ustn">&lol4;</subdivision>',
    '<!DOCTYPE ldml [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;">]>',
)
EXTERNAL = _xml(
    "ar",
    '<subdivision type="ustn">&secret;</subdivision>',
    '<!DOCTYPE ldml [<!ENTITY secret SYSTEM "/etc/passwd">]>',
)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A small CLDR folder, and a copy of the rulebook's catalogues for the script to write."""
    for name, text in FILES.items():
        (tmp_path / "cldr" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "cldr" / name).write_text(text, encoding="utf-8")
    shutil.copytree(TEXTS_LOCALE_DIR, tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    return tmp_path


def _run(work: Path, source: Path) -> int:
    code: int = _script().main(
        [
            str(source),
            "--read-on",
            "2026-12-04",
            "--output",
            str(work / "out.yaml"),
            "--locale-dir",
            str(work / "locale"),
        ]
    )
    return code


def _catalogues(work: Path) -> dict[str, bytes]:
    return {p.name + p.parent.parent.name: p.read_bytes() for p in (work / "locale").rglob("*.po")}


def test_a_cldr_folder_gives_each_state_its_names_draft_source_and_date(work: Path) -> None:
    assert _run(work, work / "cldr") == 0
    data = yaml.safe_load((work / "out.yaml").read_text(encoding="utf-8"))
    assert data["cldr_version"] == "99"
    tennessee = data["states"]["TN"]
    assert tennessee["ar"] == {
        "name": "تينيسي",
        "draft": "provisional",
        "source": "cldr-ar",
        "as_of": READ_ON,
    }
    assert tennessee["en"]["draft"] == "approved"  # CLDR's default where no draft is given
    assert data["states"]["NY"]["es"]["name"] == "Nueva York"  # the alt="variant" "NY" is not the name
    assert data["states"]["NY"]["es"]["draft"] == "contributed"
    assert data["sources"]["cldr-ar"]["href"].endswith("/release-99/common/subdivisions/ar.xml")
    for entry in (e for state in data["states"].values() for k, e in state.items() if k != "rulebook"):
        assert entry["source"] in data["sources"]
        assert entry["as_of"] == READ_ON


def test_where_cldr_lacks_a_state_the_fallback_is_named(work: Path) -> None:
    assert _run(work, work / "cldr") == 0
    states = yaml.safe_load((work / "out.yaml").read_text(encoding="utf-8"))["states"]
    assert states["NY"]["ar"]["name"] == "New York"  # the rulebook's English, said to be so
    assert states["NY"]["ar"]["source"] == "rulebook"
    assert states["NY"]["ar"]["fallback"] == "CLDR 99 has no Arabic name: the rulebook's English"
    assert states["LA"]["es"] == {  # Spanish falls back to iso-codes' Spanish first
        "name": "Luisiana",
        "draft": None,
        "source": "iso-codes-es",
        "as_of": READ_ON,
        "fallback": "CLDR 99 has no Spanish name: iso-codes'",
    }


def test_the_rulebook_catalogue_gets_the_same_names(work: Path) -> None:
    assert _run(work, work / "cldr") == 0
    arabic = {e.msgid: e.msgstr for e in polib.pofile(str(work / "locale/ar/LC_MESSAGES/django.po"))}
    assert arabic["Tennessee"] == "تينيسي"
    assert arabic["New York"] == "New York"


def test_the_npm_tarball_is_read_without_unpacking(work: Path) -> None:
    tarball = work / "cldr-7.9.0.tgz"
    with tarfile.open(tarball, "w:gz") as archive:
        for name, text in {**FILES, "package.json": json.dumps({"name": "cldr", "version": "7.9.0"})}.items():
            data = text.encode()
            info = tarfile.TarInfo(
                ("package/" if name == "package.json" else "package/3rdparty/cldr/") + name
            )
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    assert _run(work, tarball) == 0
    data = yaml.safe_load((work / "out.yaml").read_text(encoding="utf-8"))
    assert "as bundled in the npm package cldr 7.9.0" in data["sources"]["cldr-es"]["title"]
    assert data["states"]["TN"]["ar"]["name"] == "تينيسي"


@pytest.mark.parametrize(
    ("hostile", "said"), [(BOMB, "declares an entity"), (EXTERNAL, "declares an entity")]
)
def test_an_entity_bomb_or_external_entity_is_refused_and_nothing_is_written(
    work: Path, capsys: pytest.CaptureFixture[str], hostile: str, said: str
) -> None:
    (work / "out.yaml").write_text("old\n", encoding="utf-8")
    before = _catalogues(work)
    (work / "cldr/common/subdivisions/ar.xml").write_text(hostile, encoding="utf-8")
    assert _run(work, work / "cldr") == 1
    error = capsys.readouterr().err
    assert "common/subdivisions/ar.xml" in error
    assert said in error
    assert "nothing written" in error
    assert (work / "out.yaml").read_text(encoding="utf-8") == "old\n"
    assert _catalogues(work) == before
    assert sorted(p.name for p in work.iterdir()) == ["cldr", "locale", "out.yaml"]  # no temporary left


@pytest.mark.parametrize(
    ("broken", "said"),
    [
        ("common/subdivisions/es.xml", "has no common/subdivisions/es.xml"),
        ("common/dtd/ldml.dtd", "states no cldrVersion; pass --cldr-version"),
    ],
)
def test_a_missing_file_is_a_clear_error(
    work: Path, capsys: pytest.CaptureFixture[str], broken: str, said: str
) -> None:
    (work / "cldr" / broken).unlink()
    assert _run(work, work / "cldr") == 1
    assert said in capsys.readouterr().err
    assert not (work / "out.yaml").exists()


def test_a_missing_source_or_bad_xml_is_a_clear_error(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(work, work / "nowhere.tgz") == 1
    assert "nowhere.tgz: no such file or folder" in capsys.readouterr().err
    (work / "cldr/common/subdivisions/en.xml").write_text("<ldml><identity>", encoding="utf-8")
    assert _run(work, work / "cldr") == 1
    assert "en.xml: not well-formed XML" in capsys.readouterr().err
    (work / "cldr/common/subdivisions/en.xml").write_text(
        FILES["common/subdivisions/es.xml"], encoding="utf-8"
    )
    assert _run(work, work / "cldr") == 1
    assert "says its language is ['es'], not 'en'" in capsys.readouterr().err
    assert not (work / "out.yaml").exists()


def test_the_help_says_how_a_curator_refreshes_the_names(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        _script().main(["--help"])
    assert stop.value.code == 0
    said = capsys.readouterr().out
    assert "npm pack cldr@" in said
    assert "us_states_cldr.yaml" in said
    assert "never fetches" in said
