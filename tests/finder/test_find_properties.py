"""Invariants of finding: a filter only narrows, the order is the fit's, an unknown cost is never cheap."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from imgpath.engine import Profile, facts_for
from imgpath.finder import Filters, Opportunity, OpportunityKind, find, known_cost_usd, rank_key
from imgpath.rulebook import default_rulebook

ON = date(2026, 12, 3)
RULEBOOK = default_rulebook()

costs = st.one_of(
    st.just({}),
    st.just({"free": True}),
    st.builds(lambda usd: {"tuition": {"usd": usd}}, st.integers(0, 5000)),
    st.builds(lambda usd: {"tuition": {"usd": usd, "per": "week"}}, st.integers(0, 1500)),
)
deadlines = st.one_of(
    st.just({}),
    st.builds(lambda d: {"deadline": d.isoformat()}, st.dates(date(2026, 6, 1), date(2027, 6, 1))),
)


@st.composite
def opportunities(draw: st.DrawFn, index: int) -> Opportunity:
    data: dict[str, Any] = {
        "id": f"demo-{index}",
        "kind": draw(st.sampled_from(list(OpportunityKind))).value,
        "title": f"Listing {draw(st.integers(0, 99)):02d}",
        "summary": "Illustrative.",
        "host": {"name": "Demo host"},
        "place": draw(st.sampled_from([{"state": "MI"}, {"state": "TX"}, {"remote": True}])),
        "cost": draw(costs),
        "duration": draw(st.sampled_from([None, {"min_weeks": 4}])),
        "application": draw(deadlines),
        "visas": draw(st.sampled_from([None, [], ["B1"], ["B1", "J1"]])),
        "status": draw(st.sampled_from(["open", "closed", "expired", "withdrawn"])),
        "last_verified": draw(st.dates(date(2025, 12, 1), ON)).isoformat(),
        "demo": True,
    }
    return Opportunity.model_validate({k: v for k, v in data.items() if v is not None})


catalogues = st.integers(0, 12).flatmap(lambda n: st.tuples(*(opportunities(i) for i in range(n))))
profiles = st.sampled_from(
    [{}, {"immigration": {"status": "abroad"}}, {"immigration": {"status": "green_card"}}]
)
filters = st.builds(
    Filters,
    state=st.sampled_from([None, "MI"]),
    cost_at_most=st.sampled_from([None, 0, 1000]),
    visa=st.sampled_from([None, "B1"]),
    deadline_after=st.sampled_from([None, date(2027, 1, 1)]),
)


@settings(max_examples=60, deadline=None)
@given(catalogues, profiles, filters)
def test_a_filter_only_narrows_and_the_order_is_the_fits(
    listings: tuple[Opportunity, ...], profile: dict[str, Any], chosen: Filters
) -> None:
    facts = facts_for(Profile.model_validate(profile), RULEBOOK, ON)
    everything = {f.fit.opportunity.id for f in find(listings, facts, Filters(), ON).found}
    results = find(listings, facts, chosen, ON)
    kept = [f.fit for f in results.found]
    assert {f.opportunity.id for f in kept} <= everything
    assert all(f.opportunity.status != "withdrawn" and f.freshness != "hidden" for f in kept)
    assert [rank_key(f) for f in kept] == sorted(rank_key(f) for f in kept)
    if chosen.cost_at_most is not None:
        for fit in kept:
            cost = known_cost_usd(fit.opportunity)
            assert cost is not None
            assert cost <= chosen.cost_at_most
        uncosted = find(listings, facts, replace(chosen, cost_at_most=None), ON).found
        assert results.left_out_unknown_cost == sum(
            known_cost_usd(f.fit.opportunity) is None for f in uncosted
        )
