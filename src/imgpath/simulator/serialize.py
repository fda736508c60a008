"""The simulator's answers as JSON: every one says "hypothetical", and "synthetic" for generated profiles.

Reasons are keyed as the engine's are (``reason``, ``reason_key``, ``reason_params``), so that an
interface can say them in the reader's language.
"""

from __future__ import annotations

from typing import Any

from imgpath.engine import NOTICE, Verdict, keyed
from imgpath.simulator.routes import Hypothetical
from imgpath.simulator.run import CriterionChange, ProfileChange, Simulation, Sweep


def _counts(counts: dict[Verdict, int]) -> dict[str, int]:
    return {verdict.value: number for verdict, number in counts.items()}


def route_json(hypothetical: Hypothetical) -> dict[str, Any]:
    return {
        "id": hypothetical.id,
        "name": hypothetical.route.pathway.name,
        "hypothetical": True,
        "jurisdiction": hypothetical.route.jurisdiction,
        "derived_from": hypothetical.derived_from,
        "changes": {path: value for path, value in hypothetical.changes},
        "source": hypothetical.source,
    }


def _criterion(change: CriterionChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "before": change.before.value if change.before else None,
        "after": change.after.value if change.after else None,
        **keyed("before_reason", change.before_reason),
        **keyed("after_reason", change.after_reason),
    }


def _change(change: ProfileChange) -> dict[str, Any]:
    return {
        "profile": change.label,
        "change": change.change,
        "before": change.before.value,
        "before_route": change.before_route,
        "after": change.after.value,
        "criteria": [_criterion(c) for c in change.criteria],
    }


def simulation_json(result: Simulation) -> dict[str, Any]:
    """The whole answer: the route, the counts before and after, and every profile that changes."""
    return {
        "hypothetical": True,
        "synthetic": result.synthetic,
        "notice": NOTICE,
        "as_of": result.as_of.isoformat(),
        "route": route_json(result.hypothetical),
        "compared_with": list(result.compared_with),
        "profiles": len(result.after),
        "counts_before": _counts(result.counts_before),
        "counts_after": _counts(result.counts_after),
        "newly_qualifying": len(result.newly_qualifying),
        "no_longer_qualifying": len(result.no_longer_qualifying),
        "changes": [_change(c) for c in result.changes],
    }


def sweep_json(result: Sweep) -> dict[str, Any]:
    return {
        "hypothetical": True,
        "synthetic": result.synthetic,
        "notice": NOTICE,
        "as_of": result.as_of.isoformat(),
        "route": result.pathway_id,
        "parameter": result.parameter,
        "in_force": _counts(result.in_force),
        "values": [
            {"value": value, "route": route.id, "counts": _counts(counts)}
            for value, route, counts in zip(result.values, result.routes, result.counts, strict=True)
        ],
    }
