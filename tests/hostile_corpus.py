"""The hostile-input corpus (issue 9), built by code when the tests run: nothing big is committed.

Each case is a profile file (its bytes and its suffix) and, where JSON can say the same thing, the
body of an API request. The CLI (tests/test_hostile_corpus.py), the import form and the API
(tests/web/test_web_hostile_corpus.py) must each refuse every case with a named error in bounded
time and memory, or, for the few that are odd but valid (a byte-order mark), accept it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from imgpath.engine.profile import Profile

SENTINEL = Path("/tmp/imgpath-hostile-corpus-was-here")
"""A YAML tag that ran code would create this file: the tests check it never appears."""

MB = 1_000_000


@dataclass(frozen=True)
class Case:
    name: str
    suffix: str
    """``.yaml`` or ``.json``: the loaders choose the parser by the file's name."""
    build: Callable[[], bytes]
    """The file's bytes (built on first use and kept: see ``file_bytes``)."""
    api: Callable[[], bytes] | None = None
    """The same attack as an API body (JSON); None where only YAML can say it."""
    accepted: bool = False
    """Odd but valid: the answer is a profile (exit 0, a redirect, a 200), never an error."""
    path: str | None = None
    """A file that is not ours to write (``/dev/zero``): the CLI reads it where it is."""

    @property
    def id(self) -> str:
        return self.name


@cache
def file_bytes(case: Case) -> bytes:
    return case.build()


@cache
def api_bytes(case: Case) -> bytes | None:
    return case.api() if case.api is not None else None


def _text(text: str) -> Callable[[], bytes]:
    return lambda: text.encode("utf-8")


def _json(data: object) -> Callable[[], bytes]:
    return lambda: json.dumps(data).encode("utf-8")


def _example() -> str:
    return resources.files("imgpath.examples").joinpath("experienced-internist.yaml").read_text("utf-8")


def _example_json() -> str:
    return json.dumps(yaml.safe_load(_example()), default=str)


# --- the builders -----------------------------------------------------------------------------------


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    """The classic: 10 references at each of 9 levels, 10**9 values from under a kilobyte."""
    lines = [f"lol0: &lol0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        refs = ", ".join([f"*lol{level - 1}"] * width)
        lines.append(f"lol{level}: &lol{level} [{refs}]")
    lines.append(f"preferences: {{specialties: *lol{levels - 1}}}")
    return "\n".join(lines) + "\n"


def merge_key_bomb(levels: int = 9, width: int = 10) -> str:
    """Merge keys (``<<: *a``) that flatten each level into the next: exponential before any check."""
    lines = ["m0: &m0 {k0: 0}"]
    for level in range(1, levels):
        refs = ", ".join([f"*m{level - 1}"] * width)
        lines.append(f"m{level}: &m{level} {{<<: [{refs}], k{level}: {level}}}")
    lines.append(f"job_offer: {{<<: *m{levels - 1}, state: TN}}")
    return "\n".join(lines) + "\n"


def alias_chain(depth: int = 10_000) -> str:
    """Each value a list holding the one before: nested 10,000 deep through aliases, which no parser
    depth limit sees (each line nests one level)."""
    lines = ["c0: &c0 [x]"]
    lines += [f"c{i}: &c{i} [*c{i - 1}]" for i in range(1, depth)]
    lines.append(f"practice: *c{depth - 1}")
    return "\n".join(lines) + "\n"


def deep(opening: str, closing: str, inner: str = "1", depth: int = 10_000) -> str:
    return opening * depth + inner + closing * depth


def wrong_types() -> dict[str, object]:
    """For each top-level field, a value of a type it never takes."""
    wrong: dict[str, object] = {}
    for name, info in Profile.model_fields.items():
        annotation = str(info.annotation)
        if "list[" in annotation:
            wrong[name] = {"not": "a list"}
        elif "dict[" in annotation or annotation.startswith("<class 'imgpath"):
            wrong[name] = ["not", "a", "mapping"]
        else:
            wrong[name] = {"not": ["a", "value"]}
    return wrong


def long_string_profile(where: str) -> str:
    big = "x" * MB
    return {
        "specialty": f"preferences: {{specialties: [{big}]}}\n",
        "country": f"medical_school: {{country: {big.upper()}}}\n",
        "key": f"{big}: 1\n",
        "exam id": f"exams: {{{big}: null}}\n",
    }[where]


def million_keys(style: str) -> bytes:
    if style == "json":
        return ("{" + ", ".join(f'"k{i}": 0' for i in range(MB)) + "}").encode()
    return "".join(f"k{i}: 0\n" for i in range(MB)).encode()


def fifty_mb(style: str) -> bytes:
    """50 MB of a profile that looks like one: the same training period again and again."""
    period = '{"country": "IN", "kind": "residency", "start": "2012-07", "end": "2015-06"}, '
    count = 50 * MB // len(period)
    if style == "json":
        return ('{"training": [' + period * count + "{}]}").encode()
    return ("training: [" + period * count + "{}]\n").encode()


# --- the corpus -------------------------------------------------------------------------------------

_VALID = "citizenship: [IN]\nmedical_school: {country: IN, graduated: 2012-05}\n"
_VALID_JSON = '{"citizenship": ["IN"], "medical_school": {"country": "IN", "graduated": "2012-05"}}'
_ESC = "\x1b]0;owned\x07\x1b[2J"
"""A terminal's commands: set the window title, clear the screen."""

CASES: list[Case] = [
    # aliases and merge keys
    Case("billion laughs", ".yaml", _text(billion_laughs())),
    Case("merge-key bomb", ".yaml", _text(merge_key_bomb())),
    Case("an alias inside the list it names", ".yaml", _text("practice: &a [*a]\n")),
    Case("an alias inside the mapping it names", ".yaml", _text("medical_school: &a {country: IN, x: *a}\n")),
    Case("an alias chain 10,000 deep", ".yaml", _text(alias_chain())),
    # nesting
    Case("YAML flow lists 10,000 deep", ".yaml", _text("practice: " + deep("[", "]") + "\n")),
    Case("YAML flow mappings 10,000 deep", ".yaml", _text("practice: " + deep("{a: ", "}") + "\n")),
    Case("YAML block lists 10,000 deep", ".yaml", _text("practice:\n" + "- " * 10_000 + "x\n")),
    Case(
        "YAML block mappings 1,500 deep",  # 10,000 would take 50 MB of indentation
        ".yaml",
        _text("".join(" " * i + f"k{i}:\n" for i in range(1500)) + " " * 1500 + "x\n"),
    ),
    Case(
        "JSON arrays 10,000 deep",
        ".json",
        _text('{"practice": ' + deep("[", "]") + "}"),
        api=_text('{"practice": ' + deep("[", "]") + "}"),
    ),
    Case(
        "JSON objects 10,000 deep",
        ".json",
        _text('{"practice": ' + deep('{"a": ', "}") + "}"),
        api=_text('{"practice": ' + deep('{"a": ', "}") + "}"),
    ),
    # numbers
    Case("an integer of 5,000 digits", ".yaml", _text("us_gme_years: " + "9" * 5000 + "\n")),
    Case(
        "an integer of 5,000 digits in JSON",
        ".json",
        _text('{"us_gme_years": ' + "9" * 5000 + "}"),
        api=_text('{"us_gme_years": ' + "9" * 5000 + "}"),
    ),
    Case(
        "a base-60 integer of 400,000 characters", ".yaml", _text("us_gme_years: 1" + ":1" * 200_000 + "\n")
    ),
    Case("an empty !!int", ".yaml", _text("us_gme_years: !!int ''\n")),
    Case("a float of 1e999", ".yaml", _text("us_gme_years: 1.0e+999\n")),
    Case(
        "1e999 in JSON",
        ".json",
        _text('{"practice": [{"country": "IN", "years": 1e999}]}'),
        api=_text('{"practice": [{"country": "IN", "years": 1e999}]}'),
    ),
    Case(
        "-1e999 and NaN in JSON",
        ".json",
        _text('{"us_gme_years": NaN, "preferences": {"budget_usd": -1e999}}'),
        api=_text('{"us_gme_years": NaN, "preferences": {"budget_usd": -1e999}}'),
    ),
    Case("a NaN", ".yaml", _text("us_gme_years: .nan\n")),
    # characters that are not text
    Case("a raw NUL byte", ".yaml", lambda: b"medical_school: {country: I\x00N}\n"),
    Case("a raw NUL byte in JSON", ".json", lambda: b'{"medical_school": {"country": "I\x00N"}}'),
    Case(
        "an escaped NUL in free text",
        ".yaml",
        _text('preferences: {specialties: ["internal\\0medicine"]}\n'),
    ),
    Case(
        "an escaped NUL in JSON free text and a key",
        ".json",
        _json({"preferences": {"specialties": ["a\x00b"]}, "x\x00": 1}),
        api=_json({"preferences": {"specialties": ["a\x00b"]}, "x\x00": 1}),
    ),
    Case(
        "a lone surrogate as a JSON escape",
        ".json",
        _text('{"preferences": {"specialties": ["\\ud800"]}}'),
        api=_text('{"preferences": {"specialties": ["\\ud800"]}}'),
    ),
    Case(
        "a lone surrogate as a JSON escape in a key",
        ".json",
        _text('{"\\udfff": 1}'),
        api=_text('{"\\udfff": 1}'),
    ),
    Case("a lone surrogate as a YAML escape", ".yaml", _text('preferences: {specialties: ["\\ud800"]}\n')),
    Case(
        "a lone surrogate as raw bytes (invalid UTF-8)",
        ".yaml",
        lambda: b"preferences: {specialties: [\xed\xa0\x80]}\n",
    ),
    Case(
        "a lone surrogate as raw bytes in JSON",
        ".json",
        lambda: b'{"preferences": {"specialties": ["\xed\xa0\x80"]}}',
        api=lambda: b'{"preferences": {"specialties": ["\xed\xa0\x80"]}}',
    ),
    Case("invalid UTF-8", ".yaml", lambda: b"citizenship: [\xff\xfe\xc0\xaf]\n"),
    Case("UTF-8 cut in the middle of a character", ".yaml", lambda: _VALID.encode() + b"# \xe2\x82"),
    Case(
        "invalid UTF-8 in JSON",
        ".json",
        lambda: b'{"citizenship": ["\xff"]}',
        api=lambda: b'{"citizenship": ["\xff"]}',
    ),
    Case("UTF-16", ".yaml", lambda: _VALID.encode("utf-16")),
    Case(
        "terminal escapes in a key",
        ".json",
        _json({f"a{_ESC}": 1}),
        api=_json({f"a{_ESC}": 1}),
    ),
    Case("terminal escapes in a country", ".yaml", _text(f'medical_school: {{country: "{_ESC}"}}\n')),
    Case(
        "bidirectional overrides in a country",
        ".json",
        _json({"medical_school": {"country": "\u202eNI"}}),
        api=_json({"medical_school": {"country": "\u202eNI"}}),
    ),
    # a byte-order mark: odd, and valid
    Case("a byte-order mark", ".yaml", lambda: b"\xef\xbb\xbf" + _VALID.encode(), accepted=True),
    Case(
        "a byte-order mark in JSON",
        ".json",
        lambda: b"\xef\xbb\xbf" + _VALID_JSON.encode(),
        api=lambda: b"\xef\xbb\xbf" + _VALID_JSON.encode(),
        accepted=True,
    ),
    Case("a byte-order mark in the middle", ".yaml", lambda: _VALID.encode() + b"\xef\xbb\xbfx: 1\n"),
    # size
    Case("50 MB", ".yaml", lambda: fifty_mb("yaml")),
    Case("50 MB of JSON", ".json", lambda: fifty_mb("json"), api=lambda: fifty_mb("json")),
    Case("a million tiny keys", ".yaml", lambda: million_keys("yaml")),
    Case(
        "a million tiny keys in JSON",
        ".json",
        lambda: million_keys("json"),
        api=lambda: million_keys("json"),
    ),
    Case("300,000 values within the size limit", ".yaml", _text("training: [" + "0," * 300_000 + "0]\n")),
    Case(
        # under the API's 2.5 MB limit; validating it cost 5 s and 1.3 GB to list the errors
        "1.2 million values in JSON within the API's size limit",
        ".json",
        _text('{"citizenship": [' + "0," * 1_200_000 + "0]}"),
        api=_text('{"citizenship": [' + "0," * 1_200_000 + "0]}"),
    ),
    Case("an endless file", ".yaml", lambda: b"", path="/dev/zero"),
    Case("an empty file", ".yaml", lambda: b""),
    Case("a folder", ".yaml", lambda: b"", path="/tmp"),
    # long strings
    *(
        Case(f"a 1 MB {where}", ".yaml", _text(long_string_profile(where)))
        for where in ("specialty", "country", "key", "exam id")
    ),
    Case(
        "a 1 MB specialty in JSON",
        ".json",
        _json({"preferences": {"specialties": ["x" * MB]}}),
        api=_json({"preferences": {"specialties": ["x" * MB]}}),
    ),
    Case(
        "a 1 MB key in JSON",
        ".json",
        _json({"x" * MB: 1}),
        api=_json({"x" * MB: 1}),
    ),
    # the wrong shape
    *(
        Case(
            f"the wrong type for {field}",
            ".yaml",
            _text(yaml.safe_dump({field: value})),
            api=_json({field: value}),
        )
        for field, value in wrong_types().items()
    ),
    Case("a list, not a mapping", ".json", _text("[1, 2]"), api=_text("[1, 2]")),
    Case("a bare string", ".yaml", _text("just some words\n")),
    # YAML's own features
    Case(
        "a !!python/object/apply tag",
        ".yaml",
        _text(f"citizenship: !!python/object/apply:os.system ['touch {SENTINEL}']\n"),
    ),
    Case("a !!python/object tag", ".yaml", _text("citizenship: !!python/object:os.PathLike {}\n")),
    Case("a !!python/name tag", ".yaml", _text("citizenship: !!python/name:os.system\n")),
    Case("an unknown local tag", ".yaml", _text("citizenship: !pwn [IN]\n")),
    Case("duplicate keys", ".yaml", _text("citizenship: [IN]\ncitizenship: [PK]\n")),
    Case(
        "duplicate keys in JSON",
        ".json",
        _text('{"citizenship": ["IN"], "citizenship": ["PK"]}'),
        api=_text('{"citizenship": ["IN"], "citizenship": ["PK"]}'),
    ),
    Case("merge keys", ".yaml", _text("base: &b {state: TN}\njob_offer:\n  <<: *b\n  full_time: true\n")),
    Case("tab-indented YAML", ".yaml", _text("medical_school:\n\tcountry: IN\n\tgraduated: 2012-05\n")),
    Case("two documents", ".yaml", _text(_VALID + "---\n" + _VALID)),
    Case("a complex key", ".yaml", _text("? [a, b]\n: 1\n")),
    Case(
        "the example profile with one key repeated",
        ".yaml",
        lambda: (_example() + "us_gme_years: 1\n").encode(),
    ),
    Case(
        "the example as JSON with one value of the wrong type",
        ".json",
        lambda: _example_json().replace('"us_gme_years": 0', '"us_gme_years": "zero"').encode(),
        api=lambda: _example_json().replace('"us_gme_years": 0', '"us_gme_years": "zero"').encode(),
    ),
]

BY_NAME = {case.name: case for case in CASES}
assert len(BY_NAME) == len(CASES), "case names are unique"
