"""Rule changes: what a route depends on, and what changed between two rulebooks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from imgpath.rulebook import default_rulebook, load_rulebook, rule_changes, rulebook_digest
from rulebook_edits import edited_tn_rulebook, tn_rulebook


def _named(changes: list[Any]) -> list[tuple[str, str, str]]:
    return [(c.pathway, c.kind, c.key) for c in changes]


def test_an_update_names_the_fee_the_status_the_stage_and_the_route_removed(tmp_path: Path) -> None:
    before = rulebook_digest(load_rulebook(tn_rulebook(tmp_path / "before")))
    after = rulebook_digest(load_rulebook(edited_tn_rulebook(tmp_path / "after")))
    changes = {(c.pathway, c.key): c for c in rule_changes(before, after)}
    assert sorted(changes) == [
        ("us-tn.graduate_physician", "stage.1"),
        ("us-tn.graduate_physician", "status.accepting_applications"),
        ("us-tn.provisional_foreign_training_license", "fee.application"),
        ("us-tn.traditional", "route"),
    ]
    fee = changes["us-tn.provisional_foreign_training_license", "fee.application"]
    assert fee.kind == "fee"
    assert fee.old["values"] == [["2026-05-18", 300]]
    assert fee.new["values"] == [["2026-05-18", 350]]
    assert fee.reference  # the route's own sources stand behind its fee
    status = changes["us-tn.graduate_physician", "status.accepting_applications"]
    assert (status.kind, status.old, status.new["date"]) == ("status", None, "2026-12-01")
    stage = changes["us-tn.graduate_physician", "stage.1"]
    assert (stage.kind, stage.old["months"], stage.new["months"]) == ("stage", 24, 18)
    removed = changes["us-tn.traditional", "route"]
    assert (removed.kind, removed.new) == ("route", None)
    assert removed.old["name"] == "Full license after US residency"


def test_a_moved_effective_date_is_a_date_change() -> None:
    digest = rulebook_digest(default_rulebook())
    pathway = next(p for p, d in digest.items() if "status.effective" in d["items"])
    moved = {**digest[pathway], "items": dict(digest[pathway]["items"])}
    event = moved["items"]["status.effective"]
    moved["items"]["status.effective"] = {**event, "value": {**event["value"], "date": "2099-01-01"}}
    (change,) = rule_changes(digest, {**digest, pathway: moved})
    assert (change.kind, change.key, change.new["date"]) == ("date", "status.effective", "2099-01-01")


def test_a_digest_is_plain_json_and_the_same_every_time() -> None:
    import json

    first = rulebook_digest(default_rulebook())
    assert json.loads(json.dumps(first)) == first
    assert json.dumps(first, sort_keys=True) == json.dumps(
        rulebook_digest(default_rulebook()), sort_keys=True
    )


ROUTES = sorted(rulebook_digest(default_rulebook()))

_json = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=3),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=6,
)
KINDS = {
    "criterion.a": "value",
    "fee.a": "fee",
    "status.effective": "status",
    "stage.1": "stage",
    "step.b.window": "window",
}
"""A key's kind, as in a real digest: the key decides it."""
_items = st.dictionaries(st.sampled_from(sorted(KINDS)), _json).map(
    lambda values: {
        "route": {"kind": "route", "value": {}, "reference": []},
        **{key: {"kind": KINDS[key], "value": value, "reference": []} for key, value in values.items()},
    }
)
_digest = st.dictionaries(
    st.sampled_from(["us-tn.a", "us-tn.b", "us.c"]),
    st.fixed_dictionaries({"pathway": st.just("x"), "items": _items}),
)


@settings(max_examples=60, deadline=None)
@given(_digest)
def test_a_rulebook_has_no_change_from_itself(digest: dict[str, Any]) -> None:
    assert rule_changes(digest, digest) == []


@settings(max_examples=60, deadline=None)
@given(_digest, _digest)
def test_changes_name_the_same_facts_whichever_way_they_are_read(
    a: dict[str, Any], b: dict[str, Any]
) -> None:
    forward, backward = rule_changes(a, b), rule_changes(b, a)
    assert _named(forward) == _named(backward)
    assert [(c.old, c.new) for c in forward] == [(c.new, c.old) for c in backward]


@settings(max_examples=20, deadline=None)
@given(st.sets(st.sampled_from(ROUTES)), st.sets(st.sampled_from(ROUTES)))
def test_routes_present_in_one_rulebook_only_are_the_routes_added_or_removed(
    kept: set[str], other: set[str]
) -> None:
    digest = rulebook_digest(default_rulebook())
    before = {p: digest[p] for p in kept}
    after = {p: digest[p] for p in other}
    changes = rule_changes(before, after)
    assert {c.pathway for c in changes} == kept ^ other
    assert all(c.kind == "route" for c in changes)
