"""The routes a user tracks on a checklist: their upcoming deadlines and a private calendar feed.

The feed URL carries a random secret (``secrets.token_urlsafe``); only its SHA-256 is stored, so the
URL is shown once, when it is made. Making a new one replaces the old, which stops working at once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from imgpath.planner.ics import plans_to_ics
from imgpath.planner.model import PlanSet, RoutePlan
from imgpath.planner.plans import plan
from imgpath.rulebook.loader import default_rulebook
from imgpath.web import throttle
from imgpath.web.accounts.models import SavedProfile
from imgpath.web.lib.rates import Rate
from imgpath.web.plans.models import ChecklistItem, FeedToken
from imgpath.web.plans.planning import CLOSED, calendar_response, plan_day, saved_plan_profile

UPCOMING_DAYS = 90
FEED_URL_KEY = "imgpath_feed_url"
"""The session key that carries a new feed URL to the account page, once."""


@dataclass(frozen=True)
class Tracked:
    """A route a saved profile keeps a checklist for, planned, with each step's status."""

    saved: SavedProfile
    plan: RoutePlan
    statuses: dict[str, str]

    def open_steps(self) -> RoutePlan:
        """The plan without the steps marked done or not needed."""
        steps = [s for s in self.plan.steps if self.statuses.get(s.id) not in CLOSED]
        return replace(self.plan, steps=steps)


def tracked(user: Any) -> list[Tracked]:
    """Every (saved profile, route) of the user with checklist items, planned from the profile."""
    found: list[Tracked] = []
    items = ChecklistItem.objects.filter(profile__owner=user).select_related("profile")
    by_route: dict[tuple[int, str], dict[str, str]] = {}
    profiles: dict[int, SavedProfile] = {}
    for item in items:
        by_route.setdefault((item.profile.pk, item.pathway), {})[item.step] = item.status
        profiles[item.profile.pk] = item.profile
    rulebook = default_rulebook()
    for (profile_id, pathway), statuses in sorted(by_route.items()):
        saved = profiles[profile_id]
        profile = saved_plan_profile(saved)
        if profile is None:
            continue
        try:
            planned = plan(profile, rulebook, as_of=plan_day(profile), route=pathway).plans[0]
        except KeyError:  # a route the rulebook no longer holds
            continue
        found.append(Tracked(saved, planned, statuses))
    return found


@dataclass(frozen=True)
class Upcoming:
    day: date
    what: str
    profile: str
    route: str
    href: str


def upcoming(user: Any, today: date | None = None, days: int = UPCOMING_DAYS) -> list[Upcoming]:
    """Deadlines, last days to act and step ends falling in the next ``days`` days, soonest first."""
    start = today or date.today()
    until = start + timedelta(days=days)
    found = []
    for entry in tracked(user):
        route = entry.open_steps()
        href = reverse("checklist", args=(entry.saved.pk, route.pathway))
        dated = [(day, what) for day, what in route.deadlines]
        dated += [
            (lapse.act_by, _("Last day to start: %(why)s") % {"why": lapse.reason})
            for lapse in route.lapses
            if lapse.act_by
        ]
        dated += [(step.end, _("Planned end: %(step)s") % {"step": step.name}) for step in route.steps]
        for day, what in dated:
            if start <= day <= until:
                found.append(Upcoming(day, what, entry.saved.name, route.name, href))
    return sorted(found, key=lambda u: (u.day, u.profile, u.route, u.what))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def rotate(user: Any) -> str:
    """A new secret for the user's feed; the old one stops working. Returns the secret."""
    token = secrets.token_urlsafe(32)
    FeedToken.objects.update_or_create(owner=user, defaults={"digest": _digest(token)})
    return token


def owner_of(token: str) -> Any | None:
    digest = _digest(token)
    found = FeedToken.objects.filter(digest=digest).select_related("owner").first()
    if found is None or not hmac.compare_digest(found.digest, digest):
        return None
    return found.owner


@login_required
@require_POST
def rotate_feed(request: HttpRequest) -> HttpResponse:
    token = rotate(request.user)
    request.session[FEED_URL_KEY] = request.build_absolute_uri(reverse("feed", args=(token,)))
    messages.success(
        request, _("Your new calendar feed address is ready; any older address no longer works.")
    )
    return redirect(reverse("account") + "#calendar-feed")


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar of every tracked route's open steps and deadlines; no log-in, the token is the key.

    Limited to PAGE_RATE per feed: calendar services fetch many people's feeds from few addresses."""
    rate = Rate.parse(settings.PAGE_RATE)
    if throttle.exceeded("feed", _digest(token), rate):
        return throttle.too_many(request, rate.seconds, image=True)
    user = owner_of(token)
    if user is None:
        raise Http404
    entries = tracked(user)
    plans = []
    for entry in entries:
        route = entry.open_steps()
        # one saved profile's route apart from another's: UIDs stay unique and stable
        plans.append(
            replace(
                route,
                pathway=f"{route.pathway}.profile{entry.saved.pk}",
                name=f"{entry.saved.name}: {route.name}",
            )
        )
    return calendar_response(plans_to_ics(PlanSet(date.today(), plans)), "imgpath.ics")
