"""The finder: opportunities, organisations and stories around the license, judged for a profile.

Observerships, research posts, non-clinical roles, programs, grants and jobs, each dated and
sourced, with requirements in the engine's criteria vocabulary so each gets a verdict like a route.
Pure Python: the web keeps listings in its database and adapts them; the CLI reads the bundled
catalogue. This package is the finder's public face: interfaces import from here only.
"""

from imgpath.finder.schema import (
    HIDDEN_AFTER_DAYS,
    STALE_AFTER_DAYS,
    Application,
    Cost,
    Duration,
    Host,
    Listings,
    ListingStatus,
    Money,
    Opportunity,
    OpportunityKind,
    Organisation,
    Per,
    Place,
    Session,
    Story,
    freshness,
)

__all__ = [
    "HIDDEN_AFTER_DAYS",
    "STALE_AFTER_DAYS",
    "Application",
    "Cost",
    "Duration",
    "Host",
    "ListingStatus",
    "Listings",
    "Money",
    "Opportunity",
    "OpportunityKind",
    "Organisation",
    "Per",
    "Place",
    "Session",
    "Story",
    "freshness",
]
