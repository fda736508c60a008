"""Amounts of US dollars written the way the reader's language writes them (pages, feeds, changes)."""

from __future__ import annotations

from decimal import Decimal

from django.utils import formats, numberformat
from django.utils.translation import gettext as _
from django.utils.translation import pgettext


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


def money(amount: object) -> str:
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
