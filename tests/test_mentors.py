"""Mentor matching: each pair's fit explained part by part, capacities kept, an explicit unassigned
outcome, the total fit optimal (against brute force), re-matches that keep accepted pairs."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from imgpath.cli.main import app
from imgpath.matching import (
    MenteeRequest,
    Mentor,
    accept,
    decline,
    fit,
    load_weights,
    match_mentors,
    match_round,
    open_round,
    route_catalogue,
)
from imgpath.matching.mentors import _Table

WEIGHTS = load_weights()
ROUTES = route_catalogue()
TN_ALTERNATIVE = "us-tn.provisional_foreign_training_license"


def mentor(id: str = "m1", **given: Any) -> Mentor:
    data: dict[str, Any] = {
        "id": id,
        "route": "traditional",
        "languages": ["en"],
        "capacity": 1,
        "available": {"from": "2027-01-01"},
    }
    return Mentor.model_validate(data | given)


def request(id: str = "r1", **given: Any) -> MenteeRequest:
    data: dict[str, Any] = {
        "id": id,
        "route": "alternative",
        "languages": ["en"],
        "needs": {"from": "2027-02-01", "months": 6},
    }
    return MenteeRequest.model_validate(data | given)


def part(mentor_: Mentor, request_: MenteeRequest, criterion: str) -> tuple[int | float, str]:
    found = next(p for p in fit(mentor_, request_, WEIGHTS, ROUTES).parts if p.criterion == criterion)
    return found.points, found.said.key


def test_a_spanish_speaking_mentor_scores_the_language_part_for_a_spanish_speaking_mentee() -> None:
    points, key = part(mentor(languages=["es", "en"]), request(languages=["es"]), "language")
    assert (points, key) == (15, "mentors.language.shared")
    said = next(
        p.said for p in fit(mentor(languages=["es"]), request(languages=["es"]), WEIGHTS, ROUTES).parts
    )
    assert said.key == "mentors.route.other"  # traditional taken, alternative sought: no route points


def test_a_mentor_with_no_shared_language_is_never_proposed() -> None:
    found = fit(mentor(languages=["ar"]), request(languages=["es"]), WEIGHTS, ROUTES)
    assert (found.total, found.excluded_by) == (0, "language")


def test_a_mentor_who_took_the_tennessee_alternative_route_scores_the_route_part_for_one_seeking_it() -> None:
    assert part(mentor(route=TN_ALTERNATIVE), request(route=TN_ALTERNATIVE), "route") == (
        40,
        "mentors.route.same_pathway",
    )
    # Tennessee's other alternative route, the same kind in the same state: 25; a kind only: 15
    other = "us-tn.foreign_training_license_2024"
    assert part(mentor(route=other), request(route=TN_ALTERNATIVE), "route")[0] == 25
    assert part(mentor(route=TN_ALTERNATIVE), request(route="alternative"), "route")[0] == 15


def test_availability_is_prorated_by_the_days_the_mentor_is_free() -> None:
    # needs 2027-02-01 to 2027-08-01 (181 days); the mentor is free until 2027-04-30 (89 of them)
    partial = mentor(available={"from": "2027-01-01", "until": "2027-04-30"})
    assert part(partial, request(), "availability") == (
        4.91,
        "mentors.availability.partial",
    )  # 1000 * 89 // 181 hundredths
    gone = mentor(available={"from": "2026-01-01", "until": "2026-12-31"})
    assert fit(gone, request(), WEIGHTS, ROUTES).excluded_by == "availability"


def test_each_part_is_a_keyed_message_in_the_criteria_order() -> None:
    found = fit(mentor(), request(), WEIGHTS, ROUTES)
    assert [p.criterion for p in found.parts] == [
        "route",
        "specialty",
        "language",
        "country",
        "state",
        "availability",
    ]
    assert found.total == sum(p.points for p in found.parts) == 25  # language 15 + availability 10


def test_capacity_is_respected_and_the_best_fits_take_the_places() -> None:
    mentors = [mentor("m1", capacity=2, specialty="pediatrics")]
    requests = [request(f"r{i}", specialty="pediatrics" if i < 2 else None) for i in range(4)]
    matching = match_mentors(mentors, requests, WEIGHTS, ROUTES)
    assert matching.assignments == {"m1": ["r0", "r1"]}
    assert matching.unassigned == ["r2", "r3"]
    assert matching.why_unassigned["r2"].key == "mentors.unassigned.at_capacity"


def test_a_mentee_with_no_positive_fit_is_unassigned_and_told_why() -> None:
    matching = match_mentors([mentor(languages=["en"])], [request(languages=["zh"])], WEIGHTS, ROUTES)
    assert matching.unassigned == ["r1"]
    assert matching.why_unassigned["r1"].key == "mentors.unassigned.no_fit"


def test_a_rematch_keeps_accepted_pairs_and_never_proposes_a_declined_one() -> None:
    mentors = [mentor("m1", specialty="pediatrics"), mentor("m2")]
    requests = [request("r1", specialty="pediatrics"), request("r2")]
    first = match_round(open_round(mentors, requests), WEIGHTS, ROUTES)
    assert first.assignments == {"m1": ["r1"], "m2": ["r2"]}
    # r2 takes m1 by acceptance (a worse total); r1 declined m2: r1 is left unassigned, not moved
    round_ = decline(accept(open_round(mentors, requests), "m1", "r2"), "m2", "r1")
    again = match_round(round_, WEIGHTS, ROUTES)
    assert again.assignments == {"m1": ["r2"], "m2": []}
    assert again.unassigned == ["r1"]


def test_a_round_leaves_out_mentors_whose_availability_has_ended() -> None:
    from datetime import date

    ended = mentor("old", available={"from": "2026-01-01", "until": "2026-06-30"})
    assert [m.id for m in open_round([ended, mentor()], [], on=date(2026, 12, 1)).mentors] == ["m1"]


LANGS = st.lists(st.sampled_from(["en", "es", "ar"]), min_size=1, max_size=2, unique=True)
ROUTE_IDS = st.sampled_from(
    [TN_ALTERNATIVE, "us-tn.foreign_training_license_2024", "alternative", "traditional"]
)


@st.composite
def rounds(draw: st.DrawFn) -> tuple[list[Mentor], list[MenteeRequest]]:
    mentors = [
        mentor(
            f"m{i}",
            route=draw(ROUTE_IDS),
            specialty=draw(st.sampled_from([None, "pediatrics", "surgery"])),
            languages=draw(LANGS),
            countries=draw(st.lists(st.sampled_from(["IN", "MX"]), max_size=2, unique=True)),
            states=draw(st.lists(st.sampled_from(["TN", "FL"]), max_size=2, unique=True)),
            capacity=draw(st.integers(0, 2)),
            available={
                "from": "2027-01-01",
                "until": draw(st.sampled_from([None, "2027-03-15", "2026-12-01"])),
            },
        )
        for i in range(draw(st.integers(1, 3)))
    ]
    requests = [
        request(
            f"r{i}",
            route=draw(ROUTE_IDS),
            specialty=draw(st.sampled_from([None, "pediatrics", "surgery"])),
            languages=draw(LANGS),
            country=draw(st.sampled_from([None, "IN", "MX"])),
            states=draw(st.lists(st.sampled_from(["TN", "FL"]), max_size=2, unique=True)),
            needs={"from": "2027-02-01", "months": draw(st.integers(1, 6))},
        )
        for i in range(draw(st.integers(0, 5)))
    ]
    return mentors, requests


def brute_force(mentors: list[Mentor], requests: list[MenteeRequest]) -> int:
    """The largest total fit over every assignment that respects capacities (tiny rounds only)."""
    scores = [[fit(m, r, WEIGHTS, ROUTES).cents for m in mentors] for r in requests]
    best = 0
    for choice in itertools.product(range(-1, len(mentors)), repeat=len(requests)):
        fits = all(choice.count(j) <= m.capacity for j, m in enumerate(mentors))
        if fits and all(c < 0 or scores[i][c] > 0 for i, c in enumerate(choice)):
            best = max(best, sum(scores[i][c] for i, c in enumerate(choice) if c >= 0))
    return best


@settings(max_examples=150, deadline=None)
@given(rounds())
def test_the_total_fit_is_the_optimum_and_capacities_hold(
    made: tuple[list[Mentor], list[MenteeRequest]],
) -> None:
    mentors, requests = made
    matching = match_mentors(mentors, requests, WEIGHTS, ROUTES, k=None)
    assert matching.total_cents == brute_force(mentors, [r for r in requests])
    capacity = {m.id: m.capacity for m in mentors}
    assert all(len(mentees) <= capacity[m] for m, mentees in matching.assignments.items())
    assigned = [r for mentees in matching.assignments.values() for r in mentees]
    assert sorted(assigned + matching.unassigned) == sorted(r.id for r in requests)
    assert all(f.cents > 0 for f in matching.fits.values())


@settings(max_examples=100, deadline=None)
@given(rounds())
def test_the_scores_of_the_whole_round_are_the_explained_fits(
    made: tuple[list[Mentor], list[MenteeRequest]],
) -> None:
    import numpy as np

    mentors, requests = made
    table = _Table(mentors, requests, WEIGHTS, ROUTES)
    scores = table.scores(np.arange(len(requests)), np.arange(len(mentors)))
    assert scores.tolist() == [[fit(m, r, WEIGHTS, ROUTES).cents for m in mentors] for r in requests]


def test_the_cli_prints_assignments_unassigned_and_each_fit(tmp_path: Path) -> None:
    file = tmp_path / "round.yaml"
    file.write_text(
        json.dumps(
            {
                "mentors": [
                    mentor(route=TN_ALTERNATIVE, languages=["es"]).model_dump(by_alias=True, mode="json")
                ],
                "requests": [
                    request("lucia", route=TN_ALTERNATIVE, languages=["es"]).model_dump(
                        by_alias=True, mode="json"
                    ),
                    request("wei", languages=["zh"]).model_dump(by_alias=True, mode="json"),
                ],
            }
        )
    )
    result = CliRunner().invoke(app, ["match", "mentors", str(file), "--format", "json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["assignments"] == {"m1": ["lucia"]}
    assert answer["unassigned"] == ["wei"]
    assert answer["fit"]["lucia"]["total"] == 65  # route 40, language 15, availability 10
    assert answer["fit"]["lucia"]["parts"][0] == {
        "criterion": "route",
        "points": 40,
        "reason": "The mentor took the route you seek: Provisional foreign training license (2026 rewrite).",
        "reason_key": "mentors.route.same_pathway",
        "reason_params": {"route": TN_ALTERNATIVE, "route_name": ROUTES[TN_ALTERNATIVE].name},
    }


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("mentors: []\n", "field 'requests'"),
        (
            "mentors:\n  - id: a\n    route: us-zz.nothing\n    languages: [en]\n"
            "    available: {from: 2027-01-01}\nrequests: []\n",
            "line 3, field 'mentors[0].route'",
        ),
        (
            "mentors: []\nrequests: []\naccepted:\n  - {mentor: ghost, mentee: r1}\n",
            "line 4, field 'accepted[0].mentor'",
        ),
    ],
)
def test_bad_rounds_name_the_line_and_field(tmp_path: Path, text: str, where: str) -> None:
    file = tmp_path / "round.yaml"
    file.write_text(text)
    result = CliRunner().invoke(app, ["match", "mentors", str(file)])
    assert result.exit_code == 2
    assert where in result.stderr
