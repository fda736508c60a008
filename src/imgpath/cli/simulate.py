"""``imgpath simulate``: a hypothetical route over a file of profiles beside the laws in force, and
``imgpath simulate sweep``: one value of a route tried at several settings.

``imgpath simulate ROUTE PROFILES`` is ``imgpath simulate run ROUTE PROFILES`` (the group runs
``run`` when its first word is not a subcommand). Every output says "hypothetical", and "synthetic"
when the profiles file says ``synthetic: true``.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from typer.core import TyperGroup

from imgpath.cli.options import parse_as_of
from imgpath.cli.reading import Reading, current
from imgpath.cli.verdicts import VERDICT_STYLE
from imgpath.messages import message
from imgpath.rulebook import Rulebook, load_rulebook
from imgpath.yamlio import InputError, load_text

if TYPE_CHECKING:
    from imgpath.simulator import CriterionChange, Hypothetical, Simulation, Sweep

# the simulator is imported by the commands that use it: a cold ``imgpath check`` never loads it

out = Console()

SHOWN = 20
"""Profiles that change listed in the table; --format json lists them all."""


class SimulateFormat(StrEnum):
    table = "table"
    json = "json"


class RunByDefault(TyperGroup):
    """``imgpath simulate ROUTE PROFILES`` runs ``run``; ``imgpath simulate sweep ...`` the sweep."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # click.Context, as typer vendors it
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


simulate_app = typer.Typer(
    cls=RunByDefault,
    help="Run a hypothetical route over a file of profiles beside the laws in force (see docs/simulator.md).",
    no_args_is_help=True,
)


def _is_file(target: str) -> bool:
    return target.endswith((".yaml", ".yml", ".json")) or Path(target).exists()


def _route(target: str, changes: list[str], rulebook: Rulebook) -> Hypothetical:
    from imgpath.simulator import derive, load_hypothetical, parse_change

    if _is_file(target):
        if changes:
            raise InputError(
                "--set changes a route in force (give its id); write a route file's values in the file",
                field="--set",
            )
        path = Path(target)
        if not path.is_file():
            raise InputError("no such file", file=target)
        return load_hypothetical(path, rulebook, target)
    if not changes:
        raise InputError(
            f"give --set PATH=VALUE to change the route '{target}', or a route file (YAML)", field="--set"
        )
    parsed = dict(parse_change(change) for change in changes)
    return derive(target, parsed, rulebook=rulebook)


def _profiles(path: Path, as_of: date | None, rulebook: Rulebook) -> Any:
    from imgpath.simulator import load_profiles, prepare

    if not path.is_file():
        raise InputError("no such file", file=str(path))
    found = load_profiles(path, str(path))
    day = as_of or date.today()
    return prepare(found.profiles, day, rulebook=rulebook, synthetic=found.synthetic, labels=found.labels)


def _header(said: Reading, synthetic: bool, route: str, compared: str) -> None:
    out.print(
        f"[bold magenta]{escape(said(message('cli.simulate.hypothetical', route=route, routes=compared)))}[/]"
    )
    if synthetic:
        out.print(f"[bold yellow]{escape(said(message('cli.simulate.synthetic')))}[/]")
    out.print(f"[dim]{escape(said(message('cli.notice')))}[/]")


def _print_simulation(result: Simulation, said: Reading) -> None:
    from imgpath.simulator import VERDICTS

    route = result.hypothetical
    _header(said, result.synthetic, route.id, ", ".join(result.compared_with))
    title = said(message("cli.simulate.title", count=len(result.after), date=said.day(result.as_of)))
    table = Table(title=escape(title))
    table.add_column(said(message("cli.column.verdict")))
    table.add_column(said(message("cli.simulate.column.in_force")), justify="right")
    table.add_column(said(message("cli.simulate.column.hypothetical")), justify="right")
    before, after = result.counts_before, result.counts_after
    for verdict in VERDICTS:
        style = VERDICT_STYLE[verdict]
        table.add_row(
            f"[{style}]{escape(said.verdict(verdict))}[/]", f"{before[verdict]:,}", f"{after[verdict]:,}"
        )
    out.print(table)
    summary = message(
        "cli.simulate.summary", qualify=len(result.newly_qualifying), stop=len(result.no_longer_qualifying)
    )
    out.print(escape(said(summary)))
    if not result.changes:
        return
    changes = Table(show_lines=True)
    for column in ("profile", "change"):
        changes.add_column(said(message(f"cli.simulate.column.{column}")))
    changes.add_column(said(message("cli.column.why")))
    for change in result.changes[:SHOWN]:
        why = "\n".join(f"{escape(c.id)}: {escape(_why(c, said))}" for c in change.criteria)
        moved = f"{said.verdict(change.before)} → {said.verdict(change.after)}"
        label = said(message(f"cli.simulate.{change.change}"))
        changes.add_row(escape(change.label), escape(f"{label}\n{moved}"), why)
    out.print(changes)
    if len(result.changes) > SHOWN:
        out.print(escape(said(message("cli.simulate.more", count=len(result.changes) - SHOWN))))


def _why(change: CriterionChange, said: Reading) -> str:
    """The criterion's reason under the hypothetical route (or the old one's, for one it dropped)."""
    reason = change.after_reason or change.before_reason
    return said(reason) if reason is not None else ""


def _print_sweep(result: Sweep, said: Reading) -> None:
    from imgpath.simulator import VERDICTS

    _header(
        said, result.synthetic, result.routes[0].id if result.routes else result.pathway_id, result.pathway_id
    )
    total = sum(result.in_force.values())
    title = said(
        message("cli.sweep.title", parameter=result.parameter, count=total, date=said.day(result.as_of))
    )
    table = Table(title=escape(title))
    table.add_column(said(message("cli.sweep.column.value")))
    for verdict in VERDICTS:
        table.add_column(f"[{VERDICT_STYLE[verdict]}]{escape(said.verdict(verdict))}[/]", justify="right")
    table.add_row(escape(said(message("cli.sweep.in_force"))), *(f"{result.in_force[v]:,}" for v in VERDICTS))
    for value, counts in zip(result.values, result.counts, strict=True):
        table.add_row(escape(json.dumps(value)), *(f"{counts[v]:,}" for v in VERDICTS))
    out.print(table)


def run_command(
    route: Annotated[
        str,
        typer.Argument(
            metavar="ROUTE_FILE_OR_ID",
            help="A route file (YAML, one pathway as in the state files) or a route id to change with --set.",
        ),
    ],
    profiles: Annotated[
        Path,
        typer.Argument(
            metavar="PROFILES_FILE",
            help="A YAML or JSON list of profiles (or {synthetic: true, profiles: [...]}).",
        ),
    ],
    changes: Annotated[
        list[str] | None,
        typer.Option("--set", help="PATH=VALUE, e.g. criteria.recent_practice.params.years=2 (repeatable)."),
    ] = None,
    as_of: Annotated[str | None, typer.Option(help="Judge on this date (YYYY-MM-DD); default today.")] = None,
    compare_with: Annotated[
        list[str] | None,
        typer.Option(
            "--compare-with",
            help="A route in force to compare with (repeatable); default the route changed, "
            "or every route of the state.",
        ),
    ] = None,
    output: Annotated[
        SimulateFormat, typer.Option("--format", "-f", help="table or json.")
    ] = SimulateFormat.table,
) -> None:
    """A hypothetical route beside the laws in force: who would qualify, who would stop, and why."""
    from imgpath.simulator import simulate, simulation_json

    day = parse_as_of(as_of)
    rulebook = load_rulebook()
    hypothetical = _route(route, changes or [], rulebook)
    cohort = _profiles(profiles, day, rulebook)
    result = simulate(cohort, hypothetical, compare_with=compare_with or None)
    if output is SimulateFormat.json:
        sys.stdout.write(json.dumps(simulation_json(result), indent=2, default=str) + "\n")
        return
    _print_simulation(result, current())


def _values(text: str) -> list[Any]:
    values = [load_text(part.strip(), "--values")[0] for part in text.split(",") if part.strip()]
    if not values:
        raise InputError("give the values as a comma-separated list, e.g. 1,2,3,4,5", field="--values")
    return values


def sweep_command(
    route: Annotated[
        str, typer.Argument(metavar="ROUTE_ID", help="The route in force whose value is swept.")
    ],
    profiles: Annotated[
        Path, typer.Argument(metavar="PROFILES_FILE", help="A YAML or JSON list of profiles.")
    ],
    param: Annotated[
        str, typer.Option("--param", help="The change path, e.g. criteria.recent_practice.params.years.")
    ],
    values: Annotated[str, typer.Option("--values", help="Comma-separated values, e.g. 1,2,3,4,5.")],
    as_of: Annotated[str | None, typer.Option(help="Judge on this date (YYYY-MM-DD); default today.")] = None,
    output: Annotated[
        SimulateFormat, typer.Option("--format", "-f", help="table or json.")
    ] = SimulateFormat.table,
) -> None:
    """One value of a route at several settings: how many profiles get each verdict at each."""
    from imgpath.simulator import sweep, sweep_json

    day = parse_as_of(as_of)
    rulebook = load_rulebook()
    tried = _values(values)
    if route not in rulebook.routes:
        raise InputError(f"no route '{route}' in the rulebook", field="ROUTE_ID")
    cohort = _profiles(profiles, day, rulebook)
    result = sweep(cohort, route, param, tried)
    if output is SimulateFormat.json:
        sys.stdout.write(json.dumps(sweep_json(result), indent=2, default=str) + "\n")
        return
    _print_sweep(result, current())
