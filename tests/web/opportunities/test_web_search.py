"""Search in SQL gives the finder's own answer: the same listings, in the same order, with the same
counts, for the same profile, filters and day; words through the full-text index; each filter both ways."""

from __future__ import annotations

import random
from datetime import date, timedelta
from importlib import resources
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from imgpath.engine import Facts, Profile, facts_for, parse_profile
from imgpath.finder import Filters, Opportunity, OpportunityKind, find
from imgpath.rulebook import default_rulebook
from imgpath.web.opportunities.models import Listing
from imgpath.web.opportunities.search import search

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 25)
STATES = ["TN", "FL", "IL", "MN", "TX"]
SPECIALTIES = ["internal_medicine", "pediatrics", "psychiatry"]
WORDS = ["cardiology", "rural", "research", "summer", "oncology", "telehealth"]
"""Query words none of which sits inside another word of the listings (the index matches whole
words and their starts; the finder any substring)."""
REQUIREMENTS: list[list[dict[str, Any]]] = [
    [],
    [
        {
            "id": "step1",
            "type": "exam_passed",
            "summary": "Passed USMLE Step 1",
            "params": {"exam": "usmle_step1"},
        }
    ],
    [
        {
            "id": "steps_220",
            "type": "scores_at_least",
            "summary": "At least 220 on every Step taken",
            "params": {"exams": ["usmle_step1", "usmle_step2_ck", "usmle_step3"], "min_score": 220},
        }
    ],
    [
        {
            "id": "nationality",
            "type": "citizenship",
            "summary": "Not open to Iran",
            "params": {"excluded": ["IR"]},
        }
    ],
    [
        {
            "id": "step3",
            "type": "exam_passed",
            "summary": "Passed USMLE Step 3",
            "params": {"exam": "usmle_step3"},
        }
    ],
]
TITLES = ["alpha", "Alpha clinic", "Émile ward", "beta", "Zeta", "zeta lab", "Ørsted", "mid"]


def listing(n: int, rng: random.Random) -> dict[str, Any]:
    """A demo listing with a random mix of every fact search reads."""
    remote = rng.random() < 0.2
    state = None if remote and rng.random() < 0.5 else rng.choice(STATES)
    application: dict[str, Any] = rng.choice(
        [
            {},
            {"deadline": str(DAY + timedelta(days=rng.randint(-60, 200)))},
            {"opens": str(DAY + timedelta(days=rng.randint(-30, 60)))},
            {"yearly_opens": "01-15", "yearly_closes": "03-01"},
            {"yearly_opens": "11-01", "yearly_closes": "02-15"},
            {"yearly_closes": "06-30"},
            {"yearly_opens": "12-10"},
        ]
    )
    cost: dict[str, Any] = rng.choice(
        [
            {},
            {"free": True},
            {"application_fee": {"usd": rng.choice([50, 100, 900])}},
            {"tuition": {"usd": 400, "per": "week"}},
        ]
    )
    document: dict[str, Any] = {
        "id": f"listing-{n:03d}",
        "kind": rng.choice(["observership", "research_position", "funding", "job"]),
        "title": f"{rng.choice(TITLES)} {n:03d} {rng.choice(WORDS)}",
        "summary": f"A {rng.choice(WORDS)} post for international graduates.",
        "host": {"name": rng.choice(["Mercy Hospital", "Lakeside University", "Cardiology Group"])},
        "place": {"state": state, "city": rng.choice([None, "Memphis", "Rochester"]), "remote": remote},
        "specialties": rng.sample(SPECIALTIES, rng.choice([0, 0, 1, 2])),
        "hands_on": rng.choice([None, True, False]),
        "duration": rng.choice([None, {"min_weeks": 4}]),
        "application": application,
        "cost": cost,
        "visas": rng.choice([None, [], ["B1"], ["J1", "B1"], ["H1B"]]),
        "sponsors_visa": rng.choice([None, True, False]),
        "requirements": rng.choice(REQUIREMENTS),
        "status": rng.choice(["open", "open", "open", "closed", "expired", "withdrawn"]),
        "last_verified": str(DAY - timedelta(days=rng.choice([3, 100, 181, 200, 270, 271, 400]))),
        "demo": True,
    }
    document["place"] = {k: v for k, v in document["place"].items() if v is not None}
    if document["duration"] is None:
        del document["duration"]
    return document


@pytest.fixture
def opportunities(django_db_blocker: Any) -> list[Opportunity]:
    rng = random.Random(11)
    found = [Opportunity.model_validate(listing(n, rng)) for n in range(90)]
    rows = []
    for opportunity in found:
        row = Listing()
        row.set_opportunity(opportunity)
        rows.append(row)
    Listing.objects.bulk_create(rows)
    return found


def profile(immigration: str | None, states: list[str], **changes: Any) -> Facts:
    text = resources.files("imgpath.examples").joinpath("experienced-internist.yaml").read_text("utf-8")
    data = parse_profile(text, "example").model_dump(mode="json", exclude_unset=True)
    data.pop("immigration", None)
    if immigration is not None:
        data["immigration"] = {"status": immigration}
    data["preferences"] = {"states": states}
    return facts_for(Profile.model_validate(data | changes), default_rulebook(), DAY)


PROFILES = {
    "abroad": lambda: profile("abroad", ["TN", "FL"]),
    "j1": lambda: profile("j1", []),
    "citizen": lambda: profile("citizen", ["MN"]),
    "silent": lambda: profile(None, ["TX"]),
    "iranian": lambda: profile("h1b", ["IL"], citizenship=["IR"]),
}


def every_page(filters: Filters, facts: Facts | None, day: date = DAY) -> tuple[list[str], Any]:
    first = search(filters, facts, day, 1, 7)
    slugs = [hit.listing.slug for hit in first.hits]
    for number in range(2, first.pages + 1):
        slugs += [hit.listing.slug for hit in search(filters, facts, day, number, 7).hits]
    return slugs, first


def assert_same_as_finder(opportunities: list[Opportunity], filters: Filters, facts: Facts) -> None:
    expected = find(opportunities, facts, filters, DAY)
    slugs, first = every_page(filters, facts)
    assert slugs == [found.fit.opportunity.id for found in expected.found]
    assert (first.total, first.left_out_unknown_cost, first.hidden) == (
        expected.total,
        expected.left_out_unknown_cost,
        expected.hidden,
    )
    assert not first.estimated


filter_sets = st.builds(
    Filters,
    kinds=st.lists(st.sampled_from([*list(OpportunityKind)[:4], OpportunityKind.funding]), max_size=2).map(
        tuple
    ),
    state=st.none() | st.sampled_from(STATES),
    remote=st.none() | st.booleans(),
    specialty=st.none() | st.sampled_from(SPECIALTIES),
    cost_at_most=st.none() | st.sampled_from([0.0, 100.0, 1000.0]),
    visa=st.none() | st.sampled_from(["B1", "J1"]),
    deadline_after=st.none() | st.sampled_from([DAY, DAY + timedelta(days=90)]),
    hands_on=st.none() | st.booleans(),
    query=st.none()
    | st.sampled_from([*WORDS, "Memphis", "cardio", "mercy hospital", "TN", "ARDIO", "MÉMPHIS tn", "post 1"]),
    include_hidden=st.booleans(),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filters=filter_sets, who=st.sampled_from(sorted(PROFILES)))
def test_the_sql_order_and_counts_are_the_finders(
    opportunities: list[Opportunity], filters: Filters, who: str
) -> None:
    assert_same_as_finder(opportunities, filters, PROFILES[who]())


@pytest.mark.parametrize("who", sorted(PROFILES))
def test_every_listing_sits_where_the_finder_puts_it_with_no_filter(
    opportunities: list[Opportunity], who: str
) -> None:
    assert_same_as_finder(opportunities, Filters(), PROFILES[who]())
    assert_same_as_finder(opportunities, Filters(include_hidden=True), PROFILES[who]())


def test_a_later_day_moves_yearly_windows_and_freshness_alike(opportunities: list[Opportunity]) -> None:
    later = DAY + timedelta(days=120)
    facts = facts_for(PROFILES["abroad"]().profile, default_rulebook(), later)
    expected = find(opportunities, facts, Filters(), later)
    slugs, _ = every_page(Filters(), facts, later)
    assert slugs == [found.fit.opportunity.id for found in expected.found]


def one(**changes: Any) -> None:
    document = listing(0, random.Random(0)) | {"status": "open", "last_verified": str(DAY)} | changes
    row = Listing()
    row.set_opportunity(Opportunity.model_validate(document))
    row.save()


def slugs(**filters: Any) -> list[str]:
    return [hit.listing.slug for hit in search(Filters(**filters), None, DAY).hits]


def test_words_match_whole_words_and_their_starts_in_title_summary_host_and_place() -> None:
    mercy, lakeside = {"name": "Mercy Hospital"}, {"name": "Lakeside"}
    memphis, rochester = {"state": "TN", "city": "Memphis"}, {"state": "MN", "city": "Rochester"}
    one(id="post-a", title="Summer research in oncology", summary="Clinic days.", host=mercy, place=memphis)
    one(id="post-b", title="Winter observership", summary="Observe rounds.", host=lakeside, place=rochester)
    assert slugs(query="oncology") == ["post-a"]
    assert slugs(query="ONCOL") == ["post-a"]  # a word's start, any case
    assert slugs(query="mercy memphis") == ["post-a"]  # every word, across fields
    assert slugs(query="mercy rochester") == []
    assert slugs(query="rounds") == ["post-b"]
    assert slugs(query="mn") == ["post-b"]
    edited = Listing.objects.get(slug="post-b")  # the full-text index follows an edit
    edited.set_opportunity(edited.opportunity.model_copy(update={"title": "Winter oncology"}))
    edited.save()
    assert slugs(query="oncology") == ["post-a", "post-b"]
    assert slugs(query="winter observership") == []  # the old title's words are gone
    Listing.objects.filter(slug="post-a").delete()
    assert slugs(query="oncology") == ["post-b"]


@pytest.mark.parametrize(
    ("field", "value", "kept", "left_out"),
    [
        ("kinds", (OpportunityKind.funding,), {"kind": "funding"}, {"kind": "job"}),
        ("state", "TN", {"place": {"state": "TN"}}, {"place": {"state": "FL"}}),
        ("state", "TN", {"place": {"remote": True}}, {"place": {"state": "FL", "remote": True}}),
        ("remote", True, {"place": {"remote": True}}, {"place": {"state": "TN"}}),
        ("remote", False, {"place": {"state": "TN"}}, {"place": {"remote": True}}),
        ("specialty", "pediatrics", {"specialties": []}, {"specialties": ["psychiatry"]}),
        ("specialty", "pediatrics", {"specialties": ["pediatrics"]}, {"specialties": ["psychiatry"]}),
        (
            "cost_at_most",
            100.0,
            {"cost": {"application_fee": {"usd": 100}}},
            {"cost": {"application_fee": {"usd": 101}}},
        ),
        ("visa", "J1", {"visas": ["J1"]}, {"visas": None}),
        ("visa", "J1", {"visas": ["B1", "J1"]}, {"visas": ["B1"]}),
        (
            "deadline_after",
            DAY,
            {"application": {"deadline": str(DAY)}},
            {"application": {"deadline": "2026-11-24"}},
        ),
        (
            "deadline_after",
            DAY,
            {"application": {"yearly_closes": "03-01"}},
            {"application": {"deadline": "2026-01-01"}},
        ),
        ("hands_on", True, {"hands_on": True}, {"hands_on": None}),
        ("hands_on", False, {"hands_on": False}, {"hands_on": True}),
    ],
)
def test_each_filter_keeps_one_side_and_leaves_out_the_other(
    field: str, value: Any, kept: dict[str, Any], left_out: dict[str, Any]
) -> None:
    one(id="kept", **kept)
    one(id="left-out", **left_out)
    assert slugs(**{field: value}) == ["kept"]
    assert sorted(slugs()) == ["kept", "left-out"]


def test_a_cost_the_source_does_not_give_is_left_out_of_a_budget_and_counted() -> None:
    one(id="free", cost={"free": True})
    one(id="unknown", cost={})
    one(id="dear", cost={"tuition": {"usd": 5000}})
    page = search(Filters(cost_at_most=1000.0), None, DAY)
    assert ([h.listing.slug for h in page.hits], page.left_out_unknown_cost, page.total) == (["free"], 1, 1)
    assert search(Filters(), None, DAY).left_out_unknown_cost == 0


def test_a_listing_nobody_verified_for_270_days_is_hidden_and_counted_unless_asked_for() -> None:
    one(id="day-270", last_verified=str(DAY - timedelta(days=270)))
    one(id="day-271", last_verified=str(DAY - timedelta(days=271)))
    page = search(Filters(), None, DAY)
    assert ([h.listing.slug for h in page.hits], page.hidden) == (["day-270"], 1)
    page = search(Filters(include_hidden=True), None, DAY)
    assert (sorted(h.listing.slug for h in page.hits), page.hidden) == (["day-270", "day-271"], 0)
