"""Exports people open elsewhere: the iCalendar file parses back (RFC 5545) with every step and a
reminder ahead of every deadline; the charts carry the labels a reader needs."""

from __future__ import annotations

from datetime import date, timedelta

from icalendar import Calendar

from imgpath.planner.chart import comparison_chart, comparison_figure, plan_chart, plan_figure
from imgpath.planner.ics import REMINDERS, plans_to_ics
from imgpath.planner.plans import plan
from imgpath.rulebook.loader import default_rulebook
from profiles_for_plans import recent_graduate

AS_OF = date(2026, 11, 25)


def _texts(figure: object) -> list[str]:
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    assert isinstance(figure, Figure)
    figure.canvas.draw()  # tick labels exist only once drawn
    return [t.get_text() for t in figure.findobj(Text) if t.get_text()]


def _said(figure: object) -> str:
    """Every word of the chart in one line: labels are wrapped to the phone-sized width."""
    return " ".join(" ".join(_texts(figure)).split())


def test_ics_round_trip_has_every_step_and_reminders_before_deadlines() -> None:
    plans = plan(recent_graduate(), default_rulebook(), as_of=AS_OF, states=["TN"])
    calendar = Calendar.from_ical(plans_to_ics(plans))
    events = calendar.walk("VEVENT")
    steps = [(p.pathway, s) for p in plans.plans if p.feasible for s in p.steps]
    deadlines: list[object] = [d for p in plans.plans if p.feasible for d in p.deadlines]
    deadlines += [lapse for p in plans.plans if p.feasible for lapse in p.lapses if lapse.act_by]
    assert len(events) == len(steps) + len(deadlines)
    uids = [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))
    by_uid = {str(e["UID"]): e for e in events}
    for pathway, step in steps:
        event = by_uid[f"{pathway}.{step.id}@imgpath"]
        assert event.decoded("DTSTART") == step.start
        assert event.decoded("DTEND") == max(step.end, step.start) + timedelta(days=1)
        assert str(event["SUMMARY"]) == step.name
        assert "not legal advice" in str(event["DESCRIPTION"])
    for event in events:
        if str(event["SUMMARY"]).startswith("Deadline"):
            triggers = sorted(a.decoded("TRIGGER") for a in event.walk("VALARM"))
            assert triggers == sorted(-r for r in REMINDERS)
    assert str(calendar["VERSION"]) == "2.0"
    assert "IMG Pathways" in str(calendar["PRODID"])


def test_plan_chart_labels_steps_dates_and_costs() -> None:
    plans = plan(recent_graduate(), default_rulebook(), as_of=AS_OF, route="us-tn.traditional")
    route = plans.plans[0]
    said = _said(plan_figure(route, AS_OF))
    for step in route.steps:
        assert f"{step.name}: {step.end.strftime('%b %Y')}" in said  # above its bar, with its end
    assert route.name in said
    if route.cost.typical:
        assert f"{route.cost.typical:,.0f} USD" in said
    assert plan_chart(route, AS_OF, "png").startswith(b"\x89PNG")


def test_comparison_chart_has_a_row_per_open_route() -> None:
    plans = plan(recent_graduate(), default_rulebook(), as_of=AS_OF, states=["TN", "FL"])
    said = _said(comparison_figure(plans))
    shown = [p for p in plans.plans if p.feasible and (p.first_license or p.full_license)]
    assert shown
    for route in shown:
        assert route.name in said, route.name
    svg = comparison_chart(plans, "svg")
    assert b"<svg" in svg
    # the words stay words (selectable, a quarter of the size), not one path per glyph
    assert shown[0].name.split()[0].encode() in svg
    assert b"<text" in svg


def test_a_comparison_chart_with_a_limit_shows_the_first_routes_of_the_ranking_and_says_so() -> None:
    plans = plan(recent_graduate(), default_rulebook(), as_of=AS_OF, states=["TN", "FL"])
    shown = [p for p in plans.plans if p.feasible and (p.first_license or p.full_license)]
    assert len(shown) > 2
    said = _said(comparison_figure(plans, limit=2))
    assert "The first 2 routes" in said
    assert shown[1].name in said
    assert shown[2].name not in said
