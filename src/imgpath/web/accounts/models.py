"""What an account keeps: its saved profiles and the language it reads the site in. The law stays in
the rulebook."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedProfile(models.Model):
    """One doctor's facts in the public profile format, kept by an account (an adviser keeps several)."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profiles")
    name = models.CharField(_("name"), max_length=120)
    data: models.JSONField[dict[str, Any], dict[str, Any]] = models.JSONField(_("profile"), default=dict)
    demo = models.BooleanField(default=False, help_text=_("Demo content, not a real person."))
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "web_savedprofile"  # the table made before the web layer was split into apps
        ordering = ("-updated", "id")

    def __str__(self) -> str:
        return str(self.name)


class Reader(models.Model):
    """The language an account last read the site in, so that what is emailed to it speaks that
    language. Private like the account: nothing else about its reading is kept."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="reader"
    )
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES)
    updated = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language}"
