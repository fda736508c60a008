"""Listings in and out as JSON and CSV (imgpath.finder.exchange): what a curator relies on.

Every problem names the file, the row and the field, all of them at once; hostile files get a named
problem, fast; spreadsheet formulas are defused on the way out and restored on the way in; and an
export imported again gives the same listings, for the demo records and for generated ones.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from unittest.mock import ANY

import jsonschema_rs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile_corpus import CASES, Case, api_bytes, file_bytes
from imgpath.finder import DATA_DIR, Listings, Opportunity, OpportunityKind, Per
from imgpath.finder.exchange import (
    KINDS,
    MAX_CELL,
    MAX_PROBLEMS,
    MAX_ROWS,
    ExchangeError,
    Problem,
    columns,
    dump_csv,
    dump_json,
    import_into,
    listings_schema,
    load_csv,
    load_json,
    read_dir,
)
from imgpath.yamlio import MAX_BYTES

ROOT = Path(__file__).parents[2]
DEMO_DIR = Path(__file__).parent / "listings"


def demo() -> Listings:
    return read_dir(DEMO_DIR)


def problems_of(error: pytest.ExceptionInfo[ExchangeError]) -> list[Problem]:
    return list(error.value.problems)


def at(found: list[Problem], **where: Any) -> list[Problem]:
    return [p for p in found if all(getattr(p, k) == v for k, v in where.items())]


def opportunities_csv(*rows: dict[str, str]) -> str:
    """A small opportunities CSV, rows given by column, from a valid demo row."""
    base = {
        "id": "demo-one",
        "kind": "observership",
        "title": "An observership",
        "summary": "Four weeks.",
        "host.name": "Example Hospital",
        "last_verified": "2026-11-01",
        "demo": "true",
    }
    names = list(dict.fromkeys([*base, *(k for r in rows for k in r)]))
    lines = [",".join(names)]
    for row in rows:
        cells = {**base, **row}
        lines.append(",".join(cells.get(n, "") for n in names))
    return "\n".join(lines) + "\n"


# --- round trips ------------------------------------------------------------------------------------


def test_the_demo_records_round_trip_through_json() -> None:
    listings = demo()
    assert listings.opportunities
    assert listings.organisations
    assert listings.stories
    assert load_json(dump_json(listings), "demo.json") == listings


@pytest.mark.parametrize("kind", KINDS)
def test_the_demo_records_round_trip_through_csv(kind: str) -> None:
    records = getattr(demo(), kind)
    assert load_csv(dump_csv(records, kind), kind, f"{kind}.csv") == Listings.model_validate({kind: records})


def test_the_demo_records_round_trip_through_the_catalogue_files(tmp_path: Path) -> None:
    listings = demo()
    import_into(listings, KINDS, tmp_path, "demo.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{kind}.yaml" for kind in sorted(KINDS)]
    assert read_dir(tmp_path) == listings


def test_the_bundled_catalogue_round_trips() -> None:
    listings = read_dir(DATA_DIR)  # whatever the catalogue holds today; none is fine
    assert load_json(dump_json(listings), "catalogue.json") == listings
    for kind in KINDS:
        records = getattr(listings, kind)
        assert getattr(load_csv(dump_csv(records, kind), kind, "x.csv"), kind) == records


def test_a_missing_folder_is_an_empty_catalogue(tmp_path: Path) -> None:
    assert read_dir(tmp_path / "nowhere") == Listings()


def test_the_csv_uses_dotted_columns_and_readable_lists() -> None:
    text = dump_csv(demo().opportunities, "opportunities")
    header = text.splitlines()[0].split(",")
    assert {"host.name", "cost.tuition.usd", "application.deadline", "requirements"} <= set(header)
    row = load_csv(text, "opportunities", "o.csv").opportunities[0]
    assert row.cost.tuition is not None
    assert row.cost.tuition.per is Per.month
    assert "internal_medicine; cardiology" in text
    assert '""params"": {""exam"": ""usmle_step1""}' in text  # the listing's own shorthand


def test_a_list_is_read_as_semicolons_or_json() -> None:
    text = opportunities_csv({"specialties": "cardiology ;  internal_medicine", "visas": '"[""J1""]"'})
    found = load_csv(text, "opportunities", "o.csv").opportunities[0]
    assert found.specialties == ["cardiology", "internal_medicine"]
    assert found.visas == ["J1"]


def test_an_empty_visa_list_is_not_an_unknown_one() -> None:
    grant, observership = sorted(demo().opportunities, key=lambda o: o.kind)
    again = load_csv(dump_csv([grant, observership], "opportunities"), "opportunities", "o.csv")
    assert [o.visas for o in again.opportunities] == [[], ["B1", "J1"]]


# --- generated opportunities round-trip ------------------------------------------------------------

TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), min_size=1, max_size=12)
"""Any text but a NUL or a lone surrogate, never empty (an empty cell means "not given")."""
IDS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,8}[a-z0-9]", fullmatch=True)
DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
AMOUNTS = st.floats(min_value=0, max_value=1e9, allow_nan=False)
TITLES = TEXT.filter(lambda t: len(t) >= 3)
URL = "https://example.org/source"
URLS = st.from_regex(r"https://example\.org/[a-z0-9=+@-]{0,8}", fullmatch=True)
STEP1 = {"id": "step1", "type": "exam_passed", "summary": "Passed Step 1", "params": {"exam": "usmle_step1"}}
CITIZEN = {"id": "c", "type": "citizenship", "summary": "Citizen", "params": {"only": ["IN"]}}
REQUIREMENTS = st.sampled_from([[], [STEP1], [{"id": "g", "any": [CITIZEN, STEP1]}]])


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


@st.composite
def money(draw: st.DrawFn) -> dict[str, Any]:
    return {"usd": draw(AMOUNTS), "per": draw(st.sampled_from(Per)), "note": draw(optional(TEXT))}


@st.composite
def periods(draw: st.DrawFn) -> dict[str, Any]:
    start = draw(DAYS)
    end = draw(optional(st.integers(0, 400).map(lambda n: start + timedelta(days=n))))
    return {"start": start.isoformat(), "end": end.isoformat() if end else None, "note": draw(optional(TEXT))}


@st.composite
def durations(draw: st.DrawFn) -> dict[str, Any]:
    low = draw(optional(st.floats(min_value=0.5, max_value=50)))
    high = draw(optional(st.floats(min_value=50, max_value=100)))
    note = draw(TEXT) if low is None and high is None else draw(optional(TEXT))
    return {"min_weeks": low, "max_weeks": high, "note": note}  # never all empty: see docs/listings.md


@st.composite
def opportunities(draw: st.DrawFn) -> Opportunity:
    opens = draw(optional(DAYS))
    demo_listing = draw(st.booleans())
    data = {
        "id": draw(IDS),
        "kind": draw(st.sampled_from(OpportunityKind)),
        "title": draw(st.text(min_size=3, max_size=20).filter(lambda t: "\x00" not in t)),
        "summary": draw(TEXT.filter(lambda t: len(t) >= 3)),
        "host": {"name": draw(TEXT.filter(lambda t: len(t) >= 2)), "url": draw(optional(URLS))},
        "place": {
            "state": draw(optional(st.sampled_from(["TN", "FL"]))),
            "city": draw(optional(TEXT)),
            "county_fips": draw(optional(st.from_regex(r"[0-9]{5}", fullmatch=True))),
            "remote": draw(st.booleans()),
        },
        "specialties": draw(st.lists(TEXT, max_size=3)),
        "hands_on": draw(optional(st.booleans())),
        "duration": draw(optional(durations())),
        "sessions": draw(st.lists(periods(), max_size=2)),
        "application": {
            "how": draw(optional(TEXT)),
            "opens": opens.isoformat() if opens else None,
            "deadline": (opens + timedelta(days=draw(st.integers(0, 90)))).isoformat() if opens else None,
            "rolling": draw(st.booleans()),
            "lead_time_days": draw(optional(st.integers(0, 400))),
        },
        "capacity": draw(optional(st.integers(0, 10**6))),
        "cost": {
            "tuition": draw(optional(money())),
            "refund": draw(optional(TEXT)),
            "free": draw(st.booleans()),
        },
        "stipend": draw(optional(money())),
        "visas": draw(optional(st.lists(st.sampled_from(["B1", "J1", "H1B", "J1;x", " J1"]), max_size=3))),
        "requirements": draw(REQUIREMENTS),
        "cautions": draw(st.lists(TEXT, max_size=2)),
        "status": draw(st.sampled_from(["open", "closed", "expired", "withdrawn"])),
        "reference": []
        if demo_listing
        else [{"title": draw(TEXT.filter(lambda t: len(t) >= 3)), "href": URL}],
        "last_verified": draw(DAYS).isoformat(),
        "demo": demo_listing,
        "notes": draw(optional(TEXT)),
    }
    return Opportunity.model_validate(data)


ROUND_TRIP = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ROUND_TRIP
@given(st.lists(opportunities(), max_size=3, unique_by=lambda o: o.id))
def test_generated_opportunities_round_trip_through_csv(records: list[Opportunity]) -> None:
    text = dump_csv(records, "opportunities")
    assert load_csv(text, "opportunities", "o.csv").opportunities == records


@ROUND_TRIP
@given(st.lists(opportunities(), max_size=3, unique_by=lambda o: o.id))
def test_generated_opportunities_round_trip_through_json(records: list[Opportunity]) -> None:
    listings = Listings(opportunities=records)
    assert load_json(dump_json(listings), "o.json") == listings


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(opportunities(), min_size=1, max_size=2, unique_by=lambda o: o.id))
def test_generated_opportunities_round_trip_through_the_catalogue_files(records: list[Opportunity]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        import_into(Listings(opportunities=records), ["opportunities"], Path(folder), "o.json")
        assert read_dir(Path(folder)).opportunities == records


# --- problems name the file, the row and the field ------------------------------------------------


def test_bad_rows_are_named_by_line_and_field_all_at_once() -> None:
    text = opportunities_csv(
        {"id": "fine-one", "summary": '"Two\nlines"'},  # lines 2-3
        {"id": "bad-cost", "cost.tuition.usd": "-5"},  # line 4
        {"id": "bad-date", "application.deadline": "2026-02-30", "host.name": ""},  # line 5
    )
    with pytest.raises(ExchangeError) as error:
        load_csv(text, "opportunities", "opps.csv")
    found = problems_of(error)
    assert at(found, line=4, id="bad-cost", field="cost.tuition.usd")
    assert at(found, line=5, id="bad-date", field="application.deadline")
    assert at(found, line=5, id="bad-date", field="host")  # the host's only column left empty
    assert not at(found, line=2)
    assert not at(found, line=3)
    message = str(error.value)
    assert "opps.csv, line 4, id 'bad-cost', field 'cost.tuition.usd': " in message


def test_lines_are_counted_with_windows_line_ends_and_blank_rows() -> None:
    text = opportunities_csv({"id": "ab", "summary": '"two\nlines"'}, {"id": "b_d"}).replace("\n", "\r\n")
    text = text.replace("\r\nb_d", "\r\n\r\nb_d")  # a blank row before it: line 5
    with pytest.raises(ExchangeError) as error:
        load_csv(text, "opportunities", "o.csv")
    assert [(p.line, p.field) for p in problems_of(error)] == [(5, "id")]


def test_a_misspelt_column_is_named_with_a_suggestion() -> None:
    with pytest.raises(ExchangeError) as error:
        load_csv(opportunities_csv({"cost.tution.usd": "5"}), "opportunities", "o.csv")
    (problem,) = at(problems_of(error), line=1)
    assert problem.field == "cost.tution.usd"
    assert "did you mean 'cost.tuition.usd'" in problem.message


def test_a_bad_json_cell_names_its_column() -> None:
    with pytest.raises(ExchangeError) as error:
        load_csv(opportunities_csv({"reference": '"[{""title"": "}"]"'}), "opportunities", "o.csv")
    (problem,) = problems_of(error)
    assert (problem.line, problem.field) == (2, "reference")
    assert "not valid JSON" in problem.message


def test_a_requirement_deep_in_a_cell_is_named_by_its_path() -> None:
    cell = '"[{""id"": ""s"", ""type"": ""exam_passed"", ""summary"": ""S 1"", ""params"": {""exam"": 5}}]"'
    with pytest.raises(ExchangeError) as error:
        load_csv(opportunities_csv({"requirements": cell}), "opportunities", "o.csv")
    assert [p.field for p in problems_of(error)] == ["requirements.0.exam"]


def test_json_problems_name_the_record_by_its_place_and_id() -> None:
    data = json.loads(dump_json(demo()))
    data["opportunities"][1]["cost"] = {"tuition": {"usd": "a lot"}}
    data["stories"][0]["basis"] = "rumour"
    with pytest.raises(ExchangeError) as error:
        load_json(json.dumps(data), "listings.json")
    found = problems_of(error)
    assert at(found, kind="opportunities", index=1, id="demo-grant", field="cost.tuition.usd")
    assert at(found, kind="stories", index=0, id="example-story", field="basis")
    assert "listings.json, opportunities[1], id 'demo-grant', field 'cost.tuition.usd': " in str(error.value)


def test_duplicate_ids_name_both_rows() -> None:
    text = opportunities_csv({"id": "same-id"}, {"id": "other"}, {"id": "same-id"})
    with pytest.raises(ExchangeError) as error:
        load_csv(text, "opportunities", "o.csv")
    (problem,) = problems_of(error)
    assert (problem.line, problem.id, problem.field) == (4, "same-id", "id")
    assert "first at line 2" in problem.message


def test_the_envelope_is_checked() -> None:
    with pytest.raises(ExchangeError) as error:
        load_json('{"format": "other", "version": 2, "extra": 1, "stories": {}}', "l.json")
    fields = {p.field: p.message for p in problems_of(error)}
    assert set(fields) == {"format", "version", "extra", "stories"}
    assert "newer than this program reads" in fields["version"]


def test_problems_stop_at_the_cap() -> None:
    rows = [{"id": f"row-{n}", "kind": "nothing"} for n in range(MAX_PROBLEMS + 20)]
    with pytest.raises(ExchangeError) as error:
        load_csv(opportunities_csv(*rows), "opportunities", "o.csv")
    assert len(error.value.problems) == MAX_PROBLEMS
    assert error.value.more
    assert "reading stopped after" in str(error.value)


# --- hostile input --------------------------------------------------------------------------------


def named(text: str | bytes, loader: str = "json") -> Problem:
    """The first problem (the limits are counted before any work that grows with the input)."""
    with pytest.raises(ExchangeError) as error:
        load_json(text, "h.json") if loader == "json" else load_csv(text, "opportunities", "h.csv")
    return error.value.problems[0]


def test_deep_json_is_refused_by_name() -> None:
    assert "nest" in named("[" * 100_000 + "]" * 100_000).message


def test_a_huge_json_document_is_refused_before_parsing() -> None:
    assert "larger than" in named(" " * (MAX_BYTES + 1)).message


def test_many_values_are_refused_before_validation() -> None:
    assert "more than" in named('{"opportunities": [' + ",".join(["0"] * 200_000) + "]}").message


def test_a_nul_in_json_text_names_its_field() -> None:
    data = json.loads(dump_json(demo()))
    data["stories"][0]["title"] = "A\x00story"
    problem = named(json.dumps(data))
    assert problem.field == "stories.0.title"
    assert "NUL" in problem.message


def test_a_nul_in_csv_names_its_line() -> None:
    problem = named(opportunities_csv({"title": "An\x00observership"}), "csv")
    assert problem.line == 2
    assert "NUL" in problem.message


def test_not_utf8_is_named() -> None:
    assert named(b"\xff\xfe{}").message == "not UTF-8 text"
    assert named(b"id,kind\n\xff\n", "csv").message == "not UTF-8 text"


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ('{"format": "imgpath-listings", "version": 1, "opportunities": "all of them"}', "opportunities"),
        ('{"format": "imgpath-listings", "version": 1, "opportunities": ["a string"]}', None),
        ('{"format": "imgpath-listings", "version": true}', "version"),
    ],
)
def test_wrong_types_are_named(document: str, field: str | None) -> None:
    assert named(document).field == field


def test_a_list_document_is_named() -> None:
    assert "a JSON object, not a list" in named("[]").message


def test_a_duplicate_json_key_is_named() -> None:
    assert "duplicate key" in named('{"format": "imgpath-listings", "format": "x"}').message


def test_too_many_rows_are_refused() -> None:
    header = "id,kind,title,summary,host.name,last_verified,demo\n"
    row = "a{n},observership,Title,Summary,Host,2026-01-01,true\n"
    text = header + "".join(row.format(n=n) for n in range(MAX_ROWS + 1))
    problems = [p for p in (named(text, "csv"),) if "more than" in p.message]
    assert problems
    assert problems[0].line == MAX_ROWS + 2


def test_a_huge_cell_is_refused_by_name() -> None:
    problem = named(opportunities_csv({"notes": "x" * (MAX_CELL + 1)}), "csv")
    assert (problem.line, problem.field) == (2, "notes")


def test_a_row_with_more_cells_than_the_header_is_named() -> None:
    text = opportunities_csv({}) + "a,b,c,d,e,f,g,h,i\n"
    problem = named(text, "csv")
    assert problem.line == 3
    assert "cells" in problem.message


def test_a_long_number_is_named() -> None:
    problem = named(opportunities_csv({"capacity": "9" * 5000}), "csv")
    assert problem.field == "capacity"


# --- the spreadsheet formula guard -----------------------------------------------------------------


def test_formulas_are_defused_on_export_and_restored_on_import() -> None:
    listings = demo()
    text = dump_csv(listings.opportunities, "opportunities")
    assert "'=HYPERLINK(" in text
    assert "'+ an optional week" in text
    assert "'@ the portal" in text
    assert "'-5 is not a formula" in text
    assert ",=" not in text
    assert ',"=' not in text
    again = load_csv(text, "opportunities", "o.csv").opportunities[0]
    assert again.title.startswith("=HYPERLINK(")
    assert again.cautions[1] == "'quoted' caution"  # a quote the text had stays


@pytest.mark.parametrize(
    ("cell", "value"), [("'=1+1", "=1+1"), ("'-x", "-x"), ("'hello", "'hello"), ("''=x", "'=x")]
)
def test_a_guard_written_by_hand_is_undone(cell: str, value: str) -> None:
    found = load_csv(opportunities_csv({"notes": cell}), "opportunities", "o.csv").opportunities[0]
    assert found.notes == value


def test_every_generated_cell_is_safe_to_open() -> None:
    record = demo().opportunities[0].model_copy(update={"notes": "\t=cmd", "title": "\r+evil"})
    rows = list(csv.reader(io.StringIO(dump_csv([record], "opportunities"), newline="")))
    assert rows[1][rows[0].index("title")] == "'\r+evil"
    for cell in rows[1]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


# --- the published schema -------------------------------------------------------------------------


def test_the_committed_schema_is_up_to_date() -> None:
    check = subprocess.run(
        [sys.executable, "scripts/listings_schema.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_an_export_is_valid_against_the_published_schema() -> None:
    schema = json.loads((ROOT / "docs/schemas/listings.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema_rs.validator_for(schema)
    document = json.loads(dump_json(demo()))
    errors = [str(e) for e in validator.iter_errors(document)]
    assert errors == []
    assert not validator.is_valid({**document, "format": "other"})


def test_the_schema_states_the_envelope() -> None:
    schema = listings_schema()
    assert schema["properties"]["format"] == {"const": "imgpath-listings", "description": ANY}
    assert schema["required"] == ["format", "version"]
    assert {"Opportunity", "Organisation", "Story", "Criterion"} <= set(schema["$defs"])


# --- the documentation ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_the_docs_name_every_column(kind: str) -> None:
    text = (ROOT / "docs/listings.md").read_text(encoding="utf-8")
    missing = [c.name for c in columns(kind) if f"`{c.name}`" not in text]
    assert missing == []


@pytest.mark.parametrize("case", [c for c in CASES if c.path is None], ids=lambda c: c.name)
def test_every_case_of_the_hostile_corpus_is_a_named_problem(case: Case) -> None:
    """The profile attacks (issue 9), read as a listings document and as a CSV file: each is refused
    with problems (or, as CSV, read as a file of no records), never another exception."""
    data = file_bytes(case)
    with pytest.raises(ExchangeError):
        load_json(api_bytes(case) or data, "h.json")
    found: tuple[Problem, ...] = ()
    try:
        assert load_csv(data, "opportunities", "h.csv") == Listings()
    except ExchangeError as error:
        found = error.problems
    assert all(len(str(p)) < 4000 for p in found)
