"""Template context shared by every page: the legal notice and the session's profile state."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from imgpath.web.lib.session import PROFILE_KEY


def site(request: HttpRequest) -> dict[str, Any]:
    return {"has_profile": bool(getattr(request, "session", None) and request.session.get(PROFILE_KEY))}
