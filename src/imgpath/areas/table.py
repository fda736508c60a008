"""Shortage-area tables: which designations lie in which county, from when, until when.

A table is the compact, dated form of one HRSA file (``imgpath shortage import`` writes it): one
JSON line of what it came from (the file's name, its data warehouse record create date, how many
rows were read and kept), then one JSON list per designation component in a county. The engine
asks it one question: on day D, which designations cover county C?
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from imgpath.areas.layout import LAYOUTS, STATE_FIPS, AreaKind
from imgpath.yamlio import InputError

FORMAT = "imgpath-shortage-areas/1"
FIPS = re.compile(r"^[0-9]{5}$")


@dataclass(frozen=True)
class Designation:
    """One designation component lying in a county."""

    county: str
    """The county's 5-digit FIPS code, as text."""
    id: str
    name: str
    whole_county: bool
    """The component is the whole county; otherwise part of it (a subdivision or tract)."""
    designated: date
    status: str
    """D designated, P proposed for withdrawal (still designated), W withdrawn."""
    withdrawn: date | None = None

    def covers_on(self, day: date) -> bool:
        """Designated on or before ``day`` and not withdrawn by it (withdrawn on ``day``: not covered)."""
        if self.designated > day:
            return False
        if self.status == "W":
            return self.withdrawn is not None and day < self.withdrawn
        return True

    def row(self) -> list[Any]:
        """The designation as a line of the table file."""
        withdrawn = self.withdrawn.isoformat() if self.withdrawn else None
        return [self.county, self.id, self.name, self.whole_county, self.designated.isoformat(), self.status,
                withdrawn]  # fmt: skip


@dataclass(frozen=True)
class Source:
    """Where a table's designations come from: the file, its date, what was kept."""

    kind: AreaKind
    file: str
    """The name of the file that was imported (never a machine path)."""
    record_created: date
    """HRSA's ``Data Warehouse Record Create Date``: the day the file's snapshot was made."""
    rows_read: int
    rows_kept: int
    skipped: dict[str, int] = field(default_factory=dict)
    """Rows left out, by why (``placeholder_fips``, ``facility``)."""
    demo: bool = False
    """Generated for tests and demos; not HRSA data."""
    complete: bool = True
    """The whole national file: a county it does not list is in no designation of its kind. An
    extract (or demo data) says nothing of the counties it leaves out."""

    @property
    def title(self) -> str:
        return LAYOUTS[self.kind].title

    def header(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "kind": self.kind.value,
            "source_file": self.file,
            "source_title": self.title,
            "record_created": self.record_created.isoformat(),
            "rows_read": self.rows_read,
            "rows_kept": self.rows_kept,
            "skipped": dict(sorted(self.skipped.items())),
            "demo": self.demo,
            "complete": self.complete,
            "note": "generated for tests and demos; not HRSA data" if self.demo else None,
        }


@dataclass
class ShortageTable:
    """One kind of designation, indexed by county."""

    source: Source
    by_county: dict[str, list[Designation]] = field(default_factory=dict)

    def add(self, designation: Designation) -> None:
        self.by_county.setdefault(designation.county, []).append(designation)

    def covering(self, county: str, day: date) -> list[Designation]:
        """The designations covering (all or part of) the county on ``day``."""
        return [d for d in self.by_county.get(county, ()) if d.covers_on(day)]

    def counties_on(self, day: date) -> set[str]:
        """Counties wholly covered by some designation on ``day``."""
        return {c for c, ds in self.by_county.items() if any(d.whole_county and d.covers_on(day) for d in ds)}

    def designations(self) -> Iterator[Designation]:
        for found in self.by_county.values():
            yield from found


def _day(value: Any, where: str, line: int) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise InputError(f"'{value}' is not an ISO date", file=where, line=line) from None


def _designation(item: Any, where: str, line: int) -> Designation:
    if not isinstance(item, list) or len(item) != 7:
        raise InputError("a designation must be a list of 7 values", file=where, line=line)
    county, ident, name, whole, designated, status, withdrawn = item
    if not isinstance(county, str) or not FIPS.match(county):
        raise InputError(f"'{county}' is not a 5-digit county FIPS code", file=where, line=line)
    if status not in ("D", "P", "W") or not isinstance(whole, bool):
        raise InputError("status must be D, P or W and whole_county true or false", file=where, line=line)
    return Designation(
        county=county,
        id=str(ident),
        name=str(name),
        whole_county=whole,
        designated=_day(designated, where, line),
        status=status,
        withdrawn=None if withdrawn is None else _day(withdrawn, where, line),
    )


def _source(header: Any, where: str) -> Source:
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise InputError(f"not a shortage-area table (its first line must name {FORMAT})", file=where, line=1)
    try:
        return Source(
            kind=AreaKind(header["kind"]),
            file=str(header["source_file"]),
            record_created=_day(header["record_created"], where, 1),
            rows_read=int(header["rows_read"]),
            rows_kept=int(header["rows_kept"]),
            skipped={str(k): int(v) for k, v in header.get("skipped", {}).items()},
            demo=bool(header["demo"]),
            complete=bool(header["complete"]),
        )
    except (KeyError, ValueError) as error:
        raise InputError(f"the header lacks or misstates {error}", file=where, line=1) from None


def read_table(path: Path) -> ShortageTable:
    """Read a table written by the importer; a flaw names the file and line."""
    where = path.name
    with path.open(encoding="utf-8") as stream:
        lines = iter(stream)
        try:
            header = json.loads(next(lines))
        except (StopIteration, json.JSONDecodeError):
            raise InputError("the first line must be the table's JSON header", file=where, line=1) from None
        table = ShortageTable(_source(header, where))
        for number, text in enumerate(lines, start=2):
            try:
                item = json.loads(text)
            except json.JSONDecodeError:
                raise InputError("not a JSON line", file=where, line=number) from None
            table.add(_designation(item, where, number))
    return table


@dataclass(frozen=True)
class Coverage:
    """Whether a county lies in a shortage area of some kinds on a day, and which file says so."""

    county: str
    day: date
    covered: bool | None
    """True: a designation covers the whole county; False: complete files list none covering it;
    None: not known (only part of the county is designated, or the files at hand leave it out)."""
    designation: Designation | None = None
    """The designation that answers: the covering one, or the one covering part of the county."""
    source: Source | None = None
    """The table the answer comes from (for False: the first consulted)."""

    @property
    def partly(self) -> bool:
        return self.covered is None and self.designation is not None


@dataclass
class ShortageAreas:
    """Every table at hand, one per kind: what the engine consults for a job offer's county."""

    tables: dict[AreaKind, ShortageTable] = field(default_factory=dict)

    def coverage(self, county: str, day: date, kinds: Iterable[AreaKind]) -> Coverage:
        """Whether some designation of these kinds covers the county on ``day``."""
        wanted = list(kinds)
        consulted = [self.tables[k] for k in wanted if k in self.tables]
        partly: tuple[Designation, Source] | None = None
        for table in consulted:
            for designation in table.covering(county, day):
                if designation.whole_county:
                    return Coverage(county, day, True, designation, table.source)
                partly = partly or (designation, table.source)
        if partly is not None:
            return Coverage(county, day, None, *partly)
        if consulted and len(consulted) == len(wanted) and all(t.source.complete for t in consulted):
            return Coverage(county, day, False, None, consulted[0].source)
        return Coverage(county, day, None, None, consulted[0].source if consulted else None)

    @property
    def demo(self) -> bool:
        return any(t.source.demo for t in self.tables.values())

    def counties_by_state(self, day: date, kinds: Iterable[AreaKind] | None = None) -> dict[str, int]:
        """How many counties some designation of these kinds wholly covers on ``day``, by USPS state."""
        counties: set[str] = set()
        for kind, table in self.tables.items():
            if kinds is None or kind in kinds:
                counties |= table.counties_on(day)
        out: dict[str, int] = {}
        for county in counties:
            state = STATE_FIPS.get(county[:2])
            if state:
                out[state] = out.get(state, 0) + 1
        return out


def read_areas(directory: Path) -> ShortageAreas:
    """The tables in a directory (``hpsa-pc.jsonl``, ``hpsa-mh.jsonl``, ``hpsa-dh.jsonl``, ``mua.jsonl``)."""
    areas = ShortageAreas()
    for kind in AreaKind:
        path = directory / table_name(kind)
        if path.is_file():
            areas.tables[kind] = read_table(path)
    return areas


def table_name(kind: AreaKind) -> str:
    return f"{kind.value}.jsonl"
