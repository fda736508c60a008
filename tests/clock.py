"""The day the suites take as today, so that no test depends on the machine's clock."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime

import time_machine

TODAY = date(2026, 11, 25)


@contextmanager
def frozen_today(day: date = TODAY) -> Iterator[None]:
    """The clock at noon UTC on ``day``, still ticking: Django's sessions and caches keep working."""
    with time_machine.travel(datetime(day.year, day.month, day.day, 12, tzinfo=UTC), tick=True):
        yield
