"""Shortage areas: HRSA's files imported, read on a date, and a job offer's county deriving
``shortage_area`` for the laws that name HRSA's designations."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from imgpath.areas import (
    DEMO_DIR,
    DEMO_FILES,
    DIRECTORY_VARIABLE,
    AreaKind,
    Designation,
    current_areas,
    demo_areas,
    import_hrsa_file,
    read_areas,
    read_table,
)
from imgpath.cli.main import app
from imgpath.engine import CriterionResult, Profile, check, parse_profile
from imgpath.rulebook import default_rulebook
from imgpath.yamlio import InputError

D = date(2026, 6, 15)
"""The evaluation date of the boundary cases."""
AR_ROUTE = "us-ar.foreign_medical_graduate_provisional_license"
"""Arkansas: a full-time offer from a provider serving a medically underserved population or a HPSA."""


def _header(kind: AreaKind) -> str:
    return (DEMO_DIR / DEMO_FILES[kind]).read_text(encoding="utf-8").splitlines()[0]


PC_HEADER = _header(AreaKind.hpsa_pc)
"""HRSA's primary-care header with its trailing comma (the shipped demo file copies the layout)."""
MH_HEADER = _header(AreaKind.hpsa_mh)
MUA_HEADER = _header(AreaKind.mua)


def _us(day: date) -> str:
    return day.strftime("%m/%d/%Y")


def hpsa_row(
    county: str = "05001",
    *,
    status: str = "Designated",
    designated: date = date(2020, 1, 1),
    withdrawn: date | None = None,
    kind: str = "Geographic HPSA",
    component: str = "Single County",
    created: date = date(2026, 12, 1),
    ident: str = "TEST000001",
) -> dict[str, str]:
    return {
        "HPSA Name": f"Test area {ident}",
        "HPSA ID": ident,
        "Designation Type": kind,
        "HPSA Discipline Class": "Primary Care",
        "HPSA Status": status,
        "HPSA Designation Date": _us(designated),
        "Withdrawn Date": _us(withdrawn) if withdrawn else "",
        "Common State County FIPS Code": county,
        "HPSA Component Type Description": component,
        "Data Warehouse Record Create Date": _us(created),
    }


def hrsa_csv(rows: list[dict[str, str]], header: str = PC_HEADER) -> str:
    """Rows written as HRSA writes them: quoted, each line ending in a trailing comma."""
    names = header.split(",")[:-1]
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator=",\n").writerows(
        [[row.get(n, "") for n in names] for row in rows]
    )
    return header + "\n" + buffer.getvalue()


def write(tmp_path: Path, text: str | bytes, name: str = "BCD_HPSA_FCT_DET_PC.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


@pytest.fixture
def tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A directory of imported tables that the engine reads (``$IMGPATH_SHORTAGE_DIR``)."""
    directory = tmp_path / "tables"
    monkeypatch.setenv(DIRECTORY_VARIABLE, str(directory))
    current_areas.cache_clear()
    yield directory
    current_areas.cache_clear()


ELSEWHERE = "47001"
"""A Tennessee county: the mental-health and MUA/P tables designate only it, so that in Arkansas the
primary-care rows of each case decide."""


def imported(tables: Path, rows: list[dict[str, str]], *, complete: bool = True) -> None:
    """The rows as the primary-care table, beside complete mental-health and MUA/P tables."""
    source = write(tables.parent, hrsa_csv(rows))
    import_hrsa_file(source, AreaKind.hpsa_pc, tables, complete=complete)
    mh = write(tables.parent, hrsa_csv([hpsa_row(ELSEWHERE)], MH_HEADER), "BCD_HPSA_FCT_DET_MH.csv")
    import_hrsa_file(mh, AreaKind.hpsa_mh, tables)
    mua_row = {
        "MUA/P ID": "M1",
        "MUA/P Service Area Name": "Test MUA",
        "MUA/P Status Code": "D",
        "Designation Date": "01/01/2000",
        "State and County Federal Information Processing Standard Code": ELSEWHERE,
        "Census Tract": "Not Applicable",
        "Data Warehouse Record Create Date": "12/01/2026",
    }
    import_hrsa_file(
        write(tables.parent, hrsa_csv([mua_row], MUA_HEADER), "MUA_DET.csv"), AreaKind.mua, tables
    )
    current_areas.cache_clear()


# --- the day a designation starts and ends ---------------------------------------------------------


@pytest.mark.parametrize(
    ("designated", "status", "withdrawn", "covers"),
    [
        (D - timedelta(days=1), "D", None, True),  # designated the day before: covers
        (D, "D", None, True),  # designated on the day: covers
        (D + timedelta(days=1), "D", None, False),  # designated the day after: not yet
        (date(2020, 1, 1), "P", None, True),  # proposed for withdrawal is still designated
        (date(2020, 1, 1), "W", D, False),  # withdrawn on the day: no longer covers
        (date(2020, 1, 1), "W", D + timedelta(days=1), True),  # withdrawn the day after: still covers
        (date(2020, 1, 1), "W", None, False),  # withdrawn on a date not known: never counted
    ],
)
def test_a_designation_covers_from_its_date_until_its_withdrawal(
    designated: date, status: str, withdrawn: date | None, covers: bool
) -> None:
    found = Designation("05001", "X", "X", True, designated, status, withdrawn)
    assert found.covers_on(D) is covers


# --- rule cases: a job offer's county derives shortage_area ------------------------------------------


def _job_offer(profile: Profile, route: str = AR_ROUTE, day: date = D) -> CriterionResult:
    result = check(profile, default_rulebook(), as_of=day, states=[route[3:5].upper()])
    (found,) = [r for r in result.results if r.pathway == route]

    def walk(node: CriterionResult) -> Iterator[CriterionResult]:
        yield node
        for child in node.children:
            yield from walk(child)

    return next(n for part in found.parts for n in walk(part) if n.id.endswith("job_offer"))


def _offer(county: str, extra: str = "") -> Profile:
    return parse_profile(f"job_offer: {{state: AR, county: '{county}', full_time: true{extra}}}")


def test_an_arkansas_offer_in_a_designated_county_qualifies_from_the_county(tables: Path) -> None:
    imported(tables, [hpsa_row("05001", designated=D)])
    job = _job_offer(_offer("05001"))
    assert job.verdict.value == "eligible"
    text = job.reason.english()
    assert "county 05001 lies in a shortage area" in text
    assert "derived from the county and the HRSA HPSA file (primary care), BCD_HPSA_FCT_DET_PC.csv" in text
    assert "data warehouse record create date 2026-12-01" in text


def test_the_day_before_its_designation_the_county_is_in_no_shortage_area(tables: Path) -> None:
    imported(tables, [hpsa_row("05001", designated=D + timedelta(days=1))])
    job = _job_offer(_offer("05001"))
    assert job.verdict.value == "needs_steps"  # find another offer: a step, never a refusal
    assert "no designation covers county 05001 on 2026-06-15" in job.reason.english()


def test_a_county_withdrawn_on_the_day_no_longer_counts(tables: Path) -> None:
    imported(tables, [hpsa_row("05001", status="Withdrawn", withdrawn=D)])
    assert _job_offer(_offer("05001")).verdict.value == "needs_steps"
    assert _job_offer(_offer("05001"), day=D - timedelta(days=1)).verdict.value == "eligible"


def test_the_profile_s_own_answer_wins_over_the_county(tables: Path) -> None:
    imported(tables, [hpsa_row("05001")])
    said_no = _job_offer(_offer("05001", ", shortage_area: false"))
    assert said_no.verdict.value == "needs_steps"
    assert said_no.reason.english().endswith("the job must be in a shortage area.")
    said_yes = _job_offer(_offer("05003", ", shortage_area: true"))
    assert said_yes.verdict.value == "eligible"
    assert "as you said (your answer is used, not county 05003's designations)" in said_yes.reason.english()


def test_part_of_a_county_designated_leaves_the_question_to_the_profile(tables: Path) -> None:
    imported(tables, [hpsa_row("05001", component="Census Tract")])
    job = _job_offer(_offer("05001"))
    assert job.verdict.value == "unknown"
    assert job.missing == ("job_offer.shortage_area",)
    assert "part of county 05001" in job.reason.english()


def test_an_extract_says_nothing_of_the_counties_it_leaves_out(tables: Path) -> None:
    imported(tables, [hpsa_row("05001")], complete=False)
    job = _job_offer(_offer("05003"))
    assert job.verdict.value == "unknown"
    assert "does not list county 05003" in job.reason.english()


def test_a_facility_hpsa_says_nothing_of_its_county(tables: Path) -> None:
    imported(tables, [hpsa_row("05001", kind="Rural Health Clinic"), hpsa_row("05005", ident="T2")])
    assert _job_offer(_offer("05001")).verdict.value == "needs_steps"


def test_a_law_naming_a_state_designation_is_not_derived_from_hrsa_files(tables: Path) -> None:
    imported(tables, [hpsa_row("18001")])
    offer = parse_profile("job_offer: {state: IN, county: '18001'}")
    job = _job_offer(offer, route="us-in.limited_license")
    assert job.verdict.value == "unknown"
    assert job.missing == ("job_offer.shortage_area",)


def test_answers_from_the_shipped_files_say_demo_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(DIRECTORY_VARIABLE, raising=False)
    current_areas.cache_clear()
    covered = demo_areas().counties_by_state(D)
    assert covered["AR"] > 0
    county = min(c for t in demo_areas().tables.values() for c in t.counties_on(D) if c.startswith("05"))
    job = _job_offer(_offer(county))
    assert job.verdict.value == "eligible"
    assert "demo data" in job.reason.english()
    assert "not HRSA data" in job.reason.english()
    current_areas.cache_clear()


@pytest.mark.parametrize(
    ("offer", "says"),
    [
        ("{state: TN, county: '05001'}", "county 05001 is in AR, not in the offer's state TN"),
        ("{state: AR, county: 5001}", "write the county FIPS code as text in quotes"),
        ("{state: AR, county: '5001'}", "'5001' is not a 5-digit county FIPS code"),
    ],
)
def test_a_county_that_cannot_be_the_offer_s_is_refused_with_its_line(offer: str, says: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_profile(f"as_of: 2026-06\njob_offer: {offer}\n", "me.yaml")
    assert raised.value.line == 2
    assert says in str(raised.value)


# --- the importer ------------------------------------------------------------------------------------


def test_import_round_trip_keeps_area_rows_and_counts_the_rest(tmp_path: Path) -> None:
    rows = [
        hpsa_row("05001", ident="A"),
        hpsa_row("05003", status="Proposed For Withdrawal", ident="B"),
        hpsa_row("05005", status="Withdrawn", withdrawn=date(2024, 3, 1), ident="C"),
        hpsa_row("XXXXX", ident="D"),
        hpsa_row("05007", kind="Federally Qualified Health Center", ident="E"),
        hpsa_row("05009", kind="HPSA Population", component="Census Tract", ident="F"),
    ]
    source = import_hrsa_file(write(tmp_path, hrsa_csv(rows)), AreaKind.hpsa_pc, tmp_path / "out")
    assert (source.rows_read, source.rows_kept) == (6, 4)
    assert source.skipped == {"placeholder_fips": 1, "facility": 1}
    assert source.record_created == date(2026, 12, 1)
    table = read_table(tmp_path / "out" / "hpsa-pc.jsonl")
    assert table.source == source
    kept = sorted((d.county, d.id, d.status, d.whole_county) for d in table.designations())
    assert kept == [("05001", "A", "D", True), ("05003", "B", "P", True), ("05005", "C", "W", True),
                    ("05009", "F", "D", False)]  # fmt: skip
    assert table.counties_on(date(2026, 12, 1)) == {"05001", "05003"}
    assert table.counties_on(date(2024, 2, 29)) == {"05001", "05003", "05005"}


def test_the_shipped_demo_files_import_and_are_labelled() -> None:
    areas = demo_areas()
    assert set(areas.tables) == {AreaKind.hpsa_pc, AreaKind.hpsa_mh, AreaKind.mua}
    for table in areas.tables.values():
        assert table.source.demo
        assert table.source.record_created == date(2026, 12, 1)
        assert all(d.name.startswith("DEMO") for d in table.designations())
    assert areas.tables[AreaKind.hpsa_pc].source.skipped == {"facility": 1, "placeholder_fips": 1}


def test_the_cli_imports_a_file_and_the_engine_reads_the_directory(tmp_path: Path) -> None:
    source = write(tmp_path, hrsa_csv([hpsa_row("05001")]))
    result = CliRunner().invoke(app, ["shortage", "import", str(source), "--into", str(tmp_path / "t")])
    assert result.exit_code == 0, result.output
    assert "1 rows read, 1 kept" in result.output
    assert "record create date 2026-12-01" in result.output
    assert read_areas(tmp_path / "t").tables[AreaKind.hpsa_pc].counties_on(D) == {"05001"}


def _hostile(rows_text: str) -> str:
    return PC_HEADER + "\n" + rows_text


GOOD = hrsa_csv([hpsa_row("05001")]).splitlines()[1]


@pytest.mark.parametrize(
    ("content", "line", "field", "says"),
    [
        ("HPSA Name,HPSA ID,\n", 1, "HPSA Status", "the header has no column 'HPSA Status'"),
        (_hostile(GOOD + "\n" + GOOD.replace("Designated", "Maybe")), 3, "HPSA Status",
         "'Maybe' is not a status"),
        (_hostile(GOOD.replace("01/01/2020", "2020-01-01")), 2, "HPSA Designation Date",
         "'2020-01-01' is not a date in HRSA's form MM/DD/YYYY"),
        (_hostile(GOOD.replace("12/01/2026", "13/45/2026")), 2, "Data Warehouse Record Create Date",
         "13/45/2026"),
        (_hostile(GOOD.replace('"05001"', '"5001"')), 2, "Common State County FIPS Code",
         "'5001' is not a 5-digit county FIPS code"),
        (_hostile(GOOD + "\n" + '"a","b",\n'), 3, None, "the row has 2 cells; the header has 65"),
        (_hostile(""), 1, None, "the file has a header but no rows"),
        (_hostile(GOOD + "\n" + GOOD.replace("Test", "Te\x00st")), 3, None, "a NUL byte at column 4"),
        (_hostile(GOOD) + "\n" + "x" * ((1 << 20) + 1) + "\n", 3, None, "longer than 1,048,576 bytes"),
    ],
)  # fmt: skip
def test_bad_input_names_file_line_and_column_and_writes_nothing(
    tmp_path: Path, content: str, line: int, field: str | None, says: str
) -> None:
    into = tmp_path / "out"
    into.mkdir()
    (into / "hpsa-pc.jsonl").write_text("the old table\n")
    with pytest.raises(InputError) as raised:
        import_hrsa_file(write(tmp_path, content), AreaKind.hpsa_pc, into)
    error = raised.value
    assert (error.file, error.line, error.field) == ("BCD_HPSA_FCT_DET_PC.csv", line, field)
    assert says in error.message
    assert sorted(p.name for p in into.iterdir()) == ["hpsa-pc.jsonl"]  # no temporary file left
    assert (into / "hpsa-pc.jsonl").read_text() == "the old table\n"  # the old table untouched


def test_a_file_not_in_utf8_is_refused_with_its_line(tmp_path: Path) -> None:
    content = _hostile(GOOD + "\n" + GOOD.replace("Test", "Peñasco")).encode("cp1252")
    result = CliRunner().invoke(
        app, ["shortage", "import", str(write(tmp_path, content)), "--into", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "BCD_HPSA_FCT_DET_PC.csv, line 3" in result.output
    assert "is not UTF-8" in result.output
    assert not (tmp_path / "o" / "hpsa-pc.jsonl").exists()


# --- the invariant -----------------------------------------------------------------------------------

_rows = st.lists(
    st.builds(
        hpsa_row,
        county=st.sampled_from(["05001", "05003", "47001", "XXXXX"]),
        status=st.sampled_from(["Designated", "Withdrawn", "Proposed For Withdrawal"]),
        designated=st.dates(date(2000, 1, 1), date(2026, 12, 1)),
        withdrawn=st.none() | st.dates(date(2000, 1, 1), date(2026, 12, 1)),
        kind=st.sampled_from(["Geographic HPSA", "HPSA Population", "Rural Health Clinic"]),
        ident=st.text("ABC123", min_size=1, max_size=6),
    ),
    min_size=1,
    max_size=30,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_rows)
def test_on_its_create_date_a_table_holds_exactly_the_designated_area_rows(
    tmp_path: Path, rows: list[dict[str, str]]
) -> None:
    import_hrsa_file(write(tmp_path, hrsa_csv(rows)), AreaKind.hpsa_pc, tmp_path / "p")
    table = read_table(tmp_path / "p" / "hpsa-pc.jsonl")
    created = date(2026, 12, 1)
    expected = {
        (r["Common State County FIPS Code"], r["HPSA ID"])
        for r in rows
        if r["HPSA Status"] in ("Designated", "Proposed For Withdrawal")
        and r["Common State County FIPS Code"] != "XXXXX"
        and r["Designation Type"] != "Rural Health Clinic"
    }
    found = {(d.county, d.id) for d in table.designations() if d.status != "W" and d.covers_on(created)}
    assert found == expected
