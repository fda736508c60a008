"""``imgpath plan``: dated, costed plans for every route, one route in detail, what-if and exports."""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from imgpath.cli.files import write_atomically
from imgpath.cli.options import parse_as_of
from imgpath.engine import NOTICE, load_profile
from imgpath.planner import Change, Money, PlanSet, Ranking, RoutePlan, assume, compare, plan, plans_json, why
from imgpath.rulebook import load_rulebook
from imgpath.yamlio import InputError

out = Console()


class PlanFormat(StrEnum):
    table = "table"
    json = "json"
    ics = "ics"
    png = "png"
    svg = "svg"


class Sort(StrEnum):
    time = "time"
    cost = "cost"


def _write(data: bytes, target: Path | None) -> None:
    """To the file atomically (never half-written), or to standard output."""
    if target is None:
        sys.stdout.buffer.write(data)
        return
    write_atomically(data, target)
    sys.stderr.write(f"wrote {target}\n")


def _money(value: Money, unknown: int = 0) -> str:
    if unknown and value.high == 0:
        return f"[magenta]{unknown} unknown[/]"
    text = f"{value.typical:,.0f}" if not unknown else f"at least {value.typical:,.0f}"
    if value.low != value.high:
        text += f"\n[dim]{value.low:,.0f}-{value.high:,.0f}[/]"
    if unknown:
        text += f"\n[magenta]+{unknown} unknown[/]"
    return text


def _when(value: tuple[object, object, object] | None, at_least: bool = False) -> str:
    if value is None:
        return "-"
    low, typical, high = value
    if at_least:
        return f"at least {typical}\n[dim]at least {low}; no latest date (a duration is unknown)[/]"
    return f"{typical}\n[dim]{low} to {high}[/]"


UNDATED = "after the first license; no date (how long the stages before it last is not known)"


def _span(value: tuple[date, date, date] | None, at_least: bool = False) -> str:
    if value is None:
        return "none"
    low, typical, high = value
    if at_least:
        return f"at least {typical} [dim](at least {low}; no latest date: a duration is unknown)[/]"
    return f"{typical} [dim]({low} to {high})[/]"


def _total(route: RoutePlan) -> str:
    """The plan's cost: never a sum that counts unknown fees as 0."""
    cost, unknown = route.cost, len(route.unknown_fees)
    if not unknown:
        return f"{cost.typical:,.0f} USD [dim]({cost.low:,.0f} to {cost.high:,.0f})[/]"
    fees = "fee" if unknown == 1 else "fees"
    if cost.high == 0:
        return f"not known ({unknown} {fees} of unknown amount)"
    return (
        f"at least {cost.typical:,.0f} USD [dim](at least {cost.low:,.0f}; known fees up to "
        f"{cost.high:,.0f})[/] + {unknown} {fees} of unknown amount"
    )


def _comparison(plans: PlanSet) -> None:
    """One block per route: it reads on an 80-column terminal, which a table of six columns does not."""
    out.print(f"[bold]Plans from {plans.as_of}[/], best first (dates: typical, then fastest to slowest)")
    for number, route in enumerate(plans.plans, start=1):
        out.print(
            f"\n[bold]{number}. {escape(route.name)}[/] [dim]{route.pathway}[/] "
            f"{route.verdict.replace('_', ' ')}"
        )
        if route.feasible:
            out.print(f"   First license: {_span(route.first_license, bool(route.first_license_rests_on))}")
            full = (
                UNDATED
                if route.full_license_undated
                else _span(route.full_license, bool(route.full_license_rests_on))
            )
            out.print(f"   Full license:  {full}")
            out.print(f"   Cost: {_total(route)}")
        out.print(f"   [dim]{escape(str(why(route)))}[/]")
    odds = next((p.odds for p in plans.plans if p.odds is not None), None)
    if odds is not None:
        out.print(f"\n[bold]Residency route odds:[/] {escape(str(odds.message))}")
        for caveat in odds.caveats:
            out.print(f"[dim]- {escape(str(caveat))}[/]")
    out.print("\n[dim]One route in detail: imgpath plan PROFILE --route ID[/]")


def _detail(route: RoutePlan) -> None:
    out.print(f"[bold]{escape(route.name)}[/] ({route.pathway}): {route.verdict.replace('_', ' ')}")
    if not route.feasible:
        out.print(f"[red]No plan: {escape(str(route.reason))}[/]")
        return
    table = Table(show_lines=False, expand=True)
    table.add_column("Step", ratio=3)
    table.add_column("Start", no_wrap=True)
    table.add_column("End", no_wrap=True)
    table.add_column("Cost", no_wrap=True)
    for step in route.steps:
        name = escape(step.name) + ("" if step.duration_known else " [magenta](duration unknown)[/]")
        if step.milestone:
            name += f" [green]→ {step.milestone.replace('_', ' ')}[/]"
        if step.window:
            name += f"\n[dim]{escape(step.window)}[/]"
        unknown = sum(1 for f in step.fees if f.amount is None)
        table.add_row(
            name,
            f"at least {step.start}" if [s for s in step.rests_on if s != step.id] else str(step.start),
            f"at least {step.end}\n[dim]at least {step.end_low}[/]"
            if step.at_least
            else f"{step.end}\n[dim]{step.end_low} to {step.end_high}[/]",
            _money(step.cost, unknown),
        )
    out.print(table)
    first = _when(route.first_license, bool(route.first_license_rests_on))
    full = (
        UNDATED
        if route.full_license_undated
        else _when(route.full_license, bool(route.full_license_rests_on))
    )
    out.print(f"First license: {first.replace(chr(10), ' ')}")
    out.print(f"Full license: {full.replace(chr(10), ' ')}")
    out.print(f"Total cost: {_total(route)}")
    for label in route.unknown_fees:
        out.print(f"[magenta]Fee not known:[/] {escape(label)}")
    for lapse in route.lapses:
        act = f" Start by {lapse.act_by}." if lapse.act_by else " Even the fastest plan is too late."
        out.print(f"[red]Lapse:[/] eligibility closes on {lapse.closes_on}: {escape(str(lapse.reason))}{act}")
    for day, what in route.deadlines:
        out.print(f"[yellow]Deadline {day}:[/] {escape(str(what))}")
    for risk in route.risks:
        out.print(f"[magenta]Risk:[/] {escape(str(risk))}")
    if route.odds is not None:
        out.print(f"[bold]Odds of matching:[/] {escape(str(route.odds.message))}")
        for line in [*route.odds.inputs, *route.odds.caveats]:
            out.print(f"[dim]- {escape(str(line))}[/]")
    for contingency in route.contingencies:
        out.print(f"[dim]If unmatched: {escape(contingency)}[/]")


def _changes(changes: list[Change], assumptions: list[str]) -> None:
    out.print(f"[bold]What changes if {escape(', '.join(assumptions))}:[/]")
    if not changes:
        out.print("Nothing: no route's plan moves.")
    for change in changes:
        said = "; ".join(str(line) for line in change.changes)
        out.print(f"- {escape(change.name)} [dim]({change.pathway})[/]: {escape(said)}")


def plan_command(
    profile: Annotated[Path, typer.Argument(help="Profile file (YAML or JSON), as in design.md.")],
    route: Annotated[
        str | None, typer.Option(help="One pathway id in detail, e.g. us-tn.traditional.")
    ] = None,
    state: Annotated[
        list[str] | None, typer.Option("--state", "-s", help="Only this state (repeatable).")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option(help="Plan from this date (YYYY-MM-DD); default today.")
    ] = None,
    output: Annotated[
        PlanFormat, typer.Option("--format", "-f", help="table, json, ics, png or svg.")
    ] = PlanFormat.table,
    target: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file instead of the screen.")
    ] = None,
    assumption: Annotated[
        list[str] | None,
        typer.Option("--assume", help="What if: FIELD=VALUE, e.g. usmle_step3=passed or job_offer.state=FL."),
    ] = None,
    sort: Annotated[Sort, typer.Option(help="Rank by time to independent practice or by cost.")] = Sort.time,
) -> None:
    """A dated, costed plan for every route that is open or can be opened, compared side by side."""
    doctor = load_profile(profile)
    rulebook = load_rulebook()
    day = parse_as_of(as_of) or doctor.evaluation_date()
    states = [s.upper() for s in state or []] or None
    rank_by: Ranking = "cost" if sort is Sort.cost else "time"
    try:
        plans = plan(doctor, rulebook, as_of=day, states=states, route=route, rank_by=rank_by)
    except KeyError:
        raise InputError(f"no licensure route '{route}' (see: imgpath rules list)", field="--route") from None
    changes = None
    if assumption:
        assumed = assume(doctor, assumption, day)
        before, plans = plans, plan(assumed, rulebook, as_of=day, states=states, route=route, rank_by=rank_by)
        plans.assumptions = list(assumption)
        changes = compare(before, plans)
    if output is PlanFormat.json:
        _write((json.dumps(plans_json(plans, changes), indent=2) + "\n").encode(), target)
    elif output is PlanFormat.ics:
        from imgpath.planner import plans_to_ics  # imported when used: keeps every other command quick

        _write(plans_to_ics(plans), target)
    elif output in (PlanFormat.png, PlanFormat.svg):
        if target is None and output is PlanFormat.png:
            raise InputError("a PNG chart needs a file: add --out plan.png", field="--out")
        from imgpath.planner import ImageFormat, comparison_chart, plan_chart  # matplotlib: 0.25 s

        image: ImageFormat = "png" if output is PlanFormat.png else "svg"
        chart = plan_chart(plans.plans[0], day, image) if route else comparison_chart(plans, image)
        _write(chart, target)
    else:
        if route:
            _detail(plans.plans[0])
        else:
            _comparison(plans)
        if changes is not None:
            _changes(changes, list(assumption or []))
        out.print(f"[dim]{NOTICE}[/]")
