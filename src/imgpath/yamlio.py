"""Strict YAML reading that remembers where every value came from.

Rule files and profiles are written by people; a typo must fail loudly with the file and line, so
duplicate keys are an error (as in OpenFisca's loader) and every mapping key keeps its line number.
"""

from __future__ import annotations

import itertools
import json
import re
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


_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
"""Characters a message must not carry to a terminal or a page: control codes (an ESC starts a
terminal command), lone surrogates (no encoding can write them) and bidirectional overrides."""


def printable(text: str, limit: int = 60) -> str:
    """``text`` safe to show and short: unprintable characters escaped (``\\x1b``), the middle of a long
    text elided. For echoing what a person (or an attacker) wrote back in a message."""
    text = _UNPRINTABLE.sub(lambda m: ascii(m.group())[1:-1], text)
    if len(text) > limit:
        keep = max(limit - 5, 2) // 2
        text = f"{text[:keep]} … {text[-keep:]}"
    return text


class InputError(Exception):
    """Bad input a person wrote: names the file, the line and the field.

    Its parts are printable and bounded, whatever the input held: the CLI, the web page and the API
    show them as they are."""

    def __init__(
        self, message: str, *, file: str | None = None, line: int | None = None, field: str | None = None
    ) -> None:
        self.message = printable(message, 2000)
        self.file = printable(file, 500) if file is not None else None
        self.line = line
        self.field = printable(field, 200) if field is not None else None
        self.said: object = None
        """The problem as a keyed message (an ``imgpath.messages.Message``) where one says it, for an
        interface that speaks the reader's language; ``message`` stays its English."""
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
                    f"duplicate key '{printable(str(key))}' (first on line {seen[key]})",
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


def _bounded_number(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    """Numbers within bounds before PyYAML converts them: it indexes an empty ``!!int ''`` (an
    IndexError), and reads ``1:1:1:…`` (base 60) in time quadratic in its length."""
    value = str(loader.construct_scalar(node))
    line = node.start_mark.line + 1
    limit = sys.get_int_max_str_digits() or 4300
    if not value.replace("_", "").lstrip("+-"):
        raise InputError(f"'{value}' is not a number", file=loader.name, line=line)
    if len(value) > limit:
        raise InputError(f"a number is longer than {limit:,} digits", file=loader.name, line=line)
    if node.tag.endswith(":int"):
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    return yaml.SafeLoader.construct_yaml_float(loader, node)


_LineLoader.add_constructor("tag:yaml.org,2002:int", _bounded_number)
_LineLoader.add_constructor("tag:yaml.org,2002:float", _bounded_number)


MAX_BYTES = 2_000_000
"""The largest document read: a rule file is tens of kilobytes, a profile a few."""
MAX_VALUES = 100_000
"""The most values a document may hold once its aliases are expanded: an alias bomb (a few hundred
bytes that expand to millions of values) is refused instead of walked."""
MAX_EVENTS = 2 * MAX_VALUES
"""The most parser events (keys, values, starts and ends of lists and mappings) a document may hold:
counted before any is built, so that a list of a million zeros costs milliseconds, not half a GB."""
MAX_DEPTH = 50
"""The deepest a document may nest once its aliases are expanded (a rule file nests about 12 deep): an
alias chain, or an alias inside the value it names (``&a [*a]``), is refused instead of walked."""


def _collect(data: Any, root: yaml.Node, file: str) -> dict[Location, int]:
    """Every key's and item's line, walking each alias once per place it is used, within a budget."""
    out: dict[Location, int] = {(): root.start_mark.line + 1}
    stack: list[tuple[Any, yaml.Node, Location]] = [(data, root, ())]
    while stack:
        value, node, path = stack.pop()
        if len(path) > MAX_DEPTH:
            raise InputError(
                f"the document nests more than {MAX_DEPTH} deep once its aliases (*name) are expanded",
                file=file,
                line=node.start_mark.line + 1,
            )
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


def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refusing a repeated key as YAML does (json.loads would keep the last)."""
    found = dict(pairs)
    if len(found) < len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise InputError(f"duplicate key '{printable(key)}'", field=key)
            seen.add(key)
    return found


def _count_events(text: str) -> int:
    """How many parser events the document holds, counted by libyaml without building anything."""
    loader = _BaseLoader(text)
    try:
        raw_parse = getattr(loader, "raw_parse", None)  # libyaml's: counts in C, creates no object
        if raw_parse is not None:
            return int(raw_parse())
    finally:
        loader.dispose()
    events = yaml.parse(text, Loader=_BaseLoader)  # pragma: no cover - where libyaml is absent
    return sum(1 for _ in itertools.islice(events, MAX_EVENTS + 1))  # pragma: no cover


def load_json(text: str | bytes, file: str) -> Any:
    """Parse JSON strictly (a repeated key is an error, as in YAML) within the same budgets as YAML:
    MAX_VALUES values and MAX_DEPTH levels. Validating a million values would cost seconds and a
    gigabyte to list their errors, so they are counted here, before any validator sees them."""
    try:
        data = json.loads(text, object_pairs_hook=unique_keys)
    except InputError as error:
        raise InputError(error.message, file=file, field=error.field) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", file=file) from None
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON: {error.msg}", file=file, line=error.lineno) from None
    except RecursionError:
        raise InputError("not valid JSON: nested too deeply", file=file) from None
    except ValueError as error:  # an integer longer than Python converts
        raise InputError(f"not valid JSON: {_number_problem(error)}", file=file) from None
    values = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        values += 1
        if values > MAX_VALUES:
            raise InputError(f"the document holds more than {MAX_VALUES:,} values", file=file)
        if depth > MAX_DEPTH:
            raise InputError(f"the document nests more than {MAX_DEPTH} deep", file=file)
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
    return data


def load_text(text: str, file: str) -> tuple[Any, SourceMap]:
    """Parse YAML (or JSON, a subset of it) strictly; return the data and its line map.

    Hostile input gets a named error in bounded time and memory: a document over MAX_BYTES or
    MAX_EVENTS, an alias bomb, nesting deeper than MAX_DEPTH or Python's recursion limit, a number too
    long to convert. A byte-order mark (which Windows editors write) is read past.
    """
    if len(text) > MAX_BYTES:
        raise InputError(f"the document is larger than {MAX_BYTES:,} characters", file=file)
    text = text.removeprefix("\ufeff")
    if file.endswith(".json"):
        return load_json(text, file), SourceMap(file)
    loader = _LineLoader(text)
    loader.name = file
    try:
        if _count_events(text) > MAX_EVENTS:
            raise InputError(f"the document holds more than {MAX_EVENTS:,} keys and values", file=file)
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
        with path.open("rb") as stream:  # never more than the limit: a 50 MB file, /dev/zero
            data = stream.read(4 * MAX_BYTES + 1)
        if len(data) > 4 * MAX_BYTES:
            raise InputError(f"the document is larger than {MAX_BYTES:,} characters", file=name)
        text = data.decode("utf-8")
    except FileNotFoundError:
        raise InputError("file not found", file=name) from None
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", file=name) from None
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", file=name) from None
    return load_text(text, name)
