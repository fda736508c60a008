"""``imgpath profile new``: a short interview that writes a profile in the public format.

Every question can be skipped with Enter: a skipped fact stays out of the file, and the engine then
answers ``unknown`` for what depends on it instead of guessing.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from rich.console import Console
from rich.prompt import Prompt

from imgpath.dates import PartialDate
from imgpath.engine.profile import EmployerType, ImmigrationStatus

T = TypeVar("T")
EXAMS = (
    ("usmle_step1", "USMLE Step 1"),
    ("usmle_step2_ck", "USMLE Step 2 CK"),
    ("usmle_step3", "USMLE Step 3"),
    ("oet_medicine", "OET Medicine"),
)


def _ask(console: Console, question: str, parse: Callable[[str], T], hint: str = "") -> T | None:
    """Ask until the answer parses; an empty answer means 'skip'."""
    while True:
        answer = Prompt.ask(
            f"{question}{f' [dim]({hint})[/]' if hint else ''}",
            console=console,
            default="",
            show_default=False,
        ).strip()
        if not answer:
            return None
        try:
            return parse(answer)
        except ValueError as error:
            console.print(f"[red]{error}[/]")


def _country(text: str) -> str:
    code = text.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise ValueError("write a two-letter country code, such as IN, NG or PK")
    return code


def _month(text: str) -> str:
    return str(PartialDate.parse(text))


def _yes_no(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in {"y", "yes"}:
        return True
    if lowered in {"n", "no"}:
        return False
    raise ValueError("answer yes or no (or press Enter to skip)")


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise ValueError("a count cannot be negative")
    return value


def _choice(options: list[str]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in options:
            raise ValueError(f"choose one of: {', '.join(options)}")
        return text

    return parse


def _periods(console: Console, what: str, with_kind: bool) -> list[dict[str, Any]]:
    periods: list[dict[str, Any]] = []
    while _ask(console, f"Add {'another ' if periods else 'a '}{what}?", _yes_no, "yes/no"):
        entry: dict[str, Any] = {"country": _ask(console, "  Country", _country, "two letters")}
        if with_kind:
            kinds = _choice(["internship", "residency", "fellowship", "other"])
            entry["kind"] = _ask(console, "  Kind", kinds, "residency") or "residency"
        entry["start"] = _ask(console, "  Started", _month, "YYYY-MM")
        end = _ask(console, "  Ended", _month, "YYYY-MM; Enter if still going on")
        if end:
            entry["end"] = end
        if with_kind:
            completed = _ask(console, "  Completed?", _yes_no, "yes/no")
            if completed is not None:
                entry["completed"] = completed
        if entry["country"] is None or entry["start"] is None:
            # without them the period would say something untrue (a made-up country or start)
            console.print("  [dim]Not recorded: a period needs its country and the month it started.[/]")
            continue
        periods.append(entry)
    return periods


def ask_profile(console: Console) -> dict[str, Any]:
    """Interview the doctor; return profile data (only the facts they gave)."""
    console.print(
        "[bold]A few questions about you.[/] Press Enter to skip any of them: what you skip "
        "stays unknown. Your answers stay in the file on your computer."
    )
    data: dict[str, Any] = {}
    citizenship = _ask(
        console,
        "Citizenship",
        lambda t: [_country(c) for c in t.replace(",", " ").split()],
        "two-letter codes, e.g. IN",
    )
    if citizenship:
        data["citizenship"] = citizenship
    school_country = _ask(console, "Country of your medical school", _country, "two letters")
    if school_country:
        school: dict[str, Any] = {"country": school_country}
        graduated = _ask(console, "Graduated", _month, "YYYY-MM")
        if graduated:
            school["graduated"] = graduated
        data["medical_school"] = school
    ecfmg = _ask(
        console,
        "ECFMG certified?",
        lambda t: _month(t) if t[:1].isdigit() else _yes_no(t),
        "date YYYY-MM-DD, or yes/no",
    )
    if ecfmg is not None:
        data["ecfmg_certified"] = ecfmg
    exams: dict[str, Any] = {}
    for exam_id, name in EXAMS:
        passed = _ask(
            console,
            f"{name}: passed on",
            lambda t: _month(t) if t[:1].isdigit() else _yes_no(t),
            "date, or 'no' if not passed",
        )
        if passed is None:
            continue
        if passed is False:
            exams[exam_id] = None
            continue
        if passed is True:
            # a pass without its date cannot be judged (time limits run from it): ask for the date,
            # and leave the exam unknown rather than record "not passed"
            passed = _ask(
                console, f"  {name}: the date of the pass", _month, "YYYY-MM; Enter if you do not know"
            )
            if passed is None:
                console.print(f"  [dim]{name} stays unknown without its date.[/]")
                continue
        result: dict[str, Any] = {"passed": passed}
        attempts = _ask(console, f"  {name}: attempts in all", _count, "number")
        if attempts is not None:
            result["attempts"] = attempts
        exams[exam_id] = result
    if exams:
        data["exams"] = exams
    if training := _periods(console, "period of postgraduate training (residency)", True):
        data["training"] = training
    if practice := _periods(console, "period of practice as a licensed physician", False):
        data["practice"] = practice
    gme = _ask(console, "Years of US residency (GME) completed", float, "0 if none")
    if gme is not None:
        data["us_gme_years"] = gme
    license_place = _ask(console, "Country of your main medical license", _country, "two letters")
    if license_place:
        status = (
            _ask(
                console,
                "  Its status",
                _choice(["active", "inactive", "lapsed", "suspended", "revoked"]),
                "active",
            )
            or "active"
        )
        discipline = _ask(console, "  Any disciplinary action on it?", _yes_no, "yes/no")
        lic: dict[str, Any] = {"jurisdiction": license_place, "status": status}
        if discipline is not None:
            lic["discipline"] = discipline
        data["licenses"] = [lic]
    has_offer = _ask(console, "Do you hold a US job offer as a physician?", _yes_no, "yes/no")
    if has_offer is False:
        data["job_offer"] = None
    elif has_offer:
        offer: dict[str, Any] = {"state": _ask(console, "  State", _country, "two letters, e.g. TN") or "TN"}
        kinds = [e.value for e in EmployerType]
        employer = _ask(console, "  Employer type", _choice(kinds), ", ".join(kinds))
        if employer:
            offer["employer_type"] = employer
        for flag, question in (
            ("full_time", "Full-time?"),
            ("shortage_area", "In a shortage area (HPSA)?"),
            ("acgme_sponsor", "Does the employer run accredited residency programs?"),
        ):
            answer = _ask(console, f"  {question}", _yes_no, "yes/no")
            if answer is not None:
                offer[flag] = answer
        data["job_offer"] = offer
    statuses = [s.value for s in ImmigrationStatus]
    status_answer = _ask(
        console, "Immigration status (private: stays in your file)", _choice(statuses), ", ".join(statuses)
    )
    work = _ask(console, "Authorized to work in the US?", _yes_no, "yes/no")
    if status_answer or work is not None:
        data["immigration"] = {
            k: v for k, v in (("status", status_answer), ("work_authorized", work)) if v is not None
        }
    return data


def write_profile(data: dict[str, Any], path: Path) -> None:
    """Write atomically: a half-written profile never replaces a good one."""
    text = "# Written by imgpath profile new. Edit freely; see design.md for the fields.\n"
    text += yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    folder = path.resolve().parent
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".profile-", suffix=".yaml")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
