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
    span_of,
)
from imgpath.engine.profile import EMPLOYER_NAMES, STATUS_NAMES, ExamResult, LicenseStatus
from imgpath.engine.verdict import Outcome, Verdict
from imgpath.rulebook import vocabulary as v
from imgpath.rulebook.schema import Implied, Inference

V = Verdict
_IMPLIED = {fact.value for fact in Implied}
"""Facts an inference may supply (the catalogue names which follow from what)."""
_WHERE_TEXT = {v.Where.abroad: " outside the US", v.Where.us: " in the US", v.Where.any: ""}


@dataclass(frozen=True)
class Context:
    """What an evaluator knows besides the profile: the route's state, whether a step cures the
    criterion, the criterion's own summary and who can answer for the law (the board, named)."""

    state: str | None
    curable: bool
    summary: str = ""
    authority: str | None = None


def _fail(ctx: Context) -> Verdict:
    return V.needs_steps if ctx.curable else V.not_eligible


def _unknown(reason: str, *fields: str, worst: Verdict = V.not_eligible) -> Outcome:
    """A fact the profile does not give: ``worst`` is the verdict if the answer goes against the person."""
    return Outcome(V.unknown, reason, missing=fields, worst=worst)


def _unpublished(reason: str) -> Outcome:
    """A detail the law leaves to the board, or one the rulebook has not found: the rulebook's question."""
    return Outcome(V.unknown, reason, about="rulebook")


def _cited(inference: Inference) -> str:
    return inference.summary.split(";")[0].rstrip(".")


def _day(d: date) -> str:
    return d.isoformat()


# --- certificates and exams -------------------------------------------------------------------


def ecfmg_certified(params: v.EcfmgCertified, facts: Facts, ctx: Context) -> Outcome:
    profile = facts.profile
    value = profile.ecfmg_certified
    if not profile.said("ecfmg_certified") or value is None:
        return _unknown(
            "You have not said whether you hold ECFMG certification.", "ecfmg_certified", worst=_fail(ctx)
        )
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
        .replace("step2_cs", "Step 2 CS")
        .replace("toefl_ibt", "TOEFL iBT")
        .replace("ielts_academic", "IELTS Academic")
        .replace("step", "Step ")
        .replace("oet_medicine", "OET Medicine")
        .replace("_", " ")
    )


def _graduation_deadline(params: v.ExamPassed, facts: Facts) -> date | None:
    school = facts.profile.medical_school
    if params.within_years_of_graduation is None or school is None or school.graduated is None:
        return None
    return years_after(school.graduated.last_day, params.within_years_of_graduation)


def exam_passed(params: v.ExamPassed, facts: Facts, ctx: Context) -> Outcome:
    name = _exam_name(params.exam)
    said, result = _exam(facts, params.exam)
    inference: Inference | None = None
    if not said:
        fact = f"exams.{params.exam}"
        inference = facts.inferred(Implied(fact)) if fact in _IMPLIED else None
        if inference is None:
            return _unknown(
                f"You have not said whether you passed {name}.", f"exams.{params.exam}", worst=_fail(ctx)
            )
        result = ExamResult(passed=True)  # shown by the certificate, on a date not known
    attempts = result.attempts if result else None
    limit = params.max_attempts
    if result is None or result.passed is None:
        if limit is not None and attempts is not None and attempts >= limit:
            return Outcome(
                V.not_eligible, f"{name} allows {limit} attempts; you have used {attempts} without passing."
            )
        deadline = _graduation_deadline(params, facts)
        if deadline is not None and deadline < facts.as_of:
            return Outcome(
                V.not_eligible,
                f"{name} had to be passed by {_day(deadline)}, "
                f"{years_text(params.within_years_of_graduation or 0)} after graduating; that day "
                "has passed.",
            )
        left = f" ({limit - (attempts or 0)} attempts left)" if limit is not None else ""
        by = f" Pass it by {_day(deadline)}." if deadline is not None else ""
        return Outcome(_fail(ctx), f"You have not passed {name} yet{left}.{by}", eligible_until=deadline)
    how = f" ({_cited(inference)}.)" if inference is not None else ""
    dated = result.pass_date
    if dated is None:
        if limit is not None and attempts is None:
            return _unknown(
                f"{name} must be passed within {limit} attempts; you have not said how many you took.{how}",
                f"exams.{params.exam}.attempts",
            )
        if limit is not None and attempts is not None and attempts > limit:
            return Outcome(
                V.not_eligible, f"{name} must be passed within {limit} attempts; you took {attempts}."
            )
        if params.min_score is not None and (result.score is None or result.score < params.min_score):
            if result.score is not None:
                return Outcome(
                    V.not_eligible,
                    f"{name} needs a score of at least {params.min_score}; yours is {result.score}.",
                )
            return _unknown(
                f"{name} needs a score of at least {params.min_score}; you have not given yours.",
                f"exams.{params.exam}.score",
            )
        if params.within_years_of_graduation is not None or params.passed_within_years is not None:
            return _unknown(
                f"You passed {name}, but the date of the pass decides this; give it (YYYY-MM).{how}",
                f"exams.{params.exam}.passed",
            )
        return Outcome(V.eligible, f"You passed {name}.{how}")
    passed = dated.first_day
    if passed > facts.as_of:
        return Outcome(V.not_yet, f"Your {name} pass is dated {dated}.", eligible_from=passed)
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
                f"on {dated}.",
            )
    if params.passed_within_years is not None:
        until = years_after(passed, params.passed_within_years)  # the window [as_of - N years, as_of]
        if until < facts.as_of:
            return Outcome(
                V.not_eligible,
                f"{name} must have been passed within the last "
                f"{years_text(params.passed_within_years)}; your pass on {dated} "
                f"counted until {_day(until)}.",
            )
        return Outcome(
            V.eligible,
            f"You passed {name} on {dated}; it counts until {_day(until)}.",
            eligible_until=until,
        )
    tries = f" in {attempts} attempt{'s' if attempts != 1 else ''}" if attempts else ""
    return Outcome(V.eligible, f"You passed {name} on {dated}{tries}.")


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
        return _unpublished(
            "The board has a time limit for passing the exams, but its length was not found; "
            f"ask {_who(ctx)}."
        )
    passes: list[date] = []
    missing: list[str] = []
    undated: list[str] = []
    for exam in params.exams:
        said, result = _exam(facts, exam)
        if not said:
            missing.append(f"exams.{exam}")
        elif result is not None and result.passed is not None:
            if result.pass_date is None:
                undated.append(f"exams.{exam}.passed")
            else:
                passes.append(result.pass_date.first_day)
    if undated:
        return _unknown(
            f"All the exams must be passed within {years_text(params.years)} of the first; give the "
            "dates of your passes (YYYY-MM).",
            *undated,
        )
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
        if ctx.curable:  # a source names a cure (retaking a passed Step where the board allows it)
            return Outcome(
                V.needs_steps,
                f"All the exams had to be passed within {limit} of your first pass "
                f"({_day(min(passes))}), by {_day(deadline)}; that time has run out. Once you meet "
                "every other requirement, a passed exam can be retaken to meet the limit.",
            )
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
        return _unpublished(
            f"The law requires postgraduate training, but how many years was not found; ask {_who(ctx)}."
        )
    profile = facts.profile
    if not profile.said("training") or profile.training is None:
        return _unknown("You have not listed your postgraduate training.", "training", worst=_fail(ctx))
    where = _WHERE_TEXT[params.where]
    need = years_text(params.years)
    required_days = round(params.years * 365)
    done: list[tuple[date, date | None]] = []
    coming: list[tuple[date, date | None]] = []
    missing: list[str] = []
    unplaced = 0
    for index, entry in enumerate(profile.training):
        if not matches(entry.country, params.where) or entry.kind.value not in params.kinds:
            continue
        placed = span_of(entry)
        if placed is None:  # only its length is known: it counts once completed
            if entry.completed:
                unplaced += entry.length_days
            elif entry.completed is None:
                missing.append(f"training[{index}].completed")
            continue
        span = placed
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

    have = covered_days(merge(done), date.min, date.max) + unplaced
    if have >= required_days:
        return Outcome(
            V.eligible, f"Needs {need} of completed postgraduate training{where}; you have {span_text(have)}."
        )
    if coming:
        total = covered_days(merge(done + coming), date.min, date.max) + unplaced
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
            return _unpublished(
                f"The board requires US residency, but how many years was not found; ask {_who(ctx)}."
            )
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
        return _unpublished(
            f"The law requires years of practice, but how many was not found; ask {_who(ctx)}."
        )
    profile = facts.profile
    if not profile.said("practice") or profile.practice is None:
        return _unknown(
            "You have not listed your practice as a licensed physician.", "practice", worst=_fail(ctx)
        )
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
    unplaced_days, unplaced_at = facts.unplaced_practice[params.where]
    if unplaced_at and not holds(as_of, so_far):
        # periods known only by their length count toward a total, never toward a window or "after
        # residency": those need the months
        if window is None and not params.after_training:
            have += unplaced_days
            if have >= (as_of - years_before(as_of, required_years)).days:
                return Outcome(
                    V.eligible, f"Needs {years_text(params.years)} of practice; you have {span_text(have)}."
                )
        else:
            counted = f"within the last {years_text(window)}" if window else "after residency"
            return _unknown(
                f"Only practice {counted} counts; give the months of the periods you gave only as a "
                "number of years.",
                *(f"practice[{i}].start" for i in unplaced_at),
            )
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
        return _unknown("You have not listed your medical licenses.", "licenses", worst=_fail(ctx))
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
        return _unknown(
            f"You have not said whether you hold a job offer {place}.", "job_offer", worst=_fail(ctx)
        )
    offer = profile.job_offer
    if offer is None:
        return Outcome(_fail(ctx), f"Needs a job offer as a physician {place}; you have none yet.")
    if state not in (None, "any") and offer.state != state:
        return Outcome(_fail(ctx), f"Needs a job offer {place}; yours is in {offer.state}.")
    problems: list[str] = []
    missing: list[str] = []
    if params.employer_types:
        kinds = ", ".join(EMPLOYER_NAMES.get(t, t) for t in params.employer_types)
        if offer.employer_type is None:
            missing.append("job_offer.employer_type")
        elif offer.employer_type.value not in params.employer_types:
            problems.append(
                f"the employer must be one of: {kinds} (yours: {EMPLOYER_NAMES[offer.employer_type.value]})"
            )
    for flag, text in (
        ("full_time", "full-time"),
        ("shortage_area", "in a shortage area"),
        ("acgme_sponsor", "with an employer that runs accredited residency programs"),
        (
            "assessment_program",
            "with an employer that runs an assessment program for physicians licensed abroad",
        ),
        ("public_or_nonprofit", "with a public agency or a non-profit employer"),
        ("state_program", "with an employer taking part in the state's program"),
        ("appalachian_region", "at a site in the Appalachian region"),
        ("delta_region", "at a site in the Delta Regional Authority's area"),
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
        return _unknown(f"Your offer {place} may qualify; say more about it.", *missing, worst=_fail(ctx))
    return Outcome(V.eligible, f"Your job offer {place} qualifies.")


def work_authorization(params: v.WorkAuthorization, facts: Facts, ctx: Context) -> Outcome:
    immigration = facts.profile.immigration
    if immigration is None or immigration.work_authorized is None:
        return _unknown(
            "You have not said whether you are authorized to work in the US.",
            "immigration.work_authorized",
            worst=_fail(ctx),
        )
    if immigration.work_authorized:
        return Outcome(V.eligible, "You are authorized to work in the US.")
    return Outcome(_fail(ctx), "Needs US work authorization; you do not have it yet.")


def immigration_status(params: v.ImmigrationStatusIn, facts: Facts, ctx: Context) -> Outcome:
    immigration = facts.profile.immigration
    if immigration is None or immigration.status is None:
        return _unknown(
            "You have not said what your immigration status is.", "immigration.status", worst=_fail(ctx)
        )
    wanted = ", ".join(STATUS_NAMES.get(s, s) for s in params.statuses)
    status = immigration.status.value
    if status in params.statuses:
        return Outcome(V.eligible, f"Your status ({STATUS_NAMES[status]}) qualifies.")
    return Outcome(_fail(ctx), f"Needs one of these statuses: {wanted}; yours is {STATUS_NAMES[status]}.")


def medical_school(params: v.MedicalSchool, facts: Facts, ctx: Context) -> Outcome:
    school = facts.profile.medical_school
    if school is None:
        return _unknown("You have not described your medical school.", "medical_school")
    if params.outside_us and is_us(school.country):
        return Outcome(V.not_eligible, "Open to graduates of schools outside the US.")
    inferred = ""
    if params.listed_in_wdoms:
        inference = facts.inferred(Implied.listed_in_wdoms) if school.listed_in_wdoms is None else None
        if inference is not None:
            inferred = (
                " Your ECFMG certificate shows it is listed in the World Directory of Medical Schools "
                f"({_cited(inference)})."
            )
        elif school.listed_in_wdoms is None:
            return _unknown(
                "Your school must be listed in the World Directory of Medical Schools; say whether it is.",
                "medical_school.listed_in_wdoms",
            )
        elif not school.listed_in_wdoms:
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
            V.eligible,
            f"You graduated in {school.graduated}, within {limit}.{inferred}",
            eligible_until=until,
        )
    return Outcome(V.eligible, f"Your medical school qualifies.{inferred}")


def _who(ctx: Context) -> str:
    return ctx.authority or ("the board" if ctx.state else "the agency or sponsor")


def residence(params: v.Residence, facts: Facts, ctx: Context) -> Outcome:
    state = params.state or ctx.state or ""
    need = f"at least {years_text(params.min_years)}" if params.min_years else "on the day you apply"
    if not facts.profile.said("residence"):
        return _unknown(
            f"Needs residence in {state} {need}; you have not said where you live.",
            "residence",
            worst=_fail(ctx),
        )
    home = facts.profile.residence
    if home is None or home.state != state:
        where = "outside the US" if home is None else f"in {home.state}"
        return Outcome(_fail(ctx), f"Needs residence in {state} {need}; you live {where}.")
    if params.min_years is None:
        return Outcome(V.eligible, f"You live in {state}.")
    if home.since is None:
        return _unknown(
            f"Needs residence in {state} for {need}; say since when you have lived there.", "residence.since"
        )
    ready = years_after(home.since.first_day, params.min_years)
    if ready <= facts.as_of:
        return Outcome(V.eligible, f"You have lived in {state} since {home.since}, {need}.")
    return Outcome(
        V.not_yet,
        f"Needs residence in {state} for {need}; you reach it on {_day(ready)}.",
        eligible_from=ready,
    )


def english_proficiency(params: v.EnglishProficiency, facts: Facts, ctx: Context) -> Outcome:
    names = " or ".join(_exam_name(test) for test in params.tests)
    if params.ecfmg_counts:
        inference = facts.inferred(Implied.english_proficiency)
        if inference is not None:
            return Outcome(V.eligible, f"Your ECFMG certificate shows it ({_cited(inference)}).")
    missing: list[str] = []
    for test in params.tests:
        said, result = _exam(facts, test)
        if not said:
            missing.append(f"exams.{test}")
            continue
        if result is None or result.passed is None:
            continue
        floor = params.min_scores.get(test)
        if floor is not None and result.score is None:
            missing.append(f"exams.{test}.score")
            continue
        if floor is None or (result.score is not None and result.score >= floor):
            return Outcome(V.eligible, f"You passed {_exam_name(test)}, which shows English proficiency.")
    if missing:
        return _unknown(
            f"Needs proof of English: {names}; you have not said whether you passed.",
            *missing,
            worst=_fail(ctx),
        )
    return Outcome(_fail(ctx), f"Needs proof of English: {names}; you have not passed one yet.")


def training_completed(params: v.TrainingCompleted, facts: Facts, ctx: Context) -> Outcome:
    profile = facts.profile
    where = _WHERE_TEXT[params.where]
    if not profile.said("training") or profile.training is None:
        return _unknown("You have not listed your postgraduate training.", "training", worst=_fail(ctx))
    missing: list[str] = []
    which = f" in {', '.join(s.replace('_', ' ') for s in params.specialties)}" if params.specialties else ""
    recent = (
        f", ended within the last {years_text(params.ended_within_years)}"
        if params.ended_within_years
        else ""
    )
    for index, entry in enumerate(profile.training):
        if not matches(entry.country, params.where) or entry.kind.value not in params.kinds:
            continue
        if params.specialties is not None:
            if entry.specialty is None:
                missing.append(f"training[{index}].specialty")
                continue
            if entry.specialty not in params.specialties:
                continue
        if entry.completed and params.ended_within_years is not None:
            span = span_of(entry)
            if span is None or span[1] is None:
                missing.append(f"training[{index}].end")
                continue
            until = years_after(span[1] - ONE_DAY, params.ended_within_years)
            if until < facts.as_of:
                continue
            return Outcome(
                V.eligible,
                f"You completed a postgraduate training program{where}{which}{recent}; it counts until "
                f"{_day(until)}.",
                eligible_until=until,
            )
        if entry.completed:
            return Outcome(V.eligible, f"You completed a postgraduate training program{where}{which}.")
        if entry.completed is None:
            missing.append(f"training[{index}].completed")
    if missing:
        return _unknown(
            f"Needs a completed postgraduate training program{where}{which}{recent}; say whether yours was "
            "completed, when it ended and in which specialty.",
            *missing,
            worst=_fail(ctx),
        )
    return Outcome(
        _fail(ctx), f"Needs a completed postgraduate training program{where}{which}{recent}; you list none."
    )


def holds_credential(params: v.HoldsCredential, facts: Facts, ctx: Context) -> Outcome:
    what = ctx.summary.rstrip(".") or params.credential.replace("_", " ")
    held = facts.profile.credentials
    if held is None or params.credential not in held:
        return _unknown(f"{what}: you have not said.", f"credentials.{params.credential}", worst=_fail(ctx))
    value = held[params.credential]
    if value is None or value is False:
        return Outcome(_fail(ctx), f"{what}: you do not hold this yet.")
    if value is not True and value.first_day > facts.as_of:
        return Outcome(V.not_yet, f"{what}: yours is dated {value}.", eligible_from=value.first_day)
    return Outcome(V.eligible, f"{what}: you hold it.")


def unverified_requirement(params: v.UnverifiedRequirement, facts: Facts, ctx: Context) -> Outcome:
    what = ctx.summary.rstrip(".") or "A requirement of the law"
    return _unpublished(f"Not yet known: {what}. The rulebook has not found its details; ask {_who(ctx)}.")


Evaluator = Callable[[Any, Facts, Context], Outcome]

EVALUATORS: dict[v.CriterionType, Evaluator] = {
    v.CriterionType(name): cast(Evaluator, globals()[name]) for name in v.CriterionType.__members__
}
