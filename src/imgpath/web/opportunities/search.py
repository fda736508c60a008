"""Search over the database's listings: the finder's ``Filters``, ordered by fit for one profile.

Every filter runs in SQL on the columns ``Listing.set_opportunity`` derives, words through the
database's full-text index (FTS5 on SQLite, a GIN ``tsvector`` index on PostgreSQL). The order is
the finder's own (``rank_key`` of ``judge``), computed without judging each listing in Python: one
grouped query counts the candidates per distinct requirement set (hosts reuse a few templates), each
set is judged once, and the page is fetched in SQL ordered by the worst of that set's verdict and the
listing's own parts (status, window, visas) written as SQL from the profile, then freshness, the
preferred states, the next deadline and the title. Only the listings on the page are judged in full,
for their reasons. The pages and the API call ``search`` only.
"""

from __future__ import annotations

import re
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    F,
    IntegerField,
    Min,
    Q,
    Value,
    When,
)
from django.db.models.expressions import OrderBy, RawSQL
from django.db.models.functions import Collate, Greatest

from imgpath.engine import Facts, RequirementSet, Verdict, evaluate_requirements, requirement_set
from imgpath.finder import (
    HIDDEN_AFTER_DAYS,
    STALE_AFTER_DAYS,
    VISA_OF_STATUS,
    WORK_AUTHORISED,
    Application,
    Filters,
    Fit,
    Opportunity,
    freshness,
    judge,
    next_window,
    why,
)
from imgpath.messages import Message
from imgpath.web.opportunities.models import Listing, Review

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.db.models.expressions import Combinable

PER_PAGE = 20
PG_DOCUMENT = (
    "to_tsvector('simple'::regconfig, coalesce(title, '') || ' ' || coalesce(summary, '') || ' ' ||"
    " coalesce(host, '') || ' ' || coalesce(city, '') || ' ' || coalesce(state, ''))"
)
"""The same text as the GIN index of migration 0002, so PostgreSQL uses the index."""
ELIGIBLE, NOT_YET, UNKNOWN = Verdict.eligible.rank, Verdict.not_yet.rank, Verdict.unknown.rank
NEEDS_STEPS, NOT_ELIGIBLE = Verdict.needs_steps.rank, Verdict.not_eligible.rank
NO_DEADLINE = date.max


@dataclass(frozen=True, slots=True)
class Hit:
    """One listing on a results page: its record, and its fit when a profile was given."""

    listing: Listing
    opportunity: Opportunity
    fit: Fit | None
    why: tuple[Message, ...] = ()
    freshness: str = "fresh"
    """``fresh``, or ``stale`` (not verified for 180 days: pages mark it); hidden ones are left out."""


@dataclass(frozen=True, slots=True)
class Page:
    hits: list[Hit]
    total: int
    """Listings passing the filters (an estimate when ``estimated``)."""
    number: int = 1
    per_page: int = PER_PAGE
    estimated: bool = False
    left_out_unknown_cost: int = 0
    hidden: int = 0
    extra: dict[str, int] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def published() -> QuerySet[Listing]:
    return Listing.objects.filter(review=Review.published).exclude(status="withdrawn")


def words(query: str | None) -> list[str]:
    """The query's words as the full-text index splits them (letters and digits)."""
    return re.findall(r"\w+", query.casefold()) if query else []


def _full_text(rows: QuerySet[Listing], query: str | None) -> QuerySet[Listing]:
    """Listings holding every word (as a word or the start of one) in title, summary, host or place."""
    terms = words(query)
    if not terms:
        return rows
    vendor = connection.vendor
    if vendor == "sqlite":
        match = " ".join(f'"{term}"*' for term in terms)
        hits = RawSQL(
            "SELECT rowid FROM opportunities_listing_fts WHERE opportunities_listing_fts MATCH %s", [match]
        )
        return rows.filter(pk__in=hits)
    if vendor == "postgresql":
        tsquery = " & ".join(f"{term}:*" for term in terms)
        found = RawSQL(f"{PG_DOCUMENT} @@ to_tsquery('simple'::regconfig, %s)", [tsquery], BooleanField())
        return rows.filter(found)
    for term in terms:  # no full-text index: substrings, as the finder matches
        rows = rows.filter(
            Q(title__icontains=term)
            | Q(summary__icontains=term)
            | Q(host__icontains=term)
            | Q(city__icontains=term)
            | Q(state__icontains=term)
        )
    return rows


def filtered(filters: Filters) -> QuerySet[Listing]:
    """The published listings passing every filter but the cost and freshness (counted apart)."""
    rows = published()
    if filters.kinds:
        rows = rows.filter(kind__in=[k.value for k in filters.kinds])
    if filters.state is not None:  # a listing open anywhere, remotely, is in every state
        rows = rows.filter(Q(state=filters.state) | Q(remote=True, state=""))
    if filters.remote is not None:
        rows = rows.filter(remote=filters.remote)
    if filters.specialty is not None:  # no specialties: any
        rows = rows.filter(Q(specialties="") | Q(specialties__contains=f"|{filters.specialty}|"))
    if filters.hands_on is not None:
        rows = rows.filter(hands_on=filters.hands_on)
    if filters.visa is not None:
        rows = rows.filter(visas__contains=f"|{filters.visa}|")
    if filters.deadline_after is not None:  # a yearly window always comes round again
        rows = rows.filter(Q(closes__isnull=True) | Q(closes__gte=filters.deadline_after))
    return _full_text(rows, filters.query)


def _cost_ok(filters: Filters) -> Q | None:
    if filters.cost_at_most is None:
        return None
    return Q(cost_usd__isnull=False, cost_usd__lte=filters.cost_at_most)


def _count(condition: Q | None) -> Count:
    return Count("pk") if condition is None else Count("pk", filter=condition)


_SETS: dict[str, RequirementSet] = {}
"""Requirement sets by ``requirements_key``, read once per process from a listing holding each."""
MAX_SETS = 4096


def requirement_sets(keys: set[str]) -> dict[str, RequirementSet]:
    """The compiled requirement set of each key (one listing's document read per key not yet seen)."""
    missing = keys - _SETS.keys()
    if missing:
        if len(_SETS) + len(missing) > MAX_SETS:
            _SETS.clear()
            missing = set(keys)
        first = (
            Listing.objects.filter(requirements_key__in=missing)
            .values("requirements_key")
            .annotate(m=Min("pk"))
        )
        for key, document in Listing.objects.filter(pk__in=first.values("m")).values_list(
            "requirements_key", "document"
        ):
            _SETS[key] = requirement_set(Opportunity.model_validate(document).requirements)
    return {key: _SETS[key] for key in keys}


_RANKS: OrderedDict[tuple[str, str], int] = OrderedDict()
"""Requirement verdict ranks by profile and set: a person refining a search is judged once per set."""
MAX_RANKS = 100_000


def _fingerprint(facts: Facts) -> str:
    """What a requirement verdict depends on: the profile, the day and the rulebook."""
    return f"{id(facts.rulebook)}|{facts.as_of}|{facts.profile.model_dump_json()}"


def requirement_ranks(sets: dict[str, RequirementSet], facts: Facts) -> dict[str, int]:
    """Each set's verdict rank for the person (remembered per process for the same profile and day)."""
    who = _fingerprint(facts)
    ranks: dict[str, int] = {}
    for key, found in sets.items():
        rank = _RANKS.get((who, key))
        if rank is None:
            rank = _RANKS[(who, key)] = evaluate_requirements(found, facts).verdict.rank
            if len(_RANKS) > MAX_RANKS:
                _RANKS.popitem(last=False)
        ranks[key] = rank
    return ranks


def forget_ranks() -> None:
    """Drop the remembered verdict ranks (the rulebook changed; benchmarks measuring cold searches)."""
    _RANKS.clear()


def _by_value(values: dict[str, Any]) -> dict[Any, list[str]]:
    grouped: dict[Any, list[str]] = defaultdict(list)
    for key, value in values.items():
        grouped[value].append(key)
    return grouped


def _yearly_window(yearly: str, today: date) -> tuple[int, date]:
    """A yearly window's part rank (passed, not open yet, or neither: -1) and its next closing day."""
    opens, closes = yearly.split("|")
    window = next_window(Application(yearly_opens=opens or None, yearly_closes=closes or None), today)
    if window is None:
        return -1, NO_DEADLINE
    deadline = window.closes or NO_DEADLINE
    if window.closes is not None and window.closes < today:
        return NOT_ELIGIBLE, deadline
    if window.opens is not None and window.opens > today:
        return NOT_YET, deadline
    return -1, deadline


def _rank_of_keys(ranks: dict[str, int]) -> Combinable:
    grouped = _by_value(ranks)
    if len(grouped) <= 1:
        return Value(next(iter(grouped), ELIGIBLE))
    *rest, (last, _) = sorted(grouped.items(), key=lambda item: len(item[1]))
    whens = [When(requirements_key__in=keys, then=Value(rank)) for rank, keys in rest]
    return Case(*whens, default=Value(last), output_field=IntegerField())


def _window_rank(yearly: dict[str, tuple[int, date]], today: date) -> Combinable:
    """The listing's status and window part, as ``listing_parts``: passed, not open yet, closed."""
    by_rank = _by_value({key: window[0] for key, window in yearly.items()})
    whens = [When(yearly__in=keys, then=Value(rank)) for rank, keys in by_rank.items() if rank >= 0]
    whens += [
        When(yearly="", closes__lt=today, then=Value(NOT_ELIGIBLE)),
        When(yearly="", opens__gt=today, then=Value(NOT_YET)),
        When(status="closed", then=Value(UNKNOWN)),
    ]
    window = Case(*whens, default=Value(ELIGIBLE), output_field=IntegerField())
    expired = Case(When(status="expired", then=Value(NOT_ELIGIBLE)), default=Value(ELIGIBLE))
    return Greatest(window, expired, output_field=IntegerField())


def _visa_rank(facts: Facts) -> Combinable:
    """The visa part, as the finder's: someone abroad or on a visa needs one the host accepts."""
    immigration = facts.profile.immigration
    status = immigration.status if immigration is not None else None
    if status in WORK_AUTHORISED:
        return Value(ELIGIBLE)
    none_needed = When(Q(remote=True) | Q(kind="funding"), then=Value(ELIGIBLE))
    if status is None:
        return Case(none_needed, default=Value(UNKNOWN), output_field=IntegerField())
    whens = [none_needed]
    held = VISA_OF_STATUS.get(status)
    if held is not None:
        whens.append(When(visas__contains=f"|{held}|", then=Value(ELIGIBLE)))
    whens += [
        When(visas__isnull=True, then=Value(UNKNOWN)),
        When(
            Q(visas="|") & (Q(sponsors_visa__isnull=True) | Q(sponsors_visa=False)), then=Value(NOT_ELIGIBLE)
        ),
    ]
    return Case(*whens, default=Value(NEEDS_STEPS), output_field=IntegerField())


def _deadline(yearly: dict[str, tuple[int, date]]) -> Combinable:
    whens = [
        When(yearly__in=keys, then=Value(deadline))
        for deadline, keys in _by_value({k: v[1] for k, v in yearly.items()}).items()
        if deadline != NO_DEADLINE
    ]
    whens.append(When(yearly="", closes__isnull=False, then=F("closes")))
    return Case(*whens, default=Value(NO_DEADLINE), output_field=DateField())


def _by_title() -> OrderBy:
    """Titles compared by code point, as Python compares ``casefold()`` strings."""
    title = Collate(F("sort_title"), "C") if connection.vendor == "postgresql" else F("sort_title")
    return title.asc()


def search(
    filters: Filters, facts: Facts | None, today: date, page: int = 1, per_page: int = PER_PAGE
) -> Page:
    """The published listings passing ``filters``; with ``facts``, best fit first and why.

    The order and the counts are ``imgpath.finder.find``'s over the same listings, except that
    words match whole words or their starts (the full-text index), not any substring."""
    rows = filtered(filters)
    cost_ok = _cost_ok(filters)
    visible = (
        None if filters.include_hidden else Q(last_verified__gte=today - timedelta(days=HIDDEN_AFTER_DAYS))
    )
    kept = cost_ok & visible if cost_ok is not None and visible is not None else cost_ok or visible
    counts: dict[str, Any] = {"kept": _count(kept)}
    if visible is not None:
        counts["hidden"] = _count(~visible if cost_ok is None else cost_ok & ~visible)
    if cost_ok is not None:
        unknown = Q(cost_usd__isnull=True)
        counts["unknown"] = _count(unknown if visible is None else unknown & visible)  # hidden: counted there
    start = (page - 1) * per_page
    if facts is None:
        totals = rows.aggregate(**counts)
        shown = rows.filter(kept) if kept is not None else rows
        ids = list(shown.order_by(_by_title(), "pk").values_list("pk", flat=True)[start : start + per_page])
        by_id = Listing.objects.in_bulk(ids)
        listings = [by_id[pk] for pk in ids]
        return Page(
            [
                Hit(listing, listing.opportunity, None, freshness=freshness(listing.last_verified, today))
                for listing in listings
            ],
            totals["kept"],
            page,
            per_page,
            False,
            totals.get("unknown") or 0,
            totals.get("hidden") or 0,
        )
    grouped = rows.values("requirements_key").annotate(**counts).order_by()
    groups: list[dict[str, Any]] = [dict(g) for g in grouped]
    total = sum(g["kept"] for g in groups)
    left_out = sum(g.get("unknown", 0) for g in groups)
    hidden = sum(g.get("hidden", 0) for g in groups)
    hits: list[Hit] = []
    if total > start:
        live = [g for g in groups if g["kept"]]
        sets = requirement_sets({g["requirements_key"] for g in live})
        ranks = requirement_ranks(sets, facts)
        every_yearly = Listing.objects.exclude(yearly="").values_list("yearly", flat=True).distinct()
        yearly = {value: _yearly_window(value, today) for value in every_yearly.order_by()}
        preferences = facts.profile.preferences
        states = list(preferences.states) if preferences is not None else []
        preferred = Q(remote=True) | Q(state__in=states) if states else Q(remote=True)
        ordered = (
            (rows.filter(kept) if kept is not None else rows)
            .annotate(
                fit_rank=Greatest(
                    _rank_of_keys(ranks),
                    _window_rank(yearly, today),
                    _visa_rank(facts),
                    output_field=IntegerField(),
                ),
                stale=Case(
                    When(last_verified__gte=today - timedelta(days=STALE_AFTER_DAYS), then=Value(0)),
                    default=Value(1),
                ),
                elsewhere=Case(When(preferred, then=Value(0)), default=Value(1)),
                next_deadline=_deadline(yearly),
            )
            .order_by("fit_rank", "stale", "elsewhere", "next_deadline", _by_title(), "pk")
        )
        ids = list(ordered.values_list("pk", flat=True)[start : start + per_page])
        by_id = Listing.objects.in_bulk(ids)
        for listing in (by_id[pk] for pk in ids):
            opportunity = listing.opportunity
            fit = judge(opportunity, facts, today)
            hits.append(Hit(listing, opportunity, fit, why(fit, facts), fit.freshness))
    return Page(hits, total, page, per_page, False, left_out, hidden)
