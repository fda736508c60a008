"""The cohorts' part of the API: ``POST /cohorts`` queues a batch check (a CSV in the template's
format, or a JSON list of profiles in the public format) and answers 202 with the run's id and status
URL; ``GET /cohorts/{run_id}`` gives its progress and, once done, the results as the CLI's JSON.
A session is needed, as for the account's endpoints; the API's rate limit applies."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from ninja import Router, Schema, Status
from ninja.security import django_auth
from pydantic import ValidationError

from imgpath.cohort import CohortError, Person, read_csv, results_json
from imgpath.engine import Profile
from imgpath.web.accounts.auth import AuthenticatedHttpRequest
from imgpath.web.api.schemas import ErrorBody, ErrorOut, FieldErrorBody, problems, say
from imgpath.web.cohorts import runs
from imgpath.yamlio import InputError, load_json

router = Router()

MAX_JSON_PROFILES = 1_000
"""Profiles in one JSON batch; larger cohorts go as CSV (up to ``runs.MAX_ROWS`` rows)."""


class RunQueued(Schema):
    id: int
    status: str
    status_url: str


class RunOut(Schema):
    id: int
    status: str
    file_name: str
    rows: int
    done: int
    total: int
    created: str
    finished: str | None
    results: dict[str, Any] | None


def _refused(detail: str, errors: list[FieldErrorBody]) -> Status[ErrorBody]:
    return Status(422, {"detail": detail, "errors": errors})


def _people(request: AuthenticatedHttpRequest) -> list[Person] | Status[ErrorBody]:
    if not request.body:
        return _refused(say("input.empty_body"), [{"field": "", "message": say("input.empty")}])
    if request.content_type == "text/csv":
        try:
            people = read_csv(io.BytesIO(request.body), file="body", max_rows=runs.MAX_ROWS)
        except CohortError as error:
            return _refused(
                "the CSV was refused whole: nothing was queued",
                [
                    {"field": f"row {p.row}" + (f", {p.column}" if p.column else ""), "message": p.message}
                    for p in error.problems
                ],
            )
        return people
    try:
        data = load_json(request.body, "body")
    except InputError as error:
        problem = error.message.removeprefix("not valid JSON: ")
        return _refused(f"the body is not usable JSON: {problem}", [{"field": "", "message": problem}])
    if not isinstance(data, list) or not data:
        return _refused("the body must be a non-empty JSON list of profiles", [])
    if len(data) > MAX_JSON_PROFILES:
        return _refused(f"at most {MAX_JSON_PROFILES:,} profiles in one JSON batch: send a CSV for more", [])
    people = []
    for index, entry in enumerate(data):
        try:
            profile = Profile.model_validate(entry)
        except ValidationError as error:
            return _refused(say("input.invalid_profile"), problems(error, (index,)))
        people.append(Person(f"row-{index + 1}", index + 1, profile))
    return people


@router.post(
    "/cohorts",
    auth=django_auth,
    response={202: RunQueued, 422: ErrorOut},
    summary="Queue a batch check",
    description="The body: a CSV in the cohort template's format (`Content-Type: text/csv`, at most "
    f"{runs.MAX_ROWS:,} rows) or a JSON list of profiles in the public format (at most "
    f"{MAX_JSON_PROFILES:,}). A bad row refuses the whole body. The check runs in the background: "
    "poll `status_url`.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/Profile"},
                        "minItems": 1,
                        "maxItems": MAX_JSON_PROFILES,
                    }
                },
                "text/csv": {"schema": {"type": "string"}},
            },
        }
    },
)
def cohort_queue(request: AuthenticatedHttpRequest) -> Status[dict[str, Any]] | Status[ErrorBody]:
    people = _people(request)
    if isinstance(people, Status):
        return people
    name = "api.csv" if request.content_type == "text/csv" else "api.json"
    run = runs.start_run(request.user, people, file_name=name, as_of=date.today())
    url = reverse("api:cohort_status", kwargs={"run_id": run.pk})
    return Status(202, {"id": run.pk, "status": run.status, "status_url": url})


@router.get(
    "/cohorts/{run_id}",
    auth=django_auth,
    response={200: RunOut, 404: ErrorOut, 422: ErrorOut},
    url_name="cohort_status",
    summary="A batch check's progress and results",
)
def cohort_status(request: AuthenticatedHttpRequest, run_id: int) -> dict[str, Any] | HttpResponse:
    """Progress (done of total) while it runs; ``results`` once done: what `imgpath cohort FILE
    --format json` prints for the same people. 404 for a run this account may not see."""
    run = runs.visible_run(request.user, run_id)
    run.refresh_from_db()
    result = runs.run_result(run)
    return {
        "id": run.pk,
        "status": run.status,
        "file_name": run.file_name,
        "rows": run.rows,
        "done": run.done,
        "total": run.total,
        "created": run.created.isoformat(),
        "finished": run.finished.isoformat() if run.finished else None,
        "results": results_json(result) if result is not None else None,
    }
