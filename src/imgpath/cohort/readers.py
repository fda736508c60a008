"""Read a cohort from CSV or XLSX, all or nothing: every profile validated, or every problem named.

Hostile files are expected (an upload page reads them): sizes and counts are bounded before any work
is done, an XLSX's uncompressed size is checked before openpyxl opens it, formulas are refused (never
evaluated, never read from a cached value that may be stale), and errors are collected by row and
column up to ``MAX_PROBLEMS``. Nothing is returned half-read.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from imgpath.cohort.rows import (
    ID,
    ID_PATTERN,
    MAX_ID,
    SYNTHETIC,
    CellError,
    RowProblem,
    cell_value,
    column_kind,
    problems_of,
    row_data,
)
from imgpath.engine import Profile

MAX_ROWS = 200_000
"""People in one file: twice the benchmark's cohort."""
MAX_BYTES = 64 * 1024 * 1024
"""A CSV file, or an XLSX file as uploaded (compressed)."""
MAX_UNZIPPED = 256 * 1024 * 1024
"""An XLSX's parts once uncompressed, summed: checked from the zip directory before openpyxl opens it
(a zip bomb of a few kilobytes can declare gigabytes; Python's zip reader never inflates an entry
past its declared size, so the declared sizes bound the work)."""
MAX_PARTS = 1_000
MAX_COLUMNS = 300
MAX_CELL = 200
"""Characters in one cell: the profile's longest text (a specialty, a name) is 200."""
MAX_PROBLEMS = 100
"""Problems collected before reading stops: enough to fix a file, never a million lines of them."""


@dataclass(frozen=True)
class Person:
    """One row read: its id, the row number the spreadsheet shows, and the validated profile."""

    id: str
    row: int
    profile: Profile
    synthetic: bool = False
    """Generated, not a real person (the ``synthetic`` column)."""


class CohortError(ValueError):
    """A file that cannot be read as a cohort, with every problem found (up to ``MAX_PROBLEMS``)."""

    def __init__(self, problems: list[RowProblem], file: str = "") -> None:
        self.problems = problems
        self.file = file
        shown = "; ".join(str(p) for p in problems[:3])
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(f"{file or 'cohort'}: {shown}{more}")


class _Collector:
    def __init__(self, limit: int) -> None:
        self.problems: list[RowProblem] = []
        self.limit = limit

    def add(self, row: int, column: str | None, text: str) -> None:
        if len(self.problems) < self.limit:
            self.problems.append(RowProblem(row, column, text))

    @property
    def full(self) -> bool:
        return len(self.problems) >= self.limit


def _header(header: list[Any], found: _Collector, file: str) -> list[str]:
    """The header's column names, or ``CohortError`` naming each unknown or repeated column."""
    names = [str(h).strip() if h is not None else "" for h in header]
    if len(names) > MAX_COLUMNS:
        raise CohortError([RowProblem(1, None, f"{len(names)} columns: at most {MAX_COLUMNS}")], file)
    seen: set[str] = set()
    for name in names:
        if not name:
            continue
        if name in seen:
            found.add(1, name, "this column appears twice")
        seen.add(name)
        if column_kind(name) is None:
            found.add(1, name, "unknown column (see the template or docs/cohort.md)")
    if ID not in seen:
        found.add(1, ID, "the id column is missing: every row needs an id")
    if found.problems:
        raise CohortError(found.problems, file)
    return names


def _cells(number: int, names: list[str], cells: list[Any], found: _Collector) -> dict[str, Any]:
    """A row's filled cells by column name; an overlong cell or a cell past the header is a problem."""
    if len(cells) > len(names) and any(c not in (None, "") for c in cells[len(names) :]):
        found.add(number, None, "more cells than the header has columns")
    values: dict[str, Any] = {}
    for name, cell in zip(names, cells, strict=False):
        if not name or cell is None or cell == "":
            continue
        if isinstance(cell, str) and len(cell) > MAX_CELL:
            found.add(number, name, f"longer than {MAX_CELL} characters")
            continue
        values[name] = cell
    return values


def read_rows(
    header: list[Any], rows: Iterable[tuple[int, list[Any]]], *, file: str = "", max_rows: int = MAX_ROWS
) -> list[Person]:
    """Validate a header and numbered rows (row number, cells) as a cohort, or raise ``CohortError``."""
    found = _Collector(MAX_PROBLEMS)
    names = _header(header, found, file)
    people: list[Person] = []
    ids: dict[str, int] = {}
    count = 0
    for number, cells in rows:
        if not any(c not in (None, "") for c in cells):
            continue  # a blank line
        count += 1
        if count > max_rows:
            found.add(number, None, f"more than {max_rows:,} rows: split the file")
            break
        values = _cells(number, names, cells, found)
        person = _person(number, values, ids, found)
        if person is not None:
            people.append(person)
        if found.full:
            break
    if found.problems:
        raise CohortError(found.problems, file)
    return people


def _person(number: int, values: dict[str, Any], ids: dict[str, int], found: _Collector) -> Person | None:
    raw_id = values.get(ID)
    ident = str(raw_id).strip() if raw_id is not None else ""
    if isinstance(raw_id, float) and raw_id.is_integer():
        ident = str(int(raw_id))
    ok = True
    if not ident:
        found.add(number, ID, "every row needs an id")
        ok = False
    elif len(ident) > MAX_ID or not ID_PATTERN.match(ident) or "\x00" in ident:
        found.add(number, ID, f"an id is letters, digits, '.', '_' or '-', at most {MAX_ID} characters")
        ok = False
    elif ident in ids:
        found.add(number, ID, f"id '{ident}' is also on row {ids[ident]}")
        ok = False
    else:
        ids[ident] = number
    data, columns, refused = row_data(values)
    for column, text in refused:
        found.add(number, column, text)
    if refused:
        return None
    try:
        profile = Profile.model_validate(data)
    except ValidationError as error:
        for column, text in problems_of(error, columns):
            found.add(number, column, text)
        return None
    flag = values.get(SYNTHETIC)
    try:
        synthetic = bool(flag is not None and cell_value("flag", flag))
    except CellError as error:
        found.add(number, SYNTHETIC, str(error))
        return None
    return Person(ident, number, profile, synthetic) if ok else None


def read_csv(source: Path | str | IO[bytes], *, file: str = "", max_rows: int = MAX_ROWS) -> list[Person]:
    """A cohort from CSV (UTF-8, a BOM allowed, comma-separated, the header on row 1)."""
    raw = _bounded_bytes(source, file)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CohortError([RowProblem(0, None, f"not UTF-8 text (byte {error.start})")], file) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise CohortError([RowProblem(line, None, "contains a NUL character: not a CSV text file")], file)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise CohortError([RowProblem(1, None, "the file is empty: it needs a header row")], file)
        # numbered as a spreadsheet shows them: a quoted cell may span lines, a row stays one row
        rows: Iterator[tuple[int, list[Any]]] = enumerate(reader, start=2)
        return read_rows(header, rows, file=file, max_rows=max_rows)
    except csv.Error as error:
        raise CohortError([RowProblem(reader.line_num, None, f"not valid CSV: {error}")], file) from None


def _bounded_bytes(source: Path | str | IO[bytes], file: str) -> bytes:
    if isinstance(source, (str, Path)):
        path = Path(source)
        if path.stat().st_size > MAX_BYTES:
            raise CohortError([RowProblem(0, None, f"larger than {MAX_BYTES // 2**20} MiB")], file)
        return path.read_bytes()
    raw = source.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise CohortError([RowProblem(0, None, f"larger than {MAX_BYTES // 2**20} MiB")], file)
    return raw


def check_zip(data: bytes, *, file: str = "", max_unzipped: int = MAX_UNZIPPED) -> None:
    """Refuse an XLSX whose parts would inflate past ``max_unzipped``, before anything is inflated."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise CohortError([RowProblem(0, None, "not an XLSX file (not a zip archive)")], file) from None
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise CohortError([RowProblem(0, None, f"{len(parts)} parts in the archive: too many")], file)
        total = sum(part.file_size for part in parts)
        if total > max_unzipped:
            raise CohortError(
                [
                    RowProblem(
                        0,
                        None,
                        f"would take {total // 2**20:,} MiB once uncompressed: "
                        f"at most {max_unzipped // 2**20} MiB",
                    )
                ],
                file,
            )


def read_xlsx(
    source: Path | str | IO[bytes],
    *,
    file: str = "",
    max_rows: int = MAX_ROWS,
    max_unzipped: int = MAX_UNZIPPED,
) -> list[Person]:
    """A cohort from the first sheet of an XLSX workbook (header on row 1); formulas refused."""
    from openpyxl import load_workbook  # 0.2 s to import: only when a workbook is read

    data = _bounded_bytes(source, file)
    check_zip(data, file=file, max_unzipped=max_unzipped)
    try:
        # data_only=False on purpose: a formula cell then says it is one (and where), where data_only
        # would hand over a cached value that may be stale, or None if the file was never opened in Excel
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on a broken workbook
        raise CohortError(
            [RowProblem(0, None, f"not a readable XLSX workbook ({type(error).__name__})")], file
        ) from None
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows()
        first = next(rows, None)
        if first is None:
            raise CohortError([RowProblem(1, None, "the sheet is empty: it needs a header row")], file)
        header = [cell.value for cell in first]
        formulas: list[RowProblem] = []

        def numbered() -> Iterator[tuple[int, list[Any]]]:
            for number, cells in enumerate(rows, start=2):
                values: list[Any] = []
                for index, cell in enumerate(cells):
                    if getattr(cell, "data_type", None) == "f":
                        name = str(header[index]) if index < len(header) and header[index] else None
                        if len(formulas) < MAX_PROBLEMS:
                            formulas.append(RowProblem(number, name, "a formula: type the value itself"))
                        values.append(None)
                    else:
                        values.append(cell.value)
                yield number, values

        try:
            people = read_rows(header, numbered(), file=file, max_rows=max_rows)
        except CohortError as error:
            merged = sorted(formulas + error.problems, key=lambda p: p.row)
            raise CohortError(merged[:MAX_PROBLEMS], file) from None
        except Exception as error:  # a sheet whose XML breaks while it is read
            problem = RowProblem(0, None, f"not a readable XLSX workbook ({type(error).__name__})")
            raise CohortError([problem], file) from None
        if formulas:
            raise CohortError(formulas, file)
        return people
    finally:
        book.close()


def read_cohort(path: Path | str, *, max_rows: int = MAX_ROWS) -> list[Person]:
    """A cohort from a ``.csv`` or ``.xlsx`` file, by its suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(path, file=path.name, max_rows=max_rows)
    if suffix == ".csv":
        return read_csv(path, file=path.name, max_rows=max_rows)
    raise CohortError([RowProblem(0, None, "a cohort is a .csv or .xlsx file")], path.name)
