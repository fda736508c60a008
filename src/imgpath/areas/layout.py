"""HRSA's published file layouts for shortage designations: the columns the importer reads.

The layouts are those of HRSA's data warehouse download area (``BCD_HPSA_FCT_DET_PC.csv``, ``_MH``,
``_DH`` and ``MUA_DET.csv``), as the research note records them (shared/domain/opportunities-and-
support.md, "Shortage areas: HRSA's public file layout"). Only the columns below are read; the others
(66 in the primary-care file) are carried past.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class AreaKind(StrEnum):
    """Which HRSA file a table comes from: a HPSA discipline, or the MUA/P file."""

    hpsa_pc = "hpsa-pc"
    hpsa_mh = "hpsa-mh"
    hpsa_dh = "hpsa-dh"
    mua = "mua"


@dataclass(frozen=True)
class Layout:
    """The columns of one HRSA file that say where, since when, until when and in what status."""

    kind: AreaKind
    file_name: str
    """HRSA's own name for the file."""
    title: str
    """How an explanation names the file."""
    id_column: str
    name_column: str
    type_column: str
    status_column: str
    designated_column: str
    withdrawn_column: str
    fips_column: str
    created_column: str
    statuses: dict[str, str]
    """The file's status values, each to its one-letter code (D designated, P proposed for withdrawal,
    W withdrawn)."""


_HPSA_STATUSES = {"Designated": "D", "Proposed For Withdrawal": "P", "Withdrawn": "W"}
"""The three values of ``HPSA Status`` (research note; HRSA's HPSA glossary)."""

_MUA_STATUSES = {"D": "D", "P": "P", "W": "W"}
"""``MUA/P Status Code``: D designated, P proposed for withdrawal (research note), W withdrawn."""


def _hpsa(kind: AreaKind, suffix: str, discipline: str) -> Layout:
    return Layout(
        kind=kind,
        file_name=f"BCD_HPSA_FCT_DET_{suffix}.csv",
        title=f"HRSA HPSA file ({discipline})",
        id_column="HPSA ID",
        name_column="HPSA Name",
        type_column="Designation Type",
        status_column="HPSA Status",
        designated_column="HPSA Designation Date",
        withdrawn_column="Withdrawn Date",
        fips_column="Common State County FIPS Code",
        created_column="Data Warehouse Record Create Date",
        statuses=_HPSA_STATUSES,
    )


LAYOUTS: dict[AreaKind, Layout] = {
    AreaKind.hpsa_pc: _hpsa(AreaKind.hpsa_pc, "PC", "primary care"),
    AreaKind.hpsa_mh: _hpsa(AreaKind.hpsa_mh, "MH", "mental health"),
    AreaKind.hpsa_dh: _hpsa(AreaKind.hpsa_dh, "DH", "dental health"),
    AreaKind.mua: Layout(
        kind=AreaKind.mua,
        file_name="MUA_DET.csv",
        title="HRSA MUA/P file",
        id_column="MUA/P ID",
        name_column="MUA/P Service Area Name",
        type_column="Designation Type",
        status_column="MUA/P Status Code",
        designated_column="Designation Date",
        withdrawn_column="Medically Underserved Area/Population (MUA/P) Withdrawal Date",
        fips_column="State and County Federal Information Processing Standard Code",
        created_column="Data Warehouse Record Create Date",
        statuses=_MUA_STATUSES,
    ),
}

AREA_TYPES: frozenset[str] = frozenset({"Geographic HPSA", "High Needs Geographic HPSA", "HPSA Population"})
"""HPSA designation types that designate an area or a population in it (a county can lie in them);
the others (health centers, rural health clinics, prisons, state mental hospitals) designate one
facility and say nothing of its county."""

WHOLE_COUNTY_COMPONENT = "Single County"
"""``HPSA Component Type Description`` of a component that is a whole county (HRSA's HPSA glossary:
"Geographic Single County - whole county designated"); other components are parts of a county
(county subdivisions, census tracts)."""

HPSA_COMPONENT_COLUMN = "HPSA Component Type Description"
MUA_SUBDIVISION_COLUMN = "County Subdivision FIPS Code"
MUA_TRACT_COLUMN = "Census Tract"
"""An MUA/P component is a whole county when it names neither a county subdivision nor a tract."""

PLACEHOLDER_FIPS = "XXXXX"
"""HRSA's placeholder county code on some rows (research note): such a row names no county."""

STATE_FIPS: dict[str, str] = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT", "10": "DE",
    "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL", "18": "IN", "19": "IA",
    "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD", "25": "MA", "26": "MI", "27": "MN",
    "28": "MS", "29": "MO", "30": "MT", "31": "NE", "32": "NV", "33": "NH", "34": "NJ", "35": "NM",
    "36": "NY", "37": "NC", "38": "ND", "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI",
    "45": "SC", "46": "SD", "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA",
    "54": "WV", "55": "WI", "56": "WY", "60": "AS", "66": "GU", "69": "MP", "72": "PR", "78": "VI",
}  # fmt: skip
"""State FIPS codes (the first two digits of a county's code) to USPS codes: the Census Bureau's
ANSI/FIPS state codes (https://www.census.gov/library/reference/code-lists/ansi.html)."""
