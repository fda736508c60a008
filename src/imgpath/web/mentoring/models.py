"""What mentoring keeps: mentor profiles (with the pledge and the code of conduct each accepted, and
when), mentees' requests, the rounds a coordinator ran (their result as the CLI's JSON), the pairs a
round proposed with each side's answer, and reports. Fit scores are the matching service's, kept with
the proposal so both sides read the same explanation later."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

PLEDGE_VERSION = "2026-11"
"""The no-fee pledge's version (``templates/mentoring/pledge.html``): change it when its text changes,
and every mentor must accept the new text before being matched again."""
CONDUCT_VERSION = "2026-11"
"""The code of conduct's version (``templates/mentoring/conduct.html``), as for the pledge."""


class MentorProfile(models.Model):
    """An account that mentors: the route it took and what it knows, how many mentees and when."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor")
    name = models.CharField(_("name shown to mentees"), max_length=80)
    route = models.CharField(_("route you took"), max_length=80)
    specialty = models.CharField(_("specialty"), max_length=64, blank=True)
    languages = models.JSONField(default=list)
    countries = models.JSONField(default=list)
    states = models.JSONField(default=list)
    capacity = models.PositiveSmallIntegerField(_("mentees at a time"), default=1)
    available_from = models.DateField(_("available from"))
    available_until = models.DateField(_("available until"), null=True, blank=True)
    active = models.BooleanField(_("taking mentees"), default=True)
    pledge_version = models.CharField(max_length=20, blank=True)
    pledge_accepted = models.DateTimeField(null=True, blank=True)
    conduct_version = models.CharField(max_length=20, blank=True)
    conduct_accepted = models.DateTimeField(null=True, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("name", "id")

    def __str__(self) -> str:
        return f"mentor {self.pk} ({self.user_id})"

    @property
    def pledged(self) -> bool:
        """Whether the mentor accepted the current pledge and code of conduct (else never matched)."""
        return self.pledge_version == PLEDGE_VERSION and self.conduct_version == CONDUCT_VERSION


class MentorshipRequest(models.Model):
    """A mentee's request for a mentor. Everything in it is shown to the mentors proposed: it holds no
    immigration status, and the mentee writes what they choose to share."""

    class Status(models.TextChoices):
        open = "open", _("Waiting for a round")
        proposed = "proposed", _("A mentor was proposed")
        matched = "matched", _("Matched")
        withdrawn = "withdrawn", _("Withdrawn")

    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentorship_requests"
    )
    name = models.CharField(_("name shown to mentors"), max_length=80)
    route = models.CharField(_("route you seek"), max_length=80)
    specialty = models.CharField(_("specialty"), max_length=64, blank=True)
    languages = models.JSONField(default=list)
    country = models.CharField(max_length=2, blank=True)
    states = models.JSONField(default=list)
    needs_from = models.DateField(_("from"))
    months = models.PositiveSmallIntegerField(_("for how many months"), default=6)
    needs = models.TextField(_("what you need"), max_length=1000, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.open)
    created = models.DateTimeField(auto_now_add=True)
    withdrawn = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("created", "id")
        constraints = [  # noqa: RUF012 (Django's own Meta convention)
            models.UniqueConstraint(
                fields=("mentee",),
                condition=~models.Q(status="withdrawn"),
                name="one_open_request_per_mentee",
            )
        ]

    def __str__(self) -> str:
        return f"request {self.pk} ({self.mentee_id}, {self.status})"


class MentoringRound(models.Model):
    """One run of the matching by a coordinator: ``result`` is ``imgpath match mentors``' JSON (with
    the service's ids: ``m<pk>`` for a mentor, ``r<pk>`` for a request)."""

    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    rematch = models.BooleanField(default=False)
    result = models.JSONField(default=dict)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created", "-id")

    def __str__(self) -> str:
        return f"round {self.pk}"


class Proposal(models.Model):
    """A pair a round proposed: accepted when both sides accept; declined (and never proposed again)
    when either declines; superseded by a re-match before both answered; ended when the request is
    withdrawn."""

    class Status(models.TextChoices):
        proposed = "proposed", _("Waiting for answers")
        accepted = "accepted", _("Accepted by both")
        declined = "declined", _("Declined")
        superseded = "superseded", _("Replaced by a new round")
        ended = "ended", _("Ended: the request was withdrawn")

    class Answer(models.TextChoices):
        none = "", _("No answer yet")
        accepted = "accepted", _("Accepted")
        declined = "declined", _("Declined")

    round = models.ForeignKey(MentoringRound, on_delete=models.CASCADE, related_name="proposals")
    mentor = models.ForeignKey(MentorProfile, on_delete=models.CASCADE, related_name="proposals")
    request = models.ForeignKey(MentorshipRequest, on_delete=models.CASCADE, related_name="proposals")
    fit = models.JSONField(default=dict)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.proposed)
    mentor_answer = models.CharField(max_length=20, choices=Answer.choices, blank=True)
    mentee_answer = models.CharField(max_length=20, choices=Answer.choices, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-created", "-id")

    def __str__(self) -> str:
        return f"proposal {self.pk} ({self.status})"


class MentoringReport(models.Model):
    """One side's report about the other: read by the coordinators only, never by the person reported."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    about = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("what happened"), max_length=2000)
    created = models.DateTimeField(auto_now_add=True)
    handled = models.BooleanField(default=False)

    class Meta:
        ordering = ("-created", "-id")

    def __str__(self) -> str:
        return f"report {self.pk} on proposal {self.proposal_id}"
