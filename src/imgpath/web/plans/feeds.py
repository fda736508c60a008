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

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.translation import gettext as _

from imgpath.planner import RoutePlan, plan
from imgpath.rulebook import default_rulebook
from imgpath.web.accounts.models import SavedProfile
from imgpath.web.lib.sentences import say
from imgpath.web.plans.additions import placed
from imgpath.web.plans.models import ChecklistItem, FeedToken, PlanAddition
from imgpath.web.plans.planning import CLOSED, plan_day, saved_plan_profile

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


def tracked(user: User) -> list[Tracked]:
    """Every (saved profile, route) of the user with checklist items or added listings, planned from
    the profile with those listings placed on it."""
    found: list[Tracked] = []
    items = ChecklistItem.objects.filter(profile__owner=user).select_related("profile")
    by_route: dict[tuple[int, str], dict[str, str]] = {}
    profiles: dict[int, SavedProfile] = {}
    for item in items:
        by_route.setdefault((item.profile.pk, item.pathway), {})[item.step] = item.status
        profiles[item.profile.pk] = item.profile
    added: dict[tuple[int, str], list[PlanAddition]] = {}
    for record in PlanAddition.objects.filter(profile__owner=user).select_related("profile", "listing"):
        key = (record.profile.pk, record.pathway)
        added.setdefault(key, []).append(record)
        by_route.setdefault(key, {})
        profiles[record.profile.pk] = record.profile
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
        planned = placed(planned, added.get((profile_id, pathway), []), plan_day(profile))
        found.append(Tracked(saved, planned, statuses))
    return found


@dataclass(frozen=True)
class Upcoming:
    day: date
    what: str
    profile: str
    route: str
    href: str


def upcoming(user: User, today: date | None = None, days: int = UPCOMING_DAYS) -> list[Upcoming]:
    """Deadlines, last days to act and step ends falling in the next ``days`` days, soonest first."""
    start = today or date.today()
    until = start + timedelta(days=days)
    found = []
    for entry in tracked(user):
        route = entry.open_steps()
        href = reverse("checklist", args=(entry.saved.pk, route.pathway))
        # the planner's messages in the reader's language, as on the plan page
        dated = [(day, say(what, _)) for day, what in route.deadline_messages]
        dated += [
            (lapse.act_by, _("Last day to start: %(why)s") % {"why": say(lapse.reason, _)})
            for lapse in route.lapses
            if lapse.act_by
        ]
        dated += [(step.end, _("Planned end: %(step)s") % {"step": step.name}) for step in route.steps]
        for day, what in dated:
            if start <= day <= until:
                found.append(Upcoming(day, what, entry.saved.name, route.name, href))
    return sorted(found, key=lambda u: (u.day, u.profile, u.route, u.what))


def digest_of(token: str) -> str:
    """What is stored of a feed's secret, and what its throttle counts by."""
    return hashlib.sha256(token.encode()).hexdigest()


def rotate(user: User) -> str:
    """A new secret for the user's feed; the old one stops working. Returns the secret."""
    token = secrets.token_urlsafe(32)
    FeedToken.objects.update_or_create(owner=user, defaults={"digest": digest_of(token)})
    return token


def owner_of(token: str) -> User | None:
    digest = digest_of(token)
    found = FeedToken.objects.filter(digest=digest).select_related("owner").first()
    if found is None or not hmac.compare_digest(found.digest, digest):
        return None
    return found.owner
