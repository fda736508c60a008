"""``{% load mentoring %}``: routes, languages, specialties and places named in the reader's language,
and ``{% mentoring_on_account %}``, the account page's part on proposals."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from imgpath.matching import route_catalogue
from imgpath.messages import message
from imgpath.web.mentoring import services
from imgpath.web.opportunities.display import specialty_label
from imgpath.web.pages import places
from imgpath.web.templatetags.imgpath import rule_text, say

register = template.Library()
CRITERIA = {
    "route": _("Route"),
    "specialty": _("Specialty"),
    "language": _("Language"),
    "country": _("Country"),
    "state": _("State"),
    "availability": _("Availability"),
}


@register.filter
def criterion_label(name: str) -> str:
    return str(CRITERIA.get(name, name))


@register.filter
def route_name(route: str) -> object:
    info = route_catalogue().get(route)
    if info is None:
        return route
    if info.pathway is None:
        return say(message(f"mentors.kind.{info.kind}"))
    return rule_text(info.name or route)


@register.filter
def language_names(codes: list[str]) -> str:
    names = []
    for code in codes or []:
        try:
            names.append(str(get_language_info(code)["name_translated"]))
        except KeyError:
            names.append(code)
    return ", ".join(names)


@register.filter
def specialty_name(code: str) -> str:
    return str(specialty_label(code)) if code else ""


@register.filter
def country_names(codes: list[str] | str) -> str:
    found = [codes] if isinstance(codes, str) else list(codes or [])
    return ", ".join(places.countries().name(code) for code in found if code)


@register.filter
def state_names(codes: list[str]) -> str:
    return ", ".join(places.states().name(code) for code in codes or [])


@register.inclusion_tag("mentoring/_account.html", takes_context=True)
def mentoring_on_account(context: template.Context) -> dict[str, Any]:
    user = context["request"].user
    return {
        "proposals": services.proposals_of(user).filter(status__in=services.LIVE)[:10],
        "user": user,
    }
