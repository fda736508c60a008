"""Every case of the hostile corpus against the import form (uploaded and pasted) and the API (issue 9):
a 4xx with the error shown (the form again, status 400) or a JSON error, never a 500, and each within
a wall-time and a memory bound."""

from __future__ import annotations

import re
import signal
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hostile_corpus import CASES, SENTINEL, Case, api_bytes, file_bytes

WALL_SECONDS = 20
PEAK_BYTES = 200 * 1024**2
"""Memory a request may allocate (tracemalloc's peak), the test client's copy of the body included."""


def _text_of(case: Case) -> str | None:
    try:
        return file_bytes(case).decode("utf-8")
    except UnicodeDecodeError:  # a browser sends text as UTF-8: bad bytes arrive only as a file
        return None


UPLOADS = [c for c in CASES if c.path is None]
PASTES = [c for c in UPLOADS if _text_of(c) is not None]
BODIES = [c for c in CASES if c.api is not None]


def _too_slow(signum: int, frame: object) -> None:
    raise TimeoutError(f"the request took more than {WALL_SECONDS} s")


@contextmanager
def bounded() -> Iterator[None]:
    """The request within WALL_SECONDS (stopped there, not waited for) and PEAK_BYTES."""
    previous = signal.signal(signal.SIGALRM, _too_slow)
    signal.setitimer(signal.ITIMER_REAL, WALL_SECONDS)
    tracemalloc.start()
    started = time.monotonic()
    try:
        yield
        seconds = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        tracemalloc.stop()
    assert seconds < WALL_SECONDS, f"{seconds:.1f} s"
    assert peak < PEAK_BYTES, f"{peak / 1024**2:.0f} MB at the peak"


def within_bounds(send: Callable[[], Any]) -> Any:
    with bounded():
        response = send()
    assert response.status_code < 500, response.content[:2000]
    return response


FORM_CHECKS = ("too large", "is empty", "at most 100000 characters", "Null characters are not allowed")
"""Django's and the form's own refusals, before the loader reads anything."""


def assert_form_refused(response: Any, name: str) -> None:
    assert response.status_code == 400, (response.status_code, response.get("Location"))
    page = response.content.decode()
    if 'name="action"' in page:  # the form again (a body over Django's own limit gets its plain 400)
        errors = re.findall(r'<p class="error"[^>]*>(.*?)</p>', page, flags=re.DOTALL)
        assert errors, page[-3000:]
        # the loader's error names the file; the form's own checks (size, emptiness, NUL) come first
        assert any(name in e or any(w in e for w in FORM_CHECKS) for e in errors), errors
        assert all(len(e) < 5000 and "\x1b" not in e for e in errors), "the message is bounded and printable"


@pytest.fixture(autouse=True)
def _no_code_ran() -> Iterator[None]:
    SENTINEL.unlink(missing_ok=True)
    yield
    assert not SENTINEL.exists(), "a YAML tag ran code"


@pytest.mark.parametrize("case", UPLOADS, ids=[c.id for c in UPLOADS])
def test_the_import_form_refuses_a_hostile_file(anonymous: Client, case: Case) -> None:
    name = f"hostile{case.suffix}"
    body = file_bytes(case)
    response = within_bounds(
        lambda: anonymous.post("/profile/", {"action": "import", "file": SimpleUploadedFile(name, body)})
    )
    if case.accepted:
        assert response.status_code == 302
        assert response["Location"] == "/results/"
    else:
        assert_form_refused(response, name)


@pytest.mark.parametrize("case", PASTES, ids=[c.id for c in PASTES])
def test_the_import_form_refuses_hostile_pasted_text(anonymous: Client, case: Case) -> None:
    text = _text_of(case)
    response = within_bounds(lambda: anonymous.post("/profile/", {"action": "import", "text": text}))
    if case.accepted:
        assert response.status_code == 302
        assert response["Location"] == "/results/"
    else:
        assert_form_refused(response, "profile")


@pytest.mark.parametrize("case", BODIES)
def test_the_api_refuses_a_hostile_body_in_json(anonymous: Client, case: Case) -> None:
    body = api_bytes(case)
    response = within_bounds(
        lambda: anonymous.post("/api/v1/check", data=body, content_type="application/json")
    )
    if case.accepted:
        assert response.status_code == 200, response.content[:2000]
        assert "results" in response.json()
        return
    assert response.status_code in {400, 413, 422}, response.content[:2000]
    assert response["Content-Type"].startswith("application/json"), response.content[:500]
    answer = response.json()
    assert answer["detail"], answer
    assert len(response.content) < 20_000, "a refusal is a message, not an echo of the body"
