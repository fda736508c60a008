"""What advising keeps: organisations and their advisers, the consents clients give them, every read an
adviser makes under a consent, and plans shared through links. The verdicts are never stored: the
engine and the planner work them out at each read."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from imgpath.web.accounts.models import SavedProfile


class Organisation(models.Model):
    """A support organisation, a state IMG assistance programme or a university office: its advisers
    read the profiles their clients share with it. Made by a curator in the admin."""

    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(unique=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("name", "id")

    def __str__(self) -> str:
        return str(self.name)


class Membership(models.Model):
    """An account that advises for an organisation; an admin also adds and removes its advisers."""

    class Role(models.TextChoices):
        adviser = "adviser", _("Adviser")
        admin = "admin", _("Organisation admin")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.adviser)
    added = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [  # noqa: RUF012 (Django's own Meta convention)
            models.UniqueConstraint(fields=("organisation", "user"), name="one_membership_per_user")
        ]
        ordering = ("organisation", "user__username", "id")

    def __str__(self) -> str:
        return f"{self.user_id} in {self.organisation_id} ({self.role})"


class Consent(models.Model):
    """A client lets one adviser, or every adviser of one organisation, read one saved profile and its
    plans and checklists, from ``granted`` until ``revoked`` (the row stays, so the client keeps the
    history of who could read what; deleting the profile or the account deletes it)."""

    profile = models.ForeignKey(SavedProfile, on_delete=models.CASCADE, related_name="consents")
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consents_held",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="consents"
    )
    granted = models.DateTimeField(auto_now_add=True)
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [  # noqa: RUF012 (Django's own Meta convention)
            models.CheckConstraint(
                condition=models.Q(adviser__isnull=False, organisation__isnull=True)
                | models.Q(adviser__isnull=True, organisation__isnull=False),
                name="consent_to_an_adviser_or_an_organisation",
            )
        ]
        ordering = ("-granted", "id")

    def __str__(self) -> str:
        return f"consent {self.pk} on profile {self.profile_id}"


class Read(models.Model):
    """One read of a shared profile by an adviser: who, what, when. The client sees the last ones."""

    class What(models.TextChoices):
        table = "table", _("your line in the table of clients")
        profile = "profile", _("your profile and plans")
        export = "export", _("an export of the table of clients")
        api = "api", _("the table of clients through the API")

    profile = models.ForeignKey(SavedProfile, on_delete=models.CASCADE, related_name="adviser_reads")
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reads")
    what = models.CharField(max_length=20, choices=What.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-at", "-id")
        indexes = [models.Index(fields=("profile", "-at"), name="reads_of_a_profile")]  # noqa: RUF012

    def __str__(self) -> str:
        return f"{self.reader_id} read {self.what} of {self.profile_id}"


class SharedLink(models.Model):
    """A read-only link to one saved profile's plan for one route, until ``expires`` (the day
    included) or until revoked. Only the token's SHA-256 is kept: the link is shown once."""

    profile = models.ForeignKey(SavedProfile, on_delete=models.CASCADE, related_name="shared_links")
    pathway = models.CharField(max_length=80)
    digest = models.CharField(max_length=64, unique=True)
    expires = models.DateField()
    identity = models.BooleanField(
        default=False, help_text=_("The page shows the owner's name and immigration status.")
    )
    created = models.DateTimeField(auto_now_add=True)
    revoked = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created", "id")

    def __str__(self) -> str:
        return f"link {self.pk} to {self.pathway} of profile {self.profile_id}"
