"""The finder's part of the API: listings searched and judged for a profile, organisations, stories.

``GET /opportunities`` searches without a profile (no verdicts); ``POST /opportunities/fit`` takes a
profile as its body, exactly as ``POST /check`` does, and answers the same search ranked by fit, each
with its verdict and reasons as English text and as ``*_key``/``*_params`` data, like the check.
``/opportunities/fit`` is declared before ``/opportunities/{slug}``, and no listing may take the id
``fit`` (``imgpath.finder.catalogue.check_catalogue`` refuses it).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from imgpath.engine import (
    NOTICE,
    CriterionAnswer,
    OpenQuestionAnswer,
    Params,
    Verdict,
    criteria_json,
    facts_for,
    keyed,
    question_json,
)
from imgpath.finder import (
    Filters,
    Fit,
    Opportunity,
    OpportunityKind,
    Organisation,
    Story,
    Window,
    freshness,
    next_window,
)
from imgpath.messages import Message
from imgpath.rulebook import default_rulebook
from imgpath.web.api.schemas import Day, ErrorBody, ErrorOut, StateCode, as_written, profile_from_body
from imgpath.web.opportunities.models import Listing, OrganisationRecord, Review, StoryRecord
from imgpath.web.opportunities.search import Page, search

router = Router()


class FinderQuery(Schema):
    q: str | None = Field(default=None, max_length=200, description="Words that must all appear.")
    kind: list[OpportunityKind] = Field(default_factory=list, description="Only these kinds.")
    state: StateCode | None = Field(default=None, description="In this state (or open anywhere).")
    remote: bool | None = None
    specialty: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9_]*$", max_length=60)
    cost_at_most: float | None = Field(
        default=None,
        ge=0,
        le=10_000_000,
        description="USD; a listing giving no cost is left out and counted.",
    )
    visa: str | None = Field(
        default=None, pattern=r"^[A-Za-z0-9]{1,6}$", description="A visa class: J1, H1B."
    )
    deadline_after: Day | None = Field(default=None, description="Still open to applications after this day.")
    hands_on: bool | None = None
    page: int = Field(default=1, ge=1, le=10_000)

    def filters(self) -> Filters:
        return Filters(
            kinds=tuple(self.kind),
            state=self.state.upper() if self.state else None,
            remote=self.remote,
            specialty=self.specialty,
            cost_at_most=self.cost_at_most,
            visa=self.visa.upper() if self.visa else None,
            deadline_after=self.deadline_after,
            hands_on=self.hands_on,
            query=(self.q or "").strip() or None,
        )


class FitQuery(FinderQuery):
    as_of: Day | None = Field(default=None, description="Judge on this day instead of the profile's.")


class ReasonOut(Schema):
    reason: str = Field(description="In English.")
    reason_key: str = Field(description="The message key (see docs/messages.md).")
    reason_params: Params


class PartOut(ReasonOut):
    verdict: Verdict


class WindowOut(Schema):
    opens: date | None
    closes: date | None = Field(description="The last day to apply (inclusive).")


class RequirementsOut(Schema):
    verdict: Verdict
    reason: str
    reason_key: str
    reason_params: Params
    eligible_from: date | None
    eligible_until: date | None
    best_case: Verdict
    worst_case: Verdict
    criteria: list[CriterionAnswer]
    open_questions: list[OpenQuestionAnswer]


class FitOut(Schema):
    verdict: Verdict = Field(
        description="The worst of the requirements' verdict and the listing's own facts."
    )
    eligible_from: date | None
    reasons: list[ReasonOut] = Field(
        description="What decided: the listing's own facts, then its requirements."
    )
    why: list[ReasonOut] = Field(description="Why it sits where it does in the ranking.")
    parts: list[PartOut] = Field(description="The listing's own facts: status, window, visas.")
    requirements: RequirementsOut


class HitOut(Schema):
    listing: Opportunity = Field(
        description="The listing in the finder's format (fields not given left out)."
    )
    url: str = Field(description="Its page on this site.")
    cost_usd: float | None = Field(description="The least it costs for the shortest stay; null: not known.")
    freshness: Literal["fresh", "stale", "hidden"]
    window: WindowOut | None = Field(description="The window to apply in, open now or next.")
    fit: FitOut | None = Field(description="Its fit for the profile posted; null without one.")


class HitsOut(Schema):
    notice: str
    as_of: date | None = Field(description="The day the fit was judged on (null without a profile).")
    total: int
    page: int
    pages: int
    per_page: int
    left_out_unknown_cost: int = Field(description="Listings the cost filter left out: they give no cost.")
    hidden: int = Field(description="Listings left out because nobody verified them for 270 days.")
    results: list[HitOut]


class OrganisationsOut(Schema):
    results: list[Organisation]


class StoriesOut(Schema):
    results: list[Story]


def _reason(said: Message) -> dict[str, Any]:
    return keyed("reason", said)


def _window(window: Window | None) -> dict[str, Any] | None:
    if window is None:
        return None
    return {
        "opens": window.opens.isoformat() if window.opens else None,
        "closes": window.closes.isoformat() if window.closes else None,
    }


def fit_json(fit: Fit, why: tuple[Message, ...]) -> dict[str, Any]:
    """A listing's fit as JSON: its verdict and every reason, each as text and as keyed data."""
    requirements = fit.requirements
    return {
        "verdict": fit.verdict.value,
        "eligible_from": fit.eligible_from.isoformat() if fit.eligible_from else None,
        "reasons": [_reason(r) for r in fit.reasons],
        "why": [_reason(r) for r in why],
        "parts": [{"verdict": p.verdict.value, **_reason(p.reason)} for p in fit.parts],
        "requirements": {
            "verdict": requirements.verdict.value,
            **_reason(requirements.reason),
            "eligible_from": requirements.eligible_from.isoformat() if requirements.eligible_from else None,
            "eligible_until": requirements.eligible_until.isoformat()
            if requirements.eligible_until
            else None,
            "best_case": requirements.best_case.value,
            "worst_case": requirements.worst_case.value,
            "criteria": criteria_json(requirements.root),
            "open_questions": [question_json(q) for q in requirements.open_questions],
        },
    }


def hit_json(
    listing: Listing, opportunity: Opportunity, fit: Fit | None, why: tuple[Message, ...], today: date
) -> dict[str, Any]:
    return {
        "listing": opportunity.model_dump(mode="json", exclude_none=True, by_alias=True),
        "url": f"/opportunities/{opportunity.id}/",
        "cost_usd": listing.cost_usd,
        "freshness": fit.freshness if fit is not None else freshness(opportunity.last_verified, today),
        "window": _window(fit.window if fit is not None else next_window(opportunity.application, today)),
        "fit": fit_json(fit, why) if fit is not None else None,
    }


def _page_json(found: Page, today: date, judged_on: date | None) -> dict[str, Any]:
    return {
        "notice": NOTICE,
        "as_of": judged_on.isoformat() if judged_on else None,
        "total": found.total,
        "page": found.number,
        "pages": found.pages,
        "per_page": found.per_page,
        "left_out_unknown_cost": found.left_out_unknown_cost,
        "hidden": found.hidden,
        "results": [hit_json(h.listing, h.opportunity, h.fit, h.why, today) for h in found.hits],
    }


def _not_found(what: str, slug: str) -> Status[ErrorBody]:
    return Status(
        404, ErrorBody(detail=f"no {what} '{slug}'", errors=[{"field": "slug", "message": "unknown"}])
    )


@router.get(
    "/opportunities",
    response={200: HitsOut, 422: ErrorOut},
    summary="Search the listings (no profile: no verdicts)",
    by_alias=True,
)
def opportunities(request: HttpRequest, query: Query[FinderQuery]) -> HttpResponse:
    today = date.today()
    return as_written(request, _page_json(search(query.filters(), None, today, query.page), today, None))


@router.post(
    "/opportunities/fit",
    response={200: HitsOut, 422: ErrorOut},
    summary="Search the listings ranked by fit for a profile",
    description="The body is a profile in the public format, as for `POST /check`; the filters are the "
    "query's, as for `GET /opportunities`. Each result has its verdict and reasons.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Profile"}}},
        }
    },
    by_alias=True,
)
def opportunity_fit(request: HttpRequest, query: Query[FitQuery]) -> HttpResponse | Status[ErrorBody]:
    profile = profile_from_body(request)
    if isinstance(profile, Status):
        return profile
    day = query.as_of or profile.evaluation_date()
    facts = facts_for(profile, default_rulebook(), day)
    return as_written(request, _page_json(search(query.filters(), facts, day, query.page), day, day))


@router.get(
    "/opportunities/{slug}",
    response={200: HitOut, 404: ErrorOut},
    summary="One listing",
    by_alias=True,
)
def opportunity(request: HttpRequest, slug: str) -> HttpResponse | Status[ErrorBody]:
    listing = Listing.objects.filter(slug=slug, review=Review.published).first()
    if listing is None:
        return _not_found("opportunity", slug)
    return as_written(request, hit_json(listing, listing.opportunity, None, (), date.today()))


def _document(record: OrganisationRecord | StoryRecord) -> dict[str, Any]:
    found = record.organisation if isinstance(record, OrganisationRecord) else record.story
    return found.model_dump(mode="json", by_alias=True, exclude_none=True)


@router.get("/organisations", response=OrganisationsOut, summary="Every organisation that helps")
def organisations(request: HttpRequest) -> HttpResponse:
    return as_written(request, {"results": [_document(r) for r in OrganisationRecord.objects.all()]})


@router.get("/organisations/{slug}", response={200: Organisation, 404: ErrorOut}, summary="One organisation")
def organisation(request: HttpRequest, slug: str) -> HttpResponse | Status[ErrorBody]:
    record = OrganisationRecord.objects.filter(slug=slug).first()
    return _not_found("organisation", slug) if record is None else as_written(request, _document(record))


@router.get("/stories", response=StoriesOut, summary="Every story")
def stories(request: HttpRequest) -> HttpResponse:
    return as_written(request, {"results": [_document(r) for r in StoryRecord.objects.all()]})


@router.get("/stories/{slug}", response={200: Story, 404: ErrorOut}, summary="One story")
def story(request: HttpRequest, slug: str) -> HttpResponse | Status[ErrorBody]:
    record = StoryRecord.objects.filter(slug=slug).first()
    return _not_found("story", slug) if record is None else as_written(request, _document(record))
