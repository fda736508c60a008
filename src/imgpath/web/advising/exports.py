"""The table of clients as CSV and XLSX: the API's fields, one row per client, ids not labels (a
spreadsheet sorts and filters them; the page shows them in words)."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook

from imgpath.web.advising.clients import ClientRow

FIELDS = (
    "id",
    "name",
    "pathway",
    "route",
    "state",
    "kind",
    "verdict",
    "first_license",
    "next_deadline",
    "checklist_done",
    "checklist_total",
    "open_questions",
    "valid",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_record(row: ClientRow) -> dict[str, Any]:
    """One row as the API and the exports give it."""
    return {
        "id": row.profile.pk,
        "name": str(row.profile.name),
        "pathway": row.pathway,
        "route": row.route,
        "state": row.state,
        "kind": row.kind,
        "verdict": row.verdict,
        "first_license": row.first_license.isoformat() if row.first_license else None,
        "next_deadline": row.next_deadline.isoformat() if row.next_deadline else None,
        "checklist_done": row.done,
        "checklist_total": row.total,
        "open_questions": row.open_questions,
        "valid": row.valid,
    }


def _cell(value: Any) -> Any:
    """A name a client typed never runs as a spreadsheet formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


def to_csv(rows: list[ClientRow]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for row in rows:
        record = as_record(row)
        writer.writerow([_cell(record[f]) for f in FIELDS])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(rows: list[ClientRow]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("clients")
    sheet.append(list(FIELDS))
    for row in rows:
        record = as_record(row)
        sheet.append([_cell(record[f]) for f in FIELDS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
