"""What the rule-change alerts keep: the rulebook as last compared, and each alert sent."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from imgpath.web.accounts.models import SavedProfile


class RulebookSnapshot(models.Model):
    """The rulebook as ``rule_alerts`` last saw it: each route's digest (``imgpath.rulebook.
    rulebook_digest``) and the rule files' text, so the next run can plan with the rules as they
    were. Only the latest is kept."""

    taken = models.DateTimeField()
    digest: models.JSONField[dict[str, Any], dict[str, Any]] = models.JSONField(default=dict)
    files: models.JSONField[dict[str, str], dict[str, str]] = models.JSONField(default=dict)
    """Rule file (relative to the data folder) -> its YAML text."""

    class Meta:
        ordering = ("-taken", "-id")

    def __str__(self) -> str:
        return f"rulebook snapshot {self.taken:%Y-%m-%d %H:%M}"


class Alert(models.Model):
    """A change in a route a saved profile's plan depends on, for one reader (the profile's owner, or
    whoever ``recipients.extra_recipients`` adds), with what it does to the plan."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alerts")
    profile = models.ForeignKey(SavedProfile, on_delete=models.CASCADE, related_name="alerts")
    pathway = models.CharField(max_length=80)
    route_name = models.CharField(max_length=200)
    changes: models.JSONField[list[dict[str, Any]], list[dict[str, Any]]] = models.JSONField(default=list)
    """Each change as a keyed message: ``{"key": "alerts.change.fee", "params": {...}}``."""
    before: models.JSONField[dict[str, Any] | None, dict[str, Any] | None] = models.JSONField(null=True)
    """The plan under the rules before: first and full license dates (low, typical, high) and cost;
    None when the route had no plan for the profile."""
    after: models.JSONField[dict[str, Any] | None, dict[str, Any] | None] = models.JSONField(null=True)
    created = models.DateTimeField()
    read = models.BooleanField(default=False)

    class Meta:
        ordering = ("read", "-created", "-id")

    def __str__(self) -> str:
        return f"alert {self.pk}: {self.pathway}"
