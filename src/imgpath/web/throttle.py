"""Throttles: how often one address (or account, or feed) may do a costly or risky thing.

Profile imports, charts and the heavier pages have a rate per address (``per_address``); the API one
per account or address; the accounts app adds its own (``accounts.throttles``: log-in, sign-up, emails).
Every count is one atomic hit on the shared store of ``counters``, so all workers and hosts agree.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from imgpath.web import counters, workers
from imgpath.web.lib import addresses
from imgpath.web.lib.rates import Rate

View = Callable[..., HttpResponse]
"""A view: the request, then the URL's arguments."""


def client_address(request: HttpRequest) -> str:
    """The visitor's address, trusting X-Forwarded-For only behind our own proxy (``BEHIND_PROXY``)."""
    return addresses.client_address(request.META, bool(settings.BEHIND_PROXY))


SPREAD = 3
"""A rate of SPREAD * 2 or more events per window also allows at most half of them in any SPREAD-th
of the window (API_RATE's 60 a minute: 30 in 20 seconds). A flood then cannot spend a minute's
allowance in its first second, which stalled everyone else's requests, while a script that sends a
request a second, or a person, stays within both."""


REFUSALS_KEPT = 10_000
"""Keys this process remembers as over their limit (see ``exceeded``): room for that many attackers."""
_refused_until: dict[str, float] = {}


def exceeded(kind: str, who: str, rate: Rate) -> bool:
    """Count one ``kind`` event by ``who``; True once ``who`` has done it more than ``rate`` allows."""
    if rate.times >= 2 * SPREAD:
        burst = Rate(-(-rate.times // 2), max(1, rate.seconds // SPREAD))
        if _over(counters.key_for(f"{kind}-burst", who), burst):
            return True
    return _over(counters.key_for(kind, who), rate)


def _over(key: str, rate: Rate) -> bool:
    """One hit of ``key`` against ``rate``. A window's count only grows, so once a key is over its
    limit it stays over until its window ends: this process remembers that end and refuses the key's
    later requests without touching the shared store. A flood's refusals then cost no write (a third
    of their cost on SQLite), and refusals are all it gets."""
    now = time.time()
    if _refused_until.get(key, 0.0) > now:
        return True
    window = counters.counted(key, rate.seconds)
    if window.count <= rate.times:
        return False
    if len(_refused_until) >= REFUSALS_KEPT:
        for old in [k for k, ends in _refused_until.items() if ends <= now]:
            del _refused_until[old]
    if len(_refused_until) < REFUSALS_KEPT:
        _refused_until[key] = window.ends
    return True


def forget_refusals() -> None:
    """Forget the refusals this process remembers (tests that start each case afresh)."""
    _refused_until.clear()


def address_exceeded(request: HttpRequest, kind: str, rate: Rate) -> bool:
    """Count one ``kind`` event from the visitor's address; True once over ``rate``."""
    return exceeded(kind, client_address(request), rate)


def too_many(request: HttpRequest, seconds: int, image: bool = False, kept: bool = True) -> HttpResponse:
    """The 429 answer: a page that says when to come back (or a bare answer where an image goes);
    ``kept=False`` where what was sent is lost (a form whose text the page cannot give back).

    It must cost a flood as little as possible: the page is rendered without the request (no
    session, no account read), it is not logged, so a flood does not fill the log either, and it is
    held back before it is sent (``workers.hold_back``)."""
    if image:
        response = HttpResponse(_("Too many requests."), status=429, content_type="text/plain; charset=utf-8")
    else:
        page = render_to_string("web/too_many.html", {"minutes": max(1, seconds // 60), "kept": kept})
        response = HttpResponse(page, status=429)
    response["Retry-After"] = str(seconds)
    return workers.refusal(response)


def per_address(
    setting: str, image: bool = False, methods: frozenset[str] = frozenset({"GET", "HEAD", "POST"})
) -> Callable[[View], View]:
    """Limit a view's ``methods`` to the rate in ``settings.<setting>`` per address (``PAGE_RATE``,
    ``CHART_RATE``, ``IMPORT_RATE``); other methods pass uncounted."""

    def decorate(view: View) -> View:
        @wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            rate = Rate.parse(getattr(settings, setting))
            if request.method in methods and address_exceeded(request, setting.lower(), rate):
                return too_many(request, rate.seconds, image)
            return view(request, *args, **kwargs)

        return limited

    return decorate
