"""The shape of a rule file: jurisdictions, pathways, dated criteria, stages, fees and sources.

Modelled on OpenFisca/PolicyEngine parameters: every value that can change is keyed by the date
from which it holds, and carries references (title and link) and the day they were read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PlainSerializer,
    PrivateAttr,
    Tag,
    field_validator,
    model_validator,
)

from imgpath.dates import parse_day
from imgpath.rulebook.vocabulary import PARAMS, CriterionType, Params

T = TypeVar("T")

Day = Annotated[date, BeforeValidator(parse_day), PlainSerializer(str, return_type=str)]
"""A date written ``YYYY-MM-DD`` (``YYYY-MM`` means the month's first day)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Reference(_Strict):
    title: str = Field(min_length=3)
    href: str = Field(pattern=r"^https?://\S+$")
    dated: str | None = None
    """The source's own date (publication, 'current through'), as the source shows it."""
    value: Day | None = None
    """For a criterion with dated values: the value (by its date key) that this source supports."""


@dataclass(frozen=True)
class Source:
    """A reference as a verdict or a plan cites it: title, link and the day it was read."""

    title: str
    href: str
    as_of: date | None

    @cached_property
    def json(self) -> dict[str, str | None]:
        """As the check and plan answers write it. Shared by every answer citing it: read only."""
        return {
            "title": self.title,
            "href": self.href,
            "as_of": self.as_of.isoformat() if self.as_of else None,
        }


def sources(references: Sequence[Reference], as_of: date | None) -> list[Source]:
    return [Source(r.title, r.href, as_of) for r in references]


class Confidence(StrEnum):
    primary = "primary"  # statute, regulation, enrolled bill, the board's own page, read directly
    secondary = "secondary"  # law-firm alert, legislative summary, trade press
    unverified = "unverified"  # blog, introduced bill text, inference: shown with a warning


class Sourced(_Strict):
    """Anything that states a fact: its references, when they were read, how far to trust them."""

    reference: list[Reference] = Field(default_factory=list)
    as_of: Day | None = None
    confidence: Confidence | None = None

    @cached_property
    def sources(self) -> list[Source]:
        """Its own references as a verdict or a plan cites them, made once (shared: read only).

        A cached property, not a private attribute: pydantic reads those through ``__getattr__``,
        which the planner, reading sources for every planned step, would pay for each time."""
        return sources(self.reference, self.as_of)


class Kind(StrEnum):
    traditional = "traditional"
    alternative = "alternative"
    assistant_physician = "assistant_physician"
    limited = "limited"
    certification = "certification"
    visa = "visa"
    state_program = "state_program"
    """A state's IMG program set by law (a grant, a clinical-readiness program): not a license."""


class RouteStatus(StrEnum):
    pending = "pending"
    enacted = "enacted"
    effective = "effective"
    accepting_applications = "accepting_applications"
    repealed = "repealed"


class StatusEvent(_Strict):
    """One step in a route's life. ``date`` null: it happened or will, on a day not known."""

    status: RouteStatus
    date: Day | None = None
    no_later_than: Day | None = None
    """Known to have happened by this day, when the exact day is not known."""
    not_before: Day | None = None
    """Known not to have happened before this day (e.g. a repeal by a law enacted on that day)."""
    first_seen: Day | None = None
    """Long before: the date of the oldest source read that shows it had happened. Screens say "in
    force before DATE (first seen)"; the rulebook does not judge days before it."""
    note: str | None = None
    reference: list[Reference] = Field(default_factory=list)

    @property
    def known_by(self) -> Day | None:
        """The latest day by which the event is known to have happened."""
        return self.date or self.no_later_than or self.first_seen


def _criterion_kind(value: Any) -> str:
    """A node's tag: from the keys of the data read, or from the model when one is written out (a
    group written as a criterion made pydantic warn and fall back to guessing)."""
    if isinstance(value, dict):
        for key in ("all", "any", "not"):
            if key in value:
                return "group"
        return "criterion"
    return "group" if isinstance(value, Group) else "criterion"


class Criterion(Sourced):
    """One condition of a route, in the typed vocabulary, with its dated parameters."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    type: CriterionType
    summary: str = Field(min_length=3)
    """The clause in our own plain words ("Practised for the whole 4 years before applying")."""
    clause: str | None = None
    """The section it implements, e.g. 'T.C.A. 63-6-207(g)(2)(B)'."""
    step: str | None = None
    """The roadmap step that satisfies it when unmet; without one, failing it is final."""
    values: dict[Day, dict[str, Any] | None] | None = None
    """Parameters keyed by the date from which they hold; a null value ends the requirement."""
    note: str | None = None
    searched: list[str] = Field(default_factory=list)
    """What was read when a requirement's content stays unknown (statute, session law, rules, forms)."""

    @field_validator("type", mode="before")
    @classmethod
    def _known_type(cls, value: Any) -> Any:
        if not isinstance(value, str):
            raise ValueError(
                f"a criterion's type is a name such as ecfmg_certified, not a {type(value).__name__}"
            )
        if value not in CriterionType.__members__:
            known = ", ".join(sorted(CriterionType.__members__))
            raise ValueError(f"unknown criterion type '{value}'; known types: {known}")
        return value

    _timeline: tuple[tuple[date, Params | None], ...] = PrivateAttr(default=())
    _always: Params | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _parse_params(self) -> Criterion:
        """Check and parse the dated parameters once: the loader and the engine read the parsed ones."""
        model = PARAMS[self.type]
        if self.values is None:
            if model.model_fields and any(f.is_required() for f in model.model_fields.values()):
                raise ValueError(f"criterion type '{self.type}' needs 'values' keyed by effective date")
            self._always = model()
            return self
        self._timeline = tuple(
            (start, model.model_validate(raw) if raw is not None else None)
            for start, raw in sorted(self.values.items())
        )
        return self

    @property
    def timeline(self) -> tuple[tuple[date, Params | None], ...]:
        """The parameters by the date from which they hold, oldest first (None: the rule ends)."""
        return self._timeline

    def params_on(self, day: date) -> tuple[Params | None, date | None]:
        """The parameters in force on ``day`` and the date they took effect.

        Before the first dated value, and after a null one, the criterion does not apply (None).
        Without any ``values`` the criterion has no parameters and always applies.
        """
        if self._always is not None:
            return self._always, None
        current: tuple[Params | None, date | None] = (None, None)
        for start, params in self._timeline:
            if start > day:
                break
            current = (params, start)
        return current


Combinator = Literal["all", "any", "not"]


class Group(_Strict):
    """Criteria combined: ``all`` must hold, ``any`` one must, ``not`` must fail."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    summary: str | None = None
    all: list[Node] | None = None
    any: list[Node] | None = None
    not_: Node | None = Field(default=None, alias="not")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _one_combinator(self) -> Group:
        given = [name for name in ("all", "any", "not_") if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("a group needs exactly one of 'all', 'any' or 'not'")
        children = self.all if self.all is not None else self.any
        if children is not None and not children:
            raise ValueError("a group needs at least one criterion")
        return self

    @property
    def combinator(self) -> Combinator:
        """Which of ``all``, ``any`` or ``not`` combines the children: decided here and nowhere else."""
        if self.not_ is not None:
            return "not"
        return "all" if self.all is not None else "any"

    @property
    def children(self) -> list[Node]:
        if self.not_ is not None:
            return [self.not_]
        return list(self.all if self.all is not None else self.any or [])


Node = Annotated[
    Annotated[Criterion, Tag("criterion")] | Annotated[Group, Tag("group")],
    Discriminator(_criterion_kind),
]
Group.model_rebuild()


class Stage(_Strict):
    """A license stage on the way to full licensure (provisional, restricted, ...)."""

    name: str
    months: int | None = Field(default=None, ge=0)
    """Length in months; null when the law's text was not seen."""
    supervision: str | None = None
    restrictions: str | None = None


class Conversion(_Strict):
    """How the route ends in a full, unrestricted license."""

    summary: str
    after_months: int | None = Field(default=None, ge=0)


class FeeRange(_Strict):
    """A fee that varies (per program applied to, by test centre): lowest, usual, highest."""

    low: float = Field(ge=0)
    typical: float = Field(ge=0)
    high: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> FeeRange:
        if not self.low <= self.typical <= self.high:
            raise ValueError("a fee range needs low <= typical <= high")
        return self


class Fee(Sourced):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    currency: Literal["USD"] = "USD"
    values: dict[Day, float | FeeRange | None]
    """Amount keyed by the date from which it is charged; null when the amount is not known."""
    charged_when: Literal["testing_outside_us_canada"] | None = None
    """Charged only to some people: ``testing_outside_us_canada``, to someone who tests outside the
    United States and Canada (the planner reads it from where the person lives). None: to everyone."""

    def amount_on(self, day: date) -> float | FeeRange | None:
        """The amount charged on ``day``: the latest value dated on or before it, else the earliest."""
        dated = sorted(self.values.items())
        current = dated[0][1] if dated else None
        for start, amount in dated:
            if start > day:
                break
            current = amount
        return current


class Pathway(Sourced):
    """One route into practice in one jurisdiction, with its status history and criteria."""

    id: str = Field(pattern=r"^us(-[a-z]{2})?\.[a-z][a-z0-9_]*$")
    kind: Kind
    name: str
    summary: str
    citation: str | None = None
    status: list[StatusEvent] = Field(min_length=1)
    criteria: list[Node] = Field(min_length=1)
    stages: list[Stage] = Field(default_factory=list)
    conversion: Conversion | None = None
    fees: list[Fee] = Field(default_factory=list)
    application_steps: list[str] = Field(default_factory=list)
    """Steps every applicant takes that decide nothing (fingerprints, an interview): roadmap only."""
    replaces: str | None = None
    replaced_by: str | None = None
    not_for: list[str] = Field(default_factory=list)
    """Immigration statuses of people the route does not concern (a visa for a US citizen)."""
    not_for_reason: str | None = None
    """Why, in a sentence ("citizens and permanent residents need no visa to work")."""
    gaps: list[str] = Field(default_factory=list)
    """What the sources did not say: shown to users so unknowns are visible."""
    doubts: list[str] = Field(default_factory=list)
    """Where sources disagree, and which one the rulebook follows."""
    notes: str | None = None

    @field_validator("status")
    @classmethod
    def _ordered(cls, events: list[StatusEvent]) -> list[StatusEvent]:
        dated = [e.date for e in events if e.date is not None]
        if dated != sorted(dated):
            raise ValueError("status events must be listed in date order")
        return events


MonthDay = Annotated[str, Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]
"""A day of the year, ``MM-DD``: calendar windows repeat every year."""


def _value_on(values: Mapping[date, T | None], day: date) -> tuple[T | None, date | None]:
    """The value dated latest on or before ``day`` and its date; (None, None) before the first."""
    current: tuple[T | None, date | None] = (None, None)
    for start, value in sorted(values.items()):
        if start > day:
            break
        current = (value, start)
    return current


class _ProgramFact(Sourced):
    """One fact of a state's program (its window, its slots), dated and sourced like a parameter.

    ``values`` are keyed by the date from which each holds (a fiscal year's window by the day it was
    announced or opens); a ``null`` value is not known, and ``searched`` says what was read for it."""

    note: str | None = None
    searched: list[str] = Field(default_factory=list)


class ProgramWindow(_Strict):
    """The days of the year on which a program takes applications (``closes`` null: until full)."""

    opens: MonthDay
    closes: MonthDay | None = None
    label: str | None = None
    """Which window this is ("FY2025 priority window"), as the source names it."""


class ProgramWindows(_ProgramFact):
    values: dict[Day, ProgramWindow | None]

    def on(self, day: date) -> tuple[ProgramWindow | None, date | None]:
        return _value_on(self.values, day)


class ProgramCount(_ProgramFact):
    values: dict[Day, Annotated[int, Field(ge=0)] | None]

    def on(self, day: date) -> tuple[int | None, date | None]:
        return _value_on(self.values, day)


class ProgramList(_ProgramFact):
    values: dict[Day, list[str] | None]

    def on(self, day: date) -> tuple[list[str] | None, date | None]:
        return _value_on(self.values, day)


class Conrad30Program(Sourced):
    """A state's own Conrad 30 program: the rules its health department adds to INA 214(l).

    Every fact is required, so a gap is written down (``null`` with what was searched) rather than
    left out; the route ``us.j1_waiver_conrad30`` and its ``conrad30_application`` step read it for
    the state of the job offer."""

    office: Reference
    """The state office that runs the program, with its page."""
    window: ProgramWindows
    slots: ProgramCount
    """Waivers the state may recommend a federal fiscal year (at most 30 under INA 214(l)(1)(B))."""
    flex_slots: ProgramCount
    """Of those, places for sites outside designated areas that serve their residents (at most 10)."""
    per_employer_limit: ProgramCount
    """Waivers one employer may be sponsored for in a fiscal year (or in the part of it the note says)."""
    priorities: ProgramList
    """Specialties the state ranks first when it has more applications than places."""
    fees: list[Fee] = Field(default_factory=list)
    """The state's own fees; ``[]`` with a ``gaps`` line when none was found, not a fee of zero."""
    gaps: list[str] = Field(default_factory=list)
    doubts: list[str] = Field(default_factory=list)
    notes: str | None = None

    @property
    def facts(self) -> dict[str, ProgramWindows | ProgramCount | ProgramList]:
        """The program's dated facts by name, in the order screens show them."""
        return {
            "window": self.window,
            "slots": self.slots,
            "flex_slots": self.flex_slots,
            "per_employer_limit": self.per_employer_limit,
            "priorities": self.priorities,
        }


class Jurisdiction(_Strict):
    """One rule file: a state (``US-TN``) or the federal level (``US``)."""

    jurisdiction: str = Field(pattern=r"^US(-[A-Z]{2})?$")
    name: str
    board: Reference | None = None
    pathways: list[Pathway] = Field(default_factory=list)
    conrad30: Conrad30Program | None = None
    """The state's Conrad 30 J-1 waiver program, where the rulebook has it (states only)."""

    @model_validator(mode="after")
    def _ids_match(self) -> Jurisdiction:
        prefix = self.jurisdiction.lower() + "."
        for pathway in self.pathways:
            if not pathway.id.startswith(prefix):
                raise ValueError(f"pathway id '{pathway.id}' must start with '{prefix}'")
        if self.conrad30 is not None and self.jurisdiction == "US":
            raise ValueError("a Conrad 30 program belongs to a state's file, not to the federal files")
        return self


class Exam(Sourced):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    summary: str | None = None


DURATION = r"^\d+ (day|week|month|year)s?$"


class Span(_Strict):
    """How long a step takes, written like ``6 weeks``: fastest, usual and slowest."""

    low: str = Field(pattern=DURATION)
    typical: str = Field(pattern=DURATION)
    high: str = Field(pattern=DURATION)


class Window(Sourced):
    """When in the year a step can happen, set by a calendar rather than by the person.

    ``opens``/``closes`` bound the days on which the step may start (a window may wrap the new
    year); ``ends_on`` fixes the day it ends (Match Day), the first such day after the shortest
    duration; ``starts_on`` fixes the day it starts (GME starts on 1 July).
    """

    opens: MonthDay | None = None
    closes: MonthDay | None = None
    starts_on: MonthDay | None = None
    ends_on: MonthDay | None = None
    note: str | None = None


class StepKind(StrEnum):
    exam = "exam"
    credential = "credential"
    match = "match"
    training = "training"
    license = "license"
    visa = "visa"
    job = "job"
    application = "application"


class DoneWhen(_Strict):
    """A criterion from the engine's vocabulary: when the profile meets it, the step is done."""

    type: CriterionType
    params: dict[str, Any] = Field(default_factory=dict)

    _parsed: Params | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _parse_params(self) -> DoneWhen:
        """Check and parse the parameters once: the planner evaluates the parsed ones."""
        self._parsed = PARAMS[self.type].model_validate(self.params)
        return self

    @property
    def parsed(self) -> Params:
        assert self._parsed is not None  # set by the validator
        return self._parsed


class Step(Sourced):
    """A thing a person does (pass an exam, obtain a job offer); the planner schedules these."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    summary: str
    kind: StepKind = StepKind.application
    requires: list[str] = Field(default_factory=list)
    """Steps that must be finished before this one starts."""
    duration: Span | None = None
    """None when no source gives a duration: the planner says so instead of guessing."""
    window: Window | None = None
    fees: list[Fee] = Field(default_factory=list)
    done_when: DoneWhen | None = None
    """How the planner sees, from the profile, that the step is already behind the person."""
    per_year: bool = False
    """Repeated once per year the route requires (GME years): the criterion's ``years`` or ``min_years``."""
    contingency: bool = False
    """Shown with a plan as the fallback (SOAP after an unmatched Match Day), not scheduled."""
    visa_step: str | None = None
    """The visa step that must come before this one for someone who needs a visa to train or work in
    the US (``Immigration.needs_visa``): the J-1 sponsorship before residency starts, the employer's
    H-1B petition before supervised practice starts."""
    state_program: Literal["conrad30"] | None = None
    """The job offer's state's program of this name (a state file's ``conrad30:``) supplies the
    window and adds its fees, where the rulebook has one; else the step's own window stands."""


class MatchGroup(StrEnum):
    """Applicant groups as the NRMP reports them (permanent residents count as non-US IMGs)."""

    us_img = "us_img"
    non_us_img = "non_us_img"
    all_img = "all_img"
    us_md_senior = "us_md_senior"


class MatchOutcome(Sourced):
    """One year's Main Residency Match result for one applicant group."""

    year: int = Field(ge=1952, le=2100)
    group: MatchGroup
    applicants: int | None = Field(default=None, ge=0)
    matched: int | None = Field(default=None, ge=0)
    rate: float | None = Field(default=None, ge=0, le=1)
    """Share of the group's applicants who matched; null when not published in the sources."""
    note: str | None = None


class MatchData(_Strict):
    """Published Match outcomes: the planner's residency odds rest on these and nothing else."""

    outcomes: list[MatchOutcome] = Field(default_factory=list)


class Credential(Sourced):
    """A document or credential issued to a person (a dean's recommendation, board certification)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    summary: str
    issuer: str
    """Who issues it, in words ("the state health department")."""


class Implied(StrEnum):
    """Facts an inference may supply; the engine knows where each is asked."""

    listed_in_wdoms = "medical_school.listed_in_wdoms"
    usmle_step1 = "exams.usmle_step1"
    usmle_step2_ck = "exams.usmle_step2_ck"
    english_proficiency = "english_proficiency"


class Inference(Sourced):
    """A fact that follows from another the person gave (an ECFMG certificate means Step 1 was passed)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    premise: Literal["ecfmg_certified"]
    implies: list[Implied] = Field(min_length=1)
    summary: str


class Catalogue(_Strict):
    """The shared vocabulary file: exams, credentials and steps that criteria refer to."""

    exams: list[Exam] = Field(default_factory=list)
    credentials: list[Credential] = Field(default_factory=list)
    inferences: list[Inference] = Field(default_factory=list)
    steps: list[Step] = Field(default_factory=list)
