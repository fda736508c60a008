"""``imgpath cohort``: check a spreadsheet of people against every route, write the template, or
generate a synthetic cohort.

``imgpath cohort FILE`` checks; ``imgpath cohort template OUT`` and ``imgpath cohort synthetic N OUT``
are its two subcommands (a first word that is neither is read as the file).
"""

from __future__ import annotations

import csv
import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from typer.core import TyperGroup

from imgpath.cli.options import parse_as_of
from imgpath.cohort import (
    CohortError,
    check_cohort,
    read_cohort,
    result_rows,
    results_csv,
    results_json,
    synthetic_rows,
    template_columns,
    template_csv,
    template_xlsx,
)
from imgpath.engine import NOTICE
from imgpath.rulebook import default_rulebook
from imgpath.yamlio import InputError

out = Console()
err = Console(stderr=True)
EXIT_INPUT = 2


class _FileFirst(TyperGroup):
    """A group whose first word, when it names no subcommand, is the file to check."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # click's Context, vendored by Typer
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


cohort_app = typer.Typer(
    cls=_FileFirst,
    help="Check a CSV or XLSX of people against every route (imgpath cohort FILE), write the "
    "upload template, or generate a synthetic cohort.",
    no_args_is_help=True,
)


class Format(StrEnum):
    csv = "csv"
    json = "json"
    table = "table"


class TemplateFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


def _refuse(error: CohortError) -> None:
    err.print(f"[red]{escape(error.file or 'cohort')}: the file was not read; nothing was checked.[/]")
    for found in error.problems:
        err.print(f"  {escape(str(found))}")
    raise typer.Exit(EXIT_INPUT)


@cohort_app.command("check", hidden=True)
def check_command(
    file: Annotated[Path, typer.Argument(help="A .csv or .xlsx cohort (see imgpath cohort template).")],
    format: Annotated[Format, typer.Option("--format", help="csv, json or table.")] = Format.table,
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Processes (2 on 2 cores).")] = 1,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Evaluation date (default today).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Check every person of FILE against every route: the best route, its verdict, the next
    deadline and each route's verdict, per person."""
    try:
        day = parse_as_of(as_of) or date.today()
    except InputError as error:
        err.print(f"[red]{escape(str(error))}[/]")
        raise typer.Exit(EXIT_INPUT) from None
    if not file.is_file():
        err.print(f"[red]{escape(str(file))}: no such file[/]")
        raise typer.Exit(EXIT_INPUT)
    try:
        people = read_cohort(file)
    except CohortError as error:
        _refuse(error)
        return
    rulebook = default_rulebook()
    show = not quiet and err.is_terminal
    with Progress(
        TextColumn("checking"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not show,
        transient=True,
    ) as progress:
        task = progress.add_task("checking", total=len(people))

        def advance(done: int, total: int) -> None:
            progress.update(task, completed=done)

        result = check_cohort(people, rulebook, day, workers=workers, progress=advance)
    if format is Format.csv:
        sys.stdout.write(results_csv(result))
        return
    if format is Format.json:
        sys.stdout.write(json.dumps(results_json(result), indent=1) + "\n")
        return
    table = Table(
        title=f"{len(people)} people on {day.isoformat()}" + (" (synthetic)" if result.synthetic else "")
    )
    for column in ("id", "best route", "verdict", "deciding", "next deadline", "open questions"):
        table.add_column(column)
    for row in result_rows(result):
        table.add_row(
            escape(str(row["id"])),
            escape(str(row["best_route"] or "-")),
            escape(str(row["verdict"] or "-")),
            escape(str(row["deciding_criterion"] or "-")),
            escape(str(row["next_deadline"] or "-")),
            str(row["open_questions"]),
        )
    out.print(table)
    out.print(NOTICE)


@cohort_app.command("template")
def template_command(
    out_file: Annotated[Path, typer.Argument(metavar="OUT", help="Where to write the template.")],
    format: Annotated[
        TemplateFormat | None, typer.Option("--format", help="csv or xlsx (default: by OUT's suffix).")
    ] = None,
) -> None:
    """Write the upload template: the header row and one example row (XLSX: with a notes sheet)."""
    kind = format or (TemplateFormat.xlsx if out_file.suffix.lower() == ".xlsx" else TemplateFormat.csv)
    if kind is TemplateFormat.xlsx:
        out_file.write_bytes(template_xlsx())
    else:
        out_file.write_text(template_csv(), encoding="utf-8")
    err.print(f"wrote {escape(str(out_file))} ({len(template_columns())} columns)")


@cohort_app.command("synthetic")
def synthetic_command(
    count: Annotated[int, typer.Argument(metavar="N", min=1, max=1_000_000, help="How many people.")],
    out_file: Annotated[Path, typer.Argument(metavar="OUT", help="A .csv file to write.")],
    seed: Annotated[int, typer.Option("--seed", help="The same seed gives the same people.")] = 1,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="The date the people are seen on (default today).")
    ] = None,
) -> None:
    """Write N synthetic people (ids synthetic-000001...) drawn from the cited aggregates of
    imgpath/cohort/data/synthetic.yaml: made up, never real."""
    try:
        day = parse_as_of(as_of) or date.today()
    except InputError as error:
        err.print(f"[red]{escape(str(error))}[/]")
        raise typer.Exit(EXIT_INPUT) from None
    rows = synthetic_rows(count, seed, day)
    columns = list(dict.fromkeys(c for row in rows for c in row))
    with out_file.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_text(row.get(c)) for c in columns])
    err.print(f"wrote {count} synthetic people to {escape(str(out_file))} (seed {seed})")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
