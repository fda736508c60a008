"""The pages' part of the API: verdicts for a profile, the rulebook's routes and jurisdictions."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from imgpath.engine import CheckAnswer, CheckSummary, check, check_json, check_summary_json
from imgpath.rulebook import Kind, Pathway, default_rulebook
from imgpath.web.api.schemas import (
    AnswerFields,
    Day,
    ErrorBody,
    ErrorOut,
    StateCode,
    as_written,
    profile_from_body,
)
from imgpath.web.pages.rulebook import latest_event

router = Router()


class CheckQuery(Schema):
    as_of: Day | None = Field(default=None, description="Evaluate on this day instead of the profile's.")
    state: list[StateCode] = Field(
        default_factory=list, description="Only these states (plus federal routes)."
    )
    kind: list[Kind] = Field(default_factory=list)
    fields: AnswerFields = "full"


@router.post(
    "/check",
    response={200: CheckAnswer | CheckSummary, 422: ErrorOut},
    summary="Every route's verdict for a profile",
    description="The body is a profile in the public format (design.md). The answer is the CLI's "
    "`imgpath check --format json`; with `fields=summary`, its light form (CheckSummary).",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Profile"}}},
        }
    },
)
def check_profile(request: HttpRequest, query: Query[CheckQuery]) -> HttpResponse | Status[ErrorBody]:
    profile = profile_from_body(request)
    if isinstance(profile, Status):
        return profile
    result = check(
        profile,
        default_rulebook(),
        as_of=query.as_of,
        states=[s.upper() for s in query.state] or None,
        kinds=query.kind or None,
    )
    if query.fields == "summary":
        return as_written(request, check_summary_json(result))
    return as_written(request, check_json(result))


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


@router.get(
    "/pathways", response={200: list[PathwayOut], 422: ErrorOut}, summary="Every route in the rulebook"
)
def pathways(
    request: HttpRequest, state: StateCode | None = None, kind: Kind | None = None, on: Day | None = None
) -> list[PathwayOut]:
    day = on or date.today()
    out = []
    for jurisdiction, pathway in default_rulebook().pathways:
        if state and jurisdiction.jurisdiction != f"US-{state}":
            continue
        if kind and pathway.kind is not kind:
            continue
        event = latest_event(pathway, day)
        out.append(
            PathwayOut(
                id=pathway.id,
                jurisdiction=jurisdiction.jurisdiction,
                kind=pathway.kind.value,
                name=pathway.name,
                summary=pathway.summary,
                status=event.status.value if event else None,
                confidence=pathway.confidence.value if pathway.confidence else None,
                as_of=pathway.as_of,
                reference=[ReferenceOut(title=r.title, href=r.href) for r in pathway.reference],
            )
        )
    return out


class PathwayDetail(Pathway):
    """A route in the rulebook's own format (fields at their default left out), and where it is."""

    jurisdiction: str = Field(description="Its rule file: US-TN, or US for a federal route.")


@router.get(
    "/pathways/{pathway_id}",
    response={200: PathwayDetail, 404: ErrorOut},
    summary="One route as the rulebook holds it",
    by_alias=True,  # documents the rulebook's names (a group's ``not``), as the answer has them
)
def pathway_detail(request: HttpRequest, pathway_id: str) -> HttpResponse | Status[ErrorBody]:
    try:
        jurisdiction, pathway = default_rulebook().pathway(pathway_id)
    except KeyError:
        return Status(
            404,
            ErrorBody(
                detail=f"no pathway '{pathway_id}'", errors=[{"field": "pathway_id", "message": "unknown"}]
            ),
        )
    return as_written(
        request,
        {
            "jurisdiction": jurisdiction.jurisdiction,
            **pathway.model_dump(mode="json", exclude_defaults=True, by_alias=True),
        },
    )


class JurisdictionOut(Schema):
    jurisdiction: str
    name: str
    board: ReferenceOut | None
    pathways: list[str]


@router.get("/jurisdictions", response=list[JurisdictionOut], summary="Every jurisdiction and its routes")
def jurisdictions(request: HttpRequest) -> list[JurisdictionOut]:
    return [
        JurisdictionOut(
            jurisdiction=j.jurisdiction,
            name=j.name,
            board=ReferenceOut(title=j.board.title, href=j.board.href) if j.board else None,
            pathways=[p.id for p in j.pathways],
        )
        for j in default_rulebook().jurisdictions.values()
    ]
