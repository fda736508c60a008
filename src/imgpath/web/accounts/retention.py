"""What the accounts app does not keep (docs/security.md): accounts whose email was never confirmed."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model


def delete_unconfirmed(now: datetime) -> int:
    """Delete accounts never confirmed whose link has expired; the rows deleted (with what cascades).

    A confirmation link lives PASSWORD_RESET_TIMEOUT seconds: past it, the account never can be."""
    stale = now - timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    unconfirmed = get_user_model().objects.filter(is_active=False, last_login=None, date_joined__lt=stale)
    deleted, _ = unconfirmed.delete()
    return deleted
