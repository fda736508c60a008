"""Synthetic cohorts: made-up people drawn from published aggregates, for analysts and benchmarks.

Seeded and deterministic: the same ``seed`` and ``as_of`` give the same people. The shares come
from ``data/synthetic.yaml``, each with its source or marked as an assumption where no figure was
found. Every person is labelled synthetic: the id (``synthetic-000001``) and, in every export, the
``synthetic`` flag. The people are rows of the cohort format, so a generated file reads back like
an upload.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from imgpath.cohort.readers import Person, read_rows
from imgpath.cohort.rows import ID, SYNTHETIC
from imgpath.yamlio import load_file

DATA = Path(__file__).parent / "data" / "synthetic.yaml"
PREFIX = "synthetic-"


@cache
def calibration() -> dict[str, Any]:
    """The figures the generator draws from, with their sources (``data/synthetic.yaml``)."""
    data, _ = load_file(DATA)
    figures: dict[str, Any] = data["figures"]
    return figures


def _pick(rng: random.Random, shares: Mapping[str, float]) -> str:
    point = rng.random() * sum(shares.values())
    for name, share in shares.items():
        point -= share
        if point < 0:
            return name
    return next(reversed(list(shares)))


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def synthetic_row(rng: random.Random, number: int, as_of: date) -> dict[str, Any]:
    """One made-up person as a row of the cohort format."""
    figures = calibration()
    row: dict[str, Any] = {ID: f"{PREFIX}{number:06d}", SYNTHETIC: True}
    countries = dict(figures["school_country"]["shares"])
    rest = 1 - sum(countries.values())
    others: Sequence[str] = figures["other_school_countries"]["countries"]
    countries.update({country: rest / len(others) for country in others})
    school = _pick(rng, countries)
    us_citizen = rng.random() < figures["us_citizen_share"]["value"]
    row["citizenship"] = "US" if us_citizen else school
    span = figures["years_since_graduation"]
    graduated = as_of.year - rng.randint(span["low"], span["high"])
    row["medical_school.country"] = school
    row["medical_school.graduated"] = _month(graduated, rng.choice([5, 6, 7, 12]))
    took = rng.random() < figures["took_step1"]["value"]
    step1 = took and rng.random() < figures["usmle_step1_first_attempt_pass"]["value"]
    step2 = step1 and rng.random() < figures["step2_ck_after_step1"]["value"]
    first_exam = min(as_of.year, graduated + rng.randint(0, 6))
    if took:
        row["exam.usmle_step1.passed"] = _month(first_exam, rng.randint(1, 12)) if step1 else False
        row["exam.usmle_step1.attempts"] = 1
    if step1:
        row["exam.usmle_step2_ck.passed"] = (
            _month(min(as_of.year, first_exam + 1), rng.randint(1, 12)) if step2 else False
        )
        row["exam.usmle_step2_ck.attempts"] = 1
    certified = step2 and rng.random() < figures["ecfmg_certified_given_both_steps"]["value"]
    if certified:
        row["exam.oet_medicine.passed"] = _month(min(as_of.year, first_exam + 1), rng.randint(1, 12))
        row["ecfmg_certified"] = _month(min(as_of.year, first_exam + 2), rng.randint(1, 12))
    else:
        row["ecfmg_certified"] = False
    years = rng.choice(figures["training_years"]["choices"])
    end = graduated + 1 + years
    if end < as_of.year:
        row.update(
            {
                "training.1.country": school,
                "training.1.kind": "residency",
                "training.1.start": _month(graduated + 1, 7),
                "training.1.end": _month(end, 6),
                "training.1.completed": True,
                "practice.1.country": school,
                "practice.1.start": _month(end, 7),
                "license.1.jurisdiction": school,
                "license.1.status": "active",
                "license.1.discipline": rng.random() < figures["discipline"]["value"],
            }
        )
        if rng.random() >= figures["still_practising"]["value"]:
            row["practice.1.end"] = _month(rng.randint(end, as_of.year - 1), 12)
    else:
        row["training.1.country"] = school
        row["training.1.start"] = _month(graduated + 1, 7)
        row["training.1.completed"] = False
    row["us_gme_years"] = 0
    offer = figures["job_offer"]
    if rng.random() < offer["value"]:
        row["job_offer.state"] = rng.choice(offer["states"])
        row["job_offer.employer_type"] = "hospital"
        row["job_offer.full_time"] = True
        row["job_offer.shortage_area"] = rng.random() < offer["shortage_area"]
    else:
        row["job_offer.state"] = "none"
    status = "citizen" if us_citizen else _pick(rng, figures["immigration_non_citizen"]["shares"])
    row["immigration.status"] = status
    return row


def synthetic_rows(count: int, seed: int, as_of: date) -> list[dict[str, Any]]:
    """``count`` made-up people as rows, the same for the same seed and date."""
    rng = random.Random(seed)
    return [synthetic_row(rng, number, as_of) for number in range(1, count + 1)]


def synthetic_people(count: int, seed: int, as_of: date) -> list[Person]:
    """``count`` made-up people read through the cohort format, as an upload would be."""
    rows = synthetic_rows(count, seed, as_of)
    columns = list(dict.fromkeys(column for row in rows for column in row))
    numbered = ((number, [row.get(c) for c in columns]) for number, row in enumerate(rows, start=2))
    return read_rows(columns, numbered, file="synthetic", max_rows=max(count, 1))


def is_synthetic(ident: str) -> bool:
    return ident.startswith(PREFIX)
