"""Explanations as data: a keyed message with named parameters, rendered in English or through gettext.

The engine and the planner never build the sentences people read. They return a ``Message``: a stable
key (``practice.throughout``) and named parameters (``need_years=3``, ``have_days=1065``), plain values
or other messages. ``english`` holds one whole-sentence template per key; ``render`` looks the template
up, lets a ``translate`` function (gettext) replace it, and fills in the parameters, so a translator can
put them in any order. A template that names a missing parameter keeps the placeholder visible, an
unused parameter is ignored and a broken translation falls back to English: rendering never fails.

Parameters are ids, numbers, ISO dates and names taken from the rulebook. A parameter ``x_name`` (or
``x_names``) may come with its id ``x`` beside it, and a ``requirement`` (the rulebook's own words)
with the ``criterion`` or ``credential`` it is about, for a reader that looks the name up itself; the
template names the name, not the id.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import lru_cache
from typing import Any, Union, cast

from imgpath.dates import years_months
from imgpath.messages.english import ENGLISH

Param = Union[str, int, float, bool, None, "Message", tuple["Param", ...]]
"""What a message's parameter may hold: a plain value, another message, or a tuple of them."""

Translate = Callable[[str], str]


def _same(text: str) -> str:
    return text


class Message(tuple[str, tuple[tuple[str, "Param"], ...]]):
    """Something to tell the reader: a key into the catalogue of templates and the values to fill in.

    Equal key and parameters mean the same sentence (the engine shares equal outcomes). Messages sort
    by their English text, so a list mixing them with plain strings still sorts. A tuple underneath:
    the engine makes hundreds per profile, and a tuple is made and hashed in C.
    """

    __slots__ = ()

    def __new__(cls, key: str, params: tuple[tuple[str, Param], ...] = ()) -> Message:
        return tuple.__new__(cls, (key, params))

    @property
    def key(self) -> str:
        return self[0]

    @property
    def params(self) -> tuple[tuple[str, Param], ...]:
        return self[1]

    @property
    def args(self) -> dict[str, Param]:
        return dict(self.params)

    def english(self) -> str:
        cached = _ENGLISH_SAID.get(self)
        if cached is None:
            if len(_ENGLISH_SAID) > 65536:
                _ENGLISH_SAID.clear()
            cached = _ENGLISH_SAID[self] = render(self)
        return cached

    def __str__(self) -> str:
        return self.english()

    def __repr__(self) -> str:
        return f"Message({self.key!r}, {self.params!r})"

    def __lt__(self, other: object) -> bool:
        return str(self) < str(other)

    def __gt__(self, other: object) -> bool:
        return str(self) > str(other)

    def __le__(self, other: object) -> bool:
        return str(self) <= str(other)

    def __ge__(self, other: object) -> bool:
        return str(self) >= str(other)

    def as_json(self) -> dict[str, Any]:
        """The key and the parameters as JSON values: messages as ``{key, params}``, tuples as lists."""
        return {"key": self.key, "params": params_json(self)}


_ENGLISH_SAID: dict[Message, str] = {}
"""English renderings by message: equal messages recur across routes and profiles."""
_JSON_SAID: dict[Message, dict[str, Any]] = {}
"""JSON parameters by message, for the same reason."""

_PLAIN = frozenset((str, int, float, bool, type(None), Message))


def message(key: str, /, **params: object) -> Message:
    """A message; lists become tuples and dates ISO strings, so that it is hashable and JSON-ready."""
    if not params:  # a constant sentence ("place.us"): one object for every use
        found = _CONSTANT.get(key)
        if found is None:
            found = _CONSTANT[key] = _make(Message, (key, ()))
        return found
    if _all_plain(map(type, params.values())):  # the common case, checked in C
        return _make(Message, (key, tuple(params.items())))
    plain = _PLAIN
    converted = tuple((n, cast(Param, v) if type(v) in plain else _param(v)) for n, v in params.items())
    return _make(Message, (key, converted))


_make = tuple.__new__
"""``Message(key, params)`` without a Python frame: the engine makes hundreds per profile."""
_all_plain = _PLAIN.issuperset
_CONSTANT: dict[str, Message] = {}


def _param(value: object) -> Param:
    if value is None or isinstance(value, str | bool | int | float | Message):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        plain = _PLAIN
        if all(type(item) in plain for item in value):
            return tuple(value)
        return tuple(_param(item) for item in value)
    return str(value)  # a PartialDate or an enum: its own ISO or code text


def params_json(message: Message) -> dict[str, Any]:
    """The parameters as JSON values. Shared between equal calls: read it, do not change it."""
    cached = _JSON_SAID.get(message)
    if cached is None:
        if len(_JSON_SAID) > 65536:
            _JSON_SAID.clear()
        cached = _JSON_SAID[message] = {name: _json(value) for name, value in message.params}
    return cached


def _json(value: Param) -> Any:
    if isinstance(value, Message):
        return value.as_json()
    if isinstance(value, tuple):
        return [_json(item) for item in value]
    return value


def from_json(data: Mapping[str, Any]) -> Message:
    """The inverse of ``Message.as_json``: a reader of the JSON can render it again."""

    def param(value: Any) -> Param:
        if isinstance(value, Mapping) and set(value) == {"key", "params"}:
            return from_json(value)
        if isinstance(value, list):
            return tuple(param(item) for item in value)
        return _param(value)

    return Message(str(data["key"]), tuple((k, param(v)) for k, v in dict(data["params"]).items()))


def template(key: str) -> str:
    """The English template of a key; an unknown key shows itself rather than failing."""
    return ENGLISH.get(key, key)


def placeholders(text: str) -> set[str]:
    """The parameter names a template fills in."""
    return {field.split(".")[0].split("[")[0] for _, field, _, _ in string.Formatter().parse(text) if field}


def render(message: Message, translate: Translate = _same) -> str:
    """The message as a sentence: its English template, passed through ``translate``, filled in.

    ``translate`` receives the English template (the gettext msgid) and returns the template to use.
    """
    english = template(message.key)
    formatter = _Formatter(translate)
    translated = translate(english)
    args = message.args
    try:
        return formatter.fill(translated, args)
    except (ValueError, IndexError, KeyError, TypeError):
        if translated == english:
            return english
        try:  # a translation with broken braces: the English sentence rather than none
            return formatter.fill(english, args)
        except (ValueError, IndexError, KeyError, TypeError):
            return english


@lru_cache(maxsize=4096)
def _compiled(text: str) -> tuple[tuple[str, str | None, str], ...]:
    """A template cut once into literal text, field names and formats (ValueError: broken braces)."""
    return tuple((literal, field, spec or "") for literal, field, spec, _ in string.Formatter().parse(text))


class _Formatter:
    """``str.format`` with named parameters only, no attribute access, and a few formats of our own:
    ``span`` (days as years and months), ``years`` (a number of years), ``list``, ``or``, ``semi``
    and ``sentences`` (a tuple joined), and Python's own (``,.0f``, ``.0%``) for numbers. A field that
    names no parameter (positional, dotted, indexed or unknown) is left visible as written."""

    def __init__(self, translate: Translate) -> None:
        self.translate = translate

    def fill(self, text: str, args: Mapping[str, Param]) -> str:
        out = []
        for literal, field, spec in _compiled(text):
            out.append(literal)
            if field is None:
                continue
            if field in args:
                out.append(self.format_field(args[field], spec))
            else:
                out.append("{" + field + "}")
        return "".join(out)

    def format_field(self, value: Any, format_spec: str) -> str:
        if type(value) is str and not format_spec:
            return value
        if isinstance(value, Message):
            if self.translate is _same:
                return value.english()
            return render(value, self.translate)
        if format_spec == "span" and isinstance(value, int | float):
            return self._span(int(value))
        if format_spec == "years" and isinstance(value, int | float):
            whole = int(value)
            if value == whole:
                return self._count("duration.year", "duration.years", whole)
            return self._span(round(value * 365.2425))
        joins = {"list": "join.list", "or": "join.or", "semi": "join.semi", "sentences": "join.sentences"}
        if isinstance(value, tuple):
            items = [self.format_field(item, "") for item in value]
            if format_spec == "or" and len(items) > 1:
                return self.translate(ENGLISH["join.or"]).join(items)
            return self.translate(ENGLISH[joins.get(format_spec, "join.list")]).join(items)
        if value is None:
            return ""
        if format_spec in ("span", "years", *joins):
            return str(value)
        return format(value, format_spec)

    def _count(self, one: str, many: str, count: int) -> str:
        chosen = ENGLISH[one] if count == 1 else ENGLISH[many]
        return self.translate(chosen).replace("{count}", str(count))

    def _span(self, days: int) -> str:
        years, months = years_months(days)
        parts = []
        if years:
            parts.append(self._count("duration.year", "duration.years", years))
        if months or not years:
            parts.append(self._count("duration.month", "duration.months", months))
        if len(parts) == 1:
            return parts[0]
        return (
            self.translate(ENGLISH["duration.years_months"])
            .replace("{years}", parts[0])
            .replace("{months}", parts[1])
        )


class MessageError(ValueError):
    """A value refused, its reason a message: a validator raises it, so an interface can say it in the
    reader's language (pydantic keeps the exception in the error's ``ctx``); its text is the English."""

    def __init__(self, said: Message) -> None:
        self.said = said
        super().__init__(render(said))


def english_of(messages: Iterable[Message | str]) -> list[str]:
    """Each message in English: for the JSON's text fields, which keep their old shape."""
    return [str(item) for item in messages]
