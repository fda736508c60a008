"""Strict YAML reading that remembers where every value came from.

Rule files and profiles are written by people; a typo must fail loudly with the file and line, so
duplicate keys are an error (as in OpenFisca's loader) and every mapping key keeps its line number.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # the C parser is several times faster; fall back where libyaml is absent
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _BaseLoader = yaml.SafeLoader

Location = tuple[str | int, ...]


class InputError(Exception):
    """Bad input a person wrote: names the file, the line and the field."""

    def __init__(
        self, message: str, *, file: str | None = None, line: int | None = None, field: str | None = None
    ) -> None:
        self.message = message
        self.file = file
        self.line = line
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f", line {self.line}"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


@dataclass
class SourceMap:
    """Line numbers (1-based) of every key and list item, by their path in the document."""

    file: str
    lines: dict[Location, int] = field(default_factory=dict)

    def line_of(self, location: Sequence[str | int]) -> int | None:
        """The line of the deepest part of ``location`` that the document has."""
        loc = tuple(location)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), None)


class _LineLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A SafeLoader that rejects duplicate keys and records node lines."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise InputError(
                    "a mapping key must be a plain value", file=self.name, line=key_node.start_mark.line + 1
                ) from None
            if key in seen:
                raise InputError(
                    f"duplicate key '{key}' (first on line {seen[key]})",
                    file=self.name,
                    line=key_node.start_mark.line + 1,
                    field=str(key),
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    """Keep dates as written: the models parse ``2019-06`` and ``2019-06-30`` alike."""
    return str(loader.construct_scalar(node))


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


MAX_BYTES = 2_000_000
"""The largest document read: a rule file is tens of kilobytes, a profile a few."""
MAX_VALUES = 100_000
"""The most values a document may hold once its aliases are expanded: an alias bomb (a few hundred
bytes that expand to millions of values) is refused instead of walked."""


def _collect(data: Any, root: yaml.Node, file: str) -> dict[Location, int]:
    """Every key's and item's line, walking each alias once per place it is used, within a budget."""
    out: dict[Location, int] = {(): root.start_mark.line + 1}
    stack: list[tuple[Any, yaml.Node, Location]] = [(data, root, ())]
    while stack:
        value, node, path = stack.pop()
        if isinstance(node, yaml.MappingNode) and isinstance(value, dict):
            # keys are unique (duplicates are rejected), so the node's pairs follow the dict's order
            pairs = [
                (key, key_node.start_mark.line + 1, value_node)
                for (key_node, value_node), key in zip(node.value, value, strict=False)
            ]
            for key, line, value_node in pairs:
                out[(*path, key)] = line
                stack.append((value[key], value_node, (*path, key)))
        elif isinstance(node, yaml.SequenceNode) and isinstance(value, list):
            for index, (item, item_node) in enumerate(zip(value, node.value, strict=False)):
                out[(*path, index)] = item_node.start_mark.line + 1
                stack.append((item, item_node, (*path, index)))
        if len(out) > MAX_VALUES:
            raise InputError(
                f"the document holds more than {MAX_VALUES:,} values once its aliases (*name) are expanded",
                file=file,
                line=node.start_mark.line + 1,
            )
    return out


def _number_problem(error: ValueError) -> str:
    if "digits" in str(error):
        return f"a number is longer than {sys.get_int_max_str_digits():,} digits"
    return str(error)


def load_text(text: str, file: str) -> tuple[Any, SourceMap]:
    """Parse YAML (or JSON, a subset of it) strictly; return the data and its line map.

    Hostile input gets a named error in bounded time and memory: a document over MAX_BYTES, an alias
    bomb, nesting deeper than Python's recursion limit, a number too long to convert.
    """
    if len(text) > MAX_BYTES:
        raise InputError(f"the document is larger than {MAX_BYTES:,} characters", file=file)
    if file.endswith(".json"):
        try:
            return json.loads(text), SourceMap(file)
        except json.JSONDecodeError as error:
            raise InputError(f"not valid JSON: {error.msg}", file=file, line=error.lineno) from None
        except RecursionError:
            raise InputError("not valid JSON: nested too deeply", file=file) from None
        except ValueError as error:  # an integer longer than Python converts
            raise InputError(f"not valid JSON: {_number_problem(error)}", file=file) from None
    loader = _LineLoader(text)
    loader.name = file
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except InputError:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        raise InputError(f"not valid YAML: {error.problem or error}", file=file, line=line) from None
    except yaml.YAMLError as error:
        raise InputError(f"not valid YAML: {error}", file=file) from None
    except RecursionError:
        raise InputError("not valid YAML: nested too deeply", file=file) from None
    except ValueError as error:  # an integer longer than Python converts
        raise InputError(f"not valid YAML: {_number_problem(error)}", file=file) from None
    finally:
        loader.dispose()
    source_map = SourceMap(file)
    if node is not None:
        source_map.lines = _collect(data, node, file)
    return data, source_map


def load_file(path: Path, display_name: str | None = None) -> tuple[Any, SourceMap]:
    """Read and parse one YAML or JSON file, naming it in every error."""
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("file not found", file=name) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", file=name) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", file=name) from None
    return load_text(text, name)
