"""Verdict counts as a stacked bar chart (SVG), one bar per state or per kind of route.

Drawn like the planner's charts (src/imgpath/planner/chart.py): the object API (no pyplot, no
global state), 12 pt type on a 4-inch figure, so every label stays 12 px or more on a phone; words
are replaceable (``label``, ``verdict_name``) for the web to pass its reader's language.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from matplotlib import rc_context
from matplotlib.figure import Figure

from imgpath.cohort.batch import VERDICT_RANK

FONT = 12
WIDTH_INCHES = 4.0
BAR_INCHES = 0.42
COLOURS = {
    "eligible": "#2ca02c",
    "not_yet": "#1f77b4",
    "needs_steps": "#ff7f0e",
    "unknown": "#7f7f7f",
    "not_eligible": "#d62728",
}
VERDICT_NAMES = {
    "eligible": "eligible",
    "not_yet": "not yet",
    "needs_steps": "needs steps",
    "unknown": "unknown",
    "not_eligible": "not eligible",
}


def verdict_chart(
    table: Sequence[Mapping[str, Any]],
    *,
    title: str,
    synthetic: bool = False,
    label: Callable[[str], str] = str,
    verdict_name: Callable[[str], str] = VERDICT_NAMES.__getitem__,
) -> bytes:
    """An SVG of ``counts_table`` rows (label, then a count per verdict); ``synthetic`` says so in
    the title."""
    rows = list(table)
    height = max(1.5, 1.2 + BAR_INCHES * len(rows))
    figure = Figure(figsize=(WIDTH_INCHES, height))
    axes = figure.add_subplot()
    names = [label(str(row["label"])) for row in rows]
    positions = list(range(len(rows)))
    left = [0] * len(rows)
    for verdict in VERDICT_RANK:
        values = [int(row.get(verdict, 0)) for row in rows]
        axes.barh(positions, values, left=left, color=COLOURS[verdict], label=verdict_name(verdict))
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_yticks(positions, names, fontsize=FONT)
    axes.invert_yaxis()
    axes.tick_params(axis="x", labelsize=FONT)
    axes.set_title(f"{title} (synthetic people)" if synthetic else title, fontsize=FONT, loc="left")
    axes.legend(fontsize=FONT, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncols=2, frameon=False)
    buffer = io.BytesIO()
    with rc_context({"svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return buffer.getvalue()
