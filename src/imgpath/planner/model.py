"""What a plan is: dated steps, what they cost, what can close before they finish, and the odds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

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
