"""Validation errors as people read them: where (a location), which field (a path) and what is wrong.

Pydantic reports errors at locations that carry its own union branch names (``function-before[...]``,
``bool``, the rulebook's ``criterion``/``group`` tags). The rulebook loader, the profile loader, the
what-if assumptions, the web wizard and the API all name the field at fault from here, so one flaw
is named the same way wherever it is found. Pure Python: the core and the web can both import it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from imgpath.yamlio import InputError, Location, SourceMap, printable

_BRANCH_TAGS = frozenset({"bool", "date", "str", "int", "float"})
"""Union branches pydantic names by type; a list item's own field may carry one of these names
(a status event's ``date``), so after an index they are kept."""
_NODE_TAGS = frozenset({"criterion", "group"})
"""The rulebook's discriminated union of criteria and groups (``schema.Node``)."""
TYPO = "extra_forbidden"
"""Pydantic's error type for a key the model does not have: a misspelt field."""


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One thing wrong with the input, at one field."""

    location: Location
    """The path into the document (``("training", 0, "end")``), pydantic's union tags dropped."""
    path: str
    """The same as people write it: ``training[0].end``."""
    message: str
    """Pydantic's message, without its ``Value error,`` prefix."""
    kind: str
    """Pydantic's error type (``extra_forbidden``, ``string_pattern_mismatch``): callers that word a
    message themselves (in another language, say) decide by it."""
    value: Any = None
    """The input at fault, for a message that echoes it (shown through ``printable`` only)."""
    cause: BaseException | None = None
    """The exception a validator raised (pydantic's ``ctx.error``): a ``dates.DateError`` carries its
    message's key, for a caller that says it in another language."""

    @property
    def typo(self) -> bool:
        return self.kind == TYPO


def _is_tag(parts: tuple[str | int, ...], index: int) -> bool:
    """Whether ``parts[index]`` is a name pydantic added (a union branch), not a field of the input."""
    part = parts[index]
    if isinstance(part, int):
        return False
    last = index == len(parts) - 1
    after_index = index > 0 and isinstance(parts[index - 1], int)
    return "[" in part or (part in _NODE_TAGS and not last) or (part in _BRANCH_TAGS and not after_index)


def clean_location(location: Iterable[Any], *, keep_last: bool = False) -> Location:
    """``location`` without pydantic's union tags; ``keep_last`` keeps the last part whatever it is
    (the key a person wrote, for an unknown field)."""
    parts = tuple(p if isinstance(p, int) else str(p) for p in location)
    return tuple(
        part
        for index, part in enumerate(parts)
        if (keep_last and index == len(parts) - 1) or not _is_tag(parts, index)
    )


def field_path(location: Sequence[str | int]) -> str:
    """A location as people write it: ``training[0].end``, each key made printable (it is input)."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            name = printable(part)
            text += f".{name}" if text else name
    return text


def problem(error: Mapping[str, Any], prefix: Sequence[str | int] = ()) -> FieldProblem:
    """One of pydantic's (or django-ninja's) error dicts as a field problem."""
    kind = str(error.get("type", ""))
    location = clean_location((*prefix, *error.get("loc", ())), keep_last=kind == TYPO)
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    cause = (error.get("ctx") or {}).get("error")
    cause = cause if isinstance(cause, BaseException) else None
    return FieldProblem(location, field_path(location), message, kind, error.get("input"), cause)


def problems(
    error: ValidationError | Sequence[Mapping[str, Any]], prefix: Sequence[str | int] = ()
) -> list[FieldProblem]:
    """Every problem, in pydantic's order."""
    found = error.errors() if isinstance(error, ValidationError) else error
    return [problem(e, prefix) for e in found]


def first_problem(error: ValidationError, source: SourceMap | None = None) -> FieldProblem:
    """The problem to report when only one is: a typo before anything else (a misspelt key also shows
    up as a missing field), then the first in the document as a reader goes through it."""
    found = problems(error)
    typos = [p for p in found if p.typo]
    candidates = typos or found
    if source is None:
        return candidates[0]
    return min(candidates, key=lambda p: source.line_of(p.location) or 0)


def input_error(
    found: FieldProblem, source: SourceMap | None = None, message: str | None = None
) -> InputError:
    """The problem as the InputError the CLI and the pages show: file, line and field."""
    return InputError(
        message if message is not None else found.message,
        file=source.file if source is not None else None,
        line=source.line_of(found.location) if source is not None else None,
        field=found.path,
    )
