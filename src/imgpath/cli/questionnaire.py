"""``imgpath profile new``: a short interview that writes a profile in the public format.

Every question can be skipped with Enter: a skipped fact stays out of the file, and the engine then
answers ``unknown`` for what depends on it instead of guessing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from rich.console import Console
from rich.prompt import Prompt

from imgpath.cli.files import write_atomically
from imgpath.dates import PartialDate
from imgpath.engine import EmployerType, ImmigrationStatus

T = TypeVar("T")
EXAMS = (
    ("usmle_step1", "USMLE Step 1"),
    ("usmle_step2_ck", "USMLE Step 2 CK"),
    ("usmle_step2_cs", "USMLE Step 2 CS (no longer given)"),
    ("usmle_step3", "USMLE Step 3"),
    ("oet_medicine", "OET Medicine"),
    ("toefl_ibt", "TOEFL iBT"),
    ("ielts_academic", "IELTS Academic"),
    ("texas_jurisprudence_exam", "Texas Medical Jurisprudence Exam"),
)
OFFER_FLAGS = (
    ("full_time", "Full-time?"),
    ("shortage_area", "In a shortage area (HPSA)?"),
    ("acgme_sponsor", "Does the employer run accredited residency programs?"),
    ("assessment_program", "Does the employer run an assessment program for physicians licensed abroad?"),
    ("public_or_nonprofit", "Is the employer a public agency or a non-profit?"),
    ("state_program", "Does the employer take part in the state's program for IMGs?"),
    ("appalachian_region", "Is the job in the Appalachian region?"),
    ("delta_region", "Is the job in the Delta Regional Authority's area?"),
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


def _years(text: str) -> float:
    value = float(text)
    if not 0 < value <= 60:
        raise ValueError("give the length in years, between 0 and 60")
    return value


def _specialty(text: str) -> str:
    return text.strip().lower().replace(" ", "_").replace("-", "_")


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
            kind = _ask(console, "  Kind", kinds, "internship, residency, fellowship or other")
            if kind:
                entry["kind"] = kind
            specialty = _ask(console, "  Specialty", _specialty, "e.g. internal_medicine")
            if specialty:
                entry["specialty"] = specialty
        start = _ask(console, "  Started", _month, "YYYY-MM; Enter if you do not know")
        if start:
            entry["start"] = start
            end = _ask(console, "  Ended", _month, "YYYY-MM; Enter if still going on")
            if end:
                entry["end"] = end
        else:
            years = _ask(console, "  How many years did it last?", _years, "e.g. 3; Enter if you do not know")
            if years:
                entry["years"] = years
        if with_kind:
            completed = _ask(console, "  Completed?", _yes_no, "yes/no")
            if completed is not None:
                entry["completed"] = completed
        if entry["country"] is None or ("start" not in entry and "years" not in entry):
            # without them the period would say something untrue (a made-up country or start)
            console.print("  [dim]Not recorded: a period needs its country, and its start or its length.[/]")
            continue
        periods.append(entry)
    return periods


def ask_profile(console: Console, credentials: Sequence[tuple[str, str]] = ()) -> dict[str, Any]:
    """Interview the doctor; return profile data (only the facts they gave). ``credentials`` are the
    catalogue's documents (id, name) to ask about."""
    console.print(
        "[bold]A few questions about you.[/] Press Enter to skip any of them: what you skip "
        "stays unknown. Your answers stay in the file on your computer."
    )
    data: dict[str, Any] = {}
    data.update(_ask_citizenship(console))
    data.update(_ask_medical_school(console))
    ecfmg = _ask(console, "ECFMG certified?", _date_or_yes_no, "date YYYY-MM-DD, or yes/no")
    if ecfmg is not None:
        data["ecfmg_certified"] = ecfmg
    data.update(_ask_exams(console))
    if training := _periods(console, "period of postgraduate training (residency)", True):
        data["training"] = training
    if practice := _periods(console, "period of practice as a licensed physician", False):
        data["practice"] = practice
    gme = _ask(console, "Years of US residency (GME) completed", float, "0 if none")
    if gme is not None:
        data["us_gme_years"] = gme
    data.update(_ask_license(console))
    data.update(_ask_job_offer(console))
    data.update(_ask_immigration(console))
    data.update(_ask_residence(console))
    data.update(_ask_credentials(console, credentials))
    return data


def _date_or_yes_no(text: str) -> str | bool:
    return _month(text) if text[:1].isdigit() else _yes_no(text)


def _ask_citizenship(console: Console) -> dict[str, Any]:
    citizenship = _ask(
        console,
        "Citizenship",
        lambda t: [_country(c) for c in t.replace(",", " ").split()],
        "two-letter codes, e.g. IN",
    )
    return {"citizenship": citizenship} if citizenship else {}


def _ask_medical_school(console: Console) -> dict[str, Any]:
    school_country = _ask(console, "Country of your medical school", _country, "two letters")
    if not school_country:
        return {}
    school: dict[str, Any] = {"country": school_country}
    graduated = _ask(console, "Graduated", _month, "YYYY-MM")
    if graduated:
        school["graduated"] = graduated
    return {"medical_school": school}


def _ask_exams(console: Console) -> dict[str, Any]:
    """Each exam of ``EXAMS`` in turn: 'no' records it as not passed, Enter leaves it out."""
    exams: dict[str, Any] = {}
    for exam_id, name in EXAMS:
        passed = _ask(console, f"{name}: passed on", _date_or_yes_no, "date, or 'no' if not passed")
        if passed is None:
            continue
        exams[exam_id] = None if passed is False else _ask_pass(console, name, passed)
    return {"exams": exams} if exams else {}


def _ask_pass(console: Console, name: str, passed: str | bool) -> dict[str, Any]:
    """A passed exam's result: its date (asked for when the answer was 'yes') and its attempts."""
    if passed is True:
        # time limits run from the date: ask for it, but a pass is a pass without one
        dated = _ask(
            console, f"  {name}: the date of the pass", _month, "YYYY-MM; Enter if you do not remember"
        )
        if dated is None:
            console.print("  [dim]Recorded as passed; criteria that need the date will ask for it.[/]")
        passed = dated or True
    result: dict[str, Any] = {"passed": passed}
    attempts = _ask(console, f"  {name}: attempts in all", _count, "number")
    if attempts is not None:
        result["attempts"] = attempts
    return result


def _ask_license(console: Console) -> dict[str, Any]:
    """The main medical license: where, its status, since when it lapsed, any discipline."""
    license_place = _ask(console, "Country of your main medical license", _country, "two letters")
    if not license_place:
        return {}
    status = _ask(
        console,
        "  Its status",
        _choice(["active", "inactive", "lapsed", "suspended", "revoked"]),
        "active, inactive, lapsed, suspended or revoked",
    )
    if status is None:
        console.print("  [dim]Not recorded: a license needs its status.[/]")
        return {}
    lic: dict[str, Any] = {"jurisdiction": license_place, "status": status}
    if status != "active":
        lapsed = _ask(console, "  When did it stop being active?", _month, "YYYY-MM")
        if lapsed:
            lic["lapsed"] = lapsed
    discipline = _ask(console, "  Any disciplinary action on it?", _yes_no, "yes/no")
    if discipline is not None:
        lic["discipline"] = discipline
    return {"licenses": [lic]}


def _ask_job_offer(console: Console) -> dict[str, Any]:
    """A US job offer: 'no' records that there is none; an offer needs its state."""
    has_offer = _ask(console, "Do you hold a US job offer as a physician?", _yes_no, "yes/no")
    if has_offer is False:
        return {"job_offer": None}
    if not has_offer:
        return {}
    state = _ask(console, "  State", _country, "two letters, e.g. TN")
    offer: dict[str, Any] = {"state": state}
    kinds = [e.value for e in EmployerType]
    employer = _ask(console, "  Employer type", _choice(kinds), ", ".join(kinds))
    if employer:
        offer["employer_type"] = employer
    for flag, question in OFFER_FLAGS:
        answer = _ask(console, f"  {question}", _yes_no, "yes/no")
        if answer is not None:
            offer[flag] = answer
    if state is None:
        console.print("  [dim]Not recorded: an offer needs the state it is in.[/]")
        return {}
    return {"job_offer": offer}


def _ask_immigration(console: Console) -> dict[str, Any]:
    statuses = [s.value for s in ImmigrationStatus]
    status_answer = _ask(
        console, "Immigration status (private: stays in your file)", _choice(statuses), ", ".join(statuses)
    )
    work = _ask(console, "Authorized to work in the US?", _yes_no, "yes/no")
    if not status_answer and work is None:
        return {}
    return {
        "immigration": {
            k: v for k, v in (("status", status_answer), ("work_authorized", work)) if v is not None
        }
    }


def _ask_residence(console: Console) -> dict[str, Any]:
    """Where in the US the doctor lives and since when; 'no' records that they live abroad."""
    lives_in_us = _ask(console, "Do you live in the US?", _yes_no, "yes/no")
    if lives_in_us is False:
        return {"residence": None}
    if not lives_in_us:
        return {}
    home_state = _ask(console, "  In which state?", _country, "two letters, e.g. TX")
    if not home_state:
        return {}
    home: dict[str, Any] = {"state": home_state}
    since = _ask(console, "  Since when?", _month, "YYYY-MM")
    if since:
        home["since"] = since
    return {"residence": home}


def _ask_credentials(console: Console, credentials: Sequence[tuple[str, str]]) -> dict[str, Any]:
    held: dict[str, Any] = {}
    if credentials:
        console.print("[bold]Documents some routes ask for[/] (Enter if you do not know):")
    for credential_id, name in credentials:
        answer = _ask(console, f"  {name}?", _yes_no, "yes/no")
        if answer is not None:
            held[credential_id] = answer
    return {"credentials": held} if held else {}


def write_profile(data: dict[str, Any], path: Path) -> None:
    """Write atomically: a half-written profile never replaces a good one."""
    text = "# Written by imgpath profile new. Edit freely; see docs/profile.md for the fields.\n"
    text += yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    write_atomically(text.encode("utf-8"), path)
