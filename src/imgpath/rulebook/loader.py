"""Load and check the whole rulebook; any flaw stops the load with its file, line and field.

Schema errors come from Pydantic; the checks across files (unique ids, known steps and exams, a
reference behind every value) live here because no single file can see them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, NoReturn, TypeVar

from pydantic import BaseModel, ValidationError

from imgpath.errors import first_problem, input_error
from imgpath.rulebook.model import CompiledCriterion, CompiledRoute, compile_route
from imgpath.rulebook.schema import (
    Catalogue,
    Conrad30Program,
    Criterion,
    Jurisdiction,
    MatchData,
    Pathway,
    Step,
)
from imgpath.rulebook.vocabulary import Params
from imgpath.yamlio import InputError, SourceMap, load_file

DATA_DIR = Path(__file__).parent / "data"
CATALOGUE_FILE = "us/catalogue.yaml"
MATCH_FILE = "us/match.yaml"

T = TypeVar("T")


@dataclass
class Rulebook:
    """Every jurisdiction's routes plus the shared catalogue, checked, compiled and indexed by id."""

    catalogue: Catalogue
    match: MatchData = field(default_factory=MatchData)
    jurisdictions: dict[str, Jurisdiction] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    """Pathway id -> the rule file it lives in (relative to the data folder)."""
    routes: dict[str, CompiledRoute] = field(default_factory=dict)
    """Pathway id -> the route compiled at load, in the rulebook's order (see ``model``)."""
    _owned: dict[Callable[[Rulebook], Any], Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def pathways(self) -> Iterator[tuple[Jurisdiction, Pathway]]:
        for jurisdiction in self.jurisdictions.values():
            for pathway in jurisdiction.pathways:
                yield jurisdiction, pathway

    def pathway(self, pathway_id: str) -> tuple[Jurisdiction, Pathway]:
        """The route with this id and its jurisdiction; KeyError when there is none."""
        route = self.routes[pathway_id]
        return self.jurisdictions[route.jurisdiction], route.pathway

    def route(self, pathway_id: str) -> CompiledRoute:
        """The compiled route with this id; KeyError when there is none."""
        return self.routes[pathway_id]

    def owned(self, make: Callable[[Rulebook], T]) -> T:
        """State a reader derives from this rulebook and keeps with it (the engine's shared results),
        made once by ``make(self)``: it lives and dies with the rulebook, so no key can outlive the
        objects it was made from (a process-wide table keyed by ``id()`` could)."""
        found = self._owned.get(make)
        if found is None:
            found = self._owned.setdefault(make, make(self))
        return found  # type: ignore[no-any-return]

    def conrad30(self, state: str | None) -> Conrad30Program | None:
        """The state's own Conrad 30 program (``TX`` or ``US-TX``), None where the rulebook has none."""
        if not state:
            return None
        code = state.upper().removeprefix("US-")
        jurisdiction = self.jurisdictions.get(f"US-{code}")
        return jurisdiction.conrad30 if jurisdiction is not None else None

    def step_name(self, step_id: str) -> str:
        step = self.steps.get(step_id)
        return step.name if step is not None else step_id

    @cached_property
    def exam_names(self) -> Mapping[str, str]:
        """The catalogue's name of each exam, by id: reasons name exams as the catalogue does."""
        return MappingProxyType({exam.id: exam.name for exam in self.catalogue.exams})

    @cached_property
    def steps(self) -> dict[str, Step]:
        return {step.id: step for step in self.catalogue.steps}


def _validate(model: type[BaseModel], data: Any, source: SourceMap) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        found = first_problem(error, source)
        message = found.message
        if found.typo:
            # the key itself, even one that looks like pydantic's union tags ("a[b]")
            message = f"unknown field '{found.location[-1]}' (check its spelling against docs/rulebook.md)"
        raise input_error(found, source, message) from None


def _fail(source: SourceMap, message: str, location: tuple[str | int, ...], name: str) -> NoReturn:
    """Stop the load at the line of ``location`` in the file ``source`` maps."""
    raise InputError(message, file=source.file, line=source.line_of(location), field=name)


@dataclass(frozen=True)
class _CatalogueIds:
    """The ids of the catalogue's steps, exams and credentials, which rule files may name."""

    steps: frozenset[str]
    exams: frozenset[str]
    credentials: frozenset[str]

    @classmethod
    def of(cls, catalogue: Catalogue) -> _CatalogueIds:
        return cls(
            frozenset(s.id for s in catalogue.steps),
            frozenset(e.id for e in catalogue.exams),
            frozenset(c.id for c in catalogue.credentials),
        )


def _check_pathway(route: CompiledRoute, catalogue: Catalogue, source: SourceMap) -> None:
    pathway, where = route.pathway, route.location
    known = _CatalogueIds.of(catalogue)
    if not pathway.reference:
        _fail(source, "a pathway needs at least one reference (title and href)", where, "reference")
    if pathway.as_of is None:
        _fail(source, "a pathway needs 'as_of', the day its sources were read", where, "as_of")
    if pathway.confidence is None:
        _fail(source, "a pathway needs 'confidence' (primary, secondary or unverified)", where, "confidence")
    seen: set[str] = set()
    for _, compiled in route.nodes:
        node, location = compiled.node, compiled.location
        if node.id in seen or node.id == "law_in_force":
            _fail(source, f"duplicate criterion id '{node.id}' in {pathway.id}", location, "id")
        seen.add(node.id)
        if isinstance(compiled, CompiledCriterion):
            _check_criterion(compiled.node, location, pathway, known, source)
    for step in pathway.application_steps:
        if step not in known.steps:
            _fail(source, f"unknown step '{step}'", (*where, "application_steps"), "application_steps")
    for index, fee in enumerate(pathway.fees):
        if not fee.reference and not pathway.reference:
            _fail(source, f"fee '{fee.id}' has no reference", (*where, "fees", index), "reference")


def _check_criterion(
    criterion: Criterion,
    location: tuple[str | int, ...],
    pathway: Pathway,
    known: _CatalogueIds,
    source: SourceMap,
) -> None:
    """A criterion has a source, names only the catalogue's steps, exams and credentials, and its
    references support only values it has."""
    if not criterion.reference and not pathway.reference:
        _fail(source, f"criterion '{criterion.id}' has no reference", location, "reference")
    if criterion.step is not None and criterion.step not in known.steps:
        _fail(
            source,
            f"unknown step '{criterion.step}' (steps are listed in {CATALOGUE_FILE})",
            (*location, "step"),
            "step",
        )
    for start, params in criterion.timeline:
        if params is not None:
            _check_catalogue_names(params, (*location, "values", start.isoformat()), known, source)
    for number, ref in enumerate(criterion.reference):
        if ref.value is not None and ref.value not in (criterion.values or {}):
            _fail(
                source,
                f"reference '{ref.title}' supports the value of {ref.value}, "
                f"which '{criterion.id}' does not have",
                (*location, "reference", number),
                "value",
            )


def _check_catalogue_names(
    params: Params, location: tuple[str | int, ...], known: _CatalogueIds, source: SourceMap
) -> None:
    """The exams, tests and credential a criterion's parameters name are in the catalogue."""
    named = [
        getattr(params, "exam", None),
        *(getattr(params, "exams", None) or []),
        *(getattr(params, "tests", None) or []),
    ]
    for exam in filter(None, named):
        if exam not in known.exams:
            _fail(source, f"unknown exam '{exam}' (exams are listed in {CATALOGUE_FILE})", location, "values")
    credential = getattr(params, "credential", None)
    if credential is not None and credential not in known.credentials:
        _fail(
            source,
            f"unknown credential '{credential}' (credentials are listed in {CATALOGUE_FILE})",
            location,
            "values",
        )


def _check_conrad30(program: Conrad30Program, source: SourceMap) -> None:
    """A state's program has its sources and reading date; every fact and fee has a source (its own
    or the program's), and a fact left unknown says what was searched for it."""
    where: tuple[str | int, ...] = ("conrad30",)
    if not program.reference:
        _fail(source, "a Conrad 30 program needs at least one reference (title and href)", where, "reference")
    if program.as_of is None:
        _fail(source, "a Conrad 30 program needs 'as_of', the day its sources were read", where, "as_of")
    if program.confidence is None:
        _fail(source, "a Conrad 30 program needs 'confidence'", where, "confidence")
    for name, fact in program.facts.items():
        if not fact.values:
            message = f"'{name}' needs at least one dated value (null when not known)"
            _fail(source, message, (*where, name), name)
        if None in fact.values.values() and not fact.searched:
            _fail(
                source,
                f"'{name}' is left unknown: say in 'searched' what was read for it",
                (*where, name),
                "searched",
            )
    for number, fee in enumerate(program.fees):
        if not fee.reference or fee.as_of is None:
            message = f"fee '{fee.id}' needs its own reference and 'as_of'"
            _fail(source, message, (*where, "fees", number), "reference")


def _check_steps(catalogue: Catalogue, source: SourceMap) -> None:
    """Every prerequisite names a known step, the prerequisites have no cycle, every fact a source."""
    _check_step_facts(catalogue, source)
    _check_no_cycle(catalogue, source)


def _check_step_facts(catalogue: Catalogue, source: SourceMap) -> None:
    """Every prerequisite names a known step, and every fee and window has a source."""
    known = {step.id for step in catalogue.steps}
    for index, step in enumerate(catalogue.steps):
        where: tuple[str | int, ...] = ("steps", index)
        for required in step.requires:
            if required not in known:
                _fail(
                    source,
                    f"step '{step.id}' requires unknown step '{required}'",
                    (*where, "requires"),
                    "requires",
                )
        if step.visa_step is not None and step.visa_step not in known:
            _fail(
                source,
                f"step '{step.id}' names unknown visa step '{step.visa_step}'",
                (*where, "visa_step"),
                "visa_step",
            )
        for number, fee in enumerate(step.fees):
            if not fee.reference and not step.reference:
                _fail(
                    source,
                    f"fee '{fee.id}' of step '{step.id}' has no reference",
                    (*where, "fees", number),
                    "reference",
                )
        if step.window is not None and not step.window.reference and not step.reference:
            _fail(source, f"the window of step '{step.id}' has no reference", (*where, "window"), "reference")


def _check_no_cycle(catalogue: Catalogue, source: SourceMap) -> None:
    """No step requires itself, directly or through other steps (a depth-first walk)."""
    index_of = {step.id: index for index, step in enumerate(catalogue.steps)}
    requires = {step.id: step.requires for step in catalogue.steps}
    state: dict[str, str] = {}

    def visit(step_id: str, path: list[str]) -> None:
        if state.get(step_id) == "done":
            return
        if state.get(step_id) == "open":
            cycle = " -> ".join([*path[path.index(step_id) :], step_id])
            _fail(
                source,
                f"steps require each other in a cycle: {cycle}",
                ("steps", index_of[step_id], "requires"),
                "requires",
            )
        state[step_id] = "open"
        for required in requires[step_id]:
            visit(required, [*path, step_id])
        state[step_id] = "done"

    for step_id in requires:
        visit(step_id, [])


def load_rulebook(data_dir: Path = DATA_DIR) -> Rulebook:
    """Read every rule file below ``data_dir`` and check them together."""
    rulebook = Rulebook(catalogue=_load_catalogue(data_dir))
    if (data_dir / MATCH_FILE).exists():
        rulebook.match = _load_match(data_dir)
    for path in sorted(data_dir.rglob("*.yaml")):
        name = path.relative_to(data_dir).as_posix()
        if name not in (CATALOGUE_FILE, MATCH_FILE):
            _add_rule_file(rulebook, path, name)
    # in the rulebook's order (federal files together, then states), as ``pathways`` yields them
    rulebook.routes = {pathway.id: rulebook.routes[pathway.id] for _, pathway in rulebook.pathways}
    return rulebook


def _load_catalogue(data_dir: Path) -> Catalogue:
    """The shared catalogue, its ids unique and its steps checked."""
    raw, source = load_file(data_dir / CATALOGUE_FILE, CATALOGUE_FILE)
    catalogue: Catalogue = _validate(Catalogue, raw, source)
    kinds: tuple[tuple[str, list[Any]], ...] = (
        ("step", catalogue.steps),
        ("exam", catalogue.exams),
        ("credential", catalogue.credentials),
    )
    for kind, items in kinds:
        ids = [i.id for i in items]
        duplicates = {i for i in ids if ids.count(i) > 1}
        if duplicates:
            raise InputError(f"duplicate {kind} id '{sorted(duplicates)[0]}'", file=CATALOGUE_FILE)
    _check_steps(catalogue, source)
    return catalogue


def _load_match(data_dir: Path) -> MatchData:
    """The Match's outcomes, each with its source."""
    raw, source = load_file(data_dir / MATCH_FILE, MATCH_FILE)
    match: MatchData = _validate(MatchData, raw, source)
    for index, outcome in enumerate(match.outcomes):
        if not outcome.reference:
            raise InputError(
                f"the {outcome.year} {outcome.group} Match outcome has no reference",
                file=MATCH_FILE,
                line=source.line_of(("outcomes", index)),
                field="reference",
            )
    return match


def _add_rule_file(rulebook: Rulebook, path: Path, name: str) -> None:
    """One jurisdiction's file: its routes compiled, checked and added to the rulebook."""
    raw, source = load_file(path, name)
    jurisdiction: Jurisdiction = _validate(Jurisdiction, raw, source)
    expected = "US-" + path.stem.upper() if path.parent.name == "states" else None
    if expected and jurisdiction.jurisdiction != expected:
        raise InputError(
            f"a file named {path.name} must hold {expected}",
            file=name,
            line=source.line_of(("jurisdiction",)),
            field="jurisdiction",
        )
    earlier = rulebook.jurisdictions.get(jurisdiction.jurisdiction)
    if earlier is not None and jurisdiction.jurisdiction != "US":
        raise InputError(
            f"jurisdiction {jurisdiction.jurisdiction} is defined twice",
            file=name,
            line=source.line_of(("jurisdiction",)),
            field="jurisdiction",
        )
    if jurisdiction.conrad30 is not None:
        _check_conrad30(jurisdiction.conrad30, source)
    for index, pathway in enumerate(jurisdiction.pathways):
        where: tuple[str | int, ...] = ("pathways", index)
        if pathway.id in rulebook.files:
            raise InputError(
                f"duplicate pathway id '{pathway.id}' (also in {rulebook.files[pathway.id]})",
                file=name,
                line=source.line_of((*where, "id")),
                field="id",
            )
        route = compile_route(jurisdiction.jurisdiction, jurisdiction.board, pathway, name, where)
        _check_pathway(route, rulebook.catalogue, source)
        rulebook.files[pathway.id] = name
        rulebook.routes[pathway.id] = route
    if earlier is not None:  # federal rules are spread over several files (ecfmg, visas)
        jurisdiction = earlier.model_copy(update={"pathways": [*earlier.pathways, *jurisdiction.pathways]})
    rulebook.jurisdictions[jurisdiction.jurisdiction] = jurisdiction


def compile_pathway_document(
    raw: Any, source: SourceMap, rulebook: Rulebook
) -> tuple[Jurisdiction, CompiledRoute]:
    """A document holding one route, as a rule file holds it (``jurisdiction``, ``name``, ``board``
    and ``pathways`` with exactly one item), checked by the schema and the loader's own checks
    against ``rulebook``'s catalogue and compiled: a route that is not in the rulebook (the law
    simulator's hypothetical routes). Any flaw stops it with its file, line and field."""
    jurisdiction: Jurisdiction = _validate(Jurisdiction, raw, source)
    if len(jurisdiction.pathways) != 1:
        raise InputError(
            f"the document must hold exactly one pathway, not {len(jurisdiction.pathways)}",
            file=source.file,
            line=source.line_of(("pathways",)),
            field="pathways",
        )
    where: tuple[str | int, ...] = ("pathways", 0)
    pathway = jurisdiction.pathways[0]
    route = compile_route(jurisdiction.jurisdiction, jurisdiction.board, pathway, source.file, where)
    _check_pathway(route, rulebook.catalogue, source)
    return jurisdiction, route


@cache
def default_rulebook() -> Rulebook:
    """The bundled rulebook, loaded once per process."""
    return load_rulebook()
