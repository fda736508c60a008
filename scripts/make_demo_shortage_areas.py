"""Write the shipped demo shortage-area files: GENERATED in HRSA's layout, not HRSA data.

No HRSA file can be downloaded here and no real published rows were found in the stored pages
(searched 2026-12-02: "BCD_HPSA_FCT_DET_PC.csv", "Data Warehouse Record Create Date Text", HRSA's
HPSA glossary), so the demo files are generated: HRSA's column layout (66 columns for primary care,
65 for mental health, the MUA/P layout) with its quirks (trailing comma, ``XXXXX`` placeholder
counties, facility rows, withdrawn and proposed-for-withdrawal rows, part-county components), and
designations that are invented. Each name says "DEMO" and "synthetic". Run it again and it writes the
same bytes.

    python scripts/make_demo_shortage_areas.py
"""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

from imgpath.areas import DEMO_DIR, DEMO_FILES, STATE_FIPS, AreaKind

CREATED = "12/01/2026"
"""The demo's record create date: the day of the research note these files stand in for."""

HPSA_PC_HEADER = [
    "HPSA Name",
    "HPSA ID",
    "Designation Type",
    "HPSA Discipline Class",
    "HPSA Score",
    "PC MCTA Score",
    "Primary State Abbreviation",
    "HPSA Status",
    "HPSA Designation Date",
    "HPSA Designation Last Update Date",
    "Metropolitan Indicator",
    "HPSA Geography Identification Number",
    "HPSA Degree of Shortage",
    "Withdrawn Date",
    "HPSA FTE",
    "HPSA Designation Population",
    "% of Population Below 100% Poverty",
    "HPSA Formal Ratio",
    "HPSA Population Type",
    "Rural Status",
    "Longitude",
    "Latitude",
    "BHCMIS Organization Identification Number",
    "Break in Designation",
    "Common County Name",
    "Common Postal Code",
    "Common Region Name",
    "Common State Abbreviation",
    "Common State County FIPS Code",
    "Common State FIPS Code",
    "Common State Name",
    "County Equivalent Name",
    "County or County Equivalent Federal Information Processing Standard Code",
    "Discipline Class Number",
    "HPSA Address",
    "HPSA City",
    "HPSA Component Name",
    "HPSA Component Source Identification Number",
    "HPSA Component State Abbreviation",
    "HPSA Component Type Code",
    "HPSA Component Type Description",
    "HPSA Designation Population Type Description",
    "HPSA Estimated Served Population",
    "HPSA Estimated Underserved Population",
    "HPSA Metropolitan Indicator Code",
    "HPSA Population Type Code",
    "HPSA Postal Code",
    "HPSA Provider Ratio Goal",
    "HPSA Resident Civilian Population",
    "HPSA Shortage",
    "HPSA Status Code",
    "HPSA Type Code",
    "HPSA Withdrawn Date String",
    "Primary State FIPS Code",
    "Primary State Name",
    "Provider Type",
    "Rural Status Code",
    "State Abbreviation",
    "State and County Federal Information Processing Standard Code",
    "State FIPS Code",
    "State Name",
    "U.S. - Mexico Border 100 Kilometer Indicator",
    "U.S. - Mexico Border County Indicator",
    "Data Warehouse Record Create Date",
    "Data Warehouse Record Create Date Text",
]
"""HRSA's primary-care header, as a third-party copy sampled from the live file records it
(github: a fake HRSA server's fixtures, "real, complete header rows of the live files", 2026-07-06)."""

HPSA_OTHER_HEADER = [h for h in HPSA_PC_HEADER if h != "PC MCTA Score"]

MUA_HEADER = [
    "MUA/P ID", "MUA/P Area Code", "MUA/P Service Area Name", "Designation Type Code", "Designation Type",
    "MUA/P Status Code", "MUA/P Status Description", "Designation Date", "MUA/P Designation Date String",
    "MUA/P Update Date", "MUA/P Update Date String",
    "Medically Underserved Area/Population (MUA/P) Withdrawal Date",
    "Medically Underserved Area/Population (MUA/P) Withdrawal Date in Text Format", "Break in Designation",
    "IMU Score", "MUA/P Population Type Code", "Population Type",
    "Medically Underserved Area/Population (MUA/P) Metropolitan Indicator",
    "Medically Underserved Area/Population (MUA/P) Metropolitan Description",
    "Medically Underserved Area/Population (MUA/P) Component Geographic Name",
    "Medically Underserved Area/Population (MUA/P) Component Geographic Type Code",
    "Medically Underserved Area/Population (MUA/P) Component Geographic Type Description",
    "HHS Region Code", "HHS Region Name", "State FIPS Code", "State Name", "State Abbreviation",
    "State and County Federal Information Processing Standard Code",
    "County or County Equivalent Federal Information Processing Standard Code", "Complete County Name",
    "County Equivalent Name", "County Description", "County Subdivision Name", "County Subdivision FIPS Code",
    "Census Tract", "Rural Status Code", "Rural Status Description",
    "U.S. - Mexico Border 100 Kilometer Indicator", "U.S. - Mexico Border County Indicator",
    "Percent of Population with Incomes at or Below 100 Percent of the U.S. Federal Poverty Level",
    "Percent of Population with Incomes at or Below 100 Percent of the U.S. Federal Poverty Level Index of "
    "Medical Underservice Score",
    "Percentage of Population Age 65 and Over", "Percentage of Population Age 65 and Over IMU Score",
    "Infant Mortality Rate", "Infant Mortality Rate IMU Score",
    "Designation Population in a Medically Underserved Area/Population (MUA/P)",
    "Medically Underserved Area/Population (MUA/P) Total Resident Civilian Population",
    "Providers per 1000 Population", "Ratio of Providers per 1000 Population",
    "Ratio of Providers per 1000 Population IMU Score", "Primary HHS Region Code", "Primary HHS Region Name",
    "Primary State FIPS Code", "Primary State Abbreviation", "Primary State Name", "Common Region Code",
    "Common Region Name", "Common State Name", "Common State Abbreviation", "Common State FIPS Code",
    "Common State County FIPS Code", "Common County Name", "Data Warehouse Record Create Date",
    "Data Warehouse Record Create Date Text",
]  # fmt: skip

SMALL = {"DC": 1, "DE": 2, "RI": 3, "CT": 3, "HI": 2, "AS": 0, "GU": 0, "MP": 0, "VI": 0}
"""States with few counties get few demo counties (codes 001, 003, ... are used)."""


def _counties(rng: random.Random) -> list[tuple[str, str]]:
    """(state, county FIPS) pairs: a few odd-numbered county codes per state."""
    out = []
    for state_fips, state in sorted(STATE_FIPS.items()):
        count = min(SMALL.get(state, 12), rng.randint(0, 12))
        out += [(state, f"{state_fips}{2 * i + 1:03d}") for i in range(count)]
    return out


def _date(rng: random.Random, first: int = 2001, last: int = 2026) -> str:
    year = rng.randint(first, last)
    month, day = rng.randint(1, 11 if year == last else 12), rng.randint(1, 28)
    return f"{month:02d}/{day:02d}/{year}"


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    buffer.write(",".join(header) + ",\n")  # HRSA's header: unquoted, with the trailing comma
    for row in rows:
        writer.writerow([row.get(h, "") for h in header] + [""])
    path.write_text(buffer.getvalue().replace(',""\n', ",\n"), encoding="utf-8")


def _hpsa_rows(rng: random.Random, discipline: str, code: str) -> list[dict[str, str]]:
    rows = []
    for n, (state, county) in enumerate(_counties(rng), start=1):
        status = rng.choices(["Designated", "Withdrawn", "Proposed For Withdrawal"], [8, 2, 1])[0]
        designated = _date(rng)
        kind = rng.choices(["Geographic HPSA", "High Needs Geographic HPSA", "HPSA Population"], [5, 1, 3])[0]
        whole = rng.random() < 0.85
        row = {
            "HPSA Name": f"DEMO {discipline} area {n} (synthetic, not HRSA data)",
            "HPSA ID": f"DEMO{code}{n:05d}",
            "Designation Type": kind,
            "HPSA Discipline Class": discipline,
            "HPSA Score": str(rng.randint(0, 25)),
            "Primary State Abbreviation": state,
            "HPSA Status": status,
            "HPSA Designation Date": designated,
            "HPSA Designation Last Update Date": designated,
            "Withdrawn Date": _date(rng, int(designated[-4:]), 2026) if status == "Withdrawn" else "",
            "Common State County FIPS Code": county,
            "Common State Abbreviation": state,
            "HPSA Component Type Code": "SCTY" if whole else "CT",
            "HPSA Component Type Description": "Single County" if whole else "Census Tract",
            "HPSA Status Code": status[0] if status != "Proposed For Withdrawal" else "P",
            "State Abbreviation": state,
            "State and County Federal Information Processing Standard Code": county,
            "Data Warehouse Record Create Date": CREATED,
            "Data Warehouse Record Create Date Text": "2026/12/01",
        }
        if "PC" in code:
            row["PC MCTA Score"] = str(rng.randint(0, 25))
        rows.append(row)
    facility = dict(
        rows[0], **{"Designation Type": "Rural Health Clinic", "HPSA Name": "DEMO clinic (synthetic)"}
    )
    placeholder = dict(rows[1], **{"Common State County FIPS Code": "XXXXX", "HPSA Name": "DEMO placeholder"})
    return [*rows, facility, placeholder]


STATUS_TEXT = {"D": "Designated", "P": "Proposed For Withdrawal", "W": "Withdrawn"}


def _mua_rows(rng: random.Random) -> list[dict[str, str]]:
    rows = []
    for n, (state, county) in enumerate(_counties(rng), start=1):
        status = rng.choices(["D", "P", "W"], [8, 1, 2])[0]
        designated = _date(rng, 1978, 2026)
        rows.append({
            "MUA/P ID": f"DEMO{n:06d}",
            "MUA/P Service Area Name": f"DEMO service area {n} (synthetic, not HRSA data)",
            "Designation Type Code": rng.choice(["MUA", "MUP"]),
            "Designation Type": "Medically Underserved Area",
            "MUA/P Status Code": status,
            "MUA/P Status Description": STATUS_TEXT[status],
            "Designation Date": designated,
            "Medically Underserved Area/Population (MUA/P) Withdrawal Date": (
                _date(rng, int(designated[-4:]), 2026) if status == "W" else ""
            ),
            "State Abbreviation": state,
            "State and County Federal Information Processing Standard Code": county,
            "County Subdivision FIPS Code": "",
            "Census Tract": "Not Applicable",
            "Data Warehouse Record Create Date": CREATED,
            "Data Warehouse Record Create Date Text": "2026/12/01",
        })  # fmt: skip
    return rows


def main() -> None:
    rng = random.Random(20261201)
    _write(DEMO_DIR / DEMO_FILES[AreaKind.hpsa_pc], HPSA_PC_HEADER, _hpsa_rows(rng, "Primary Care", "PC"))
    _write(DEMO_DIR / DEMO_FILES[AreaKind.hpsa_mh], HPSA_OTHER_HEADER, _hpsa_rows(rng, "Mental Health", "MH"))
    _write(DEMO_DIR / DEMO_FILES[AreaKind.mua], MUA_HEADER, _mua_rows(rng))


if __name__ == "__main__":
    main()
