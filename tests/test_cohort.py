"""Cohorts: the row format, hostile files refused whole, the batch equal to check(), exports, the
synthetic generator and the CLI."""

from __future__ import annotations

import io
import json
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from clock import TODAY
from imgpath.cli.main import app
from imgpath.cohort import (
    MAX_PERIODS,
    CohortError,
    calibration,
    check_cohort,
    check_profiles,
    profile_row,
    read_csv,
    read_results_csv,
    read_xlsx,
    results_csv,
    results_json,
    results_xlsx,
    summaries,
    synthetic_people,
    synthetic_rows,
    template_columns,
    template_csv,
    template_xlsx,
    verdict_chart,
)
from imgpath.engine import Profile, parse_profile
from imgpath.rulebook import default_rulebook

FULL = """\
citizenship: [IN, GB]
medical_school: {country: IN, graduated: 2012-05, listed_in_wdoms: true}
ecfmg_certified: 2021-03-10
exams:
  usmle_step1: {passed: 2019-03-01, attempts: 1}
  usmle_step2_ck: {passed: 2019-09-01, score: 245, attempts: 2}
  usmle_step3: {passed: null}
  oet_medicine: {passed: true}
  plab: {passed: 2018-01}
training:
  - {country: IN, kind: residency, specialty: internal_medicine, start: 2012-07, end: 2015-06,
     completed: true}
  - {country: GB, kind: fellowship, years: 1.5, completed: false, acgme_accredited: false}
practice:
  - {country: IN, start: 2015-07, end: 2020-12}
  - {country: GB, years: 2}
licenses:
  - {jurisdiction: IN, status: active, discipline: false}
  - {jurisdiction: GB, status: lapsed, lapsed: 2023-01}
us_gme_years: 0.5
job_offer:
  state: AR
  county: "05001"
  employer_type: fqhc
  full_time: true
  shortage_area: true
  acgme_sponsor: false
  assessment_program: true
  public_or_nonprofit: true
  state_program: false
  appalachian_region: false
  delta_region: true
immigration: {status: h1b, work_authorized: true}
residence: {state: MI, since: 2024-06}
credentials: {dean_recommendation: true, police_clearance: 2024-02-01}
memberships: [acp]
preferences: {states: [TN, FL], specialties: [internal_medicine, family_medicine], budget_usd: 8000}
"""


def _csv(rows: list[list[str]]) -> io.BytesIO:
    return io.BytesIO("\n".join(",".join(r) for r in rows).encode())


def _problems(error: pytest.ExceptionInfo[CohortError]) -> list[tuple[int, str | None]]:
    return [(p.row, p.column) for p in error.value.problems]


def test_every_column_of_a_row_reads_back_as_the_profile_it_came_from() -> None:
    profile = parse_profile(FULL)
    row = {"id": "p1", **profile_row(profile)}
    columns = list(row)
    text = io.StringIO()
    text.write(",".join(columns) + "\n")
    text.write(",".join(_cell(row[c]) for c in columns) + "\n")
    [person] = read_csv(io.BytesIO(text.getvalue().encode()))
    assert person.id == "p1"
    assert person.row == 2
    assert person.profile.model_dump(mode="json") == profile.model_dump(mode="json")
    assert {
        "training.2.years",
        "exam.plab.passed",
        "credential.police_clearance",
        "job_offer.delta_region",
    } <= set(row)


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return f'"{value}"' if "," in str(value) else str(value)


def test_none_says_no_job_offer_and_blank_says_nothing() -> None:
    people = read_csv(
        _csv([["id", "job_offer.state", "residence.state"], ["a", "none", ""], ["b", "", "none"]])
    )
    assert people[0].profile.said("job_offer")
    assert people[0].profile.job_offer is None
    assert not people[0].profile.said("residence")
    assert people[1].profile.said("residence")
    assert people[1].profile.residence is None


def test_a_bad_date_names_its_row_and_column() -> None:
    with pytest.raises(CohortError) as error:
        read_csv(
            _csv(
                [
                    ["id", "medical_school.country", "medical_school.graduated"],
                    ["a", "IN", "2012-05"],
                    ["b", "IN", "2012-13"],
                ]
            )
        )
    [problem] = error.value.problems
    assert (problem.row, problem.column) == (3, "medical_school.graduated")
    assert "no month 13" in problem.message


def test_wrong_types_are_named_and_every_problem_is_collected() -> None:
    rows = [
        ["id", "ecfmg_certified", "us_gme_years", "training.1.country", "training.1.completed"],
        ["a", "maybe", "three", "IN", "yes"],
        ["b", "true", "1", "IN", "perhaps"],
    ]
    with pytest.raises(CohortError) as error:
        read_csv(_csv(rows))
    assert _problems(error) == [(2, "ecfmg_certified"), (2, "us_gme_years"), (3, "training.1.completed")]


def test_a_duplicate_id_names_both_rows() -> None:
    with pytest.raises(CohortError) as error:
        read_csv(_csv([["id", "citizenship"], ["x1", "IN"], ["x2", "PK"], ["x1", "NG"]]))
    [problem] = error.value.problems
    assert (problem.row, problem.column) == (4, "id")
    assert "row 2" in problem.message


def test_unknown_columns_nul_and_period_numbers_beyond_the_limit_are_refused() -> None:
    with pytest.raises(CohortError) as error:
        read_csv(_csv([["id", "citizenshp", f"training.{MAX_PERIODS + 1}.country"], ["a", "IN", "IN"]]))
    assert _problems(error) == [(1, "citizenshp"), (1, f"training.{MAX_PERIODS + 1}.country")]
    with pytest.raises(CohortError) as error:
        read_csv(io.BytesIO(b"id,citizenship\na,IN\x00\n"))
    assert "NUL" in error.value.problems[0].message
    assert error.value.problems[0].row == 2


def test_a_row_limit_is_stated_and_kept() -> None:
    rows = [["id"], *([f"p{i}"] for i in range(5))]
    with pytest.raises(CohortError) as error:
        read_csv(_csv(rows), max_rows=3)
    assert "more than 3 rows" in error.value.problems[0].message


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xlsx_reads_its_cells_by_type() -> None:
    data = _xlsx(
        [
            ["id", "medical_school.country", "medical_school.graduated", "us_gme_years", "ecfmg_certified"],
            [7, "in", "2012-05", 2, True],
        ]
    )
    [person] = read_xlsx(io.BytesIO(data))
    assert person.id == "7"
    assert person.profile.medical_school is not None
    assert person.profile.medical_school.country == "IN"
    assert person.profile.us_gme_years == 2
    assert person.profile.ecfmg_certified is True


def test_an_xlsx_with_a_formula_is_refused_naming_the_cell() -> None:
    data = _xlsx([["id", "us_gme_years"], ["a", 1], ["b", "=1+1"]])
    with pytest.raises(CohortError) as error:
        read_xlsx(io.BytesIO(data))
    [problem] = error.value.problems
    assert (problem.row, problem.column) == (3, "us_gme_years")
    assert "formula" in problem.message


def test_a_zip_bomb_is_refused_before_it_is_inflated() -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            chunk = b"\0" * (1 << 20)
            for _ in range(64):  # 64 MiB that deflate to about 64 KiB
                part.write(chunk)
    data = bomb.getvalue()
    assert len(data) < 1 << 20
    tracemalloc.start()
    with pytest.raises(CohortError) as error:
        read_xlsx(io.BytesIO(data), max_unzipped=16 << 20)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "uncompressed" in error.value.problems[0].message
    assert peak < 8 << 20  # never inflated: a few copies of the 64 KiB file, not 64 MiB


def test_a_file_that_is_no_workbook_is_refused() -> None:
    with pytest.raises(CohortError) as error:
        read_xlsx(io.BytesIO(b"id,citizenship\n"))
    assert "not an XLSX" in error.value.problems[0].message


def test_the_template_reads_back_as_its_example() -> None:
    [person] = read_csv(io.BytesIO(template_csv().encode()))
    assert person.id == "example-1"
    assert person.profile.job_offer is not None
    [again] = read_xlsx(io.BytesIO(template_xlsx()))
    assert again.profile == person.profile
    book = load_workbook(io.BytesIO(template_xlsx()), read_only=True)
    assert book.sheetnames == ["cohort", "notes"]
    assert [c.value for c in next(book["cohort"].iter_rows(max_row=1))] == template_columns()


@pytest.fixture(scope="module")
def sample() -> list[Profile]:
    return [p.profile for p in synthetic_people(400, 7, TODAY)] + [parse_profile(FULL)]


def test_batch_answers_equal_check_for_every_profile_of_a_sample(sample: list[Profile]) -> None:
    rulebook = default_rulebook()
    result = check_cohort(sample, rulebook, TODAY)
    reference = check_profiles(sample, rulebook, TODAY)
    assert [list(result.answer(i).routes) for i in range(len(sample))] == reference


def test_batch_answers_equal_check_with_two_workers(sample: list[Profile]) -> None:
    rulebook = default_rulebook()
    result = check_cohort(sample, rulebook, TODAY, workers=2, chunk=100)
    reference = check_profiles(sample, rulebook, TODAY)
    assert [list(result.answer(i).routes) for i in range(len(sample))] == reference


def test_exports_round_trip_and_say_synthetic() -> None:
    people = synthetic_people(30, 3, TODAY)
    result = check_cohort(people, default_rulebook(), TODAY)
    assert result.synthetic
    rows = read_results_csv(results_csv(result))
    assert [r["id"] for r in rows] == [p.id for p in people]
    assert {r["synthetic"] for r in rows} == {"true"}
    answer = result.answer(0)
    assert rows[0]["verdict"] == answer.routes[answer.best].verdict if answer.best is not None else ""
    data = json.loads(json.dumps(results_json(result)))
    assert data["synthetic"] is True
    assert len(data["people"]) == 30
    assert data["people"][5]["routes"] == {
        k[len("route:") :]: v for k, v in rows[5].items() if k.startswith("route:")
    }
    book = load_workbook(io.BytesIO(results_xlsx(result)), read_only=True)
    sheet = list(book["results"].iter_rows(values_only=True))
    assert [str(v) for v in sheet[1][:3]] == [rows[0]["id"], "True", rows[0]["best_route"]]
    notes = {r[0]: r[1] for r in book["notes"].iter_rows(values_only=True)}
    assert notes["synthetic"] is True


def test_summaries_count_each_person_once_per_route_and_chart_them() -> None:
    people = synthetic_people(20, 5, TODAY)
    result = check_cohort(people, default_rulebook(), TODAY)
    tables = summaries(result)
    total = sum(sum(row[v] for v in tables["verdicts"]) for row in tables["by_kind"])
    assert total == 20 * len(result.route_ids)
    svg = verdict_chart(tables["by_kind"], title="Verdicts by kind", synthetic=True).decode()
    assert svg.startswith("<?xml")
    assert "synthetic people" in svg
    assert "alternative" in svg
    assert "12px" in svg  # every label at 12 pt


def test_the_generator_is_deterministic_by_seed_and_labelled_synthetic() -> None:
    assert synthetic_rows(50, 11, TODAY) == synthetic_rows(50, 11, TODAY)
    assert synthetic_rows(50, 11, TODAY) != synthetic_rows(50, 12, TODAY)
    people = synthetic_people(50, 11, TODAY)
    assert people[0].id == "synthetic-000001"
    assert all(p.synthetic for p in people)


def test_every_calibration_figure_has_a_source_or_says_it_is_an_assumption() -> None:
    for name, figure in calibration().items():
        assert figure.get("assumption") is True or figure.get("sources"), name
        for source in figure.get("sources", []):
            assert source["href"].startswith("http"), name
            assert source["title"], name
            assert source["read"], name


runner = CliRunner()


def test_cli_checks_a_file_and_prints_csv_without_a_progress_bar(tmp_path: Path) -> None:
    made = runner.invoke(
        app, ["cohort", "synthetic", "12", str(tmp_path / "s.csv"), "--seed", "2", "--as-of", "2026-11-25"]
    )
    assert made.exit_code == 0, made.output
    done = runner.invoke(app, ["cohort", str(tmp_path / "s.csv"), "--format", "csv", "--as-of", "2026-11-25"])
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert lines[0].startswith("id,synthetic,best_route")
    assert len(lines) == 13
    assert "checking" not in done.stderr  # not a terminal: no progress bar


def test_cli_exits_2_naming_row_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,medical_school.graduated\na,2012-13\n", encoding="utf-8")
    done = runner.invoke(app, ["cohort", str(bad), "--as-of", "2026-11-25"])
    assert done.exit_code == 2
    assert "row 2, column medical_school.graduated" in done.stderr


def test_cli_writes_both_templates(tmp_path: Path) -> None:
    for name in ("t.csv", "t.xlsx"):
        done = runner.invoke(app, ["cohort", "template", str(tmp_path / name)])
        assert done.exit_code == 0, done.output
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").startswith("id,")
    assert zipfile.is_zipfile(tmp_path / "t.xlsx")


def test_a_workbook_whose_sheet_breaks_while_read_is_refused_whole() -> None:
    rows: list[list[object]] = [["id", "citizenship"]]
    rows += [[f"p{i}", "IN"] for i in range(50)]
    good = _xlsx(rows)
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # cut off mid-row
            target.writestr(item, data)
    with pytest.raises(CohortError) as error:
        read_xlsx(io.BytesIO(broken.getvalue()))
    assert "not a readable XLSX" in error.value.problems[0].message
