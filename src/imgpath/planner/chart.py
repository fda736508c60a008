"""Timeline charts drawn with matplotlib: one Gantt chart per plan, one comparison across routes.

Sized for a phone: a narrow figure (4 inches), 12 pt type, every bar named above it with its end date
(and its cost), so the picture reads without the legend at 360 px. Every word comes through
``ChartWords``, which the web fills in the reader's language. Figures are built with the object API (no
pyplot), which keeps no global state and is safe in a web process.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from matplotlib import dates as mdates
from matplotlib import rc_context, transforms
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from imgpath.planner.model import PlanSet, RoutePlan

ImageFormat = Literal["png", "svg"]

WIDTH_INCHES = 4.0
"""Narrow on purpose: shown 330 px wide on a 360 px phone, a 12 pt letter stays 12 px or more. The
labels sit above their bars, never beside them, so the drawing does not grow sideways."""
FONT = 12
LINE_INCHES = 0.24
WRAP = 34  # characters per label line at FONT on WIDTH_INCHES
COLOURS = {
    "exam": "#1f77b4",
    "credential": "#6a3d9a",
    "match": "#ff7f0e",
    "training": "#2ca02c",
    "license": "#d62728",
    "visa": "#8c564b",
    "job": "#e377c2",
    "application": "#17becf",
}


def _month(day: date) -> str:
    return day.strftime("%b %Y")


def _money(amount: float) -> str:
    return f"{amount:,.0f} USD"


@dataclass(frozen=True)
class ChartWords:
    """Every word a chart shows, replaceable: the web passes its reader's language (gettext, the
    rulebook's catalogue, localized months); the CLI keeps these English defaults."""

    name: Callable[[str], str] = str
    """The rulebook's words (a step's or a route's name) in the reader's language."""
    month: Callable[[date], str] = _month
    money: Callable[[float], str] = _money
    full_license: Callable[[str], str] = lambda month: f"full license {month}"
    no_full_license: str = "no full license on this route"
    full_license_undated: str = "full license: no date known"
    unknown_fees: Callable[[int], str] = lambda n: f"+ {n} unknown fees"
    comparison_title: Callable[[str], str] = lambda day: f"Time to a license from {day}"
    first_rows: Callable[[int], str] = lambda n: f"The first {n} routes"
    key: str = "dot: first license; bar: full license"


ENGLISH = ChartWords()


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, WRAP, break_on_hyphens=False) or [""]


def _num(day: date) -> float:
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def _years_axis(axes: Axes) -> None:
    axes.xaxis.set_major_locator(mdates.YearLocator())  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))  # type: ignore[no-untyped-call]


def _render(figure: Figure, image: ImageFormat) -> bytes:
    """PNG or SVG. An SVG keeps its words as text, not as one path per glyph: a quarter of the size,
    about a quarter less time to draw (the web app's costliest answer), and text a reader can select."""
    buffer = io.BytesIO()
    with rc_context({"svg.fonttype": "none"}):
        figure.savefig(
            buffer,
            format=image,
            dpi=200,
            bbox_inches="tight",
            metadata={"Date": None} if image == "svg" else None,
        )
    return buffer.getvalue()


def _label(axes: Axes, y: float, text: str, **style: object) -> None:
    """A line of text at the left edge of the plot (right edge in no language: the dates read on)."""
    place = transforms.blended_transform_factory(axes.transAxes, axes.transData)
    axes.text(0.0, y, text, transform=place, va="center", ha="left", fontsize=FONT, **style)  # type: ignore[arg-type]


def _frame(rows: int, title: list[str]) -> tuple[Figure, Axes]:
    figure = Figure(figsize=(WIDTH_INCHES, LINE_INCHES * rows + LINE_INCHES * len(title) + 0.9))
    axes = figure.add_subplot()
    axes.set_title("\n".join(title), fontsize=FONT, loc="left")
    axes.set_yticks([])
    axes.tick_params(axis="x", labelsize=FONT)
    for side in ("left", "right", "top"):
        axes.spines[side].set_visible(False)
    _years_axis(axes)
    return figure, axes


def plan_figure(plan: RoutePlan, as_of: date, words: ChartWords = ENGLISH) -> Figure:
    """A Gantt chart of one route: steps top to bottom, each named above its bar (with its end and
    cost), bars from start to end, the range as a whisker."""
    total = words.money(plan.cost.typical) + (
        f" {words.unknown_fees(len(plan.unknown_fees))}" if plan.unknown_fees else ""
    )
    full = (
        words.full_license(words.month(plan.full_license[1]))
        if plan.full_license
        else words.full_license_undated
        if plan.full_license_undated
        else words.no_full_license
    )
    title = [*_wrap(words.name(plan.name)), *_wrap(f"{full} · {total}")]
    blocks = []
    for step in plan.steps:
        cost = f" · {words.money(step.cost.typical)}" if step.cost.typical else ""
        blocks.append((step, _wrap(f"{words.name(step.name)}: {words.month(step.end)}{cost}")))
    lines = sum(len(label) + 1 for _step, label in blocks)
    figure, axes = _frame(max(lines, 1), title)
    y = 0.0
    for step, label in blocks:
        for text in label:
            _label(axes, y, text)
            y += 1
        width = max((step.end - step.start).days, 3)
        axes.barh(y, width, left=_num(step.start), height=0.7, color=COLOURS.get(step.kind, "#7f7f7f"))
        if step.end_high > step.end:
            axes.plot([_num(step.end), _num(step.end_high)], [y, y], color="#444444", linewidth=1)
        y += 1
    axes.set_ylim(max(y, 1) - 0.4, -0.6)
    axes.axvline(_num(as_of), color="#000000", linewidth=0.8, linestyle=":")
    axes.margins(x=0.02)
    return figure


def comparison_figure(plans: PlanSet, limit: int | None = None, words: ChartWords = ENGLISH) -> Figure:
    """Routes side by side: a bar from today to the full license, a dot at the first license.
    With ``limit``, only the first routes in the plans' ranking: a phone shows twenty rows, not a
    hundred, and each row costs drawing time."""
    rows = [p for p in plans.plans if p.feasible and (p.first_license or p.full_license)]
    shown_all = limit is None or len(rows) <= limit
    rows = rows if shown_all else rows[:limit]
    heading = words.comparison_title(words.month(plans.as_of))
    if not shown_all:
        heading = f"{words.first_rows(len(rows))}. {heading}"
    title = [*_wrap(heading), *_wrap(f"({words.key})")]
    blocks = []
    for plan in rows:
        end = plan.full_license or plan.first_license
        assert end is not None
        name = f"{plan.jurisdiction.removeprefix('US-')}: {words.name(plan.name)}"
        blocks.append(
            (plan, end, _wrap(f"{name} · {words.month(end[1])} · {words.money(plan.cost.typical)}"))
        )
    lines = sum(len(label) + 1 for _plan, _end, label in blocks)
    figure, axes = _frame(max(lines, 1), title)
    start = _num(plans.as_of)
    y = 0.0
    for plan, end, label in blocks:
        for text in label:
            _label(axes, y, text)
            y += 1
        colour = "#2ca02c" if plan.full_license else "#bbbbbb"
        axes.barh(y, _num(end[1]) - start, left=start, height=0.7, color=colour)
        if plan.first_license:
            axes.plot(_num(plan.first_license[1]), y, "o", color="#d62728", markersize=6)
        y += 1
    axes.set_ylim(max(y, 1) - 0.4, -0.6)
    axes.margins(x=0.02)
    return figure


def plan_chart(
    plan: RoutePlan, as_of: date, image: ImageFormat = "png", words: ChartWords = ENGLISH
) -> bytes:
    return _render(plan_figure(plan, as_of, words), image)


def comparison_chart(
    plans: PlanSet, image: ImageFormat = "png", limit: int | None = None, words: ChartWords = ENGLISH
) -> bytes:
    return _render(comparison_figure(plans, limit, words), image)
