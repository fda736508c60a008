"""Engine and planner explanations in the reader's language: a ``Message`` through gettext, whole.

The engine and the planner hand the web keyed messages (``imgpath.messages``) whose English template
is the gettext msgid, so a translator writes the whole sentence and puts the named values wherever the
language wants them (Arabic reorders them). ``say`` gives the sentence as text; ``say_html`` gives it
escaped for a page, with each value the rulebook supplies (a name, a requirement, a date, a code)
isolated in ``<bdi>``, and marked ``lang="en"`` where it is English text, so that it stays whole
inside a right-to-left sentence. Those values are the rulebook's English in its YAML; where the
rulebook's catalogue (``imgpath.rulebook.texts``, read by the same gettext) has them in the reader's
language, they are shown so, and not marked English. Plain text passes through both unchanged.
"""

from __future__ import annotations

import html
import re

from imgpath.messages import Message, Param, Translate, render

_OPEN, _CLOSE = "\ue000", "\ue001"
"""Private-use characters around a value's number while the sentence is filled: no template, no
translation and no rulebook text holds them, and escaping leaves them alone."""
_BDI, _BDI_EN = "<bdi>", '<bdi lang="en">'
_MARK = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
_ENGLISH_PARAMS = frozenset({"requirement", "requirements", "who", "note", "cited", "successor", "reason"})
"""Parameters that carry the rulebook's English words (besides every ``*_name`` and ``*_names``)."""


def say(said: Message | str, translate: Translate) -> str:
    """The message as a sentence in the language ``translate`` (gettext) reads, the rulebook's words
    in it too where their catalogue has them; text as it is."""
    if isinstance(said, Message):
        return render(_rulebook_words(said, translate), translate)
    return said


def say_html(said: Message | str, translate: Translate) -> str:
    """The sentence as escaped HTML, each rulebook value in its own ``<bdi>`` (safe to mark safe)."""
    if not isinstance(said, Message):
        return html.escape(said)
    values: list[tuple[str, bool]] = []
    text = html.escape(render(_marked(_rulebook_words(said, translate), values), translate))

    def isolated(found: re.Match[str]) -> str:
        value, english = values[int(found.group(1))]
        return f"{_BDI_EN if english else _BDI}{html.escape(value)}</bdi>"

    return _MARK.sub(isolated, text)


def is_english(name: str) -> bool:
    """Whether a parameter of this name holds English words from the rulebook (a name, a summary)."""
    return name.endswith(("_name", "_names")) or name in _ENGLISH_PARAMS


def _rulebook_words(said: Message, translate: Translate) -> Message:
    """The same message with each value holding the rulebook's English (a route's or step's name, a
    requirement) in the reader's language where the rulebook's catalogue has it (``rulebook.texts``)."""
    return Message(said.key, tuple((name, _word(name, value, translate)) for name, value in said.params))


def _word(name: str, value: Param, translate: Translate) -> Param:
    if isinstance(value, Message):
        return _rulebook_words(value, translate)
    if isinstance(value, tuple):
        return tuple(_word(name, item, translate) for item in value)
    if isinstance(value, str) and value and is_english(name):
        return Translated(translate(value), value)
    return value


class Translated(str):
    """A rulebook value after its catalogue: the text to show, and whether it is still the English."""

    english: bool

    def __new__(cls, text: str, original: str) -> Translated:
        found = super().__new__(cls, text)
        found.english = text == original
        return found


def _marked(said: Message, values: list[tuple[str, bool]]) -> Message:
    """The same message with each text value replaced by its number in ``values``."""
    return Message(said.key, tuple((name, _mark(name, value, values)) for name, value in said.params))


def _mark(name: str, value: Param, values: list[tuple[str, bool]]) -> Param:
    if isinstance(value, Message):
        return _marked(value, values)
    if isinstance(value, tuple):
        return tuple(_mark(name, item, values) for item in value)
    if isinstance(value, str) and value:
        english = value.english if isinstance(value, Translated) else is_english(name)
        values.append((str(value), english))
        return f"{_OPEN}{len(values) - 1}{_CLOSE}"
    return value
