"""The finder: opportunities, organisations and stories around the license, judged for a profile.

Observerships, research posts, non-clinical roles, programs, grants and jobs, each dated and
sourced, with requirements in the engine's criteria vocabulary so each gets a verdict like a route.
Pure Python: the web keeps listings in its database and adapts them; the CLI reads the bundled
catalogue. This package is the finder's public face: interfaces import from here only.
"""

from imgpath.finder.catalogue import DATA_DIR, check_catalogue, load_catalogue, read_listings_file
from imgpath.finder.fit import VISA_OF_STATUS, WORK_AUTHORISED, Fit, Part, Window, judge, next_window
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
from imgpath.finder.search import Filters, Found, Results, find, known_cost_usd, matches, rank_key, why
from imgpath.finder.serialize import find_json, fit_json, found_json

__all__ = [
    "DATA_DIR",
    "HIDDEN_AFTER_DAYS",
    "STALE_AFTER_DAYS",
    "VISA_OF_STATUS",
    "WORK_AUTHORISED",
    "Application",
    "Cost",
    "Duration",
    "Filters",
    "Fit",
    "Found",
    "Host",
    "ListingStatus",
    "Listings",
    "Money",
    "Opportunity",
    "OpportunityKind",
    "Organisation",
    "Part",
    "Per",
    "Place",
    "Results",
    "Session",
    "Story",
    "Window",
    "check_catalogue",
    "find",
    "find_json",
    "fit_json",
    "found_json",
    "freshness",
    "judge",
    "known_cost_usd",
    "load_catalogue",
    "matches",
    "next_window",
    "rank_key",
    "read_listings_file",
    "why",
]
