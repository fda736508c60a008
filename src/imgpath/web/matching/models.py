"""Observership rounds as hosts and applicants keep them: a host's round of slots, the slots each
applicant ranks, the applicants a host ranks for each slot, and, once the round is closed, who each
slot takes. ``imgpath.matching`` solves the round; these rows are only what people wrote and its answer."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from imgpath.web.opportunities.models import Listing

MAX_SLOTS = 50
"""Slots one round may hold: a host's few periods, never a flood."""
MAX_CAPACITY = 100
"""Observers one slot may take."""


class ObservershipRound(models.Model):
    """A host's round: applicants rank its slots until ``deadline`` (the day included); the host
    ranks the applicants; the host or a coordinator closes it, and it is solved once."""

    name = models.CharField(max_length=120)
    host = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="slot_rounds")
    deadline = models.DateField()
    created = models.DateTimeField(auto_now_add=True)
    closed = models.DateTimeField(null=True, blank=True)
    """When it was closed and solved; None while it is open."""

    class Meta:
        ordering = ("deadline", "pk")

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.closed is None


class Slot(models.Model):
    """A period of one of the host's observership listings, with how many observers it takes."""

    round = models.ForeignKey(ObservershipRound, on_delete=models.CASCADE, related_name="slots")
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="slots")
    start = models.DateField()
    end = models.DateField()
    capacity = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ("start", "pk")

    def __str__(self) -> str:
        return f"{self.listing.title} {self.start}–{self.end}"


class ApplicantChoice(models.Model):
    """One slot an applicant ranks: ``rank`` 1 is the one they want most."""

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="slot_choices"
    )
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="choices")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ("rank", "pk")
        constraints = [  # noqa: RUF012 (Django's own Meta convention)
            models.UniqueConstraint(fields=["applicant", "slot"], name="one_choice_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.applicant_id} ranks {self.slot_id} #{self.rank}"


class HostChoice(models.Model):
    """One applicant the host ranks for one slot: ``rank`` 1 is the one it wants most."""

    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="host_choices")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ("rank", "pk")
        constraints = [  # noqa: RUF012 (Django's own Meta convention)
            models.UniqueConstraint(fields=["slot", "applicant"], name="one_host_choice_per_applicant")
        ]

    def __str__(self) -> str:
        return f"{self.slot_id} ranks {self.applicant_id} #{self.rank}"


class Placement(models.Model):
    """The solved round's answer: the slot an applicant got, ``position`` its place in the slot's
    ranking order (1 best). An applicant of a closed round without one is unassigned."""

    round = models.ForeignKey(ObservershipRound, on_delete=models.CASCADE, related_name="placements")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="placements")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ("slot", "position")
        constraints = [  # noqa: RUF012 (Django's own Meta convention)
            models.UniqueConstraint(fields=["round", "applicant"], name="one_placement_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.applicant_id} in {self.slot_id}"
