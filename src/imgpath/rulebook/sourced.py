"""Every sourced item of the rulebook, in one walk: what ``rules sources``, ``rules stale``,
``rules gaps`` and the pages read to show where a fact comes from and when it was last read.

A sourced item is anything that carries its own ``reference`` or ``as_of``: a route, its status
events, every criterion at any depth, its fees, a state's board and Conrad 30 program, the catalogue's exams,
credentials, inferences, steps (their fees and windows) and the published Match figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from imgpath.rulebook.model import CompiledCriterion, CompiledRoute
from imgpath.rulebook.schema import Conrad30Program, Credential, Exam, Inference, Reference, Sourced
from imgpath.yamlio import Location

if TYPE_CHECKING:
    from imgpath.rulebook.loader import Rulebook


@dataclass(frozen=True, slots=True)
class SourcedItem:
    """One item that states a fact, where it sits, and the sources behind it."""

    file: str
    """The rule file, relative to the data folder (``us/states/tn.yaml``)."""
    location: Location
    """Where the item sits in its file (``pathways.0.criteria.2.any.1``)."""
    kind: str
    """``route``, ``status``, ``criterion``, ``fee``, ``board``, ``exam``, ``credential``,
    ``inference``, ``step``, ``window``, ``match`` or ``program`` (a state's Conrad 30 program)."""
    label: str
    """How a curator finds it: ``us-tn.traditional fee application``, ``step usmle_step1``."""
    pathway: str | None
    """The route it belongs to; None for the catalogue, the Match figures and a state's board."""
    references: tuple[Reference, ...]
    """Its own references (an item without any rests on the item around it)."""
    as_of: date | None
    """The day its own sources were read; None when it carries no date of its own."""
    read: date | None
    """The day its sources were read, its own or (failing that) the item around it's."""


def _item(
    file: str,
    location: Location,
    kind: str,
    label: str,
    pathway: str | None,
    sourced: Sourced,
    around: date | None = None,
) -> SourcedItem:
    return SourcedItem(
        file, location, kind, label, pathway, tuple(sourced.reference), sourced.as_of, sourced.as_of or around
    )


def iter_sourced_route(route: CompiledRoute) -> Iterator[SourcedItem]:
    """One route's sourced items: the route, its status events, every criterion at any depth, its fees."""
    pathway, file, where, read = route.pathway, route.file, route.location, route.pathway.as_of
    yield _item(file, where, "route", pathway.id, pathway.id, pathway)
    for index, event in enumerate(pathway.status):
        if event.reference:
            label = f"{pathway.id} status {event.status.value}"
            location = (*where, "status", index)
            references = tuple(event.reference)
            yield SourcedItem(file, location, "status", label, pathway.id, references, None, read)
    for _, node in route.nodes:
        if isinstance(node, CompiledCriterion):
            criterion = node.node
            label = f"{pathway.id} criterion {criterion.id}"
            yield _item(file, node.location, "criterion", label, pathway.id, criterion, read)
    for index, fee in enumerate(pathway.fees):
        label = f"{pathway.id} fee {fee.id}"
        yield _item(file, (*where, "fees", index), "fee", label, pathway.id, fee, read)


def _iter_program(file: str, jurisdiction: str, program: Conrad30Program) -> Iterator[SourcedItem]:
    """A state's Conrad 30 program: the program (its office among its sources), each fact, each fee."""
    where: Location = ("conrad30",)
    label = f"{jurisdiction} conrad30"
    references = (*program.reference, program.office)
    yield SourcedItem(file, where, "program", label, None, references, program.as_of, program.as_of)
    for name, fact in program.facts.items():
        yield _item(file, (*where, name), "program", f"{label} {name}", None, fact, program.as_of)
    for index, fee in enumerate(program.fees):
        yield _item(file, (*where, "fees", index), "fee", f"{label} fee {fee.id}", None, fee, program.as_of)


def iter_sourced(rulebook: Rulebook) -> Iterator[SourcedItem]:
    """Every sourced item, federal files first, then states, then the catalogue and the Match."""
    from imgpath.rulebook.loader import CATALOGUE_FILE, MATCH_FILE

    boards_seen: set[str] = set()
    programs_seen: set[str] = set()
    for route in rulebook.routes.values():
        jurisdiction = rulebook.jurisdictions[route.jurisdiction]
        if jurisdiction.board is not None and route.jurisdiction not in boards_seen:
            boards_seen.add(route.jurisdiction)
            label = f"{route.jurisdiction} board"
            yield SourcedItem(route.file, ("board",), "board", label, None, (jurisdiction.board,), None, None)
        if jurisdiction.conrad30 is not None and route.jurisdiction not in programs_seen:
            programs_seen.add(route.jurisdiction)
            yield from _iter_program(route.file, route.jurisdiction, jurisdiction.conrad30)
        yield from iter_sourced_route(route)
    catalogue = rulebook.catalogue
    entries: list[tuple[str, int, Exam | Credential | Inference]] = [
        *(("exam", i, e) for i, e in enumerate(catalogue.exams)),
        *(("credential", i, c) for i, c in enumerate(catalogue.credentials)),
        *(("inference", i, f) for i, f in enumerate(catalogue.inferences)),
    ]
    for kind, index, entry in entries:
        yield _item(CATALOGUE_FILE, (f"{kind}s", index), kind, f"{kind} {entry.id}", None, entry)
    for index, step in enumerate(catalogue.steps):
        where = ("steps", index)
        yield _item(CATALOGUE_FILE, where, "step", f"step {step.id}", None, step)
        for number, fee in enumerate(step.fees):
            label = f"step {step.id} fee {fee.id}"
            yield _item(CATALOGUE_FILE, (*where, "fees", number), "fee", label, None, fee, step.as_of)
        if step.window is not None:
            label = f"step {step.id} window"
            yield _item(CATALOGUE_FILE, (*where, "window"), "window", label, None, step.window, step.as_of)
    for index, outcome in enumerate(rulebook.match.outcomes):
        label = f"Match {outcome.year} {outcome.group.value}"
        yield _item(MATCH_FILE, ("outcomes", index), "match", label, None, outcome)
