"""Small display filters: verdicts and kinds in plain words, ids made readable, money per locale."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template
from django.utils.translation import gettext as _

from imgpath.engine.verdict import Verdict
from imgpath.rulebook.loader import default_rulebook
from imgpath.rulebook.schema import Kind
from imgpath.web.lib import money as money_text
from imgpath.web.lib.labels import KIND_LABELS, VERDICT_LABELS

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
def humanize_id(value: object) -> str:
    return str(value).replace("_", " ")


@register.filter
def place_name(code: str, names: dict[str, str]) -> str:
    if code == "US":
        return _("United States (federal)")
    return names.get(code.removeprefix("US-"), code)


@register.filter
def step_name(step_id: str) -> str:
    """A roadmap step's name from the catalogue (``usmle_step3`` -> "USMLE Step 3")."""
    return default_rulebook().step_name(step_id)


@register.filter
def money(amount: object) -> str:
    """US dollars in the reader's language (``lib.money``): a number, a fee range, or not known."""
    return money_text.money(amount)
