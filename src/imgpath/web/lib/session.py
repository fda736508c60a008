"""The profile being worked on lives in the session, so planning needs no account."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

PROFILE_KEY = "imgpath_profile"


def session_profile(request: HttpRequest) -> dict[str, Any]:
    data = request.session.get(PROFILE_KEY)
    return dict(data) if isinstance(data, dict) else {}


def store_profile(request: HttpRequest, data: dict[str, Any]) -> None:
    request.session[PROFILE_KEY] = data
