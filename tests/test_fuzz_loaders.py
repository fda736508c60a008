"""Fuzzing the profile and rulebook loaders (issue 9): whatever the bytes, the outcome is a value or the
named error (``InputError``, with the file it was read from), never another exception.

Deterministic (``derandomize=True``, no example database), so CI sees the same cases on every run;
the example counts keep the module under a minute on two cores.
"""

from __future__ import annotations

import atexit
import copy
import json
import shutil
import tempfile
import tracemalloc
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from hostile_corpus import MB, alias_chain
from imgpath.engine.evaluate import check
from imgpath.engine.profile import Profile, load_profile, parse_profile
from imgpath.rulebook.loader import DATA_DIR, Rulebook, default_rulebook, load_rulebook
from imgpath.yamlio import MAX_BYTES, InputError, load_text

FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


FIXTURE = HealthCheck.function_scoped_fixture
"""The rulebook fixture is read-only: sharing it between examples is safe."""


def fuzz(examples: int) -> settings:
    """``examples`` deterministic cases with no time limit per case."""
    return settings(FUZZ, max_examples=examples)


CATALOGUE, TN = "us/catalogue.yaml", "us/states/tn.yaml"
EXAMPLE_TEXT = resources.files("imgpath.examples").joinpath("experienced-internist.yaml").read_text("utf-8")
EXAMPLE = yaml.safe_load(EXAMPLE_TEXT)
EXAMPLE_PROFILE = parse_profile(EXAMPLE_TEXT, "example.yaml")
TN_DATA = yaml.safe_load((DATA_DIR / TN).read_text(encoding="utf-8"))

# --- strategies -----------------------------------------------------------------------------------

FIELDS = [*Profile.model_fields, "country", "start", "end", "years", "passed", "score", "attempts", "state"]
YAML_TOKENS = [
    *"{}[],:-?|>#&*!%@`'\"\\\n\t ",
    ": ",
    "- ",
    "? ",
    "&a ",
    "*a",
    "<<: *a",
    "!!python/object/apply:os.system ['true']",
    "!!python/name:os.system",
    "!!binary ",
    "!!set ",
    "!!omap ",
    "!!timestamp ",
    "!!float ",
    "!!int ",
    "!custom ",
    "%YAML 1.1\n",
    "%TAG ! tag:x,2000:\n",
    "---\n",
    "...\n",
    "~",
    "null",
    "true",
    "no",
    "0x1F",
    "0o17",
    "1e999",
    "-.inf",
    ".nan",
    "9" * 60,
    "2019-06",
    "2019-06-31",
    "0000-00",
    "9999-12-31",
    "2019-06-30T12:00:00Z",
    "\x00",
    "\ufeff",
    "\u2028",
    "\U0001f600",
    "IN",
    *FIELDS,
]
yaml_like_text = st.lists(st.sampled_from(YAML_TOKENS), max_size=60).map("".join)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**60), max_value=10**60),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["IN", "TN", "2019-06", "2019-06-30", "residency", "active", "hospital", "j1", ""]),
    st.dates(),
    st.datetimes(),
)
keys = st.one_of(st.sampled_from(FIELDS), st.text(max_size=10), st.integers(-5, 5))
structures = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=5), st.dictionaries(keys, children, max_size=5)),
    max_leaves=40,
)


def _paths(data: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in a parsed document: the paths of its mapping values and list items."""
    yield here
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*here, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*here, index))


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


@st.composite
def mutated(draw: st.DrawFn, original: Any, rounds: int = 4) -> Any:
    """A real document with a few parts replaced, dropped, duplicated, retyped or grown deep."""
    data = copy.deepcopy(original)
    for _ in range(draw(st.integers(1, rounds))):
        paths = list(_paths(data))
        path = draw(st.sampled_from(paths))
        if not path:
            if draw(st.integers(0, 9)) == 0:
                data = draw(structures)
            continue
        parent, last = _get(data, path[:-1]), path[-1]
        operation = draw(st.sampled_from(["replace", "drop", "retype", "graft", "deepen", "add", "empty"]))
        if operation == "replace":
            parent[last] = draw(structures)
        elif operation == "drop":
            del parent[last]
        elif operation == "retype":  # the same value as text, a number, a list or a mapping
            value = parent[last]
            parent[last] = draw(
                st.sampled_from([str(value), [value], {"value": value}, 1, -1, 0.5, True, None, ""])
            )
        elif operation == "graft":  # another part of the same document, where it does not belong
            parent[last] = copy.deepcopy(_get(data, draw(st.sampled_from(paths))))
        elif operation == "deepen":
            parent[last] = [parent[last]] * draw(st.integers(1, 3))
        elif operation == "add" and isinstance(parent, dict):
            parent[draw(keys)] = draw(structures)
        elif operation == "add" and isinstance(parent, list):
            parent.insert(draw(st.integers(0, len(parent))), draw(structures))
        else:
            parent[last] = draw(st.sampled_from([{}, [], "", None]))
    return data


def dump(data: Any, style: str) -> str:
    """A structure written as a person (block YAML), a tool (flow YAML) or a browser (JSON) would."""
    if style == "json":
        return json.dumps(data, default=str)
    try:
        return yaml.safe_dump(data, default_flow_style=style == "flow", allow_unicode=True, sort_keys=False)
    except yaml.representer.RepresenterError:  # a key PyYAML cannot write: as JSON, YAML's subset
        return json.dumps(data, default=str)


# --- the profile loader ---------------------------------------------------------------------------

WORK = Path(tempfile.mkdtemp(prefix="imgpath-fuzz-"))
"""Where the fuzzed files are written (Hypothesis' examples cannot take pytest's tmp_path)."""
atexit.register(shutil.rmtree, WORK, ignore_errors=True)


def outcome_of_text(text: str, name: str) -> Profile | InputError:
    """What parse_profile (behind the web form) makes of ``text``: a value or the named error."""
    try:
        found: Profile | InputError = parse_profile(text, name)
    except InputError as error:
        found = error
    if isinstance(found, InputError):
        assert found.file == name
        assert name in str(found)
    note_outcome(found)
    return found


def outcome_of_bytes(data: bytes, name: str) -> Profile | InputError:
    """What the CLI's reader (load_profile) makes of a file holding ``data``."""
    path = WORK / name
    path.write_bytes(data)
    try:
        found: Profile | InputError = load_profile(path)
    except InputError as error:
        found = error
    if isinstance(found, InputError):
        assert found.file == str(path)
        assert str(path) in str(found)
    note_outcome(found)
    return found


def kind_of(found: object) -> str:
    """The outcome for Hypothesis' statistics: how far past the parser the cases reach."""
    if not isinstance(found, InputError):
        return f"a value ({type(found).__name__})"
    if found.message.startswith(("not valid", "not UTF-8")):
        return "refused by the parser"
    return "refused by the schema or the checks"


def note_outcome(found: object) -> None:
    if currently_in_test_context():
        event(kind_of(found))


SUFFIXES = st.sampled_from(["p.yaml", "p.yml", "p.json"])


@fuzz(300)
@given(data=st.binary(max_size=600), name=SUFFIXES)
def test_any_bytes_give_a_profile_or_a_named_error(data: bytes, name: str) -> None:
    outcome_of_bytes(data, name)


@fuzz(150)
@given(
    data=st.one_of(
        st.binary(max_size=200).map(lambda b: EXAMPLE_TEXT.encode() + b),
        st.binary(max_size=200).map(lambda b: b"\xef\xbb\xbf" + EXAMPLE_TEXT.encode()[: len(b) * 4] + b),
        st.tuples(st.integers(0, len(EXAMPLE_TEXT)), st.binary(min_size=1, max_size=8)).map(
            lambda t: EXAMPLE_TEXT.encode()[: t[0]] + t[1] + EXAMPLE_TEXT.encode()[t[0] :]
        ),
    ),
    name=SUFFIXES,
)
def test_the_example_with_bytes_spliced_in_gives_a_profile_or_a_named_error(data: bytes, name: str) -> None:
    outcome_of_bytes(data, name)


@fuzz(400)
@given(text=st.one_of(yaml_like_text, st.text(max_size=200)), name=SUFFIXES)
def test_any_text_gives_a_profile_or_a_named_error(text: str, name: str) -> None:
    outcome_of_text(text, name)


@fuzz(300)
@given(data=structures, style=st.sampled_from(["block", "flow", "json"]))
def test_any_structure_gives_a_profile_or_a_named_error(data: Any, style: str) -> None:
    outcome_of_text(dump(data, style), "p.json" if style == "json" else "p.yaml")


@fuzz(200)
@given(
    data=st.dictionaries(st.sampled_from(FIELDS), structures, max_size=8),
    style=st.sampled_from(["block", "json"]),
)
def test_any_structure_under_profile_fields_gives_a_profile_or_a_named_error(data: Any, style: str) -> None:
    outcome_of_text(dump(data, style), "p.json" if style == "json" else "p.yaml")


@pytest.fixture(scope="module")
def rulebook() -> Rulebook:
    return default_rulebook()


@settings(FUZZ, max_examples=250, suppress_health_check=[*FUZZ.suppress_health_check, FIXTURE])
@given(data=mutated(EXAMPLE), style=st.sampled_from(["block", "flow", "json"]))
def test_a_mutated_example_profile_gives_a_profile_or_a_named_error_and_checks(
    rulebook: Rulebook, data: Any, style: str
) -> None:
    """What the loader accepts, the engine can check: `imgpath check` ends in a table, not a traceback."""
    found = outcome_of_text(dump(data, style), "p.json" if style == "json" else "p.yaml")
    if isinstance(found, Profile):
        check(found, rulebook)


# --- the rulebook loader --------------------------------------------------------------------------


def rulebook_folder() -> Path:
    """A fresh rulebook of the catalogue and Tennessee only, as test_bad_input's ``data_dir``."""
    folder = Path(tempfile.mkdtemp(dir=WORK))
    (folder / "us" / "states").mkdir(parents=True)
    shutil.copy(DATA_DIR / CATALOGUE, folder / CATALOGUE)
    shutil.copy(DATA_DIR / TN, folder / TN)
    return folder


def outcome_of_rulebook(replace: str, data: bytes) -> Rulebook | InputError:
    folder = rulebook_folder()
    try:
        (folder / replace).write_bytes(data)
        try:
            found: Rulebook | InputError = load_rulebook(folder)
        except InputError as error:
            found = error
        if isinstance(found, InputError):
            assert found.file is not None
            assert found.file in str(found)
        note_outcome(found)
        return found
    finally:
        shutil.rmtree(folder)


RULE_FILES = st.sampled_from([TN, CATALOGUE, "us/states/zz.yaml"])


@fuzz(150)
@given(data=st.one_of(st.binary(max_size=400), yaml_like_text.map(str.encode)), replace=RULE_FILES)
def test_a_rule_file_of_any_bytes_gives_a_rulebook_or_a_named_error(data: bytes, replace: str) -> None:
    outcome_of_rulebook(replace, data)


@fuzz(150)
@given(data=structures, replace=RULE_FILES, style=st.sampled_from(["block", "flow"]))
def test_a_rule_file_of_any_structure_gives_a_rulebook_or_a_named_error(
    data: Any, replace: str, style: str
) -> None:
    outcome_of_rulebook(replace, dump(data, style).encode())


@fuzz(400)
@given(data=mutated(TN_DATA, rounds=3), style=st.sampled_from(["block", "flow"]))
def test_a_mutated_rule_file_gives_a_rulebook_or_a_named_error(data: Any, style: str) -> None:
    """And what the loader accepts, the engine can evaluate."""
    found = outcome_of_rulebook(TN, dump(data, style).encode())
    if isinstance(found, Rulebook):
        check(EXAMPLE_PROFILE, found)


# --- what the fuzzing found -----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["a: !!int ''\n", "a: !!float ''\n", "a: !!int '-'\n", "a: !!int +_\n"])
def test_an_empty_number_is_a_named_error(text: str) -> None:
    """PyYAML indexed the empty scalar: an IndexError, not a message."""
    with pytest.raises(InputError, match="not a number") as refused:
        load_text(text, "p.yaml")
    assert refused.value.line == 1


def test_a_long_base_60_number_is_refused_before_it_is_converted() -> None:
    """YAML 1.1 reads ``1:1:1`` as base 60, in time quadratic in its length (a 2 MB profile took minutes)."""
    with pytest.raises(InputError, match="longer than") as refused:
        load_text("us_gme_years: 1" + ":1" * 200_000 + "\n", "p.yaml")
    assert refused.value.line == 1
    assert load_text("a: 1:30\nb: 1_000\nc: .inf\nd: -0x1F\n", "p.yaml")[0] == {
        "a": 90,
        "b": 1000,
        "c": float("inf"),
        "d": -31,
    }


def test_an_unknown_key_that_looks_like_a_union_tag_is_named() -> None:
    """A top-level key with a '[' in it ended in an IndexError while the message was written."""
    error = outcome_of_rulebook(TN, b"'[': null\n")
    assert isinstance(error, InputError)
    assert "unknown field '['" in error.message


def test_an_alias_inside_the_value_it_names_is_refused_at_once() -> None:
    """``&a [*a]`` (20 bytes) made the line map walk paths that grow by one at every step: forever."""
    with pytest.raises(InputError, match="nests more than 50 deep") as refused:
        load_text("practice: &a [*a]\n", "p.yaml")
    assert refused.value.line == 1
    with pytest.raises(InputError, match="nests more than 50 deep"):
        load_text(alias_chain(10_000), "p.yaml")  # no parser limit sees a chain of aliases


def test_values_are_counted_before_any_is_built() -> None:
    """A 1.2 MB list of zeros took 10 s and 300 MB to build before MAX_VALUES refused it."""
    text = "training: [" + "0," * 600_000 + "0]\n"
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="more than 200,000 keys and values"):
            load_text(text, "p.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024**2


def test_a_file_is_read_no_further_than_the_limit(tmp_path: Path) -> None:
    """A 50 MB file (or /dev/zero, which never ends) was read whole before its size was checked."""
    path = tmp_path / "big.yaml"
    with path.open("wb") as stream:
        stream.truncate(50 * 1024**2)  # sparse: 50 MB of NULs that take no disk
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match="larger than"):
            load_profile(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * MAX_BYTES + 2 * 1024**2


def test_an_error_is_printable_and_bounded_whatever_it_quotes() -> None:
    """Terminal commands (ESC), lone surrogates (which no encoding writes: a 500 on a page) and a 1 MB
    value came back in messages as they were."""
    error = InputError("bad \x1b]0;owned\x07 '\ud800'", file="p\x1b[2J.yaml", field="x" * MB)
    shown = str(error)
    assert "\x1b" not in shown
    assert "\x07" not in shown
    assert "\\x1b" in shown
    assert "\\ud800" in shown
    assert shown.encode("utf-8")
    assert len(error.field or "") <= 200
    with pytest.raises(InputError) as refused:
        parse_profile("medical_school: {country: " + "X" * MB + "}\n", "p.yaml")
    assert len(str(refused.value)) < 300
    assert "is not a two-letter code" in str(refused.value)


def test_json_refuses_duplicate_keys_as_yaml_does() -> None:
    with pytest.raises(InputError, match="duplicate key 'citizenship'") as refused:
        parse_profile('{"citizenship": ["IN"], "citizenship": ["PK"]}', "p.json")
    assert refused.value.file == "p.json"
    assert refused.value.field == "citizenship"


def test_a_byte_order_mark_is_read_past_in_json_too() -> None:
    """Windows editors write one; YAML skipped it, JSON refused the file."""
    assert parse_profile('\ufeff{"citizenship": ["IN"]}', "p.json").citizenship == ["IN"]
    assert parse_profile("\ufeffcitizenship: [IN]\n", "p.yaml").citizenship == ["IN"]


def test_a_criterion_type_that_is_a_list_is_a_named_error() -> None:
    data = copy.deepcopy(TN_DATA)
    data["pathways"][0]["criteria"][0]["type"] = ["ecfmg_certified"]
    assert isinstance(outcome_of_rulebook(TN, dump(data, "block").encode()), InputError)
