"""What each route depends on, as a canonical digest, and the rule changes between two digests.

A route's digest names every fact a verdict or a plan for it reads: each criterion's dated values,
each status event, the fees and stage lengths of the route, and of every catalogue step its plan can
use (their fees, windows and durations), and its state's Conrad 30 program. It is plain JSON data
(str, int, float, bool, None, lists and dicts with sorted string keys), so the web layer can store it
and compare it with the rulebook loaded after a deploy. References travel with each item but are not
compared: a source re-read or re-linked is not a change in the rule, and the change cites the new one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from imgpath.rulebook.loader import Rulebook
from imgpath.rulebook.model import CompiledRoute
from imgpath.rulebook.schema import Conrad30Program, Fee, Reference, Step

ChangeKind = Literal["route", "value", "date", "status", "fee", "window", "stage", "duration"]
"""What changed: a route added or removed, a criterion's or a program's value, the dates from which
values hold or a status event's date, a status event added or removed, a fee, a calendar window, a
license stage's length (or the conversion's), a catalogue step's duration."""

Digest = dict[str, Any]
"""One route's digest: ``{"pathway": id, "jurisdiction": ..., "name": ..., "items": {key: item}}``;
an item is ``{"kind": ChangeKind, "value": JSON, "reference": [{"title", "href"}, ...]}``."""

ROUTE_STEPS = (
    "state_license_application",
    "provisional_license",
    "supervised_period",
    "full_license_conversion",
)
"""Steps the planner adds to routes by their shape (``imgpath.planner.build``): every route's
application, and for the other routes the provisional license, stages and conversion."""


@dataclass(frozen=True)
class RuleChange:
    """One change in what a route depends on: ``old`` None when added, ``new`` None when removed."""

    pathway: str
    kind: ChangeKind
    key: str
    """Which fact, within the route's digest (``criterion.practice_years``, ``step.eras.fee.eras``)."""
    old: Any
    new: Any
    reference: tuple[tuple[str, str], ...]
    """(title, href) of the sources behind the new value (the old one's when it was removed)."""

    def json(self) -> dict[str, Any]:
        return {
            "pathway": self.pathway,
            "kind": self.kind,
            "key": self.key,
            "old": self.old,
            "new": self.new,
            "reference": [{"title": t, "href": h} for t, h in self.reference],
        }


def _plain(value: Any) -> Any:
    """Canonical JSON data: pydantic models dumped, dates as ISO text, dict keys sorted."""
    return json.loads(json.dumps(value, sort_keys=True, default=_default))


def _default(value: Any) -> Any:
    dump = getattr(value, "model_dump", None)
    if dump is not None:
        return dump(mode="json", exclude_none=False)
    isoformat = getattr(value, "isoformat", None)
    if isoformat is not None:
        return isoformat()
    raise TypeError(f"not JSON data: {type(value).__name__}")


def _refs(*candidates: Iterable[Reference]) -> list[dict[str, str]]:
    """The first non-empty reference list: an item's own, else the one around it."""
    for references in candidates:
        found = [{"title": r.title, "href": r.href} for r in references]
        if found:
            return found
    return []


def _item(kind: ChangeKind, value: Any, *references: Iterable[Reference]) -> dict[str, Any]:
    return {"kind": kind, "value": _plain(value), "reference": _refs(*references)}


def _dated(values: Mapping[Any, Any]) -> list[list[Any]]:
    """Dated values as ``[[ISO date, value], ...]``, oldest first."""
    return [[start.isoformat(), value] for start, value in sorted(values.items())]


def _fee(fee: Fee, *around: Iterable[Reference]) -> dict[str, Any]:
    return _item("fee", {"label": fee.label, "values": _dated(fee.values)}, fee.reference, *around)


def _steps_of(route: CompiledRoute, rulebook: Rulebook) -> list[str]:
    """The catalogue steps a plan for the route can use: those that cure its criteria, its own
    application steps, those the planner adds by its shape, and everything these require."""
    pathway = route.pathway
    wanted = [c.step for c in route.criteria_in_order if c.step]
    wanted += [*pathway.application_steps, ROUTE_STEPS[0]]
    if pathway.kind.value != "traditional":
        wanted.append(ROUTE_STEPS[1])
    if pathway.stages:
        wanted.append(ROUTE_STEPS[2])
    if pathway.conversion is not None:
        wanted.append(ROUTE_STEPS[3])
    seen: dict[str, None] = {}
    while wanted:
        step_id = wanted.pop()
        step = rulebook.steps.get(step_id)
        if step is None or step_id in seen:
            continue
        seen[step_id] = None
        wanted += step.requires
        if step.visa_step:
            wanted.append(step.visa_step)
    return sorted(seen)


def _step_items(step: Step) -> dict[str, dict[str, Any]]:
    items: dict[str, dict[str, Any]] = {}
    where = f"step.{step.id}"
    if step.duration is not None:
        items[f"{where}.duration"] = _item("duration", step.duration, step.reference)
    if step.window is not None:
        window = step.window.model_dump(include={"opens", "closes", "starts_on", "ends_on"})
        items[f"{where}.window"] = _item("window", window, step.window.reference, step.reference)
    for fee in step.fees:
        items[f"{where}.fee.{fee.id}"] = _fee(fee, step.reference)
    return items


def _program_items(program: Conrad30Program) -> dict[str, dict[str, Any]]:
    items: dict[str, dict[str, Any]] = {}
    for name, fact in program.facts.items():
        kind: ChangeKind = "window" if name == "window" else "value"
        items[f"conrad30.{name}"] = _item(kind, _dated(fact.values), fact.reference, program.reference)
    for fee in program.fees:
        items[f"conrad30.fee.{fee.id}"] = _fee(fee, program.reference)
    return items


def route_digest(route: CompiledRoute, rulebook: Rulebook) -> Digest:
    """What one route depends on, as canonical JSON data (see the module's docstring)."""
    pathway = route.pathway
    own = pathway.reference
    items: dict[str, dict[str, Any]] = {}
    items["route"] = _item("route", {"kind": pathway.kind.value, "name": pathway.name}, own)
    counts: dict[str, int] = {}
    for event in pathway.status:
        counts[event.status.value] = counts.get(event.status.value, 0) + 1
        number = counts[event.status.value]
        key = f"status.{event.status.value}" + (f".{number}" if number > 1 else "")
        dates = event.model_dump(include={"date", "no_later_than", "not_before", "first_seen"})
        items[key] = _item("status", dates, event.reference, own)
    for criterion in route.criteria_in_order:
        supporting = [
            r for r in criterion.reference if r.value is None or r.value == _latest(criterion.values)
        ]
        value = _dated(criterion.values) if criterion.values is not None else None
        items[f"criterion.{criterion.id}"] = _item("value", value, supporting, criterion.reference, own)
    for fee in pathway.fees:
        items[f"fee.{fee.id}"] = _fee(fee, own)
    for number, stage in enumerate(pathway.stages, start=1):
        items[f"stage.{number}"] = _item("stage", {"name": stage.name, "months": stage.months}, own)
    if pathway.conversion is not None:
        items["conversion"] = _item("stage", {"after_months": pathway.conversion.after_months}, own)
    for step_id in _steps_of(route, rulebook):
        items.update(_step_items(rulebook.steps[step_id]))
    program = rulebook.conrad30(route.jurisdiction)
    if program is not None:
        items.update(_program_items(program))
    return {
        "pathway": pathway.id,
        "jurisdiction": route.jurisdiction,
        "name": pathway.name,
        "items": dict(sorted(items.items())),
    }


def _latest(values: Mapping[Any, Any] | None) -> Any:
    return max(values) if values else None


def rulebook_digest(rulebook: Rulebook) -> dict[str, Digest]:
    """Every route's digest, by pathway id, in the rulebook's order."""
    return {pathway_id: route_digest(route, rulebook) for pathway_id, route in rulebook.routes.items()}


def _reference(item: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple((r["title"], r["href"]) for r in item.get("reference", []))


def _dates_of(value: Any) -> list[Any] | None:
    """The effective dates of a dated value (``[[date, value], ...]``), None for any other value."""
    if isinstance(value, list) and all(isinstance(v, list) and len(v) == 2 for v in value):
        return [v[0] for v in value]
    return None


def _kind(key: str, old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> ChangeKind:
    """The kind of a change: a criterion's or a program's value whose dates moved is a ``date``
    change, a status event whose date moved too; the item's own kind otherwise."""
    kind: ChangeKind = (new or old or {})["kind"]
    if old is None or new is None:
        return kind
    if kind == "status":
        return "date"
    was, now = _dates_of(old["value"]), _dates_of(new["value"])
    if kind in ("value", "window") and was is not None and now is not None and was != now:
        return "date"
    return kind


def _route_changes(pathway: str, before: Digest | None, after: Digest | None) -> list[RuleChange]:
    old_items: Mapping[str, Any] = before["items"] if before else {}
    new_items: Mapping[str, Any] = after["items"] if after else {}
    if before is None or after is None:  # the route itself came or went: one change says so
        item = (after or before or {})["items"]["route"]
        old = old_items.get("route", {}).get("value")
        new = new_items.get("route", {}).get("value")
        return [RuleChange(pathway, "route", "route", old, new, _reference(item))]
    found = []
    for key in sorted(set(old_items) | set(new_items)):
        old, new = old_items.get(key), new_items.get(key)
        if old is not None and new is not None and old["value"] == new["value"]:
            continue
        item = new if new is not None else old
        assert item is not None
        found.append(
            RuleChange(
                pathway,
                _kind(key, old, new),
                key,
                old["value"] if old is not None else None,
                new["value"] if new is not None else None,
                _reference(item),
            )
        )
    return found


def rule_changes(before: Mapping[str, Digest], after: Mapping[str, Digest]) -> list[RuleChange]:
    """Every change between two rulebooks' digests (``rulebook_digest``), by pathway then key.

    Pure and deterministic: equal digests give no change, and swapping the arguments names the same
    (pathway, key) pairs with old and new swapped."""
    found: list[RuleChange] = []
    for pathway in sorted(set(before) | set(after)):
        found += _route_changes(pathway, before.get(pathway), after.get(pathway))
    return found
