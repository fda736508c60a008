"""The shape of a listing: opportunities, organisations and stories, dated and sourced.

A listing's ``requirements`` are written in the rulebook's own criteria vocabulary (the same
``Criterion`` and ``Group`` nodes a route uses), so the engine judges a listing for a profile exactly
as it judges a route: a verdict, reasons, dates and open questions. Money is ``None`` when the source
does not say; ``0`` only when it says the thing is free.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from imgpath.rulebook import Day, Node, Reference

ID = r"^[a-z0-9][a-z0-9-]*[a-z0-9]$"
"""A listing's id: lower-case words joined by hyphens (``cleveland-clinic-observer``)."""
STATE = r"^[A-Z]{2}$"
FIPS = r"^[0-9]{5}$"
"""A county as its 5-digit FIPS code, kept as text (``01001``: the leading zero matters)."""


ALWAYS = "1900-01-01"
"""The effective date a listing's requirement gets when written with ``params``: a listing states
its conditions as they are now; its ``last_verified`` dates them."""


def _params_as_values(node: Any) -> Any:
    """Let a listing write a requirement's parameters once (``params: {exam: usmle_step1}``): a
    route's criteria key them by effective date, a listing's hold as long as the listing does."""
    if not isinstance(node, dict):
        return node
    node = dict(node)
    if "params" in node and "values" not in node:
        node["values"] = {ALWAYS: node.pop("params")}
    for key in ("all", "any"):
        if isinstance(node.get(key), list):
            node[key] = [_params_as_values(child) for child in node[key]]
    if "not" in node:
        node["not"] = _params_as_values(node["not"])
    return node


def _requirements(value: Any) -> Any:
    return [_params_as_values(node) for node in value] if isinstance(value, list) else value


Requirements = Annotated[list[Node], BeforeValidator(_requirements)]
"""Criteria and groups as a route writes them; each criterion may give ``params`` for ``values``."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OpportunityKind(StrEnum):
    observership = "observership"
    hands_on_clinical = "hands_on_clinical"
    research_position = "research_position"
    non_clinical_role = "non_clinical_role"
    preparatory_program = "preparatory_program"
    exam_preparation = "exam_preparation"
    bridge_program = "bridge_program"
    state_program = "state_program"
    funding = "funding"
    job = "job"
    telemedicine_role = "telemedicine_role"


class ListingStatus(StrEnum):
    open = "open"
    closed = "closed"
    """Not taking applications now (between windows): it may open again."""
    expired = "expired"
    """Its last session or deadline has passed."""
    withdrawn = "withdrawn"
    """The host or a curator took it down."""


class Host(_Strict):
    """Who runs it: a name, its own page, and the organisation record when there is one."""

    name: str = Field(min_length=2, max_length=200)
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    organisation: str | None = Field(default=None, pattern=ID)


class Place(_Strict):
    """Where it happens. ``remote`` with no state: anywhere."""

    country: str = Field(default="US", pattern=r"^[A-Z]{2}$")
    state: str | None = Field(default=None, pattern=STATE)
    city: str | None = Field(default=None, max_length=100)
    county_fips: str | None = Field(default=None, pattern=FIPS)
    remote: bool = False


class Duration(_Strict):
    """How long it lasts, in weeks: shortest and longest on offer."""

    min_weeks: float | None = Field(default=None, gt=0)
    max_weeks: float | None = Field(default=None, gt=0)
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Duration:
        if self.min_weeks is not None and self.max_weeks is not None and self.min_weeks > self.max_weeks:
            raise ValueError("min_weeks must not be more than max_weeks")
        return self


class Session(_Strict):
    """One dated session (a cohort, a rotation block)."""

    start: Day
    end: Day | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Session:
        if self.end is not None and self.end < self.start:
            raise ValueError("a session cannot end before it starts")
        return self


class Application(_Strict):
    """How and when to apply. A window given as ``MM-DD`` repeats every year."""

    how: str | None = Field(default=None, max_length=2000)
    """In words: the form, the documents, the address."""
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    opens: Day | None = None
    deadline: Day | None = None
    """The last day to apply (inclusive)."""
    yearly_opens: str | None = Field(default=None, pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
    yearly_closes: str | None = Field(default=None, pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
    rolling: bool = False
    lead_time_days: int | None = Field(default=None, ge=0)
    """Apply at least this many days before the start."""

    @model_validator(mode="after")
    def _ordered(self) -> Application:
        if self.opens is not None and self.deadline is not None and self.deadline < self.opens:
            raise ValueError("the deadline cannot come before the window opens")
        return self


class Per(StrEnum):
    total = "total"
    week = "week"
    month = "month"
    rotation = "rotation"
    day = "day"
    year = "year"


class Money(_Strict):
    """An amount in US dollars, and what it is for (the whole program, each week, each month)."""

    usd: float = Field(ge=0)
    per: Per = Per.total
    note: str | None = None


class Cost(_Strict):
    """What the person pays. A field left out means the source does not say (unknown, not free)."""

    application_fee: Money | None = None
    tuition: Money | None = None
    extra_week: Money | None = None
    refund: str | None = None
    """The refund terms in words ("non-refundable", "refunded on visa denial")."""
    free: bool = False
    """The source says it costs the person nothing."""


class Opportunity(_Strict):
    """One listing: an observership, a research post, a program, a grant, a job."""

    id: str = Field(pattern=ID, max_length=80)
    kind: OpportunityKind
    title: str = Field(min_length=3, max_length=200)
    summary: str = Field(min_length=3, max_length=4000)
    host: Host
    place: Place = Field(default_factory=Place)
    specialties: list[str] = Field(default_factory=list)
    """lower_snake_case, as in the profile (``internal_medicine``); empty: any or not applicable."""
    hands_on: bool | None = None
    """True: hands-on patient care; False: observe only; None: the source does not say."""
    duration: Duration | None = None
    sessions: list[Session] = Field(default_factory=list)
    application: Application = Field(default_factory=Application)
    capacity: int | None = Field(default=None, ge=0)
    """Places per session or per year, as the source gives it."""
    cost: Cost = Field(default_factory=Cost)
    stipend: Money | None = None
    """Paid to the person (a stipend, a salary, a grant's amount)."""
    amount: Money | None = None
    """For funding: what the grant or scholarship gives."""
    visas: list[str] | None = None
    """Visa classes accepted (``B1``, ``J1``, ``H1B``, ...); None: the source does not say."""
    sponsors_visa: bool | None = None
    requirements: Requirements = Field(default_factory=list)
    """In the engine's criteria vocabulary: all must hold."""
    cautions: list[str] = Field(default_factory=list)
    """What a reader must know before applying, from the source ("not designed for IMGs seeking
    residency", "some programs do not count observerships as clinical experience")."""
    counts_as_usce: bool | None = None
    """Whether residency programs count it as US clinical experience; None: not known."""
    occupational_category: str | None = Field(default=None, pattern=r"^\d{2}-\d{4}(\.\d{2})?$")
    """For jobs and roles: the O*NET-SOC code."""
    routes: list[str] = Field(default_factory=list)
    """Rulebook routes it leads toward or serves (``us-tn.alternative``, ``us.j1_waiver_conrad30``)."""
    steps: list[str] = Field(default_factory=list)
    """Roadmap steps it helps with (catalogue ids: ``usmle_step1``, ``job_offer``)."""
    status: ListingStatus = ListingStatus.open
    reference: list[Reference] = Field(default_factory=list)
    last_verified: Day
    """The day a person last checked the listing against its source."""
    demo: bool = False
    """Illustrative, not real: shown with a label everywhere, never counted as real content."""
    notes: str | None = None

    @model_validator(mode="after")
    def _sourced(self) -> Opportunity:
        if not self.demo and not self.reference:
            raise ValueError("a real listing needs at least one reference (or demo: true)")
        return self


class Organisation(_Strict):
    """A body that helps IMGs: what it offers, whom it serves, where, in which languages, at what cost."""

    id: str = Field(pattern=ID, max_length=80)
    name: str = Field(min_length=2, max_length=200)
    summary: str = Field(min_length=3, max_length=4000)
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    offers: list[str] = Field(default_factory=list)
    """What it does, in words ("case management", "exam-fee aid", "mock interviews")."""
    kinds: list[OpportunityKind] = Field(default_factory=list)
    """The kinds of opportunity it offers or helps with."""
    serves: str | None = None
    """Whom, in words ("immigrant health professionals in Montgomery County")."""
    states: list[str] = Field(default_factory=list)
    """Where it works; empty with ``remote`` for national or online help."""
    remote: bool = False
    languages: list[str] = Field(default_factory=list)
    """BCP-47 codes of the languages it serves people in."""
    cost: Cost = Field(default_factory=Cost)
    active: bool = True
    """False for a body that has closed (kept: stories and sources cite it)."""
    reference: list[Reference] = Field(min_length=1)
    last_verified: Day
    notes: str | None = None


class Story(_Strict):
    """A real account: published by a named source, or told with the person's consent."""

    id: str = Field(pattern=ID, max_length=80)
    title: str = Field(min_length=3, max_length=200)
    summary: str = Field(min_length=3, max_length=4000)
    basis: Literal["published", "consented"] = "published"
    trained_in: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    specialty: str | None = None
    routes: list[str] = Field(default_factory=list)
    steps: list[str] = Field(default_factory=list)
    kinds: list[OpportunityKind] = Field(default_factory=list)
    organisations: list[str] = Field(default_factory=list)
    reference: list[Reference] = Field(min_length=1)
    last_verified: Day


class Listings(_Strict):
    """One listings file: any of the three record types."""

    opportunities: list[Opportunity] = Field(default_factory=list)
    organisations: list[Organisation] = Field(default_factory=list)
    stories: list[Story] = Field(default_factory=list)


STALE_AFTER_DAYS = 180
"""A listing not verified for this long is marked stale: shown with a warning."""
HIDDEN_AFTER_DAYS = 270
"""Not verified for this long, it is hidden from search until someone verifies it again (the 90
days between give its host time to act on the stale warning)."""


def freshness(last_verified: date, today: date) -> Literal["fresh", "stale", "hidden"]:
    """How far to trust a listing's facts on ``today``, by the day it was last checked."""
    age = (today - last_verified).days
    if age > HIDDEN_AFTER_DAYS:
        return "hidden"
    return "stale" if age > STALE_AFTER_DAYS else "fresh"
