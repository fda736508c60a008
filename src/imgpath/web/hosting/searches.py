"""Saved searches: the /opportunities/ query kept as its parameters, turned back into the finder's
``Filters``; the listings that match, newest first; a private feed URL per search (a random secret of
which only the SHA-256 is kept, as ``plans.feeds`` does for the calendar); and the new matches to
email since the last run."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Max, Q
from django.utils.translation import gettext as _

from imgpath.finder import Filters, OpportunityKind, freshness, matches, visa_code
from imgpath.web.hosting.models import SavedSearch
from imgpath.web.lib.money import money
from imgpath.web.opportunities import display
from imgpath.web.opportunities.forms import FinderForm
from imgpath.web.opportunities.models import Listing, ListingChange
from imgpath.web.opportunities.search import published

PARAMETERS = (
    "kind",
    "state",
    "remote",
    "specialty",
    "cost_at_most",
    "visa",
    "deadline_after",
    "hands_on",
    "q",
)
"""The query parameters a saved search keeps (the /opportunities/ form's); others are dropped."""
FEED_ENTRIES = 50
PUBLISHING = (ListingChange.Action.approved, ListingChange.Action.loaded)
"""The audit actions that put a listing before readers: a curator's approval, the catalogue's load."""


def clean_query(query: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """The parameters worth keeping, each a list of non-empty values (``QueryDict.lists()`` shape)."""
    kept: dict[str, list[str]] = {}
    for name in PARAMETERS:
        values = [v.strip()[:100] for v in query.get(name, []) if v.strip()]
        if values:
            kept[name] = values[:20]
    return kept


def _one(query: Mapping[str, list[str]], name: str) -> str | None:
    values = query.get(name) or []
    return values[0] if values else None


def _yes_no(value: str | None) -> bool | None:
    return {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}.get(
        (value or "").lower()
    )


def filters_of(query: Mapping[str, list[str]]) -> Filters:
    """The finder's filters for a kept query; a value that does not parse does not narrow."""
    kinds = tuple(OpportunityKind(k) for k in query.get("kind", []) if k in OpportunityKind.__members__)
    state = (_one(query, "state") or "").upper()
    cost: float | None
    try:
        cost = float(_one(query, "cost_at_most") or "")
    except ValueError:
        cost = None
    after: date | None
    try:
        after = date.fromisoformat(_one(query, "deadline_after") or "")
    except ValueError:
        after = None
    return Filters(
        kinds=kinds,
        state=state if len(state) == 2 and state.isalpha() else None,
        remote=_yes_no(_one(query, "remote")),
        specialty=_one(query, "specialty"),
        cost_at_most=cost if cost is not None and cost >= 0 else None,
        visa=visa_code(_one(query, "visa") or ""),
        deadline_after=after,
        hands_on=_yes_no(_one(query, "hands_on")),
        query=_one(query, "q"),
    )


@dataclass(frozen=True)
class Match:
    listing: Listing
    published: datetime


def matching(
    search: SavedSearch, today: date, since: datetime | None = None, until: datetime | None = None
) -> list[Match]:
    """The published listings the search finds (not hidden as unverified), newest first; with
    ``since``/``until``, only those published in between."""
    filters = filters_of(search.query)
    rows = (
        published()
        .annotate(published_at=Max("changes__when", filter=Q(changes__action__in=PUBLISHING)))
        .filter(published_at__isnull=False)
    )
    if since is not None:
        rows = rows.filter(published_at__gt=since)
    if until is not None:
        rows = rows.filter(published_at__lte=until)
    found = []
    for listing in rows.order_by("-published_at", "slug"):
        opportunity = listing.opportunity
        if freshness(opportunity.last_verified, today) == "hidden" or not matches(
            opportunity, filters, today
        ):
            continue
        found.append(Match(listing, listing.published_at))
    return found


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(search: SavedSearch) -> str:
    """A fresh secret for the search's feed; the old feed URL stops working once this is saved."""
    token = secrets.token_urlsafe(32)
    search.feed_digest = digest_of(token)
    return token


def search_of(token: str) -> SavedSearch | None:
    """The saved search whose feed this secret opens, compared in constant time."""
    digest = digest_of(token)
    found = SavedSearch.objects.filter(feed_digest=digest).select_related("owner").first()
    if found is None or not hmac.compare_digest(found.feed_digest, digest):
        return None
    return found


def describe(query: Mapping[str, Any]) -> str:
    """The query as the filters a reader set, in their language, as the finder's form labels them
    (``Kind: Observership · State: Ohio · Words: “research”``)."""
    form = FinderForm()
    parts = []
    for name in PARAMETERS:  # the form's order: PostgreSQL's jsonb does not keep the query's
        field, values = form.fields.get(name), query.get(name) or []
        if field is None or not values:
            continue
        parts.append(
            str(_("%(filter)s: %(values)s"))
            % {"filter": field.label, "values": ", ".join(_value_words(name, field, v) for v in values)}
        )
    return " · ".join(parts) or "—"


def _value_words(name: str, field: Any, value: str) -> str:
    if name == "q":
        # Translators: words a reader searched for, quoted
        return str(_("“%(words)s”")) % {"words": value}
    if name == "specialty":
        return str(display.specialty_label(value))
    if name == "visa":
        return visa_code(value) or value
    if name == "cost_at_most":
        try:
            return money(float(value))
        except ValueError:
            return value
    labels = {str(code): str(label) for code, label in getattr(field, "choices", ())}
    return labels.get(value) or labels.get(value.upper(), value)  # a state kept as typed: tn
