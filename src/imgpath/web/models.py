"""What users create: saved profiles and, later, each plan's checklist. The law stays in the rulebook."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager


class SavedProfile(models.Model):
    """One doctor's facts in the public profile format, kept by an account (an adviser keeps several)."""

    owner: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profiles"
    )
    name: models.CharField[str, str] = models.CharField(_("name"), max_length=120)
    data: models.JSONField[dict[str, Any], dict[str, Any]] = models.JSONField(_("profile"), default=dict)
    demo: models.BooleanField[bool, bool] = models.BooleanField(
        default=False, help_text=_("Demo content, not a real person.")
    )
    created: models.DateTimeField[Any, Any] = models.DateTimeField(auto_now_add=True)
    updated: models.DateTimeField[Any, Any] = models.DateTimeField(auto_now=True)

    if TYPE_CHECKING:
        checklist: RelatedManager[ChecklistItem]

    class Meta:
        ordering = ("-updated", "id")

    def __str__(self) -> str:
        return str(self.name)


class ChecklistItem(models.Model):
    """One step of a plan for one saved profile and route, with its progress (filled by the planner)."""

    class Status(models.TextChoices):
        todo = "todo", _("To do")
        in_progress = "in_progress", _("In progress")
        done = "done", _("Done")
        skipped = "skipped", _("Not needed")

    profile: models.ForeignKey[SavedProfile, SavedProfile] = models.ForeignKey(
        SavedProfile, on_delete=models.CASCADE, related_name="checklist"
    )
    pathway: models.CharField[str, str] = models.CharField(max_length=80)
    step: models.CharField[str, str] = models.CharField(max_length=80)
    status: models.CharField[str, str] = models.CharField(
        max_length=20, choices=Status.choices, default=Status.todo
    )
    due: models.DateField[Any, Any] = models.DateField(null=True, blank=True)
    started: models.DateField[Any, Any] = models.DateField(null=True, blank=True)
    finished: models.DateField[Any, Any] = models.DateField(null=True, blank=True)
    note: models.TextField[str, str] = models.TextField(blank=True)
    updated: models.DateTimeField[Any, Any] = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [  # noqa: RUF012 (Django's own Meta convention)
            models.UniqueConstraint(fields=("profile", "pathway", "step"), name="one_item_per_step")
        ]
        ordering = ("profile", "pathway", "due", "id")

    def __str__(self) -> str:
        return f"{self.pathway}: {self.step} ({self.status})"


class FeedToken(models.Model):
    """The secret in a user's private calendar feed URL; only its SHA-256 is kept, so a leaked
    database does not leak working feed URLs. Rotating replaces it and the old URL stops working."""

    owner: models.OneToOneField[Any, Any] = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token"
    )
    digest: models.CharField[str, str] = models.CharField(max_length=64, unique=True)
    created: models.DateTimeField[Any, Any] = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"feed token {self.pk}"


class ThrottleCount(models.Model):
    """How often one key (an address, an account) did one thing in the current window.

    Written only by ``counters.hit`` with one atomic statement, so every worker and host sharing the
    database counts the same requests. ``expires`` is in Unix seconds: compared as a number by the
    database, the same on SQLite and PostgreSQL."""

    key: models.CharField[str, str] = models.CharField(max_length=200, primary_key=True)
    count: models.PositiveIntegerField[int, int] = models.PositiveIntegerField(default=0)
    expires: models.BigIntegerField[int, int] = models.BigIntegerField(db_index=True)

    class Meta:
        db_table = "imgpath_throttle"

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


class CacheEntry(models.Model):
    """The table of Django's database cache (the default cache without CACHE_URL), made by the
    migrations so that it exists whatever the settings were when the database was set up.
    The columns are those ``createcachetable`` makes; only Django's cache reads and writes them."""

    cache_key: models.CharField[str, str] = models.CharField(max_length=255, primary_key=True)
    value: models.TextField[str, str] = models.TextField()
    expires: models.DateTimeField[Any, Any] = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "imgpath_cache"

    def __str__(self) -> str:
        return str(self.cache_key)
