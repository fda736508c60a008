"""What a plan is: dated steps, what they cost, what can close before they finish, and the odds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from imgpath.engine.evaluate import OpenQuestion
from imgpath.engine.verdict import Source
from imgpath.messages import Message

VARIANTS = ("low", "typical", "high")
"""Every duration and fee has three readings: the fastest or cheapest, the usual, the slowest or dearest."""


@dataclass(frozen=True)
class Money:
    low: float
    typical: float
    high: float

    def __add__(self, other: Money) -> Money:
        return Money(self.low + other.low, self.typical + other.typical, self.high + other.high)


ZERO = Money(0, 0, 0)


@dataclass(frozen=True)
class PlannedFee:
    id: str
    label: str
    amount: Money | None
    """None when no source gives the amount: the plan's total says how many are missing."""
    charged_from: date | None
    """The date from which this amount is charged (the fee schedule's own date)."""
    sources: list[Source]
    confidence: str | None


@dataclass
class PlannedStep:
    """One step placed on the calendar. ``start``/``end`` follow typical durations; the range follows
    the fastest and slowest."""

    id: str
    """Unique in the plan: the catalogue id, or ``gme_year_2`` for a repeated step."""
    step: str
    """The catalogue step it comes from."""
    name: str
    kind: str
    start: date
    end: date
    end_low: date
    end_high: date
    requires: list[str]
    duration_known: bool
    fees: list[PlannedFee] = field(default_factory=list)
    window: str | None = None
    """Why the step waits for a date (ERAS opens in June, GME starts on 1 July)."""
    sources: list[Source] = field(default_factory=list)
    milestone: str | None = None
    """``first_license`` or ``full_license`` when finishing this step grants one."""
    label: Message | None = None
    """The name as a keyed message, for a step the rulebook does not name (an addition's); ``name``
    is its English."""
    addition: str | None = None
    """The id of the addition (a listing added to the plan) this step comes from; None: the rulebook's."""
    rests_on: list[str] = field(default_factory=list)
    """Ids of the steps without a sourced duration that this step's end waits for (itself included):
    when any, ``end`` and ``end_low`` are lower bounds ("at least") and ``end_high`` is not known."""

    @property
    def at_least(self) -> bool:
        """True when the step's end rests on a duration no source gives: its dates are lower bounds."""
        return bool(self.rests_on)

    @property
    def cost(self) -> Money:
        total = ZERO
        for fee in self.fees:
            if fee.amount is not None:
                total += fee.amount
        return total


@dataclass(frozen=True)
class Lapse:
    """Eligibility that closes (a recency window, a law's sunset) and what that means for the plan."""

    closes_on: date
    reason: Message
    reached_on: date | None
    """When the plan would get there (the application, or the end of the step that must come first),
    later than ``closes_on``."""
    act_by: date | None
    """The last day to start the remaining steps and still apply in time; None when even the fastest
    reading of every step is too slow."""


@dataclass(frozen=True)
class MatchOdds:
    """An estimate of matching into US residency, with what it rests on and how unsure it is."""

    group: str
    estimate: float | None
    low: float | None
    high: float | None
    years: list[int]
    inputs: list[Message]
    caveats: list[Message]
    sources: list[Source]
    message: Message


AdditionKind = Literal["opportunity", "funding"]
"""An opportunity is taken part in (it has sessions and costs); funding pays toward the plan's cost."""


@dataclass(frozen=True)
class Addition:
    """Something added to a plan from outside the rulebook (a listing of the finder): what the planner
    needs to place it on the calendar and count its cost. The web adapts a listing into one; the
    planner never reads listings itself."""

    id: str
    name: str
    kind: AdditionKind
    sources: tuple[Source, ...] = ()
    deadline: date | None = None
    """The last day to apply (inclusive), as the source dates it."""
    yearly_deadline: str | None = None
    """``MM-DD``: the last day to apply, every year (used when no dated ``deadline`` is given)."""
    opens: date | None = None
    """The first day applications are taken."""
    lead_time_days: int | None = None
    """Apply at least this many days before a session starts (calendar days: no source says more)."""
    sessions: tuple[tuple[date, date | None], ...] = ()
    """Each listed session's start and end (None: the source gives no end)."""
    weeks: tuple[float, float] | None = None
    """Shortest and longest length on offer, in weeks, for a session with no end date."""
    application_fees: tuple[PlannedFee, ...] = ()
    """Charged when applying."""
    fees: tuple[PlannedFee, ...] = ()
    """Charged for taking part (tuition, weeks); a grant's fees go with its application."""
    covers: Money | None = None
    """For funding: what it gives; None when the source does not say (never counted as 0)."""
    covers_per: str | None = None
    """When the amount is given per period (``year``, ``month``): it is counted once, as a floor."""
    demo: bool = False


FundingBound = Literal["exact", "at_most", "at_least", "unknown"]
"""How far a funding share can be trusted: ``at_most`` when the plan has fees of unknown amount (the
plan costs at least its known total), ``at_least`` when the grant's amount is per period and counted
once, ``unknown`` when both hold or the grant's amount is not known."""


@dataclass(frozen=True)
class FundingShare:
    """What part of the plan's known cost a grant would cover."""

    covers: Money | None
    cost: Money
    """The plan's known cost, additions included, that the grant is set against."""
    unknown_fees: int
    share: float | None
    """Typical amount over typical cost, at most 1; None when it cannot be said."""
    bound: FundingBound
    message: Message


@dataclass(frozen=True)
class PlannedAddition:
    """An addition as the plan placed it: its steps, its last day to apply, its session and cost."""

    addition: Addition
    steps: tuple[str, ...]
    """Ids of its steps in the plan; empty when it could not be placed (the risks say why)."""
    apply_by: date | None
    session: tuple[date, date] | None
    cost: Money
    unknown_fees: tuple[str, ...]
    funding: FundingShare | None = None


@dataclass
class RoutePlan:
    jurisdiction: str
    pathway: str
    name: str
    kind: str
    verdict: str
    route_status: str | None
    confidence: str
    feasible: bool
    """False when the engine says no step can open this route (only a reason is given)."""
    reason: Message
    steps: list[PlannedStep] = field(default_factory=list)
    contingencies: list[str] = field(default_factory=list)
    first_license: tuple[date, date, date] | None = None
    """Low, typical and high dates of the first license to practise."""
    full_license: tuple[date, date, date] | None = None
    """Low, typical and high dates of a full, unrestricted license; None when the route gives none."""
    cost: Money = ZERO
    unknown_fees: list[str] = field(default_factory=list)
    lapses: list[Lapse] = field(default_factory=list)
    deadline_messages: list[tuple[date, Message]] = field(default_factory=list)
    """Days by which something must be done, and what, as keyed messages (``deadlines`` in English)."""
    risks: list[Message] = field(default_factory=list)
    odds: MatchOdds | None = None
    additions: list[PlannedAddition] = field(default_factory=list)
    """Opportunities and funding added to the plan; their steps are among ``steps``."""
    first_license_rests_on: list[str] = field(default_factory=list)
    """Steps without a sourced duration that the first license waits for: its dates are "at least"."""
    full_license_rests_on: list[str] = field(default_factory=list)
    """Steps without a sourced duration that the full license waits for: its dates are "at least"."""
    full_license_undated: bool = False
    """True when the route leads to a full license but no date can be given for it: what lies between
    the first license and the full one has no sourced length (Texas's provisional licenses), so the
    only date the plan could show is the first license's own day. ``full_license`` is then None."""
    deciding: str | None = None
    """The id of the criterion that decided the route's verdict (the engine's), for the summary."""
    open_questions: list[OpenQuestion] = field(default_factory=list)
    """The engine's open questions about the route: answers that would move its verdict."""

    @property
    def unknown_durations(self) -> list[str]:
        """Ids of the plan's steps without a sourced duration that its dates wait for."""
        seen = dict.fromkeys(s for step in self.steps for s in step.rests_on if s == step.id)
        return list(seen)

    @property
    def time_at_least(self) -> bool:
        """True when the plan's total time (to the full license, or the first when none) is a lower
        bound: it waits for a step whose duration no source gives."""
        if self.full_license is not None or self.full_license_undated:
            return bool(self.full_license_rests_on)
        return bool(self.first_license_rests_on)

    @property
    def cost_at_least(self) -> bool:
        """True when some fee's amount is not known: ``cost`` is what is known, the plan costs more."""
        return bool(self.unknown_fees)

    @property
    def deadlines(self) -> list[tuple[date, str]]:
        """The deadlines in English, for the calendar and the pages."""
        return [(day, str(what)) for day, what in self.deadline_messages]

    @property
    def independent_practice(self) -> date | None:
        """The day the person may practise without supervision: the full license, typically."""
        return self.full_license[1] if self.full_license else None


@dataclass
class PlanSet:
    as_of: date
    plans: list[RoutePlan]
    assumptions: list[str] = field(default_factory=list)
