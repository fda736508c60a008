"""The accounts' throttles: log-in attempts, password-reset and verification emails, sign-ups.

Log-in attempts are counted per username and address, and per address alone: the first stops guessing
one account's password, the second trying one password on many accounts.
"""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.http import HttpRequest

from imgpath.web import counters
from imgpath.web.lib.rates import Rate
from imgpath.web.throttle import address_exceeded, client_address

ANY_ACCOUNT_FACTOR = 4
"""Failures allowed from one address across all usernames, as a multiple of the per-account limit."""

RESET_REQUESTS = Rate(5, 60 * 60)
"""Password-reset emails one address may ask for per hour: enough for a typo or two, not for a flood."""
SIGNUPS = Rate(5, 60 * 60)
"""Accounts one address may create per hour: a family or a clinic's front desk, not a script."""
VERIFICATION_EMAILS = Rate(3, 60 * 60)
"""Verification emails sent to one email address per hour, whoever asks: nobody is mail-bombed."""


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


def reset_requests_exceeded(request: HttpRequest) -> bool:
    """Count this request for a reset email; True once the address has asked too often."""
    return address_exceeded(request, "reset-requests", RESET_REQUESTS)
