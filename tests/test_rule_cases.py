"""Every rule case under tests/cases holds: the engine gives the verdict, dates and deciding criterion
that a person worked out by hand from the law."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from imgpath.engine.evaluate import evaluate_pathway, facts_for
from imgpath.engine.profile import Profile
from imgpath.rulebook.loader import default_rulebook
from imgpath.rulebook.schema import Criterion, Group, Kind, Node, Pathway, RouteStatus
from rule_cases import RuleCase, case_profile, load_cases

CASES = load_cases()


@pytest.mark.parametrize(("case_id", "case"), CASES, ids=[c[0] for c in CASES])
def test_rule_case(case_id: str, case: RuleCase) -> None:
    rulebook = default_rulebook()
    profile = Profile.model_validate(case_profile(case))
    facts = facts_for(profile, rulebook, case.as_of)
    for pathway_id, expected in case.expect.items():
        jurisdiction, pathway = rulebook.pathway(pathway_id)
        result = evaluate_pathway(jurisdiction, pathway, facts)
        explained = "\n".join(f"  {c.id}: {c.verdict} - {c.reason}" for c in result.criteria)
        context = f"{case.name}\n{pathway_id} on {case.as_of}:\n{explained}"
        assert result.verdict == expected.verdict, context
        if "status" in expected.fields_given:
            status = expected.status.value if expected.status else None
            assert result.route_status == status, f"{context}\nstatus"
        if "deciding" in expected.fields_given:
            assert (result.deciding.id if result.deciding else None) == expected.deciding, context
        if "eligible_from" in expected.fields_given:
            assert result.eligible_from == expected.eligible_from, context
        if "eligible_until" in expected.fields_given:
            assert result.eligible_until == expected.eligible_until, context
        if expected.best_case is not None:
            assert result.best_case == expected.best_case, f"{context}\nbest case"
        if expected.worst_case is not None:
            assert result.worst_case == expected.worst_case, f"{context}\nworst case"
        if expected.applies is not None:
            assert result.applies == expected.applies, f"{context}\napplies ({result.applies_reason})"
        if expected.open_questions is not None:
            asked = [f"{q.about}:{q.field or q.criterion}" for q in result.open_questions]
            assert asked == expected.open_questions, f"{context}\nopen questions"
        by_id = {c.id: c for c in result.criteria}
        for criterion_id, verdict in expected.criteria.items():
            assert criterion_id in by_id, f"{context}\nno criterion '{criterion_id}' was evaluated"
            assert by_id[criterion_id].verdict == verdict, f"{context}\ncriterion {criterion_id}"


MINIMUM_PENDING = 2
MINIMUM_CASES = {
    Kind.alternative: 4,
    Kind.assistant_physician: 2,
    Kind.limited: 2,
    Kind.traditional: 1,
    Kind.visa: 2,
    Kind.certification: 4,
    Kind.state_program: 4,
}


def test_every_route_has_its_cases() -> None:
    """A route without cases is a rule nobody checked by hand."""
    counted = Counter(pathway_id for _, case in CASES for pathway_id in case.expect)

    def wanted(pathway: Pathway) -> int:
        # a bill that is not law decides nothing yet: its cases check the status, before and after
        pending = all(event.status is RouteStatus.pending for event in pathway.status)
        return min(MINIMUM_PENDING, MINIMUM_CASES[pathway.kind]) if pending else MINIMUM_CASES[pathway.kind]

    short = [
        f"{pathway.id}: {counted[pathway.id]} of {wanted(pathway)}"
        for _, pathway in default_rulebook().pathways
        if counted[pathway.id] < wanted(pathway)
    ]
    assert not short, "routes with too few rule cases:\n" + "\n".join(short)


def test_cases_name_real_pathways_and_criteria() -> None:
    rulebook = default_rulebook()
    known = {pathway.id for _, pathway in rulebook.pathways}
    unknown = sorted({pid for _, case in CASES for pid in case.expect if pid not in known})
    assert not unknown, f"cases name pathways the rulebook lacks: {unknown}"


SINCE = date(2010, 1, 1)
"""Status changes from this day on must have their cases; older history is context, not advice."""
ONE_DAY = timedelta(days=1)


def dated_status_changes() -> list[tuple[str, date]]:
    """Every (route, day) on which the rulebook dates a status event (enacted, effective, accepting
    applications, repealed, a bill filed): its exact ``date``, or the bounds of an event whose day is
    not known: ``no_later_than`` (from then it has happened) and ``not_before`` (before it, it cannot
    have). Events on the same day are one change. ``first_seen`` is not a change but the horizon of
    what was read: the days before it are not judged."""
    changes = {
        (pathway.id, day)
        for _, pathway in default_rulebook().pathways
        for event in pathway.status
        for day in (event.date, event.no_later_than, event.not_before)
        if day is not None and day >= SINCE
    }
    return sorted(changes)


def test_every_dated_status_change_has_a_case_before_on_and_after_it() -> None:
    """The day an event is dated belongs to the new status (engine/status.py): a curator who dates a
    change adds the day before (still the old status), the day itself and the day after, each
    asserting ``status``, so that the boundary is a claim someone worked out, not an accident."""
    asserted = {
        (pathway_id, case.as_of)
        for _, case in CASES
        for pathway_id, expected in case.expect.items()
        if "status" in expected.fields_given
    }
    changes = dated_status_changes()
    # the enumeration itself must see them: Tennessee's graduate physician law took effect 2025-01-01
    assert ("us-tn.graduate_physician", date(2025, 1, 1)) in changes
    missing = [
        f"{pathway_id} {day}: no case on {', '.join(str(d) for d in absent)}"
        for pathway_id, day in changes
        if (absent := [d for d in (day - ONE_DAY, day, day + ONE_DAY) if (pathway_id, d) not in asserted])
    ]
    assert not missing, "dated status changes without their three cases:\n" + "\n".join(missing)


def _criteria(nodes: list[Node]) -> list[Criterion]:
    found: list[Criterion] = []
    for node in nodes:
        found.extend(_criteria(node.children) if isinstance(node, Group) else [node])
    return found


def dated_value_changes() -> dict[tuple[str, date], set[str]]:
    """Every (route, day) since SINCE on which a criterion's parameters change (a dated value after an
    earlier one, a null included), with the criteria that change. A first value starts a rule whose
    start the status cases cover."""
    changes: dict[tuple[str, date], set[str]] = {}
    for _, pathway in default_rulebook().pathways:
        for criterion in _criteria(pathway.criteria):
            for day in sorted(criterion.values or {})[1:]:
                if day >= SINCE:
                    changes.setdefault((pathway.id, day), set()).add(criterion.id)
    return changes


def test_every_dated_value_change_has_a_case_before_on_and_after_it() -> None:
    """A new number in the law (an attempt limit, a length of practice) is checked on the day before
    (the old number), the day it holds from and the day after, by cases asserting a criterion that
    changed (in ``criteria`` or as ``deciding``)."""
    asserted: dict[tuple[str, date], set[str]] = {}
    for _, case in CASES:
        for pathway_id, expected in case.expect.items():
            named = set(expected.criteria) | ({expected.deciding} if expected.deciding else set())
            asserted.setdefault((pathway_id, case.as_of), set()).update(named)
    changes = dated_value_changes()
    assert ("us-mi.traditional", date(2023, 3, 22)) in changes  # Michigan's 3 -> 4 attempts
    missing = [
        f"{pathway_id} {day} ({', '.join(sorted(changed))}): no case on {', '.join(str(d) for d in absent)}"
        for (pathway_id, day), changed in sorted(changes.items())
        if (
            absent := [
                d
                for d in (day - ONE_DAY, day, day + ONE_DAY)
                if not asserted.get((pathway_id, d), set()) & changed
            ]
        )
    ]
    assert not missing, "dated value changes without their three cases:\n" + "\n".join(missing)


def test_dated_values_are_written_in_date_order() -> None:
    """The engine sorts a criterion's values, a reader does not: a timeline written out of order once
    hid a lost attempt limit (ECFMG's six attempts, 2021-01-26 to 2021-06-30, behind a stray key)."""
    disordered = [
        f"{pathway.id}: {criterion.id}: {', '.join(str(d) for d in criterion.values)}"
        for _, pathway in default_rulebook().pathways
        for criterion in _criteria(pathway.criteria)
        if criterion.values and list(criterion.values) != sorted(criterion.values)
    ]
    assert not disordered, "values not in date order:\n" + "\n".join(disordered)
