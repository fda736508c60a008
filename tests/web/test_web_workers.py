"""Threaded workers: refusals are held back so a flood slows down; other work runs one at a time."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings

from imgpath.web import workers

THREADED: dict[str, Any] = {"wsgi.multithread": True}


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The holds asked for, instead of sleeping them."""
    asked: list[float] = []
    monkeypatch.setattr(time, "sleep", asked.append)
    return asked


@pytest.mark.django_db
@override_settings(PAGE_RATE="1/min", REFUSAL_DELAY=1.5)
def test_under_threaded_workers_a_refused_page_is_held_and_an_answered_one_is_not(
    sleeps: list[float],
) -> None:
    client = Client(**THREADED)
    assert client.get("/states/").status_code == 200
    assert sleeps == []
    assert client.get("/states/").status_code == 429
    assert sleeps == [1.5]


@pytest.mark.django_db
@override_settings(API_RATE="1/min", REFUSAL_DELAY=1.5)
def test_a_refused_api_request_is_held_too(sleeps: list[float]) -> None:
    client = Client(**THREADED)
    assert client.get("/api/v1/jurisdictions").status_code == 200
    assert client.get("/api/v1/jurisdictions").status_code == 429
    assert sleeps == [1.5]


@pytest.mark.django_db
@override_settings(PAGE_RATE="1/min")
def test_sync_workers_hold_nothing(sleeps: list[float]) -> None:
    """A sync worker held asleep would serve nobody: its refusals go out at once."""
    client = Client()  # the test client, like a sync worker, says wsgi.multithread is False
    client.get("/states/")
    assert client.get("/states/").status_code == 429
    assert sleeps == []


@pytest.mark.django_db
@override_settings(PAGE_RATE="1/min", REFUSALS_HELD=2)
def test_beyond_refusals_held_a_refusal_is_answered_at_once(
    sleeps: list[float], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A flood over more connections than REFUSALS_HELD cannot hold every thread."""
    monkeypatch.setattr(workers, "_held", 2)
    client = Client(**THREADED)
    client.get("/states/")
    assert client.get("/states/").status_code == 429
    assert sleeps == []
    monkeypatch.setattr(workers, "_held", 1)
    assert client.get("/states/").status_code == 429
    assert len(sleeps) == 1


def _threaded_request() -> HttpRequest:
    return RequestFactory().get("/", **THREADED)


def test_work_runs_one_request_at_a_time_and_a_held_refusal_does_not_block_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While one refusal is held, another request's work goes ahead; two requests' work never overlap.

    No timed waits: under faketime (CI moves the clock 300 days ahead) a timed wait never returns."""
    holding, release = threading.Event(), threading.Event()

    def held(seconds: float) -> None:
        holding.set()
        release.wait()

    def until(event: threading.Event) -> bool:
        for _ in range(10_000_000):  # bounded: a bug fails the test instead of hanging it
            if event.is_set():
                return True
            os.sched_yield()
        return False

    monkeypatch.setattr(time, "sleep", held)
    at_once, most = 0, 0
    lock = threading.Lock()

    def view(request: HttpRequest) -> HttpResponse:
        nonlocal at_once, most
        with lock:
            at_once += 1
            most = max(most, at_once)
        for _ in range(200):  # long enough for another thread to try to overlap
            os.sched_yield()
        with lock:
            at_once -= 1
        if request.GET.get("refuse"):
            return workers.refusal(HttpResponse(status=429))
        return HttpResponse("ok")

    handler: Callable[[HttpRequest], HttpResponse] = workers.one_at_a_time(view)
    refused = threading.Thread(target=handler, args=(RequestFactory().get("/?refuse=1", **THREADED),))
    refused.start()
    assert until(holding)  # the refusal is being held ...
    assert handler(_threaded_request()).status_code == 200  # ... and other work still runs
    others = [threading.Thread(target=handler, args=(_threaded_request(),)) for _ in range(4)]
    for thread in others:
        thread.start()
    for thread in others:
        thread.join()
    release.set()
    refused.join()
    assert most == 1
    assert not refused.is_alive()


def test_a_refusal_is_not_logged() -> None:
    assert getattr(workers.refusal(HttpResponse(status=429)), "_has_been_logged", False)
