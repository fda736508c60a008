"""Turn one route's verdict into a plan: the steps still to take, scheduled, costed, with lapses.

The engine says what is unmet and which step cures it; the steps catalogue says what each step needs
first, how long it takes, when in the year it can happen and what it costs. A step whose
``done_when`` criterion the profile already meets is left out, and so is everything only it needed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date

from imgpath.dates import next_on_or_after
from imgpath.engine.evaluate import RouteResult, evaluate_criterion
from imgpath.engine.facts import Facts
from imgpath.engine.profile import ImmigrationStatus
from imgpath.engine.verdict import CriterionResult, Source, Verdict
from imgpath.messages import Message, message
from imgpath.planner.model import (
    VARIANTS,
    ZERO,
    Lapse,
    MatchOdds,
    Money,
    PlannedFee,
    PlannedStep,
    RoutePlan,
)
from imgpath.planner.needs import Needs, relevant_leaves, route_needs
from imgpath.planner.schedule import Task, Times, schedule_all
from imgpath.rulebook.loader import Rulebook
from imgpath.rulebook.model import CompiledRoute
from imgpath.rulebook.schema import Conrad30Program, Fee, FeeRange, Kind, Pathway, Step, Window
from imgpath.rulebook.vocabulary import CriterionType

APPLICATION = "state_license_application"
PROVISIONAL = "provisional_license"
STAGE = "supervised_period"
CONVERSION = "full_license_conversion"
MATCH_DAY = "match_day"


def _money(amount: float | FeeRange | None) -> Money | None:
    if amount is None:
        return None
    if isinstance(amount, FeeRange):
        return Money(amount.low, amount.typical, amount.high)
    return Money(amount, amount, amount)


def _planned_fee(fee: Fee, amount: Money | None, on: date, fallback: list[Source]) -> PlannedFee:
    """The fee as charged on ``on`` (``amount``, its amount then), with the date that amount took effect."""
    charged_from = max((d for d in fee.values if d <= on), default=min(fee.values, default=None))
    sources = fee.sources or fallback
    return PlannedFee(
        id=fee.id,
        label=fee.label,
        amount=amount,
        charged_from=charged_from,
        sources=sources,
        confidence=fee.confidence.value if fee.confidence else None,
    )


IN_US = frozenset(ImmigrationStatus) - {ImmigrationStatus.abroad, ImmigrationStatus.other}
"""Statuses held in the United States: someone holding one lives, and tests, in the US (``other``
says nothing about where)."""


def charged(fee: Fee, facts: Facts) -> bool:
    """Whether the person pays the fee. The international test-delivery surcharge is charged to
    someone who tests outside the US and Canada: not to someone who lives in a US state or holds a
    status in the US; when neither is known it is kept (and its amount, if unknown, counted as such)."""
    if fee.charged_when != "testing_outside_us_canada":
        return True
    profile = facts.profile
    if profile.residence is not None:
        return False
    status = profile.immigration.status if profile.immigration is not None else None
    return status is None or status not in IN_US


@dataclass
class _Draft:
    """The tasks of one plan as they are being gathered, with what the plan must say about them."""

    rulebook: Rulebook
    facts: Facts
    state: str | None
    tasks: dict[str, Task] = field(default_factory=dict)
    steps: dict[str, Step] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    extra_fees: dict[str, list[Fee]] = field(default_factory=dict)
    done: set[str] = field(default_factory=set)
    risks: list[Message] = field(default_factory=list)
    gme_years: float | None = None
    visa_for: dict[str, str] = field(default_factory=dict)
    """Visa steps added because the person needs a visa, with the name of the step they come before."""
    used_state: bool = False
    """Whether any step added so far depended on the route's state (a job offer there, its Conrad 30
    program): a draft that did not can stand for the same steps in every state."""
    known: _Priced | None = None
    """Its first tasks already scheduled and costed, when it was forked from a remembered draft."""

    def fork(self, state: str | None) -> _Draft:
        """A copy to go on with for a route in ``state``, this one unchanged (tasks are never changed
        once placed, so they are shared)."""
        return replace(
            self,
            state=state,
            tasks=dict(self.tasks),
            steps=dict(self.steps),
            names=dict(self.names),
            extra_fees=dict(self.extra_fees),
            done=set(self.done),
            risks=list(self.risks),
            visa_for=dict(self.visa_for),
        )

    def is_done(self, step: Step) -> bool:
        if step.done_when is None:
            return False
        kind = step.done_when.type
        if kind is CriterionType.job_offer:
            self.used_state = True
        key = f"done:{step.id}:{self.state if kind is CriterionType.job_offer else ''}"
        done = self.facts.memo.get(key)
        if done is None:
            outcome = evaluate_criterion(kind, step.done_when.parsed, self.facts, state=self.state)
            done = self.facts.memo[key] = outcome.verdict is Verdict.eligible
        return bool(done)

    def add(self, step_id: str, after: list[str] | None = None) -> str | None:
        """Add a step and, first, whatever it requires; the id to wait for, or None when done."""
        if step_id in self.tasks:
            return step_id
        if step_id in self.done:
            return None
        step = self.rulebook.steps[step_id]
        if self.is_done(step):
            self.done.add(step_id)
            return None
        if step.per_year and self.facts.profile.us_gme_years:
            return self._add_years(step, [])  # already in a program: no new Match to plan
        requires = [r for r in (self.add(p) for p in step.requires) if r is not None]
        requires += [a for a in after or [] if a not in requires]
        visa = self.visa_before(step, requires)
        if visa is not None and visa not in requires:
            requires.append(visa)
        if step.per_year:
            return self._add_years(step, requires)
        self.put(step_id, step, step.name, Task(step.duration, self._window(step), requires))
        return step_id

    def visa_before(self, step: Step, after: list[str], instead: str | None = None) -> str | None:
        """The visa step to take, after ``after``, before ``step`` starts, for someone who needs a
        visa to train or work in the US (``Immigration.needs_visa``); ``instead``, a step of the
        route's own that already gives work authorisation, stands for it. None when no visa is needed
        or the step is done (the person holds the status)."""
        immigration = self.facts.profile.immigration
        if step.visa_step is None or immigration is None or not immigration.needs_visa:
            return None
        if instead is not None:
            return instead
        visa = self.add(step.visa_step, after=after)
        if visa is not None and visa not in self.visa_for:
            self.visa_for[visa] = step.name
        return visa

    def _window(self, step: Step) -> Window | None:
        """The step's window: the job offer's state's program's where the step takes it from one
        (Conrad 30) and the rulebook has it, with that program's fees; else the catalogue's."""
        if step.state_program != "conrad30":
            return step.window
        self.used_state = True
        offer = self.facts.profile.job_offer
        program = self.rulebook.conrad30(offer.state if offer is not None and offer.state else self.state)
        if program is None:
            return step.window
        self.extra_fees[step.id] = list(program.fees)
        return program_window(program, self.facts.as_of) or step.window

    def put(self, task_id: str, step: Step, name: str, task: Task) -> None:
        """Place a task, with the catalogue step it comes from and the name the plan shows."""
        self.tasks[task_id] = task
        self.steps[task_id] = step
        self.names[task_id] = name

    def _add_years(self, step: Step, requires: list[str]) -> str | None:
        required = self.gme_years
        if required is None:
            required = 1
            self.risks.append(message("plan.risk.years_unknown", step=step.id, step_name=step.name))
        count = max(0, math.ceil(required - (self.facts.profile.us_gme_years or 0)))
        last: str | None = None
        for number in range(1, count + 1):
            task_id = f"{step.id}_{number}"
            task = Task(step.duration, step.window, [last] if last else requires)
            self.put(task_id, step, f"{step.name} {number} of {count}", task)
            last = task_id
        return last


def _gives_work(step: Step) -> bool:
    """A step whose being done means the person may work in the US (its ``done_when`` says so)."""
    return step.done_when is not None and step.done_when.type is CriterionType.work_authorization


def _gme_years(route: CompiledRoute, needs: Needs, day: date) -> float | None:
    result = needs.criteria_by_step.get("us_gme")
    node = route.criterion(result.id) if result is not None else None
    params = node.params_on(day)[0] if node is not None else None
    for name in ("min_years", "years"):
        value = getattr(params, name, None)
        if value is not None:
            return float(value)
    return None


def program_window(program: Conrad30Program, day: date) -> Window | None:
    """A state program's application window in force on ``day`` as a step's yearly window, with the
    program's sources; None when the rulebook does not know it."""
    found, since = program.window.on(day)
    if found is None or since is None:
        return None
    label = f"{found.label}: " if found.label else ""
    until = f" to {found.closes}" if found.closes else ", until the places are filled"
    note = f"{program.office.title}: {label}applications from {found.opens}{until}"
    note += f" (MM-DD; in force from {since})."
    if program.window.note:
        note += " " + program.window.note
    fact = program.window
    return Window(
        opens=found.opens,
        closes=found.closes,
        note=note,
        reference=fact.reference or program.reference,
        as_of=fact.as_of or program.as_of,
        confidence=fact.confidence or program.confidence,
    )


def plan_route(
    route: RouteResult,
    pathway: Pathway,
    rulebook: Rulebook,
    facts: Facts,
    odds: MatchOdds | None,
    *,
    steps: bool = True,
    drafts: Drafts | None = None,
) -> RoutePlan:
    """One route's plan; a route no step can open gets no steps, only the engine's reason.

    ``steps=False`` plans what ranks and dates the route (its licenses' dates and what they rest on,
    its cost and unknown fees, its lapses) without the steps, deadlines and risks themselves: the
    light answer (``?fields=summary``) shows only those, in about three fifths of the time. ``drafts``,
    shared by the routes of one plan for the same ``facts``, remembers the steps that cure their
    unmet criteria: some fifty states' residency routes need the same exams and Match."""
    plan = RoutePlan(
        jurisdiction=route.jurisdiction,
        pathway=route.pathway,
        name=route.name,
        kind=route.kind.value,
        verdict=route.verdict.value,
        route_status=route.route_status,
        confidence=route.confidence,
        feasible=route.verdict is not Verdict.not_eligible,
        reason=route.deciding.reason if route.deciding else message("route.all_hold"),
        deciding=route.deciding.id if route.deciding else None,
        open_questions=list(route.open_questions),
    )
    if not plan.feasible:
        return plan
    compiled = rulebook.route(pathway.id)
    needs = route_needs(route, compiled)
    state = route.jurisdiction.removeprefix("US-") if route.jurisdiction != "US" else None
    draft, cured = _cure(rulebook, facts, state, compiled, needs, pathway, drafts)
    application = draft.add(APPLICATION, after=cured)
    assert application is not None  # the application has no done_when: every route applies
    if draft.known is not None and application in draft.known.rests:
        draft.known = None  # a cured step needed the application: it now waits for the route to open
    draft.tasks[application] = replace(draft.tasks[application], not_before=needs.opens_on)
    draft.extra_fees[application] = list(pathway.fees)
    first = full = application
    if pathway.kind is not Kind.traditional:
        first = draft.add(PROVISIONAL) or application
        previous = first
        # supervised practice is a job: a visa first (after the license it needs), unless the route's
        # own criteria already plan a work-authorisation step
        own = next((t for t, s in draft.steps.items() if _gives_work(s)), None)
        visa = draft.visa_before(rulebook.steps[STAGE], [first], instead=own) if pathway.stages else None
        for number, stage in enumerate(pathway.stages, start=1):
            task_id = f"{STAGE}_{number}"  # the route's own stage length, not the catalogue's
            waits = [previous, visa] if number == 1 and visa is not None and visa != own else [previous]
            draft.put(
                task_id, rulebook.steps[STAGE], stage.name, Task(None, None, waits, months=stage.months)
            )
            if stage.months is None:
                draft.risks.append(message("plan.risk.stage_length_unknown", stage_name=stage.name))
            previous = task_id
        if pathway.conversion is not None:
            conversion = rulebook.steps[CONVERSION]  # after the last stage, not the catalogue's one
            draft.put(CONVERSION, conversion, conversion.name, Task(conversion.duration, None, [previous]))
            full = CONVERSION
        else:
            full = ""
            draft.risks.append(message("plan.risk.no_conversion"))
    times = _place(plan, draft, first, full, steps)
    _lapses(plan, draft, route, times, application, compiled)
    if not steps:
        return plan
    _risks(plan, route, needs, draft)
    if MATCH_DAY in draft.tasks:
        plan.odds = odds
        plan.contingencies = [s.name for s in rulebook.catalogue.steps if s.contingency]
    return plan


Drafts = dict[tuple[object, ...], tuple[_Draft, list[str]]]
"""Drafts of the steps that cure a route's unmet criteria, by what they were drafted from."""


def _cure(
    rulebook: Rulebook,
    facts: Facts,
    state: str | None,
    compiled: CompiledRoute,
    needs: Needs,
    pathway: Pathway,
    drafts: Drafts | None,
) -> tuple[_Draft, list[str]]:
    """A draft holding the steps that cure the route's unmet criteria and its own steps before the
    application, and the ids the application waits for. Taken from ``drafts`` when a route with the
    same needs drafted them and no step depended on its state."""
    gme_years = _gme_years(compiled, needs, facts.as_of)
    own = [s for s in pathway.application_steps if s != APPLICATION]
    key = (tuple(needs.steps), tuple(own), gme_years)
    found = drafts.get(key) if drafts is not None else None
    if found is not None and (not found[0].used_state or found[0].state == state):
        return found[0].fork(state), list(found[1])
    draft = _Draft(rulebook, facts, state, gme_years=gme_years)
    cured = [t for t in (draft.add(s) for s in needs.steps) if t is not None]
    cured += [t for t in (draft.add(s) for s in own) if t]
    if drafts is not None:
        draft.known = _priced(draft)
        drafts[key] = (draft.fork(state), list(cured))
    return draft, cured


@dataclass
class _Priced:
    """A draft's tasks scheduled and costed: what a plan's dates, "at least" and total come from."""

    times: dict[str, Times]
    """Start and end of every task, by variant."""
    rests: dict[str, list[str]]
    """What each task's end waits for that has no sourced duration (``rests_on``)."""
    charges: dict[str, tuple[list[Fee], list[Money | None]]]
    """The fees each task charges this person, and their amounts on the day it starts."""
    cost: Money = ZERO
    unknown_fees: list[str] = field(default_factory=list)


def _priced(draft: _Draft, known: _Priced | None = None) -> _Priced:
    """Schedule and cost the draft's tasks; those ``known`` holds (a shared first part of the same
    draft, drafted from the same tasks) are taken from it, not done again."""
    times = schedule_all(draft.tasks, draft.facts.as_of, VARIANTS, known.times if known else None)
    result = _Priced(
        times,
        rests_on(draft, known.rests if known else None),
        dict(known.charges) if known else {},
        known.cost if known else ZERO,
        list(known.unknown_fees) if known else [],
    )
    for task_id, (start, _end) in times["typical"].items():
        if task_id in result.charges:
            continue
        step = draft.steps[task_id]
        charges = [f for f in (*step.fees, *draft.extra_fees.get(task_id, ())) if charged(f, draft.facts)]
        amounts = [_money(f.amount_on(start)) for f in charges]
        result.charges[task_id] = (charges, amounts)
        for fee, amount in zip(charges, amounts, strict=True):
            if amount is not None:
                result.cost += amount
            else:
                result.unknown_fees.append(f"{draft.names[task_id]}: {fee.label}")
        if step.id == APPLICATION and not charges:
            result.unknown_fees.append(f"{draft.names[task_id]}: the board's fee is not in the rulebook")
    return result


def _place(plan: RoutePlan, draft: _Draft, first: str, full: str, steps: bool = True) -> dict[str, Times]:
    """Schedule and cost the draft, then date the plan's licenses and (with ``steps``) list its steps."""
    priced = _priced(draft, draft.known)
    times, rests = priced.times, priced.rests
    plan.cost, plan.unknown_fees = priced.cost, priced.unknown_fees
    for task_id, (start, end) in times["typical"].items() if steps else ():
        step, task = draft.steps[task_id], draft.tasks[task_id]
        charges, amounts = priced.charges[task_id]
        fees = [
            _planned_fee(f, amount, start, step.sources) for f, amount in zip(charges, amounts, strict=True)
        ]
        window = task.window.note if task.window is not None else None
        plan.steps.append(
            PlannedStep(
                id=task_id,
                step=step.id,
                name=draft.names[task_id],
                kind=step.kind.value,
                start=start,
                end=end,
                end_low=times["low"][task_id][1],
                end_high=times["high"][task_id][1],
                requires=list(task.requires),
                duration_known=_known(task),
                fees=fees,
                window=window,
                sources=step.sources
                if task.window is None or task.window is step.window
                else [*step.sources, *task.window.sources],
                milestone="full_license"
                if task_id == full
                else "first_license"
                if task_id == first
                else None,
                rests_on=rests[task_id],
            )
        )
        if task.window is not None and task.window.closes:
            plan.deadline_messages.append(
                (
                    next_on_or_after(start, task.window.closes),
                    message("plan.deadline.window_closes", step=step.id, step_name=step.name),
                )
            )
    if first:
        plan.first_license = tuple(times[v][first][1] for v in VARIANTS)  # type: ignore[assignment]
        plan.first_license_rests_on = rests[first]
    if full:
        plan.full_license_rests_on = rests[full]
        ends = tuple(times[v][full][1] for v in VARIANTS)
        gap_unknown = first and full != first and any(s not in rests[first] for s in rests[full])
        if gap_unknown and plan.first_license is not None and ends[1] <= plan.first_license[1]:
            # every step between the two licenses has no sourced length: the full license would show
            # on the first's own day, which no law allows; the plan says it follows, with no date
            plan.full_license_undated = True
        else:
            plan.full_license = ends  # type: ignore[assignment]
    return times


def _known(task: Task) -> bool:
    """A task's length is known from its duration, the route's stage months, or a window that ends it
    on a fixed day (the rank order list ends on the deadline)."""
    ends_on = task.window is not None and task.window.ends_on is not None
    return task.months is not None or task.duration is not None or ends_on


def rests_on(draft: _Draft, known: dict[str, list[str]] | None = None) -> dict[str, list[str]]:
    """For each task, the tasks without a sourced duration that its end waits for (itself included),
    in plan order. Such a task is scheduled as taking no time, so every date after it is only a lower
    bound: the plan must say "at least" and cannot give a latest date. ``known``: those of a first
    part of the same tasks."""
    rests: dict[str, list[str]] = dict(known) if known else {}
    for task_id, task in draft.tasks.items():  # prerequisites come first
        if task_id in rests:
            continue
        found: dict[str, None] = {}
        for required in task.requires:
            if rests[required]:
                found.update(dict.fromkeys(rests[required]))
        if not _known(task):
            found[task_id] = None
        rests[task_id] = list(found)
    return rests


def _lapses(
    plan: RoutePlan,
    draft: _Draft,
    route: RouteResult,
    times: dict[str, dict[str, tuple[date, date]]],
    application: str,
    compiled: CompiledRoute,
) -> None:
    """Check every date on which eligibility closes against the plan.

    A criterion that holds now but stops holding (a recency window, a law's sunset) must still hold
    when the person applies; one that a step will cure (exams within a time limit) must be cured by
    its date. Missing either is a lapse, with the last day to start if every step goes fast.
    """
    as_of = draft.facts.as_of
    for leaf in relevant_leaves(route.root):
        closes = leaf.eligible_until
        if closes is None:
            continue
        exams = _exams_still_to_pass(compiled, leaf, times["typical"])
        if leaf.verdict is Verdict.eligible and exams:
            # a time limit on exams holds for good once the rest are passed: the last exam must be in time
            task = max(exams, key=lambda e: times["typical"][e][1])
            reached, fastest = times["typical"][task][1], times["low"][task][1]
            what = message(
                "plan.deadline.exam_time_limit", step=draft.steps[task].id, step_name=draft.names[task]
            )
            _judge(plan, leaf, closes, reached, fastest, what, as_of)
            continue
        if leaf.verdict is Verdict.needs_steps and leaf.step in times["typical"]:
            task, end = leaf.step, 1
            what = message("plan.deadline.step_due", step=draft.steps[task].id, step_name=draft.names[task])
        elif leaf.verdict in (Verdict.eligible, Verdict.not_yet):
            task, end = application, 0
            what = message("plan.deadline.apply_by", route=route.pathway, route_name=route.name)
        else:
            continue
        _judge(plan, leaf, closes, times["typical"][task][end], times["low"][task][end], what, as_of)
    plan.lapses.sort(key=lambda lapse: lapse.closes_on)


def _judge(
    plan: RoutePlan,
    leaf: CriterionResult,
    closes: date,
    reached: date,
    fastest: date,
    what: Message,
    as_of: date,
) -> None:
    """In time: a deadline for the calendar. Too late: a lapse, with the last day to start if the
    fastest reading of every step would still make it."""
    if reached <= closes:
        if (closes, what) not in plan.deadline_messages:
            plan.deadline_messages.append((closes, what))
        return
    act_by = as_of + (closes - fastest) if fastest <= closes else None
    plan.lapses.append(Lapse(closes_on=closes, reason=leaf.reason, reached_on=reached, act_by=act_by))


def _exams_still_to_pass(
    route: CompiledRoute, leaf: CriterionResult, planned: dict[str, tuple[date, date]]
) -> list[str]:
    node = route.criterion(leaf.id)
    if node is None or node.type is not CriterionType.exams_within_years:
        return []
    params = node.params_on(leaf.eligible_until or date.min)[0]
    return [exam for exam in getattr(params, "exams", None) or [] if exam in planned]


def _risks(plan: RoutePlan, route: RouteResult, needs: Needs, draft: _Draft) -> None:
    for result in needs.unknown:
        plan.risks.append(
            message(
                "plan.risk.not_known", criterion=result.id, requirement=result.summary, reason=result.reason
            )
        )
    for step_id in needs.assumed:
        if any(s.step == step_id for s in plan.steps):
            name = draft.rulebook.step_name(step_id)
            plan.risks.append(message("plan.risk.assumed", step=step_id, step_name=name))
    for step_id, before in draft.visa_for.items():
        if step_id in draft.tasks:
            name = draft.names[step_id]
            plan.risks.append(
                message("plan.risk.visa_needed", step=step_id, step_name=name, before_name=before)
            )
    if route.confidence != "primary":
        plan.risks.append(message("plan.risk.confidence", confidence=route.confidence))
    unknown = [s for s in plan.steps if not s.duration_known]
    if unknown:
        plan.risks.append(
            message(
                "plan.risk.no_duration",
                steps=[s.step for s in unknown],
                steps_names=[s.name for s in unknown],
            )
        )
    plan.risks.extend(draft.risks)
