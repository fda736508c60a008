"""One evaluator per criterion type of the vocabulary: the profile's facts against a rule's numbers.

Each returns an Outcome whose reason quotes the numbers on both sides ("needs 4 of the last 4
years; you practised 2 years 11 months of them"). A fact the profile does not state gives
``unknown`` and names the field; failing a curable criterion gives ``needs_steps``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from imgpath.dates import ONE_DAY, span_text, years_after, years_before, years_text
from imgpath.engine.facts import (
    Facts,
    clip,
    covered_days,
    first_day_holding,
    is_us,
    last_day_holding,
    matches,
    merge,
)
from imgpath.engine.profile import ExamResult, LicenseStatus
from imgpath.engine.verdict import Outcome, Verdict
from imgpath.rulebook import vocabulary as v

V = Verdict
_WHERE_TEXT = {v.Where.abroad: " outside the US", v.Where.us: " in the US", v.Where.any: ""}


@dataclass(frozen=True)
class Context:
    """What an evaluator knows besides the profile: the route's state and whether a step cures it."""

    state: str | None
    curable: bool


def _fail(ctx: Context) -> Verdict:
    return V.needs_steps if ctx.curable else V.not_eligible


def _unknown(reason: str, *fields: str) -> Outcome:
    return Outcome(V.unknown, reason, missing=fields)


def _day(d: date) -> str:
    return d.isoformat()


# --- certificates and exams -------------------------------------------------------------------


def ecfmg_certified(params: v.EcfmgCertified, facts: Facts, ctx: Context) -> Outcome:
    profile = facts.profile
    value = profile.ecfmg_certified
    if not profile.said("ecfmg_certified") or value is None:
        return _unknown("You have not said whether you hold ECFMG certification.", "ecfmg_certified")
    if value is True:
        return Outcome(V.eligible, "You hold ECFMG certification.")
    if value is False:
        return Outcome(_fail(ctx), "You do not hold ECFMG certification yet.")
    certified = value.first_day
    if certified <= facts.as_of:
        return Outcome(V.eligible, f"You hold ECFMG certification since {value}.")
    return Outcome(V.not_yet, f"Your ECFMG certificate is dated {value}.", eligible_from=certified)


def _exam(facts: Facts, exam: str) -> tuple[bool, ExamResult | None]:
    """Whether the profile speaks of the exam, and its result (None: not passed, not taken)."""
    exams = facts.profile.exams
    if exams is None or exam not in exams:
        return False, None
    return True, exams[exam]


def _exam_name(exam: str) -> str:
    return (
        exam.replace("usmle_", "USMLE ")
        .replace("step2_ck", "Step 2 CK")
        .replace("step", "Step ")
        .replace("oet_medicine", "OET Medicine")
        .replace("_", " ")
    )


def exam_passed(params: v.ExamPassed, facts: Facts, ctx: Context) -> Outcome:
    name = _exam_name(params.exam)
    said, result = _exam(facts, params.exam)
    if not said:
        return _unknown(f"You have not said whether you passed {name}.", f"exams.{params.exam}")
    attempts = result.attempts if result else None
    limit = params.max_attempts
    if result is None or result.passed is None:
        if limit is not None and attempts is not None and attempts >= limit:
            return Outcome(
                V.not_eligible, f"{name} allows {limit} attempts; you have used {attempts} without passing."
            )
        left = f" ({limit - (attempts or 0)} attempts left)" if limit is not None else ""
        return Outcome(_fail(ctx), f"You have not passed {name} yet{left}.")
    passed = result.passed.first_day
    if passed > facts.as_of:
        return Outcome(V.not_yet, f"Your {name} pass is dated {result.passed}.", eligible_from=passed)
    if limit is not None:
        if attempts is None:
            return _unknown(
                f"{name} must be passed within {limit} attempts; you have not said how many you took.",
                f"exams.{params.exam}.attempts",
            )
        if attempts > limit:
            return Outcome(
                V.not_eligible, f"{name} must be passed within {limit} attempts; you took {attempts}."
            )
    if params.min_score is not None:
        if result.score is None:
            return _unknown(
                f"{name} needs a score of at least {params.min_score}; you have not given yours.",
                f"exams.{params.exam}.score",
            )
        if result.score < params.min_score:
            return Outcome(
                V.not_eligible,
                f"{name} needs a score of at least {params.min_score}; yours is {result.score}.",
            )
    until = None
    if params.within_years_of_graduation is not None:
        school = facts.profile.medical_school
        if school is None or school.graduated is None:
            return _unknown(
                f"{name} must be passed within {years_text(params.within_years_of_graduation)} "
                "of graduating; you have not said when you graduated.",
                "medical_school.graduated",
            )
        latest = years_after(school.graduated.last_day, params.within_years_of_graduation)
        if passed > latest:
            return Outcome(
                V.not_eligible,
                f"{name} had to be passed by {_day(latest)}, "
                f"{years_text(params.within_years_of_graduation)} after graduating; you passed "
                f"on {result.passed}.",
            )
    if params.passed_within_years is not None:
        until = years_after(passed, params.passed_within_years)  # the window [as_of - N years, as_of]
        if until < facts.as_of:
            return Outcome(
                V.not_eligible,
                f"{name} must have been passed within the last "
                f"{years_text(params.passed_within_years)}; your pass on {result.passed} "
                f"counted until {_day(until)}.",
            )
        return Outcome(
            V.eligible,
            f"You passed {name} on {result.passed}; it counts until {_day(until)}.",
            eligible_until=until,
        )
    tries = f" in {attempts} attempt{'s' if attempts != 1 else ''}" if attempts else ""
    return Outcome(V.eligible, f"You passed {name} on {result.passed}{tries}.")


def exam_attempts(params: v.ExamAttempts, facts: Facts, ctx: Context) -> Outcome:
    total = 0
    missing: list[str] = []
    for exam in params.exams:
        said, result = _exam(facts, exam)
        if not said:
            missing.append(f"exams.{exam}")
            continue
        if result is None:
            continue
        if result.attempts is None:
            if result.passed is not None:
                missing.append(f"exams.{exam}.attempts")
            continue
        if params.max_attempts_each is not None and result.attempts > params.max_attempts_each:
            return Outcome(
                V.not_eligible,
                f"Each exam allows {params.max_attempts_each} attempts; you took "
                f"{_exam_name(exam)} {result.attempts} times.",
            )
        total += result.attempts
    if params.max_attempts_total is not None and total > params.max_attempts_total:
        return Outcome(
            V.not_eligible,
            f"The exams allow {params.max_attempts_total} attempts in all; you have taken {total}.",
        )
    if missing:
        return _unknown("The board limits exam attempts; you have not said how many you took.", *missing)
    return Outcome(
        V.eligible, f"You have taken {total} attempt{'s' if total != 1 else ''} in all, within the limits."
    )


def exams_within_years(params: v.ExamsWithinYears, facts: Facts, ctx: Context) -> Outcome:
    if params.years is None:
        return _unknown(
            "The board has a time limit for passing the exams, but the rulebook does not know it."
        )
    passes: list[date] = []
    missing: list[str] = []
    for exam in params.exams:
        said, result = _exam(facts, exam)
        if not said:
            missing.append(f"exams.{exam}")
        elif result is not None and result.passed is not None:
            passes.append(result.passed.first_day)
    limit = years_text(params.years)
    if not passes:
        if missing:
            return _unknown(
                "The exams must all be passed within a time limit; you have not said which you passed.",
                *missing,
            )
        return Outcome(V.eligible, f"The {limit} allowed to pass all the exams start with your first pass.")
    deadline = years_after(min(passes), params.years)
    if len(passes) == len(params.exams):
        if max(passes) <= deadline:
            return Outcome(
                V.eligible,
                f"You passed all the exams within {limit} (from {_day(min(passes))} to {_day(max(passes))}).",
            )
        return Outcome(
            V.not_eligible,
            f"All the exams had to be passed within {limit} of the first, by "
            f"{_day(deadline)}; your last pass was on {_day(max(passes))}.",
        )
    if facts.as_of > deadline:
        return Outcome(
            V.not_eligible,
            f"All the exams had to be passed within {limit} of your first pass "
            f"({_day(min(passes))}), by {_day(deadline)}; that time has run out.",
        )
    if missing:
        return _unknown(
            f"Pass the remaining exams by {_day(deadline)}; you have not said which you passed.", *missing
        )
    return Outcome(
        V.eligible,
        f"Your {limit} to pass all the exams run from {_day(min(passes))}: pass the "
        f"rest by {_day(deadline)}.",
        eligible_until=deadline,
    )


# --- training and practice --------------------------------------------------------------------


def training_years(params: v.TrainingYears, facts: Facts, ctx: Context) -> Outcome:
    if params.years is None:
        return _unknown(
            "The law requires postgraduate training, but the rulebook does not know how many years."
        )
    profile = facts.profile
    if not profile.said("training") or profile.training is None:
        return _unknown("You have not listed your postgraduate training.", "training")
    where = _WHERE_TEXT[params.where]
    need = years_text(params.years)
    required_days = round(params.years * 365)
    done: list[tuple[date, date | None]] = []
    coming: list[tuple[date, date | None]] = []
    missing: list[str] = []
    for index, entry in enumerate(profile.training):
        if not matches(entry.country, params.where) or entry.kind.value not in params.kinds:
            continue
        span = (entry.start.first_day, entry.end.last_day + ONE_DAY if entry.end else None)
        finished = span[1] is not None and span[1] <= facts.as_of + ONE_DAY
        if entry.completed or (not params.completed_program and finished):
            done.append(span)
        elif entry.completed is None and finished:
            missing.append(f"training[{index}].completed")
        elif not finished:
            if span[1] is None:
                missing.append(f"training[{index}].end")
            else:
                coming.append(span)

    have = covered_days(merge(done), date.min, date.max)
    if have >= required_days:
        return Outcome(
            V.eligible, f"Needs {need} of completed postgraduate training{where}; you have {span_text(have)}."
        )
    if coming:
        total = covered_days(merge(done + coming), date.min, date.max)
        if total >= required_days:
            ready = max(end for _, end in coming if end is not None)
            return Outcome(
                V.not_yet,
                f"Needs {need} of completed postgraduate training{where}; you will "
                f"have {span_text(total)} when your current program ends.",
                eligible_from=ready,
            )
    if missing:
        return _unknown(
            f"Needs {need} of completed postgraduate training{where}; say whether your "
            "training was completed and when it ends.",
            *missing,
        )
    return Outcome(
        _fail(ctx), f"Needs {need} of completed postgraduate training{where}; you have {span_text(have)}."
    )


def us_gme_years(params: v.UsGmeYears, facts: Facts, ctx: Context) -> Outcome:
    profile = facts.profile
    if profile.us_gme_years is not None:
        years = profile.us_gme_years
    elif profile.said("training") and profile.training is not None:
        years = facts.us_training_years
    else:
        return _unknown(
            "You have not said how many years of US residency (GME) you have completed.", "us_gme_years"
        )
    have = years_text(years) if years else "none"
    if params.max_years is not None and years > params.max_years:
        return Outcome(
            V.not_eligible,
            f"Open only to doctors with at most {years_text(params.max_years)} of "
            f"US residency; you have {have}.",
        )
    if params.min_years is None:
        if params.max_years is None:
            return _unknown("The board requires US residency, but the rulebook does not know how many years.")
        return Outcome(
            V.eligible,
            f"Open to doctors with at most {years_text(params.max_years)} of US residency; you have {have}.",
        )
    need = years_text(params.min_years)
    if years + 1e-9 >= params.min_years:
        return Outcome(V.eligible, f"Needs {need} of accredited US residency; you have {have}.")
    return Outcome(_fail(ctx), f"Needs {need} of accredited US residency; you have {have}.")


def practice_years(params: v.PracticeYears, facts: Facts, ctx: Context) -> Outcome:
    if params.years is None:
        return _unknown("The law requires years of practice, but the rulebook does not know how many.")
    profile = facts.profile
    if not profile.said("practice") or profile.practice is None:
        return _unknown("You have not listed your practice as a licensed physician.", "practice")
    spans = facts.practice[params.where]
    if params.after_training:
        start = facts.last_training_end
        if start is None:
            return _unknown(
                "Only practice after completing residency counts; you have not listed a "
                "completed residency with its end date.",
                "training",
            )
        spans = clip(spans, low=start)
    as_of = facts.as_of
    window = params.window_years
    need, where = years_text(params.years), _WHERE_TEXT[params.where]
    after = " after residency" if params.after_training else ""

    def have_on(day: date, spans_until: list[tuple[date, date | None]]) -> int:
        low = years_before(day, window) if window else date.min
        return covered_days(spans_until, low, day)

    required_years = params.years

    def holds(day: date, spans_until: list[tuple[date, date | None]]) -> bool:
        return have_on(day, spans_until) >= (day - years_before(day, required_years)).days

    so_far = clip(spans, high=as_of)
    have = have_on(as_of, so_far)
    if window == params.years:
        ask = f"Needs practice{where}{after} throughout the last {need}"
    elif window:
        ask = f"Needs {need} of practice{where}{after} within the last {years_text(window)}"
    else:
        ask = f"Needs {need} of practice{where}{after}"
    ends = [end for _, end in spans]
    ongoing = any(end is None for end in ends)
    last_end = None if ongoing or not ends else max(e for e in ends if e is not None)
    if holds(as_of, so_far):
        reason = f"{ask}; you have {span_text(have)}."
        if window is None or ongoing:
            return Outcome(V.eligible, reason)
        assert last_end is not None
        low = max(as_of, last_end)
        until = last_day_holding(low, years_after(last_end, window) + ONE_DAY, lambda d: holds(d, spans))
        until = until or as_of
        return Outcome(
            V.eligible,
            reason[:-1] + f"; if you do not practise again, this holds until {_day(until)}.",
            eligible_until=until,
        )
    if ongoing or (last_end is not None and last_end > as_of):
        horizon = years_after(as_of, params.years) + ONE_DAY
        if last_end is not None:
            horizon = min(horizon, last_end)
        ready = first_day_holding(as_of, horizon, lambda d: holds(d, spans))
        if ready is not None:
            return Outcome(
                V.not_yet,
                f"{ask}; you have {span_text(have)} and, practising on, reach it on {_day(ready)}.",
                eligible_from=ready,
            )
    return Outcome(_fail(ctx), f"{ask}; you have {span_text(have)}.")


# --- licenses, discipline, employment, status ---------------------------------------------------


def license_in_good_standing(params: v.LicenseInGoodStanding, facts: Facts, ctx: Context) -> Outcome:
    profile = facts.profile
    if not profile.said("licenses") or profile.licenses is None:
        return _unknown("You have not listed your medical licenses.", "licenses")
    where = _WHERE_TEXT[params.where]
    missing: list[str] = []
    best_until: date | None = None
    for index, lic in enumerate(profile.licenses):
        if not matches(lic.jurisdiction, params.where):
            continue
        if lic.discipline is None:
            missing.append(f"licenses[{index}].discipline")
            continue
        if lic.discipline:
            continue
        if lic.status is LicenseStatus.active:
            return Outcome(V.eligible, f"Your license in {lic.jurisdiction} is active and in good standing.")
        if params.lapsed_within_years and lic.status in (LicenseStatus.lapsed, LicenseStatus.inactive):
            if lic.lapsed is None:
                missing.append(f"licenses[{index}].lapsed")
                continue
            until = years_after(lic.lapsed.last_day, params.lapsed_within_years)
            if until >= facts.as_of:
                best_until = max(best_until or until, until)
    if best_until is not None:
        return Outcome(
            V.eligible,
            f"Your lapsed license{where} still counts, until {_day(best_until)}.",
            eligible_until=best_until,
        )
    if missing:
        return _unknown(
            f"Needs a license{where} in good standing; say whether yours carries any "
            "discipline and when it lapsed.",
            *missing,
        )
    window = (
        f", or lapsed within the last {years_text(params.lapsed_within_years)}"
        if params.lapsed_within_years
        else ""
    )
    return Outcome(_fail(ctx), f"Needs an active license{where} in good standing{window}; none of yours is.")


def no_discipline(params: v.NoDiscipline, facts: Facts, ctx: Context) -> Outcome:
    profile = facts.profile
    if not profile.said("licenses") or profile.licenses is None:
        return _unknown("You have not listed your medical licenses and any discipline on them.", "licenses")
    flagged = [lic.jurisdiction for lic in profile.licenses if lic.discipline]
    if flagged:
        return Outcome(V.not_eligible, f"Your license in {', '.join(flagged)} carries disciplinary action.")
    missing = [
        f"licenses[{i}].discipline" for i, lic in enumerate(profile.licenses) if lic.discipline is None
    ]
    if missing:
        return _unknown("Say whether any of your licenses carries disciplinary action.", *missing)
    return Outcome(V.eligible, "None of your licenses carries disciplinary action.")


def job_offer(params: v.JobOffer, facts: Facts, ctx: Context) -> Outcome:
    profile = facts.profile
    state = params.state or ctx.state
    place = "in the US" if state in (None, "any") else f"in {state}"
    if not profile.said("job_offer"):
        return _unknown(f"You have not said whether you hold a job offer {place}.", "job_offer")
    offer = profile.job_offer
    if offer is None:
        return Outcome(_fail(ctx), f"Needs a job offer as a physician {place}; you have none yet.")
    if state not in (None, "any") and offer.state != state:
        return Outcome(_fail(ctx), f"Needs a job offer {place}; yours is in {offer.state}.")
    problems: list[str] = []
    missing: list[str] = []
    if params.employer_types:
        kinds = ", ".join(t.replace("_", " ") for t in params.employer_types)
        if offer.employer_type is None:
            missing.append("job_offer.employer_type")
        elif offer.employer_type.value not in params.employer_types:
            problems.append(
                f"the employer must be one of: {kinds} (yours: {offer.employer_type.value.replace('_', ' ')})"
            )
    for flag, text in (
        ("full_time", "full-time"),
        ("shortage_area", "in a shortage area"),
        ("acgme_sponsor", "with an employer that runs accredited residency programs"),
    ):
        if getattr(params, flag):
            value = getattr(offer, flag)
            if value is None:
                missing.append(f"job_offer.{flag}")
            elif not value:
                problems.append(f"the job must be {text}")
    if problems:
        return Outcome(_fail(ctx), f"Your offer {place} does not qualify: {'; '.join(problems)}.")
    if missing:
        return _unknown(f"Your offer {place} may qualify; say more about it.", *missing)
    return Outcome(V.eligible, f"Your job offer {place} qualifies.")


def work_authorization(params: v.WorkAuthorization, facts: Facts, ctx: Context) -> Outcome:
    immigration = facts.profile.immigration
    if immigration is None or immigration.work_authorized is None:
        return _unknown(
            "You have not said whether you are authorized to work in the US.", "immigration.work_authorized"
        )
    if immigration.work_authorized:
        return Outcome(V.eligible, "You are authorized to work in the US.")
    return Outcome(_fail(ctx), "Needs US work authorization; you do not have it yet.")


def immigration_status(params: v.ImmigrationStatusIn, facts: Facts, ctx: Context) -> Outcome:
    immigration = facts.profile.immigration
    if immigration is None or immigration.status is None:
        return _unknown("You have not said what your immigration status is.", "immigration.status")
    wanted = ", ".join(s.replace("_", " ") for s in params.statuses)
    status = immigration.status.value
    if status in params.statuses:
        return Outcome(V.eligible, f"Your status ({status.replace('_', ' ')}) qualifies.")
    return Outcome(_fail(ctx), f"Needs one of these statuses: {wanted}; yours is {status.replace('_', ' ')}.")


def medical_school(params: v.MedicalSchool, facts: Facts, ctx: Context) -> Outcome:
    school = facts.profile.medical_school
    if school is None:
        return _unknown("You have not described your medical school.", "medical_school")
    if params.outside_us and is_us(school.country):
        return Outcome(V.not_eligible, "Open to graduates of schools outside the US.")
    if params.listed_in_wdoms:
        if school.listed_in_wdoms is None:
            return _unknown(
                "Your school must be listed in the World Directory of Medical Schools; say whether it is.",
                "medical_school.listed_in_wdoms",
            )
        if not school.listed_in_wdoms:
            return Outcome(
                V.not_eligible, "Your school is not listed in the World Directory of Medical Schools."
            )
    if params.graduated_within_years is not None:
        if school.graduated is None:
            return _unknown("You have not said when you graduated.", "medical_school.graduated")
        until = years_after(school.graduated.last_day, params.graduated_within_years)
        limit = years_text(params.graduated_within_years)
        if until < facts.as_of:
            return Outcome(
                V.not_eligible,
                f"Open to doctors who graduated within the last {limit}; you "
                f"graduated in {school.graduated}.",
            )
        return Outcome(
            V.eligible, f"You graduated in {school.graduated}, within {limit}.", eligible_until=until
        )
    return Outcome(V.eligible, "Your medical school qualifies.")


def unverified_requirement(params: v.UnverifiedRequirement, facts: Facts, ctx: Context) -> Outcome:
    who = "the board" if ctx.state else "the agency or sponsor"
    reason = f"The law sets this requirement, but the rulebook does not yet know its details; ask {who}."
    return Outcome(V.unknown, reason)


Evaluator = Callable[[Any, Facts, Context], Outcome]

EVALUATORS: dict[v.CriterionType, Evaluator] = {
    v.CriterionType(name): cast(Evaluator, globals()[name]) for name in v.CriterionType.__members__
}
