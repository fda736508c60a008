"""Finding listings: filters a person sets, and an order by fit with the reason for each place.

The same ``Filters`` serve the CLI (over the bundled catalogue, here) and the web (in SQL, over the
database); ``known_cost_usd`` and ``rank_key`` are what both sort and filter by, so a listing sits in
the same place whichever interface shows it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from imgpath.engine import Facts
from imgpath.finder.fit import Fit, judge, next_window
from imgpath.finder.schema import ListingStatus, Money, Opportunity, OpportunityKind, Per, freshness
from imgpath.finder.words import holds_all, query_words, words
from imgpath.messages import Message, message

WEEKS_PER_MONTH = 52 / 12

VISA_CODE = re.compile(r"^(?:[A-Z]{1,2}[0-9]{1,2}(?:[A-Z][0-9]?)?|NATO[1-7]|I|TD|TN|ESTA)$")
"""A visa class as listings store it: ``J1``, ``H1B``, ``H1B1``, ``B1``, ``CW1``, ``O1A``. A class is
one or two letters and a number (the symbols of 22 CFR 41.12), except the few without a number
(``I``, ``TD``, ``TN``, ``NATO1``) and ``ESTA``, the Visa Waiver Program's travel authorisation that
listings for visitors name; so a phrase ("not a visa", "any") is not read as one."""


def visa_code(text: str) -> str | None:
    """The stored code of a visa class as people write it (``J-1``, ``j1``, ``H-1B``, ``J-1 visa``:
    ``J1``, ``H1B``); None if the text is not one. ``B-1/B-2``, the combined visitor visa, is read as
    its first class, ``B1``, the one listings for visitors name."""
    first = text.strip().upper().split("/")[0]
    code = re.sub(r"[\s.\-]", "", re.sub(r"\bVISA\b", "", first))
    return code if VISA_CODE.match(code) else None


@dataclass(frozen=True, slots=True)
class Filters:
    """What a person narrows a search by; each left as ``None`` does not narrow."""

    kinds: tuple[OpportunityKind, ...] = ()
    state: str | None = None
    remote: bool | None = None
    specialty: str | None = None
    cost_at_most: float | None = None
    """US dollars; a listing whose cost the source does not give is left out (and counted)."""
    visa: str | None = None
    deadline_after: date | None = None
    """Keep listings one can still apply to after this day (no closing date: kept)."""
    hands_on: bool | None = None
    query: str | None = None
    """Words that must all appear in the title, summary, host or place (case-insensitive)."""
    include_hidden: bool = False
    """Listings not verified for 270 days are hidden unless asked for (curators)."""


def _money_total(money: Money, weeks: float | None) -> float | None:
    match money.per:
        case Per.total | Per.rotation:
            return money.usd
        case Per.week:
            return money.usd * weeks if weeks is not None else None
        case Per.month:
            return money.usd * weeks / WEEKS_PER_MONTH if weeks is not None else None
        case Per.day:
            return money.usd * weeks * 5 if weeks is not None else None  # working days
        case Per.year:
            return money.usd * max(1.0, weeks / 52) if weeks is not None else None
    return None


def known_cost_usd(opportunity: Opportunity) -> float | None:
    """The least the person pays for the shortest stay, in dollars: 0 when the source says free,
    ``None`` when it does not give the tuition or the fee (never counted as free)."""
    cost = opportunity.cost
    if cost.free:
        return 0.0
    if cost.tuition is None and cost.application_fee is None:
        return None
    weeks = opportunity.duration.min_weeks if opportunity.duration else None
    total = 0.0
    for money in (cost.application_fee, cost.tuition):
        if money is not None:
            part = _money_total(money, weeks)
            if part is None:
                return None
            total += part
    return round(total, 2)


def _words(opportunity: Opportunity) -> list[str]:
    place = opportunity.place
    fields = (opportunity.title, opportunity.summary, opportunity.host.name, place.city, place.state)
    return words(" ".join(filter(None, fields)))


def _place_matches(opportunity: Opportunity, filters: Filters) -> bool:
    """In the state asked for (a listing open to anyone, anywhere, is in every state)."""
    place = opportunity.place
    anywhere = place.remote and place.state is None
    if filters.state is not None and place.state != filters.state and not anywhere:
        return False
    return filters.remote is None or place.remote == filters.remote


def matches(opportunity: Opportunity, filters: Filters, today: date) -> bool:
    """Whether the listing passes every filter set (not its fit: that orders, it does not hide)."""
    if filters.kinds and opportunity.kind not in filters.kinds:
        return False
    if not _place_matches(opportunity, filters):
        return False
    specialties = opportunity.specialties
    if filters.specialty is not None and specialties and filters.specialty not in specialties:
        return False
    if filters.hands_on is not None and opportunity.hands_on is not filters.hands_on:
        return False
    if filters.visa is not None and filters.visa not in (opportunity.visas or ()):
        return False
    if filters.cost_at_most is not None:
        cost = known_cost_usd(opportunity)
        if cost is None or cost > filters.cost_at_most:
            return False
    if filters.deadline_after is not None:
        window = next_window(opportunity.application, filters.deadline_after)
        if window is not None and window.closes is not None and window.closes < filters.deadline_after:
            return False
    wanted = query_words(filters.query)
    return not wanted or holds_all(_words(opportunity), wanted)


@dataclass(frozen=True, slots=True)
class Found:
    """One place in the results: the fit, and why it sits where it does."""

    fit: Fit
    why: tuple[Message, ...]


@dataclass(frozen=True, slots=True)
class Results:
    found: list[Found]
    left_out_unknown_cost: int = 0
    """Listings the cost filter left out because their source gives no cost (not known to be cheap)."""
    hidden: int = 0
    """Listings left out because nobody has verified them for 270 days."""
    total: int = field(default=0)


def rank_key(fit: Fit, preferred_states: Iterable[str] = ()) -> tuple[int, int, int, str, str]:
    """Best fit first; then fresh before stale, preferred states, the soonest deadline, the title."""
    opportunity = fit.opportunity
    closes = fit.window.closes if fit.window is not None and fit.window.closes is not None else date.max
    return (
        fit.verdict.rank,
        0 if fit.freshness == "fresh" else 1,
        0 if opportunity.place.state in set(preferred_states) or opportunity.place.remote else 1,
        closes.isoformat(),
        opportunity.title.casefold(),
    )


def why(fit: Fit, facts: Facts) -> tuple[Message, ...]:
    """The reasons for a place, in the reader's words: the verdict, then what else lifted it."""
    opportunity = fit.opportunity
    reasons = [message(f"find.why.{fit.verdict.value}")]
    preferences = facts.profile.preferences
    if preferences is not None:
        if opportunity.place.state is not None and opportunity.place.state in preferences.states:
            reasons.append(message("find.why.preferred_state", state=opportunity.place.state))
        if set(opportunity.specialties) & set(preferences.specialties):
            reasons.append(message("find.why.specialty"))
    if fit.freshness == "stale":
        reasons.append(message("find.why.stale", last_verified=opportunity.last_verified))
    if opportunity.demo:
        reasons.append(message("find.why.demo"))
    return tuple(reasons)


def find(
    opportunities: Iterable[Opportunity],
    facts: Facts,
    filters: Filters = Filters(),
    today: date | None = None,
) -> Results:
    """The listings passing ``filters``, best fit first, each with the reasons for its place."""
    day = today or facts.as_of
    fits: list[Fit] = []
    unknown_cost = hidden = 0
    for opportunity in opportunities:
        if opportunity.status is ListingStatus.withdrawn:
            continue
        if not filters.include_hidden and freshness(opportunity.last_verified, day) == "hidden":
            hidden += matches(opportunity, filters, day)
            continue
        if not matches(opportunity, filters, day):
            if filters.cost_at_most is not None and known_cost_usd(opportunity) is None:
                unknown_cost += matches(opportunity, replace(filters, cost_at_most=None), day)
            continue
        fits.append(judge(opportunity, facts, day))
    preferred = facts.profile.preferences.states if facts.profile.preferences else []
    fits.sort(key=lambda f: rank_key(f, preferred))
    return Results(
        found=[Found(fit, why(fit, facts)) for fit in fits],
        left_out_unknown_cost=unknown_cost,
        hidden=hidden,
        total=len(fits),
    )
