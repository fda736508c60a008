"""Listings added to a saved plan: a listing adapted into the planner's ``Addition``, a saved plan's
additions placed by the planner, and what the reader must be warned of about each listing.

The planner never reads listings; this module is the adapter. Money the source does not give is a fee
of unknown amount (named, never counted as 0); ``cost.free`` is the only way to say nothing is due.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from imgpath.finder import ListingStatus, Opportunity, OpportunityKind, Per, freshness
from imgpath.finder import Money as ListingMoney
from imgpath.planner import (
    Addition,
    Money,
    PlannedAddition,
    PlannedFee,
    RoutePlan,
    Source,
    step_ids,
    with_additions,
)
from imgpath.rulebook import default_rulebook
from imgpath.web.accounts.models import SavedProfile
from imgpath.web.opportunities.models import Listing, Review
from imgpath.web.plans.models import ChecklistItem, PlanAddition

LAST_PLAN_KEY = "imgpath_last_saved_plan"
"""The session key holding the saved plan (profile id, route) last opened: a listing's page offers to
add the listing to it."""

WEEKS_PER = {Per.week: 1.0, Per.month: 52 / 12, Per.year: 52.0}
"""Weeks in each period a price can be given per (a day's price is left unknown: the source does not
say how many days a week count)."""


def _sources(opportunity: Opportunity) -> tuple[Source, ...]:
    """The listing's references, read on the day the listing was last checked against them."""
    return tuple(Source(r.title, r.href, opportunity.last_verified) for r in opportunity.reference)


def _weeks(opportunity: Opportunity) -> tuple[float, float] | None:
    duration = opportunity.duration
    if duration is None:
        return None
    low = duration.min_weeks or duration.max_weeks
    high = duration.max_weeks or duration.min_weeks
    return None if low is None or high is None else (low, high)


def _amount(money: ListingMoney, weeks: tuple[float, float] | None) -> Money | None:
    """The whole price of a stay: as given for the total or a rotation, by the weeks on offer for a
    price per week, month or year (shortest and longest), else unknown."""
    if money.per in (Per.total, Per.rotation):
        return Money(money.usd, money.usd, money.usd)
    if money.per not in WEEKS_PER or weeks is None:
        return None
    per_week = money.usd / WEEKS_PER[money.per]
    low, high = per_week * weeks[0], per_week * weeks[1]
    return Money(round(low, 2), round(low, 2), round(high, 2))


def _fee(fee_id: str, label: str, money: ListingMoney | None, opportunity: Opportunity) -> PlannedFee:
    amount = None if money is None else _amount(money, _weeks(opportunity))
    if money is not None and amount is None:
        label = f"{label} ({money.usd:,.0f} USD per {money.per.value})"
    return PlannedFee(fee_id, label, amount, None, list(_sources(opportunity)), None)


def addition_of(opportunity: Opportunity) -> Addition:
    """The listing as the planner places it: its window, sessions, lead time, fees and amount."""
    application = opportunity.application
    cost = opportunity.cost
    funding = opportunity.kind == OpportunityKind.funding
    application_fees: tuple[PlannedFee, ...] = ()
    fees: tuple[PlannedFee, ...] = ()
    if not cost.free:
        application_fees = (_fee("application_fee", "Application fee", cost.application_fee, opportunity),)
        if not funding:
            fees = (_fee("tuition", "Tuition", cost.tuition, opportunity),)
    amount = opportunity.amount
    return Addition(
        id=opportunity.id,
        name=opportunity.title,
        kind="funding" if funding else "opportunity",
        sources=_sources(opportunity),
        deadline=application.deadline,
        yearly_deadline=None if application.deadline is not None else application.yearly_closes,
        opens=application.opens,
        lead_time_days=application.lead_time_days,
        sessions=tuple((s.start, s.end) for s in opportunity.sessions),
        weeks=_weeks(opportunity),
        application_fees=application_fees,
        fees=fees,
        covers=None if amount is None else Money(amount.usd, amount.usd, amount.usd),
        covers_per=None if amount is None or amount.per == Per.total else amount.per.value,
        demo=opportunity.demo,
    )


def warnings(listing: Listing, today: date) -> list[str]:
    """What the reader must know before relying on an added listing: taken down, not taking
    applications, not published, or not checked against its source for a long time."""
    found = []
    status = listing.status
    if status == ListingStatus.withdrawn:
        found.append(_("This listing was withdrawn by its host or a curator: it may no longer exist."))
    elif status == ListingStatus.expired:
        found.append(_("This listing has expired: its last session or deadline has passed."))
    elif status == ListingStatus.closed:
        found.append(_("This listing is not taking applications now; it may open again."))
    if listing.review != Review.published:
        found.append(_("This listing is no longer published: search does not show it."))
    fresh = freshness(listing.last_verified, today)
    if fresh == "hidden":
        found.append(
            _("Nobody has checked this listing against its source for a long time: search hides it.")
        )
    elif fresh == "stale":
        found.append(_("This listing has not been checked against its source for a while."))
    return found


def step_ids_of(slug: str) -> tuple[str, str]:
    """The ids of the steps a listing adds to a plan (its checklist rows are kept by them)."""
    return step_ids(slug)


def saved_additions(saved: SavedProfile, pathway: str) -> list[PlanAddition]:
    """The listings a saved profile added to its plan for a route, in the order they were added."""
    return list(PlanAddition.objects.filter(profile=saved, pathway=pathway).select_related("listing"))


def placed(route: RoutePlan, records: Sequence[PlanAddition], as_of: date) -> RoutePlan:
    """The plan with the records' listings placed on it from ``as_of``."""
    return with_additions(route, [addition_of(r.listing.opportunity) for r in records], as_of)


@dataclass(frozen=True)
class Added:
    """One addition as the plan page shows it: the record, how the planner placed it, the warnings."""

    record: PlanAddition
    planned: PlannedAddition | None
    warnings: list[str]


def shown(route: RoutePlan, records: Sequence[PlanAddition], today: date) -> list[Added]:
    """Each record beside how ``route`` (already placed) holds it."""
    by_id = {a.addition.id: a for a in route.additions}
    return [Added(r, by_id.get(r.listing.slug), warnings(r.listing, today)) for r in records]


PLAN_CHOICES = 10
"""Saved plans a listing's page offers to add it to: the one last opened, then the tracked ones."""


@dataclass(frozen=True)
class PlanChoice:
    """A saved plan (a saved profile and a route) a listing can be added to, or is already in."""

    profile: SavedProfile
    pathway: str
    route: str
    added: bool
    add_url: str
    remove_url: str
    plan_url: str


def _pairs(request: HttpRequest, user: User) -> list[tuple[int, str]]:
    pairs: list[tuple[int, str]] = []
    last = request.session.get(LAST_PLAN_KEY)
    if isinstance(last, list) and len(last) == 2 and isinstance(last[0], int) and isinstance(last[1], str):
        pairs.append((last[0], last[1]))
    rows = ChecklistItem.objects.filter(profile__owner=user).values_list("profile_id", "pathway").distinct()
    more = PlanAddition.objects.filter(profile__owner=user).values_list("profile_id", "pathway").distinct()
    for pair in [*rows.order_by("profile_id", "pathway"), *more.order_by("profile_id", "pathway")]:
        if pair not in pairs:
            pairs.append(pair)
    return pairs[:PLAN_CHOICES]


def add_to_plan_context(request: HttpRequest, listing: Listing) -> dict[str, Any]:
    """What ``plans/_add_to_plan.html`` needs for ``listing``: the user's saved plans, each with
    whether the listing is in it, or the log-in link for a visitor."""
    user = request.user
    here = request.get_full_path()
    if not user.is_authenticated:
        return {
            "listing": listing,
            "login_url": f"{reverse('login')}?{urlencode({'next': here})}",
            "here": here,
        }
    assert isinstance(user, User)
    rulebook = default_rulebook()
    profiles = {p.pk: p for p in SavedProfile.objects.filter(owner=user)}
    added = set(
        PlanAddition.objects.filter(profile__owner=user, listing=listing).values_list("profile_id", "pathway")
    )
    choices = []
    for profile_id, pathway in _pairs(request, user):
        profile = profiles.get(profile_id)
        if profile is None:  # someone else's id in the session, or a profile since deleted
            continue
        try:
            route = rulebook.pathway(pathway)[1].name
        except KeyError:
            continue
        args = (profile_id, pathway)
        choices.append(
            PlanChoice(
                profile,
                pathway,
                route,
                (profile_id, pathway) in added,
                reverse("plan_additions", args=args),
                reverse("remove_plan_addition", args=args),
                reverse("saved_plan", args=args),
            )
        )
    return {
        "listing": listing,
        "choices": choices,
        "here": here,
        "account_url": reverse("account"),
        "published": listing.review == Review.published,
    }
