"""The chance of matching into US residency, from published NRMP figures and nothing else.

The NRMP publishes match rates for US-citizen and non-US IMGs as groups. Those rates are the only
input: they do not know the person's specialty, scores, attempts or years since graduation, all of
which move the odds a great deal, so the estimate is given as a range over recent years, with
these limits spelt out, and no number at all when fewer than three years are published.
"""

from __future__ import annotations

from imgpath.engine.profile import Profile
from imgpath.engine.verdict import Source
from imgpath.messages import message
from imgpath.planner.model import MatchOdds
from imgpath.rulebook.loader import Rulebook
from imgpath.rulebook.schema import MatchGroup

RECENT_YEARS = 5
MINIMUM_YEARS = 3

CAVEATS = [
    message("odds.caveat.group_rate"),
    message("odds.caveat.graduation_year"),
    message("odds.caveat.past"),
]


def match_odds(profile: Profile, rulebook: Rulebook) -> MatchOdds:
    us_citizen = "US" in profile.citizenship
    group = MatchGroup.us_img if us_citizen else MatchGroup.non_us_img
    label = message(f"odds.group.{group.value}")
    rows = sorted(
        (o for o in rulebook.match.outcomes if o.group is group and o.rate is not None),
        key=lambda o: o.year,
    )[-RECENT_YEARS:]
    sources = [Source(r.title, r.href, o.as_of) for o in rows for r in o.reference]
    if profile.citizenship:
        inputs = [message("odds.input.citizenship", citizenship=profile.citizenship, group=label)]
    else:
        inputs = [message("odds.input.no_citizenship", group=label)]
    inputs += [
        message(
            "odds.input.year.counts", year=o.year, rate=o.rate, matched=o.matched, applicants=o.applicants
        )
        if o.applicants
        else message("odds.input.year", year=o.year, rate=o.rate)
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
            message=message("odds.too_few_years", group=label, years=len(rows)),
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
        message=message(
            "odds.estimate",
            rate=latest.rate,
            group=label,
            year=latest.year,
            low=min(rates),
            high=max(rates),
            first_year=rows[0].year,
        ),
    )
