"""What every router of the API shares: the error answer's shape, a body read as a profile, the query
types (days, state codes) that refuse what the engine cannot use, and an answer sent as written."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Annotated, Any, Literal, TypedDict

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language, gettext
from ninja import Field, Schema, Status
from ninja.renderers import JSONRenderer
from pydantic import BeforeValidator, ValidationError

from imgpath.dates import DAY_PATTERN, FIRST_YEAR, LAST_YEAR
from imgpath.engine import Profile, problem_message
from imgpath.errors import FieldProblem
from imgpath.errors import problems as field_problems
from imgpath.messages import message, render
from imgpath.messages.languages import ENGLISH, language
from imgpath.rulebook import default_rulebook
from imgpath.yamlio import InputError, Location, load_json, printable

REF = "#/components/schemas/{model}"
PROFILE_SCHEMA = Profile.model_json_schema(mode="validation", ref_template=REF)
"""The public profile format (design.md) as JSON Schema, the body of POST /check: what the API accepts
(validation mode; the serialization mode described what it writes, and let through bodies it refuses)."""


class FieldError(Schema):
    field: str = Field(description="The field at fault, as a path (medical_school.graduated); empty: all.")
    message: str


class ErrorOut(Schema):
    """Every error answer: what went wrong, and for bad input what is wrong with which field."""

    detail: str
    errors: list[FieldError] = Field(default_factory=list)


class FieldErrorBody(TypedDict):
    """``FieldError`` as the operations build it, before django-ninja checks it against the schema."""

    field: str
    message: str


class ErrorBody(TypedDict):
    """``ErrorOut`` as the operations build it: ``Status(422, ErrorBody(...))``."""

    detail: str
    errors: list[FieldErrorBody]


MAX_PROBLEMS = 20
"""Errors listed in one answer: a body with 100,000 bad values gets 20 and a count, not 100,000."""


def say(key: str, /, **params: object) -> str:
    """A message of the catalogue (``input.invalid_profile``) in the request's language (Django's
    LocaleMiddleware chose it from Accept-Language): the API's words are the wizard's and the CLI's."""
    return render(message(key, **params), gettext)


def field_message(found: FieldProblem, *, profile: bool = True) -> str:
    """What is wrong with a field, as ``errors[].message`` says it: in English, pydantic's words as
    published; in Spanish or Arabic, the sentence the wizard and the CLI use for the same error
    (``imgpath.engine.problem_message``), where there is one. ``profile``: the problem is a profile's
    (a pattern there is a country or state code; elsewhere it is not)."""
    keyed = problem_message(found)
    if keyed is None or language(get_language()) == ENGLISH:
        return printable(found.message, 300)
    if not profile and found.kind == "string_pattern_mismatch":
        return printable(found.message, 300)
    return printable(render(keyed, gettext), 300)


def problems(error: ValidationError, prefix: Location = (), *, profile: bool = True) -> list[FieldErrorBody]:
    """Each problem as the API's ``{"field", "message"}`` (named as the loader and the CLI name it),
    at most MAX_PROBLEMS and then a count."""
    return problem_bodies(error.errors(), prefix, profile=profile)


def problem_bodies(
    found: Sequence[Mapping[str, Any]], prefix: Location = (), *, profile: bool = True
) -> list[FieldErrorBody]:
    """``problems`` for pydantic's (or django-ninja's) error dicts."""
    shown = field_problems(found[:MAX_PROBLEMS], prefix)
    problems: list[FieldErrorBody] = [
        {"field": p.path, "message": field_message(p, profile=profile)} for p in shown
    ]
    if len(found) > MAX_PROBLEMS:
        problems.append({"field": "", "message": say("input.more_problems", count=len(found) - MAX_PROBLEMS)})
    return problems


def profile_from_body(request: HttpRequest) -> Profile | Status[ErrorBody]:
    """The request body as a profile, or the 422 answer that names what is wrong with it."""
    found = profile_and_extras_from_body(request, ())
    return found if isinstance(found, Status) else found[0]


def profile_and_extras_from_body(
    request: HttpRequest, extras: tuple[str, ...]
) -> tuple[Profile, dict[str, Any]] | Status[ErrorBody]:
    """The request body as a profile and the operation's own top-level fields beside it (``extras``,
    set aside before the profile is read), or the 422 answer that names what is wrong."""
    if not request.body:  # no body, or one sent in chunks without a length (Django reads none of it)
        detail = say("input.empty_body")
        return Status(422, {"detail": detail, "errors": [{"field": "", "message": say("input.empty")}]})
    try:
        data = load_json(request.body, "body")
    except InputError as error:  # not JSON or UTF-8, a key twice, too many values, nested too deeply
        problem = error.message.removeprefix("not valid JSON: ")
        detail = f"the body is not usable JSON: {problem}"
        return Status(422, {"detail": detail, "errors": [{"field": "", "message": problem}]})
    if not isinstance(data, dict):
        return Status(422, {"detail": say("input.not_an_object"), "errors": []})
    aside = {name: data.pop(name) for name in extras if name in data}
    try:
        return Profile.model_validate(data), aside
    except ValidationError as error:
        return Status(422, {"detail": say("input.invalid_profile"), "errors": problems(error)})


AnswerFields = Annotated[
    Literal["full", "summary"],
    Field(
        description="`full` (the default): the CLI's whole answer. `summary`: each route's verdict, "
        "deciding criterion, dates and open questions, in English (a few percent of the size)."
    ),
]
"""``?fields=`` of ``/check`` and ``/plan``: the whole answer, or its light form."""


_RENDERER = JSONRenderer()
"""The renderer the API answers with (NinjaAPI's default): an answer sent as written has its bytes."""


def as_written(request: HttpRequest, data: dict[str, Any]) -> HttpResponse:
    """A 200 answer already in its public JSON shape (a serializer's output), sent as it is.

    The operation's ``response=`` model documents it in OpenAPI; returning an HttpResponse skips
    django-ninja's validating and dumping it again through that model, which more than doubled the
    time of ``/check`` and ``/plan``, wrote a plan's whole-dollar costs as ``0.0`` and added
    ``"what_if": null``. tests/web/api holds the answers to their documented schema and to the
    serializers' bytes.
    """
    content = _RENDERER.render(request, data, response_status=200)
    return HttpResponse(content, content_type=f"{_RENDERER.media_type}; charset={_RENDERER.charset}")


EARLIEST, LATEST = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)
"""Dates the engine and the planner can work with (plans run decades past the date given)."""

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_day(value: object) -> date:
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


def _state_code(value: object) -> str:
    """A state the rulebook has (``?state=ZZ`` used to answer with the federal routes alone)."""
    code = str(value).strip().upper()
    if f"US-{code}" not in default_rulebook().jurisdictions:
        raise ValueError(f"'{printable(str(value))}' is not a state the rulebook has; use codes such as TN")
    return code


def _state_codes(schema: dict[str, Any]) -> None:
    schema["enum"] = sorted(j.removeprefix("US-") for j in default_rulebook().jurisdictions if j != "US")
    schema["description"] = "A state the rulebook has, by its two-letter code (any case)."


StateCode = Annotated[str, BeforeValidator(_state_code), Field(json_schema_extra=_state_codes)]
