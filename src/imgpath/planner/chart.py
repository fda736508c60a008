"""Timeline charts drawn with matplotlib: one Gantt chart per plan, one comparison across routes.

Sized for a phone: a narrow figure, one row per step, large type, every bar labelled with its dates
(and its cost), so the picture reads without the legend. Figures are built with the object API (no
pyplot), which keeps no global state and is safe in a web process.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Literal

from matplotlib import dates as mdates
from matplotlib import rc_context
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from imgpath.planner.model import PlanSet, RoutePlan

ImageFormat = Literal["png", "svg"]

WIDTH_INCHES = 6.0
ROW_INCHES = 0.55
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


def _num(day: date) -> float:
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def _years_axis(axes: Axes) -> None:
    axes.xaxis.set_major_locator(mdates.YearLocator())  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))  # type: ignore[no-untyped-call]


def _month(day: date) -> str:
    return day.strftime("%b %Y")


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


def plan_figure(plan: RoutePlan, as_of: date) -> Figure:
    """A Gantt chart of one route: steps top to bottom, bars from start to end, the range as a whisker."""
    steps = plan.steps
    figure = Figure(figsize=(WIDTH_INCHES, ROW_INCHES * max(len(steps), 1) + 1.6))
    axes = figure.add_subplot()
    for row, step in enumerate(steps):
        width = max((step.end - step.start).days, 3)
        axes.barh(row, width, left=_num(step.start), height=0.6, color=COLOURS.get(step.kind, "#7f7f7f"))
        if step.end_high > step.end:
            axes.plot(
                [_num(step.end), _num(step.end_high)],
                [row, row],
                color="#444444",
                linewidth=1,
            )
        cost = f" · {step.cost.typical:,.0f} USD" if step.cost.typical else ""
        axes.text(
            _num(max(step.end_high, step.end) + timedelta(days=10)),
            row,
            f"{_month(step.end)}{cost}",
            va="center",
            fontsize=8,
        )
    axes.set_yticks(range(len(steps)), [s.name for s in steps], fontsize=8)
    axes.invert_yaxis()
    _years_axis(axes)
    axes.axvline(_num(as_of), color="#000000", linewidth=0.8, linestyle=":")
    total = f"{plan.cost.typical:,.0f} USD" + (
        f" + {len(plan.unknown_fees)} unknown fees" if plan.unknown_fees else ""
    )
    full = (
        f"full license {_month(plan.full_license[1])}"
        if plan.full_license
        else "full license: no date known"
        if plan.full_license_undated
        else "no full license on this route"
    )
    axes.set_title(f"{plan.name}\n{full} · {total}", fontsize=9)
    axes.margins(x=0.25)
    return figure


def comparison_figure(plans: PlanSet, limit: int | None = None) -> Figure:
    """Routes side by side: a bar from today to the full license, a dot at the first license.
    With ``limit``, only the first routes in the plans' ranking: a phone shows twenty rows, not a
    hundred, and each row costs drawing time."""
    rows = [p for p in plans.plans if p.feasible and (p.first_license or p.full_license)]
    shown_all = limit is None or len(rows) <= limit
    rows = rows if shown_all else rows[:limit]
    figure = Figure(figsize=(WIDTH_INCHES, ROW_INCHES * max(len(rows), 1) + 1.6))
    axes = figure.add_subplot()
    start = _num(plans.as_of)
    for row, plan in enumerate(rows):
        end = plan.full_license or plan.first_license
        assert end is not None
        axes.barh(
            row,
            _num(end[1]) - start,
            left=start,
            height=0.6,
            color="#2ca02c" if plan.full_license else "#bbbbbb",
        )
        if plan.first_license:
            axes.plot(_num(plan.first_license[1]), row, "o", color="#d62728", markersize=4)
        axes.text(
            _num(end[1]) + 20,
            row,
            f"{_month(end[1])} · {plan.cost.typical:,.0f} USD",
            va="center",
            fontsize=8,
        )
    axes.set_yticks(
        range(len(rows)), [f"{p.jurisdiction.removeprefix('US-')}: {p.name}"[:48] for p in rows], fontsize=7
    )
    axes.invert_yaxis()
    _years_axis(axes)
    first = "" if shown_all else f"The first {len(rows)} routes: "
    axes.set_title(
        f"{first}time to a license from {plans.as_of} (dot: first license; bar: full license)", fontsize=9
    )
    axes.margins(x=0.3)
    return figure


def plan_chart(plan: RoutePlan, as_of: date, image: ImageFormat = "png") -> bytes:
    return _render(plan_figure(plan, as_of), image)


def comparison_chart(plans: PlanSet, image: ImageFormat = "png", limit: int | None = None) -> bytes:
    return _render(comparison_figure(plans, limit), image)
