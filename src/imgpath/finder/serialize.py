"""The finder's JSON: each place in the results as ``imgpath find --format json`` prints it and the
API answers it. Keyed like the check JSON: every sentence as text, ``_key`` and ``_params``."""

from __future__ import annotations

from datetime import date
from typing import Any

from imgpath.engine import NOTICE, criteria_json, keyed, question_json
from imgpath.finder.fit import Fit
from imgpath.finder.search import Found, Results, known_cost_usd


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def fit_json(fit: Fit) -> dict[str, Any]:
    """A listing's fit: the verdict, its bounds and dates, the listing's own parts and its criteria."""
    requirements = fit.requirements
    listed = bool(fit.opportunity.requirements)
    return {
        "verdict": fit.verdict.value,
        "best_case": max(requirements.best_case, fit.verdict, key=lambda v: v.rank).value
        if listed
        else fit.verdict.value,
        "eligible_from": _day(fit.eligible_from),
        "window": None
        if fit.window is None
        else {"opens": _day(fit.window.opens), "closes": _day(fit.window.closes)},
        "freshness": fit.freshness,
        "listing": [{"verdict": p.verdict.value, **keyed("reason", p.reason)} for p in fit.parts],
        "requirements": {
            "verdict": requirements.verdict.value,
            **keyed("headline", requirements.headline if listed else None),
            "criteria": criteria_json(requirements.root) if listed else [],
            "open_questions": [question_json(q) for q in requirements.open_questions] if listed else [],
        },
    }


def found_json(found: Found) -> dict[str, Any]:
    opportunity = found.fit.opportunity
    return {
        "id": opportunity.id,
        "kind": opportunity.kind.value,
        "title": opportunity.title,
        "host": opportunity.host.name,
        "state": opportunity.place.state,
        "remote": opportunity.place.remote,
        "cost_usd": known_cost_usd(opportunity),
        "last_verified": opportunity.last_verified.isoformat(),
        "demo": opportunity.demo,
        "why": [keyed("reason", reason) for reason in found.why],
        "fit": fit_json(found.fit),
        "opportunity": opportunity.model_dump(mode="json", by_alias=True, exclude_none=True),
    }


def find_json(results: Results, as_of: date) -> dict[str, Any]:
    return {
        "as_of": as_of.isoformat(),
        "notice": NOTICE,
        "total": results.total,
        "left_out": {"unknown_cost": results.left_out_unknown_cost, "hidden": results.hidden},
        "results": [found_json(found) for found in results.found],
    }
