"""A rule change as a keyed message with named parameters (stored with the alert), and as the
sentence a reader reads in their language: one whole sentence per key, never glued fragments."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from imgpath.rulebook import RouteStatus, RuleChange
from imgpath.web.lib.labels import ROUTE_STATUS_LABELS
from imgpath.web.lib.money import money

Message = dict[str, Any]
"""``{"key": "alerts.change.fee", "params": {...}, "reference": [{"title", "href"}, ...]}``."""


def _fact(key: str) -> str:
    """The fact's name in the digest without its prefix: ``criterion.step1`` -> ``step1``."""
    return key.split(".", 1)[1] if "." in key else key


def _amount(fee: Mapping[str, Any] | None) -> float | None:
    """A fee's latest dated amount (a range's typical one); None when unknown or absent."""
    if not fee or not fee.get("values"):
        return None
    amount = fee["values"][-1][1]
    if isinstance(amount, dict):
        return float(amount["typical"])
    return float(amount) if amount is not None else None


def _dates(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v[0]) for v in value if isinstance(v, list) and v)
    return ""


def _window(value: Any) -> str:
    if isinstance(value, Mapping):
        return " / ".join(str(value[k]) for k in ("opens", "closes", "starts_on", "ends_on") if value.get(k))
    return _dates(value)


def change_message(change: RuleChange) -> Message:
    """The keyed message of one change (what the alert stores: the reader's language comes later)."""
    old, new, fact = change.old, change.new, _fact(change.key)
    params: dict[str, Any]
    if change.kind == "route":
        key = "alerts.change.route_removed" if new is None else "alerts.change.route_added"
        params = {"route": (new or old or {}).get("name", change.pathway)}
    elif change.kind == "fee":
        params = {"label": (new or old)["label"], "old": _amount(old), "new": _amount(new)}
        key = "alerts.change.fee"
    elif change.kind == "status":
        event = new or old
        key = "alerts.change.status_added" if old is None else "alerts.change.status_removed"
        params = {"status": change.key.split(".")[1], "date": event.get("date") or event.get("no_later_than")}
    elif change.kind == "date" and change.key.startswith("status."):
        key = "alerts.change.status_date"
        params = {"status": change.key.split(".")[1], "old": old.get("date"), "new": new.get("date")}
    elif change.kind == "date":
        key, params = "alerts.change.dates", {"fact": fact, "old": _dates(old), "new": _dates(new)}
    elif change.kind == "stage":
        name = (new or old or {}).get("name")
        key = "alerts.change.stage" if name else "alerts.change.conversion"
        params = {
            "name": name or "",
            "old": (old or {}).get("months", (old or {}).get("after_months")),
            "new": (new or {}).get("months", (new or {}).get("after_months")),
        }
    elif change.kind == "window":
        key, params = "alerts.change.window", {"fact": fact, "old": _window(old), "new": _window(new)}
    elif change.kind == "duration":
        key = "alerts.change.duration"
        params = {"fact": fact, "old": (old or {}).get("typical"), "new": (new or {}).get("typical")}
    else:
        key, params = "alerts.change.value", {"fact": fact}
    reference = [{"title": t, "href": h} for t, h in change.reference]
    return {"key": key, "params": params, "reference": reference}


def _status(value: Any) -> str:
    try:
        return str(ROUTE_STATUS_LABELS[RouteStatus(value)])
    except ValueError:
        return str(value)


def _or_unknown(value: Any) -> str:
    return _("unknown") if value is None or value == "" else str(value)


def _money(value: Any) -> str:
    return _("no fee") if value is None else money(value)


def _months(value: Any) -> str:
    if value is None:
        return _("unknown")
    return ngettext("%(months)s month", "%(months)s months", int(value)) % {"months": value}


SENTENCES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "alerts.change.route_removed": lambda p: (
        _("The route “%(route)s” is no longer in the rulebook.") % {"route": _(p["route"])}
    ),
    "alerts.change.route_added": lambda p: (
        _("The route “%(route)s” was added to the rulebook.") % {"route": _(p["route"])}
    ),
    "alerts.change.fee": lambda p: (
        _("The fee “%(label)s” changed from %(old)s to %(new)s.")
        % {"label": _(p["label"]), "old": _money(p["old"]), "new": _money(p["new"])}
    ),
    "alerts.change.status_added": lambda p: (
        _("New status: %(status)s, from %(date)s.")
        % {"status": _status(p["status"]), "date": _or_unknown(p["date"])}
    ),
    "alerts.change.status_removed": lambda p: (
        _("The status “%(status)s” was withdrawn from the rulebook.") % {"status": _status(p["status"])}
    ),
    "alerts.change.status_date": lambda p: (
        _("The date of the status “%(status)s” moved from %(old)s to %(new)s.")
        % {"status": _status(p["status"]), "old": _or_unknown(p["old"]), "new": _or_unknown(p["new"])}
    ),
    "alerts.change.dates": lambda p: (
        _("The requirement “%(fact)s” now takes effect on other dates: %(new)s (before: %(old)s).")
        % {"fact": p["fact"], "old": _or_unknown(p["old"]), "new": _or_unknown(p["new"])}
    ),
    "alerts.change.stage": lambda p: (
        _("The stage “%(name)s” now lasts %(new)s (before: %(old)s).")
        % {"name": _(p["name"]), "old": _months(p["old"]), "new": _months(p["new"])}
    ),
    "alerts.change.conversion": lambda p: (
        _("The full license now comes after %(new)s of the last stage (before: %(old)s).")
        % {"old": _months(p["old"]), "new": _months(p["new"])}
    ),
    "alerts.change.window": lambda p: (
        _("The calendar window of “%(fact)s” changed from %(old)s to %(new)s.")
        % {"fact": p["fact"], "old": _or_unknown(p["old"]), "new": _or_unknown(p["new"])}
    ),
    "alerts.change.duration": lambda p: (
        _("The usual time of the step “%(fact)s” changed from %(old)s to %(new)s.")
        % {"fact": p["fact"], "old": _or_unknown(p["old"]), "new": _or_unknown(p["new"])}
    ),
    "alerts.change.value": lambda p: (
        _("The requirement “%(fact)s” of this route changed.") % {"fact": p["fact"]}
    ),
}


def sentence(found: Mapping[str, Any]) -> str:
    """One stored change in the active language."""
    return SENTENCES[found["key"]](found["params"])


def alert_lines(changes: list[Message]) -> list[dict[str, Any]]:
    """An alert's changes as sentences in the active language, each with the sources of the new rule."""
    return [{"text": sentence(found), "reference": found.get("reference", [])} for found in changes]


def _day(span: Any) -> str:
    return str(span[1]) if span else _("none")


def plan_effects(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> list[str]:
    """What the change does to the plan: the first and full license's typical dates and the cost,
    before and after, as sentences in the active language."""
    if after is None:
        return [_("The plan for this route can no longer be made with the rulebook as it is now.")]
    if before is None:
        return [_("This route had no plan for this profile before the change.")]
    lines = []
    facts = (
        ("first_license", _("First license (typical date): %(old)s before, %(new)s now.")),
        ("full_license", _("Full license (typical date): %(old)s before, %(new)s now.")),
    )
    for field, text in facts:
        lines.append(text % {"old": _day(before.get(field)), "new": _day(after.get(field))})
    lines.append(
        _("Known cost (typical): %(old)s before, %(new)s now.")
        % {"old": money(before.get("cost")), "new": money(after.get("cost"))}
    )
    if before == after:
        lines.append(_("The plan's dates and cost stay the same."))
    return lines
