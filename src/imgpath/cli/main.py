"""``imgpath``: check a profile against every route, explain one, and look after the rulebook."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import date, timedelta
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from imgpath.cli.files import check_target
from imgpath.cli.options import parse_as_of
from imgpath.cli.reading import SLOT, Reading, current, reader
from imgpath.cli.verdicts import VERDICT_STYLE
from imgpath.engine import (
    NOTICE,
    CriterionResult,
    Profile,
    RouteResult,
    Verdict,
    check,
    check_json,
    evaluate_pathway,
    facts_for,
    load_profile,
    profile_from_data,
    route_json,
)
from imgpath.errors import field_path
from imgpath.messages import Message, Translate, message, render
from imgpath.messages.languages import ENGLISH, language, language_from_environment, translator
from imgpath.rulebook import (
    DATA_DIR,
    Jurisdiction,
    Kind,
    Pathway,
    Rulebook,
    is_stale,
    iter_sourced,
    load_rulebook,
)
from imgpath.yamlio import InputError, load_file, printable

app = typer.Typer(
    help="IMG Pathways: which routes into US medicine are open to you, from when and until when.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="List, show, validate and audit the rulebook.", no_args_is_help=True)
profile_app = typer.Typer(help="Write and validate profiles.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")
app.add_typer(profile_app, name="profile")

out = Console()
err = Console(stderr=True)

P = ParamSpec("P")
R = TypeVar("R")


class Format(StrEnum):
    table = "table"
    json = "json"


LANGUAGE_HELP = (
    "Language of what the commands print: en, es or ar (anything else: English). It covers the "
    "error messages and the tables of check, plan, explain and find: headings, verdicts, reasons, "
    "steps, route and step names, dates and amounts. Default: the locale's (LANGUAGE, LC_ALL, "
    "LC_MESSAGES, LANG). --format json stays English, the same in every language."
)


@app.callback()
def choose_language(
    lang: Annotated[str | None, typer.Option("--lang", help=LANGUAGE_HELP, metavar="en|es|ar")] = None,
) -> None:
    """IMG Pathways: which routes into US medicine are open to you, from when and until when."""
    reader["language"] = language(lang) if lang is not None else language_from_environment(os.environ)


def error_text(error: InputError, translate: Translate | None = None) -> str:
    """The error as the reader reads it: its file, line and field, and what is wrong, in the language
    of ``translate`` where the error has a keyed message (its English otherwise), or as it is."""
    if translate is None:
        return str(error)
    problem = render(error.said, translate) if isinstance(error.said, Message) else error.message
    key = "input.at" + (".line" if error.line is not None else "") + (".field" if error.field else "")
    where = {"file": error.file or "<input>", "line": error.line or 0, "field": error.field or ""}
    return render(message(key, **where, problem=printable(problem, 2000)), translate)


def reports_input_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Bad input is expected: print its file, line and field and exit 2, never a traceback."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except InputError as error:
            code = reader["language"]
            translate = translator(code) if code != ENGLISH else None
            label = render(message("input.error"), translate) if translate else "error:"
            text = error_text(error, translate)
            err.print(f"[bold red]{escape(label)}[/] {escape(text)}", soft_wrap=True)  # "file, line N" whole
            raise typer.Exit(2) from None

    return wrapper


def _rulebook() -> Rulebook:
    return load_rulebook()


def _verdict(result: RouteResult, said: Reading) -> str:
    text = f"[{VERDICT_STYLE[result.verdict]}]{escape(said.verdict(result.verdict))}[/]"
    best, worst = result.best_case or result.verdict, result.worst_case or result.verdict
    if best is not worst:
        either = message("cli.verdict.range", best=said.verdict(best), worst=said.verdict(worst))
        text += f"\n[dim]{escape(said(either))}[/]"
    return text


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _deciding(result: RouteResult, said: Reading) -> str:
    decider = result.deciding
    if decider is None:
        return escape(said(message("route.all_hold")))
    text = escape(said(result.headline) or said(decider.reason))
    if decider.step and result.verdict is Verdict.needs_steps:
        steps = sorted({c.step for c in result.criteria if c.step and c.verdict is Verdict.needs_steps})
        text += f"\n[dim]{escape(said(message('cli.check.next', steps=', '.join(steps))))}[/]"
    if decider.sources:
        source = decider.sources[0]
        title = escape(source.title)
        if source.as_of:
            title = escape(said(message("cli.source.read", title=source.title, date=said.day(source.as_of))))
        text += f"\n[dim]{title}[/]"
    return text


def _status(result: RouteResult, said: Reading) -> str:
    status = escape(said(message(f"cli.status.{result.route_status or 'not_enacted'}")))
    if result.confidence != "primary":
        confidence = "secondary" if result.confidence == "secondary" else "unverified"
        status += f"\n[dim]{escape(said(message(f'cli.confidence.{confidence}')))}[/]"
    return status


def _print_notice(said: Reading) -> None:
    out.print(f"[dim]{escape(said(message('cli.notice')))}[/]")


def _dates(result: RouteResult, said: Reading) -> str:
    """ ", from <day>, until <day>": the days a verdict starts and stops holding, where it has them."""
    return "".join(
        said(message("join.list")) + said(message(key, date=said.day(day)))
        for key, day in (("cli.from", result.eligible_from), ("cli.until", result.eligible_until))
        if day
    )


@app.command("check")
@reports_input_errors
def check_command(
    profile: Annotated[Path, typer.Argument(help="Profile file (YAML or JSON), as in design.md.")],
    state: Annotated[
        list[str] | None, typer.Option("--state", "-s", help="Only this state (repeatable).")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(help="Evaluate on this date (YYYY-MM-DD); default the profile's as_of, else today."),
    ] = None,
    output: Annotated[Format, typer.Option("--format", "-f", help="table or json.")] = Format.table,
    kind: Annotated[list[Kind] | None, typer.Option(help="Only routes of this kind (repeatable).")] = None,
) -> None:
    """Every route in every (or the named) state: verdict, deciding reason and dates."""
    doctor = load_profile(profile)
    rulebook = _rulebook()
    states = [s.upper() for s in state or []]
    unknown = [s for s in states if f"US-{s}" not in rulebook.jurisdictions]
    if unknown:
        raise InputError(
            f"no state '{unknown[0]}' in the rulebook (use two-letter codes such as TN)", field="--state"
        )
    result = check(doctor, rulebook, as_of=parse_as_of(as_of), states=states or None, kinds=kind)
    if output is Format.json:
        sys.stdout.write(json.dumps(check_json(result), indent=2) + "\n")
        return
    said = current()
    order = {Kind.certification: 0, Kind.visa: 1}
    applying = [r for r in result.results if r.applies]
    rows = sorted(applying, key=lambda r: (order.get(r.kind, 2), r.jurisdiction, r.verdict.rank))
    title = escape(said(message("cli.check.title", profile=profile.name, date=said.day(result.as_of))))
    if out.width < NARROW:
        _print_route_blocks(rows, title, said)
    else:
        _print_route_table(rows, title, said)
    counts = {v: sum(1 for r in applying if r.verdict is v) for v in Verdict}
    out.print(
        "  ".join(
            f"[{VERDICT_STYLE[v]}]"
            f"{escape(said(message('cli.verdict.count', verdict=said.verdict(v), count=n)))}[/]"
            for v, n in counts.items()
        )
    )
    apart = [r for r in result.results if not r.applies]
    if apart:
        out.print(f"[dim]{escape(said(message('cli.check.not_for_you', count=len(apart))))}[/]")
        for route in apart:
            out.print(f"[dim]  {route.pathway}: {escape(said(route.applies_reason or ''))}[/]")
    out.print(f"[dim]{escape(said(message('cli.check.explain_hint')))}[/]")
    _print_notice(said)


NARROW = 100
"""Below this many columns a seven-column table wraps every cell: print one block per route."""


def _print_route_blocks(rows: list[RouteResult], title: str, said: Reading) -> None:
    out.print(f"[bold]{title}[/]")
    comma = said(message("join.list"))
    for route in rows:
        where = route.jurisdiction.removeprefix("US-")
        out.print(f"\n[bold]{where}[/] {escape(said.rule(route.name))} [dim]{route.pathway}[/]")
        status = _status(route, said).replace(chr(10), comma)
        out.print(f"  {_verdict(route, said)}{escape(_dates(route, said))}  [dim]{status}[/]")
        out.print("  " + _deciding(route, said).replace("\n", "\n  "))


def _column(said: Reading, name: str) -> str:
    """A table column's name in the reader's language (``cli.column.<name>``)."""
    return said(message(f"cli.column.{name}"))


def _print_route_table(rows: list[RouteResult], title: str, said: Reading) -> None:
    table = Table(title=title, show_lines=True, expand=True)
    table.add_column(_column(said, "where"), no_wrap=True)
    table.add_column(_column(said, "route"), ratio=2)
    table.add_column(_column(said, "status"), ratio=1)
    table.add_column(_column(said, "verdict"), no_wrap=True)
    table.add_column(_column(said, "from"), no_wrap=True)
    table.add_column(_column(said, "until"), no_wrap=True)
    table.add_column(_column(said, "why"), ratio=4)
    for route in rows:
        table.add_row(
            route.jurisdiction.removeprefix("US-"),
            f"{escape(said.rule(route.name))}\n[dim]{route.pathway}[/]",
            _status(route, said),
            _verdict(route, said),
            said.day(route.eligible_from),
            said.day(route.eligible_until),
            _deciding(route, said),
        )
    out.print(table)


@app.command("explain")
@reports_input_errors
def explain_command(
    profile: Annotated[Path, typer.Argument(help="Profile file (YAML or JSON).")],
    pathway: Annotated[
        str, typer.Argument(help="Pathway id, e.g. us-tn.traditional (see: imgpath rules list).")
    ],
    as_of: Annotated[str | None, typer.Option(help="Evaluate on this date (YYYY-MM-DD).")] = None,
    output: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """One route, clause by clause: each criterion's verdict, reason, step and sources."""
    doctor = load_profile(profile)
    rulebook = _rulebook()
    jurisdiction, route = _named_route(rulebook, pathway)
    day = parse_as_of(as_of) or doctor.evaluation_date()
    result = evaluate_pathway(jurisdiction, route, facts_for(doctor, rulebook, day))
    if output is Format.json:
        sys.stdout.write(
            json.dumps({"as_of": day.isoformat(), "notice": NOTICE, **route_json(result)}, indent=2) + "\n"
        )
        return
    said = current()
    _print_route_verdict(jurisdiction, route, result, day, said)
    for depth, node in result.root.walk()[1:]:
        _print_criterion(depth, node, said)
    for gap in route.gaps:
        out.print(f"[magenta]{escape(said(message('cli.explain.gap')))}[/] {escape(said.rule(gap))}")
    for doubt in route.doubts:
        out.print(f"[yellow]{escape(said(message('cli.explain.doubt')))}[/] {escape(said.rule(doubt))}")
    _print_notice(said)


def _named_route(rulebook: Rulebook, pathway_id: str) -> tuple[Jurisdiction, Pathway]:
    """The route with this id; an input error naming the routes of the same place when there is none."""
    try:
        return rulebook.pathway(pathway_id)
    except KeyError:
        close = [p.id for _, p in rulebook.pathways if pathway_id.split(".")[0] in p.id][:5]
        hint = f"; routes there: {', '.join(close)}" if close else "; see imgpath rules list"
        raise InputError(f"no pathway '{pathway_id}'{hint}", field="PATHWAY") from None


def _print_route_verdict(
    jurisdiction: Jurisdiction, route: Pathway, result: RouteResult, day: date, said: Reading
) -> None:
    """The route's name and law, its verdict on the day with its dates, and what is open about it."""
    title = said(message("cli.explain.title", route_name=SLOT, route=route.id, place_name=jurisdiction.name))
    out.print(escape(title).replace(SLOT, f"[bold]{escape(said.rule(route.name))}[/]"))
    out.print(escape(said.rule(route.summary)))
    if route.citation:
        out.print(f"[dim]{escape(said(message('cli.explain.law', citation=route.citation)))}[/]")
    status = said(message(f"cli.status.{result.route_status or 'not_enacted'}"))
    on = said(message("cli.explain.on", date=said.day(day), verdict=SLOT))
    out.print(
        escape(on).replace(SLOT, _verdict(result, said))
        + escape(_dates(result, said))
        + f"  [dim]{escape(said(message('cli.explain.route_status', status=status)))}[/]"
    )
    if not result.applies:
        why = said(result.applies_reason or "")
        out.print(f"[dim]{escape(said(message('cli.explain.not_for_you')))} {escape(why)}[/]")
    best, worst = result.best_case or result.verdict, result.worst_case or result.verdict
    if best is not worst:
        either = message("cli.explain.either_way", best=said.verdict(best), worst=said.verdict(worst))
        out.print(escape(said(either)))
    out.print(escape(said(result.headline)))
    for question in result.open_questions:
        asked = (
            message("cli.explain.tell_us", field=question.field)
            if question.field
            else message(
                "cli.explain.ask", who=said.rule(question.who) or said(message("cli.explain.the_board"))
            )
        )
        label = said(message("cli.explain.open_question"))
        out.print(f"[yellow]{escape(label)}[/] ({escape(said(asked))}): {escape(said(question.question))}")
    if result.confidence != "primary":
        confidence = "secondary" if result.confidence == "secondary" else "unverified"
        out.print(f"[yellow]{escape(said(message(f'cli.explain.rests_on.{confidence}')))}[/]")


def _print_criterion(depth: int, node: CriterionResult, said: Reading) -> None:
    """One line per criterion or group, indented by depth; a criterion adds its reason, clause,
    step, the fields to give and its sources."""
    indent = "  " * (depth - 1)
    marker = " " + said(message(f"cli.explain.{node.combinator}")) if node.combinator else ""
    out.print(
        f"{indent}[{VERDICT_STYLE[node.verdict]}]{escape(said.verdict(node.verdict)):>12}[/]  "
        f"[bold]{node.id}[/]{escape(marker)}: {escape(said.rule(node.summary))}"
    )
    if node.children:
        return
    out.print(f"{indent}{'':>14}{escape(said(node.reason))}")
    extra = []
    if node.clause:
        extra.append(said(message("cli.explain.clause", clause=node.clause)))
    if node.step:
        extra.append(said(message("cli.explain.step", step=node.step)))
    if node.missing:
        extra.append(said(message("cli.explain.missing", fields=", ".join(node.missing))))
    if extra:
        out.print(f"{indent}{'':>14}[dim]{escape(said(message('join.semi')).join(extra))}[/]")
    for source in node.sources:
        read = " " + said(message("cli.source.read_on", date=said.day(source.as_of))) if source.as_of else ""
        out.print(f"{indent}{'':>14}[dim]{escape(source.title)}: {escape(source.href)}{escape(read)}[/]")


@rules_app.command("list")
@reports_input_errors
def rules_list(
    state: Annotated[list[str] | None, typer.Option("--state", "-s", help="Only this state.")] = None,
    kind: Annotated[list[Kind] | None, typer.Option(help="Only this kind.")] = None,
) -> None:
    """Every route in the rulebook, with its kind, status and confidence."""
    wanted = {f"US-{s.upper()}" for s in state or []}
    table = Table(expand=True)
    for column in ("Pathway", "Kind", "Latest status", "Confidence", "Read"):
        table.add_column(column)
    for jurisdiction, pathway in _rulebook().pathways:
        if wanted and jurisdiction.jurisdiction not in wanted:
            continue
        if kind and pathway.kind not in kind:
            continue
        latest = pathway.status[-1]
        when = latest.date or latest.no_later_than
        if when is not None:
            status = f"{latest.status.value} {when.isoformat()}"
        elif latest.first_seen is not None:
            status = f"{latest.status.value} before {latest.first_seen.isoformat()} (first seen)"
        else:
            status = f"{latest.status.value} (date not known)"
        table.add_row(
            pathway.id,
            pathway.kind.value,
            status,
            pathway.confidence.value if pathway.confidence else "",
            _day(pathway.as_of),
        )
    out.print(table)


@rules_app.command("show")
@reports_input_errors
def rules_show(pathway: Annotated[str, typer.Argument(help="Pathway id.")]) -> None:
    """One route as the rulebook holds it (YAML), with the file it lives in."""
    import yaml

    rulebook = _rulebook()
    try:
        _, route = rulebook.pathway(pathway)
    except KeyError:
        raise InputError(f"no pathway '{pathway}'; see imgpath rules list", field="ID") from None
    out.print(f"[dim]# {rulebook.files[pathway]}[/]")
    data = route.model_dump(mode="json", exclude_defaults=True, by_alias=True)
    sys.stdout.write(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100))


@rules_app.command("validate")
@reports_input_errors
def rules_validate(
    folder: Annotated[
        Path | None, typer.Argument(help="Rulebook data folder (default: the bundled one).")
    ] = None,
) -> None:
    """Check every rule file; exit non-zero with the file, line and field of the first flaw."""
    rulebook = load_rulebook(folder or DATA_DIR)
    routes = sum(1 for _ in rulebook.pathways)
    out.print(
        f"[green]ok[/]: {len(rulebook.jurisdictions)} jurisdictions, {routes} routes, "
        f"{len(rulebook.catalogue.steps)} steps, {len(rulebook.catalogue.exams)} exams"
    )


@rules_app.command("sources")
@reports_input_errors
def rules_sources(
    output: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
) -> None:
    """Every source the rulebook cites, with the routes and the items that rely on it."""
    cited: dict[str, dict[str, Any]] = {}
    for item in iter_sourced(_rulebook()):
        for ref in item.references:
            entry = cited.setdefault(
                ref.href,
                {"title": ref.title, "href": ref.href, "dated": ref.dated, "pathways": [], "cited_by": []},
            )
            if item.pathway is not None and item.pathway not in entry["pathways"]:
                entry["pathways"].append(item.pathway)
            entry["cited_by"].append({"item": item.label, "file": item.file, "at": field_path(item.location)})
    if output is Format.json:
        sys.stdout.write(json.dumps(list(cited.values()), indent=2) + "\n")
        return
    table = Table(expand=True)
    table.add_column("Source", ratio=3)
    table.add_column("Dated")
    table.add_column("Used by", ratio=2)
    for entry in sorted(cited.values(), key=lambda e: e["title"].lower()):
        table.add_row(
            f"{escape(entry['title'])}\n[dim]{escape(entry['href'])}[/]",
            entry["dated"] or "",
            ", ".join(entry["pathways"] or dict.fromkeys(c["item"] for c in entry["cited_by"])),
        )
    out.print(table)


@rules_app.command("stale")
@reports_input_errors
def rules_stale(
    older_than: Annotated[
        int, typer.Option("--older-than", min=0, help="Days since the sources were read.")
    ] = 365,
    today: Annotated[str | None, typer.Option(help="Count from this date instead of today.")] = None,
) -> None:
    """Sources read more than DAYS ago: every route's, and every criterion's, fee's, step's and Match
    figure's that carries its own date. They need a curator's look."""
    now = parse_as_of(today, "--today") or date.today()
    after = timedelta(days=older_than)
    stale = [item for item in iter_sourced(_rulebook()) if is_stale(item, now, after)]
    if not stale:
        out.print(f"[green]No route's sources are older than {older_than} days.[/]")
        return
    for item in sorted(stale, key=lambda i: (i.as_of or date.min, i.label)):
        out.print(f"{escape(item.label)}: read {_day(item.as_of) or 'never'}")
    routes = sum(1 for item in stale if item.kind == "route")
    items = f"{len(stale)} sourced items ({routes} routes)"
    out.print(f"[yellow]{items} were last read more than {older_than} days ago.[/]")
    raise typer.Exit(1)


@rules_app.command("gaps")
@reports_input_errors
def rules_gaps(
    state: Annotated[list[str] | None, typer.Option("--state", "-s", help="Only this state.")] = None,
    output: Annotated[Format, typer.Option("--format", "-f")] = Format.table,
    today: Annotated[
        str | None, typer.Option(help="Judge staleness from this date instead of today.")
    ] = None,
) -> None:
    """What the rulebook does not yet know, by state and route: the curator's to-do list."""
    from imgpath.rulebook import KINDS, rulebook_gaps, totals

    now = parse_as_of(today, "--today") or date.today()
    wanted = {f"US-{s.upper()}" for s in state or []}
    found = [g for g in rulebook_gaps(_rulebook(), now) if not wanted or g.jurisdiction in wanted]
    if output is Format.json:
        routes = [
            {"jurisdiction": g.jurisdiction, "pathway": g.pathway, "name": g.name}
            | {kind: getattr(g, kind) for kind in KINDS}
            for g in found
        ]
        report = {"as_of": now.isoformat(), "totals": totals(found), "routes": routes}
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
        return
    labels = {
        "unverified_requirements": "requirement not found",
        "unknown_values": "value unknown",
        "undated_statuses": "status undated",
        "secondary_only": "sources",
        "stale_sources": "stale",
    }
    for gap in found:
        if not gap.total:
            continue
        out.print(f"[bold]{gap.pathway}[/] {escape(gap.name)}")
        for kind in KINDS:
            for line in getattr(gap, kind):
                out.print(f"  [magenta]{labels[kind]}:[/] {escape(line)}")
    counted = totals(found)
    summary = ", ".join(f"{counted[kind]} {labels[kind]}" for kind in KINDS)
    out.print(f"{counted['routes_with_gaps']} of {counted['routes']} routes have gaps: {summary}.")


@profile_app.command("validate")
@reports_input_errors
def profile_validate(file: Annotated[Path, typer.Argument(help="Profile file (YAML or JSON).")]) -> None:
    """Check a profile; exit non-zero naming the file, line and field of the first problem."""
    data, source = load_file(file)
    doctor = profile_from_data(data, source)
    known = {e.id for e in _rulebook().catalogue.exams}
    for exam in doctor.exams or {}:
        if exam not in known:
            raise InputError(
                f"unknown exam '{exam}'; known: {', '.join(sorted(known))}",
                file=str(file),
                line=source.line_of(("exams", exam)),
                field=f"exams.{exam}",
            )
    stated = sorted(doctor.model_fields_set)
    out.print(
        f"[green]ok[/]: {escape(str(file))} states {', '.join(stated) or 'nothing yet'}; anything else is "
        "treated as unknown."
    )


@profile_app.command("new")
@reports_input_errors
def profile_new(
    out_file: Annotated[Path, typer.Option("--out", "-o", help="Where to write the profile.")] = Path(
        "profile.yaml"
    ),
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Answer a few questions; get a profile file. Press Enter to skip any question (it stays unknown)."""
    from imgpath.cli.questionnaire import ask_profile, write_profile

    out_file = check_target(out_file)  # before the questions: a folder or a missing one is refused now
    if out_file.exists() and not force:
        raise InputError("already exists; choose another --out or add --force", file=str(out_file))
    data = ask_profile(out, [(c.id, c.name) for c in _rulebook().catalogue.credentials])
    Profile.model_validate(data)
    write_profile(data, out_file)
    out.print(f"[green]Wrote {escape(str(out_file))}.[/] Next: imgpath check {escape(str(out_file))}")


from imgpath.cli.cohort import cohort_app  # noqa: E402
from imgpath.cli.find import find_command  # noqa: E402
from imgpath.cli.plan import plan_command  # noqa: E402  (registered after the shared helpers above)
from imgpath.cli.shortage import import_command  # noqa: E402

shortage_app = typer.Typer(help="Import HRSA's shortage-area files (HPSA, MUA/P).", no_args_is_help=True)
app.add_typer(shortage_app, name="shortage")
app.add_typer(cohort_app, name="cohort")
shortage_app.command("import")(reports_input_errors(import_command))

app.command("plan")(reports_input_errors(plan_command))
app.command("find")(reports_input_errors(find_command))

from imgpath.cli import listings  # noqa: E402

listings_app = typer.Typer(help="Export, check and import listings (JSON, CSV).", no_args_is_help=True)
app.add_typer(listings_app, name="listings")
for _name, _command in (
    ("export", listings.export_command),
    ("import", listings.import_command),
    ("check", listings.check_command),
):
    listings_app.command(_name)(reports_input_errors(listings.reports_problems(_command)))

from imgpath.cli.match import match_app, mentors_command, rounds_command  # noqa: E402

app.add_typer(match_app, name="match")
match_app.command("mentors")(reports_input_errors(mentors_command))
match_app.command("rounds")(reports_input_errors(rounds_command))


from imgpath.cli.simulate import run_command, simulate_app, sweep_command  # noqa: E402

app.add_typer(simulate_app, name="simulate")
simulate_app.command("run")(reports_input_errors(run_command))
simulate_app.command("sweep")(reports_input_errors(sweep_command))


def main() -> None:  # pragma: no cover - console entry point
    app()
