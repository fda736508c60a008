"""The rulebook compiled once, at load: each route's criteria as an immutable tree of parsed nodes.

A route's criteria are walked here and nowhere else (``compile_route``): every node keeps its location in
its file, a group its combinator, a criterion its parameters parsed by date, the key under which
equal questions share one answer (``memo_key``), and the sources a verdict cites. The engine, the
planner, the CLI and the pages read this model instead of walking the YAML tree themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from imgpath.rulebook.schema import Combinator, Criterion, Group, Node, Pathway, Reference, Source, sources
from imgpath.rulebook.vocabulary import JUDGED_IN_STATE, QUOTES_OWN_SUMMARY, CriterionType, Params
from imgpath.yamlio import Location

__all__ = [
    "CompiledCriterion",
    "CompiledGroup",
    "CompiledNode",
    "CompiledRoute",
    "Source",
    "compile_route",
    "memo_key",
    "sources",
    "state_code",
]


def memo_key(node: Criterion, params: Params | None, state: str | None) -> str:
    """Criteria with equal parameters answer alike for one profile: the key lets them share the work.

    An answer that quotes the criterion's own words, or names the state or its board (a job offer
    there, a number the law leaves to the board), is that criterion's or that state's own.
    """
    dumped = params.model_dump_json() if params else ""
    own = node.summary if node.type in QUOTES_OWN_SUMMARY else ""
    unpublished = params is not None and (  # numbers the law leaves to the board: "ask the board"
        getattr(params, "years", 0) is None
        or (node.type is CriterionType.us_gme_years and getattr(params, "min_years", 0) is None)
    )
    local = node.type in JUDGED_IN_STATE or unpublished
    return f"{node.type}:{node.step is not None}:{dumped}:{own}:{state if local else ''}"


@dataclass(frozen=True, slots=True, eq=False)
class CompiledCriterion:
    """One criterion, its rule data flattened into plain attributes: evaluation is the hot path."""

    node: Criterion
    location: Location
    params: Params | None
    """The parameters when they never change; None when they are dated (see ``timeline``)."""
    key: str
    timeline: tuple[tuple[date, Params | None, str], ...]
    """Dated parameters and their memo keys, oldest first; empty when they never change."""
    sources: list[Source]
    """The criterion's own references, else the route's, with the day they were read."""
    confidence: str | None
    state: str | None
    """The route's state (``TN``); None for federal routes."""
    curable: bool
    """A roadmap step cures the criterion when unmet (it names one)."""
    authority: str | None
    """The state's board by name, when one answers for the law."""

    @property
    def id(self) -> str:
        return self.node.id

    @property
    def summary(self) -> str:
        return self.node.summary

    def on(self, day: date) -> tuple[Params | None, str]:
        """The parameters and memo key in force on ``day``; parameters None: not in the law that day."""
        if not self.timeline:
            return self.params, self.key
        current: tuple[Params | None, str] = (None, "")
        for start, params, key in self.timeline:
            if start > day:
                break
            current = (params, key)
        return current


@dataclass(frozen=True, slots=True, eq=False)
class CompiledGroup:
    node: Group
    location: Location
    combinator: Combinator
    children: tuple[CompiledNode, ...]

    @property
    def id(self) -> str:
        return self.node.id

    @property
    def summary(self) -> str:
        return self.node.summary or ""


CompiledNode = CompiledCriterion | CompiledGroup


@dataclass(frozen=True, slots=True, eq=False)
class CompiledRoute:
    """One route: its criteria compiled, indexed by id, and what every verdict on it repeats."""

    jurisdiction: str
    pathway: Pathway
    file: str
    location: Location
    """Where the pathway sits in its file (``pathways.3``)."""
    criteria: tuple[CompiledNode, ...]
    nodes: tuple[tuple[int, CompiledNode], ...]
    """Every criterion and group with its depth, in reading order."""
    by_id: Mapping[str, CompiledNode]
    confidence: str
    gaps: tuple[str, ...]
    authority: str
    """Who answers for the route's law: the state's board by name, or the agency or sponsor."""
    state: str | None

    @property
    def id(self) -> str:
        return self.pathway.id

    @property
    def criteria_in_order(self) -> list[Criterion]:
        """Every single criterion at any depth, in reading order (groups left out)."""
        return [node.node for _, node in self.nodes if isinstance(node, CompiledCriterion)]

    def criterion(self, criterion_id: str) -> Criterion | None:
        """The single criterion with this id (None for a group, ``law_in_force`` or an unknown id)."""
        found = self.by_id.get(criterion_id)
        return found.node if isinstance(found, CompiledCriterion) else None


def state_code(jurisdiction: str) -> str | None:
    """``US-TN`` -> ``TN``; the federal ``US`` has none."""
    return jurisdiction.removeprefix("US-") if "-" in jurisdiction else None


def compile_route(
    jurisdiction: str,
    board: Reference | None,
    pathway: Pathway,
    file: str = "",
    location: Location = (),
    authority: str | None = None,
) -> CompiledRoute:
    """A route's criteria compiled once (pathways are frozen). ``authority`` names who answers for
    criteria that are not a board's law (a listing's host); by default the state's board."""
    state = state_code(jurisdiction)
    # a state's board answers for its law; federal files share one jurisdiction, so no one name fits
    named = authority or (board.title if board is not None and jurisdiction != "US" else None)
    route_confidence = pathway.confidence.value if pathway.confidence else None

    def leaf(node: Criterion, here: Location) -> CompiledCriterion:
        confidence = node.confidence.value if node.confidence else route_confidence
        timeline: tuple[tuple[date, Params | None, str], ...] = ()
        if node.values is None:
            params, _ = node.params_on(date.min)
            key = memo_key(node, params, state)
        else:
            params, key = None, ""
            timeline = tuple((start, p, memo_key(node, p, state)) for start, p in node.timeline)
        return CompiledCriterion(
            node=node,
            location=here,
            params=params,
            key=key,
            timeline=timeline,
            sources=sources(node.reference or pathway.reference, node.as_of or pathway.as_of),
            confidence=confidence,
            state=state,
            curable=node.step is not None,
            authority=named,
        )

    flat: list[tuple[int, CompiledNode | None]] = []

    def compile_node(node: Node, here: Location, depth: int) -> CompiledNode:
        # the one walk over a rule tree: every other reader iterates the compiled ``nodes``
        at = len(flat)
        flat.append((depth, None))  # placed once built: reading order, parents first
        built: CompiledNode
        if isinstance(node, Group):
            below = (*here, node.combinator)
            if node.not_ is not None:
                children: tuple[CompiledNode, ...] = (compile_node(node.not_, below, depth + 1),)
            else:
                children = tuple(
                    compile_node(child, (*below, i), depth + 1) for i, child in enumerate(node.children)
                )
            built = CompiledGroup(node, here, node.combinator, children)
        else:
            built = leaf(node, here)
        flat[at] = (depth, built)
        return built

    top = tuple(compile_node(node, (*location, "criteria", i), 0) for i, node in enumerate(pathway.criteria))
    nodes = tuple((depth, node) for depth, node in flat if node is not None)
    return CompiledRoute(
        jurisdiction=jurisdiction,
        pathway=pathway,
        file=file,
        location=location,
        criteria=top,
        nodes=nodes,
        by_id={node.id: node for _, node in nodes},
        confidence=route_confidence or "unverified",
        gaps=tuple(pathway.gaps),
        authority=named or ("the board" if jurisdiction != "US" else "the agency or sponsor"),
        state=state,
    )
