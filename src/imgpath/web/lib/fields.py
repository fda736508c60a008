"""A validation error's location as the field path people read: ``exams.usmle_step1.passed``,
``training[0].start``. Pydantic's own steps (``[date]``, ``bool``, union branches) are left out."""

from __future__ import annotations

from typing import Any

from imgpath.yamlio import printable


def field_path(location: tuple[Any, ...]) -> str:
    """The dotted path of a pydantic error's ``loc``; each key is escaped and bounded, since it is the
    sender's text echoed back."""
    parts = [
        p for p in location if isinstance(p, int) or not ("[" in p or p in {"bool", "date", "str", "int"})
    ]
    text = ""
    for part in parts:
        name = printable(str(part))  # a key is the sender's text: escaped and bounded when echoed
        text += f"[{part}]" if isinstance(part, int) else (f".{name}" if text else name)
    return text
