"""Listings in and out of the catalogue: a JSON document and one CSV file per record type.

Curators keep listings in spreadsheets and other tools; this module turns them into the catalogue's
records and back. It promises three things (docs/listings.md): every problem names the file, the row
and the field, and all of them are reported (up to ``MAX_PROBLEMS``), not just the first; a failed
import changes nothing; and an export imported again gives equal ``Listings``. Hostile input (huge,
deep, NUL bytes, wrong types) gets a named problem in bounded time and memory. Pure Python.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import os
import tempfile
import types
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from imgpath.errors import problems as field_problems
from imgpath.finder.schema import ALWAYS, Listings, Opportunity, Organisation, Story
from imgpath.yamlio import MAX_BYTES, InputError, SourceMap, load_file, printable
from imgpath.yamlio import load_json as load_json_strictly

FORMAT = "imgpath-listings"
"""The JSON document's ``format``: tells a listings file from any other JSON."""
VERSION = 1
"""The JSON document's ``version``; a new one only for a change an old reader would misread."""

Kind = Literal["opportunities", "organisations", "stories"]
KINDS: tuple[Kind, ...] = ("opportunities", "organisations", "stories")
MODELS: dict[str, type[Opportunity | Organisation | Story]] = {
    "opportunities": Opportunity,
    "organisations": Organisation,
    "stories": Story,
}
Record = Opportunity | Organisation | Story

MAX_PROBLEMS = 50
"""The most problems reported for one file; reading stops there (a broken file may hold millions)."""
MAX_ROWS = 5_000
"""The most records a CSV file may hold."""
MAX_CELL = 20_000
"""The longest CSV cell, in characters (a summary is at most 4,000; requirements as JSON more)."""
MAX_CSV_CHARS = 10_000_000
"""The largest CSV file, in characters."""
LIST_SEPARATOR = ";"
DATA_DIR = Path(__file__).parent / "data"
"""The bundled catalogue: ``*.yaml`` files, each a mapping of the three record lists."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is a formula to a spreadsheet: exported with a ``'`` before it."""


# --- problems --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where a person can find it: file, row (a CSV or YAML line, or a JSON record's
    place in its list), the record's id and the field (pydantic's location joined with dots)."""

    file: str
    message: str
    line: int | None = None
    kind: str | None = None
    index: int | None = None
    id: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts = [printable(self.file, 200)]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.index is not None:
            parts.append(f"{self.kind}[{self.index}]")
        if self.id is not None:
            parts.append(f"id '{printable(self.id)}'")
        if self.field:
            parts.append(f"field '{printable(self.field, 200)}'")
        return f"{', '.join(parts)}: {printable(self.message, 2000)}"


class ExchangeError(InputError):
    """Everything wrong with an import (up to ``MAX_PROBLEMS``): nothing was written."""

    def __init__(self, problems: Sequence[Problem], *, more: bool = False) -> None:
        self.problems = tuple(problems)
        self.more = more
        first = self.problems[0]
        super().__init__(first.message, file=first.file, line=first.line, field=first.field)

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems]
        if self.more:
            lines.append(f"(more problems not shown: reading stopped after {MAX_PROBLEMS})")
        return "\n".join(lines)


class _Full(Exception):
    """Raised by ``_Collector.add`` once the cap is reached: stop reading."""


class _Collector:
    def __init__(self) -> None:
        self.found: list[Problem] = []
        self.more = False

    def add(self, problem: Problem) -> None:
        if len(self.found) >= MAX_PROBLEMS:
            self.more = True
            raise _Full
        self.found.append(problem)

    def raise_any(self) -> None:
        if self.found:
            raise ExchangeError(self.found, more=self.more)


def _dotted(location: Iterable[str | int]) -> str | None:
    return ".".join(str(part) for part in location) or None


def _record_id(data: Any) -> str | None:
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class _Where:
    """Where a record was read: for naming it in a problem."""

    file: str
    kind: str
    line: int | None = None
    index: int | None = None

    def problem(self, message: str, id: str | None = None, field: str | None = None) -> Problem:
        return Problem(
            self.file,
            message,
            self.line,
            self.kind if self.index is not None else None,
            self.index,
            id,
            field,
        )

    def label(self) -> str:
        return f"line {self.line}" if self.line is not None else f"{self.kind}[{self.index}]"


def _validate(kind: str, data: Any, where: _Where, found: _Collector) -> Record | None:
    """One record, or None after adding each of its problems."""
    record_id = _record_id(data)
    try:
        return MODELS[kind].model_validate(data)
    except ValidationError as error:
        for item in field_problems(error):
            found.add(where.problem(item.message, record_id, _dotted(item.location)))
    return None


def _check_unique(
    records: Sequence[tuple[Record, _Where]], found: _Collector, seen: dict[str, _Where] | None = None
) -> None:
    """A repeated id is a problem at its second place, naming the first."""
    first = {} if seen is None else seen
    for record, where in records:
        if record.id in first:
            before = first[record.id]
            other = before.label() if before.file == where.file else f"{before.file}, {before.label()}"
            found.add(where.problem(f"duplicate id (first at {other})", record.id, "id"))
        else:
            first[record.id] = where


def _nul_places(data: Any, limit: int = 5) -> list[str]:
    """Where a text holds a NUL character (keys and values): no listing has a reason to."""
    places: list[str] = []
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack and len(places) < limit:
        value, path = stack.pop()
        if isinstance(value, str) and "\x00" in value:
            places.append(_dotted(path) or "(document)")
        elif isinstance(value, dict):
            for key, item in value.items():
                if "\x00" in key:
                    places.append(_dotted((*path, key)) or "(document)")
                stack.append((item, (*path, key)))
        elif isinstance(value, list):
            stack.extend((item, (*path, index)) for index, item in enumerate(value))
    return sorted(places)


# --- JSON ------------------------------------------------------------------------------------------


def record_data(record: Record) -> dict[str, Any]:
    """A record as JSON data: fields at their defaults left out (the schema gives them)."""
    return record.model_dump(mode="json", by_alias=True, exclude_defaults=True)


def dump_json(listings: Listings, kinds: Sequence[str] = KINDS) -> str:
    """The listings as a JSON document (``kinds``: the record lists it carries)."""
    document: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    for kind in kinds:
        document[kind] = [record_data(r) for r in getattr(listings, kind)]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _envelope(data: Any, source: str, found: _Collector) -> None:
    if not isinstance(data, dict):
        found.add(Problem(source, f"a listings document is a JSON object, not a {_type_name(data)}"))
        return
    if data.get("format") != FORMAT:
        found.add(Problem(source, f"'format' must be \"{FORMAT}\"", field="format"))
    version = data.get("version")
    if type(version) is int and version > VERSION:
        found.add(
            Problem(
                source, f"version {version} is newer than this program reads ({VERSION})", field="version"
            )
        )
    elif type(version) is not int or version != VERSION:  # true == 1 in Python, not in the format
        found.add(Problem(source, f"'version' must be {VERSION}", field="version"))
    for key in data:
        if key not in ("format", "version", *KINDS):
            known = ", ".join(("format", "version", *KINDS))
            found.add(Problem(source, f"unknown key; a listings document has {known}", field=key))


def _type_name(value: Any) -> str:
    return {dict: "object", list: "list", str: "text", bool: "true/false", type(None): "null"}.get(
        type(value), "number"
    )


def load_json(text: str | bytes, source: str) -> Listings:
    """A JSON listings document, validated whole; an ``ExchangeError`` with every problem otherwise.
    The kinds a document leaves out are empty; ``kinds_in_json`` tells which it carries."""
    listings, _ = _load_json(text, source)
    return listings


def kinds_in_json(text: str | bytes, source: str) -> tuple[Listings, tuple[Kind, ...]]:
    """As ``load_json``, with the record lists the document carries (an import replaces only those)."""
    return _load_json(text, source)


def _load_json(text: str | bytes, source: str) -> tuple[Listings, tuple[Kind, ...]]:
    found = _Collector()
    data = _parse_json(text, source)
    try:
        _envelope(data, source, found)
        if not isinstance(data, dict):
            found.raise_any()
        for place in _nul_places(data):
            found.add(Problem(source, "a text holds a NUL character", field=place))
        records: dict[str, list[tuple[Record, _Where]]] = {kind: [] for kind in KINDS}
        for kind in KINDS:
            items = data.get(kind, [])
            if not isinstance(items, list):
                found.add(Problem(source, f"'{kind}' must be a list, not a {_type_name(items)}", field=kind))
                continue
            for index, item in enumerate(items):
                where = _Where(source, kind, index=index)
                record = _validate(kind, item, where, found)
                if record is not None:
                    records[kind].append((record, where))
            _check_unique(records[kind], found)
    except _Full:
        pass
    found.raise_any()
    listings = Listings.model_validate({k: [r for r, _ in records[k]] for k in KINDS})
    return listings, tuple(k for k in KINDS if k in data)


def _parse_json(text: str | bytes, source: str) -> Any:
    too_big = ExchangeError([Problem(source, f"the document is larger than {MAX_BYTES:,} characters")])
    if isinstance(text, bytes):
        if len(text) > 4 * MAX_BYTES:
            raise too_big
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise ExchangeError([Problem(source, "not UTF-8 text")]) from None
    if len(text) > MAX_BYTES:
        raise too_big
    text = text.removeprefix("\ufeff")
    try:
        return load_json_strictly(text, source)
    except InputError as error:
        raise ExchangeError([Problem(source, error.message, line=error.line, field=error.field)]) from None


# --- CSV -------------------------------------------------------------------------------------------

CellKind = Literal["text", "list", "json"]


@dataclass(frozen=True)
class Column:
    """One CSV column: a field's dotted path and how its cell is written."""

    name: str
    path: tuple[str, ...]
    cell: CellKind


def _plain(annotation: Any) -> tuple[Any, bool]:
    """The type inside ``X | None``, and whether None was allowed."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return (args[0] if len(args) == 1 else annotation), len(args) < len(get_args(annotation))
    return annotation, False


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _columns_of(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> Iterator[Column]:
    for name, info in model.model_fields.items():
        key = info.alias or name
        path = (*prefix, key)
        annotation, _ = _plain(info.annotation)
        if _is_model(annotation):
            yield from _columns_of(annotation, path)
            continue
        if get_origin(annotation) is list:
            (item,) = get_args(annotation) or (Any,)
            tokens = item is str or (isinstance(item, type) and issubclass(item, StrEnum))
            yield Column(".".join(path), path, "list" if tokens else "json")
        elif get_origin(annotation) is dict:
            yield Column(".".join(path), path, "json")
        else:
            yield Column(".".join(path), path, "text")


def columns(kind: str) -> list[Column]:
    """The CSV columns for a record type, in the order they are written."""
    return list(_columns_of(MODELS[kind]))


def _guard(cell: str) -> str:
    """A cell a spreadsheet will not run: ``=1+1`` is written ``'=1+1`` (and so is a leading ``'``, so
    that the import can tell the guard from a quote that was there)."""
    return f"'{cell}" if cell.startswith((*FORMULA_START, "'")) else cell


def _unguard(cell: str) -> str:
    if cell.startswith("'") and cell[1:2] and cell[1] in (*FORMULA_START, "'"):
        return cell[1:]
    return cell


def _tokens_fit(items: list[Any]) -> bool:
    """Whether a list can be written ``a; b; c`` and read back the same."""
    return (
        bool(items)
        and not str(items[0]).startswith("[")
        and all(
            isinstance(i, str) and i and i == i.strip() and LIST_SEPARATOR not in i and "\n" not in i
            for i in items
        )
    )


def _scalar_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _cell_text(column: Column, value: Any) -> str:
    if column.cell == "json":
        return json.dumps(_with_params(value) if column.name == "requirements" else value, ensure_ascii=False)
    if column.cell == "list":
        if isinstance(value, list) and _tokens_fit(value):
            return f"{LIST_SEPARATOR} ".join(value)
        return json.dumps(value, ensure_ascii=False)
    return _scalar_text(value)


def _with_params(value: Any) -> Any:
    """Requirements written as a listing writes them: ``params`` for ``values: {1900-01-01: ...}``."""
    if isinstance(value, list):
        return [_with_params(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: _with_params(v) if k in ("all", "any", "not") else v for k, v in value.items()}
    values = out.get("values")
    if isinstance(values, dict) and list(values) == [ALWAYS] and values[ALWAYS] is not None:
        out = {
            ("params" if k == "values" else k): (values[ALWAYS] if k == "values" else v)
            for k, v in out.items()
        }
    return out


def _get(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = data
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def dump_csv(records: Sequence[Record], kind: str) -> str:
    """Records of one type as CSV: a header of dotted columns, one row per record. A field at its
    default is an empty cell; lists of names are ``a; b``, structured values JSON."""
    cols = columns(kind)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in cols])
    for record in records:
        data = record_data(record)
        row = []
        for column in cols:
            value = _get(data, column.path)
            row.append("" if value is None else _guard(_cell_text(column, value)))
        writer.writerow(row)
    return buffer.getvalue()


def _cell_value(column: Column, cell: str, source: str) -> Any:
    """A cell's value for the model (raises InputError for a bad JSON cell)."""
    if column.cell == "json" or (column.cell == "list" and cell.lstrip().startswith("[")):
        value = load_json_strictly(cell, source)
        if column.cell == "list" and not isinstance(value, list):
            raise InputError("a list is written 'a; b' or as a JSON list")
        return value
    if column.cell == "list":
        return [item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip()]
    return cell


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


def _header(header: list[str], kind: str, source: str, found: _Collector) -> list[Column | None]:
    known = {c.name: c for c in columns(kind)}
    out: list[Column | None] = []
    seen: set[str] = set()
    for name in header:
        name = name.strip()
        if name in seen:
            found.add(Problem(source, "this column appears twice", line=1, field=name))
        elif name not in known and name:
            close = difflib.get_close_matches(name, known, n=1)
            hint = (
                f"; did you mean '{close[0]}'?" if close else f"; see docs/listings.md for the {kind} columns"
            )
            found.add(Problem(source, f"unknown column{hint}", line=1, field=name))
        seen.add(name)
        out.append(known.get(name))
    return out


def _rows(text: str, source: str, found: _Collector) -> Iterator[tuple[int, list[str]]]:
    """The file's rows with the line each starts on; blank rows skipped."""
    reader = csv.reader(io.StringIO(text, newline=""))
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            found.add(Problem(source, f"not valid CSV: {error}", line=start))
            raise _Full from None  # the reader cannot go on past it
        if any(cell.strip() for cell in row):
            yield start, row


def _csv_text(text: str | bytes, source: str) -> str:
    too_big = ExchangeError([Problem(source, f"the file is larger than {MAX_CSV_CHARS:,} characters")])
    if len(text) > (4 * MAX_CSV_CHARS if isinstance(text, bytes) else MAX_CSV_CHARS):
        raise too_big
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise ExchangeError([Problem(source, "not UTF-8 text")]) from None
        if len(text) > MAX_CSV_CHARS:
            raise too_big
    text = text.removeprefix("\ufeff")  # Excel's "CSV UTF-8" starts with one
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise ExchangeError(
            [Problem(source, "the file holds a NUL character (is it a spreadsheet, not CSV?)", line=line)]
        )
    return text


def load_csv(text: str | bytes, kind: str, source: str) -> Listings:
    """A CSV file of one record type, validated whole; an ``ExchangeError`` with every problem."""
    if kind not in MODELS:
        raise InputError(f"no record type '{kind}'; one of {', '.join(KINDS)}", field="kind")
    text = _csv_text(text, source)
    found = _Collector()
    records: list[tuple[Record, _Where]] = []
    try:
        rows = _rows(text, source, found)
        first = next(rows, None)
        if first is None:
            return Listings()
        header = _header(first[1], kind, source, found)
        for count, (line, row) in enumerate(rows, start=1):
            if count > MAX_ROWS:
                found.add(Problem(source, f"the file holds more than {MAX_ROWS:,} records", line=line))
                break
            where = _Where(source, kind, line=line)
            data = _row_data(row, header, where, found)
            if data is not None:
                record = _validate(kind, data, where, found)
                if record is not None:
                    records.append((record, where))
        _check_unique(records, found)
    except _Full:
        pass
    found.raise_any()
    return Listings.model_validate({kind: [r for r, _ in records]})


def _row_data(
    row: list[str], header: list[Column | None], where: _Where, found: _Collector
) -> dict[str, Any] | None:
    """A row as the nested data the model reads, or None after adding its problems."""
    ids = [i for i, c in enumerate(header) if c is not None and c.name == "id"]
    record_id = _unguard(row[ids[0]]) if ids and ids[0] < len(row) and row[ids[0]] else None
    if record_id is not None and len(record_id) > 200:
        record_id = None
    good = True
    if len(row) > len(header):
        found.add(where.problem(f"the row has {len(row)} cells, the header {len(header)}", record_id))
        good = False
    data: dict[str, Any] = {}
    for column, cell in zip(header, row, strict=False):
        if column is None or not cell:
            continue
        if len(cell) > MAX_CELL:
            found.add(
                where.problem(f"the cell is longer than {MAX_CELL:,} characters", record_id, column.name)
            )
            good = False
            continue
        try:
            _put(data, column.path, _cell_value(column, _unguard(cell), where.file))
        except InputError as error:
            found.add(where.problem(error.message, record_id, column.name))
            good = False
    return data if good else None


# --- the catalogue on disk -------------------------------------------------------------------------


def catalogue_files(path: Path) -> list[Path]:
    """The catalogue's files: every ``*.yaml`` in the folder (none when it does not exist)."""
    return sorted(path.glob("*.yaml")) if path.is_dir() else []


def _read_yaml(path: Path, found: _Collector) -> dict[str, list[tuple[Record, _Where]]]:
    """One catalogue file's records, each with its line."""
    name = str(path)
    try:
        data, lines = load_file(path, name)
    except InputError as error:
        found.add(Problem(name, error.message, line=error.line, field=error.field))
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        found.add(Problem(name, f"a listings file is a mapping of {', '.join(KINDS)}", line=1))
        return {}
    out: dict[str, list[tuple[Record, _Where]]] = {}
    for key, items in data.items():
        if key not in MODELS:
            found.add(
                Problem(
                    name,
                    f"unknown key; a listings file has {', '.join(KINDS)}",
                    line=lines.line_of((key,)),
                    field=str(key),
                )
            )
            continue
        if not isinstance(items, list):
            found.add(Problem(name, "must be a list", line=lines.line_of((key,)), field=key))
            continue
        out[key] = []
        for index, item in enumerate(items):
            where = _Where(name, key, line=lines.line_of((key, index)))
            record = _yaml_record(key, item, where, lines, index, found)
            if record is not None:
                out[key].append((record, where))
    return out


def _yaml_record(
    kind: str, item: Any, where: _Where, lines: SourceMap, index: int, found: _Collector
) -> Record | None:
    try:
        return MODELS[kind].model_validate(item)
    except ValidationError as error:
        for p in field_problems(error):
            line = lines.line_of((kind, index, *p.location))
            found.add(Problem(where.file, p.message, line, id=_record_id(item), field=_dotted(p.location)))
    return None


def _read_catalogue(path: Path) -> tuple[dict[str, list[tuple[Record, _Where]]], dict[Path, Listings]]:
    """Every record of the folder with where it was read, and each file's own listings."""
    found = _Collector()
    merged: dict[str, list[tuple[Record, _Where]]] = {kind: [] for kind in KINDS}
    per_file: dict[Path, Listings] = {}
    try:
        for file in catalogue_files(path):
            read = _read_yaml(file, found)
            per_file[file] = Listings.model_validate({k: [r for r, _ in v] for k, v in read.items()})
            for kind, records in read.items():
                merged[kind].extend(records)
        for kind in KINDS:
            _check_unique(merged[kind], found)
    except _Full:
        pass
    found.raise_any()
    return merged, per_file


def read_dir(path: Path) -> Listings:
    """The catalogue in a folder: its ``*.yaml`` files merged (a missing folder: no listings). An id
    found twice is an error naming both places."""
    merged, _ = _read_catalogue(path)
    return Listings.model_validate({k: [r for r, _ in merged[k]] for k in KINDS})


class _Dumper(yaml.SafeDumper):
    """Writes the characters YAML reads as line breaks (NEL, LS, PS) escaped, in double quotes: raw,
    in a plain or single-quoted text, they would come back as spaces."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if any(c in value for c in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


HEADER = "# Written by `imgpath listings import`: one record per item; see docs/listings.md.\n"


def yaml_text(listings: Listings) -> str:
    """A catalogue file's text: the record lists it holds, fields at their defaults left out."""
    data = {
        kind: [record_data(r) for r in getattr(listings, kind)] for kind in KINDS if getattr(listings, kind)
    }
    return HEADER + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


@dataclass(frozen=True)
class Written:
    """What an import did to one file."""

    file: Path
    kind: str
    before: int
    after: int


def import_into(listings: Listings, kinds: Sequence[str], folder: Path, source: str) -> list[Written]:
    """Replace the catalogue's records of ``kinds`` with those of ``listings``, all or nothing.

    Each kind goes to ``<kind>.yaml`` (its other record lists kept); an id that another file of the
    folder also holds is an error naming both. Every file is validated and written to a temporary
    file first, then renamed into place: a failed import leaves the folder as it was."""
    merged, per_file = _read_catalogue(folder)
    found = _Collector()
    try:
        for kind in kinds:
            target = folder / f"{kind}.yaml"
            seen = {r.id: w for r, w in merged[kind] if Path(w.file) != target}
            imported = [(r, _Where(source, kind, index=i)) for i, r in enumerate(getattr(listings, kind))]
            _check_unique(imported, found, seen)
    except _Full:
        pass
    found.raise_any()
    plans: list[tuple[Path, str, Written]] = []
    for kind in kinds:
        target = folder / f"{kind}.yaml"
        old = per_file.get(target, Listings())
        new = old.model_copy(update={kind: list(getattr(listings, kind))})
        text = yaml_text(new)
        _reread(text, target)
        plans.append((target, text, Written(target, kind, len(getattr(old, kind)), len(getattr(new, kind)))))
    _write_all(folder, [(t, text) for t, text, _ in plans])
    return [w for _, _, w in plans]


def _reread(text: str, target: Path) -> None:
    """The text written reads back as the records meant: checked before anything is written."""
    with tempfile.TemporaryDirectory() as scratch:
        probe = Path(scratch) / target.name
        probe.write_text(text, encoding="utf-8")
        found = _Collector()
        _read_yaml(probe, found)
        found.raise_any()


def _write_all(folder: Path, files: Sequence[tuple[Path, str]]) -> None:
    """Temporary files first, then renames: nothing is half-written."""
    folder.mkdir(parents=True, exist_ok=True)
    temporaries: list[tuple[str, Path]] = []
    try:
        for target, text in files:
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
            temporaries.append((temporary, target))
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
        for temporary, target in temporaries:
            os.replace(temporary, target)
    finally:
        for temporary, _ in temporaries:
            Path(temporary).unlink(missing_ok=True)


# --- choosing a reader -----------------------------------------------------------------------------


def guess_kind(name: str) -> str:
    """A CSV file's record type from its name (``organisations.csv``); opportunities otherwise."""
    lowered = name.lower()
    for kind, words in (("organisations", ("organisation", "organization")), ("stories", ("stor",))):
        if any(word in lowered for word in words):
            return kind
    return "opportunities"


def load(
    text: str | bytes, source: str, *, format: str | None = None, kind: str | None = None
) -> tuple[Listings, tuple[str, ...]]:
    """A listings file in either format (chosen by its name when not given), with the kinds it carries."""
    chosen = format or ("csv" if source.lower().endswith(".csv") else "json")
    if chosen == "csv":
        which = kind or guess_kind(Path(source).name)
        return load_csv(text, which, source), (which,)
    listings, kinds = kinds_in_json(text, source)
    if kind is not None:
        return listings, tuple(k for k in kinds if k == kind)
    return listings, kinds


def counts(listings: Listings, kinds: Iterable[str] = KINDS) -> str:
    """``3 opportunities, 1 organisations``: for a summary line."""
    return ", ".join(f"{len(getattr(listings, k))} {k}" for k in kinds)


# --- the published schema --------------------------------------------------------------------------

SCHEMA_PATH = Path("docs/schemas/listings.schema.json")
"""Where the published JSON Schema lives, from the repository's root."""


def listings_schema() -> dict[str, Any]:
    """The JSON Schema of a listings document: the pydantic models' own, inside the envelope.

    It describes what ``dump_json`` writes (requirements' parameters under ``values``); the reader
    also takes a listing's ``params`` shorthand, which the schema leaves out."""
    schema = Listings.model_json_schema(mode="validation")
    properties = {
        "format": {"const": FORMAT, "description": 'Always "imgpath-listings".'},
        "version": {"const": VERSION, "description": "The format's version."},
        **schema["properties"],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "IMG Pathways listings",
        "description": (
            "Opportunities, organisations and stories exchanged with `imgpath listings` "
            "(docs/listings.md). A field left out takes its default."
        ),
        "type": "object",
        "properties": properties,
        "required": ["format", "version"],
        "additionalProperties": False,
        "$defs": schema["$defs"],
    }


def schema_text() -> str:
    """The schema as the committed file holds it."""
    return json.dumps(listings_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
