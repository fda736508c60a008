"""Opportunities and grants added to a plan: their application and session as dated, costed steps.

An addition comes from outside the rulebook (a listing of the finder, adapted by the web). The plan
gains an application step that ends on the last day to apply, a session step, their fees in its
total, the last day to apply among its deadlines, and, for funding, what part of the plan's known
cost it would cover. What cannot be placed (a deadline passed, every session started) becomes a risk,
never a silent step. The plan itself is left as it was: without additions it is the plan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from imgpath.dates import next_on_or_after
from imgpath.messages import Message, message
from imgpath.planner.model import (
    ZERO,
    Addition,
    FundingBound,
    FundingShare,
    Money,
    PlannedAddition,
    PlannedFee,
    PlannedStep,
    RoutePlan,
)

APPLY = "apply"
SESSION = "session"
"""The suffixes of an addition's step ids: ``<addition>.apply`` and ``<addition>.session``."""


def step_ids(addition_id: str) -> tuple[str, str]:
    """The ids an addition's steps get in a plan (the checklist keeps its progress by them)."""
    return f"{addition_id}.{APPLY}", f"{addition_id}.{SESSION}"


@dataclass
class _Placed:
    """What one addition brings to the plan."""

    steps: list[PlannedStep] = field(default_factory=list)
    deadlines: list[tuple[date, Message]] = field(default_factory=list)
    risks: list[Message] = field(default_factory=list)
    apply_by: date | None = None
    session: tuple[date, date] | None = None


def _named(addition: Addition) -> dict[str, str]:
    return {"addition": addition.id, "addition_name": addition.name}


def _apply_by(addition: Addition, start: date | None, as_of: date) -> tuple[date, Message] | None:
    """The last day to apply, and why: the listing's deadline, the lead time before the session, or
    the session's first day; the earliest of those that hold. None: rolling, apply any time."""
    named = _named(addition)
    found: list[tuple[date, Message]] = []
    if addition.deadline is not None:
        found.append((addition.deadline, message("plan.addition.deadline.listed", **named)))
    elif addition.yearly_deadline is not None:
        yearly = next_on_or_after(as_of, addition.yearly_deadline)
        found.append((yearly, message("plan.addition.deadline.listed", **named)))
    if start is not None:
        if addition.lead_time_days is not None:  # calendar days, weekends included: no source says more
            lead = message(
                "plan.addition.deadline.lead_time", **named, days=addition.lead_time_days, start=start
            )
            found.append((start - timedelta(days=addition.lead_time_days), lead))
        found.append((start, message("plan.addition.deadline.before_start", **named, start=start)))
    return min(found, key=lambda pair: pair[0]) if found else None


def _session(
    addition: Addition, as_of: date
) -> tuple[tuple[date, date | None], tuple[date, Message] | None] | Message | None:
    """The first listed session one can still apply for, with its last day to apply; a risk when
    every one has started or closed; None when no session is listed."""
    if not addition.sessions:
        return None
    problem: Message | None = None
    for start, end in sorted(addition.sessions, key=lambda s: s[0]):
        if start < as_of:
            problem = message("plan.addition.risk.session_started", **_named(addition), start=start)
            continue
        due = _apply_by(addition, start, as_of)
        if due is not None and due[0] < as_of:
            problem = message("plan.addition.risk.too_late", **_named(addition), start=start, apply_by=due[0])
            continue
        return (start, end), due
    assert problem is not None
    return problem


def _length(addition: Addition, start: date, end: date | None) -> tuple[date, date, date, bool]:
    """Typical, earliest and latest end of a session: its own end, else its length on offer (the
    shortest planned, the longest as the slow reading), else no time at all (and it says so)."""
    if end is not None:
        return end, end, end, True
    if addition.weeks is not None:
        shortest, longest = addition.weeks
        low = start + timedelta(weeks=shortest)
        return low, low, start + timedelta(weeks=longest), True
    return start, start, start, False


def _step(
    addition: Addition,
    suffix: str,
    start: date,
    ends: tuple[date, date, date, bool],
    fees: tuple[PlannedFee, ...],
    requires: list[str],
) -> PlannedStep:
    key = "plan.addition.step.apply" if suffix == APPLY else "plan.addition.step.session"
    label = message(key, **_named(addition))
    end, low, high, known = ends
    return PlannedStep(
        id=f"{addition.id}.{suffix}",
        step=addition.id,
        name=str(label),
        kind="application" if suffix == APPLY else addition.kind,
        start=start,
        end=end,
        end_low=low,
        end_high=high,
        requires=requires,
        duration_known=known,
        fees=list(fees),
        sources=list(addition.sources),
        label=label,
        addition=addition.id,
    )


def _place(addition: Addition, as_of: date) -> _Placed:
    placed = _Placed()
    if addition.demo:
        placed.risks.append(message("plan.addition.risk.demo", **_named(addition)))
    chosen = _session(addition, as_of)
    if isinstance(chosen, Message):
        placed.risks.append(chosen)
        return placed
    session, due = chosen if chosen is not None else (None, _apply_by(addition, None, as_of))
    if due is not None and due[0] < as_of:
        placed.risks.append(
            message("plan.addition.risk.deadline_passed", **_named(addition), deadline=due[0])
        )
        return placed
    apply_end = due[0] if due is not None else as_of  # rolling: apply now
    apply_start = min(max(as_of, addition.opens or as_of), apply_end)
    takes_part = addition.kind == "opportunity" or session is not None
    on_apply = addition.application_fees + (() if takes_part else addition.fees)
    apply = _step(addition, APPLY, apply_start, (apply_end, apply_end, apply_end, True), on_apply, [])
    placed.steps.append(apply)
    placed.apply_by = due[0] if due is not None else None
    if due is not None:
        placed.deadlines.append(due)
    if not takes_part:
        return placed
    if session is None:  # no dates listed: the earliest start after applying and the lead time
        start, end = apply_end + timedelta(days=addition.lead_time_days or 0), None
        placed.risks.append(message("plan.addition.risk.no_dates", **_named(addition)))
    else:
        start, end = session
    ends = _length(addition, start, end)
    if not ends[3]:
        placed.risks.append(message("plan.addition.risk.no_length", **_named(addition)))
    placed.steps.append(_step(addition, SESSION, start, ends, addition.fees, [apply.id]))
    placed.session = (start, ends[0])
    return placed


def _unknown(steps: Sequence[PlannedStep]) -> list[str]:
    return [f"{step.name}: {fee.label}" for step in steps for fee in step.fees if fee.amount is None]


def _cost(steps: Sequence[PlannedStep]) -> Money:
    total = ZERO
    for step in steps:
        total += step.cost
    return total


def funding_share(addition: Addition, cost: Money, unknown_fees: int) -> FundingShare:
    """What part of a plan's known ``cost`` a grant covers, said no surer than the facts allow: a plan
    with fees of unknown amount costs at least its total, so the share is at most what it shows; an
    amount per period is counted once, so the share is at least what it shows."""
    named = _named(addition)
    covers = addition.covers
    if covers is None:
        said = message("plan.addition.funding.amount_unknown", **named)
        return FundingShare(None, cost, unknown_fees, None, "unknown", said)
    if cost.typical <= 0:
        if unknown_fees:
            said = message("plan.addition.funding.no_known_cost", **named, unknown=unknown_fees)
        else:
            said = message("plan.addition.funding.no_cost", **named)
        return FundingShare(covers, cost, unknown_fees, None, "unknown", said)
    per = message(f"per.{addition.covers_per}") if addition.covers_per else None
    bound: FundingBound = "exact"
    if unknown_fees:
        bound = "unknown" if per is not None else "at_most"
    elif per is not None:
        bound = "at_least"
    share = min(1.0, covers.typical / cost.typical)
    return FundingShare(
        covers,
        cost,
        unknown_fees,
        share,
        bound,
        _share_message(named, covers, cost, unknown_fees, share, bound, per),
    )


def _share_message(
    named: dict[str, str],
    covers: Money,
    cost: Money,
    unknown: int,
    share: float,
    bound: FundingBound,
    per: Message | None,
) -> Message:
    """The sentence for a share: each template gets exactly the values it names."""
    amount, total = covers.typical, cost.typical
    if share >= 1 and unknown:
        return message(
            "plan.addition.funding.covers_known", **named, amount=amount, cost=total, unknown=unknown
        )
    if share >= 1:
        return message("plan.addition.funding.covers_all", **named, amount=amount, cost=total)
    if bound == "at_most":
        return message(
            "plan.addition.funding.share.at_most",
            **named,
            amount=amount,
            share=share,
            cost=total,
            unknown=unknown,
        )
    if bound == "at_least":
        return message(
            "plan.addition.funding.share.at_least", **named, amount=amount, per=per, share=share, cost=total
        )
    if bound == "unknown":
        return message(
            "plan.addition.funding.share.unknown",
            **named,
            amount=amount,
            per=per,
            unknown=unknown,
            cost=total,
        )
    return message("plan.addition.funding.share", **named, amount=amount, share=share, cost=total)


def with_additions(plan: RoutePlan, additions: Sequence[Addition], as_of: date) -> RoutePlan:
    """The plan with the additions placed on the calendar from ``as_of``, their costs in its total,
    their last days to apply among its deadlines, what could not be placed among its risks, and each
    grant's share of the cost. ``plan`` is not changed."""
    if not additions:
        return plan
    ids = [a.id for a in additions]
    if len(set(ids)) != len(ids):
        raise ValueError(f"an addition is given twice: {sorted(i for i in set(ids) if ids.count(i) > 1)}")
    result = replace(
        plan,
        steps=list(plan.steps),
        unknown_fees=list(plan.unknown_fees),
        deadline_messages=list(plan.deadline_messages),
        risks=list(plan.risks),
        additions=list(plan.additions),
    )
    placed: list[tuple[Addition, _Placed]] = []
    for addition in additions:
        one = _place(addition, as_of)
        result.steps += one.steps
        result.cost += _cost(one.steps)
        result.unknown_fees += _unknown(one.steps)
        result.deadline_messages += one.deadlines
        result.risks += one.risks
        placed.append((addition, one))
    for addition, one in placed:
        funding = (
            funding_share(addition, result.cost, len(result.unknown_fees))
            if addition.kind == "funding"
            else None
        )
        result.additions.append(
            PlannedAddition(
                addition=addition,
                steps=tuple(s.id for s in one.steps),
                apply_by=one.apply_by,
                session=one.session,
                cost=_cost(one.steps),
                unknown_fees=tuple(_unknown(one.steps)),
                funding=funding,
            )
        )
    return result
