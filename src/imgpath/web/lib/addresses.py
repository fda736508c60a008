"""Who is asking: the visitor's network address, as throttles count it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def client_address(meta: Mapping[str, Any], behind_proxy: bool) -> str:
    """The visitor's address from a request's META: behind our own proxy, the address that proxy saw
    (the last one it added to X-Forwarded-For); otherwise REMOTE_ADDR, since anyone can send the header."""
    if behind_proxy:
        forwarded = meta.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return str(forwarded.split(",")[-1].strip())
    return str(meta.get("REMOTE_ADDR", ""))
