"""What people read beside a verdict: it never contradicts the verdict, and names what it is about."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from imgpath.engine.evaluate import check
from imgpath.engine.profile import load_profile
from imgpath.engine.verdict import Verdict
from imgpath.rulebook.loader import default_rulebook

PERSONAS = Path(__file__).parent / "cases" / "profiles"


def test_a_not_group_speaks_of_the_exclusion_not_in_its_childs_words_of_success() -> None:
    """Utah's associate physician license is for graduates of US schools: for an IMG the group
    fails, and must not say "Your medical school qualifies" beside "not eligible"."""
    doctor = load_profile(PERSONAS / "persona_egyptian_internist.yaml")
    route = next(
        r
        for r in check(doctor, default_rulebook(), as_of=date(2026, 12, 2), states=["UT"]).results
        if r.pathway == "us-ut.associate_physician"
    )
    groups = [c for c in route.criteria if c.combinator == "not"]
    assert groups
    for group in groups:
        if group.verdict is Verdict.not_eligible:
            assert group.reason.key == "group.excluded", group.reason
            assert group.reason.args["requirement"] == group.children[0].summary.rstrip(".")
        if group.verdict is Verdict.eligible:
            assert group.reason.key == "group.not_excluded", group.reason


def test_no_reason_shows_a_status_or_employer_code() -> None:
    """Statuses and employer types are read in words ("H-4 EAD"), never as the profile's codes."""
    rulebook = default_rulebook()
    codes = (
        "h4_ead",
        "green_card",
        "parole_ead",
        "h4 ead",
        "parole ead",
        "hospital_owned_clinic",
        "rural_health",
    )
    for path in sorted(PERSONAS.glob("persona_*.yaml")):
        for route in check(load_profile(path), rulebook, as_of=date(2026, 12, 2)).results:
            texts = [str(route.headline), *(str(c.reason) for c in route.criteria)]
            assert not [t for t in texts if any(code in t for code in codes)], (path.name, route.pathway)


def test_a_status_is_given_as_its_code_and_its_name() -> None:
    """The JSON carries the code for a reader that names it itself, and the name for the sentence."""
    from imgpath.engine.profile import STATUS_NAMES

    doctor = load_profile(PERSONAS / "persona_pakistani_pediatrician_h4.yaml")
    said = [
        c.reason.args
        for route in check(doctor, default_rulebook(), as_of=date(2026, 12, 2)).results
        for c in route.criteria
        if c.reason.key in ("immigration.qualifies", "immigration.not_among")
    ]
    assert said
    for args in said:
        assert args["status"] == "h4_ead"
        assert args["status_name"] == STATUS_NAMES["h4_ead"]


def test_every_unmet_criterion_is_named_in_the_headline() -> None:
    """Not only the first: each criterion that needs a step appears in the route's headline."""
    doctor = load_profile(PERSONAS / "persona_recent_graduate_nigeria.yaml")
    for route in check(doctor, default_rulebook(), as_of=date(2026, 12, 2)).results:
        if route.verdict is not Verdict.needs_steps:
            continue
        unmet = [c for c in route.criteria if c.verdict is Verdict.needs_steps and not c.children]
        top = {c.id for c in route.root.children}
        for criterion in unmet:
            if criterion.id in top:  # parts of an `all` at the top; an `any` names its chosen branch
                parts = route.headline.args["parts"]
                assert isinstance(parts, tuple)
                assert criterion.reason in parts, (route.pathway, criterion.id)


def test_a_headline_never_says_the_same_thing_twice() -> None:
    """Two criteria can ask the same (the ARC waiver checks the job offer twice): say it once."""
    rulebook = default_rulebook()
    for path in sorted(PERSONAS.glob("persona_*.yaml")):
        for route in check(load_profile(path), rulebook, as_of=date(2026, 12, 2)).results:
            parts = route.headline.args.get("parts", ())
            assert isinstance(parts, tuple), (path.name, route.pathway)
            assert len(parts) == len(set(parts)), (path.name, route.pathway)
            sentences = [s for s in str(route.headline).split(". ") if s]
            assert len(sentences) == len(set(sentences)), (path.name, route.pathway, route.headline)


def test_practice_given_only_in_years_counts_toward_a_total_and_asks_for_months_where_dates_matter() -> None:
    from imgpath.engine.criteria import Context, practice_years
    from imgpath.engine.facts import Facts
    from imgpath.engine.profile import Profile
    from imgpath.rulebook.vocabulary import PracticeYears, Where

    day = date(2026, 12, 2)
    residency = {
        "country": "IN",
        "kind": "residency",
        "start": "2012-07",
        "end": "2015-06",
        "completed": True,
    }
    data = {"practice": [{"country": "IN", "years": 9}], "training": [residency]}
    facts = Facts(Profile.model_validate(data), day)
    ctx = Context(state="TN", curable=False)
    total = practice_years(PracticeYears(years=5, where=Where.abroad), facts, ctx)
    assert total.verdict is Verdict.eligible
    for params in (
        PracticeYears(years=3, window_years=3, where=Where.abroad),
        PracticeYears(years=3, where=Where.abroad, after_training=True),
    ):
        asked = practice_years(params, facts, ctx)
        assert asked.verdict is Verdict.unknown, asked
        assert asked.missing == ("practice[0].start",), asked
