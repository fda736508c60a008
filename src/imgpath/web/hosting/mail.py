"""The emails hosting sends (stale reminders, new matches of a saved search), through Django's email
backend, each in the language its recipient last read the site in (``accounts.languages``; the
site's default for an account never seen), with links on the site's own address."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from imgpath.finder import freshness
from imgpath.web.accounts.languages import language_of
from imgpath.web.hosting import searches
from imgpath.web.hosting.models import SavedSearch, StaleReminder
from imgpath.web.opportunities.models import Listing


def default_site_url() -> str:
    """``https://`` and the first allowed host, or the development server's address."""
    hosts = [h for h in settings.ALLOWED_HOSTS if h not in ("*", "") and not h.startswith(".")]
    return f"https://{hosts[0]}" if hosts and not settings.DEBUG else "http://localhost:8000"


def _send(template: str, context: dict[str, Any], to: User) -> None:
    """One email to the user ``to``, its subject and body in the language they last read the site in."""
    with translation.override(language_of(to)):
        subject = " ".join(render_to_string(f"opportunities/hosting/{template}_subject.txt", context).split())
        body = render_to_string(f"opportunities/hosting/{template}_email.txt", context)
    send_mail(subject, body, None, [to.email])


def remind_stale_hosts(today: date, site_url: str) -> int:
    """Email each host once about their listings that turned stale since the last reminder (once per
    listing and verification date); the number of emails sent."""
    due: dict[Any, list[Listing]] = {}
    listings = (
        Listing.objects.filter(owner__isnull=False)
        .exclude(status="withdrawn")
        .select_related("owner__reader")
    )
    for listing in listings.order_by("title"):
        if freshness(listing.last_verified, today) == "fresh":
            continue
        if StaleReminder.objects.filter(listing=listing, last_verified=listing.last_verified).exists():
            continue
        due.setdefault(listing.owner, []).append(listing)
    sent = 0
    for host, stale in due.items():
        if not host.email or not host.is_active:
            continue
        with transaction.atomic():
            StaleReminder.objects.bulk_create(
                [StaleReminder(listing=listing, last_verified=listing.last_verified) for listing in stale]
            )
            context = {"user": host, "listings": stale, "dashboard_url": site_url + reverse("host_dashboard")}
            _send("stale_reminder", context, host)
        sent += 1
    return sent


def notify_saved_searches(now: datetime, site_url: str) -> int:
    """Email each saved search's owner the listings published since its last email, then move its
    ``last_notified`` to ``now``: a second run finds nothing new. The number of emails sent."""
    sent = 0
    for search in SavedSearch.objects.select_related("owner__reader").order_by("pk"):
        with transaction.atomic():
            locked = SavedSearch.objects.select_for_update().get(pk=search.pk)
            found = searches.matching(locked, now.date(), since=locked.last_notified, until=now)
            locked.last_notified = now
            locked.save(update_fields=["last_notified"])
            if not found or not search.owner.email or not search.owner.is_active:
                continue
            context = {
                "search": locked,
                "matches": found,
                "site_url": site_url,
                "searches_url": site_url + reverse("saved_searches"),
            }
            _send("saved_search", context, search.owner)
        sent += 1
    return sent
