"""Explanations as data: every message the engine and planner give has an English template whose
placeholders are exactly the parameters given, and rendering through a translation never fails."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from imgpath.engine.evaluate import check, evaluate_pathway, facts_for
from imgpath.engine.profile import Profile, load_profile
from imgpath.messages import Message, from_json, message, placeholders, render, template
from imgpath.messages.english import ENGLISH
from imgpath.planner.additions import funding_share, with_additions
from imgpath.planner.model import Addition, Money, PlannedFee
from imgpath.planner.plans import plan, why
from imgpath.planner.whatif import assume, compare
from imgpath.rulebook.loader import default_rulebook
from rule_cases import case_profile, load_cases

SRC = Path(__file__).parents[1] / "src" / "imgpath"
PROFILES = [
    *sorted((Path(__file__).parent / "cases" / "profiles").glob("*.yaml")),
    SRC / "examples" / "experienced-internist.yaml",
]
DAYS = (date(2016, 6, 1), date(2026, 12, 2), date(2031, 1, 1))


def _within(found: Message) -> Iterator[Message]:
    """The message and every message among its parameters, at any depth."""
    yield found
    for _, value in found.params:
        # a Message is a tuple too: it is one value, not a list of them
        values = value if isinstance(value, tuple) and not isinstance(value, Message) else (value,)
        for item in values:
            if isinstance(item, Message):
                yield from _within(item)


def _given() -> Iterator[Message]:
    """Every message the engine and the planner give for the example profiles and every rule case."""
    rulebook = default_rulebook()
    silent = Profile.model_validate({})  # says nothing: every "you have not said"
    for profile in [silent, *(load_profile(path) for path in PROFILES)]:
        for day in DAYS:
            for route in check(profile, rulebook, as_of=day).results:
                yield route.headline
                if route.applies_reason is not None:
                    yield route.applies_reason
                yield from (c.reason for c in route.criteria)
                yield from (q.question for q in route.open_questions)
        plans = plan(profile, rulebook, as_of=DAYS[1])
        for route_plan in plans.plans:
            yield route_plan.reason
            yield why(route_plan)
            yield from route_plan.risks
            yield from (what for _, what in route_plan.deadline_messages)
            yield from (lapse.reason for lapse in route_plan.lapses)
            if route_plan.odds is not None:
                yield route_plan.odds.message
                yield from [*route_plan.odds.inputs, *route_plan.odds.caveats]
    example = load_profile(PROFILES[-1])
    before = plan(example, rulebook, as_of=DAYS[1])
    for assumption in ("usmle_step3=passed", "ecfmg_certified=false"):
        after = plan(assume(example, [assumption], DAYS[1]), rulebook, as_of=DAYS[1])
        yield from (line for change in compare(before, after) for line in change.changes)
    yield from _addition_messages(before.plans[0])
    for _, case in load_cases():
        facts = facts_for(Profile.model_validate(case_profile(case)), rulebook, case.as_of)
        for pathway_id in case.expect:
            result = evaluate_pathway(*rulebook.pathway(pathway_id), facts)
            yield result.headline
            yield from (c.reason for c in result.criteria)


def _addition_messages(route_plan: Any) -> Iterator[Message]:
    """The messages of opportunities and grants added to a plan, one of each kind of outcome."""
    day = DAYS[1]
    unknown = PlannedFee("tuition", "tuition", None, None, [], None)
    grant = Addition("a-grant", "A grant", "funding", deadline=day, covers=Money(10, 10, 10), demo=True)
    added = [
        grant,
        Addition("late", "Late", "funding", deadline=date(2020, 1, 1)),
        Addition("started", "Started", "opportunity", sessions=((date(2020, 1, 1), None),)),
        Addition("too-close", "Too close", "opportunity", lead_time_days=90, sessions=((day, None),)),
        Addition("dated", "Dated", "opportunity", lead_time_days=5, sessions=((date(2027, 3, 1), None),)),
        Addition("open", "Open", "opportunity", sessions=((date(2027, 3, 1), None),), fees=(unknown,)),
        Addition("rolling", "Rolling", "opportunity", weeks=(2, 4)),
    ]
    planned = with_additions(route_plan, added, day)
    yield from planned.risks
    yield from (what for _, what in planned.deadline_messages)
    yield from (step.label for step in planned.steps if step.label is not None)
    yield from (a.funding.message for a in planned.additions if a.funding is not None)
    for covers, per, cost, fees in [
        (Money(1, 1, 1), None, 4, 0),
        (Money(1, 1, 1), None, 4, 1),
        (Money(1, 1, 1), "year", 4, 0),
        (Money(1, 1, 1), "month", 4, 1),
        (Money(9, 9, 9), None, 4, 0),
        (Money(9, 9, 9), None, 4, 1),
        (None, None, 4, 0),
        (Money(1, 1, 1), None, 0, 0),
        (Money(1, 1, 1), None, 0, 2),
    ]:
        one = Addition("a-grant", "A grant", "funding", covers=covers, covers_per=per)
        yield funding_share(one, Money(cost, cost, cost), fees).message


@pytest.fixture(scope="module")
def given() -> set[Message]:
    return {inner for outer in _given() for inner in _within(outer)}


def _companions(params: set[str]) -> set[str]:
    """Ids given beside their names (``exam`` beside ``exam_name``, the criterion or credential beside
    the ``requirement`` in the rulebook's words): for readers, not for the sentence."""
    ids = {
        name.removesuffix("_names").removesuffix("_name")
        for name in params
        if name.endswith(("_name", "_names"))
    }
    return ids | ({"criterion", "credential"} if "requirement" in params else set())


def test_every_message_given_has_an_english_template(given: set[Message]) -> None:
    assert not sorted({m.key for m in given} - set(ENGLISH))


def test_every_template_names_exactly_the_parameters_given(given: set[Message]) -> None:
    """A placeholder never shows as ``{name}`` to a reader, and no value is computed for nothing."""
    wrong = set()
    for found in given:
        params = set(found.args)
        if placeholders(template(found.key)) != params - (
            _companions(params) - placeholders(template(found.key))
        ):
            wrong.add((found.key, tuple(sorted(params))))
    assert not sorted(wrong)


def test_an_id_comes_beside_its_name_only_when_the_name_is_a_placeholder(given: set[Message]) -> None:
    for found in given:
        extra = set(found.args) - placeholders(template(found.key))
        assert extra <= _companions(set(found.args)), (found.key, extra)


def test_the_walk_reaches_most_of_the_catalogue(given: set[Message]) -> None:
    """The walk above is the guarantee for the keys it meets; it must meet most of them to mean much.
    The command line's headings (``cli.*``) are not the engine's or the planner's: the static checks
    below (every call written in full) and the CLI's own tests hold them."""
    said = {key for key in ENGLISH if not key.startswith("cli.")}
    assert len({m.key for m in given} & said) >= 0.6 * len(said)


def _literal_keys() -> set[str]:
    """Keys written literally as ``message("...")`` in the package's source."""
    keys = set()
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "message"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                keys.add(node.args[0].value)
    return keys


def test_every_key_written_in_the_code_has_an_english_template() -> None:
    keys = _literal_keys()
    assert len(keys) > 100
    assert not sorted(keys - set(ENGLISH))


def test_each_call_in_the_code_gives_the_parameters_its_template_names() -> None:
    """The static half of the check above: a ``message("key", a=..., b=...)`` written in full names
    exactly its template's placeholders (calls that spread a dict of parameters are checked above)."""
    wrong = []
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "message"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                continue
            key = node.args[0].value
            named = {k.arg for k in node.keywords if k.arg is not None}
            spread = any(k.arg is None for k in node.keywords)
            wanted = placeholders(template(key))
            allowed = wanted | _companions(named | wanted)
            if not named <= allowed or (not spread and not wanted <= named):
                wrong.append((path.name, node.lineno, key, sorted(named), sorted(wanted)))
    assert not wrong


def test_keys_built_from_a_name_have_a_template_for_every_name() -> None:
    """Keys made of a prefix and a value (``where.abroad``, ``job.problem.full_time``) cover every value."""
    from imgpath.engine import Verdict
    from imgpath.engine.profile import OFFER_FLAGS
    from imgpath.finder import Per
    from imgpath.rulebook import Confidence, RouteStatus
    from imgpath.rulebook.schema import MatchGroup
    from imgpath.rulebook.vocabulary import Where

    built = {f"where.{w.value}" for w in Where} | {f"job.problem.{flag}" for flag in OFFER_FLAGS}
    built |= {f"odds.group.{g.value}" for g in (MatchGroup.us_img, MatchGroup.non_us_img)}
    built |= {f"{p}.{w}" for p in ("when", "since") for w in ("on", "by", "first_seen", "unknown")}
    built |= {f"per.{per.value}" for per in Per}  # a grant's amount per period (planner.additions)
    built |= {f"cli.verdict.{v.value}" for v in Verdict} | {f"cli.status.{s.value}" for s in RouteStatus}
    built |= {f"cli.explain.{c}" for c in ("all", "any", "not")}  # a group's combinator
    built |= {f"cli.plan.milestone.{m}" for m in ("first_license", "full_license")}
    built |= {f"cli.confidence.{c.value}" for c in Confidence if c is not Confidence.primary}
    assert not sorted(built - set(ENGLISH))


def test_every_template_is_well_formed() -> None:
    for key, text in ENGLISH.items():
        assert render(Message(key)) is not None, key
        for name in placeholders(text):
            assert re.fullmatch(r"[a-z][a-z0-9_]*", name), (key, name)


# --- rendering ----------------------------------------------------------------------------------


def test_english_is_the_catalogue_filled_in() -> None:
    said = message("exam.not_passed.attempts_left", exam="usmle_step3", exam_name="USMLE Step 3", left=2)
    assert str(said) == said.english() == "You have not passed USMLE Step 3 yet (2 attempts left)."


def test_durations_read_as_years_and_months() -> None:
    where = message("where.abroad")
    need = message(
        "practice.need.within", need_years=3, where=where, after=message("phrase.none"), window_years=5
    )
    said = message("practice.short", need=need, have_days=1065)
    assert (
        str(said)
        == "Needs 3 years of practice outside the US within the last 5 years; you have 2 years 11 months."
    )
    assert str(message("gme.years", have_years=1)) == "1 year"
    assert str(message("gme.years", have_years=1.5)) == "1 year 6 months"


def test_a_translation_may_put_the_values_in_another_order() -> None:
    """Arabic and Spanish put words where their grammar wants them: whole sentences, named values."""
    spanish = {
        ENGLISH[
            "exam.score_too_low"
        ]: "Su puntaje ({score}) es menor que el mínimo de {min_score} para {exam_name}.",
    }
    said = message(
        "exam.score_too_low", exam="usmle_step2_ck", exam_name="USMLE Step 2 CK", min_score=240, score=231
    )
    assert render(said, lambda text: spanish.get(text, text)) == (
        "Su puntaje (231) es menor que el mínimo de 240 para USMLE Step 2 CK."
    )


def test_nested_messages_and_units_go_through_the_same_translation() -> None:
    arabic = {
        ENGLISH["job.none"]: "{place} :يلزم عرض عمل كطبيب",
        ENGLISH["place.state"]: "في {state}",
        ENGLISH["duration.years"]: "{count} سنوات",
    }
    said = message("job.none", place=message("place.state", state="TN"))
    assert render(said, lambda text: arabic.get(text, text)) == "في TN :يلزم عرض عمل كطبيب"
    years = message("gme.years", have_years=3)
    assert render(years, lambda text: arabic.get(text, text)) == "3 سنوات"


def test_a_missing_parameter_stays_visible_and_an_extra_one_is_ignored() -> None:
    assert render(message("exam.passed")) == "You passed {exam_name}."
    assert render(message("ecfmg.held", since="2020-01-01")) == "You hold ECFMG certification."


def test_a_broken_translation_falls_back_to_english() -> None:
    said = message("ecfmg.held_since", since="2021-03-10")
    assert render(said, lambda _: "Desde {since") == "You hold ECFMG certification since 2021-03-10."
    assert render(said, lambda _: "{0} {since}") == "{0} 2021-03-10"  # a positional field names nothing


def test_a_translation_cannot_reach_into_a_value() -> None:
    """A template from a translator is data: attribute and index access show as written, never run."""
    said = message("ecfmg.held_since", since="2021-03-10")
    assert render(said, lambda _: "{since.__class__} {since[0]}") == "{since.__class__} {since[0]}"


def test_an_unknown_key_renders_as_itself() -> None:
    assert render(Message("no.such.key")) == "no.such.key"


def test_a_message_survives_its_json() -> None:
    said = message(
        "headline",
        parts=[message("exam.pass_dated", exam="usmle_step1", exam_name="USMLE Step 1", dated="2027-01")],
    )
    data = said.as_json()
    assert data == {
        "key": "headline",
        "params": {
            "parts": [
                {
                    "key": "exam.pass_dated",
                    "params": {"exam": "usmle_step1", "exam_name": "USMLE Step 1", "dated": "2027-01"},
                }
            ]
        },
    }
    assert from_json(data) == said
    assert str(from_json(data)) == str(said)


def test_messages_are_values_and_sort_by_their_english() -> None:
    """Equal outcomes are shared by the engine, and deadlines sort beside plain strings."""
    first, second = message("route.all_hold"), message("route.all_hold")
    assert first == second
    assert hash(first) == hash(second)
    mixed: list[Any] = [message("ecfmg.held"), "Apply", message("work.not_said")]  # typing has no mixed order
    assert sorted(mixed) == [
        "Apply",
        message("work.not_said"),  # "You have not said ..."
        message("ecfmg.held"),  # "You hold ..."
    ]
    assert message("where.abroad", day=date(2026, 1, 2)).args["day"] == "2026-01-02"
