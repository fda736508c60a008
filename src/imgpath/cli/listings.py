"""``imgpath listings``: export the catalogue as JSON or CSV, check a file, import one all or nothing."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from imgpath.cli.files import write_atomically
from imgpath.finder import (
    DATA_DIR,
    KINDS,
    MAX_CSV_CHARS,
    ExchangeError,
    Listings,
    counts,
    dump_csv,
    dump_json,
    import_into,
    load,
    read_dir,
)
from imgpath.yamlio import InputError

out = Console()
err = Console(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")

MAX_FILE_BYTES = 4 * MAX_CSV_CHARS
"""The most bytes read from a file to import (the CSV limit in characters, at 4 bytes each)."""


class ExchangeFormat(StrEnum):
    json = "json"
    csv = "csv"


class RecordKind(StrEnum):
    opportunities = "opportunities"
    organisations = "organisations"
    stories = "stories"


def reports_problems(command: Callable[P, R]) -> Callable[P, R]:
    """Every problem of a file on its own line (file, row, field), then exit 2: nothing written."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except ExchangeError as error:
            for problem in error.problems:
                err.print(f"[bold red]error:[/] {escape(str(problem))}", soft_wrap=True)
            more = " (and more, not shown)" if error.more else ""
            count = len(error.problems)
            err.print(f"{count} problem{'s' if count != 1 else ''}{more}; nothing was written.")
            raise typer.Exit(2) from None

    return wrapper


def _read(file: Path) -> bytes:
    """The file's bytes, never more than the largest file an import takes (a 50 GB file, /dev/zero)."""
    try:
        with file.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError("file not found", file=str(file)) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", file=str(file)) from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"the file is larger than {MAX_FILE_BYTES:,} bytes", file=str(file))
    return data


def _load(
    file: Path, format: ExchangeFormat | None, kind: RecordKind | None
) -> tuple[Listings, tuple[str, ...]]:
    return load(
        _read(file), str(file), format=format.value if format else None, kind=kind.value if kind else None
    )


FormatOption = Annotated[
    ExchangeFormat | None,
    typer.Option("--format", "-f", help="json or csv (default: from the file's name; json for export)."),
]
KindOption = Annotated[
    RecordKind | None,
    typer.Option(
        "--kind", help="Record type (a CSV file holds one; default: from its name, else opportunities)."
    ),
]


def export_command(
    format: FormatOption = None,
    kind: KindOption = None,
    source: Annotated[
        Path, typer.Option("--from", help="Catalogue folder of *.yaml files.", file_okay=False)
    ] = DATA_DIR,
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here (default: stdout).")
    ] = None,
) -> None:
    """The catalogue as a JSON document (all record types, or --kind) or a CSV file of one type."""
    listings = read_dir(source)
    chosen = format or (
        ExchangeFormat.csv if out_file and out_file.suffix.lower() == ".csv" else ExchangeFormat.json
    )
    if chosen is ExchangeFormat.csv:
        text = dump_csv(
            getattr(listings, (kind or RecordKind.opportunities).value), (kind or "opportunities")
        )
    else:
        text = dump_json(listings, [kind.value] if kind else KINDS)
    if out_file is None:
        sys.stdout.write(text)
        return
    write_atomically(text.encode("utf-8"), out_file)
    which = [kind.value] if kind else (KINDS if chosen is ExchangeFormat.json else ["opportunities"])
    err.print(f"wrote {escape(str(out_file))}: {counts(listings, which)}")


def check_command(
    file: Annotated[Path, typer.Argument(help="A listings file: JSON, or CSV of one record type.")],
    format: FormatOption = None,
    kind: KindOption = None,
) -> None:
    """Validate a listings file: every problem with its row and field; exit 2 if there is any."""
    listings, kinds = _load(file, format, kind)
    out.print(f"[green]ok[/]: {escape(str(file))} holds {counts(listings, kinds) or 'no record lists'}")


def import_command(
    file: Annotated[Path, typer.Argument(help="A listings file: JSON, or CSV of one record type.")],
    into: Annotated[Path, typer.Option("--into", help="Catalogue folder to write.", file_okay=False)],
    format: FormatOption = None,
    kind: KindOption = None,
) -> None:
    """Replace the catalogue's records of the file's types, all or nothing (see docs/listings.md)."""
    listings, kinds = _load(file, format, kind)
    written = import_into(listings, kinds, into, str(file))
    for change in written:
        out.print(
            f"{escape(str(change.file))}: {change.after} {change.kind} (there were {change.before})",
            soft_wrap=True,
        )
    if not written:
        out.print("the file carries no record lists; nothing was written")
