"""Rates as the settings write them (``"30/min"``): how many events a throttle allows in a window."""

from __future__ import annotations

from dataclasses import dataclass

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
