"""What a user relies on from ``imgpath``: the JSON shape, the verdicts, the legal notice, the rulebook
commands and the profile interview. Only Tennessee is asserted on, as other states change often."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from rich.console import Console
from typer.testing import CliRunner, Result

import imgpath.cli.main as cli
from imgpath.cli.main import app
from imgpath.engine.profile import load_profile
from imgpath.rulebook.loader import default_rulebook
from imgpath.rulebook.sourced import iter_sourced

EXAMPLE = Path(cli.__file__).parents[1] / "examples" / "experienced-internist.yaml"
NOTICE = "Legal information, not legal advice"
TN_ROUTES = {
    "us-tn.traditional",
    "us-tn.foreign_training_license_2024",
    "us-tn.provisional_foreign_training_license",
    "us-tn.graduate_physician",
}
TN_STATUTE = "https://law.justia.com/codes/tennessee/2010/title-63/chapter-6/part-2/63-6-207/"
VERDICTS = {"eligible", "not_yet", "needs_steps", "unknown", "not_eligible"}
KINDS = {
    "traditional",
    "alternative",
    "assistant_physician",
    "limited",
    "certification",
    "visa",
    "state_program",
}

runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_consoles(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wide, colourless consoles, so that names and links are not wrapped or cut in tables."""
    monkeypatch.setattr(cli, "out", Console(width=400, color_system=None))
    monkeypatch.setattr(cli, "err", Console(width=400, color_system=None, stderr=True))


def invoke(*args: str | Path, input: str | None = None) -> Result:
    return runner.invoke(app, [str(a) for a in args], input=input)


def check_json(*extra: str) -> dict[str, Any]:
    result = invoke("check", EXAMPLE, "--state", "TN", "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def route(data: dict[str, Any], pathway: str) -> dict[str, Any]:
    found = [r for r in data["results"] if r["pathway"] == pathway]
    assert len(found) == 1, [r["pathway"] for r in data["results"]]
    chosen: dict[str, Any] = found[0]
    return chosen


# --- check ------------------------------------------------------------------------------------------


def test_check_json_has_the_public_shape() -> None:
    data = check_json()
    assert {"as_of", "results"} <= data.keys()
    assert data["as_of"] == "2026-11-25"  # the profile's own as_of
    assert data["results"]
    for result in data["results"]:
        assert {
            "jurisdiction",
            "pathway",
            "kind",
            "route_status",
            "verdict",
            "eligible_from",
            "eligible_until",
            "criteria",
        } <= result.keys()
        assert result["kind"] in KINDS
        assert result["verdict"] in VERDICTS
        assert result["jurisdiction"] in {"US", "US-TN"}  # --state TN keeps federal routes only
        for day in (result["eligible_from"], result["eligible_until"]):
            assert day is None or len(day) == 10
        assert result["criteria"]
        for criterion in result["criteria"]:
            assert {"id", "verdict", "reason", "step", "sources"} <= criterion.keys()
            assert criterion["verdict"] in VERDICTS
            assert isinstance(criterion["reason"], str)
            assert criterion["reason"]
            for source in criterion["sources"]:
                assert {"title", "href", "as_of"} <= source.keys()
                assert source["href"].startswith(("http://", "https://"))
    assert {r["pathway"] for r in data["results"]} >= TN_ROUTES


def test_tn_traditional_time_limit_has_run_out_on_2026_11_25_and_names_the_retake() -> None:
    traditional = route(check_json(), "us-tn.traditional")
    assert traditional["verdict"] == "needs_steps"
    assert traditional["kind"] == "traditional"
    criteria = {c["id"]: c for c in traditional["criteria"]}
    assert criteria["usmle_time_limit"]["verdict"] == "needs_steps"
    assert criteria["usmle_time_limit"]["step"] == "usmle_time_limit_retake"
    assert "2026-03-01" in criteria["usmle_time_limit"]["reason"]  # 7 years after the first pass
    assert "has run out" in traditional["headline"]
    assert "Step 3" in traditional["headline"]
    assert any(s["href"] == TN_STATUTE for s in criteria["us_gme"]["sources"])


def test_tn_traditional_needs_steps_a_year_earlier() -> None:
    data = check_json("--as-of", "2025-11-25")
    assert data["as_of"] == "2025-11-25"
    traditional = route(data, "us-tn.traditional")
    assert traditional["verdict"] == "needs_steps"
    criteria = {c["id"]: c for c in traditional["criteria"]}
    assert criteria["usmle_time_limit"]["verdict"] != "not_eligible"
    assert criteria["step3"]["verdict"] == "needs_steps"
    assert criteria["step3"]["step"] == "usmle_step3"


def test_check_table_shows_routes_and_the_notice() -> None:
    result = invoke("check", EXAMPLE, "--state", "TN")
    assert result.exit_code == 0, result.output
    assert NOTICE in result.stdout
    rulebook = default_rulebook()
    for pathway_id in TN_ROUTES:
        _, pathway = rulebook.pathway(pathway_id)
        assert pathway.name in result.stdout
        assert pathway_id in result.stdout
    assert "Full license after US residency" in result.stdout


def test_check_kind_filter() -> None:
    data = check_json("--kind", "alternative")
    assert {r["kind"] for r in data["results"]} == {"alternative"}
    assert {r["pathway"] for r in data["results"]} == {
        "us-tn.foreign_training_license_2024",
        "us-tn.provisional_foreign_training_license",
    }


# --- explain ----------------------------------------------------------------------------------------


def test_explain_shows_every_criterion_its_sources_and_the_notice() -> None:
    result = invoke("explain", EXAMPLE, "us-tn.traditional")
    assert result.exit_code == 0, result.output
    _, pathway = default_rulebook().pathway("us-tn.traditional")
    for criterion in pathway.criteria:
        assert criterion.id in result.stdout
    assert "law_in_force" in result.stdout
    assert TN_STATUTE in result.stdout
    assert NOTICE in result.stdout
    assert "needs steps" in result.stdout
    assert "2026-11-25" in result.stdout


def test_explain_json() -> None:
    result = invoke("explain", EXAMPLE, "us-tn.traditional", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["as_of"] == "2026-11-25"
    assert data["pathway"] == "us-tn.traditional"
    assert data["verdict"] == "needs_steps"
    assert (data["best_case"], data["worst_case"]) == ("needs_steps", "needs_steps")
    assert NOTICE in data["notice"]
    ids = {c["id"] for c in data["criteria"]}
    assert {
        "law_in_force",
        "ecfmg",
        "step1",
        "step2_ck",
        "step3",
        "usmle_time_limit",
        "us_gme",
        "clean_record",
    } <= ids
    assert all(c["verdict"] in VERDICTS for c in data["criteria"])


def test_explain_as_of() -> None:
    result = invoke("explain", EXAMPLE, "us-tn.traditional", "--format", "json", "--as-of", "2025-11-25")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["as_of"], data["verdict"]) == ("2025-11-25", "needs_steps")


# --- rules ------------------------------------------------------------------------------------------


def test_rules_list_state() -> None:
    result = invoke("rules", "list", "--state", "TN")
    assert result.exit_code == 0, result.output
    for pathway_id in TN_ROUTES:
        assert pathway_id in result.stdout
    assert "us-fl." not in result.stdout
    assert "secondary" in result.stdout


def test_rules_show_prints_yaml_with_the_file() -> None:
    result = invoke("rules", "show", "us-tn.traditional")
    assert result.exit_code == 0, result.output
    assert "us/states/tn.yaml" in result.stdout
    data = yaml.safe_load(result.stdout)  # the file name is a YAML comment
    assert data["id"] == "us-tn.traditional"
    assert data["kind"] == "traditional"
    assert [c["id"] for c in data["criteria"]][:2] == ["ecfmg", "step1"]


def test_rules_show_unknown_pathway() -> None:
    result = invoke("rules", "show", "us-tn.nonexistent")
    assert result.exit_code == 2
    assert "no pathway 'us-tn.nonexistent'" in result.stderr


def test_rules_sources_json() -> None:
    result = invoke("rules", "sources", "--format", "json")
    assert result.exit_code == 0, result.output
    sources = json.loads(result.stdout)
    statute = [s for s in sources if s["href"] == TN_STATUTE]
    assert len(statute) == 1
    assert "us-tn.traditional" in statute[0]["pathways"]
    assert statute[0]["title"].startswith("T.C.A. 63-6-207")
    assert all({"title", "href", "dated", "pathways"} <= s.keys() for s in sources)


def test_rules_stale() -> None:
    stale = invoke("rules", "stale", "--older-than", "0", "--today", "2027-01-01")
    assert stale.exit_code == 1, stale.output
    for pathway_id in TN_ROUTES:
        assert f"{pathway_id}: read 2026-1" in stale.stdout
    fresh = invoke("rules", "stale", "--older-than", "100000", "--today", "2027-01-01")
    assert fresh.exit_code == 0, fresh.output
    assert "No route's sources are older than 100000 days" in fresh.stdout


def test_rules_gaps_lists_every_unknown_requirement_with_what_was_searched() -> None:
    result = invoke("rules", "gaps", "--format", "json", "--today", "2026-12-02")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    listed = [line for route in report["routes"] for line in route["unverified_requirements"]]
    rulebook = default_rulebook()
    unverified = [
        (pathway.id, node.id)
        for _, pathway in rulebook.pathways
        for node in _leaves(pathway.criteria)
        if node.type == "unverified_requirement"
    ]
    assert len(listed) == len(unverified) == report["totals"]["unverified_requirements"]
    assert all("searched:" in line for line in listed)  # each says what a curator already read
    assert report["totals"]["stale_sources"] == 0
    a_year_on = json.loads(invoke("rules", "gaps", "--format", "json", "--today", "2028-01-01").stdout)
    # every route's sources, and those of each criterion and fee that was read on its own day
    dated = [i for i in iter_sourced(rulebook) if i.pathway is not None and i.kind != "route" and i.as_of]
    assert dated, "some criteria carry their own as_of"
    assert a_year_on["totals"]["stale_sources"] == report["totals"]["routes"] + len(dated)


def test_rules_gaps_narrows_to_a_state_and_prints_a_summary() -> None:
    result = invoke("rules", "gaps", "--state", "TX", "--today", "2026-12-02")
    assert result.exit_code == 0, result.output
    assert "us-tx.foreign_license_holder_provisional_license" in result.stdout
    assert "us-tn." not in result.stdout
    assert "routes have gaps" in result.stdout


def _leaves(nodes: list[Any]) -> list[Any]:
    found: list[Any] = []
    for node in nodes:
        found.extend(_leaves(node.children) if hasattr(node, "children") else [node])
    return found


# --- profile ----------------------------------------------------------------------------------------


def test_profile_validate_example() -> None:
    result = invoke("profile", "validate", EXAMPLE)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok:")
    assert "exams" in result.stdout
    assert "job_offer" in result.stdout


# One answer a line, in the order profile new asks; an empty line skips the question.
ANSWERS = [
    "IN",  # citizenship
    "IN",  # country of medical school
    "2012-05",  # graduated
    "2021-03-10",  # ECFMG certified
    "2019-13-01",  # USMLE Step 1 passed on: not a date, asked again
    "2019-03-01",  # USMLE Step 1 passed on
    "1",  # attempts
    "",  # Step 2 CK: skipped
    "",  # Step 2 CS: skipped
    "no",  # Step 3: not passed
    "",  # OET: skipped
    "",  # TOEFL iBT: skipped
    "",  # IELTS Academic: skipped
    "",  # Texas jurisprudence exam: skipped
    "",  # add training? skipped
    "",  # add practice? skipped
    "",  # years of US GME: skipped
    "",  # license country: skipped
    "",  # job offer: skipped
    "",  # immigration status: skipped
    "",  # work authorization: skipped
    "",  # live in the US? skipped
    *[""] * len(default_rulebook().catalogue.credentials),  # each document: skipped
]


def test_profile_new_writes_a_valid_profile_without_skipped_facts(tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    result = invoke("profile", "new", "--out", path, input="\n".join(ANSWERS) + "\n")
    assert result.exit_code == 0, result.output
    assert "has no month 13" in result.stdout  # the bad date was refused and asked again
    written = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert written == {
        "citizenship": ["IN"],
        "medical_school": {"country": "IN", "graduated": "2012-05"},
        "ecfmg_certified": "2021-03-10",
        "exams": {"usmle_step1": {"passed": "2019-03-01", "attempts": 1}, "usmle_step3": None},
    }
    profile = load_profile(path)
    for skipped in ("training", "practice", "us_gme_years", "licenses", "job_offer", "immigration"):
        assert not profile.said(skipped)
    validated = invoke("profile", "validate", path)
    assert validated.exit_code == 0, validated.output
    checked = invoke("check", path, "--state", "TN", "--format", "json")
    assert checked.exit_code == 0, checked.output


def test_profile_new_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    path.write_text("as_of: 2026-11-25\n", encoding="utf-8")
    result = invoke("profile", "new", "--out", path, input="\n".join(ANSWERS) + "\n")
    assert result.exit_code == 2, result.output
    assert "already exists" in result.stderr
    assert "--force" in result.stderr
    assert path.read_text(encoding="utf-8") == "as_of: 2026-11-25\n"


def test_profile_new_force_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "me.yaml"
    path.write_text("as_of: 2026-11-25\n", encoding="utf-8")
    result = invoke("profile", "new", "--out", path, "--force", input="\n" * len(ANSWERS))
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == {}
    assert [p.name for p in tmp_path.iterdir()] == ["me.yaml"]  # no temporary file left behind


def test_profile_new_asks_the_date_of_a_pass_and_records_a_pass_without_one(tmp_path: Path) -> None:
    answers = list(ANSWERS)
    step2 = answers.index("")  # the first skipped answer is USMLE Step 2 CK
    answers[step2 : step2 + 1] = ["yes", "2019-09", "2"]  # passed, then its date and attempts
    oet = answers.index("no", step2) + 1  # OET after Step 3's "no"
    answers[oet : oet + 1] = ["yes", "", ""]  # passed, date not remembered, attempts skipped
    path = tmp_path / "me.yaml"
    result = invoke("profile", "new", "--out", path, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    exams = yaml.safe_load(path.read_text(encoding="utf-8"))["exams"]
    assert exams["usmle_step2_ck"] == {"passed": "2019-09", "attempts": 2}
    assert exams["oet_medicine"] == {"passed": True}  # passed, never "not passed" for want of a date
    assert "Recorded as passed" in result.stdout


def test_check_on_a_narrow_terminal_prints_one_block_per_route(monkeypatch: pytest.MonkeyPatch) -> None:
    """An 80-column terminal (or a phone's) gets readable blocks instead of a table wrapped to shreds."""
    monkeypatch.setattr(cli, "out", Console(width=80, color_system=None))
    result = invoke("check", EXAMPLE, "--state", "TN", "--as-of", "2026-11-25")
    assert result.exit_code == 0, result.output
    assert "┃" not in result.stdout  # no table
    for pathway in TN_ROUTES:
        assert pathway in result.stdout
    assert "Full license after US residency" in result.stdout  # the route name, not wrapped


def test_profile_new_records_no_period_without_its_start_or_length(tmp_path: Path) -> None:
    """A skipped start month must not become an invented one: the period is left out, and said so."""
    answers = list(ANSWERS)
    practice = answers.index("no") + 6  # after Step 3's "no": OET, TOEFL, IELTS, Texas, training?, practice?
    answers[practice : practice + 1] = ["yes", "IN", "", "", ""]  # country, no start, no length, stop
    path = tmp_path / "me.yaml"
    result = invoke("profile", "new", "--out", path, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "practice" not in yaml.safe_load(path.read_text(encoding="utf-8"))
    assert "Not recorded" in result.stdout


def test_profile_new_takes_a_period_by_its_length_residence_and_documents(tmp_path: Path) -> None:
    answers = list(ANSWERS)
    training = answers.index("no") + 5  # after Step 3's "no": OET, TOEFL, IELTS, Texas, "add training?"
    # residency in SY, no start, 4 years, completed; then no more periods
    answers[training : training + 1] = ["yes", "SY", "residency", "general_surgery", "", "4", "yes", "no"]
    home = len(answers) - len(default_rulebook().catalogue.credentials) - 1
    answers[home : home + 1] = ["yes", "MI", "2024-06"]
    answers[-1] = "yes"  # the last document in the catalogue
    path = tmp_path / "me.yaml"
    result = invoke("profile", "new", "--out", path, input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    written = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert written["training"] == [
        {
            "country": "SY",
            "kind": "residency",
            "specialty": "general_surgery",
            "years": 4.0,
            "completed": True,
        }
    ]
    assert written["residence"] == {"state": "MI", "since": "2024-06"}
    assert written["credentials"] == {default_rulebook().catalogue.credentials[-1].id: True}


def test_the_questionnaire_asks_every_job_offer_fact_the_profile_holds() -> None:
    from imgpath.cli.questionnaire import OFFER_FLAGS as ASKED
    from imgpath.engine.profile import OFFER_FLAGS

    assert [flag for flag, _question in ASKED] == list(OFFER_FLAGS)
