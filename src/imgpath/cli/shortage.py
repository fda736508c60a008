"""``imgpath shortage``: import HRSA's shortage-designation files into dated tables the engine reads."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from imgpath.areas import DIRECTORY_VARIABLE, LAYOUTS, AreaKind, import_hrsa_file, table_name
from imgpath.yamlio import InputError

out = Console()


def _guess_kind(file: Path) -> AreaKind:
    """The kind from HRSA's own file name (``BCD_HPSA_FCT_DET_PC.csv``), when --kind is not given."""
    for kind, layout in LAYOUTS.items():
        if file.name.upper().endswith(layout.file_name.upper()):
            return kind
    names = ", ".join(k.value for k in AreaKind)
    raise InputError(f"cannot tell the file's kind from its name; give --kind ({names})", file=file.name)


def import_command(
    file: Annotated[
        Path, typer.Argument(help="An HRSA file: BCD_HPSA_FCT_DET_PC.csv, _MH, _DH or MUA_DET.csv.")
    ],
    kind: Annotated[
        AreaKind | None, typer.Option("--kind", help="Which file it is (default: from its name).")
    ] = None,
    into: Annotated[
        Path | None,
        typer.Option(
            "--into", help=f"Directory of tables (default: ${DIRECTORY_VARIABLE}).", file_okay=False
        ),
    ] = None,
    partial: Annotated[
        bool, typer.Option("--partial", help="The file is an extract: counties it leaves out stay unknown.")
    ] = False,
    demo: Annotated[
        bool, typer.Option("--demo", help="The file is generated demo data, not HRSA's (answers say so).")
    ] = False,
) -> None:
    """Import one HRSA file (streamed; a flaw names file, line and column; nothing half-written)."""
    target = into or (Path(os.environ[DIRECTORY_VARIABLE]) if os.environ.get(DIRECTORY_VARIABLE) else None)
    if target is None:
        raise InputError(f"say where the tables go: --into DIR, or set {DIRECTORY_VARIABLE}", field="--into")
    if not file.is_file():
        raise InputError("no such file", file=str(file))
    chosen = kind or _guess_kind(file)
    columns = [TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn()]
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(f"reading {escape(file.name)}", total=file.stat().st_size)
        source = import_hrsa_file(
            file,
            chosen,
            target,
            demo=demo,
            complete=not partial,
            progress=lambda done: bar.update(task, completed=done),
        )
    skipped = ", ".join(f"{n} {why.replace('_', ' ')}" for why, n in sorted(source.skipped.items())) or "none"
    label = " [bold yellow](demo data, not HRSA's)[/]" if source.demo else ""
    out.print(
        f"{escape(source.title)}{label}: {source.rows_read:,} rows read, {source.rows_kept:,} kept, "
        f"skipped: {skipped}; data warehouse record create date {source.record_created}; "
        f"written to {escape(str(target / table_name(chosen)))}",
        soft_wrap=True,
    )
