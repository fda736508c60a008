"""Alerts in the private calendar feed: each an all-day entry on the day the change was found, in the
language its reader last read the site in, beside the plan's steps (``plans.views.feed``)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from imgpath.web.accounts.languages import language_of
from imgpath.web.alerts.models import Alert
from imgpath.web.alerts.sentences import alert_lines, plan_effects


def with_alerts(body: bytes, user: User) -> bytes:
    """The calendar ``body`` with an entry for each of ``user``'s alerts (read or not)."""
    alerts = list(Alert.objects.filter(owner=user).select_related("profile"))
    if not alerts:
        return body
    calendar = Calendar.from_ical(body)
    with translation.override(language_of(user)):
        for alert in alerts:
            day = alert.created.date()
            event = Event()
            event.add("uid", f"alert-{alert.pk}@imgpath")
            event.add("summary", _("Rule change: %(route)s") % {"route": _(alert.route_name)})
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
            event.add("dtstamp", alert.created)
            lines = [f"{alert.profile.name}: {_(alert.route_name)} ({alert.pathway})"]
            lines += [line["text"] for line in alert_lines(alert.changes)]
            lines += plan_effects(alert.before, alert.after)
            event.add("description", "\n".join(lines))
            event.add("transp", "TRANSPARENT")
            calendar.add_component(event)
    return bytes(calendar.to_ical())
