"""A cohort's results as CSV, JSON and XLSX, and the template an upload page offers.

Every export carries the legal notice and says whether the people are synthetic: a synthetic cohort
is marked in a column of every row (``synthetic``), in the JSON, and on the workbook's notes sheet.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from imgpath.cohort.batch import VERDICT_RANK, CohortResult, counts_table
from imgpath.cohort.rows import (
    EXAM_FIELDS,
    ID,
    LIST_SEPARATOR,
    MAX_PERIODS,
    NONE,
    profile_row,
    template_columns,
)
from imgpath.engine import NOTICE, parse_profile

SUMMARY_COLUMNS = (
    "id",
    "synthetic",
    "best_route",
    "verdict",
    "deciding_criterion",
    "next_deadline",
    "next_deadline_route",
    "open_questions",
)
"""The columns before one column per route (``route:us-tn.provisional_license``)."""
ROUTE_PREFIX = "route:"

EXAMPLE = """\
citizenship: [IN]
medical_school: {country: IN, graduated: 2012-05}
ecfmg_certified: 2021-03-10
exams:
  usmle_step1: {passed: 2019-03-01, attempts: 1}
  usmle_step2_ck: {passed: 2019-09-01, score: 245, attempts: 1}
  usmle_step3: {passed: null}
  oet_medicine: {passed: 2020-01-15}
training:
  - {country: IN, kind: residency, specialty: internal_medicine, start: 2012-07, end: 2015-06,
     completed: true}
practice:
  - {country: IN, start: 2015-07, end: 2024-12}
licenses:
  - {jurisdiction: IN, status: active, discipline: false}
us_gme_years: 0
job_offer: {state: TN, employer_type: hospital, full_time: true, shortage_area: true, acgme_sponsor: true}
immigration: {status: abroad, work_authorized: false}
preferences: {states: [TN, FL, IL], specialties: [internal_medicine], budget_usd: 8000}
"""
"""The template's example row: the internist of design.md."""

KIND_WORDS = {
    "code": "a two-letter code (IN; TN for a state)",
    "date": "a month YYYY-MM or a day YYYY-MM-DD, written as text",
    "date_or_flag": "a date (YYYY-MM or YYYY-MM-DD), or true / false when the date is not known",
    "flag": "true or false (yes / no)",
    "number": "a number",
    "count": "a whole number from 0",
    "text": "text, at most 200 characters",
    "list": f"items separated by '{LIST_SEPARATOR}'",
}


def column_notes() -> list[tuple[str, str]]:
    """Each template column with what it holds, for the notes sheet and docs/cohort.md."""
    from imgpath.cohort.rows import column_kind

    notes: list[tuple[str, str]] = []
    for column in template_columns():
        if column == ID:
            notes.append((column, "required: unique in the file; letters, digits, '.', '_' or '-'"))
            continue
        text = KIND_WORDS[column_kind(column) or "text"]
        if column in ("job_offer.state", "residence.state"):
            text += f"; '{NONE}': no job offer / does not live in the US"
        if column.endswith(".passed"):
            text += "; false: taken or not, not passed"
        notes.append((column, text))
    notes.append(
        (
            "more columns",
            f"training.N.*, practice.N.* and license.N.* up to N = {MAX_PERIODS}; exam.<id>.{{"
            + ",".join(EXAM_FIELDS)
            + "} for any exam id; credential.<id> (true, false or a date). Blank cells are not said.",
        )
    )
    return notes


def example_row() -> dict[str, Any]:
    return {ID: "example-1", **profile_row(parse_profile(EXAMPLE, "template example"))}


def template_csv() -> str:
    columns = template_columns()
    row = example_row()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerow([_cell_text(row.get(c, "")) for c in columns])
    return out.getvalue()


def template_xlsx() -> bytes:
    """The template as a workbook: the header, the example row (dates as text, so a spreadsheet
    keeps months as months), and a notes sheet saying what each column holds."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "cohort"
    columns = template_columns()
    row = example_row()
    sheet.append(columns)
    sheet.append([_xlsx_cell(row.get(c)) for c in columns])
    for cell in sheet[2]:
        if isinstance(cell.value, str):
            cell.number_format = "@"
    notes = book.create_sheet("notes")
    notes.append(["column", "what it holds"])
    for column, text in column_notes():
        notes.append([column, text])
    notes.append([])
    notes.append(["notice", NOTICE])
    return _saved(book)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _xlsx_cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value
    return str(value)


def _saved(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def result_rows(result: CohortResult) -> list[dict[str, Any]]:
    """One row per person: the summary columns, then each route's verdict."""
    rows: list[dict[str, Any]] = []
    route_columns = [ROUTE_PREFIX + r for r in result.route_ids]
    for person, ident in enumerate(result.ids):
        answer = result.answer(person)
        best = answer.routes[answer.best] if answer.best is not None else None
        deadline = answer.routes[answer.deadline] if answer.deadline is not None else None
        row: dict[str, Any] = {
            "id": ident,
            "synthetic": result.synthetic,
            "best_route": result.route_ids[answer.best] if answer.best is not None else None,
            "verdict": best.verdict if best else None,
            "deciding_criterion": best.deciding if best else None,
            "next_deadline": deadline.eligible_until.isoformat()
            if deadline and deadline.eligible_until
            else None,
            "next_deadline_route": result.route_ids[answer.deadline] if answer.deadline is not None else None,
            "open_questions": best.open_questions if best else 0,
        }
        for column, route in zip(route_columns, answer.routes, strict=True):
            row[column] = route.verdict if route.applies else "does_not_apply"
        rows.append(row)
    return rows


def columns_of(result: CohortResult) -> list[str]:
    return [*SUMMARY_COLUMNS, *(ROUTE_PREFIX + r for r in result.route_ids)]


def results_csv(result: CohortResult) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns_of(result), lineterminator="\n")
    writer.writeheader()
    for row in result_rows(result):
        writer.writerow({k: _cell_text(v) for k, v in row.items()})
    return out.getvalue()


def results_json(result: CohortResult) -> dict[str, Any]:
    return {
        "as_of": result.as_of.isoformat(),
        "synthetic": result.synthetic,
        "notice": NOTICE,
        "routes": result.route_ids,
        "people": [
            {
                **{k: v for k, v in row.items() if not k.startswith(ROUTE_PREFIX)},
                "routes": {k[len(ROUTE_PREFIX) :]: v for k, v in row.items() if k.startswith(ROUTE_PREFIX)},
            }
            for row in result_rows(result)
        ],
        "summaries": summaries(result),
    }


def summaries(result: CohortResult) -> dict[str, Any]:
    """Verdict counts per state and per kind (a person counts once per route): the charts' data."""
    return {
        "verdicts": list(VERDICT_RANK),
        "by_state": counts_table(result.verdict_counts("jurisdiction")),
        "by_kind": counts_table(result.verdict_counts("kind")),
    }


def results_xlsx(result: CohortResult) -> bytes:
    """Results, the two summaries and a notes sheet (the notice; synthetic or not) in one workbook."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("results")
    columns = columns_of(result)
    sheet.append(columns)
    for row in result_rows(result):
        sheet.append([_xlsx_cell(row[c]) for c in columns])
    tables = summaries(result)
    for name, key in (("by state", "by_state"), ("by kind", "by_kind")):
        part = book.create_sheet(name)
        part.append(["label", *tables["verdicts"]])
        for entry in tables[key]:
            part.append([entry["label"], *(entry[v] for v in tables["verdicts"])])
    notes = book.create_sheet("notes")
    notes.append(["as_of", result.as_of.isoformat()])
    notes.append(["synthetic", result.synthetic])
    if result.synthetic:
        notes.append(["", "These people are synthetic: generated, not real (imgpath.cohort.synthetic)."])
    notes.append(["notice", NOTICE])
    return _saved(book)


def read_results_csv(text: str) -> list[dict[str, str]]:
    """Results as written by ``results_csv``, for round trips."""
    return list(csv.DictReader(io.StringIO(text)))


def write_results(result: CohortResult, path: Path, kind: str) -> None:
    if kind == "xlsx":
        path.write_bytes(results_xlsx(result))
    elif kind == "json":
        path.write_text(json.dumps(results_json(result), indent=1) + "\n", encoding="utf-8")
    else:
        path.write_text(results_csv(result), encoding="utf-8")
