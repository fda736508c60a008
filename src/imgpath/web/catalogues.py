"""Compile the web app's message catalogues (``locale/*/LC_MESSAGES/*.po`` to ``.mo``) in pure Python.

Compiled catalogues are generated, not committed, and a fresh machine may lack GNU gettext: this
writes the same GNU ``.mo`` files as ``msgfmt`` (contexts and plural forms included, fuzzy and
untranslated entries left out so English shows instead). Run ``python -m imgpath.web.catalogues``.
"""

from __future__ import annotations

import re
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
MAGIC = 0x950412DE
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "f": "\f", "v": "\v", '"': '"', "\\": "\\"}
_ESCAPE = re.compile(r'\\([ntrabfv"\\]|[0-7]{1,3})')
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")\s*$")


class CatalogueError(ValueError):
    """A .po file this compiler cannot read; the message names the file and line."""


@dataclass
class Message:
    """One entry of a .po file: the source text, its context and plural, and the translations by form."""

    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())


def _unquote(text: str, where: str) -> str:
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        raise CatalogueError(f"{where}: expected a quoted string")
    body = text[1:-1]

    def replace(match: re.Match[str]) -> str:
        code = match.group(1)
        return _ESCAPES[code] if code in _ESCAPES else chr(int(code, 8))

    return _ESCAPE.sub(replace, body)


def parse_po(text: str, name: str = "<po>") -> list[Message]:
    """Every active entry of a .po file, the header (empty msgid) first if present; obsolete ones skipped."""
    messages: list[Message] = []
    current: Message | None = None
    target: tuple[str, int] = ("", 0)
    fuzzy = False
    seen_msgid = False

    def finish() -> None:
        nonlocal current, seen_msgid
        if current is not None and seen_msgid:
            messages.append(current)
        current, seen_msgid = None, False

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        where = f"{name}:{number}"
        if not line:
            continue
        if line.startswith("#"):
            if current is not None and seen_msgid and current.msgstr:
                finish()
            if line.startswith("#,") and "fuzzy" in (flag.strip() for flag in line[2:].split(",")):
                fuzzy = True
            continue
        if line.startswith('"'):
            if current is None:
                raise CatalogueError(f"{where}: a string outside any entry")
            part = _unquote(line, where)
            kind, index = target
            if kind == "msgstr":
                current.msgstr[index] += part
            else:
                setattr(current, kind, (getattr(current, kind) or "") + part)
            continue
        match = _KEYWORD.match(line)
        if match is None:
            raise CatalogueError(f"{where}: cannot read {line[:40]!r}")
        keyword, index_text, quoted = match.groups()
        value = _unquote(quoted, where)
        if keyword == "msgctxt" or (keyword == "msgid" and (current is None or current.msgstr)):
            finish()
            current = Message(fuzzy=fuzzy)
            fuzzy = False
        if current is None:
            raise CatalogueError(f"{where}: {keyword} before msgid")
        if keyword.startswith("msgstr"):
            index = int(index_text) if index_text is not None else 0
            current.msgstr[index] = value
            target = ("msgstr", index)
        else:
            setattr(current, keyword, value)
            seen_msgid = seen_msgid or keyword == "msgid"
            target = (keyword, 0)
    finish()
    return messages


def compile_messages(messages: list[Message]) -> bytes:
    """A GNU .mo file (little-endian, no hash table) holding the translated entries and the header."""
    entries: dict[bytes, bytes] = {}
    for message in messages:
        is_header = message.msgid == "" and message.msgctxt is None
        if not is_header and (message.fuzzy or not message.translated):
            continue
        key = message.msgid
        if message.msgid_plural is not None:
            key += "\0" + message.msgid_plural
        if message.msgctxt is not None:
            key = message.msgctxt + "\x04" + key
        value = "\0".join(message.msgstr[i] for i in sorted(message.msgstr))
        entries[key.encode("utf-8")] = value.encode("utf-8")
    keys = sorted(entries)
    count = len(keys)
    originals_at = 7 * 4
    translations_at = originals_at + count * 8
    data_at = translations_at + count * 8
    tables: list[int] = []
    blob = b""
    for strings in (keys, [entries[k] for k in keys]):
        for text in strings:
            tables += [len(text), data_at + len(blob)]
            blob += text + b"\0"
    header = struct.pack("<7I", MAGIC, 0, count, originals_at, translations_at, 0, data_at)
    return header + struct.pack(f"<{len(tables)}I", *tables) + blob


def compile_all(locale_dir: Path = LOCALE_DIR, only_stale: bool = False) -> list[Path]:
    """Write each .po's .mo beside it; with ``only_stale``, only those missing or older than their .po."""
    written = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if only_stale and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        mo.write_bytes(compile_messages(parse_po(po.read_text("utf-8"), str(po))))
        written.append(mo)
    return written


def main() -> None:
    for mo in compile_all(only_stale="--stale" in sys.argv[1:]):
        print(f"compiled {mo}")


if __name__ == "__main__":
    main()
