"""Headers Django does not set itself (a strict Content-Security-Policy and Permissions-Policy), and
gzip only for a client that accepts it."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware
from django.utils.cache import patch_vary_headers


def security_headers(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Every response says: only our own origin, no inline script, no camera or location."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response

    return middleware


def accepts_gzip(header: str) -> bool:
    """Whether an ``Accept-Encoding`` header accepts gzip (RFC 9110, section 12.5.3): ``gzip`` (or
    its alias ``x-gzip``) with a weight above 0, or ``*`` above 0 when gzip is not named. Django's own
    test looks for the word only, so ``gzip;q=0`` (a client refusing it) still got gzip."""
    named: float | None = None
    anything: float | None = None
    for part in header.split(","):
        coding, _, parameters = part.strip().partition(";")
        weight = 1.0
        for parameter in parameters.split(";"):
            name, _, value = parameter.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0  # an unreadable weight: read as a refusal, never as consent
        coding = coding.strip().lower()
        if coding in ("gzip", "x-gzip"):
            named = max(named or 0.0, weight)
        elif coding == "*":
            anything = weight
    if named is not None:
        return named > 0
    return anything is not None and anything > 0


class GZipMiddleware(DjangoGZipMiddleware):
    """Django's gzip middleware, which compresses when ``Accept-Encoding`` names gzip, except for a
    client that names it only to refuse it (``accepts_gzip``); ``Vary: Accept-Encoding`` either way.
    A header of ``*`` alone still gets the answer plain, which it accepts too (identity)."""

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if not accepts_gzip(request.META.get("HTTP_ACCEPT_ENCODING", "")):
            short = not response.streaming and len(getattr(response, "content", b"")) < 200
            if not short and not response.has_header("Content-Encoding"):  # as Django's would
                patch_vary_headers(response, ("Accept-Encoding",))
            return response
        return super().process_response(request, response)
