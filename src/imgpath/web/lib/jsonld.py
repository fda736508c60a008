"""Schema.org JSON-LD for the finder's pages: what a search engine or an aggregator reads of a listing.

Programs, observerships, research posts and preparation are ``EducationalOccupationalProgram``; jobs
and roles are ``JobPosting`` (with their O*NET-SOC ``occupationalCategory``); funding is
``MonetaryGrant``; an organisation is a schema.org ``Organization`` shaped like an Open Referral
(HSDS) organisation with its services. Only what the listing states is written: a value the source
does not give is left out, never guessed (no ``datePosted``, no price for an unknown cost).
``script_json`` writes the data for a ``<script type="application/ld+json">`` block, which browsers
do not run (the CSP's ``script-src 'self'`` does not apply to it), with ``<`` escaped so no text
inside can close the block.
"""

from __future__ import annotations

import json
from typing import Any

from imgpath.finder import Money, Opportunity, OpportunityKind, Organisation, Per, known_cost_usd

CONTEXT = "https://schema.org"
JOB_KINDS = frozenset(
    {OpportunityKind.job, OpportunityKind.non_clinical_role, OpportunityKind.telemedicine_role}
)
UNIT_TEXT = {Per.day: "DAY", Per.week: "WEEK", Per.month: "MONTH", Per.year: "YEAR"}
"""schema.org's ``unitText`` for amounts paid per period (a total or per rotation has none)."""


def schema_type(opportunity: Opportunity) -> str:
    """The schema.org type a listing is published as."""
    if opportunity.kind is OpportunityKind.funding:
        return "MonetaryGrant"
    if opportunity.kind in JOB_KINDS:
        return "JobPosting"
    return "EducationalOccupationalProgram"


def _organisation(name: str, url: str | None) -> dict[str, Any]:
    return _without_none({"@type": "Organization", "name": name, "url": url})


def _place(opportunity: Opportunity) -> dict[str, Any] | None:
    place = opportunity.place
    if place.state is None and place.city is None:
        return None
    address = _without_none(
        {
            "@type": "PostalAddress",
            "addressLocality": place.city,
            "addressRegion": place.state,
            "addressCountry": place.country,
        }
    )
    return {"@type": "Place", "address": address}


def _amount(money: Money) -> dict[str, Any]:
    unit = UNIT_TEXT.get(money.per)
    if unit is None:
        return {"@type": "MonetaryAmount", "currency": "USD", "value": money.usd}
    value = {"@type": "QuantitativeValue", "value": money.usd, "unitText": unit}
    return {"@type": "MonetaryAmount", "currency": "USD", "value": value}


def _citations(opportunity: Opportunity) -> list[dict[str, Any]]:
    return [
        _without_none({"@type": "CreativeWork", "name": r.title, "url": r.href, "datePublished": r.dated})
        for r in opportunity.reference
    ]


def _without_none(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None and value != []}


def _weeks(weeks: float) -> str:
    """ISO 8601 duration: ``P6W``, or days when the weeks are not whole (``P10D`` for 1.5 weeks)."""
    return f"P{int(weeks)}W" if weeks == int(weeks) else f"P{round(weeks * 7)}D"


def opportunity_jsonld(opportunity: Opportunity, url: str) -> dict[str, Any]:
    """The listing as schema.org data; ``url`` is its page's absolute address."""
    kind = schema_type(opportunity)
    host = _organisation(opportunity.host.name, opportunity.host.url)
    application = opportunity.application
    common: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": kind,
        "@id": url,
        "identifier": opportunity.id,
        "url": url,
        "description": opportunity.summary,
        "dateModified": opportunity.last_verified.isoformat(),
        "citation": _citations(opportunity),
    }
    if kind == "MonetaryGrant":
        return _without_none(
            common
            | {
                "name": opportunity.title,
                "funder": host,
                "amount": _amount(opportunity.amount) if opportunity.amount else None,
            }
        )
    if kind == "JobPosting":
        return _without_none(
            common
            | {
                "title": opportunity.title,
                "hiringOrganization": host,
                "jobLocation": _place(opportunity),
                "jobLocationType": "TELECOMMUTE" if opportunity.place.remote else None,
                "applicantLocationRequirements": (
                    {"@type": "Country", "name": opportunity.place.country}
                    if opportunity.place.remote
                    else None
                ),
                "occupationalCategory": opportunity.occupational_category,
                "validThrough": application.deadline.isoformat() if application.deadline else None,
                "baseSalary": _amount(opportunity.stipend) if opportunity.stipend else None,
            }
        )
    cost = known_cost_usd(opportunity)
    first = min((s.start for s in opportunity.sessions), default=None)
    duration = opportunity.duration.min_weeks if opportunity.duration else None
    return _without_none(
        common
        | {
            "name": opportunity.title,
            "provider": host,
            "location": _place(opportunity),
            "educationalProgramMode": "online" if opportunity.place.remote else None,
            "programType": opportunity.kind.value,
            "timeToComplete": _weeks(duration) if duration is not None else None,
            "startDate": first.isoformat() if first else None,
            "applicationStartDate": application.opens.isoformat() if application.opens else None,
            "applicationDeadline": application.deadline.isoformat() if application.deadline else None,
            "maximumEnrollment": opportunity.capacity,
            "occupationalCategory": opportunity.occupational_category,
            "offers": (
                {"@type": "Offer", "price": cost, "priceCurrency": "USD", "url": application.url}
                if cost is not None
                else None
            ),
        }
    )


def organisation_jsonld(organisation: Organisation, url: str) -> dict[str, Any]:
    """An organisation as schema.org ``Organization``, with its services (Open Referral's shape)."""
    return _without_none(
        {
            "@context": CONTEXT,
            "@type": "Organization",
            "@id": url,
            "identifier": organisation.id,
            "name": organisation.name,
            "description": organisation.summary,
            "url": organisation.url or url,
            "areaServed": [{"@type": "State", "name": code} for code in organisation.states]
            or ({"@type": "Country", "name": "US"} if organisation.remote else None),
            "knowsLanguage": organisation.languages,
            "makesOffer": [
                {"@type": "Offer", "itemOffered": _without_none({"@type": "Service", "name": offer})}
                for offer in organisation.offers
            ],
            "audience": {"@type": "Audience", "audienceType": organisation.serves}
            if organisation.serves
            else None,
            "dateModified": organisation.last_verified.isoformat(),
        }
    )


def script_json(data: dict[str, Any]) -> str:
    """JSON safe inside ``<script type="application/ld+json">``: ``<``, ``>`` and ``&`` as ``\\u`` escapes,
    so a ``</script>`` or ``<!--`` in a listing's text cannot end or change the block."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
