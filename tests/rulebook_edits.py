"""A small rulebook (the catalogue, the Match figures and Tennessee) and a copy of it edited the way a
rulebook update edits it: what the rule-change alerts are tested against."""

from __future__ import annotations

import shutil
from pathlib import Path

from imgpath.rulebook import DATA_DIR

TN_FILE = "us/states/tn.yaml"

EDITS = (
    # the provisional foreign training license's application fee goes from 300 to 350 USD
    ("          2026-05-18: 300\n", "          2026-05-18: 350\n"),
    # the graduate physician license starts accepting applications on 2026-12-01
    (
        "      - status: effective\n        date: 2025-01-01\n    criteria:\n",
        "      - status: effective\n        date: 2025-01-01\n"
        "      - status: accepting_applications\n        date: 2026-12-01\n    criteria:\n",
    ),
    # the graduate physician license lasts 18 months instead of 24
    (
        "        months: 24\n        supervision: Collaborating physician",
        "        months: 18\n        supervision: Collaborating physician",
    ),
)


def tn_rulebook(folder: Path) -> Path:
    """The catalogue, the Match figures and Tennessee, copied into ``folder``."""
    (folder / "us" / "states").mkdir(parents=True)
    for name in ("us/catalogue.yaml", "us/match.yaml", TN_FILE):
        shutil.copy(DATA_DIR / name, folder / name)
    return folder


def edited_tn_rulebook(folder: Path) -> Path:
    """``tn_rulebook`` with a fee changed, a status added, a stage shortened and the traditional
    route removed."""
    tn_rulebook(folder)
    path = folder / TN_FILE
    text = path.read_text(encoding="utf-8")
    for old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    start = text.index("  - id: us-tn.traditional\n")
    end = text.index("  - id: us-tn.foreign_training_license_2024\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    return folder
