"""Planning helpers the plan pages and the calendar feeds share: the day a plan starts, one route's
plan, a saved profile as the planner reads it, the steps that count as closed and the ICS answer."""

from __future__ import annotations

from datetime import date

from django.http import Http404, HttpResponse
from pydantic import ValidationError

from imgpath.engine import Profile
from imgpath.planner import RoutePlan, plan
from imgpath.rulebook import default_rulebook
from imgpath.web.accounts.models import SavedProfile
from imgpath.web.plans.models import ChecklistItem

CLOSED = {ChecklistItem.Status.done, ChecklistItem.Status.skipped}
"""Checklist statuses whose steps leave the feed and the upcoming deadlines."""


def saved_plan_profile(saved: SavedProfile) -> Profile | None:
    """A saved profile as the planner reads it; None when it no longer validates."""
    try:
        return Profile.model_validate(saved.data)
    except ValidationError:
        return None


def plan_day(profile: Profile) -> date:
    """Plans start on the profile's own as-of date (today when it has none), as the CLI's do."""
    return profile.evaluation_date()


def route_plan(profile: Profile, pathway: str) -> RoutePlan:
    """One route's plan; Http404 when it is not a licensure route of the rulebook."""
    try:
        return plan(profile, default_rulebook(), as_of=plan_day(profile), route=pathway).plans[0]
    except KeyError:
        raise Http404 from None


def calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
