"""The rulebook read for pages (read models, not views): states, routes by state, what changed when.

Plain functions over ``imgpath.rulebook``; Django only for translating the few words they add.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from imgpath.rulebook import (
    CompiledGroup,
    CompiledRoute,
    Criterion,
    FeeRange,
    Group,
    Jurisdiction,
    Pathway,
    Reference,
    Rulebook,
    StatusEvent,
)
from imgpath.web.lib.labels import ROUTE_STATUS_LABELS
from imgpath.web.lib.money import money


def state_code(jurisdiction: str) -> str | None:
    """``US-TN`` -> ``TN``; the federal ``US`` has none."""
    return jurisdiction.removeprefix("US-") if jurisdiction.startswith("US-") else None


def states(rulebook: Rulebook) -> list[Jurisdiction]:
    """Every state (and DC) in the rulebook, by name."""
    found = [j for j in rulebook.jurisdictions.values() if state_code(j.jurisdiction)]
    return sorted(found, key=lambda j: j.name)


def latest_event(pathway: Pathway, day: date) -> StatusEvent | None:
    """The last status event known to have happened by ``day``."""
    happened = [e for e in pathway.status if e.known_by is not None and e.known_by <= day]
    return happened[-1] if happened else None


@dataclass
class CriterionRow:
    """A criterion or group flattened for display, with its depth and dated parameters."""

    node: Criterion | Group
    depth: int
    combinator: str | None
    values: list[tuple[date, Any]] = field(default_factory=list)


def criterion_rows(route: CompiledRoute) -> list[CriterionRow]:
    rows: list[CriterionRow] = []
    for depth, node in route.nodes:
        if isinstance(node, CompiledGroup):
            rows.append(CriterionRow(node.node, depth, node.combinator))
        else:
            values = sorted((node.node.values or {}).items())
            rows.append(CriterionRow(node.node, depth, None, [(day, _plain(v)) for day, v in values]))
    return rows


def _plain(params: dict[str, Any] | None) -> str:
    if params is None:
        return _("no longer required")
    return ", ".join(f"{k.replace('_', ' ')}: {_value(v)}" for k, v in params.items())


def _value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if value is None:
        return _("not known")
    return str(value)


@dataclass(frozen=True)
class FeeRow:
    """A fee as charged on one day: an amount, a range, or not known."""

    label: str
    amount: float | FeeRange | None
    """Formatted in the template (the ``money`` filter), in the reader's language."""
    since: date | None
    confidence: str | None
    references: tuple[Reference, ...]


def fee_rows(pathway: Pathway, day: date) -> list[FeeRow]:
    rows = []
    for fee in pathway.fees:
        amount = fee.amount_on(day)
        started = [start for start in sorted(fee.values) if start <= day]
        confidence = fee.confidence or pathway.confidence
        rows.append(
            FeeRow(
                fee.label,
                amount,
                started[-1] if started else None,
                confidence.value if confidence else None,
                tuple(fee.reference or pathway.reference),
            )
        )
    return rows


@dataclass(frozen=True)
class RulebookChange:
    """One dated change in the rulebook: a route's status, a criterion's value or a fee."""

    day: date
    jurisdiction: str
    pathway: Pathway
    what: str
    """In the reader's language where the catalogues have it."""
    detail: str
    """A status's note, a fee's amount, or a criterion's new values as the rulebook's parameters."""
    approximate: bool = False
    """The exact day is not known: ``day`` is the latest it can have happened."""
    references: tuple[Reference, ...] = ()
    coded: bool = False
    """``detail`` is the rulebook's parameters as written (``years: 3``), not words: shown as code."""


def changes(rulebook: Rulebook) -> list[RulebookChange]:
    """Every dated change in the rulebook, newest first (future ones included)."""
    found: list[RulebookChange] = []
    for jurisdiction, pathway in rulebook.pathways:
        code = jurisdiction.jurisdiction
        for event in pathway.status:
            day = event.date or event.no_later_than
            if day is None:  # undated, or only first seen long after it happened: not a change to list
                continue
            found.append(
                RulebookChange(
                    day,
                    code,
                    pathway,
                    _("status: %(status)s") % {"status": ROUTE_STATUS_LABELS[event.status]},
                    _(event.note) if event.note else "",  # the rulebook's catalogue (rulebook.texts)
                    event.date is None,
                    tuple(event.reference or pathway.reference),
                )
            )
        first_seen = pathway.status[0].first_seen
        for criterion in rulebook.route(pathway.id).criteria_in_order:
            for day, params in (criterion.values or {}).items():
                if day == first_seen:
                    continue  # a value as first seen in the sources is no change on that day
                found.append(
                    RulebookChange(
                        day,
                        code,
                        pathway,
                        _(criterion.summary),
                        _plain(params),
                        references=tuple(criterion.reference or pathway.reference),
                        coded=params is not None,
                    )
                )
        for fee in pathway.fees:
            for day, amount in fee.values.items():
                found.append(
                    RulebookChange(
                        day,
                        code,
                        pathway,
                        _("fee: %(label)s") % {"label": _(fee.label)},
                        money(amount),
                        references=tuple(fee.reference or pathway.reference),
                    )
                )
    return sorted(found, key=lambda c: (c.day, c.jurisdiction, c.pathway.id), reverse=True)
