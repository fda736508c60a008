"""What hosts, readers and curators keep about listings that is not a listing itself: reports of a
wrong listing, searches a reader saved (with their private feed), and the stale reminders sent.

The listings themselves and their audit trail stay in ``imgpath.web.opportunities``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from imgpath.web.opportunities.models import Listing

HOSTS_GROUP = "hosts"
"""The group whose members are hosts: they post listings, which curators review."""


class ListingReport(models.Model):
    """A reader's report that a listing is wrong or its host misbehaves, for the curators.

    No address and no account are kept: the host is never told who reported, and the email, if
    given, is only for a curator to reply."""

    class Reason(models.TextChoices):
        wrong_fees = "wrong_fees", _("The fees are wrong")
        wrong_dates = "wrong_dates", _("The dates or deadlines are wrong")
        misconduct = "misconduct", _("The host behaves improperly")
        other = "other", _("Something else")

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    text = models.TextField(max_length=4000)
    email = models.EmailField(blank=True, default="")
    """Optional: for a curator's reply only, never shown to the host."""
    created = models.DateTimeField(auto_now_add=True)
    handled = models.BooleanField(default=False)
    curator_note = models.TextField(blank=True, default="")

    class Meta:
        ordering = ("-created", "-pk")

    def __str__(self) -> str:
        return f"{self.reason} on {self.listing_id} at {self.created:%Y-%m-%d}"


class SavedSearch(models.Model):
    """A search of the listings a user keeps: its filters as the query's parameters, its private feed
    (only the SHA-256 of the feed's secret is kept) and when new matches were last emailed."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches"
    )
    name = models.CharField(max_length=100)
    query = models.JSONField(default=dict)
    """The /opportunities/ parameters: ``{"kind": ["observership"], "state": ["TN"]}``."""
    feed_digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    last_notified = models.DateTimeField()
    """Listings published after this are new to the owner; set to the save time, then each run's."""

    class Meta:
        ordering = ("name", "pk")

    def __str__(self) -> str:
        return self.name


class StaleReminder(models.Model):
    """A reminder sent to a listing's host that it turned stale, once per verification date."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="stale_reminders")
    last_verified = models.DateField()
    sent = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=("listing", "last_verified"), name="one_reminder_per_verification"
            ),
        )

    def __str__(self) -> str:
        return f"stale reminder {self.listing_id} ({self.last_verified})"
