"""``imgpath find``: the bundled catalogue's observerships, research posts, programs, grants and jobs,
filtered and ordered by fit for one profile, with the reason for each place."""

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

from imgpath.cli.options import parse_as_of
from imgpath.cli.reading import Reading, current
from imgpath.cli.verdicts import VERDICT_STYLE
from imgpath.engine import facts_for, load_profile
from imgpath.finder import (
    DATA_DIR,
    Filters,
    OpportunityKind,
    Results,
    find,
    find_json,
    known_cost_usd,
    load_catalogue,
    visa_code,
)
from imgpath.messages import message
from imgpath.rulebook import load_rulebook
from imgpath.yamlio import InputError

out = Console()


class FindFormat(StrEnum):
    table = "table"
    json = "json"


def _cost(value: float | None, said: Reading) -> str:
    if value is None:
        return f"[magenta]{escape(said(message('cli.find.unknown')))}[/]"
    if value == 0:
        return escape(said(message("cli.find.free")))
    return escape(said(message("cli.find.usd", amount=said.money(value))))


def _print_table(results: Results, limit: int, said: Reading) -> None:
    title = escape(said(message("cli.find.title", count=results.total)))
    table = Table(title=title, show_lines=True)
    for column in ("listing", "fit", "cost", "apply_by", "why"):
        table.add_column(said(message(f"cli.column.{column}")))
    for found in results.found[:limit]:
        fit, opportunity = found.fit, found.fit.opportunity
        remote = said(message("cli.find.remote"))
        place = opportunity.place.state or (remote if opportunity.place.remote else "US")
        where = f"{opportunity.kind.value}, {escape(place)}; {opportunity.id}"
        title = f"{escape(opportunity.title)}\n[dim]{where}[/]"
        if opportunity.demo:
            title += f"\n[bold]{escape(said(message('cli.find.demo')))}[/]"
        closes = said.day(fit.window.closes) if fit.window and fit.window.closes else ""
        reasons = [said(r) for r in (*found.why, *fit.reasons[:2])]
        table.add_row(
            title,
            f"[{VERDICT_STYLE[fit.verdict]}]{escape(said.verdict(fit.verdict))}[/]",
            _cost(known_cost_usd(opportunity), said),
            closes,
            escape("\n".join(reasons)),
        )
    out.print(table)
    if results.total > limit:
        more = said(message("cli.find.more", count=results.total - limit, total=results.total))
        out.print(f"[dim]{escape(more)}[/]")
    if results.left_out_unknown_cost:
        left_out = said(message("cli.find.unknown_cost", count=results.left_out_unknown_cost))
        out.print(f"[dim]{escape(left_out)}[/]")
    if results.hidden:
        out.print(f"[dim]{escape(said(message('cli.find.hidden', count=results.hidden)))}[/]")
    out.print(f"[dim]{escape(said(message('cli.notice')))}[/]")


def find_command(
    profile: Annotated[Path, typer.Argument(help="Profile file (YAML or JSON), as in design.md.")],
    kind: Annotated[
        list[OpportunityKind] | None, typer.Option("--kind", "-k", help="Only this kind (repeatable).")
    ] = None,
    state: Annotated[
        str | None, typer.Option("--state", "-s", help="In this state (remote ones too).")
    ] = None,
    remote: Annotated[
        bool | None, typer.Option("--remote/--on-site", help="Only remote, or only on site.")
    ] = None,
    specialty: Annotated[str | None, typer.Option(help="In this specialty (internal_medicine).")] = None,
    cost_at_most: Annotated[
        float | None, typer.Option(min=0, help="At most this many US dollars (unknown cost: left out).")
    ] = None,
    visa: Annotated[str | None, typer.Option(help="Accepts this visa (B-1, J-1, H-1B).")] = None,
    deadline_after: Annotated[
        str | None, typer.Option(help="Still open to applications after this day (YYYY-MM-DD).")
    ] = None,
    hands_on: Annotated[
        bool | None, typer.Option("--hands-on/--observe-only", help="Only hands-on, or only observing.")
    ] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Words in the title or summary.")] = None,
    as_of: Annotated[
        str | None,
        typer.Option(help="Judge on this date (YYYY-MM-DD); default the profile's as_of, else today."),
    ] = None,
    output: Annotated[FindFormat, typer.Option("--format", "-f", help="table or json.")] = FindFormat.table,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many (table).")] = 20,
    listings: Annotated[
        Path, typer.Option(help="A folder of listings files (default: the bundled catalogue).")
    ] = DATA_DIR,
) -> None:
    """Observerships, research posts, programs, grants and jobs, best fit for the profile first."""
    doctor = load_profile(profile)
    rulebook = load_rulebook()
    day = parse_as_of(as_of) or doctor.evaluation_date()
    after = parse_as_of(deadline_after, "--deadline-after") if deadline_after else None
    if state is not None and f"US-{state.upper()}" not in rulebook.jurisdictions:
        raise InputError(f"no state '{state}' (use two-letter codes such as MI)", field="--state")
    wanted_visa = visa_code(visa) if visa is not None else None
    if visa is not None and wanted_visa is None:
        raise InputError(f"no visa class '{visa}' (write one such as J-1, H-1B or B-1)", field="--visa")
    filters = Filters(
        kinds=tuple(kind or ()),
        state=state.upper() if state else None,
        remote=remote,
        specialty=specialty,
        cost_at_most=cost_at_most,
        visa=wanted_visa,
        deadline_after=after,
        hands_on=hands_on,
        query=query,
    )
    facts = facts_for(doctor, rulebook, day)
    results = find(load_catalogue(listings, rulebook).opportunities, facts, filters, day)
    if output is FindFormat.json:
        sys.stdout.write(json.dumps(find_json(results, day), indent=2) + "\n")
        return
    _print_table(results, limit, current())
