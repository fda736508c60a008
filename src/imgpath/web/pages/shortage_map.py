"""Where the new state laws and the J-1 waiver jobs meet shortage areas: one row per state.

Per state: whether a new-law route (kind ``alternative``) is in force on the day, whether the rulebook
holds the state's own Conrad 30 program, and how many counties the shortage-area files at hand cover
wholly on the day. The tiles reuse the results map's layout (``tilemap.GRID``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from imgpath.areas import ShortageAreas
from imgpath.rulebook import Kind, Rulebook
from imgpath.web.pages import rulebook as read_rulebook
from imgpath.web.pages import tilemap

IN_FORCE = frozenset({"effective", "accepting_applications"})


@dataclass(frozen=True)
class StateRow:
    code: str
    name: str
    new_law: bool
    """A route of kind alternative is in force (effective or accepting applications) on the day."""
    conrad30: bool
    """The rulebook holds the state's own Conrad 30 program (its file's ``conrad30:``, or a route of the
    state with conrad30 in its id)."""
    counties: int
    """Counties wholly in a shortage area of the files at hand on the day."""
    tile: tilemap.Tile | None


def state_rows(rulebook: Rulebook, areas: ShortageAreas, day: date) -> list[StateRow]:
    counties = areas.counties_by_state(day)
    found: dict[str, tuple[str, bool, bool]] = {}
    for jurisdiction in read_rulebook.states(rulebook):
        code = read_rulebook.state_code(jurisdiction.jurisdiction)
        if code is None:
            continue
        new_law, conrad30 = False, jurisdiction.conrad30 is not None
        for pathway in jurisdiction.pathways:
            event = read_rulebook.latest_event(pathway, day)
            in_force = event is not None and event.status.value in IN_FORCE
            new_law = new_law or (pathway.kind is Kind.alternative and in_force)
            conrad30 = conrad30 or "conrad30" in pathway.id
        found[code] = (jurisdiction.name, new_law, conrad30)
    names = {code: name for code, (name, _, _) in found.items()}
    classes = {code: ("law" if law else "nolaw") for code, (_, law, _) in found.items()}
    hrefs = {code: f"#state-{code}" for code in names}
    placed = {t.code: t for t in tilemap.tiles(names, dict(classes), names, hrefs)}
    return [
        StateRow(code, name, law, conrad, counties.get(code, 0), placed.get(code))
        for code, (name, law, conrad) in sorted(found.items(), key=lambda item: item[1][0])
    ]
