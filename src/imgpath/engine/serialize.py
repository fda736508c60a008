"""The public JSON shape of a check, shared by the CLI and the API.

Field names are a public interface: extend, never rename. Each text the engine explains itself with
(``reason``, ``headline``, ``question``, ``applies_reason``) is given in English and, beside it, as
data: ``<field>_key`` and ``<field>_params`` (see ``imgpath.messages``), for a reader that renders
it in another language.

``check_summary_json`` is the light form (the API's ``?fields=summary``): each route's verdict, the
criterion that decided it, its dates and its open questions, in English, without the criteria. It
is written from the check itself, never cut from the full answer.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from imgpath.engine.evaluate import CheckResult, OpenQuestion, RouteResult
from imgpath.engine.verdict import CriterionResult
from imgpath.messages import Message, params_json

NOTICE = (
    "Legal information, not legal advice: rules change and boards keep discretion. Confirm with "
    "the board before you act; every verdict names its sources and the day they were read."
)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def keyed(name: str, text: Message | None) -> dict[str, Any]:
    """A message as three fields: its English text under ``name``, then ``name_key``, ``name_params``."""
    if text is None:
        return {name: None, f"{name}_key": None, f"{name}_params": None}
    return {name: str(text), f"{name}_key": text.key, f"{name}_params": params_json(text)}


def criterion_json(result: CriterionResult, parent: str | None = None) -> dict[str, Any]:
    """One criterion's JSON. Results are shared between profiles and read-only, so each is written
    once per parent and then copied (a fresh top-level dict each time: a caller may add to it)."""
    said = result.said
    if said is not None and said[0] == parent:
        return dict(said[1])
    written = _criterion_json(result, parent)
    result.said = (parent, written)
    return dict(written)


def _criterion_json(result: CriterionResult, parent: str | None) -> dict[str, Any]:
    return {
        "id": result.id,
        "verdict": result.verdict.value,
        **keyed("reason", result.reason),
        "step": result.step,
        "sources": [source.json for source in result.sources],
        "summary": result.summary,
        "clause": result.clause,
        "eligible_from": _day(result.eligible_from),
        "eligible_until": _day(result.eligible_until),
        "missing": list(result.missing),
        "confidence": result.confidence,
        "group": result.combinator,
        "parent": parent,
        "best_case": result.best_case.value,
        "worst_case": result.worst_case.value,
    }


def criteria_json(root: CriterionResult) -> list[dict[str, Any]]:
    """Every part below ``root`` in reading order, each naming its group (None: the root's own)."""
    criteria = []
    for _, node in root.walk():
        for child in node.children:
            criteria.append(criterion_json(child, None if node is root else node.id))
    return criteria


def route_json(route: RouteResult) -> dict[str, Any]:
    criteria = criteria_json(route.root)
    return {
        "jurisdiction": route.jurisdiction,
        "pathway": route.pathway,
        "name": route.name,
        "kind": route.kind.value,
        "route_status": route.route_status,
        "verdict": route.verdict.value,
        "eligible_from": _day(route.eligible_from),
        "eligible_until": _day(route.eligible_until),
        "deciding": route.deciding.id if route.deciding else None,
        "confidence": route.confidence,
        "rules_as_of": _day(route.rules_as_of),
        "gaps": list(route.gaps),
        "criteria": criteria,
        "best_case": route.best_case.value if route.best_case else route.verdict.value,
        "worst_case": route.worst_case.value if route.worst_case else route.verdict.value,
        **keyed("headline", route.headline),
        "open_questions": [question_json(q) for q in route.open_questions],
        "applies": route.applies,
        **keyed("applies_reason", route.applies_reason),
    }


def question_json(question: OpenQuestion) -> dict[str, Any]:
    return {
        "criterion": question.criterion,
        "about": question.about,
        "field": question.field,
        **keyed("question", question.question),
        "requirement": question.requirement,
        "who": question.who,
        "best_case": question.best_case.value,
        "worst_case": question.worst_case.value,
    }


def check_json(result: CheckResult) -> dict[str, Any]:
    return {
        "as_of": result.as_of.isoformat(),
        "notice": NOTICE,
        "results": [route_json(route) for route in result.results],
    }


def question_summary_json(question: OpenQuestion) -> dict[str, Any]:
    """An open question in the summary: which criterion, which profile field, and the question."""
    return {"criterion": question.criterion, "field": question.field, "question": str(question.question)}


def route_summary_json(route: RouteResult) -> dict[str, Any]:
    deciding = route.deciding
    return {
        "jurisdiction": route.jurisdiction,
        "pathway": route.pathway,
        "kind": route.kind.value,
        "verdict": route.verdict.value,
        "deciding": deciding.id if deciding else None,
        "reason": str(deciding.reason) if deciding else None,
        "eligible_from": _day(route.eligible_from),
        "eligible_until": _day(route.eligible_until),
        "best_case": route.best_case.value if route.best_case else route.verdict.value,
        "worst_case": route.worst_case.value if route.worst_case else route.verdict.value,
        "open_questions": [question_summary_json(q) for q in route.open_questions],
    }


def check_summary_json(result: CheckResult) -> dict[str, Any]:
    """The light form of ``check_json``: the same routes in the same order, their fields a subset."""
    return {
        "as_of": result.as_of.isoformat(),
        "notice": NOTICE,
        "results": [route_summary_json(route) for route in result.results],
    }
