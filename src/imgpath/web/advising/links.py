"""Plans shared read-only through a link: a random token (``secrets.token_urlsafe``) of which only the
SHA-256 is kept, an end date the owner chooses (30 days by default, a year at most), and a revocation
that stops it at once."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta

from django.utils import timezone

from imgpath.web.accounts.models import SavedProfile
from imgpath.web.advising.models import SharedLink

DEFAULT_DAYS = 30
MAX_DAYS = 365
LINK_URL_KEY = "imgpath_shared_link_url"
"""The session key that carries a new link's URL to the sharing page, once."""


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def make(saved: SavedProfile, pathway: str, expires: date, identity: bool) -> tuple[SharedLink, str]:
    token = secrets.token_urlsafe(32)
    link = SharedLink.objects.create(
        profile=saved, pathway=pathway, digest=digest_of(token), expires=expires, identity=identity
    )
    return link, token


def latest_end(today: date) -> date:
    return today + timedelta(days=MAX_DAYS)


def find(token: str) -> SharedLink | None:
    return SharedLink.objects.select_related("profile").filter(digest=digest_of(token)).first()


def revoke(link: SharedLink) -> None:
    if link.revoked is None:
        link.revoked = timezone.now()
        link.save(update_fields=["revoked"])
