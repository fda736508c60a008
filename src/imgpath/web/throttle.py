"""Log-in throttling: failed attempts counted per username and address in Django's cache."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


def _key(request: HttpRequest, username: str) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{username.strip().lower()}|{address}".encode()).hexdigest()
    return f"login-failures:{digest}"


def blocked(request: HttpRequest, username: str) -> bool:
    return int(cache.get(_key(request, username), 0)) >= int(settings.LOGIN_ATTEMPTS)


def record_failure(request: HttpRequest, username: str) -> None:
    key = _key(request, username)
    if cache.add(key, 1, settings.LOGIN_WINDOW_SECONDS):
        return
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, settings.LOGIN_WINDOW_SECONDS)


def reset(request: HttpRequest, username: str) -> None:
    cache.delete(_key(request, username))
