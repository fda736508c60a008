"""The tables every app shares: throttle counts and the database cache's table.

What users create lives with the app that owns it (``accounts.models``, ``plans.models``).
"""

from __future__ import annotations

from django.db import models


class ThrottleCount(models.Model):
    """How often one key (an address, an account) did one thing in the current window.

    Written only by ``counters.hit`` with one atomic statement, so every worker and host sharing the
    database counts the same requests. ``expires`` is in Unix seconds: compared as a number by the
    database, the same on SQLite and PostgreSQL."""

    key = models.CharField(max_length=200, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    expires = models.BigIntegerField(db_index=True)

    class Meta:
        db_table = "imgpath_throttle"

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"


class CacheEntry(models.Model):
    """The table of Django's database cache (the default cache without CACHE_URL), made by the
    migrations so that it exists whatever the settings were when the database was set up.
    The columns are those ``createcachetable`` makes; only Django's cache reads and writes them."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "imgpath_cache"

    def __str__(self) -> str:
        return str(self.cache_key)
