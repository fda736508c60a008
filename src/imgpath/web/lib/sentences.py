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

from imgpath.messages import Message, Param, Translate, render, words
from imgpath.messages.words import Translated, is_english, rulebook_words

_OPEN, _CLOSE = "\ue000", "\ue001"
"""Private-use characters around a value's number while the sentence is filled: no template, no
translation and no rulebook text holds them, and escaping leaves them alone."""
_BDI, _BDI_EN = "<bdi>", '<bdi lang="en">'
_MARK = re.compile(f"{_OPEN}(\\d+){_CLOSE}")


def say(said: Message | str, translate: Translate) -> str:
    """The message as a sentence in the language ``translate`` (gettext) reads, the rulebook's words
    in it too where their catalogue has them; text as it is (``imgpath.messages.words``)."""
    return words.say(said, translate)


def say_html(said: Message | str, translate: Translate) -> str:
    """The sentence as escaped HTML, each rulebook value in its own ``<bdi>`` (safe to mark safe)."""
    if not isinstance(said, Message):
        return html.escape(said)
    values: list[tuple[str, bool]] = []
    text = html.escape(render(_marked(rulebook_words(said, translate), values), translate))

    def isolated(found: re.Match[str]) -> str:
        value, english = values[int(found.group(1))]
        return f"{_BDI_EN if english else _BDI}{html.escape(value)}</bdi>"

    return _MARK.sub(isolated, text)


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
