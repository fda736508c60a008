"""A US tile map as server-rendered SVG data: one square per state, coloured by its best verdict."""

from __future__ import annotations

from dataclasses import dataclass

# column, row of each state on an 12 x 8 grid (the common "tile grid" layout)
GRID: dict[str, tuple[int, int]] = {
    "AK": (0, 0), "ME": (11, 0),
    "VT": (10, 1), "NH": (11, 1),
    "WA": (1, 2), "ID": (2, 2), "MT": (3, 2), "ND": (4, 2), "MN": (5, 2), "IL": (6, 2), "WI": (7, 2),
    "MI": (8, 2), "NY": (9, 2), "RI": (10, 2), "MA": (11, 2),
    "OR": (1, 3), "NV": (2, 3), "WY": (3, 3), "SD": (4, 3), "IA": (5, 3), "IN": (6, 3), "OH": (7, 3),
    "PA": (8, 3), "NJ": (9, 3), "CT": (10, 3),
    "CA": (1, 4), "UT": (2, 4), "CO": (3, 4), "NE": (4, 4), "MO": (5, 4), "KY": (6, 4), "WV": (7, 4),
    "VA": (8, 4), "MD": (9, 4), "DE": (10, 4),
    "AZ": (2, 5), "NM": (3, 5), "KS": (4, 5), "AR": (5, 5), "TN": (6, 5), "NC": (7, 5), "SC": (8, 5),
    "DC": (9, 5),
    "OK": (4, 6), "LA": (5, 6), "MS": (6, 6), "AL": (7, 6), "GA": (8, 6),
    "HI": (0, 7), "TX": (4, 7), "FL": (9, 7),
}  # fmt: skip

TILE = 48
GAP = 4


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    verdict: str | None
    label: str
    href: str
    x: int
    y: int
    size: int = TILE
    mark: str = ""

    @property
    def text_x(self) -> int:
        return self.x + self.size // 2

    @property
    def text_y(self) -> int:
        return self.y + self.size // 2 + 5


def tiles(
    names: dict[str, str],
    verdicts: dict[str, str | None],
    labels: dict[str, str],
    hrefs: dict[str, str],
    marks: dict[str, str] | None = None,
) -> list[Tile]:
    """Tiles for the states named in ``names`` (code -> name), in reading order; ``marks`` adds a
    class to some (the results map's ``limited-only``)."""
    out = []
    for code, (col, row) in sorted(GRID.items(), key=lambda item: (item[1][1], item[1][0])):
        if code not in names:
            continue
        out.append(
            Tile(
                code,
                names[code],
                verdicts.get(code),
                labels.get(code, names[code]),
                hrefs.get(code, ""),
                col * (TILE + GAP),
                row * (TILE + GAP),
                mark=(marks or {}).get(code, ""),
            )
        )
    return out


WIDTH = 12 * (TILE + GAP)
HEIGHT = 8 * (TILE + GAP)
