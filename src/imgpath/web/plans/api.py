"""The plans' part of the API: dated, costed plans for a profile or a saved one, with what-if."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.security import django_auth
from pydantic import ValidationError

from imgpath.engine import Profile
from imgpath.planner import (
    Addition,
    PlanAnswer,
    PlanSet,
    PlanSummary,
    assume,
    compare,
    plan,
    plans_json,
    plans_summary_json,
    with_additions,
)
from imgpath.rulebook import default_rulebook
from imgpath.web.accounts.auth import AuthenticatedHttpRequest
from imgpath.web.accounts.models import SavedProfile
from imgpath.web.api.schemas import (
    AnswerFields,
    Day,
    ErrorBody,
    ErrorOut,
    StateCode,
    as_written,
    problems,
    profile_and_extras_from_body,
    say,
)
from imgpath.web.opportunities.models import Listing, Review
from imgpath.web.plans.additions import addition_of
from imgpath.web.plans.models import PlanAddition
from imgpath.yamlio import InputError

ADDITIONS_MAX = 20
"""Listings one request may add to its plans."""

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
    fields: AnswerFields = "full"


PLAN_BODY = {
    "allOf": [
        {"$ref": "#/components/schemas/Profile"},
        {
            "type": "object",
            "properties": {
                "additions": {
                    "type": "array",
                    "items": {"type": "string", "description": "A published listing's slug."},
                    "maxItems": ADDITIONS_MAX,
                    "uniqueItems": True,
                    "description": "Listings placed on every plan as dated, costed steps.",
                }
            },
        },
    ]
}
"""The body of ``POST /plan``: a profile, and the listings to add (the profile format is unchanged)."""


def _additions(value: object) -> list[Addition] | Status[ErrorBody]:
    """``additions``: published listings' slugs, each once, as the planner's additions."""
    if not isinstance(value, list) or not all(isinstance(slug, str) for slug in value):
        message = "a list of listing slugs"
        return Status(422, ErrorBody(detail=message, errors=[{"field": "additions", "message": message}]))
    if len(value) > ADDITIONS_MAX or len(set(value)) != len(value):
        message = f"at most {ADDITIONS_MAX} listings, each once"
        return Status(422, ErrorBody(detail=message, errors=[{"field": "additions", "message": message}]))
    found = {x.slug: x for x in Listing.objects.filter(slug__in=value, review=Review.published)}
    missing = [slug for slug in value if slug not in found]
    if missing:
        message = f"no published listing {', '.join(repr(m) for m in missing)}"
        return Status(422, ErrorBody(detail=message, errors=[{"field": "additions", "message": message}]))
    return [addition_of(found[slug].opportunity) for slug in value]


def _plan_answer(
    request: HttpRequest,
    profile: Profile,
    query: PlanQuery,
    additions: Callable[[str], list[Addition]] | None = None,
) -> HttpResponse | Status[ErrorBody]:
    """The CLI's ``imgpath plan --format json`` (or its light form, ``fields=summary``), with
    ``what_if`` when assumptions are given; with ``additions`` (a route's added listings), each plan
    has them placed on it."""
    rulebook = default_rulebook()
    day = query.as_of or profile.evaluation_date()
    states = [s.upper() for s in query.state] or None

    # the light answer shows no steps, so none are listed, unless a what-if compares them
    steps = query.fields == "full" or bool(query.assume)

    def planned(whose: Profile) -> PlanSet:
        found = plan(
            whose, rulebook, as_of=day, states=states, route=query.route, rank_by=query.sort, steps=steps
        )
        if additions is not None:
            found.plans = [with_additions(p, additions(p.pathway), day) for p in found.plans]
        return found

    written = plans_summary_json if query.fields == "summary" else plans_json
    try:
        plans = planned(profile)
        if not query.assume:
            return as_written(request, written(plans))
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
    return as_written(request, written(after, compare(plans, after)))


@router.post(
    "/plan",
    response={200: PlanAnswer | PlanSummary, 404: ErrorOut, 422: ErrorOut},
    summary="A dated, costed plan for every route (or one), ranked",
    description="The body is a profile in the public format (design.md), optionally with `additions`: "
    "a list of published listings' slugs (at most 20) placed on every plan as dated, costed steps. The "
    "answer is the CLI's `imgpath plan --format json`; with `assume`, it adds `what_if`; with "
    "`fields=summary`, its light form (PlanSummary).",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": PLAN_BODY}},
        }
    },
)
def plan_profile(request: HttpRequest, query: Query[PlanQuery]) -> HttpResponse | Status[ErrorBody]:
    found = profile_and_extras_from_body(request, ("additions",))
    if isinstance(found, Status):
        return found
    profile, extras = found
    if "additions" not in extras:
        return _plan_answer(request, profile, query)
    added = _additions(extras["additions"])
    if isinstance(added, Status):
        return added
    return _plan_answer(request, profile, query, lambda _pathway: added)


@router.get(
    "/me/profiles/{profile_id}/plan",
    auth=django_auth,
    response={200: PlanAnswer | PlanSummary, 404: ErrorOut, 422: ErrorOut},
    summary="Plans for one of my saved profiles",
)
def my_profile_plan(
    request: AuthenticatedHttpRequest, profile_id: int, query: Query[PlanQuery]
) -> HttpResponse | Status[ErrorBody]:
    saved = get_object_or_404(SavedProfile, pk=profile_id, owner=request.user)
    try:
        profile = Profile.model_validate(saved.data)
    except ValidationError as error:
        return Status(422, ErrorBody(detail=say("input.invalid_saved_profile"), errors=problems(error)))
    by_route: dict[str, list[Addition]] = {}
    for record in PlanAddition.objects.filter(profile=saved).select_related("listing"):
        by_route.setdefault(record.pathway, []).append(addition_of(record.listing.opportunity))
    return _plan_answer(request, profile, query, lambda pathway: by_route.get(pathway, []))
