"""Who else reads a saved profile's alerts besides its owner: the hook the adviser workspace fills.

``extra_recipients(saved)`` answers nobody. Setting ``IMGPATH_ALERT_RECIPIENTS`` to the dotted path
of a function ``(SavedProfile) -> Iterable[User]`` (the advisers a client shares that profile with,
by consent) makes ``rule_alerts`` give each of them their own alert and email too."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth.models import User
from django.utils.module_loading import import_string

from imgpath.web.accounts.models import SavedProfile

Recipients = Callable[[SavedProfile], Iterable[User]]


def no_one(saved: SavedProfile) -> list[User]:
    """The default: a profile's alerts go to its owner alone."""
    return []


def extra_recipients() -> Recipients:
    """The hook in force: ``settings.IMGPATH_ALERT_RECIPIENTS`` when set, else ``no_one``."""
    path = getattr(settings, "IMGPATH_ALERT_RECIPIENTS", None)
    return import_string(path) if path else no_one
