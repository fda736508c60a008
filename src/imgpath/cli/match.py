"""``imgpath match``: assignments made in rounds (observership slots; mentors live beside them)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from imgpath.matching import RoundOutcome, dumps_round_outcome, load_round, solve_round

match_app = typer.Typer(
    help="Match applicants to observership slots (and mentees to mentors).", no_args_is_help=True
)

out = Console()


class RoundsFormat(StrEnum):
    table = "table"
    json = "json"


def _print_table(outcome: RoundOutcome) -> None:
    taken = sum(map(len, outcome.assignments.values()))
    table = Table(title=f"{taken:,} assigned, {len(outcome.unassigned):,} unassigned")
    table.add_column("Slot")
    table.add_column("Applicants (the slot's ranking order)")
    for slot, applicants in outcome.assignments.items():
        table.add_row(escape(slot), escape(", ".join(applicants)) or "[dim]none[/]")
    if outcome.unassigned:
        table.add_row("[bold]unassigned[/]", escape(", ".join(outcome.unassigned)))
    out.print(table)


def rounds_command(
    file: Annotated[
        Path,
        typer.Argument(
            help='A round as JSON: {"applicants": {"a1": ["s1", "s2"]}, '
            '"slots": {"s1": {"capacity": 2, "ranking": ["a1"]}}}, rankings best first.'
        ),
    ],
    format: Annotated[RoundsFormat, typer.Option("--format", help="table or json.")] = RoundsFormat.table,
) -> None:
    """Assign applicants to slots by applicant-proposing deferred acceptance (stable, applicant-optimal).

    An applicant and a slot can be matched only when each ranks the other. The JSON answer is the
    API's: {"assignments": {slot: [applicants]}, "unassigned": [applicants]}."""
    outcome = solve_round(load_round(file))
    if format is RoundsFormat.json:
        sys.stdout.write(dumps_round_outcome(outcome) + "\n")
        return
    _print_table(outcome)
