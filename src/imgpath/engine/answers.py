"""The ``check`` answer as typed models: the JSON ``serialize.check_json`` emits, field for field.

Interfaces that describe their output (the API's OpenAPI document) use these; ``check_answer`` gives
the model of a check. A test holds them to the serializer, which stays the one source of the shape:
a field added there and not here fails it (``extra="forbid"``).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from imgpath.engine.evaluate import CheckResult
from imgpath.engine.serialize import check_json, check_summary_json
from imgpath.engine.verdict import Verdict
from imgpath.rulebook.schema import Confidence, Kind, RouteStatus

Params = dict[str, JsonValue]
"""A message's parameters: plain values, lists, and nested messages as ``{key, params}``."""


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MessageData(Answer):
    """A message as data: its key in the catalogue and its named parameters."""

    key: str
    params: Params


class SourceAnswer(Answer):
    title: str
    href: str
    as_of: date | None = Field(description="The day the source was read.")


class CriterionAnswer(Answer):
    id: str
    verdict: Verdict = Field(description="The criterion's verdict on the evaluation date.")
    reason: str = Field(description="Why, in English.")
    reason_key: str = Field(description="The message key of the reason (see docs/messages.md).")
    reason_params: Params = Field(description="The reason's named parameters.")
    step: str | None
    sources: list[SourceAnswer]
    summary: str
    clause: str | None
    eligible_from: date | None
    eligible_until: date | None
    missing: list[str] = Field(description="For unknown: the profile's fields whose absence left it open.")
    confidence: Confidence | None
    group: Literal["all", "any", "not"] | None = Field(description="Set when this is a group of criteria.")
    parent: str | None = Field(description="The id of the group this sits in; null at the top.")
    best_case: Verdict
    worst_case: Verdict


class OpenQuestionAnswer(Answer):
    criterion: str
    about: Literal["profile", "rulebook"]
    field: str | None
    question: str
    question_key: str
    question_params: Params
    requirement: str
    who: str | None
    best_case: Verdict
    worst_case: Verdict


class RouteAnswer(Answer):
    jurisdiction: str
    pathway: str
    name: str
    kind: Kind
    route_status: RouteStatus | None = Field(description="The law's own status on the evaluation date.")
    verdict: Verdict
    eligible_from: date | None = Field(description="For not_yet: the day it opens if nothing changes.")
    eligible_until: date | None = Field(description="The day a recency window or a period closes.")
    deciding: str | None = Field(description="The id of the criterion that decided the verdict.")
    confidence: Confidence
    rules_as_of: date | None
    gaps: list[str]
    criteria: list[CriterionAnswer]
    best_case: Verdict = Field(description="The verdict if every open question went the person's way.")
    worst_case: Verdict = Field(description="The verdict if every open question went against them.")
    headline: str
    headline_key: str
    headline_params: Params
    open_questions: list[OpenQuestionAnswer]
    applies: bool = Field(description="False for a route that does not concern the person (applies_reason).")
    applies_reason: str | None
    applies_reason_key: str | None
    applies_reason_params: Params | None


class CheckAnswer(Answer):
    """Every route's verdict for one profile on one date."""

    as_of: date
    notice: str
    results: list[RouteAnswer]


def check_answer(result: CheckResult) -> CheckAnswer:
    """The typed answer of a check: what an API endpoint returns to be described in OpenAPI."""
    return CheckAnswer.model_validate(check_json(result))


class OpenQuestionSummary(Answer):
    criterion: str
    field: str | None = Field(description="The profile's field to answer; null: a question for the board.")
    question: str = Field(description="The question, in English.")


class RouteSummary(Answer):
    jurisdiction: str
    pathway: str
    kind: Kind
    verdict: Verdict
    deciding: str | None = Field(description="The id of the criterion that decided the verdict.")
    reason: str | None = Field(description="The deciding criterion's reason, in English.")
    eligible_from: date | None = Field(description="For not_yet: the day it opens if nothing changes.")
    eligible_until: date | None = Field(description="The day a recency window or a period closes.")
    best_case: Verdict = Field(description="The verdict if every open question went the person's way.")
    worst_case: Verdict = Field(description="The verdict if every open question went against them.")
    open_questions: list[OpenQuestionSummary]


class CheckSummary(Answer):
    """The light form of a check (``?fields=summary``): every route's verdict, deciding criterion,
    dates and open questions, in English; the full form adds the criteria and the message keys."""

    as_of: date
    notice: str
    results: list[RouteSummary]


def check_summary(result: CheckResult) -> CheckSummary:
    """The typed light answer of a check."""
    return CheckSummary.model_validate(check_summary_json(result))
