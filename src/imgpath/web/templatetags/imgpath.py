"""Small display filters: verdicts and kinds in plain words, ids made readable, money per locale, and
the engine's and planner's explanations in the reader's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from imgpath.engine import Verdict
from imgpath.messages import Message
from imgpath.rulebook import Confidence, Kind, RouteStatus, default_rulebook
from imgpath.web.lib import money as money_text
from imgpath.web.lib import sentences
from imgpath.web.lib.labels import CONFIDENCE_LABELS, KIND_LABELS, ROUTE_STATUS_LABELS, VERDICT_LABELS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

register = template.Library()


@register.filter
def verdict_label(value: str) -> StrOrPromise:
    return VERDICT_LABELS[Verdict(value)] if value in Verdict.__members__ else value


@register.filter
def kind_label(value: str) -> StrOrPromise:
    return KIND_LABELS[Kind(value)] if value in Kind.__members__ else value


@register.filter
def route_status_label(value: str) -> StrOrPromise:
    """A route's legal status (``effective``) in the reader's words."""
    return ROUTE_STATUS_LABELS[RouteStatus(value)] if value in RouteStatus.__members__ else str(value)


@register.filter
def confidence_label(value: str) -> StrOrPromise:
    """How far a route's sources go (``primary``) in the reader's words."""
    return CONFIDENCE_LABELS[Confidence(value)] if value in Confidence.__members__ else str(value)


@register.filter
def humanize_id(value: object) -> str:
    return str(value).replace("_", " ")


@register.filter
def place_name(code: str, names: dict[str, str]) -> str:
    if code == "US":
        return _("United States (federal)")
    return names.get(code.removeprefix("US-"), code)


@register.filter
def rule_text(value: object) -> str:
    """The rulebook's words (a route's name, a criterion's summary, a fee's label) in the reader's
    language where the rulebook's catalogue has them, isolated in ``<bdi>``; still English, marked
    ``lang="en"`` on a page in another language (``imgpath.rulebook.texts``)."""
    if value is None or value == "":
        return ""
    text = str(value)
    if (get_language() or "en").split("-")[0] == "en":
        return text
    translated = _(text)
    if translated == text:
        return format_html('<bdi lang="en">{}</bdi>', text)
    return format_html("<bdi>{}</bdi>", translated)


@register.filter
def unknown_fee(value: str) -> str:
    """A fee of unknown amount as the planner names it ("<step>: <fee>"), both parts in the
    reader's language (the rulebook's catalogue; the planner's own words in the web's)."""
    step, _sep, fee = str(value).partition(": ")
    if not fee:
        return rule_text(step)
    return format_html("{}: {}", rule_text(step), rule_text(fee))


@register.filter
def rule_plain(value: object) -> str:
    """The rulebook's words in the reader's language, as plain text (a page title, an attribute)."""
    return _(str(value)) if value else ""


@register.filter
def step_name(step_id: str) -> str:
    """A roadmap step's name from the catalogue (``usmle_step3`` -> "USMLE Step 3")."""
    return default_rulebook().step_name(step_id)


@register.filter
def money(amount: object) -> str:
    """US dollars in the reader's language (``lib.money``): a number, a fee range, or not known."""
    return money_text.money(amount)


@register.filter
def say(value: object) -> object:
    """A reason, risk, lapse or "why" in the reader's language, through gettext (``lib.sentences``).

    In English the sentence is plain text (escaped as usual); in another language each English name or
    date inside the translated sentence is isolated in ``<bdi>``. Anything but a message passes through.
    """
    if not isinstance(value, Message):
        return value
    if (get_language() or "en").split("-")[0] == "en":
        return str(value)  # the English sentence, written once per message
    return mark_safe(sentences.say_html(value, _))  # escaped by say_html, value by value
