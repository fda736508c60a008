"""Read one of HRSA's shortage-designation files, streaming, into a compact dated table.

HRSA's files are large (the primary-care HPSA file has about 78,000 rows of 66 columns), so rows are
read one line at a time and written out as they come: memory stays bounded whatever the file's size.
The quirks of the published layout are handled here (research note): a trailing comma on every line,
``XXXXX`` placeholder county codes (skipped and counted), FIPS codes kept as 5-character text. Bad
input stops the import with the file, line and column named, and nothing is written: the table goes
to a temporary file that replaces the old one only when the whole file has been read.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from imgpath.areas.layout import (
    AREA_TYPES,
    HPSA_COMPONENT_COLUMN,
    LAYOUTS,
    MUA_SUBDIVISION_COLUMN,
    MUA_TRACT_COLUMN,
    PLACEHOLDER_FIPS,
    WHOLE_COUNTY_COMPONENT,
    AreaKind,
    Layout,
)
from imgpath.areas.table import FIPS, Designation, ShortageTable, Source, table_name
from imgpath.yamlio import InputError

MAX_LINE_BYTES = 1 << 20
"""The longest line read (1 MiB): HRSA's lines are under 2 KB; a longer one is not HRSA's layout."""

PROGRESS_EVERY = 2000
"""Rows between two progress reports."""

Progress = Callable[[int], None]
"""Told the number of bytes read so far, now and then."""


@dataclass
class _Reading:
    """What one pass over a file has seen: counts for the table's header."""

    file: str
    layout: Layout
    rows_read: int = 0
    rows_kept: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    record_created: date | None = None
    bytes_read: int = 0


def _lines(stream: BinaryIO, reading: _Reading) -> Iterator[str]:
    """The file's lines as text, refusing what is not HRSA's layout: NUL bytes, bytes that are not
    UTF-8, lines over ``MAX_LINE_BYTES``."""
    number = 0
    while raw := stream.readline(MAX_LINE_BYTES + 1):
        number += 1
        reading.bytes_read += len(raw)
        if len(raw) > MAX_LINE_BYTES:
            raise InputError(
                f"the line is longer than {MAX_LINE_BYTES:,} bytes", file=reading.file, line=number
            )
        nul = raw.find(b"\x00")
        if nul >= 0:
            raise InputError(
                f"a NUL byte at column {nul + 1}: this is not a text file in HRSA's layout",
                file=reading.file,
                line=number,
            )
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            raise InputError(
                f"byte {error.start + 1} of the line is not UTF-8; save the file as UTF-8 (HRSA's encoding)",
                file=reading.file,
                line=number,
            ) from None
        yield text.removeprefix("\ufeff") if number == 1 else text


def _trimmed(cells: list[str]) -> list[str]:
    """The cells without the empty one after HRSA's trailing comma."""
    return cells[:-1] if cells and cells[-1] == "" else cells


def _required(layout: Layout) -> list[str]:
    names = [
        layout.id_column,
        layout.name_column,
        layout.status_column,
        layout.designated_column,
        layout.withdrawn_column,
        layout.fips_column,
        layout.created_column,
    ]
    if layout.kind is AreaKind.mua:
        return [*names, MUA_SUBDIVISION_COLUMN, MUA_TRACT_COLUMN]
    return [*names, layout.type_column, HPSA_COMPONENT_COLUMN]


def _hrsa_date(text: str, reading: _Reading, line: int, column: str) -> date:
    try:
        return datetime.strptime(text.strip(), "%m/%d/%Y").date()
    except ValueError:
        shown = text.strip()[:40]
        raise InputError(
            f"'{shown}' is not a date in HRSA's form MM/DD/YYYY", file=reading.file, line=line, field=column
        ) from None


class _Row:
    """One row's cells by column name, with its line for errors."""

    def __init__(self, cells: list[str], index: dict[str, int], line: int, reading: _Reading) -> None:
        self.cells, self.index, self.line, self.reading = cells, index, line, reading

    def __getitem__(self, column: str) -> str:
        return self.cells[self.index[column]].strip()

    def day(self, column: str) -> date:
        return _hrsa_date(self[column], self.reading, self.line, column)

    def error(self, message: str, column: str) -> InputError:
        return InputError(message, file=self.reading.file, line=self.line, field=column)


def _designation(row: _Row, layout: Layout) -> Designation | str:
    """The row's designation, or why it is skipped."""
    if layout.kind is not AreaKind.mua and row[layout.type_column] not in AREA_TYPES:
        return "facility"
    status = layout.statuses.get(row[layout.status_column])
    if status is None:
        allowed = ", ".join(layout.statuses)
        raise row.error(
            f"'{row[layout.status_column][:40]}' is not a status (one of: {allowed})", layout.status_column
        )
    county = row[layout.fips_column]
    if county == PLACEHOLDER_FIPS:
        return "placeholder_fips"
    if not FIPS.match(county):
        raise row.error(f"'{county[:20]}' is not a 5-digit county FIPS code", layout.fips_column)
    withdrawn = row.day(layout.withdrawn_column) if row[layout.withdrawn_column] else None
    if status == "W" and withdrawn is None:
        return "withdrawn_undated"
    if layout.kind is AreaKind.mua:
        tract = row[MUA_TRACT_COLUMN]
        whole = not row[MUA_SUBDIVISION_COLUMN] and tract in ("", "Not Applicable")
    else:
        whole = row[HPSA_COMPONENT_COLUMN] == WHOLE_COUNTY_COMPONENT
    return Designation(
        county=county,
        id=row[layout.id_column],
        name=row[layout.name_column],
        whole_county=whole,
        designated=row.day(layout.designated_column),
        status=status,
        withdrawn=withdrawn,
    )


def _designations(stream: BinaryIO, reading: _Reading, progress: Progress | None) -> Iterator[Designation]:
    layout = reading.layout
    try:
        reader = csv.reader(_lines(stream, reading))
        header = [name.strip() for name in _trimmed(next(reader, []))]
        index = {name: i for i, name in enumerate(header)}
        for column in _required(layout):
            if column not in index:
                raise InputError(
                    f"the header has no column '{column}': not HRSA's {layout.file_name} layout",
                    file=reading.file,
                    line=1,
                    field=column,
                )
        for cells in reader:
            if not cells:
                continue
            cells = _trimmed(cells) if len(cells) == len(header) + 1 else cells
            if len(cells) != len(header):
                raise InputError(
                    f"the row has {len(_trimmed(cells))} cells; the header has {len(header)}",
                    file=reading.file,
                    line=reader.line_num,
                )
            row = _Row(cells, index, reader.line_num, reading)
            reading.rows_read += 1
            created = row.day(layout.created_column)
            reading.record_created = max(created, reading.record_created or created)
            found = _designation(row, layout)
            if isinstance(found, str):
                reading.skipped[found] += 1
                continue
            reading.rows_kept += 1
            if progress is not None and reading.rows_read % PROGRESS_EVERY == 0:
                progress(reading.bytes_read)
            yield found
    except csv.Error as error:
        raise InputError(
            f"not CSV as HRSA writes it ({error})", file=reading.file, line=reader.line_num
        ) from None
    if reading.record_created is None:
        raise InputError("the file has a header but no rows", file=reading.file, line=1)


def _source(reading: _Reading, *, demo: bool, complete: bool) -> Source:
    assert reading.record_created is not None  # _designations refuses a file without rows
    return Source(
        kind=reading.layout.kind,
        file=reading.file,
        record_created=reading.record_created,
        rows_read=reading.rows_read,
        rows_kept=reading.rows_kept,
        skipped=dict(reading.skipped),
        demo=demo,
        complete=complete and not demo,
    )


def read_hrsa_file(path: Path, kind: AreaKind, *, demo: bool = False, complete: bool = True) -> ShortageTable:
    """The file as a table in memory (for the small shipped demo files and tests)."""
    reading = _Reading(path.name, LAYOUTS[kind])
    with path.open("rb") as stream:
        found = list(_designations(stream, reading, None))
    table = ShortageTable(_source(reading, demo=demo, complete=complete))
    for designation in found:
        table.add(designation)
    return table


def import_hrsa_file(
    path: Path,
    kind: AreaKind,
    into: Path,
    *,
    demo: bool = False,
    complete: bool = True,
    progress: Progress | None = None,
) -> Source:
    """Import the file into ``into/<kind>.jsonl``, replacing the old table only once all is read."""
    reading = _Reading(path.name, LAYOUTS[kind])
    into.mkdir(parents=True, exist_ok=True)
    target = into / table_name(kind)
    rows_fd, rows_name = tempfile.mkstemp(dir=into, prefix=f".{kind.value}.", suffix=".rows")
    table_name_ = ""
    try:
        with path.open("rb") as stream, os.fdopen(rows_fd, "w", encoding="utf-8") as rows:
            for designation in _designations(stream, reading, progress):
                rows.write(json.dumps(designation.row(), ensure_ascii=False) + "\n")
        source = _source(reading, demo=demo, complete=complete)
        table_fd, table_name_ = tempfile.mkstemp(dir=into, prefix=f".{kind.value}.", suffix=".tmp")
        with os.fdopen(table_fd, "w", encoding="utf-8") as table, open(rows_name, encoding="utf-8") as rows:
            table.write(json.dumps(source.header(), ensure_ascii=False) + "\n")
            for line in rows:
                table.write(line)
        os.chmod(table_name_, 0o644)  # mkstemp's 0600 would hide the table from the web's user
        os.replace(table_name_, target)
    except BaseException:
        if table_name_:
            Path(table_name_).unlink(missing_ok=True)
        raise
    finally:
        Path(rows_name).unlink(missing_ok=True)
    if progress is not None:
        progress(reading.bytes_read)
    return source
