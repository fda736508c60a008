"""The rulebook compiled once at load: one walk over its sourced items, one way to name a bad field,
results kept with the rulebook they came from, and facades a notebook can use with two imports."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError
from typer.testing import CliRunner

from imgpath.cli.main import app
from imgpath.engine import check, evaluate_criterion, parse_profile
from imgpath.engine.serialize import check_json
from imgpath.engine.verdict import Verdict
from imgpath.errors import problems
from imgpath.planner.whatif import assume
from imgpath.rulebook import default_rulebook, iter_sourced, load_rulebook
from imgpath.rulebook.gaps import rulebook_gaps
from imgpath.rulebook.loader import DATA_DIR
from imgpath.rulebook.schema import Group
from imgpath.rulebook.vocabulary import ExamPassed
from imgpath.yamlio import InputError

TN_FILE = "us/states/tn.yaml"
EXAMPLE = DATA_DIR.parents[1] / "examples" / "experienced-internist.yaml"
runner = CliRunner()


def _hrefs(data: Any) -> set[str]:
    if isinstance(data, dict):
        found = {data["href"]} if isinstance(data.get("href"), str) else set()
        return found.union(*(_hrefs(v) for v in data.values()))
    if isinstance(data, list):
        return set().union(*(_hrefs(v) for v in data))
    return set()


@pytest.fixture
def tn_only(tmp_path: Path) -> Path:
    """A rulebook of the catalogue, the Match figures and Tennessee."""
    (tmp_path / "us" / "states").mkdir(parents=True)
    for name in ("us/catalogue.yaml", "us/match.yaml", TN_FILE):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path


# --- one walk over every sourced item -----------------------------------------------------------


def test_every_href_in_the_rule_files_is_listed_by_rules_sources() -> None:
    """Nested criteria, status events, fees, boards, steps and Match figures cite sources too."""
    in_files = set().union(
        *(_hrefs(yaml.safe_load(path.read_text(encoding="utf-8"))) for path in DATA_DIR.rglob("*.yaml"))
    )
    result = runner.invoke(app, ["rules", "sources", "--format", "json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert {entry["href"] for entry in listed} == in_files
    assert len(listed) == len(in_files)  # each source once, with everything that cites it
    assert all(entry["cited_by"] for entry in listed)


def test_a_nested_criterion_and_a_status_event_are_sourced_items_of_their_route() -> None:
    rulebook = default_rulebook()
    nested = next(
        (route, node)
        for route in rulebook.routes.values()
        for depth, node in route.nodes
        if depth > 0 and not isinstance(node.node, Group) and node.node.reference
    )
    route, node = nested
    items = [i for i in iter_sourced(rulebook) if i.pathway == route.id]
    criterion = next(i for i in items if i.kind == "criterion" and i.location == node.location)
    assert criterion.references == tuple(node.node.reference)
    assert criterion.file == rulebook.files[route.id]
    assert any(i.kind == "status" for i in iter_sourced(rulebook))


def test_rules_stale_reads_the_dates_of_steps_and_match_figures_not_only_routes() -> None:
    result = runner.invoke(app, ["rules", "stale", "--older-than", "0", "--today", "2027-01-01"])
    assert result.exit_code == 1, result.output
    assert "us-tn.traditional: read 2026-1" in result.stdout
    assert "step usmle_step1: read 2026-" in result.stdout
    assert "Match 2025 non_us_img: read 2026-" in result.stdout


def test_a_criterion_read_long_before_its_route_is_a_stale_source(tn_only: Path) -> None:
    """The route was read on 2026-12-02; one of its criteria carries its own, older, date."""
    path = tn_only / TN_FILE
    text = path.read_text(encoding="utf-8")
    old = "        as_of: 2026-12-02\n        reference: &tn_exam\n"
    assert text.count(old) == 1
    path.write_text(
        text.replace(old, "        as_of: 2020-01-01\n        reference: &tn_exam\n"), encoding="utf-8"
    )
    found = {g.pathway: g for g in rulebook_gaps(load_rulebook(tn_only), date(2026, 12, 10))}
    assert found["us-tn.provisional_foreign_training_license"].stale_sources == [
        "criterion step1: sources last read 2020-01-01"
    ]


# --- one way to name the field at fault ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("us_gme_years: lots\n", "us_gme_years"),
        ("training: [{country: IN, start: 2012-07, end: someday}]\n", "training[0].end"),
        ("ecfmg_certified: maybe\n", "ecfmg_certified"),  # a union: pydantic's branch names dropped
        ("date: 2020-01-01\n", "date"),  # an unknown key keeps its name, even one like a type's
    ],
)
def test_one_flaw_is_named_alike_by_the_loader_and_the_api(text: str, field: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_profile(text, "p.yaml")
    assert raised.value.field == field
    from imgpath.engine.profile import Profile

    with pytest.raises(ValidationError) as caught:
        Profile.model_validate(yaml.safe_load(text.replace("2012-07", "'2012-07'")))
    assert field in [p.path for p in problems(caught.value)]


def test_what_if_names_the_field_as_the_profile_loader_does() -> None:
    profile = parse_profile("medical_school: {country: IN}\n")
    with pytest.raises(InputError) as raised:
        assume(profile, ["medical_school.graduated=someday"], date(2026, 11, 25))
    assert raised.value.field == "medical_school.graduated"


def test_a_rule_file_error_keeps_a_field_named_like_a_type(tn_only: Path) -> None:
    """A status event's ``date`` is a field, not pydantic's name for a union branch."""
    path = tn_only / TN_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("        date: 2023-04-24\n", "        date: 2023-02-30\n", 1), encoding="utf-8"
    )
    with pytest.raises(InputError) as raised:
        load_rulebook(tn_only)
    assert raised.value.field is not None
    assert raised.value.field.endswith("].date")


# --- compiled once, results kept with their rulebook --------------------------------------------


def test_each_dated_value_is_validated_once(tn_only: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []
    original = ExamPassed.model_validate

    def counted(raw: Any, **kwargs: Any) -> ExamPassed:
        calls.append(raw)
        return original(raw, **kwargs)

    monkeypatch.setattr(ExamPassed, "model_validate", counted)
    rulebook = load_rulebook(tn_only)
    values = [
        start
        for route in rulebook.routes.values()
        for criterion in route.criteria_in_order
        if criterion.type == "exam_passed"
        for start, raw in (criterion.values or {}).items()
        if raw is not None
    ]
    done_when = [s.id for s in rulebook.catalogue.steps if s.done_when and s.done_when.type == "exam_passed"]
    assert values
    assert len(calls) == len(values) + len(done_when)  # was three times each


def test_two_rulebooks_keep_their_own_results(tn_only: Path) -> None:
    """A changed copy of the rules, checked between two checks of the bundled ones, changes neither."""
    path = tn_only / TN_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("type: no_discipline", "type: unverified_requirement"), encoding="utf-8")
    changed = load_rulebook(tn_only)
    profile = parse_profile(EXAMPLE.read_text(encoding="utf-8"), "example.yaml")
    day = date(2026, 11, 25)

    def answers(rulebook: Any) -> Any:
        return check_json(check(profile, rulebook, as_of=day, states=["TN"]))["results"]

    bundled = answers(default_rulebook())
    elsewhere = answers(changed)
    assert answers(default_rulebook()) == bundled
    assert elsewhere != [r for r in bundled if r["jurisdiction"] == "US-TN"]
    assert answers(changed) == elsewhere


def test_the_planner_asks_the_engine_through_its_public_door() -> None:
    """``evaluate_criterion`` answers one criterion of the vocabulary for one profile, outside a route."""
    profile = parse_profile("exams: {usmle_step1: {passed: 2019-03-01, attempts: 1}}\n")
    passed = evaluate_criterion("exam_passed", {"exam": "usmle_step1"}, profile, as_of=date(2026, 1, 1))
    assert passed.verdict is Verdict.eligible
    silent = evaluate_criterion("exam_passed", {"exam": "usmle_step3"}, profile, as_of=date(2026, 1, 1))
    assert silent.verdict is Verdict.unknown
    assert silent.missing == ("exams.usmle_step3",)
    planner = "\n".join(p.read_text(encoding="utf-8") for p in (DATA_DIR.parents[1] / "planner").glob("*.py"))
    assert "EVALUATORS" not in planner
    assert "engine.criteria" not in planner


# --- facades --------------------------------------------------------------------------------------

NOTEBOOK = f"""
import sys
from imgpath.engine import check, load_profile
from imgpath.rulebook import default_rulebook

result = check(load_profile({str(EXAMPLE)!r}), default_rulebook())  # on the profile's own as_of
from imgpath.planner import plan
plans = plan(load_profile({str(EXAMPLE)!r}), default_rulebook(), states=["TN"])
print(len(result.results), len(plans.plans))
print(sorted(m for m in sys.modules if m.startswith(("django", "imgpath.web", "imgpath.cli"))))
"""


def test_a_notebook_checks_a_profile_with_two_imports() -> None:
    """Two imports check a profile, a third plans it; none of them loads Django or the interfaces."""
    run = subprocess.run([sys.executable, "-c", NOTEBOOK], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    counts, loaded = run.stdout.splitlines()
    routes, plans = map(int, counts.split())
    assert routes == len(default_rulebook().routes)
    assert plans > 0
    assert loaded == "[]"


@pytest.mark.parametrize("package", ["imgpath.rulebook", "imgpath.engine", "imgpath.planner"])
def test_each_facade_says_what_it_exports(package: str) -> None:
    module = __import__(package, fromlist=["__all__"])
    assert module.__all__
    assert all(hasattr(module, name) for name in module.__all__)


def test_every_route_is_written_out_as_read_without_a_serializer_warning() -> None:
    """The API's route detail writes a route with its groups as groups (the discriminator used to tag a
    group model as a criterion, and pydantic warned for each and guessed), and it reads back the same."""
    import warnings

    for _, pathway in default_rulebook().pathways:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            written = pathway.model_dump(mode="json", exclude_defaults=True, by_alias=True)
        assert type(pathway).model_validate(written) == pathway, pathway.id
