"""The JSON API under /api/v1/: the CLI's shapes, rate limited, errors that name the field.

``POST /check`` answers exactly what ``imgpath check --format json`` prints for the same profile.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.errors import Throttled
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import django_auth
from ninja.throttling import BaseThrottle
from pydantic import BeforeValidator, ValidationError

from imgpath.dates import DAY_PATTERN, FIRST_YEAR, LAST_YEAR
from imgpath.engine.evaluate import check
from imgpath.engine.profile import Profile, Text
from imgpath.engine.serialize import check_json
from imgpath.errors import clean_location, field_path
from imgpath.errors import problems as field_problems
from imgpath.planner.plans import plan
from imgpath.planner.serialize import plans_json
from imgpath.planner.whatif import assume, compare
from imgpath.rulebook.loader import default_rulebook
from imgpath.rulebook.schema import Kind
from imgpath.web import throttle, workers
from imgpath.web.models import SavedProfile
from imgpath.web.rulebook_views import latest_event
from imgpath.yamlio import InputError, load_json, printable


class SettingsRateThrottle(BaseThrottle):
    """Per account (per address when anonymous), at the rate in ``settings.API_RATE``, counted with
    one atomic hit on the shared store (``counters``), so every worker and host counts the same."""

    def allow_request(self, request: HttpRequest) -> bool:
        rate = throttle.Rate.parse(settings.API_RATE)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            who = f"account {user.pk}"
        else:
            who = f"address {throttle.client_address(request)}"
        return not throttle.exceeded("api", who, rate)

    def wait(self) -> float:
        """Retry-After: at most one window (the count started at the window's first request)."""
        return float(throttle.Rate.parse(settings.API_RATE).seconds)


def _loose_docs_csp(view: Any) -> Any:
    """The OpenAPI page's Swagger UI sets inline styles: allow those there, and only there."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = view(request, *args, **kwargs)
        response.headers["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY.replace(
            "style-src 'self'", "style-src 'self' 'unsafe-inline'"
        )
        return response

    return wrapped


_REF = "#/components/schemas/{model}"
PROFILE_SCHEMA = Profile.model_json_schema(mode="validation", ref_template=_REF)
"""The public profile format (design.md) as JSON Schema, the body of POST /check: what the API accepts
(validation mode; the serialization mode described what it writes, and let through bodies it refuses)."""

_ERROR_BODY = {"application/json": {"schema": {"$ref": _REF.format(model="ErrorOut")}}}


def _limit() -> str:
    size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return f"{size / 2**20:g} MB ({size:,} bytes)"


def _shared_error_answers(method: str, operation: dict[str, Any]) -> dict[int, str]:
    """The error answers that every operation of a kind gives, whatever its own code does."""
    answers = {429: "Too many requests from this account or address: wait the seconds in Retry-After."}
    if operation.get("security"):
        answers[401] = "Not signed in: this needs a session (log in on the site first)."
        if method.upper() not in {"GET", "HEAD", "OPTIONS", "TRACE"}:
            answers[403] = "The CSRF check failed: send the csrftoken cookie's value in X-CSRFToken."
    if "requestBody" in operation and settings.DATA_UPLOAD_MAX_MEMORY_SIZE is not None:
        answers[413] = f"The body is over the limit of {_limit()}."
    return answers


class _Api(NinjaAPI):
    """Adds the profile's schema to the OpenAPI components, so the documented bodies are exact, and the
    error answers that the throttle, the session check and the body limit give to every operation."""

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(PROFILE_SCHEMA.get("$defs", {}))
        components["Profile"] = {k: v for k, v in PROFILE_SCHEMA.items() if k != "$defs"}
        components["SavedProfileIn"]["properties"]["profile"] = {"$ref": _REF.format(model="Profile")}
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                for status, description in _shared_error_answers(method, operation).items():
                    responses.setdefault(status, {"description": description, "content": _ERROR_BODY})
                operation["responses"] = dict(sorted(responses.items(), key=lambda item: int(item[0])))
        return schema


api = _Api(
    title="IMG Pathways API",
    version="1",
    description="Which US licensure routes are open to an international medical graduate. "
    "Legal information, not legal advice.",
    urls_namespace="api",
    throttle=[SettingsRateThrottle()],
    docs_decorator=_loose_docs_csp,
)


def _field(location: tuple[Any, ...]) -> str:
    return field_path(clean_location(location))


MAX_PROBLEMS = 20
"""Errors listed in one answer: a body with 100,000 bad values gets 20 and a count, not 100,000."""


def _problems(error: ValidationError, prefix: tuple[Any, ...] = ()) -> list[dict[str, str]]:
    found = error.errors()
    shown = field_problems(found[:MAX_PROBLEMS], prefix)
    problems = [{"field": p.path, "message": printable(p.message, 300)} for p in shown]
    if len(found) > MAX_PROBLEMS:
        problems.append({"field": "", "message": f"and {len(found) - MAX_PROBLEMS:,} more problems"})
    return problems


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, error: NinjaValidationError) -> HttpResponse:
    errors = [
        {
            "field": _field(
                tuple(p for p in e.get("loc", ()) if p not in {"body", "query", "path", "payload"})
            ),
            "message": printable(str(e.get("msg", "")).removeprefix("Value error, "), 300),
        }
        for e in error.errors[:MAX_PROBLEMS]
    ]
    if len(error.errors) > MAX_PROBLEMS:
        errors.append({"field": "", "message": f"and {len(error.errors) - MAX_PROBLEMS:,} more problems"})
    return api.create_response(request, {"detail": "invalid input", "errors": errors}, status=422)


class FieldError(Schema):
    field: str = Field(description="The field at fault, as a path (medical_school.graduated); empty: all.")
    message: str


class ErrorOut(Schema):
    """Every error answer: what went wrong, and for bad input what is wrong with which field."""

    detail: str
    errors: list[FieldError] = Field(default_factory=list)


@api.exception_handler(Throttled)
def _throttled(request: HttpRequest, error: Throttled) -> HttpResponse:
    """The API's 429 (Retry-After is added by django-ninja), unlogged like the pages': a flood's
    refusals must cost little and must not fill the log."""
    response = api.create_response(request, {"detail": "Too many requests.", "errors": []}, status=429)
    return workers.refusal(response)


@api.exception_handler(RequestDataTooBig)
@api.exception_handler(TooManyFieldsSent)
def _too_big(request: HttpRequest, error: Exception) -> HttpResponse:
    """Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE by its length, before reading any of it
    (and a form of more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields): say so in the API's JSON shape."""
    if isinstance(error, TooManyFieldsSent):
        message = f"the body has more than {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,} fields"
    else:
        message = f"the body is over the limit of {_limit()}"
    return api.create_response(
        request, {"detail": message, "errors": [{"field": "", "message": message}]}, status=413
    )


def _profile_from_body(request: HttpRequest) -> Profile | Status[Any]:
    """The request body as a profile, or the 422 answer that names what is wrong with it."""
    if not request.body:  # no body, or one sent in chunks without a length (Django reads none of it)
        detail = "the body is empty: send a profile as JSON ({} for one that says nothing yet)"
        return Status(422, {"detail": detail, "errors": [{"field": "", "message": "empty"}]})
    try:
        data = load_json(request.body, "body")
    except InputError as error:  # not JSON or UTF-8, a key twice, too many values, nested too deeply
        problem = error.message.removeprefix("not valid JSON: ")
        detail = f"the body is not usable JSON: {problem}"
        return Status(422, {"detail": detail, "errors": [{"field": "", "message": problem}]})
    if not isinstance(data, dict):
        return Status(422, {"detail": "a profile must be a JSON object", "errors": []})
    try:
        return Profile.model_validate(data)
    except ValidationError as error:
        return Status(422, {"detail": "invalid profile", "errors": _problems(error)})


EARLIEST, LATEST = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)
"""Dates the engine and the planner can work with (plans run decades past the date given)."""

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_day(value: Any) -> Any:
    """Only ISO dates: pydantic would also read a Unix timestamp (``0`` as 1970-01-01)."""
    if not isinstance(value, date):
        if not isinstance(value, str) or not _ISO_DAY.match(value):
            raise ValueError("write the date as YYYY-MM-DD, for example 2026-11-25")
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} is not a day of the calendar") from None
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"give a date between {EARLIEST} and {LATEST}")
    return value


Day = Annotated[
    date,
    BeforeValidator(
        _iso_day,
        json_schema_input_type=Annotated[
            str, Field(pattern=DAY_PATTERN, description=f"A day, YYYY-MM-DD, from {EARLIEST} to {LATEST}.")
        ],
    ),
]
"""A day in a query: ISO ``YYYY-MM-DD`` within the years the engine works with."""


def _state_code(value: Any) -> Any:
    """A state the rulebook has (``?state=ZZ`` used to answer with the federal routes alone)."""
    code = str(value).strip().upper()
    if f"US-{code}" not in default_rulebook().jurisdictions:
        raise ValueError(f"'{printable(str(value))}' is not a state the rulebook has; use codes such as TN")
    return code


def _state_codes(schema: dict[str, Any]) -> None:
    schema["enum"] = sorted(j.removeprefix("US-") for j in default_rulebook().jurisdictions if j != "US")
    schema["description"] = "A state the rulebook has, by its two-letter code (any case)."


StateCode = Annotated[str, BeforeValidator(_state_code), Field(json_schema_extra=_state_codes)]


class CheckQuery(Schema):
    as_of: Day | None = Field(default=None, description="Evaluate on this day instead of the profile's.")
    state: list[StateCode] = Field(
        default_factory=list, description="Only these states (plus federal routes)."
    )
    kind: list[Kind] = Field(default_factory=list)


@api.post(
    "/check",
    response={200: dict[str, Any], 422: ErrorOut},
    summary="Every route's verdict for a profile",
    description="The body is a profile in the public format (design.md). The answer is the CLI's "
    "`imgpath check --format json`.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Profile"}}},
        }
    },
)
def check_profile(request: HttpRequest, query: Query[CheckQuery]) -> Any:
    profile = _profile_from_body(request)
    if isinstance(profile, Status):
        return profile
    result = check(
        profile,
        default_rulebook(),
        as_of=query.as_of,
        states=[s.upper() for s in query.state] or None,
        kinds=query.kind or None,
    )
    return check_json(result)


class ReferenceOut(Schema):
    title: str
    href: str


class PathwayOut(Schema):
    id: str
    jurisdiction: str
    kind: str
    name: str
    summary: str
    status: str | None = Field(description="The status on the day asked (today by default).")
    confidence: str | None
    as_of: date | None
    reference: list[ReferenceOut]


@api.get("/pathways", response={200: list[PathwayOut], 422: ErrorOut}, summary="Every route in the rulebook")
def pathways(
    request: HttpRequest, state: StateCode | None = None, kind: Kind | None = None, on: Day | None = None
) -> Any:
    day = on or date.today()
    out = []
    for jurisdiction, pathway in default_rulebook().pathways:
        if state and jurisdiction.jurisdiction != f"US-{state}":
            continue
        if kind and pathway.kind is not kind:
            continue
        event = latest_event(pathway, day)
        out.append(
            {
                "id": pathway.id,
                "jurisdiction": jurisdiction.jurisdiction,
                "kind": pathway.kind.value,
                "name": pathway.name,
                "summary": pathway.summary,
                "status": event.status.value if event else None,
                "confidence": pathway.confidence.value if pathway.confidence else None,
                "as_of": pathway.as_of,
                "reference": [{"title": r.title, "href": r.href} for r in pathway.reference],
            }
        )
    return out


@api.get(
    "/pathways/{pathway_id}",
    response={200: dict[str, Any], 404: ErrorOut},
    summary="One route as the rulebook holds it",
)
def pathway_detail(request: HttpRequest, pathway_id: str) -> Any:
    try:
        jurisdiction, pathway = default_rulebook().pathway(pathway_id)
    except KeyError:
        return Status(
            404,
            {
                "detail": f"no pathway '{pathway_id}'",
                "errors": [{"field": "pathway_id", "message": "unknown"}],
            },
        )
    return {
        "jurisdiction": jurisdiction.jurisdiction,
        **pathway.model_dump(mode="json", exclude_defaults=True, by_alias=True),
    }


class JurisdictionOut(Schema):
    jurisdiction: str
    name: str
    board: ReferenceOut | None
    pathways: list[str]


@api.get("/jurisdictions", response=list[JurisdictionOut], summary="Every jurisdiction and its routes")
def jurisdictions(request: HttpRequest) -> Any:
    return [
        {
            "jurisdiction": j.jurisdiction,
            "name": j.name,
            "board": {"title": j.board.title, "href": j.board.href} if j.board else None,
            "pathways": [p.id for p in j.pathways],
        }
        for j in default_rulebook().jurisdictions.values()
    ]


class SavedProfileIn(Schema):
    name: Text = Field(min_length=1, max_length=120)
    profile: dict[str, Any] = Field(description="A profile in the public format: see Profile.")


class SavedProfileOut(Schema):
    id: int
    name: str
    profile: dict[str, Any]
    created: Any
    updated: Any


def _out(saved: SavedProfile) -> dict[str, Any]:
    return {
        "id": saved.pk,
        "name": saved.name,
        "profile": saved.data,
        "created": saved.created.isoformat(),
        "updated": saved.updated.isoformat(),
    }


@api.get("/me/profiles", auth=django_auth, response=list[SavedProfileOut], summary="My saved profiles")
def my_profiles(request: HttpRequest) -> Any:
    return [_out(p) for p in SavedProfile.objects.filter(owner=request.user)]


@api.post(
    "/me/profiles",
    auth=django_auth,
    response={201: SavedProfileOut, 400: ErrorOut, 422: ErrorOut},
    summary="Save a profile",
)
def create_profile(request: HttpRequest, body: SavedProfileIn) -> Any:
    try:
        Profile.model_validate(body.profile)
    except ValidationError as error:
        return Status(422, {"detail": "invalid profile", "errors": _problems(error, ("profile",))})
    saved = SavedProfile.objects.create(owner=request.user, name=body.name, data=body.profile)
    return Status(201, _out(saved))


@api.get(
    "/me/profiles/{profile_id}",
    auth=django_auth,
    response={200: SavedProfileOut, 404: ErrorOut, 422: ErrorOut},
    summary="One saved profile",
)
def my_profile(request: HttpRequest, profile_id: int) -> Any:
    return _out(get_object_or_404(SavedProfile, pk=profile_id, owner=request.user))


@api.delete(
    "/me/profiles/{profile_id}",
    auth=django_auth,
    response={204: None, 404: ErrorOut, 422: ErrorOut},
    summary="Delete a saved profile",
)
def delete_my_profile(request: HttpRequest, profile_id: int) -> Any:
    get_object_or_404(SavedProfile, pk=profile_id, owner=request.user).delete()
    return Status(204, None)


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


def _plan_answer(profile: Profile, query: PlanQuery) -> Any:
    """The CLI's ``imgpath plan --format json``, with ``what_if`` when assumptions are given."""
    rulebook = default_rulebook()
    day = query.as_of or profile.evaluation_date()
    options: dict[str, Any] = {
        "as_of": day,
        "states": [s.upper() for s in query.state] or None,
        "route": query.route,
        "rank_by": query.sort,
    }
    try:
        plans = plan(profile, rulebook, **options)
        if not query.assume:
            return plans_json(plans)
        assumed = assume(profile, query.assume, day)
        after = plan(assumed, rulebook, **options)
    except KeyError:
        return Status(
            404,
            {
                "detail": f"no licensure route '{query.route}'",
                "errors": [{"field": "route", "message": "unknown route"}],
            },
        )
    except InputError as error:
        field = "assume" if error.field in (None, "--assume") else error.field
        return Status(422, {"detail": error.message, "errors": [{"field": field, "message": error.message}]})
    after.assumptions = list(query.assume)
    return plans_json(after, compare(plans, after))


@api.post(
    "/plan",
    response={200: dict[str, Any], 404: ErrorOut, 422: ErrorOut},
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
def plan_profile(request: HttpRequest, query: Query[PlanQuery]) -> Any:
    profile = _profile_from_body(request)
    if isinstance(profile, Status):
        return profile
    return _plan_answer(profile, query)


@api.get(
    "/me/profiles/{profile_id}/plan",
    auth=django_auth,
    response={200: dict[str, Any], 404: ErrorOut, 422: ErrorOut},
    summary="Plans for one of my saved profiles",
)
def my_profile_plan(request: HttpRequest, profile_id: int, query: Query[PlanQuery]) -> Any:
    saved = get_object_or_404(SavedProfile, pk=profile_id, owner=request.user)
    try:
        profile = Profile.model_validate(saved.data)
    except ValidationError as error:
        return Status(422, {"detail": "the saved profile is invalid", "errors": _problems(error)})
    return _plan_answer(profile, query)
