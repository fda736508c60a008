"""One demo listing for tests, in the finder's public shape: each test module states only what it
changes (the place, the visas, its sessions), so the shape a listing needs is written once."""

from __future__ import annotations

from typing import Any

DEMO_LISTING: dict[str, Any] = {
    "id": "demo-observership",
    "kind": "observership",
    "title": "Demo observership",
    "summary": "An illustrative listing.",
    "host": {"name": "Demo Hospital"},
    "place": {"state": "TN"},
    "last_verified": "2026-11-01",
    "demo": True,
}
"""The smallest listing the catalogue accepts, marked demo (no source needed, never published as real)."""


def demo_listing(**changes: Any) -> dict[str, Any]:
    """The demo listing with ``changes`` (whole fields replaced, not merged)."""
    return DEMO_LISTING | changes
