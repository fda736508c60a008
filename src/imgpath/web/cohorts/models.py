"""What a cohort run keeps: who asked, for which organisation, the people read from the file until
they are checked, how far the check has gone, and the answers in the cohort service's own terms
(``runs.result_data``), from which every table, chart and export is drawn again."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from imgpath.web.advising.models import Organisation


class CohortRun(models.Model):
    """One uploaded file (or API batch) checked against every route on one day."""

    class Status(models.TextChoices):
        queued = "queued", _("Waiting to start")
        running = "running", _("Checking")
        done = "done", _("Done")
        failed = "failed", _("Failed")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cohort_runs")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="cohort_runs"
    )
    file_name = models.CharField(max_length=200)
    rows = models.PositiveIntegerField()
    as_of = models.DateField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.queued)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    people = models.JSONField(default=list, blank=True)
    """The people to check (id, synthetic, profile as JSON); emptied once they are checked."""
    result = models.JSONField(null=True, blank=True)
    """``runs.result_data`` of the answers once done."""
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created", "-id")

    def __str__(self) -> str:
        return f"cohort run {self.pk} ({self.file_name}, {self.status})"
