"""How often in-force alternative, limited and assistant-physician routes still answer ``unknown``.

Runs every persona of the rule cases (tests/cases/profiles/persona_*.yaml) against the rulebook on
one date and prints, per persona and in all, the share of those routes that come out ``unknown``,
and any such route whose open questions are only profile facts the web wizard never asks (a
question nobody could answer). Issue 8's goal: at most 15%, and none of the second kind.

    python scripts/unknown_report.py [--as-of 2026-12-02]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PERSONAS = ROOT / "tests" / "cases" / "profiles"
KINDS = {"alternative", "limited", "assistant_physician"}
IN_FORCE = {"effective", "accepting_applications"}
GOAL = 0.15


def measure(day: date) -> tuple[dict[str, Counter[str]], list[str]]:
    """Verdict counts per persona over the in-force alternative, limited and assistant routes that
    concern them, and the unknown routes whose only open questions the wizard never asks."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "imgpath.web.settings_test")
    import django

    django.setup()
    from imgpath.engine.evaluate import check
    from imgpath.engine.profile import load_profile
    from imgpath.rulebook.loader import default_rulebook
    from imgpath.web.pages.wizard import asked_fields

    rulebook, asked = default_rulebook(), asked_fields()
    counts: dict[str, Counter[str]] = {}
    unanswerable: list[str] = []
    for path in sorted(PERSONAS.glob("persona_*.yaml")):
        routes = [
            r
            for r in check(load_profile(path), rulebook, as_of=day).results
            if r.kind.value in KINDS and r.route_status in IN_FORCE and r.applies
        ]
        counts[path.stem.removeprefix("persona_")] = Counter(r.verdict.value for r in routes)
        for route in routes:
            if route.verdict.value != "unknown" or any(q.about == "rulebook" for q in route.open_questions):
                continue
            fields = [q.field or "" for q in route.open_questions]
            if not any(re.sub(r"\[\d+\]", "[]", f) in asked for f in fields):
                unanswerable.append(f"{path.stem}: {route.pathway} asks only {', '.join(fields)}")
    return counts, unanswerable


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", default="2026-12-02", help="evaluation date (default: %(default)s)")
    day = date.fromisoformat(parser.parse_args().as_of)
    counts, unanswerable = measure(day)
    total: Counter[str] = Counter()
    print(f"In-force alternative, limited and assistant-physician routes on {day}, by persona:")
    for persona, verdicts in counts.items():
        total.update(verdicts)
        print(f"  {persona:<36} {verdicts['unknown']:>3} unknown of {sum(verdicts.values()):>3}")
    routes_in_all = sum(total.values())
    share = total["unknown"] / routes_in_all if routes_in_all else 0.0
    print(f"In all: {total['unknown']} unknown of {routes_in_all} ({share:.1%}; goal at most {GOAL:.0%})")
    print("Verdicts: " + ", ".join(f"{v} {n}" for v, n in sorted(total.items())))
    print(f"Unknown routes whose only open questions the wizard never asks: {len(unanswerable)}")
    for line in unanswerable:
        print(f"  {line}")
    return 0 if len(counts) >= 12 else 1


if __name__ == "__main__":
    sys.exit(main())
