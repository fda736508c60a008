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
from imgpath.cli.reading import SLOT, Reading, current
from imgpath.engine import Verdict, load_profile
from imgpath.messages import message
from imgpath.planner import (
    Change,
    Money,
    PlannedStep,
    PlanSet,
    Ranking,
    RoutePlan,
    assume,
    compare,
    plan,
    plans_json,
    why,
)
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


def _money(value: Money, said: Reading, unknown: int = 0) -> str:
    if unknown and value.high == 0:
        return f"[magenta]{escape(said(message('cli.plan.fees_unknown', count=unknown)))}[/]"
    typical = said.money(value.typical)
    text = escape(typical if not unknown else said(message("cli.at_least", when=typical)))
    if value.low != value.high:
        span = said(message("cli.range.short", low=said.money(value.low), high=said.money(value.high)))
        text += f"\n[dim]{escape(span)}[/]"
    if unknown:
        text += f"\n[magenta]{escape(said(message('cli.plan.more_fees_unknown', count=unknown)))}[/]"
    return text


def _when(value: tuple[date, date, date] | None, said: Reading, at_least: bool = False) -> str:
    if value is None:
        return "-"
    low, typical, high = (said.day(day) for day in value)
    if at_least:
        open_end = said(message("cli.plan.open_when", low=low))
        return f"{escape(said(message('cli.at_least', when=typical)))}\n[dim]{escape(open_end)}[/]"
    return f"{escape(typical)}\n[dim]{escape(said(message('cli.range', low=low, high=high)))}[/]"


def _span(value: tuple[date, date, date] | None, said: Reading, at_least: bool = False) -> str:
    if value is None:
        return escape(said(message("cli.plan.none")))
    low, typical, high = (said.day(day) for day in value)
    if at_least:
        open_end = said(message("cli.plan.open_span", low=low))
        return f"{escape(said(message('cli.at_least', when=typical)))} [dim]{escape(open_end)}[/]"
    span = said(message("cli.range", low=low, high=high))
    return f"{escape(typical)} [dim]({escape(span)})[/]"


def _undated(said: Reading) -> str:
    return escape(said(message("cli.plan.undated")))


def _fees(key: str, count: int, said: Reading) -> str:
    """A count of fees of unknown amount, singular or plural (``<key>.one``)."""
    return said(message(f"{key}.one" if count == 1 else key, count=count))


def _total(route: RoutePlan, said: Reading) -> str:
    """The plan's cost: never a sum that counts unknown fees as 0."""
    cost, unknown = route.cost, len(route.unknown_fees)
    if not unknown:
        total = said(message("cli.plan.usd", amount=said.money(cost.typical)))
        span = said(message("cli.range", low=said.money(cost.low), high=said.money(cost.high)))
        return f"{escape(total)} [dim]({escape(span)})[/]"
    if cost.high == 0:
        return escape(_fees("cli.plan.cost_not_known", unknown, said))
    typical = said(message("cli.plan.usd", amount=said.money(cost.typical)))
    least = said(message("cli.at_least", when=typical))
    known = said(message("cli.plan.known_up_to", low=said.money(cost.low), high=said.money(cost.high)))
    return f"{escape(least)} [dim]{escape(known)}[/] {escape(_fees('cli.plan.unknown_fees', unknown, said))}"


def _filled(said: Reading, key: str, slot: str, markup: str) -> str:
    """A sentence escaped for Rich with one of its values, already markup, put in its place."""
    return escape(said(message(key, **{slot: SLOT}))).replace(SLOT, markup)


def _comparison(plans: PlanSet, said: Reading) -> None:
    """One block per route: it reads on an 80-column terminal, which a table of six columns does not."""
    title = said(message("cli.plan.title", date=said.day(plans.as_of)))
    order = said(message("join.list")) + said(message("cli.plan.order"))
    out.print(f"[bold]{escape(title)}[/]{escape(order)}")
    for number, route in enumerate(plans.plans, start=1):
        out.print(
            f"\n[bold]{number}. {escape(said.rule(route.name))}[/] [dim]{route.pathway}[/] "
            f"{escape(said.verdict(Verdict(route.verdict)))}"
        )
        if route.feasible:
            first = _span(route.first_license, said, bool(route.first_license_rests_on))
            out.print("   " + _filled(said, "cli.plan.first_license", "when", first))
            full = (
                _undated(said)
                if route.full_license_undated
                else _span(route.full_license, said, bool(route.full_license_rests_on))
            )
            out.print("   " + _filled(said, "cli.plan.full_license.aligned", "when", full))
            out.print("   " + _filled(said, "cli.plan.cost", "cost", _total(route, said)))
        out.print(f"   [dim]{escape(said(why(route)))}[/]")
    odds = next((p.odds for p in plans.plans if p.odds is not None), None)
    if odds is not None:
        out.print(f"\n[bold]{escape(said(message('cli.plan.odds_all')))}[/] {escape(said(odds.message))}")
        for caveat in odds.caveats:
            out.print(f"[dim]- {escape(said(caveat))}[/]")
    out.print(f"\n[dim]{escape(said(message('cli.plan.detail_hint')))}[/]")


def _unknown_fee(label: str, said: Reading) -> str:
    """A fee of unknown amount as the planner names it ("<step>: <fee>"), both in the reader's words."""
    step, sep, fee = label.partition(": ")
    return said.rule(step) + sep + said.rule(fee) if fee else said.rule(step)


def _step_name(step: PlannedStep, said: Reading) -> str:
    name = escape(said.rule(step.name))
    if not step.duration_known:
        name += f" [magenta]{escape(said(message('cli.plan.duration_unknown')))}[/]"
    if step.milestone:
        name += f" [green]→ {escape(said(message(f'cli.plan.milestone.{step.milestone}')))}[/]"
    if step.window:
        name += f"\n[dim]{escape(said.rule(step.window))}[/]"
    return name


def _step_end(step: PlannedStep, said: Reading) -> str:
    end, low, high = said.day(step.end), said.day(step.end_low), said.day(step.end_high)
    if step.at_least:
        least = said(message("cli.at_least", when=end))
        return f"{escape(least)}\n[dim]{escape(said(message('cli.at_least', when=low)))}[/]"
    return f"{escape(end)}\n[dim]{escape(said(message('cli.range', low=low, high=high)))}[/]"


def _detail(route: RoutePlan, said: Reading) -> None:
    verdict = said.verdict(Verdict(route.verdict))
    out.print(f"[bold]{escape(said.rule(route.name))}[/] ({route.pathway}): {escape(verdict)}")
    if not route.feasible:
        out.print(f"[red]{escape(said(message('cli.plan.no_plan', reason=route.reason)))}[/]")
        return
    table = Table(show_lines=False, expand=True)
    table.add_column(said(message("cli.column.step")), ratio=3)
    table.add_column(said(message("cli.column.start")), no_wrap=True)
    table.add_column(said(message("cli.column.end")), no_wrap=True)
    table.add_column(said(message("cli.column.cost")), no_wrap=True)
    for step in route.steps:
        unknown = sum(1 for f in step.fees if f.amount is None)
        start = said.day(step.start)
        least = [s for s in step.rests_on if s != step.id]
        table.add_row(
            _step_name(step, said),
            escape(said(message("cli.at_least", when=start)) if least else start),
            _step_end(step, said),
            _money(step.cost, said, unknown),
        )
    out.print(table)
    first = _when(route.first_license, said, bool(route.first_license_rests_on))
    full = (
        _undated(said)
        if route.full_license_undated
        else _when(route.full_license, said, bool(route.full_license_rests_on))
    )
    out.print(_filled(said, "cli.plan.first_license", "when", first.replace(chr(10), " ")))
    out.print(_filled(said, "cli.plan.full_license", "when", full.replace(chr(10), " ")))
    out.print(_filled(said, "cli.plan.total_cost", "cost", _total(route, said)))
    fee_not_known = escape(said(message("cli.plan.fee_not_known")))
    for label in route.unknown_fees:
        out.print(f"[magenta]{fee_not_known}[/] {escape(_unknown_fee(label, said))}")
    for lapse in route.lapses:
        act = (
            message("cli.plan.lapse.act_by", date=said.day(lapse.act_by))
            if lapse.act_by
            else message("cli.plan.lapse.too_late")
        )
        closes = said(message("cli.plan.lapse.closes", date=said.day(lapse.closes_on), reason=lapse.reason))
        out.print(f"[red]{escape(said(message('cli.plan.lapse')))}[/] {escape(closes)} {escape(said(act))}")
    for day, what in route.deadline_messages:
        label = said(message("cli.plan.deadline", date=said.day(day)))
        out.print(f"[yellow]{escape(label)}[/] {escape(said(what))}")
    for risk in route.risks:
        out.print(f"[magenta]{escape(said(message('cli.plan.risk')))}[/] {escape(said(risk))}")
    if route.odds is not None:
        out.print(f"[bold]{escape(said(message('cli.plan.odds')))}[/] {escape(said(route.odds.message))}")
        for line in [*route.odds.inputs, *route.odds.caveats]:
            out.print(f"[dim]- {escape(said(line))}[/]")
    for contingency in route.contingencies:
        unmatched = said(message("cli.plan.unmatched", contingency=said.rule(contingency)))
        out.print(f"[dim]{escape(unmatched)}[/]")


def _changes(changes: list[Change], assumptions: list[str], said: Reading) -> None:
    out.print(f"[bold]{escape(said(message('cli.plan.what_if', assumptions=', '.join(assumptions))))}[/]")
    if not changes:
        out.print(escape(said(message("cli.plan.nothing_moves"))))
    semi = said(message("join.semi"))
    for change in changes:
        lines = semi.join(said(line) for line in change.changes)
        out.print(f"- {escape(said.rule(change.name))} [dim]({change.pathway})[/]: {escape(lines)}")


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
        said = current()
        if route:
            _detail(plans.plans[0], said)
        else:
            _comparison(plans, said)
        if changes is not None:
            _changes(changes, list(assumption or []), said)
        out.print(f"[dim]{escape(said(message('cli.notice')))}[/]")
