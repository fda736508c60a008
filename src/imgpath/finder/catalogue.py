"""The bundled catalogue: every listings file in ``finder/data``, read strictly and checked together.

The CLI and ``make run`` read it; the web copies it into its database (``load_listings``), where hosts
and curators then keep listings current. Checks across records (unique ids, organisations named by a
listing or story exist, routes and steps the rulebook knows) live here, not in the schema: one record
cannot see the others.
"""

from __future__ import annotations

from pathlib import Path

from imgpath.finder.exchange import DATA_DIR, read_dir
from imgpath.finder.schema import Listings, Opportunity, Story
from imgpath.rulebook import Rulebook
from imgpath.yamlio import InputError

RESERVED_IDS = frozenset({"fit"})
"""Ids no opportunity may take: ``/api/v1/opportunities/fit`` is an operation, not a listing."""


def load_catalogue(data_dir: Path = DATA_DIR, rulebook: Rulebook | None = None) -> Listings:
    """Every ``*.yaml`` in ``data_dir`` (none: an empty catalogue; an id twice names both places),
    checked across records."""
    catalogue = read_dir(data_dir)
    check_catalogue(catalogue, rulebook)
    return catalogue


def check_catalogue(catalogue: Listings, rulebook: Rulebook | None = None) -> None:
    """Ids unique within each record type, none reserved; organisations named exist; with a
    rulebook, every route and step named is one it holds."""
    for kind, records in (
        ("opportunity", catalogue.opportunities),
        ("organisation", catalogue.organisations),
        ("story", catalogue.stories),
    ):
        seen: set[str] = set()
        for record in records:
            if kind == "opportunity" and record.id in RESERVED_IDS:
                raise InputError(
                    f"'{record.id}' is reserved (the API's /opportunities/{record.id}): choose another id",
                    field="id",
                )
            if record.id in seen:
                raise InputError(f"duplicate {kind} id '{record.id}'", field="id")
            seen.add(record.id)
    organisations = {o.id for o in catalogue.organisations}
    for opportunity in catalogue.opportunities:
        named = opportunity.host.organisation
        if named is not None and named not in organisations:
            raise InputError(
                f"'{opportunity.id}' names an unknown organisation '{named}'", field="host.organisation"
            )
    for story in catalogue.stories:
        for named in story.organisations:
            if named not in organisations:
                raise InputError(
                    f"story '{story.id}' names an unknown organisation '{named}'", field="organisations"
                )
    if rulebook is not None:
        _check_rulebook_links(catalogue, rulebook)


def _check_rulebook_links(catalogue: Listings, rulebook: Rulebook) -> None:
    steps = set(rulebook.steps)
    records: list[Opportunity | Story] = [*catalogue.opportunities, *catalogue.stories]
    for record in records:
        for route in record.routes:
            if route not in rulebook.routes:
                raise InputError(f"'{record.id}' names an unknown route '{route}'", field="routes")
        for step in record.steps:
            if step not in steps:
                raise InputError(f"'{record.id}' names an unknown step '{step}'", field="steps")
