"""How well a listing fits one person on one day: its requirements' verdict, then the listing's own.

The requirements are judged by the engine like a route's criteria (memoised per requirement set, so
listings sharing conditions cost one evaluation). On top sit the facts of the listing itself, which
no profile changes: a withdrawn or expired listing, a deadline passed, a window not yet open, and
visas for someone abroad. Each of these is a part with its own verdict and reason; the fit is the
worst of all parts, as in a route's ``all``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from imgpath.engine import Facts, RequirementsResult, Verdict, evaluate_requirements
from imgpath.engine.profile import VISA_OF_STATUS, WORK_AUTHORISED
from imgpath.finder.schema import Application, ListingStatus, Opportunity, freshness
from imgpath.messages import Message, message


@dataclass(frozen=True, slots=True)
class Part:
    """One listing-level fact's verdict and its reason."""

    verdict: Verdict
    reason: Message
    eligible_from: date | None = None


@dataclass(frozen=True, slots=True)
class Window:
    """When applications are taken, as dates: ``None`` on either side is open-ended."""

    opens: date | None
    closes: date | None


@dataclass(frozen=True, slots=True)
class Fit:
    """A listing for one person on one day: the verdict, why, and what to do by when."""

    opportunity: Opportunity
    verdict: Verdict
    requirements: RequirementsResult
    parts: tuple[Part, ...]
    window: Window | None
    """The window the person can apply in next (None: the source gives no dates)."""
    freshness: Literal["fresh", "stale", "hidden"]
    eligible_from: date | None

    @property
    def reasons(self) -> list[Message]:
        """What decided, in reading order: the listing's own facts first, then its requirements."""
        listing = [p.reason for p in self.parts if p.verdict is not Verdict.eligible]
        return [*listing, self.requirements.headline] if self.opportunity.requirements else listing


def _yearly(month_day: str, year: int) -> date:
    month, day = (int(part) for part in month_day.split("-"))
    if month == 2 and day == 29:
        day = 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return date(year, month, day)


def next_window(application: Application, today: date) -> Window | None:
    """The window open on ``today`` or the next one: a yearly window repeats, dated ones do not.

    A yearly window may run over the new year (``11-01`` to ``02-15``)."""
    if application.yearly_opens or application.yearly_closes:
        opens_md = application.yearly_opens
        closes_md = application.yearly_closes
        if opens_md is None or closes_md is None:  # one side only: the other is open-ended
            edge = _yearly(opens_md or closes_md or "01-01", today.year)
            if opens_md is not None:
                return Window(edge, None)
            return Window(None, edge if edge >= today else _yearly(closes_md or "01-01", today.year + 1))
        for start_year in (today.year - 1, today.year, today.year + 1):
            opens = _yearly(opens_md, start_year)
            closes = _yearly(closes_md, start_year if closes_md >= opens_md else start_year + 1)
            if closes >= today:
                return Window(opens, closes)
    if application.opens is None and application.deadline is None:
        return None
    return Window(application.opens, application.deadline)


def listing_parts(opportunity: Opportunity, facts: Facts, today: date) -> tuple[Part, ...]:
    """The listing's own facts for this person: status, window and visas."""
    name = opportunity.title
    parts: list[Part] = []
    status = opportunity.status
    if status in (ListingStatus.withdrawn, ListingStatus.expired):
        parts.append(Part(Verdict.not_eligible, message(f"fit.status.{status.value}", listing_name=name)))
    window = next_window(opportunity.application, today)
    if window is not None and window.closes is not None and window.closes < today:
        parts.append(
            Part(
                Verdict.not_eligible,
                message("fit.deadline_passed", listing_name=name, deadline=window.closes),
            )
        )
    elif window is not None and window.opens is not None and window.opens > today:
        parts.append(
            Part(Verdict.not_yet, message("fit.opens", listing_name=name, opens=window.opens), window.opens)
        )
    elif status is ListingStatus.closed:
        parts.append(Part(Verdict.unknown, message("fit.status.closed", listing_name=name)))
    visa = _visa_part(opportunity, facts)
    if visa is not None:
        parts.append(visa)
    return tuple(parts)


def _visa_part(opportunity: Opportunity, facts: Facts) -> Part | None:
    """Someone abroad or on a visa needs one the host accepts; a remote listing needs none."""
    if opportunity.place.remote or opportunity.kind.value == "funding":
        return None
    immigration = facts.profile.immigration
    status = immigration.status if immigration is not None else None
    if status in WORK_AUTHORISED:
        return None
    accepted = opportunity.visas
    name = opportunity.title
    if status is None:
        return Part(Verdict.unknown, message("fit.visa.status_not_said", listing_name=name))
    held = VISA_OF_STATUS.get(status)
    if held is not None and accepted is not None and held in accepted:
        return None
    if accepted is None:
        return Part(Verdict.unknown, message("fit.visa.not_said", listing_name=name))
    if not accepted and not opportunity.sponsors_visa:
        return Part(Verdict.not_eligible, message("fit.visa.none_accepted", listing_name=name))
    return Part(Verdict.needs_steps, message("fit.visa.needed", listing_name=name, visas=tuple(accepted)))


def judge(opportunity: Opportunity, facts: Facts, today: date | None = None) -> Fit:
    """The fit of ``opportunity`` for the person in ``facts`` on ``today`` (default: the facts' date)."""
    day = today or facts.as_of
    requirements = evaluate_requirements(opportunity.requirements, facts)
    parts = listing_parts(opportunity, facts, day)
    verdicts = [requirements.verdict, *(p.verdict for p in parts)]
    verdict = max(verdicts, key=lambda v: v.rank)
    starts = [d for d in (requirements.eligible_from, *(p.eligible_from for p in parts)) if d is not None]
    return Fit(
        opportunity=opportunity,
        verdict=verdict,
        requirements=requirements,
        parts=parts,
        window=next_window(opportunity.application, day),
        freshness=freshness(opportunity.last_verified, day),
        eligible_from=max(starts) if verdict is Verdict.not_yet and starts else None,
    )
