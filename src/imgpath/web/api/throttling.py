"""The API's rate limit, one count per account (or address) on the shared store."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from imgpath.web import throttle
from imgpath.web.lib.rates import Rate


class SettingsRateThrottle(BaseThrottle):
    """Per account (per address when anonymous), at the rate in ``settings.API_RATE``, counted with
    one atomic hit on the shared store (``counters``), so every worker and host counts the same."""

    def allow_request(self, request: HttpRequest) -> bool:
        rate = Rate.parse(settings.API_RATE)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            who = f"account {user.pk}"
        else:
            who = f"address {throttle.client_address(request)}"
        return not throttle.exceeded("api", who, rate)

    def wait(self) -> float:
        """Retry-After: at most one window (the count started at the window's first request)."""
        return float(Rate.parse(settings.API_RATE).seconds)
