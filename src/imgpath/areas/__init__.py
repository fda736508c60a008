"""Shortage areas: HRSA's HPSA and MUA/P designations by county, as dated tables.

Knowledge, like the rulebook, but imported rather than written: a curator downloads HRSA's files
and ``imgpath shortage import`` turns each into a compact dated table; the engine asks it whether a
job offer's county lies in a shortage area on the evaluation date. Without imported tables the
shipped demo files are read: generated in HRSA's layout for tests and demos, not HRSA data, and every
answer drawn from them says so.

This package is its own public face: the CLI, the web and the engine import from here.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from imgpath.areas.importer import MAX_LINE_BYTES, Progress, import_hrsa_file, read_hrsa_file
from imgpath.areas.layout import LAYOUTS, STATE_FIPS, AreaKind, Layout
from imgpath.areas.table import (
    Coverage,
    Designation,
    ShortageAreas,
    ShortageTable,
    Source,
    read_areas,
    read_table,
    table_name,
)

DEMO_DIR = Path(__file__).parent / "demo"
"""The shipped demo files, in HRSA's layout, generated (scripts/make_demo_shortage_areas.py)."""

DEMO_FILES: dict[AreaKind, str] = {
    AreaKind.hpsa_pc: "DEMO_SYNTHETIC_BCD_HPSA_FCT_DET_PC.csv",
    AreaKind.hpsa_mh: "DEMO_SYNTHETIC_BCD_HPSA_FCT_DET_MH.csv",
    AreaKind.mua: "DEMO_SYNTHETIC_MUA_DET.csv",
}

DIRECTORY_VARIABLE = "IMGPATH_SHORTAGE_DIR"
"""The environment variable naming the directory of imported tables."""


def demo_areas() -> ShortageAreas:
    """The shipped demo tables (generated for tests and demos; not HRSA data)."""
    areas = ShortageAreas()
    for kind, name in DEMO_FILES.items():
        areas.tables[kind] = read_hrsa_file(DEMO_DIR / name, kind, demo=True)
    return areas


@cache
def current_areas() -> ShortageAreas:
    """The tables imported into ``$IMGPATH_SHORTAGE_DIR``, else the shipped demo tables (read once)."""
    directory = os.environ.get(DIRECTORY_VARIABLE)
    if directory:
        return read_areas(Path(directory))
    return demo_areas()


__all__ = [
    "DEMO_DIR",
    "DEMO_FILES",
    "DIRECTORY_VARIABLE",
    "LAYOUTS",
    "MAX_LINE_BYTES",
    "STATE_FIPS",
    "AreaKind",
    "Coverage",
    "Designation",
    "Layout",
    "Progress",
    "ShortageAreas",
    "ShortageTable",
    "Source",
    "current_areas",
    "demo_areas",
    "import_hrsa_file",
    "read_areas",
    "read_hrsa_file",
    "read_table",
    "table_name",
]
