"""``python -m imgpath.web tidy``: delete what the service promises not to keep; run it daily.

docs/security.md says how long each kind of data is kept; this is what makes it so. Expired
sessions (each can hold a working profile with immigration status), accounts never confirmed, and
throttle counts whose window has closed. Safe to run at any time and again.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.utils import timezone

from imgpath.web.accounts.retention import delete_unconfirmed
from imgpath.web.models import ThrottleCount


class Command(BaseCommand):
    help = "Delete expired sessions, accounts never confirmed and closed throttle windows."

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        sessions, _ = Session.objects.filter(expire_date__lte=now).delete()
        accounts = delete_unconfirmed(now)
        counts, _ = ThrottleCount.objects.filter(expires__lte=int(time.time())).delete()
        self.stdout.write(
            f"deleted {sessions} expired sessions, {accounts} rows of accounts never confirmed, "
            f"{counts} closed throttle counts"
        )
