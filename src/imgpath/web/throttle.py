"""Throttles: how often one address (or account, or email address) may do a costly or risky thing.

Log-in failures are counted per username and address, and per address alone: the first stops guessing
one account's password, the second trying one password on many accounts. Password-reset and
verification emails, sign-ups, profile imports, charts and the heavier pages have a rate per address.
Every count is one atomic hit on the shared store of ``counters``, so all workers and hosts agree.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from imgpath.web import counters, workers

ANY_ACCOUNT_FACTOR = 4
"""Failures allowed from one address across all usernames, as a multiple of the per-account limit."""

_SECONDS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


@dataclass(frozen=True)
class Rate:
    """At most ``times`` events in ``seconds``, written like the settings: ``"30/min"``."""

    times: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        times, unit = text.split("/")
        return cls(int(times), _SECONDS[unit])


RESET_REQUESTS = Rate(5, 60 * 60)
"""Password-reset emails one address may ask for per hour: enough for a typo or two, not for a flood."""
SIGNUPS = Rate(5, 60 * 60)
"""Accounts one address may create per hour: a family or a clinic's front desk, not a script."""
VERIFICATION_EMAILS = Rate(3, 60 * 60)
"""Verification emails sent to one email address per hour, whoever asks: nobody is mail-bombed."""


def client_address(request: HttpRequest) -> str:
    """The visitor's address: behind our own proxy, the address that proxy saw (the last one it added)."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return str(forwarded.split(",")[-1].strip())
    return str(request.META.get("REMOTE_ADDR", ""))


def _login_keys(request: HttpRequest, username: str) -> tuple[str, str]:
    address = client_address(request)
    # the same account whichever way its name is typed: Django's log-in form NFKC-normalizes the
    # username, so a fullwidth "ｖｉｃｔｉｍ" would otherwise count apart from "victim"
    name = unicodedata.normalize("NFKC", username).strip().casefold()
    return counters.key_for("login-attempts", name, address), counters.key_for("login-attempts-any", address)


def login_refused(request: HttpRequest, username: str) -> bool:
    """Count this log-in attempt before its password is checked; True once this username from this
    address, or this address on any account, has tried too often. Counting first means attempts sent
    at the same moment each see their own count: none slips past the limit while others are checked."""
    account, anywhere = _login_keys(request, username)
    limit = int(settings.LOGIN_ATTEMPTS)
    seconds = int(settings.LOGIN_WINDOW_SECONDS)
    over_account = counters.hit(account, seconds) > limit
    over_anywhere = counters.hit(anywhere, seconds) > limit * ANY_ACCOUNT_FACTOR
    return over_account or over_anywhere


def login_succeeded(request: HttpRequest, username: str) -> None:
    """A successful log-in clears that account's count and takes its attempt back from the address's."""
    account, anywhere = _login_keys(request, username)
    counters.clear(account)
    counters.take_back(anywhere)


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


def reset_requests_exceeded(request: HttpRequest) -> bool:
    """Count this request for a reset email; True once the address has asked too often."""
    return address_exceeded(request, "reset-requests", RESET_REQUESTS)


def too_many(request: HttpRequest, seconds: int, image: bool = False) -> HttpResponse:
    """The 429 answer: a page that says when to come back (or a bare answer where an image goes).

    It must cost a flood as little as possible: the page is rendered without the request (no
    session, no account read), it is not logged, so a flood does not fill the log either, and it is
    held back before it is sent (``workers.hold_back``)."""
    if image:
        response = HttpResponse(_("Too many requests."), status=429, content_type="text/plain; charset=utf-8")
    else:
        page = render_to_string("web/too_many.html", {"minutes": max(1, seconds // 60)})
        response = HttpResponse(page, status=429)
    response["Retry-After"] = str(seconds)
    return workers.refusal(response)


def per_address(
    setting: str, image: bool = False, methods: frozenset[str] = frozenset({"GET", "HEAD", "POST"})
) -> Callable[[Any], Any]:
    """Limit a view's ``methods`` to the rate in ``settings.<setting>`` per address (``PAGE_RATE``,
    ``CHART_RATE``, ``IMPORT_RATE``); other methods pass uncounted."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def limited(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            rate = Rate.parse(getattr(settings, setting))
            if request.method in methods and address_exceeded(request, setting.lower(), rate):
                return too_many(request, rate.seconds, image)
            return view(request, *args, **kwargs)

        return limited

    return decorate
