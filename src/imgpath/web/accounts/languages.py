"""The language an account last read the site in, so the emails sent to it speak that language.

Kept cheaply: the session remembers the language last stored for its account, so the ``Reader`` row
is written once per change (and at log-in), not once per request; the middleware looks only after a
view has read the session and the session names an account, so a page that reads neither (the 429
page) costs nothing more.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse

from imgpath.web.accounts.models import Reader

STORED_KEY = "imgpath_language_stored"
"""The session key holding the language last stored for the session's account."""


def _known(language: str | None) -> bool:
    return language in dict(settings.LANGUAGES)


def language_of(user: AbstractBaseUser | AnonymousUser) -> str:
    """The language ``user`` last read the site in; ``settings.LANGUAGE_CODE`` if never seen (no
    query when the caller's query selected ``reader`` along with the user)."""
    reader = getattr(user, "reader", None)  # a missing row raises a kind of AttributeError
    language = reader.language if isinstance(reader, Reader) else None
    return language if language is not None and _known(language) else str(settings.LANGUAGE_CODE)


def remember(request: HttpRequest, user: AbstractBaseUser, language: str) -> None:
    """Store ``language`` as ``user``'s, and say so in the session, unless the session says it is."""
    if not _known(language) or request.session.get(STORED_KEY) == language:
        return
    Reader.objects.update_or_create(user_id=user.pk, defaults={"language": language})
    request.session[STORED_KEY] = language


def remember_language(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """After AuthenticationMiddleware and LocaleMiddleware: a signed-in reader's request language
    (``request.LANGUAGE_CODE``) is stored when it differs from the one their session last stored."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        session = getattr(request, "session", None)
        language = getattr(request, "LANGUAGE_CODE", None)
        if session is None or not session.accessed or language is None:
            return response  # the view read no session: not worth a query of its own
        if session.get(STORED_KEY) == language or SESSION_KEY not in session:
            return response
        user = request.user
        if user.is_authenticated:
            remember(request, user, language)
        return response

    return middleware


def remember_at_login(
    sender: Any, request: HttpRequest | None, user: AbstractBaseUser, **kwargs: Any
) -> None:
    """``user_logged_in``: the language the reader signed in with (a new session stored nothing yet)."""
    language = getattr(request, "LANGUAGE_CODE", None)
    if request is not None and language is not None and hasattr(request, "session"):
        remember(request, user, language)
