"""Matching's part of the API: ``POST /match/rounds`` solves an observership round.

The body is the round's JSON, exactly what ``imgpath match rounds FILE`` reads, and the answer is what
``imgpath match rounds FILE --format json`` prints. The body is bounded by the API's limit
(``DATA_UPLOAD_MAX_MEMORY_SIZE``, a 413 over it) and then by ``imgpath.matching``'s own checks, and the
operation is rate limited like every other (``SettingsRateThrottle``).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status

from imgpath.matching import MAX_CAPACITY, MAX_ID_CHARS, loads_round, round_outcome_json, solve_round
from imgpath.web.api.schemas import ErrorBody, ErrorOut, FieldErrorBody, as_written, say
from imgpath.yamlio import InputError

router = Router()

_RANKING = {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": True}
ROUND_SCHEMA: dict[str, Any] = {
    "type": "object",
    "title": "RoundIn",
    "required": ["applicants", "slots"],
    "additionalProperties": False,
    "properties": {
        "applicants": {
            "type": "object",
            "description": "Each applicant's id and the slots it ranks, best first (ids of `slots`).",
            "propertyNames": {"minLength": 1, "maxLength": MAX_ID_CHARS},
            "additionalProperties": _RANKING,
        },
        "slots": {
            "type": "object",
            "description": "Each slot's id, how many applicants it takes and the applicants it ranks, "
            "best first (ids of `applicants`). An applicant and a slot can be matched only when each "
            "ranks the other.",
            "propertyNames": {"minLength": 1, "maxLength": MAX_ID_CHARS},
            "additionalProperties": {
                "type": "object",
                "required": ["capacity", "ranking"],
                "additionalProperties": False,
                "properties": {
                    "capacity": {"type": "integer", "minimum": 0, "maximum": MAX_CAPACITY},
                    "ranking": _RANKING,
                },
            },
        },
    },
    "example": {
        "applicants": {"a1": ["s1", "s2"], "a7": ["s2"]},
        "slots": {"s1": {"capacity": 2, "ranking": ["a1", "a7"]}, "s2": {"capacity": 1, "ranking": ["a1"]}},
    },
}
"""The round's JSON Schema, for the OpenAPI document: the checks themselves are ``imgpath.matching``'s."""


class RoundOut(Schema):
    assignments: dict[str, list[str]] = Field(
        description="Every slot, in the order of the body, with the applicants it takes, in its own "
        "ranking's order (best first); [] when none."
    )
    unassigned: list[str] = Field(description="The applicants no slot takes, sorted by id (code points).")


@router.post(
    "/match/rounds",
    response={200: RoundOut, 422: ErrorOut},
    summary="Match applicants to observership slots",
    description="Applicant-proposing deferred acceptance with capacities: the stable assignment every "
    "applicant likes at least as well as any other stable one (no applicant and slot that rank each "
    "other would both rather have each other). The answer is the CLI's `imgpath match rounds FILE "
    "--format json`.",
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": ROUND_SCHEMA}}}
    },
)
def match_rounds(request: HttpRequest) -> HttpResponse | Status[ErrorBody]:
    if not request.body:
        return Status(
            422,
            {"detail": say("input.invalid_input"), "errors": [{"field": "", "message": say("input.empty")}]},
        )
    try:
        outcome = solve_round(loads_round(request.body))
    except InputError as error:
        problem: FieldErrorBody = {"field": error.field or "", "message": error.message}
        return Status(422, {"detail": say("input.invalid_input"), "errors": [problem]})
    return as_written(request, round_outcome_json(outcome))
