"""Small display filters: verdicts and kinds in plain words, ids made readable, money per locale."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats, numberformat
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from imgpath.engine.verdict import Verdict
from imgpath.rulebook.loader import default_rulebook
from imgpath.rulebook.schema import Kind
from imgpath.web.results import KIND_LABELS, VERDICT_LABELS

register = template.Library()


@register.filter
def verdict_label(value: str) -> Any:
    return VERDICT_LABELS[Verdict(value)] if value in Verdict.__members__ else value


@register.filter
def kind_label(value: str) -> Any:
    return KIND_LABELS[Kind(value)] if value in Kind.__members__ else value


@register.filter
def humanize_id(value: Any) -> str:
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


def _number(value: float | int | Decimal) -> str:
    """A number as the active locale writes it; cents only when there are any.

    Django's Arabic formats set no grouping: groups of three are used then, with its separator (``.``).
    """
    grouping = formats.get_format("NUMBER_GROUPING") or 3
    return numberformat.format(
        value,
        str(formats.get_format("DECIMAL_SEPARATOR")),
        decimal_pos=0 if value == int(value) else 2,
        grouping=grouping,
        thousand_sep=str(formats.get_format("THOUSAND_SEPARATOR")),
        force_grouping=True,
    )


@register.filter
def money(amount: Any) -> str:
    """US dollars as the reader's language writes them: ``USD 1,000``, ``1 000 USD``, ``1.000 دولار أمريكي``.

    Takes a number, a range with ``low``/``typical``/``high`` (a rulebook fee, a plan's cost) or None
    (not known). A string is taken as already formatted and shown unchanged.
    """
    if amount is None:
        return _("not known")
    if isinstance(amount, str):
        return amount
    if isinstance(amount, int | float | Decimal):
        # Translators: an amount in US dollars; %(amount)s is the number, already localized
        return pgettext("money", "USD %(amount)s") % {"amount": _number(amount)}
    low, typical, high = (getattr(amount, part, None) for part in ("low", "typical", "high"))
    if low is None or typical is None or high is None:
        return str(amount)
    if low == high:
        return money(typical)
    span = pgettext("money", "USD %(amount)s") % {"amount": f"{_number(low)}–{_number(high)}"}
    # Translators: a range of amounts, then the usual one: "USD 500–1,000 (usually USD 750)"
    return _("%(range)s (usually %(typical)s)") % {"range": span, "typical": money(typical)}
