"""Shared, atomic counters for throttles: the database by default, Redis when ``CACHE_URL`` names one.

A throttle asks "how many times has this key done this in the current window, this time included?".
Each answer comes from one atomic operation on a store every worker and every host shares, so two
requests at the same moment never read the same count (a file or per-process cache did: 64 of 60).

The window is fixed: it starts at a key's first hit and lasts ``seconds``; the next hit after it
starts a new one. A client can therefore send at most twice the limit across a window boundary, never
more, which is the usual price of a counter that costs one statement.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import time
from dataclasses import dataclass
from functools import cache

import redis
from django.conf import settings
from django.db import connection
from django.db.models import F

from imgpath.web.models import ThrottleCount

SWEEP_ONE_IN = 200
"""About one hit in this many also deletes expired rows, so the table holds only live windows."""


def key_for(*parts: str) -> str:
    """A counter key for a kind of event and who did it. The address or name is not kept: an HMAC
    keyed with SECRET_KEY, since a plain hash of an IPv4 address is undone by trying all 2**32."""
    kind, *who = parts
    message = json.dumps(who).encode()  # unambiguous, whatever the parts hold
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return f"{kind}:{digest[:40]}"


@dataclass(frozen=True)
class Window:
    """A key's count in its current window, this hit included, and when that window ends (Unix time)."""

    count: int
    ends: float


def hit(key: str, seconds: int) -> int:
    """Count one event for ``key``; return how many it has in its window, this one included."""
    return counted(key, seconds).count


def counted(key: str, seconds: int) -> Window:
    """Count one event for ``key``; its window's count and end."""
    if settings.CACHE_URL:
        return _redis_hit(key, seconds)
    return _database_hit(key, seconds)


def count(key: str) -> int:
    """The events ``key`` has in its current window (0 when none), without counting one."""
    if settings.CACHE_URL:
        value = _redis().get(_redis_key(key))
        return int(value or 0)
    now = int(time.time())
    found = ThrottleCount.objects.filter(key=key, expires__gt=now).values_list("count", flat=True).first()
    return int(found or 0)


def take_back(key: str) -> None:
    """Undo one hit of ``key`` (a log-in attempt that succeeded), never below 0."""
    if settings.CACHE_URL:
        name = _redis_key(key)
        if _redis().exists(name):
            _redis().decr(name)
    else:
        ThrottleCount.objects.filter(key=key, count__gt=0).update(count=F("count") - 1)


def clear(key: str) -> None:
    """Forget ``key``'s count (a successful log-in clears its failures)."""
    if settings.CACHE_URL:
        _redis().delete(_redis_key(key))
    else:
        ThrottleCount.objects.filter(key=key).delete()


def _database_hit(key: str, seconds: int) -> Window:
    # one upsert: PostgreSQL locks the row, SQLite the database, so concurrent hits are serialized
    now = int(time.time())
    table = connection.ops.quote_name(ThrottleCount._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, count, expires) VALUES (%s, 1, %s) "
            f"ON CONFLICT (key) DO UPDATE SET "
            f"count = CASE WHEN {table}.expires > %s THEN {table}.count + 1 ELSE 1 END, "
            f"expires = CASE WHEN {table}.expires > %s THEN {table}.expires ELSE excluded.expires END "
            f"RETURNING count, expires",
            [key, now + seconds, now, now],
        )
        row = cursor.fetchone()
        if random.randrange(SWEEP_ONE_IN) == 0:
            cursor.execute(f"DELETE FROM {table} WHERE expires <= %s", [now])
    return Window(int(row[0]), float(row[1]))


@cache
def _redis_client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)


def _redis() -> redis.Redis:
    return _redis_client(str(settings.CACHE_URL))


def _redis_key(key: str) -> str:
    return f"imgpath:throttle:{key}"


def _redis_hit(key: str, seconds: int) -> Window:
    # INCR and EXPIRE NX in one MULTI: the first hit of a window sets its end, later hits keep it
    pipe = _redis().pipeline(transaction=True)
    name = _redis_key(key)
    pipe.incr(name)
    pipe.expire(name, seconds, nx=True)
    pipe.ttl(name)  # seconds left, not Redis's clock: its host's clock may differ from ours
    number, _set, left = pipe.execute()
    return Window(int(number), time.time() + max(0, int(left)))
