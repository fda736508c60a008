"""The rulebook's words inside a message, in the reader's language: what the web and the CLI share.

A message's values that hold the rulebook's English (a route's or step's name, a requirement: every
``*_name`` and ``*_names`` and the parameters below) are looked up in the reader's language before the
sentence is filled, through the same ``translate`` that reads the message templates (gettext over the
web's catalogues and the rulebook's, ``imgpath.rulebook.texts``). A value the catalogue lacks stays
English, and says so (``Translated.english``), so that a page can mark it ``lang="en"``.
"""

from __future__ import annotations

from imgpath.messages import Message, Param, Translate, render

ENGLISH_PARAMS = frozenset({"requirement", "requirements", "who", "note", "cited", "successor", "reason"})
"""Parameters that carry the rulebook's English words (besides every ``*_name`` and ``*_names``)."""


def is_english(name: str) -> bool:
    """Whether a parameter of this name holds English words from the rulebook (a name, a summary)."""
    return name.endswith(("_name", "_names")) or name in ENGLISH_PARAMS


def say(said: Message | str, translate: Translate) -> str:
    """The message as a sentence in the language ``translate`` reads, the rulebook's words in it too
    where their catalogue has them; text as it is."""
    if isinstance(said, Message):
        return render(rulebook_words(said, translate), translate)
    return said


def rulebook_words(said: Message, translate: Translate) -> Message:
    """The same message with each value holding the rulebook's English (a route's or step's name, a
    requirement) in the reader's language where the rulebook's catalogue has it."""
    return Message(said.key, tuple((name, _word(name, value, translate)) for name, value in said.params))


def _word(name: str, value: Param, translate: Translate) -> Param:
    if isinstance(value, Message):
        return rulebook_words(value, translate)
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
