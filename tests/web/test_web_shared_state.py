"""Throttle counts and caches every worker and host shares (issue 9, items 7 and 11).

Counts are atomic on both stores: the database (the default, no extra service) and Redis (through
CACHE_URL). Without Redis these tests skip and say so; with ``REQUIRE_REDIS=1`` (CI) that fails.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client, override_settings

from imgpath.web import counters
from imgpath.web.config import load_settings
from imgpath.web.lib.rates import Rate
from imgpath.web.models import CacheEntry, ThrottleCount

REDIS_URL = "redis://127.0.0.1:6379/15"
"""Database 15 of the local Redis. Nothing is flushed: each test has its own SECRET_KEY, so its keys
(HMACs keyed with it) meet no other run's, and they expire with their windows."""


def _redis_or_skip() -> None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        reason = f"no Redis at {REDIS_URL} ({error})"
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(f"{reason}; REQUIRE_REDIS=1 makes that a failure", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(params=["database", "redis"])
def store(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each test below runs once on each store."""
    if request.param == "redis":
        _redis_or_skip()
        with override_settings(CACHE_URL=REDIS_URL, SECRET_KEY=f"tests-{secrets.token_hex(24)}"):
            yield "redis"
    else:
        yield "database"


@pytest.mark.django_db
def test_a_count_grows_by_one_per_hit_and_restarts_when_its_window_ends(store: str) -> None:
    import time_machine

    key = counters.key_for("test-window", "203.0.113.9")
    with time_machine.travel(1_900_000_000, tick=False) as traveller:
        assert [counters.hit(key, 60) for _ in range(3)] == [1, 2, 3]
        assert counters.count(key) == 3
        traveller.shift(59)
        assert counters.hit(key, 60) == 4  # the window started at the first hit: still open
        if store == "database":  # Redis keeps time itself: its expiry is checked below
            traveller.shift(1)
            assert counters.count(key) == 0
            assert counters.hit(key, 60) == 1  # a new window
    counters.clear(key)
    assert counters.count(key) == 0


@pytest.mark.django_db
def test_redis_counts_expire_with_their_window() -> None:
    import redis

    _redis_or_skip()
    with override_settings(CACHE_URL=REDIS_URL, SECRET_KEY=f"tests-{secrets.token_hex(24)}"):
        key = counters.key_for("test-expiry", "203.0.113.9")
        counters.hit(key, 60)
        counters.hit(key, 3600)  # a later hit does not move the window's end
        ttl = redis.Redis.from_url(REDIS_URL).ttl(f"imgpath:throttle:{key}")
        assert 0 < int(ttl) <= 60


def test_keys_cannot_be_turned_back_into_an_address_without_the_secret_key() -> None:
    import hashlib

    key = counters.key_for("login-failures", "victim", "198.51.100.7")
    assert key.startswith("login-failures:")
    assert "198.51.100.7" not in key
    assert "victim" not in key
    plain = [
        hashlib.sha256(text.encode()).hexdigest()[:40] for text in ("victim|198.51.100.7", "198.51.100.7")
    ]
    assert key.removeprefix("login-failures:") not in plain  # not a hash anyone can recompute
    with override_settings(SECRET_KEY="another-secret-key-of-at-least-32-characters"):
        assert counters.key_for("login-failures", "victim", "198.51.100.7") != key


def _at_once(threads: int, work: Callable[[], Any]) -> list[Any]:
    start = threading.Barrier(threads)
    results: list[Any] = []

    def run() -> None:
        start.wait()
        try:
            results.append(work())
        finally:
            connection.close()

    pool = [threading.Thread(target=run) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_never_read_the_same_count(store: str) -> None:
    """The defect: 64 requests of a limit of 60 got through, because two read the same count."""
    if store == "database" and connection.vendor == "sqlite":
        pytest.skip("SQLite serializes writers; the database store is raced on PostgreSQL (make test)")
    key = counters.key_for("test-race", "203.0.113.9")
    per_thread = 25

    def work() -> list[int]:
        return [counters.hit(key, 60) for _ in range(per_thread)]

    seen = [n for batch in _at_once(8, work) for n in batch]
    assert sorted(seen) == list(range(1, 8 * per_thread + 1))


@pytest.mark.django_db(transaction=True)
@override_settings(API_RATE="60/min")
def test_the_api_limit_holds_exactly_under_concurrent_requests(store: str) -> None:
    if store == "database" and connection.vendor == "sqlite":
        pytest.skip("SQLite serializes writers; the database store is raced on PostgreSQL (make test)")

    def work() -> list[int]:
        client = Client()
        return [client.get("/api/v1/jurisdictions").status_code for _ in range(10)]

    codes = [code for batch in _at_once(8, work) for code in batch]
    # 80 at once: half the minute's 60 in its first third (throttle.SPREAD), exactly
    assert codes.count(200) == 30
    assert codes.count(429) == 50


def test_production_settings_share_one_cache_in_the_database_or_redis() -> None:
    base = {"DEBUG": "true"}
    assert load_settings(base).CACHE_URL is None
    assert load_settings({**base, "CACHE_URL": "redis://cache:6379/0"}).CACHE_URL == "redis://cache:6379/0"
    from imgpath.web.config import SettingsError

    with pytest.raises(SettingsError, match="CACHE_URL"):
        load_settings({**base, "CACHE_URL": "memcached://cache:11211"})


DATABASE_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "imgpath_cache"}
}


@pytest.mark.django_db
@override_settings(CACHES=DATABASE_CACHE)
def test_a_chart_is_drawn_once_for_two_visitors_with_the_same_profile(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Keyed by the profile's content, not the session: the second visitor gets the stored drawing,
    from the database every worker reads. A different profile is drawn anew."""
    from imgpath.planner import comparison_chart as real
    from imgpath.web.plans import views as plans

    drawn: list[int] = []

    def counting(*args: Any, **kwargs: Any) -> bytes:
        drawn.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(plans, "comparison_chart", counting)
    first, second = Client(), Client()
    for client in (first, second):
        client.post("/profile/", {"action": "example"})
    assert first.get("/plans/chart.svg").status_code == 200
    assert second.get("/plans/chart.svg").status_code == 200
    assert len(drawn) == 1
    assert CacheEntry.objects.filter(cache_key__contains="imgpath:chart:").count() == 1
    assert first.get("/plans/chart.svg?sort=cost").status_code == 200
    assert len(drawn) == 2
    caches["default"].clear()


@pytest.mark.django_db
@override_settings(CHART_RATE="2/min")
def test_chart_drawings_are_limited_per_address_and_cached_charts_are_not(anonymous: Client) -> None:
    """A flood of fresh profiles costs a drawing each (up to a second of CPU): that is what is counted.
    Looking at a chart again is served from the cache and stays allowed."""
    anonymous.post("/profile/", {"action": "example"})
    route = "us-tn.traditional"
    drawn = [anonymous.get(url).status_code for url in ("/plans/chart.svg", "/plans/chart.svg?sort=cost")]
    assert drawn == [200, 200]
    refused = anonymous.get(f"/plans/{route}/chart.svg")
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("text/plain")
    assert int(refused["Retry-After"]) == 60
    assert anonymous.get("/plans/chart.svg").status_code == 200  # drawn already: from the cache
    assert Client(REMOTE_ADDR="198.51.100.7").get("/plans/chart.svg").status_code == 302  # no profile


@pytest.mark.django_db
@override_settings(PAGE_RATE="3/min", IMPORT_RATE="2/min")
def test_pages_and_imports_are_limited_per_address(anonymous: Client) -> None:
    anonymous.post("/profile/", {"action": "example"})  # the form's first button: counted as an import
    pages = [anonymous.get("/states/").status_code for _ in range(4)]
    assert pages == [200, 200, 200, 429]
    limited = anonymous.get("/results/")
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) == 60
    assert "Too many requests" in limited.content.decode()
    assert anonymous.post("/profile/", {"action": "example"}).status_code == 302
    assert anonymous.post("/profile/", {"action": "example"}).status_code == 429
    assert anonymous.get("/profile/").status_code == 200  # reading the form is not an import
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    assert elsewhere.get("/states/").status_code == 200  # another address has its own allowance
    assert ThrottleCount.objects.count() >= 3


@pytest.mark.django_db(transaction=True)
@override_settings(LOGIN_ATTEMPTS=5)
def test_guesses_sent_together_get_no_more_tries_than_the_lockout_allows(store: str) -> None:
    """The defect: 6 of 5 got through, because each read the count before any failure was counted."""
    from django.contrib.auth.models import User

    if store == "database" and connection.vendor == "sqlite":
        pytest.skip("SQLite serializes writers; the database store is raced on PostgreSQL (make test)")
    User.objects.create_user("victim", "victim@example.org", "correct horse battery staple")

    def work() -> list[int]:
        client = Client()
        return [
            client.post("/account/login/", {"username": "victim", "password": f"guess{n}"}).status_code
            for n in range(3)
        ]

    codes = [code for batch in _at_once(8, work) for code in batch]
    assert codes.count(400) == 5
    assert codes.count(429) == 19


@pytest.mark.django_db
@override_settings(PAGE_RATE="2/min")
def test_a_calendar_feed_is_limited_per_feed_not_per_address() -> None:
    """Calendar services fetch everyone's feeds from a few addresses: one feed's flood is stopped,
    other feeds fetched from the same address are not."""
    codes = [
        Client(REMOTE_ADDR=f"198.51.100.{n}").get("/feeds/some-feed-secret/calendar.ics").status_code
        for n in range(3)
    ]
    assert codes == [404, 404, 429]
    assert Client(REMOTE_ADDR="198.51.100.1").get("/feeds/another-secret/calendar.ics").status_code == 404


def test_a_feed_secret_never_reaches_a_log_line() -> None:
    import logging

    from imgpath.web.logfilters import HideFeedSecrets

    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "%s: %s",
        ("Not Found", "/feeds/s3cr3t/calendar.ics"),
        None,
    )
    assert HideFeedSecrets().filter(record)
    assert record.getMessage() == "Not Found: /feeds/(secret)/calendar.ics"


@pytest.mark.django_db
@override_settings(PAGE_RATE="1/min")
def test_a_refusal_costs_a_flood_one_query_and_no_log_line(
    as_alice: Client, django_assert_max_num_queries: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Answering a flood must be cheap: the count's one statement, no session or account read, and
    no log line per refused request (a flood would fill the log). The clock stands still: on the
    wall clock, the two requests could fall in two minutes and both be allowed."""
    import time_machine

    with time_machine.travel(1_900_000_000, tick=False):
        as_alice.get("/states/")
        with django_assert_max_num_queries(1):
            refused = as_alice.get("/states/")
        assert refused.status_code == 429
        assert "Too many requests" in refused.content.decode()
        assert 'lang="en"' in refused.content.decode()
        assert not [r for r in caplog.records if "Too Many Requests" in r.getMessage()]
        spanish = as_alice.get("/states/", HTTP_ACCEPT_LANGUAGE="es")
        assert "Demasiadas solicitudes" in spanish.content.decode()


@pytest.mark.django_db
@override_settings(API_RATE="60/min")
def test_a_minute_allowance_cannot_be_spent_in_one_burst(anonymous: Client) -> None:
    import time_machine

    def send(count: int) -> list[int]:
        return [anonymous.get("/api/v1/jurisdictions").status_code for _ in range(count)]

    with time_machine.travel(1_900_000_000, tick=False) as traveller:
        assert send(31) == [200] * 30 + [429]  # half the minute's 60 in its first 20 seconds
        traveller.shift(20)
        assert send(31) == [200] * 30 + [429]  # the other half: the minute's 60 are spent
        traveller.shift(20)
        assert send(1) == [429]
        traveller.shift(20)  # a new minute
        assert send(1) == [200]


@pytest.mark.django_db
def test_a_key_over_its_limit_is_refused_without_touching_the_store_until_its_window_ends(
    store: str,
) -> None:
    """A flood's refusals cost no write: the process remembers when the refused window ends."""
    import time_machine

    from imgpath.web import throttle

    rate = Rate(2, 60)  # under 2 * SPREAD: no burst limit, one count
    key = counters.key_for("test-refusals", "203.0.113.7")
    with time_machine.travel(1_900_000_000, tick=False) as traveller:
        assert [throttle.exceeded("test-refusals", "203.0.113.7", rate) for _ in range(3)] == [
            False,
            False,
            True,
        ]
        assert counters.count(key) == 3
        assert all(throttle.exceeded("test-refusals", "203.0.113.7", rate) for _ in range(20))
        assert counters.count(key) == 3  # refused from memory: the store was not written
        traveller.shift(59)
        assert throttle.exceeded("test-refusals", "203.0.113.7", rate)  # the window is still open
        assert counters.count(key) == 3
        if store == "database":  # Redis keeps time itself: it would still count the real minute
            traveller.shift(2)
            assert not throttle.exceeded("test-refusals", "203.0.113.7", rate)  # a new window
    counters.clear(key)


@pytest.mark.django_db
def test_refusals_kept_are_bounded_and_only_their_room_is_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond REFUSALS_KEPT keys the memory keeps no more, and the store still refuses the rest."""
    from imgpath.web import throttle

    monkeypatch.setattr(throttle, "REFUSALS_KEPT", 3)
    rate = Rate(1, 60)
    for address in [f"203.0.113.{i}" for i in range(1, 6)]:
        assert [throttle.exceeded("test-room", address, rate) for _ in range(3)] == [False, True, True]
    assert len(throttle._refused_until) == 3


@pytest.mark.django_db
@override_settings(API_RATE="1/min")
def test_the_api_refusal_is_json_with_retry_after_and_no_log_line(
    anonymous: Client, caplog: pytest.LogCaptureFixture
) -> None:
    assert anonymous.get("/api/v1/jurisdictions").status_code == 200
    refused = anonymous.get("/api/v1/jurisdictions")
    assert refused.status_code == 429
    assert refused.json() == {"detail": "Too many requests.", "errors": []}
    assert refused["Retry-After"] == "60"
    assert not [r for r in caplog.records if "Too Many Requests" in r.getMessage()]


@pytest.mark.django_db
def test_remembering_refusals_never_changes_a_decision() -> None:
    """The same requests at the same moments get the same answers whether this process remembers its
    refusals or asks the store each time: the memory only saves work."""
    import time_machine
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from imgpath.web import throttle

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        rate=st.sampled_from([Rate(2, 60), Rate(6, 60), Rate(7, 30)]),
        gaps=st.lists(st.sampled_from([0, 0, 0, 1, 5, 9, 10, 19, 20, 29, 30, 59, 60, 61]), max_size=40),
    )
    def same_answers(rate: Rate, gaps: list[int]) -> None:
        remembering, asking = (f"198.51.100.{secrets.token_hex(8)}" for _ in range(2))
        forgotten = [counters.key_for(kind, asking) for kind in ("test-same", "test-same-burst")]
        with time_machine.travel(1_900_000_000, tick=False) as traveller:
            for gap in gaps:
                traveller.shift(gap)
                remembered = throttle.exceeded("test-same", remembering, rate)
                asked = throttle.exceeded("test-same", asking, rate)
                for key in forgotten:
                    throttle._refused_until.pop(key, None)
                assert remembered == asked

    same_answers()
