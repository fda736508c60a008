"""How a threaded worker process spends its interpreter: real work one request at a time, refusals
parked.

gunicorn's threaded workers (``--threads N``) let a refused request wait without holding the
process: a client that ignores Retry-After and asks again at once is held ``REFUSAL_DELAY`` seconds
before each 429, so on each connection it sends one request per delay, not hundreds a second whose
refusals take the CPU everyone else's pages need. A sleeping thread costs no CPU. The other threads'
work runs one request at a time, as in a sync worker: requests that shared the interpreter lock
would each take as long as all of them together.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_working = threading.Lock()
_held = 0
_held_lock = threading.Lock()


def refusal(response: HttpResponse) -> HttpResponse:
    """Mark a 429 answer: not logged (Django's own flag; a flood would fill the log) and held back."""
    # both flags are attributes the stubs do not declare: Django's private one (log_response reads
    # it), and our own mark, read back with getattr in one_at_a_time
    response._has_been_logged = True  # type: ignore[attr-defined]
    response._imgpath_hold = True  # type: ignore[attr-defined]
    return response


def one_at_a_time(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """The outermost middleware: under threaded workers, each request's work holds the process's
    one work lock, and a refusal is held back after the lock is let go."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if not request.META.get("wsgi.multithread"):
            return get_response(request)
        with _working:
            response = get_response(request)
        if getattr(response, "_imgpath_hold", False):
            hold_back()
        return response

    return middleware


def hold_back() -> None:
    """Sleep ``REFUSAL_DELAY`` seconds, unless ``REFUSALS_HELD`` refusals of this process already
    are: a flood over more connections than that is answered at once, so it cannot hold every
    thread while the users' requests wait for one."""
    global _held
    delay = float(settings.REFUSAL_DELAY)
    with _held_lock:
        if not delay or _held >= int(settings.REFUSALS_HELD):
            return
        _held += 1
    try:
        time.sleep(delay)
    finally:
        with _held_lock:
            _held -= 1
