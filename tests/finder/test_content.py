"""The shipped opportunities file is real, sourced content a reader can trust: it validates, covers every
kind of opportunity, names only routes, steps and exams the rulebook knows, and the engine can judge
every listing's requirements."""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from imgpath.engine import Profile, evaluate_requirements, facts_for
from imgpath.finder.schema import Listings, Money, Opportunity, OpportunityKind
from imgpath.rulebook import Criterion, Group, Node, default_rulebook
from imgpath.yamlio import load_file

DATA = Path(__file__).parents[2] / "src" / "imgpath" / "finder" / "data" / "opportunities.yaml"
READ_BY = date(2026, 12, 3)
"""No listing may claim a check later than the day the file was written."""


@cache
def listings() -> Listings:
    data, _ = load_file(DATA)
    return Listings.model_validate(data)


def opportunities() -> list[Opportunity]:
    return listings().opportunities


def test_the_file_holds_only_opportunities_and_at_least_45_of_them() -> None:
    data, _ = load_file(DATA)
    assert set(data) == {"opportunities"}
    assert len(opportunities()) >= 45


def test_every_kind_of_opportunity_has_at_least_two_real_listings() -> None:
    counts = Counter(item.kind for item in opportunities() if not item.demo)
    assert {kind: counts[kind] for kind in OpportunityKind if counts[kind] < 2} == {}


def test_ids_are_unique() -> None:
    ids = Counter(item.id for item in opportunities())
    assert [name for name, count in ids.items() if count > 1] == []


def test_every_real_listing_cites_an_https_source_and_a_check_not_after_the_day_written() -> None:
    for item in opportunities():
        if item.demo:
            continue
        assert item.reference, item.id
        assert all(ref.href.startswith("https://") for ref in item.reference), item.id
        assert item.last_verified <= READ_BY, item.id


def test_every_route_and_step_named_exists_in_the_rulebook() -> None:
    rulebook = default_rulebook()
    for item in opportunities():
        assert [route for route in item.routes if route not in rulebook.routes] == [], item.id
        assert [step for step in item.steps if step not in rulebook.steps] == [], item.id


def _criteria(nodes: list[Node]) -> list[Criterion]:
    found: list[Criterion] = []
    for node in nodes:
        if isinstance(node, Group):
            children = node.all or node.any or ([node.not_] if node.not_ is not None else [])
            found.extend(_criteria(list(children)))
        else:
            found.append(node)
    return found


def test_every_exam_a_requirement_names_is_in_the_catalogue() -> None:
    exams = set(default_rulebook().exam_names)
    for item in opportunities():
        for criterion in _criteria(item.requirements):
            for _, params in criterion.timeline:
                named = set(getattr(params, "exams", None) or [])
                named |= {getattr(params, "exam", None)} - {None}
                named |= set(getattr(params, "tests", None) or [])
                assert named <= exams, (item.id, criterion.id, named - exams)


@pytest.mark.parametrize("on", [date(2026, 12, 3), date(2027, 9, 29)])
def test_the_engine_judges_every_listing_for_a_profile_that_says_nothing(on: date) -> None:
    facts = facts_for(Profile(), default_rulebook(), on)
    for item in opportunities():
        result = evaluate_requirements(item.requirements, facts)
        assert result.verdict is not None, item.id


def test_money_is_never_negative_and_free_means_no_price() -> None:
    for item in opportunities():
        amounts: list[Money | None] = [
            item.cost.application_fee,
            item.cost.tuition,
            item.cost.extra_week,
            item.stipend,
            item.amount,
        ]
        assert all(money.usd >= 0 for money in amounts if money is not None), item.id
        if item.cost.free:
            assert (item.cost.application_fee, item.cost.tuition) == (None, None), item.id


def test_a_listing_whose_deadline_has_passed_by_its_check_is_not_shown_as_open() -> None:
    for item in opportunities():
        deadline = item.application.deadline
        if deadline is not None and deadline < item.last_verified:
            assert item.status != "open", item.id
