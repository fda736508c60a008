"""The law simulator: hypothetical routes beside the laws in force, who qualifies and why, sweeps."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from imgpath.cli.main import app
from imgpath.engine import Profile, Verdict, check, evaluate_criterion, facts_for
from imgpath.rulebook import CompiledCriterion, Rulebook, default_rulebook
from imgpath.simulator import (
    READS,
    derive,
    derived_rulebook,
    hypothetical_from_text,
    parse_change,
    prepare,
    simulate,
    simulation_json,
    sweep,
)
from imgpath.yamlio import InputError

TN_2024 = "us-tn.foreign_training_license_2024"
PRACTICE = "criteria.recent_practice.params.years"
OPEN = date(2025, 6, 1)  # the 2024 route was accepting applications (by 2025-03-31), not yet rewritten
runner = CliRunner()


@pytest.fixture(scope="module")
def rulebook() -> Rulebook:
    return default_rulebook()


def doctor(practice_start: str = "2022-12", training_years: int = 3, **extra: Any) -> Profile:
    """An ECFMG-certified doctor abroad with a job at a Tennessee hospital that runs residencies."""
    start = 2016
    data: dict[str, Any] = {
        "medical_school": {"country": "IN", "graduated": "2015-05"},
        "ecfmg_certified": True,
        "training": [
            {
                "country": "IN",
                "kind": "residency",
                "start": f"{start}-07",
                "end": f"{start + training_years}-06",
                "completed": True,
            }
        ],
        "practice": [{"country": "IN", "start": practice_start}],
        "job_offer": {"state": "TN", "employer_type": "hospital", "full_time": True, "acgme_sponsor": True},
        "immigration": {"status": "abroad", "work_authorized": True},
        **extra,
    }
    return Profile.model_validate(data)


def test_two_years_of_practice_make_a_doctor_with_two_and_a_half_newly_eligible(rulebook: Rulebook) -> None:
    # practice since 2022-12, judged on 2025-06-01: 2 years 6 months; the law in force asks 3
    profiles = [doctor("2022-12"), doctor("2019-07"), doctor("2024-09")]
    route = derive(TN_2024, {PRACTICE: 2}, rulebook=rulebook)
    assert route.id == "hypothetical.tn.foreign_training_license_2024"
    assert route.hypothetical
    assert route.derived_from == TN_2024
    result = simulate(profiles, route, OPEN, rulebook=rulebook)
    assert result.compared_with == (TN_2024,)
    assert result.before == [Verdict.not_yet, Verdict.eligible, Verdict.not_yet]
    assert result.after == [Verdict.eligible, Verdict.eligible, Verdict.not_yet]
    (newly,) = result.newly_qualifying
    assert newly.label == "1"
    assert newly.change == "qualifies"
    (why,) = newly.criteria
    assert why.id == "recent_practice"
    assert (why.before, why.after) == (Verdict.not_yet, Verdict.eligible)
    assert why.after_reason is not None
    assert why.after_reason.key.startswith("practice.")
    assert "2 years 6 months" in str(why.after_reason)
    assert result.no_longer_qualifying == []
    assert result.counts_before[Verdict.eligible] == 1
    assert result.counts_after[Verdict.eligible] == 2


def test_a_stricter_route_stops_a_doctor_qualifying_and_names_the_training_criterion(
    rulebook: Rulebook,
) -> None:
    route = derive(TN_2024, {"criteria.training_abroad.params.years": 4}, rulebook=rulebook, name="stricter")
    assert route.id == "hypothetical.tn.stricter"
    result = simulate([doctor("2019-07", training_years=3)], route, OPEN, rulebook=rulebook)
    (stopped,) = result.no_longer_qualifying
    assert (stopped.before, stopped.after) == (Verdict.eligible, Verdict.not_eligible)
    assert [c.id for c in stopped.criteria] == ["training_abroad"]
    answer = simulation_json(result)
    assert answer["hypothetical"] is True
    assert answer["route"]["hypothetical"] is True
    assert answer["changes"][0]["change"] == "stops_qualifying"
    assert answer["changes"][0]["criteria"][0]["after_reason_key"].startswith("training.")


def _generated(seed: int, count: int) -> list[Profile]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        year = rng.randint(2014, 2025)
        extra: dict[str, Any] = {}
        if rng.random() < 0.3:
            extra["practice"] = [
                {
                    "country": "IN",
                    "start": f"{year}-{rng.randint(1, 12):02d}",
                    "end": f"{min(year + 2, 2026)}-12",
                }
            ]
        profile = doctor(f"{year}-{rng.randint(1, 12):02d}", rng.choice([2, 3, 4]), **extra)
        if rng.random() < 0.3:
            profile = profile.model_copy(update={"ecfmg_certified": False})
        out.append(profile)
    return out


def test_results_equal_check_on_the_derived_rulebook(rulebook: Rulebook) -> None:
    profiles = _generated(7, 60)
    route = derive(TN_2024, {PRACTICE: 2, "criteria.training_abroad.params.years": 2}, rulebook=rulebook)
    result = simulate(profiles, route, OPEN, rulebook=rulebook)
    derived = derived_rulebook(rulebook, route)
    assert route.id not in rulebook.routes  # the rulebook itself is left as it is
    for index, profile in enumerate(profiles):
        found = check(profile, derived, as_of=OPEN, states=["TN"]).results
        by_id = {r.pathway: r.verdict for r in found}
        assert result.after[index] is by_id[route.id]
        assert result.before[index] is by_id[TN_2024]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10_000),
    low=st.sampled_from([0.5, 1, 1.5, 2, 2.5]),
    step=st.sampled_from([0.5, 1, 2]),
)
def test_lowering_the_years_of_practice_never_stops_anyone_being_eligible(
    seed: int, low: float, step: float
) -> None:
    rulebook = default_rulebook()
    cohort = prepare(_generated(seed, 25), OPEN, rulebook=rulebook)
    high = low + step
    lower = simulate(cohort, derive(TN_2024, {PRACTICE: low}, rulebook=rulebook))
    higher = simulate(cohort, derive(TN_2024, {PRACTICE: high}, rulebook=rulebook))
    for was, now in zip(higher.after, lower.after, strict=True):
        assert was is not Verdict.eligible or now is Verdict.eligible
    swept = sweep(cohort, TN_2024, PRACTICE, [1, 2, 3])
    eligible = [counts[Verdict.eligible] for counts in swept.counts]
    assert eligible == sorted(eligible, reverse=True)


def test_a_sweep_counts_every_profile_at_every_value(rulebook: Rulebook) -> None:
    profiles = _generated(3, 40)
    swept = sweep(profiles, TN_2024, PRACTICE, [1, 2, 3], OPEN, rulebook=rulebook)
    assert all(sum(counts.values()) == 40 for counts in swept.counts)
    assert swept.counts[2] == swept.in_force  # 3 years is the law in force
    assert [r.id for r in swept.routes] == ["hypothetical.tn.foreign_training_license_2024"] * 3


def test_the_fields_each_criterion_reads_are_all_it_reads(rulebook: Rulebook) -> None:
    """Keeping only the fields READS names (the simulator shares answers by them) changes no answer."""
    profiles = [*_generated(11, 8), Profile.model_validate({"citizenship": ["IN"]})]
    seen: set[str] = set()
    for route in rulebook.routes.values():
        for _, node in route.nodes:
            if not isinstance(node, CompiledCriterion):
                continue
            params, key = node.on(OPEN)
            if params is None or key in seen:
                continue
            seen.add(key)
            kind = node.node.type.value
            names = READS[kind]
            for profile in profiles:
                kept = {name: getattr(profile, name) for name in names if name in profile.model_fields_set}
                reduced = Profile.model_validate(kept)
                state, curable = node.state, node.curable
                full = evaluate_criterion(
                    kind, params, facts_for(profile, rulebook, OPEN), state=state, curable=curable
                )
                alone = evaluate_criterion(
                    kind, params, facts_for(reduced, rulebook, OPEN), state=state, curable=curable
                )
                assert (full.verdict, full.reason) == (alone.verdict, alone.reason), (route.id, node.id)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"criteria.nope.params.years": 2}, "criteria.nope.params.years", "no criterion 'nope'"),
        ({"requirements.x": 2}, "requirements.x", "a change is"),
        ({"criteria.ecfmg.params.years": 2}, "criteria.ecfmg.params.years", "no dated parameters"),
        (
            {"criteria.recent_practice.values.2025-13-01.years": 2},
            "criteria.recent_practice.values.2025-13-01.years",
            "not a date",
        ),
        ({PRACTICE: "three"}, PRACTICE, "not valid"),
        ({"criteria.recent_practice.params.yeers": 2}, "criteria.recent_practice.params.yeers", "yeers"),
    ],
)
def test_a_bad_change_is_refused_naming_it(
    rulebook: Rulebook, changes: dict[str, Any], field: str, words: str
) -> None:
    with pytest.raises(InputError) as caught:
        derive(TN_2024, changes, rulebook=rulebook)
    assert caught.value.field == field
    assert words in str(caught.value)


def test_a_change_from_a_date_keeps_the_law_before_it(rulebook: Rulebook) -> None:
    route = derive(TN_2024, {"criteria.recent_practice.values.2025-05-01.years": 2}, rulebook=rulebook)
    criterion = route.route.criterion("recent_practice")
    assert criterion is not None
    assert [getattr(p, "years", None) for _, p in criterion.timeline] == [3, 2]
    assert getattr(criterion.params_on(date(2025, 1, 1))[0], "window_years", None) == 3


def test_a_change_is_read_as_path_equals_value() -> None:
    assert parse_change("criteria.recent_practice.params.years=2.5") == (
        "criteria.recent_practice.params.years",
        2.5,
    )
    with pytest.raises(InputError, match="PATH=VALUE"):
        parse_change("criteria.recent_practice.params.years")


ROUTE_YAML = """\
jurisdiction: US-TN
name: Tennessee
pathways:
  - id: us-tn.two_years_abroad
    kind: alternative
    name: Two years abroad
    summary: A proposal.
    confidence: unverified
    as_of: 2026-12-01
    reference:
      - {title: A bill, href: https://example.org/bill}
    status:
      - {status: effective, date: 2025-01-01}
    criteria:
      - id: recent_practice
        type: practice_years
        summary: Practised abroad for the last 2 years.
        values:
          2025-01-01: {years: 2, window_years: 2, where: abroad}
"""


def test_a_route_written_in_yaml_is_compared_with_the_states_routes(rulebook: Rulebook) -> None:
    route = hypothetical_from_text(ROUTE_YAML, rulebook, "two.yaml")
    assert route.id == "hypothetical.tn.two_years_abroad"
    assert route.derived_from is None
    assert route.route.pathway.name == "Two years abroad (hypothetical)"
    result = simulate([doctor("2022-12")], route, OPEN, rulebook=rulebook)
    assert TN_2024 in result.compared_with
    assert "us-tn.traditional" in result.compared_with
    assert result.after == [Verdict.eligible]


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        (
            ROUTE_YAML.replace("    kind: alternative\n", "    kind: alternative\n    kind: limited\n"),
            6,
            "kind",
        ),
        (
            ROUTE_YAML.replace("        type: practice_years", "        type: practise_years"),
            16,
            "pathways[0].criteria[0].type",
        ),
        # as the loader says it: a parameter is checked with its criterion, at the criterion's line
        (ROUTE_YAML.replace("{years: 2,", "{yeers: 2,"), 15, "pathways[0].criteria[0].yeers"),
        (ROUTE_YAML.replace("us-tn.two_years_abroad", "us-tn.traditional"), 4, "id"),
    ],
)
def test_a_bad_route_file_is_refused_with_its_line_and_field(
    rulebook: Rulebook, text: str, line: int, field: str
) -> None:
    with pytest.raises(InputError) as caught:
        hypothetical_from_text(text, rulebook, "bad.yaml")
    assert (caught.value.file, caught.value.line, caught.value.field) == ("bad.yaml", line, field)


def test_hostile_yaml_is_refused_as_the_loader_refuses_it(rulebook: Rulebook) -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{n}: &{n} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
        for n, p in zip("bcdefgh", "abcdefg", strict=True)
    )
    with pytest.raises(InputError):
        hypothetical_from_text(bomb, rulebook, "bomb.yaml")


def _write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_command_says_hypothetical_and_synthetic(tmp_path: Path) -> None:
    profiles = [doctor("2022-12").model_dump(mode="json", exclude_unset=True)]
    file = _write(tmp_path / "cohort.json", {"synthetic": True, "profiles": profiles})
    args = [TN_2024, str(file), "--set", f"{PRACTICE}=2", "--as-of", "2025-06-01"]
    shown = runner.invoke(app, ["simulate", *args])
    assert shown.exit_code == 0, shown.output
    assert "Hypothetical route hypothetical.tn.foreign_training_license_2024" in shown.output
    assert "Synthetic profiles" in shown.output
    assert "1 would newly qualify; 0 would stop qualifying." in shown.output
    answer = json.loads(runner.invoke(app, ["simulate", *args, "--format", "json"]).output)
    assert answer["hypothetical"] is True
    assert answer["synthetic"] is True
    assert answer["changes"][0]["criteria"][0]["id"] == "recent_practice"
    swept = runner.invoke(
        app,
        [
            "simulate",
            "sweep",
            TN_2024,
            str(file),
            "--param",
            PRACTICE,
            "--values",
            "1,2,3",
            "--as-of",
            "2025-06-01",
            "--format",
            "json",
        ],
    )
    assert swept.exit_code == 0, swept.output
    assert [v["counts"]["eligible"] for v in json.loads(swept.output)["values"]] == [1, 1, 0]


def test_the_command_names_the_file_line_and_field_of_a_bad_profile(tmp_path: Path) -> None:
    file = tmp_path / "cohort.yaml"
    file.write_text(
        "profiles:\n  - citizenship: [IN]\n  - citizenship: [IN]\n    exmas: {}\n", encoding="utf-8"
    )
    shown = runner.invoke(
        app, ["simulate", TN_2024, str(file), "--set", f"{PRACTICE}=2", "--as-of", "2025-06-01"]
    )
    assert shown.exit_code == 2
    assert "cohort.yaml, line 4, field 'profiles[1].exmas': unknown field" in shown.output
    bad = runner.invoke(app, ["simulate", TN_2024, str(file), "--set", "criteria.nope.params.years=2"])
    assert bad.exit_code == 2
    assert "criteria.nope.params.years" in bad.output
