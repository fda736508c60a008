"""The plans' part of the API: dated, costed plans for a profile or a saved one, with what-if."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.security import django_auth
from pydantic import ValidationError

from imgpath.engine import Profile
from imgpath.planner import PlanAnswer, PlanSet, assume, compare, plan, plans_json
from imgpath.rulebook import default_rulebook
from imgpath.web.accounts.auth import AuthenticatedHttpRequest
from imgpath.web.accounts.models import SavedProfile
from imgpath.web.api.schemas import (
    Day,
    ErrorBody,
    ErrorOut,
    StateCode,
    as_written,
    problems,
    profile_from_body,
)
from imgpath.yamlio import InputError

router = Router()


class PlanQuery(Schema):
    route: str | None = Field(default=None, description="Only this route (a pathway id).")
    as_of: Day | None = Field(default=None, description="Plan from this day instead of the profile's.")
    sort: Literal["time", "cost"] = Field(
        default="time", description="Rank by time to a full license or cost."
    )
    assume: list[str] = Field(
        default_factory=list,
        description="What if: FIELD=VALUE, e.g. usmle_step3=passed or job_offer.state=FL.",
        # documented, not enforced here: assume() names a bad one better than a pattern would
        json_schema_extra={"items": {"type": "string", "pattern": r"^[a-z0-9_]+(\.[a-z0-9_]+)*="}},
    )
    state: list[StateCode] = Field(
        default_factory=list, description="Only these states (plus federal routes)."
    )


def _plan_answer(
    request: HttpRequest, profile: Profile, query: PlanQuery
) -> HttpResponse | Status[ErrorBody]:
    """The CLI's ``imgpath plan --format json``, with ``what_if`` when assumptions are given."""
    rulebook = default_rulebook()
    day = query.as_of or profile.evaluation_date()
    states = [s.upper() for s in query.state] or None

    def planned(whose: Profile) -> PlanSet:
        return plan(whose, rulebook, as_of=day, states=states, route=query.route, rank_by=query.sort)

    try:
        plans = planned(profile)
        if not query.assume:
            return as_written(request, plans_json(plans))
        assumed = assume(profile, query.assume, day)
        after = planned(assumed)
    except KeyError:
        return Status(
            404,
            ErrorBody(
                detail=f"no licensure route '{query.route}'",
                errors=[{"field": "route", "message": "unknown route"}],
            ),
        )
    except InputError as error:
        field = "assume" if error.field in (None, "--assume") else error.field
        return Status(
            422, ErrorBody(detail=error.message, errors=[{"field": field, "message": error.message}])
        )
    after.assumptions = list(query.assume)
    return as_written(request, plans_json(after, compare(plans, after)))


@router.post(
    "/plan",
    response={200: PlanAnswer, 404: ErrorOut, 422: ErrorOut},
    summary="A dated, costed plan for every route (or one), ranked",
    description="The body is a profile in the public format (design.md). The answer is the CLI's "
    "`imgpath plan --format json`; with `assume`, it adds `what_if`.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Profile"}}},
        }
    },
)
def plan_profile(request: HttpRequest, query: Query[PlanQuery]) -> HttpResponse | Status[ErrorBody]:
    profile = profile_from_body(request)
    if isinstance(profile, Status):
        return profile
    return _plan_answer(request, profile, query)


@router.get(
    "/me/profiles/{profile_id}/plan",
    auth=django_auth,
    response={200: PlanAnswer, 404: ErrorOut, 422: ErrorOut},
    summary="Plans for one of my saved profiles",
)
def my_profile_plan(
    request: AuthenticatedHttpRequest, profile_id: int, query: Query[PlanQuery]
) -> HttpResponse | Status[ErrorBody]:
    saved = get_object_or_404(SavedProfile, pk=profile_id, owner=request.user)
    try:
        profile = Profile.model_validate(saved.data)
    except ValidationError as error:
        return Status(422, ErrorBody(detail="the saved profile is invalid", errors=problems(error)))
    return _plan_answer(request, profile, query)
