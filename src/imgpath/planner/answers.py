"""The ``plan`` answer as typed models: the JSON ``serialize.plans_json`` emits, field for field.

``plan_answer`` gives the model of a set of plans (with the what-if changes when asked); a test
holds these models to the serializer (``extra="forbid"``), which stays the one source of the shape.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from imgpath.engine.answers import Answer, MessageData, OpenQuestionSummary, Params, SourceAnswer
from imgpath.engine.verdict import Verdict
from imgpath.planner.model import PlanSet
from imgpath.planner.serialize import plans_json, plans_summary_json
from imgpath.planner.whatif import Change
from imgpath.rulebook.schema import Confidence, Kind, MatchGroup, RouteStatus, StepKind


class MoneyAnswer(Answer):
    low: float
    typical: float
    high: float


class DateRange(Answer):
    low: date
    typical: date
    high: date


class EndRange(Answer):
    low: date | None
    high: date | None


class FeeAnswer(Answer):
    id: str
    label: str
    amount: MoneyAnswer | None
    charged_from: date | None
    confidence: Confidence | None
    sources: list[SourceAnswer]


class StepAnswer(Answer):
    id: str
    step: str
    name: str
    kind: StepKind | Literal["opportunity", "funding"]
    """An addition's session is of its own kind (``opportunity``, ``funding``)."""
    start: date | None
    end: date | None
    end_range: EndRange
    requires: list[str]
    duration_known: bool
    window: str | None
    milestone: str | None
    cost: MoneyAnswer | None
    fees: list[FeeAnswer]
    sources: list[SourceAnswer]
    addition: str | None = Field(description="The addition this step comes from; null: the rulebook's.")
    name_message: MessageData | None = Field(description="The name as a message, for an addition's step.")
    at_least: bool = Field(
        description="The end waits for a step without a sourced duration: start, end and end_range.low are "
        "lower bounds and end_range.high is null.",
    )
    rests_on: list[str] = Field(
        description="Ids of the steps without a sourced duration this step's end waits for.",
    )


class SessionAnswer(Answer):
    start: date | None
    end: date | None


class FundingAnswer(Answer):
    covers: MoneyAnswer | None
    cost: MoneyAnswer | None
    unknown_fees: int
    share: float | None
    bound: Literal["exact", "at_most", "at_least", "unknown"]
    message: str
    message_key: str
    message_params: Params


class AdditionAnswer(Answer):
    """An opportunity or grant added to the plan: its steps are among the plan's by these ids."""

    id: str
    name: str
    kind: Literal["opportunity", "funding"]
    demo: bool
    steps: list[str]
    apply_by: date | None
    session: SessionAnswer | None
    cost: MoneyAnswer | None
    unknown_fees: list[str]
    covers: MoneyAnswer | None
    covers_per: str | None
    funding: FundingAnswer | None
    sources: list[SourceAnswer]


class LapseAnswer(Answer):
    closes_on: date | None
    reason: str
    reason_key: str
    reason_params: Params
    reached_on: date | None
    act_by: date | None


class DeadlineAnswer(Answer):
    date: date | None
    what: str
    what_key: str
    what_params: Params


class OddsRange(Answer):
    low: float | None
    high: float | None


class OddsAnswer(Answer):
    group: MatchGroup
    estimate: float | None
    range: OddsRange | None
    years: list[int]
    message: str
    message_key: str
    message_params: Params
    inputs: list[str]
    input_messages: list[MessageData]
    caveats: list[str]
    caveat_messages: list[MessageData]
    sources: list[SourceAnswer]


class RoutePlanAnswer(Answer):
    jurisdiction: str
    pathway: str
    name: str
    kind: Kind
    verdict: Verdict
    route_status: RouteStatus | None
    confidence: Confidence
    feasible: bool
    reason: str
    reason_key: str
    reason_params: Params
    first_license: DateRange | None
    full_license: DateRange | None
    cost: MoneyAnswer | None
    unknown_fees: list[str]
    cost_at_least: bool = Field(
        description="Some fee's amount is not known: cost is what is known, the plan costs more.",
    )
    unknown_fee_count: int = Field(description="How many fees have no known amount (never counted as 0).")
    first_license_at_least: bool = Field(
        description="first_license waits for a step without a sourced duration: a lower bound."
    )
    full_license_at_least: bool = Field(
        description="full_license waits for a step without a sourced duration: a lower bound."
    )
    full_license_undated: bool = Field(
        description=(
            "The route leads to a full license, but the stages before it have no known length: no date"
            " can be given, and full_license is null."
        ),
    )
    time_at_least: bool = Field(
        description="The plan's total time (to the full license, else the first) is a lower bound.",
    )
    unknown_durations: list[str] = Field(
        description="Ids of the plan's steps without a sourced duration its dates wait for.",
    )
    lapses: list[LapseAnswer]
    deadlines: list[DeadlineAnswer]
    risks: list[str]
    risk_messages: list[MessageData] = Field(description="Each of ``risks`` as a message, in order.")
    contingencies: list[str]
    odds: OddsAnswer | None
    steps: list[StepAnswer]
    additions: list[AdditionAnswer]


class ChangeAnswer(Answer):
    pathway: str
    name: str
    changes: list[str]
    change_messages: list[MessageData]


class PlanAnswer(Answer):
    """Plans for every open route, compared; ``what_if`` only when assumptions were given."""

    as_of: date
    notice: str
    assumptions: list[str]
    plans: list[RoutePlanAnswer]
    # absent without assumptions, never null: the schema says so (SkipJsonSchema drops the null)
    what_if: list[ChangeAnswer] | SkipJsonSchema[None] = Field(
        default=None, description="Only with assumptions: what each changes, route by route."
    )


def plan_answer(plans: PlanSet, changes: list[Change] | None = None) -> PlanAnswer:
    """The typed answer of a plan: what an API endpoint returns to be described in OpenAPI."""
    return PlanAnswer.model_validate(plans_json(plans, changes))


class RoutePlanSummary(Answer):
    jurisdiction: str
    pathway: str
    kind: Kind
    verdict: Verdict
    feasible: bool
    deciding: str | None = Field(description="The id of the criterion that decided the verdict.")
    reason: str = Field(description="Why the route stands where it does, in English.")
    first_license: DateRange | None
    full_license: DateRange | None
    at_least: list[Literal["first_license", "full_license"]] = Field(
        description="The dates that wait for a step without a sourced duration: lower bounds (the full "
        "form's first_license_at_least and full_license_at_least)."
    )
    full_license_undated: bool = Field(
        description="The route leads to a full license, but no date can be given: full_license is null."
    )
    open_questions: list[OpenQuestionSummary]


class ChangeSummary(Answer):
    pathway: str
    changes: list[str]


class PlanSummary(Answer):
    """The light form of the plans (``?fields=summary``): each plan's verdict, deciding criterion,
    license dates and open questions, in English; the full form adds steps, costs, risks and odds."""

    as_of: date
    notice: str
    assumptions: list[str]
    plans: list[RoutePlanSummary]
    what_if: list[ChangeSummary] | SkipJsonSchema[None] = Field(
        default=None, description="Only with assumptions: what each changes, route by route."
    )


def plan_summary(plans: PlanSet, changes: list[Change] | None = None) -> PlanSummary:
    """The typed light answer of a plan."""
    return PlanSummary.model_validate(plans_summary_json(plans, changes))
