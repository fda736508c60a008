"""Profiles the planner tests share: a recent graduate with nothing done, and the bundled example."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from imgpath.engine.profile import Profile, load_profile

EXAMPLE = Path(__file__).parents[1] / "src" / "imgpath" / "examples" / "experienced-internist.yaml"

RECENT_GRADUATE: dict[str, Any] = {
    "citizenship": ["IN"],
    "medical_school": {"country": "IN", "graduated": "2024-05", "listed_in_wdoms": True},
    "ecfmg_certified": False,
    "exams": {"usmle_step1": None, "usmle_step2_ck": None, "usmle_step3": None, "oet_medicine": None},
    "training": [],
    "practice": [{"country": "IN", "start": "2025-06"}],
    "licenses": [{"jurisdiction": "IN", "status": "active", "discipline": False}],
    "us_gme_years": 0,
    "job_offer": None,
    "immigration": {"status": "abroad", "work_authorized": False},
}


def recent_graduate() -> Profile:
    return Profile.model_validate(RECENT_GRADUATE)


def experienced_internist() -> Profile:
    return load_profile(EXAMPLE)
