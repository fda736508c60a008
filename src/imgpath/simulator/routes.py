"""Hypothetical routes: a route written in the rulebook's own YAML, or an existing one with values changed.

Either way the route goes through the rulebook's own schema, checks and compiler
(``imgpath.rulebook.compile_pathway_document``), so a flaw is named by file, line and field exactly
as the loader names it, and hostile YAML is refused by the same reader. The route then takes the id
``hypothetical.<state>.<name>``: it can never be mistaken for a law in force.

Changes to an existing route are written as paths (see docs/simulator.md):

- ``criteria.<id>.params.<field>``: the field in every dated parameter set of criterion ``<id>``
  (found at any depth, inside groups too);
- ``criteria.<id>.values.<YYYY-MM-DD>.<field>``: the field from that date on (a new date starts from
  the parameters in force on it);
- ``criteria.<id>.values.<YYYY-MM-DD>``: the whole parameter set from that date (null: the criterion
  ends that day);
- ``criteria.<id>``: null removes the criterion (or group) from the route.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from imgpath.rulebook import DATA_DIR, CompiledRoute, Jurisdiction, Rulebook, compile_pathway_document
from imgpath.yamlio import InputError, SourceMap, load_file, load_text, printable

PREFIX = "hypothetical."
CHANGES = "<changes>"
"""The file name errors in a list of changes carry (they come from code or the command line)."""
_GROUP_KEYS = ("all", "any")


@dataclass(frozen=True, slots=True)
class Hypothetical:
    """A route that is not law: its compiled form, where it came from and what was changed."""

    route: CompiledRoute
    jurisdiction: Jurisdiction
    derived_from: str | None = None
    """The in-force route it was made from by changing values (None: written as YAML)."""
    changes: tuple[tuple[str, Any], ...] = ()
    source: str = CHANGES
    """The file it was read from, or ``<changes>`` for a derived route."""

    hypothetical = True
    """Always true: every answer that shows this route says so."""

    @property
    def id(self) -> str:
        return self.route.id

    @property
    def state(self) -> str | None:
        return self.route.state


def hypothetical_id(pathway_id: str, name: str | None = None) -> str:
    """``us-tn.provisional_license`` -> ``hypothetical.tn.provisional_license`` (or ``....<name>``)."""
    base = pathway_id.removeprefix(PREFIX)
    jurisdiction, _, route = base.partition(".")
    state = jurisdiction.removeprefix("us-").removeprefix("us") or "us"
    return f"{PREFIX}{state}.{name or route}"


def _schema_id(pathway_id: str) -> str:
    """The id the rulebook's schema accepts for a hypothetical id (``hypothetical.tn.x`` -> ``us-tn.x``)."""
    if not pathway_id.startswith(PREFIX):
        return pathway_id
    state, _, route = pathway_id.removeprefix(PREFIX).partition(".")
    return f"us.{route}" if state == "us" else f"us-{state}.{route}"


def _relabel(
    jurisdiction: Jurisdiction, route: CompiledRoute, new_id: str
) -> tuple[Jurisdiction, CompiledRoute]:
    """The checked route under its hypothetical id and name (the compiled tree is otherwise as checked)."""
    pathway = route.pathway
    name = pathway.name if pathway.name.endswith("(hypothetical)") else f"{pathway.name} (hypothetical)"
    renamed = pathway.model_copy(update={"id": new_id, "name": name})
    compiled = replace(route, pathway=renamed)
    return jurisdiction.model_copy(update={"pathways": [renamed]}), compiled


def _check(raw: Any, source: SourceMap, rulebook: Rulebook) -> tuple[Jurisdiction, CompiledRoute, str]:
    """The document checked by the rulebook's own schema; its pathway id made schema-valid first."""
    pathways = raw.get("pathways") if isinstance(raw, dict) else None
    given = ""
    if isinstance(pathways, list) and len(pathways) == 1 and isinstance(pathways[0], dict):
        given = str(pathways[0].get("id", ""))
        pathways[0]["id"] = (
            _schema_id(given) if isinstance(pathways[0].get("id"), str) else pathways[0].get("id")
        )
    jurisdiction, route = compile_pathway_document(raw, source, rulebook)
    return jurisdiction, route, given


def _document(raw: Any, source: SourceMap, rulebook: Rulebook, file: str) -> Hypothetical:
    jurisdiction, route, _ = _check(raw, source, rulebook)
    if route.id in rulebook.routes:
        raise InputError(
            f"'{route.id}' is a route in force: give the hypothetical route a name of its own "
            "(or derive it from the route with --set)",
            file=file,
            line=source.line_of(("pathways", 0, "id")),
            field="id",
        )
    jurisdiction, route = _relabel(jurisdiction, route, hypothetical_id(route.id))
    return Hypothetical(route, jurisdiction, source=file)


def load_hypothetical(path: Path, rulebook: Rulebook, display_name: str | None = None) -> Hypothetical:
    """A hypothetical route from a YAML file holding one pathway as the state files do."""
    name = display_name or path.name
    raw, source = load_file(path, name)
    return _document(raw, source, rulebook, name)


def hypothetical_from_text(text: str, rulebook: Rulebook, file: str = "<hypothetical>") -> Hypothetical:
    """A hypothetical route from YAML text (a form or an API body), checked as ``load_hypothetical``."""
    raw, source = load_text(text, file)
    return _document(raw, source, rulebook, file)


def _raw_pathway(rulebook: Rulebook, pathway_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The route as its rule file writes it, and its file's top (jurisdiction, name, board)."""
    file = rulebook.files[pathway_id]
    route = rulebook.route(pathway_id)
    raw, _ = load_file(DATA_DIR / file, file)
    node: Any = raw
    for part in route.location:
        node = node[part]
    top = {key: raw[key] for key in ("jurisdiction", "name", "board") if key in raw}
    return top, copy.deepcopy(node)


def _nodes(
    children: list[Any], parent: list[Any] | dict[str, Any]
) -> Iterator[tuple[dict[str, Any], Any, Any]]:
    """Every criterion and group in a raw criteria list, with its container and its key or index there."""
    for index, node in enumerate(children):
        if not isinstance(node, dict):
            continue
        yield node, children, index
        for key in _GROUP_KEYS:
            if isinstance(node.get(key), list):
                yield from _nodes(node[key], node)
        if isinstance(node.get("not"), dict):
            yield node["not"], node, "not"
            inner = node["not"]
            for key in _GROUP_KEYS:
                if isinstance(inner.get(key), list):
                    yield from _nodes(inner[key], inner)
    del parent


def _find(pathway: dict[str, Any], criterion_id: str, path: str) -> tuple[dict[str, Any], Any, Any]:
    for found in _nodes(pathway.get("criteria") or [], pathway):
        if found[0].get("id") == criterion_id:
            return found
    known = ", ".join(str(n.get("id")) for n, _, _ in _nodes(pathway.get("criteria") or [], pathway))
    raise InputError(
        f"the route has no criterion '{printable(criterion_id)}' (it has: {known})", file=CHANGES, field=path
    )


def _day(text: str, path: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise InputError(
            f"'{printable(text)}' is not a date (write YYYY-MM-DD)", file=CHANGES, field=path
        ) from None


def _in_force_on(values: dict[str, Any], day: str) -> Any:
    """The parameter set a criterion's values hold on ``day`` (ISO text), None before the first."""
    current = None
    for start in sorted(values):
        if str(start) <= day:
            current = values[start]
    return copy.deepcopy(current)


def _apply_dated(node: dict[str, Any], rest: list[str], value: Any, path: str) -> None:
    """``values.<date>`` (the whole parameter set) or ``values.<date>.<field>`` of one criterion."""
    values = node.get("values")
    day = _day(rest[1], path)
    if not isinstance(values, dict):
        values = node["values"] = {}
    matching = [k for k in values if str(k) == day]
    start = matching[0] if matching else day
    if len(rest) == 2:
        values[start] = value
        return
    params = values.get(start) if matching else _in_force_on(values, day)
    if not isinstance(params, dict):
        params = {}
    params[rest[2]] = value
    values[start] = params


def _apply(pathway: dict[str, Any], path: str, value: Any) -> None:
    """One change, written as a path (see the module's docstring), made to the raw route."""
    parts = path.split(".")
    if len(parts) < 2 or parts[0] != "criteria" or not parts[1]:
        raise InputError(
            "a change is 'criteria.<id>.params.<field>', 'criteria.<id>.values.<YYYY-MM-DD>[.<field>]' "
            "or 'criteria.<id>' (null removes it)",
            file=CHANGES,
            field=path,
        )
    node, container, key = _find(pathway, parts[1], path)
    rest = parts[2:]
    if not rest:
        if value is not None:
            raise InputError(
                "only null can be given to a whole criterion (it removes it)", file=CHANGES, field=path
            )
        if isinstance(container, list):
            del container[key]
        else:
            raise InputError("a criterion under 'not' cannot be removed alone", file=CHANGES, field=path)
        return
    values = node.get("values")
    if rest[0] == "params" and len(rest) == 2:
        if not isinstance(values, dict) or not any(v is not None for v in values.values()):
            raise InputError(
                f"criterion '{parts[1]}' has no dated parameters to change "
                "(give them from a date: criteria.<id>.values.<YYYY-MM-DD>.<field>)",
                file=CHANGES,
                field=path,
            )
        for params in values.values():
            if isinstance(params, dict):
                params[rest[1]] = value
        return
    if rest[0] == "values" and len(rest) in (2, 3):
        _apply_dated(node, rest, value, path)
        return
    raise InputError(
        f"'{printable(path)}' is not a change the simulator knows (see docs/simulator.md)",
        file=CHANGES,
        field=path,
    )


def parse_change(text: str) -> tuple[str, Any]:
    """``criteria.practice.params.years=2`` -> the path and the value, read as a YAML scalar or list."""
    path, sep, raw = text.partition("=")
    if not sep or not path.strip():
        raise InputError(
            f"'{printable(text)}' is not PATH=VALUE (for example criteria.recent_practice.params.years=2)",
            file=CHANGES,
            field=printable(text),
        )
    value, _ = load_text(raw.strip() or "null", CHANGES)
    return path.strip(), value


def derive(
    pathway_id: str,
    changes: Mapping[str, Any],
    *,
    rulebook: Rulebook,
    name: str | None = None,
) -> Hypothetical:
    """The route ``pathway_id`` with ``changes`` made (paths as in the module's docstring), checked by
    the rulebook's schema and compiler, under the id ``hypothetical.<state>.<name>``."""
    if pathway_id not in rulebook.routes:
        raise InputError(f"no route '{printable(pathway_id)}' in the rulebook", file=CHANGES, field="route")
    if not changes:
        raise InputError("give at least one change (PATH=VALUE)", file=CHANGES, field="changes")
    top, pathway = _raw_pathway(rulebook, pathway_id)
    for path, value in changes.items():
        _apply(pathway, path, copy.deepcopy(value))
    if not pathway.get("criteria"):
        raise InputError("the changes leave the route without any criterion", file=CHANGES, field="criteria")
    document = {**top, "pathways": [pathway]}
    source = SourceMap(CHANGES)
    try:
        jurisdiction, route, _ = _check(document, source, rulebook)
    except InputError as error:
        # the route itself was valid: the flaw is in a change; name the changes that could cause it
        raise InputError(
            f"the changed route is not valid: {error.message}",
            file=CHANGES,
            field=", ".join(changes) if len(changes) > 1 else next(iter(changes)),
        ) from None
    jurisdiction, route = _relabel(jurisdiction, route, hypothetical_id(pathway_id, name))
    return Hypothetical(route, jurisdiction, derived_from=pathway_id, changes=tuple(changes.items()))
