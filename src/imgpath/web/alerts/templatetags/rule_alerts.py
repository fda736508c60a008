"""``{% load rule_alerts %}``: an alert's changes and its effect on the plan, in the reader's language."""

from __future__ import annotations

from typing import Any

from django import template

from imgpath.web.alerts.models import Alert
from imgpath.web.alerts.sentences import alert_lines, plan_effects

register = template.Library()


@register.filter
def alert_sentences(alert: Alert) -> list[dict[str, Any]]:
    return alert_lines(alert.changes)


@register.filter
def alert_effects(alert: Alert) -> list[str]:
    return plan_effects(alert.before, alert.after)
