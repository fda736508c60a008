"""The chance of matching into US residency, from published NRMP figures and nothing else.

The NRMP publishes match rates for US-citizen and non-US IMGs as groups. Those rates are the only
input: they do not know the person's specialty, scores, attempts or years since graduation, all of
which move the odds a great deal, so the estimate is given as a range over recent years, with
these limits spelt out, and no number at all when fewer than three years are published.
"""

from __future__ import annotations

from imgpath.engine.profile import Profile
from imgpath.engine.verdict import Source
from imgpath.planner.model import MatchOdds
from imgpath.rulebook.loader import Rulebook
from imgpath.rulebook.schema import MatchGroup

RECENT_YEARS = 5
MINIMUM_YEARS = 3

CAVEATS = [
    "The rate is for the whole group of IMG applicants, not for people like you: it does not adjust "
    "for specialty, USMLE scores or attempts, years since graduation or the need for a visa.",
    "Applicants who graduated long ago match less often than the group as a whole; the NRMP's "
    "Charting Outcomes tables that measure this are not in the rulebook yet.",
    "Past rates describe past Matches; the number of positions and applicants changes each year.",
]


def match_odds(profile: Profile, rulebook: Rulebook) -> MatchOdds:
    us_citizen = "US" in profile.citizenship
    group = MatchGroup.us_img if us_citizen else MatchGroup.non_us_img
    label = "US-citizen IMGs" if us_citizen else "non-US-citizen IMGs (permanent residents included)"
    rows = sorted(
        (o for o in rulebook.match.outcomes if o.group is group and o.rate is not None),
        key=lambda o: o.year,
    )[-RECENT_YEARS:]
    sources = [Source(r.title, r.href, o.as_of) for o in rows for r in o.reference]
    inputs = [f"Citizenship: {', '.join(profile.citizenship) or 'not given'}, so the group is {label}."]
    inputs += [
        f"{o.year}: {o.rate:.1%} matched" + (f" ({o.matched:,} of {o.applicants:,})" if o.applicants else "")
        for o in rows
        if o.rate is not None
    ]
    if len(rows) < MINIMUM_YEARS:
        return MatchOdds(
            group=group.value,
            estimate=None,
            low=None,
            high=None,
            years=[o.year for o in rows],
            inputs=inputs,
            caveats=CAVEATS,
            sources=sources,
            message=f"Too few published years for {label} ({len(rows)}) to give a number.",
        )
    rates = [o.rate for o in rows if o.rate is not None]
    latest = rows[-1]
    return MatchOdds(
        group=group.value,
        estimate=latest.rate,
        low=min(rates),
        high=max(rates),
        years=[o.year for o in rows],
        inputs=inputs,
        caveats=CAVEATS,
        sources=sources,
        message=(
            f"About {latest.rate:.0%} of {label} who entered the {latest.year} Match matched "
            f"({min(rates):.0%} to {max(rates):.0%} over {rows[0].year}-{latest.year}). "
            "Your own chance may be far lower or higher; see the limits below."
        ),
    )
