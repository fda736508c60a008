"""Password rules whose refusals people read: Django's, with the sentence in our own catalogues where
Django's Arabic one lacks it."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length; its "too short" sentence (a ``%d`` form since Django 5.1) is not in
    Django's Arabic catalogue, so it is asked of ours."""

    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
