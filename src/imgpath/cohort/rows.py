"""The flat row format: one person per CSV or XLSX row, mapped onto the public profile format.

A spreadsheet cannot nest, so each column is a dotted path into the profile (``medical_school.country``),
lists of periods are numbered (``training.1.start``, ``practice.2.country``) and exams and credentials
are named in the column (``exam.usmle_step1.passed``, ``credential.dean_recommendation``). A blank cell
is "not said". docs/cohort.md has the table of columns and what the format cannot express.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from imgpath.engine import OFFER_FLAGS, Profile

ID = "id"
SYNTHETIC = "synthetic"
"""A column saying the person was generated (``imgpath.cohort.synthetic``), not a real one."""
MAX_PERIODS = 5
"""Numbered columns go up to 5: ``training.1`` to ``training.5``, the same for practice and licenses."""
LIST_SEPARATOR = ";"
NONE = "none"
"""Written in ``job_offer.state`` or ``residence.state``: the person has no offer, does not live in the US."""
MAX_ID = 80
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")

SCALARS: dict[str, str] = {
    "medical_school.country": "code",
    "medical_school.graduated": "date",
    "medical_school.listed_in_wdoms": "flag",
    "ecfmg_certified": "date_or_flag",
    "us_gme_years": "number",
    "job_offer.state": "code",
    "job_offer.county": "text",
    "job_offer.employer_type": "text",
    **{f"job_offer.{flag}": "flag" for flag in OFFER_FLAGS},
    "immigration.status": "text",
    "immigration.work_authorized": "flag",
    "residence.state": "code",
    "residence.since": "date",
    "preferences.budget_usd": "count",
}
"""Single-valued columns and the kind of value each holds."""
LISTS = ("citizenship", "memberships", "preferences.states", "preferences.specialties")
"""Columns holding a list, items separated by ``;`` (``IN;GB``)."""
PERIOD_FIELDS: dict[str, dict[str, str]] = {
    "training": {
        "country": "code",
        "kind": "text",
        "specialty": "text",
        "start": "date",
        "end": "date",
        "years": "number",
        "completed": "flag",
        "acgme_accredited": "flag",
    },
    "practice": {"country": "code", "start": "date", "end": "date", "years": "number"},
    "license": {"jurisdiction": "code", "status": "text", "discipline": "flag", "lapsed": "date"},
}
EXAM_FIELDS = {"passed": "date_or_flag", "score": "count", "attempts": "count"}
EXAMS = ("usmle_step1", "usmle_step2_ck", "usmle_step3", "oet_medicine")
"""The exams the template offers; any other lower_snake_case exam id works the same way."""

_NUMBERED = re.compile(r"^(training|practice|license)\.([1-9][0-9]*)\.([a-z_]+)$")
_EXAM = re.compile(r"^exam\.([a-z0-9_]+)\.([a-z_]+)$")
_CREDENTIAL = re.compile(r"^credential\.([a-z0-9_]+)$")
_TRUE = {"true", "yes", "y", "1"}
_FALSE = {"false", "no", "n", "0"}


def template_columns() -> list[str]:
    """The columns of the template, in order: two periods of each kind, the four common exams."""
    columns = [ID, "citizenship", "medical_school.country", "medical_school.graduated"]
    columns += ["medical_school.listed_in_wdoms", "ecfmg_certified"]
    columns += [f"exam.{exam}.{part}" for exam in EXAMS for part in EXAM_FIELDS]
    for kind in ("training", "practice", "license"):
        columns += [f"{kind}.{n}.{part}" for n in (1, 2) for part in PERIOD_FIELDS[kind]]
    columns += ["us_gme_years", *(c for c in SCALARS if c.startswith("job_offer."))]
    columns += ["immigration.status", "immigration.work_authorized", "residence.state", "residence.since"]
    columns += ["memberships", "preferences.states", "preferences.specialties", "preferences.budget_usd"]
    return columns


def column_kind(column: str) -> str | None:
    """The kind of value a column holds (``date``, ``flag``...), None for a column the format lacks."""
    if column == ID:
        return "text"
    if column == SYNTHETIC:
        return "flag"
    if column in SCALARS:
        return SCALARS[column]
    if column in LISTS:
        return "list"
    if found := _NUMBERED.match(column):
        kind, number, part = found.groups()
        if int(number) <= MAX_PERIODS:
            return PERIOD_FIELDS[kind].get(part)
        return None
    if found := _EXAM.match(column):
        return EXAM_FIELDS.get(found.group(2))
    if _CREDENTIAL.match(column):
        return "date_or_flag"
    return None


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong with a file: the row as the spreadsheet numbers it (the header is row 1), the
    column by its header, and what is wrong, in English."""

    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row else "file"
        return f"{where}, column {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


class CellError(ValueError):
    """A cell whose value is not of its column's kind."""


def _text(value: Any) -> str:
    if isinstance(value, bool):
        raise CellError("expected text, not a yes/no value")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise CellError(f"'{text[:40]}' is not yes or no (write true or false)")


def _date(value: Any, flag_too: bool) -> str | bool:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        if not flag_too:
            raise CellError("expected a date (YYYY-MM or YYYY-MM-DD), not a yes/no value")
        return value
    text = _text(value)
    if flag_too and text.lower() in _TRUE | _FALSE:
        return text.lower() in _TRUE
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}(-[0-9]{2})?", text):
        raise CellError(f"'{text[:40]}' is not a date (write YYYY-MM or YYYY-MM-DD)")
    return text


def _number(value: Any, whole: bool) -> int | float:
    if isinstance(value, bool):
        raise CellError("expected a number, not a yes/no value")
    if isinstance(value, (int, float)):
        number: float = value
    else:
        text = _text(value)
        try:
            number = float(text)
        except ValueError:
            raise CellError(f"'{text[:40]}' is not a number") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise CellError("is not a finite number")
    if whole and (not float(number).is_integer() or number < 0):
        raise CellError(f"'{number}' is not a whole number from 0")
    return int(number) if float(number).is_integer() else float(number)


_READERS: dict[str, Callable[[Any], Any]] = {
    "flag": _flag,
    "date": lambda value: _date(value, flag_too=False),
    "date_or_flag": lambda value: _date(value, flag_too=True),
    "number": lambda value: _number(value, whole=False),
    "count": lambda value: _number(value, whole=True),
    "list": lambda value: [item.strip() for item in _text(value).split(LIST_SEPARATOR) if item.strip()],
    "code": lambda value: _text(value).upper(),
    "text": _text,
}


def cell_value(kind: str, value: Any) -> Any:
    """A cell read as its column's kind: what the profile format takes (dates as ISO text)."""
    if isinstance(value, str) and "\x00" in value:
        raise CellError("contains a NUL character")
    return _READERS[kind](value)


def _place(data: dict[str, Any], path: tuple[str | int, ...], value: Any) -> None:
    node: Any = data
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


def row_data(
    cells: Mapping[str, Any],
) -> tuple[dict[str, Any], dict[tuple[str | int, ...], str], list[tuple[str, str]]]:
    """A row's cells (header -> value, blanks left out) as profile data, the column behind each
    profile field path, and the cells refused (column, why)."""
    data: dict[str, Any] = {}
    columns: dict[tuple[str | int, ...], str] = {}
    refused: list[tuple[str, str]] = []
    periods: dict[str, dict[int, dict[str, Any]]] = {}
    period_columns: dict[tuple[str, int, str], str] = {}
    for column, raw in cells.items():
        kind = column_kind(column)
        if kind is None or column in (ID, SYNTHETIC):
            continue
        try:
            value = cell_value(kind, raw)
        except CellError as error:
            refused.append((column, str(error)))
            continue
        if found := _NUMBERED.match(column):
            name, number, part = found.group(1), int(found.group(2)), found.group(3)
            periods.setdefault(name, {}).setdefault(number, {})[part] = value
            period_columns[(name, number, part)] = column
            continue
        if found := _EXAM.match(column):
            exam, part = found.groups()
            exams = data.setdefault("exams", {})
            entry = exams.setdefault(exam, {})
            if part == "passed" and value is False:
                value = None  # said: not passed
            entry[part] = value
            columns[("exams", exam, part)] = column
            columns[("exams", exam)] = column
            continue
        if found := _CREDENTIAL.match(column):
            data.setdefault("credentials", {})[found.group(1)] = value
            columns[("credentials", found.group(1))] = column
            continue
        if column in ("job_offer.state", "residence.state") and str(value).lower() == NONE:
            root = column.split(".")[0]
            if isinstance(data.get(root), dict):
                refused.append((column, f"says none, but other {root} columns are filled"))
            data[root] = None
            columns[(root,)] = column
            continue
        path = tuple(column.split("."))
        if path[0] in data and data[path[0]] is None:
            refused.append((column, f"{path[0]}.state says none, so this column must be blank"))
            continue
        _place(data, path, value)
        columns[path] = column
        columns[path[:1]] = columns.get(path[:1], column)
    _periods_into(data, columns, periods, period_columns)
    return data, columns, refused


def _periods_into(
    data: dict[str, Any],
    columns: dict[tuple[str | int, ...], str],
    periods: Mapping[str, Mapping[int, dict[str, Any]]],
    period_columns: Mapping[tuple[str, int, str], str],
) -> None:
    """Numbered periods (``training.1``, ``training.3``) as the profile's lists, in number order."""
    for name, numbered in periods.items():
        field = "licenses" if name == "license" else name
        entries = []
        for index, number in enumerate(sorted(numbered)):
            entries.append(numbered[number])
            for part in numbered[number]:
                columns[(field, index, part)] = period_columns[(name, number, part)]
            columns[(field, index)] = period_columns[(name, number, next(iter(numbered[number])))]
        data[field] = entries


def problems_of(
    error: ValidationError, columns: Mapping[tuple[str | int, ...], str]
) -> list[tuple[str, str]]:
    """Pydantic's errors on a row's profile as (column, why): the longest known path names the column."""
    found: list[tuple[str, str]] = []
    for item in error.errors(include_url=False):
        location = tuple(p for p in item["loc"] if not (isinstance(p, str) and p[:1].isupper()))
        column = None
        for end in range(len(location), 0, -1):
            column = columns.get(location[:end])
            if column:
                break
        text = str(item["msg"]).removeprefix("Value error, ")
        if item["type"] == "missing" and column is not None and location:
            near = column.rsplit(".", 1)[0] if column.count(".") else column
            column = f"{near}.{location[-1]}"
            text = "this column is needed when the others of its group are given"
        if item["type"] == "string_pattern_mismatch":
            shown = str(item.get("input"))[:40]
            text = f"'{shown}' is not a two-letter code (for example IN, or TN for a state)"
        found.append((column or ".".join(str(p) for p in location), text))
    return found


def _flat(row: dict[str, Any], prefix: str, value: Any) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _flat(row, f"{prefix}.{key}" if prefix else key, inner)
    elif isinstance(value, list):
        row[prefix] = LIST_SEPARATOR.join(str(v) for v in value)
    elif value is not None:
        row[prefix] = value


def _exam_cells(row: dict[str, Any], exams: Mapping[str, Any]) -> None:
    for exam, result in exams.items():
        if result is None or result.get("passed") is None:
            row[f"exam.{exam}.passed"] = False
        for part, inner in (result or {}).items():
            if inner is not None:
                row[f"exam.{exam}.{part}"] = inner


def profile_row(profile: Profile) -> dict[str, Any]:
    """A profile as row cells (header -> value), for the template's example and the generator.

    The inverse of ``row_data`` for everything the columns cover (see docs/cohort.md for the rest).
    """
    data = profile.model_dump(mode="json", exclude_unset=True)
    row: dict[str, Any] = {}
    for key, value in data.items():
        if key == "as_of":
            continue
        if key in ("training", "practice", "licenses"):
            name = "license" if key == "licenses" else key
            for number, entry in enumerate(value or [], start=1):
                row.update({f"{name}.{number}.{part}": v for part, v in entry.items() if v is not None})
        elif key == "exams":
            _exam_cells(row, value or {})
        elif key == "credentials":
            row.update({f"credential.{c}": v for c, v in (value or {}).items()})
        elif key in ("job_offer", "residence") and value is None:
            row[f"{key}.state"] = NONE
        else:
            _flat(row, key, value)
    return row
