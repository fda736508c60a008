"""What a plan keeps for a saved profile: each step's progress, and the private calendar feed's token."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from imgpath.web.accounts.models import SavedProfile
from imgpath.web.opportunities.models import Listing


class ChecklistItem(models.Model):
    """One step of a plan for one saved profile and route, with its progress (filled by the planner)."""

    class Status(models.TextChoices):
        todo = "todo", _("To do")
        in_progress = "in_progress", _("In progress")
        done = "done", _("Done")
        skipped = "skipped", _("Not needed")

    profile = models.ForeignKey(SavedProfile, on_delete=models.CASCADE, related_name="checklist")
    pathway = models.CharField(max_length=80)
    step = models.CharField(max_length=120)
    """A plan step's id: the rulebook's, or an addition's ``<listing slug>.apply`` / ``.session``."""
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.todo)
    due = models.DateField(null=True, blank=True)
    started = models.DateField(null=True, blank=True)
    finished = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "web_checklistitem"  # the table made before the web layer was split into apps
        constraints = [  # noqa: RUF012 (Django's own Meta convention)
            models.UniqueConstraint(fields=("profile", "pathway", "step"), name="one_item_per_step")
        ]
        ordering = ("profile", "pathway", "due", "id")

    def __str__(self) -> str:
        return f"{self.pathway}: {self.step} ({self.status})"


class FeedToken(models.Model):
    """The secret in a user's private calendar feed URL; only its SHA-256 is kept, so a leaked
    database does not leak working feed URLs. Rotating replaces it and the old URL stops working."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token"
    )
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "web_feedtoken"  # the table made before the web layer was split into apps

    def __str__(self) -> str:
        return f"feed token {self.pk}"


class PlanAddition(models.Model):
    """An opportunity or a grant a saved profile adds to its plan for one route: the planner places
    its application and session as dated, costed steps (``imgpath.planner.with_additions``).

    Deleting the listing deletes the addition (the plan then simply no longer holds it); a listing
    withdrawn or hidden stays, and the plan page warns about it."""

    profile = models.ForeignKey(SavedProfile, on_delete=models.CASCADE, related_name="plan_additions")
    pathway = models.CharField(max_length=80)
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="plan_additions")
    added = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [  # noqa: RUF012 (Django's own Meta convention)
            models.UniqueConstraint(fields=("profile", "pathway", "listing"), name="one_addition_per_plan")
        ]
        ordering = ("profile", "pathway", "added", "id")

    def __str__(self) -> str:
        return f"{self.pathway}: {self.listing_id}"
