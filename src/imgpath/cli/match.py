"""``imgpath match``: assignment rounds. ``match mentors FILE``: mentors to mentee requests, each pair's
fit explained criterion by criterion, through the matching service's facade."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from imgpath.matching import load_round, load_weights, match_round, matching_json

match_app = typer.Typer(help="Assignment rounds: mentors to mentees.", no_args_is_help=True)
out = Console()


class MatchFormat(StrEnum):
    table = "table"
    json = "json"


def mentors_command(
    file: Annotated[Path, typer.Argument(help="A round: YAML or JSON with mentors: and requests:.")],
    output: Annotated[MatchFormat, typer.Option("--format", help="table or json.")] = MatchFormat.table,
) -> None:
    """Assign mentors to mentee requests so that the total fit is the largest; say who is unassigned."""
    matching = match_round(load_round(file), load_weights())
    if output is MatchFormat.json:
        json.dump(matching_json(matching), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    table = Table(
        title=f"{len(matching.fits)} requests assigned, total fit {matching.total}", show_lines=True
    )
    for column in ("Request", "Mentor", "Fit", "Why"):
        table.add_column(column)
    for mentee, found in matching.fits.items():
        why = "\n".join(f"{p.criterion} +{p.points}: {escape(str(p.said))}" for p in found.parts)
        table.add_row(escape(mentee), escape(found.mentor), str(found.total), why)
    for mentee in matching.unassigned:
        table.add_row(
            escape(mentee), "[magenta]unassigned[/]", "0", escape(str(matching.why_unassigned[mentee]))
        )
    out.print(table)
