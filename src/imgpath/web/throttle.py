"""Log-in throttling: failed attempts counted per username and address, and per address alone.

The first limit stops guessing one account's password; the second stops trying one password on many
accounts from one address. Counts live in the shared "throttle" cache, so every worker sees them.
"""

from __future__ import annotations

import hashlib
import unicodedata

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest

ANY_ACCOUNT_FACTOR = 4
"""Failures allowed from one address across all usernames, as a multiple of the per-account limit."""


def client_address(request: HttpRequest) -> str:
    """The visitor's address: behind our own proxy, the address that proxy saw (the last one it added)."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return str(forwarded.split(",")[-1].strip())
    return str(request.META.get("REMOTE_ADDR", ""))


def _keys(request: HttpRequest, username: str) -> tuple[str, str]:
    address = client_address(request)
    # the same account whichever way its name is typed: Django's log-in form NFKC-normalizes the
    # username, so a fullwidth "ｖｉｃｔｉｍ" would otherwise count apart from "victim"
    name = unicodedata.normalize("NFKC", username).strip().casefold()
    account = hashlib.sha256(f"{name}|{address}".encode()).hexdigest()
    anywhere = hashlib.sha256(address.encode()).hexdigest()
    return f"login-failures:{account}", f"login-failures-any:{anywhere}"


def blocked(request: HttpRequest, username: str) -> bool:
    cache = caches["throttle"]
    account, anywhere = _keys(request, username)
    limit = int(settings.LOGIN_ATTEMPTS)
    return int(cache.get(account, 0)) >= limit or int(cache.get(anywhere, 0)) >= limit * ANY_ACCOUNT_FACTOR


def _count(key: str, window: int | None = None) -> None:
    cache = caches["throttle"]
    seconds = window or settings.LOGIN_WINDOW_SECONDS
    if cache.add(key, 1, seconds):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)


def record_failure(request: HttpRequest, username: str) -> None:
    for key in _keys(request, username):
        _count(key)


def reset(request: HttpRequest, username: str) -> None:
    """A successful log-in clears that account's count (not the address's count across accounts)."""
    caches["throttle"].delete(_keys(request, username)[0])


RESET_REQUESTS = 5
"""Password-reset emails one address may ask for per hour: enough for a typo or two, not for a flood."""
RESET_WINDOW_SECONDS = 60 * 60


def reset_requests_exceeded(request: HttpRequest) -> bool:
    """Count this request for a reset email; True once the address has asked too often."""
    key = "reset-requests:" + hashlib.sha256(client_address(request).encode()).hexdigest()
    _count(key, RESET_WINDOW_SECONDS)
    return int(caches["throttle"].get(key, 0)) > RESET_REQUESTS
