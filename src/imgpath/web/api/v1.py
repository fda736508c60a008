"""The JSON API under /api/v1/ (its version in the URL): one NinjaAPI assembled from the router of
each app, rate limited, with the error answers and OpenAPI additions every operation shares.

``POST /check`` answers exactly what ``imgpath check --format json`` prints for the same profile.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import Throttled
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from imgpath.web import workers
from imgpath.web.accounts.api import router as accounts_router
from imgpath.web.advising.api import router as advising_router
from imgpath.web.api.schemas import MAX_PROBLEMS, PROFILE_SCHEMA, REF, problem_bodies, say
from imgpath.web.api.throttling import SettingsRateThrottle
from imgpath.web.cohorts.api import router as cohorts_router
from imgpath.web.matching.api import router as matching_router
from imgpath.web.mentoring.api import router as mentoring_router
from imgpath.web.opportunities.api import router as opportunities_router
from imgpath.web.pages.api import router as pages_router
from imgpath.web.plans.api import router as plans_router

OPERATION_ID_PREFIX = "imgpath_web_api_"
"""Operation ids as published before the API was split into routers (then all in ``imgpath.web.api``):
clients generated from the document keep their method names."""


def _loose_docs_csp(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The OpenAPI page's Swagger UI sets inline styles: allow those there, and only there."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.headers["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY.replace(
            "style-src 'self'", "style-src 'self' 'unsafe-inline'"
        )
        return response

    return wrapped


_ERROR_BODY = {"application/json": {"schema": {"$ref": REF.format(model="ErrorOut")}}}


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

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.update(PROFILE_SCHEMA.get("$defs", {}))
        components["Profile"] = {k: v for k, v in PROFILE_SCHEMA.items() if k != "$defs"}
        # accounts' SavedProfileIn takes any JSON object (validated as a Profile in its operation)
        components["SavedProfileIn"]["properties"]["profile"] = {"$ref": REF.format(model="Profile")}
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                for status, description in _shared_error_answers(method, operation).items():
                    responses.setdefault(status, {"description": description, "content": _ERROR_BODY})
                operation["responses"] = dict(sorted(responses.items(), key=lambda item: int(item[0])))
        return schema

    def get_openapi_operation_id(self, operation: Operation) -> str:
        return OPERATION_ID_PREFIX + operation.view_func.__name__


api = _Api(
    title="IMG Pathways API",
    version="1",
    description="Which US licensure routes are open to an international medical graduate. "
    "Legal information, not legal advice.",
    urls_namespace="api",
    throttle=[SettingsRateThrottle()],
    docs_decorator=_loose_docs_csp,
)


@api.exception_handler(NinjaValidationError)
def _invalid(request: HttpRequest, error: NinjaValidationError) -> HttpResponse:
    wrappers = {"body", "query", "path", "payload"}  # django-ninja's own steps, not the sender's fields
    found = [
        {**e, "loc": tuple(p for p in e.get("loc", ()) if p not in wrappers)}
        for e in error.errors[:MAX_PROBLEMS]
    ]
    errors = problem_bodies(found, profile=False)
    if len(error.errors) > MAX_PROBLEMS:
        errors.append(
            {"field": "", "message": say("input.more_problems", count=len(error.errors) - MAX_PROBLEMS)}
        )
    return api.create_response(request, {"detail": say("input.invalid_input"), "errors": errors}, status=422)


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


# in the order of the document before the split: pages' operations, then accounts', then plans';
# later routers after them
api.add_router("", pages_router)
api.add_router("", accounts_router)
api.add_router("", plans_router)
api.add_router("", opportunities_router)
api.add_router("", advising_router)
api.add_router("", matching_router)
api.add_router("", mentoring_router)
api.add_router("", cohorts_router)
