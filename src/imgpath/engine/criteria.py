"""One evaluator per criterion type of the vocabulary: the profile's facts against a rule's numbers.

Each returns an Outcome whose reason, a keyed message (see ``imgpath.messages``), quotes the numbers
on both sides ("needs 4 of the last 4 years; you practised 2 years 11 months of them"). A fact the
profile does not state gives ``unknown`` and names the field; failing a curable criterion gives
``needs_steps``. Exams are named as the rulebook's catalogue names them, never by code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, cast

from imgpath.areas import Source
from imgpath.dates import ONE_DAY, PartialDate, years_after, years_before
from imgpath.engine.facts import (
    Facts,
    Interval,
    clip,
    covered_days,
    first_day_holding,
    is_us,
    last_day_holding,
    matches,
    merge,
    span_of,
)
from imgpath.engine.profile import (
    EMPLOYER_NAMES,
    OFFER_FLAGS,
    STATUS_NAMES,
    ExamResult,
    JobOffer,
    LicenseStatus,
    Training,
)
from imgpath.engine.verdict import Outcome, Verdict
from imgpath.messages import Message, message
from imgpath.rulebook import vocabulary as v
from imgpath.rulebook.schema import Implied, Inference

V = Verdict
_IMPLIED = {fact.value for fact in Implied}
"""Facts an inference may supply (the catalogue names which follow from what)."""
_WHERE = {where: message(f"where.{where.value}") for where in v.Where}
"""Where practice or training took place, as a phrase of the sentences that name it."""
_NOTHING = message("phrase.none")


@dataclass(frozen=True)
class Context:
    """What an evaluator knows besides the profile: the route's state, whether a step cures the
    criterion, the criterion's own summary and who can answer for the law (the board, named)."""

    state: str | None
    curable: bool
    summary: str = ""
    authority: str | None = None


recurring = lru_cache(maxsize=8192)(message)
"""``message`` for sentences that recur across profiles (a state's job offer, a route's own wording):
made once. Only for plain parameters; a list or a date goes to ``message``."""


def _fail(ctx: Context) -> Verdict:
    return V.needs_steps if ctx.curable else V.not_eligible


def _unknown(reason: Message, *fields: str, worst: Verdict = V.not_eligible) -> Outcome:
    """A fact the profile does not give: ``worst`` is the verdict if the answer goes against the person."""
    return Outcome(V.unknown, reason, missing=fields, worst=worst)


def _unpublished(reason: Message) -> Outcome:
    """A detail the law leaves to the board, or one the rulebook has not found: the rulebook's question."""
    return Outcome(V.unknown, reason, about="rulebook")


def _cited(inference: Inference) -> str:
    return inference.summary.split(";")[0].rstrip(".")


def _day(d: date) -> str:
    return d.isoformat()


def _plural(key: str, count: int) -> str:
    """The key of the sentence for one (``key.one``) or for several (``key``)."""
    return f"{key}.one" if count == 1 else key


# --- certificates and exams -------------------------------------------------------------------


def ecfmg_certified(params: v.EcfmgCertified, facts: Facts, ctx: Context) -> Outcome:
    profile = facts.profile
    value = profile.ecfmg_certified
    if not profile.said("ecfmg_certified") or value is None:
        return _unknown(message("ecfmg.not_said"), "ecfmg_certified", worst=_fail(ctx))
    if value is True:
        return Outcome(V.eligible, message("ecfmg.held"))
    if value is False:
        return Outcome(_fail(ctx), message("ecfmg.not_held"))
    certified = value.first_day
    if certified <= facts.as_of:
        return Outcome(V.eligible, message("ecfmg.held_since", since=value))
    return Outcome(V.not_yet, message("ecfmg.dated", dated=value), eligible_from=certified)


def _exam(facts: Facts, exam: str) -> tuple[bool, ExamResult | None]:
    """Whether the profile speaks of the exam, and its result (None: not passed, not taken)."""
    exams = facts.profile.exams
    if exams is None or exam not in exams:
        return False, None
    return True, exams[exam]


def _exam_name(facts: Facts, exam: str) -> str:
    """The exam as the rulebook's catalogue names it (its id when the catalogue has none)."""
    return facts.exam_names.get(exam, exam)


def _graduation_deadline(params: v.ExamPassed, facts: Facts) -> date | None:
    school = facts.profile.medical_school
    if params.within_years_of_graduation is None or school is None or school.graduated is None:
        return None
    return years_after(school.graduated.last_day, params.within_years_of_graduation)


def exam_passed(params: v.ExamPassed, facts: Facts, ctx: Context) -> Outcome:
    exam = params.exam
    name = {"exam": exam, "exam_name": _exam_name(facts, exam)}
    said, result = _exam(facts, exam)
    inference: Inference | None = None
    if not said:
        fact = f"exams.{params.exam}"
        inference = facts.inferred(Implied(fact)) if fact in _IMPLIED else None
        if inference is None:
            return _unknown(message("exam.not_said", **name), f"exams.{exam}", worst=_fail(ctx))
        result = ExamResult(passed=True)  # shown by the certificate, on a date not known
    if result is None or result.passed is None:
        return _exam_not_passed(params, facts, ctx, name, result.attempts if result else None)
    if result.pass_date is None:
        return _exam_passed_undated(params, result, name, inference)
    return _exam_passed_on(params, facts, result, result.pass_date, name)


def _exam_not_passed(
    params: v.ExamPassed, facts: Facts, ctx: Context, name: dict[str, str], attempts: int | None
) -> Outcome:
    """An exam not (yet) passed: barred when the attempts or the time since graduation ran out."""
    limit = params.max_attempts
    if limit is not None and attempts is not None and attempts >= limit:
        return Outcome(V.not_eligible, message("exam.attempts_used", **name, limit=limit, attempts=attempts))
    deadline = _graduation_deadline(params, facts)
    if deadline is not None and deadline < facts.as_of:
        return Outcome(
            V.not_eligible,
            message(
                "exam.graduation_deadline_passed",
                **name,
                deadline=deadline,
                within_years=params.within_years_of_graduation or 0,
            ),
        )
    found: dict[str, object] = {**name}
    key = "exam.not_passed"
    if limit is not None:
        key, found["left"] = f"{key}.attempts_left", limit - (attempts or 0)
    if deadline is not None:
        key, found["deadline"] = f"{key}.deadline", deadline
    return Outcome(_fail(ctx), message(key, **found), eligible_until=deadline)


def _inferred(inference: Inference | None) -> tuple[str, dict[str, str]]:
    """For a pass the profile does not state but the rulebook infers: the key's suffix and its source."""
    if inference is None:
        return "", {}
    return ".inferred", {"cited": _cited(inference)}


def _attempts_or_score_bar(
    params: v.ExamPassed, result: ExamResult, name: dict[str, str], inference: Inference | None
) -> Outcome | None:
    """What keeps a pass from counting: too many attempts or too low a score (or either not said)."""
    exam, limit, attempts = name["exam"], params.max_attempts, result.attempts
    if limit is not None and attempts is None:
        shown, cited = _inferred(inference)
        return _unknown(
            message(f"exam.attempts_not_said{shown}", **name, limit=limit, **cited), f"exams.{exam}.attempts"
        )
    if limit is not None and attempts is not None and attempts > limit:
        return Outcome(
            V.not_eligible, message("exam.too_many_attempts", **name, limit=limit, attempts=attempts)
        )
    if params.min_score is None:
        return None
    if result.score is None:
        return _unknown(
            message("exam.score_not_given", **name, min_score=params.min_score), f"exams.{exam}.score"
        )
    if result.score < params.min_score:
        return Outcome(
            V.not_eligible,
            message("exam.score_too_low", **name, min_score=params.min_score, score=result.score),
        )
    return None


def _exam_passed_undated(
    params: v.ExamPassed, result: ExamResult, name: dict[str, str], inference: Inference | None
) -> Outcome:
    """A pass on a date not known: it counts unless a time limit needs the date."""
    bar = _attempts_or_score_bar(params, result, name, inference)
    if bar is not None:
        return bar
    shown, cited = _inferred(inference)
    if params.within_years_of_graduation is not None or params.passed_within_years is not None:
        return _unknown(
            message(f"exam.pass_date_needed{shown}", **name, **cited), f"exams.{name['exam']}.passed"
        )
    return Outcome(V.eligible, message(f"exam.passed{shown}", **name, **cited))


def _exam_passed_on(
    params: v.ExamPassed, facts: Facts, result: ExamResult, dated: PartialDate, name: dict[str, str]
) -> Outcome:
    """A dated pass: it counts from its day, within the time limits from graduation and since the pass."""
    passed = dated.first_day
    if passed > facts.as_of:
        return Outcome(V.not_yet, message("exam.pass_dated", **name, dated=dated), eligible_from=passed)
    bar = _attempts_or_score_bar(params, result, name, None)
    if bar is not None:
        return bar
    late = _passed_after_graduation_deadline(params, facts, dated, name)
    if late is not None:
        return late
    if params.passed_within_years is not None:
        return _recent_pass(params.passed_within_years, facts, dated, name)
    attempts = result.attempts
    if attempts:
        return Outcome(
            V.eligible,
            message(_plural("exam.passed_on.attempts", attempts), **name, passed=dated, attempts=attempts),
        )
    return Outcome(V.eligible, message("exam.passed_on", **name, passed=dated))


def _passed_after_graduation_deadline(
    params: v.ExamPassed, facts: Facts, dated: PartialDate, name: dict[str, str]
) -> Outcome | None:
    """The outcome when a rule wants the pass within years of graduation and it came later (or the
    graduation is not said); None when the pass came in time or the rule sets no such limit."""
    within_years = params.within_years_of_graduation
    if within_years is None:
        return None
    school = facts.profile.medical_school
    if school is None or school.graduated is None:
        return _unknown(
            message("exam.graduation_not_said", **name, within_years=within_years),
            "medical_school.graduated",
        )
    latest = years_after(school.graduated.last_day, within_years)
    if dated.first_day <= latest:
        return None
    return Outcome(
        V.not_eligible,
        message(
            "exam.passed_after_graduation_deadline",
            **name,
            deadline=latest,
            within_years=within_years,
            passed=dated,
        ),
    )


def _recent_pass(within_years: float, facts: Facts, dated: PartialDate, name: dict[str, str]) -> Outcome:
    """A pass that counts for some years only: until when, or that it is too old."""
    until = years_after(dated.first_day, within_years)  # the window [as_of - N years, as_of]
    if until < facts.as_of:
        return Outcome(
            V.not_eligible,
            message("exam.pass_too_old", **name, within_years=within_years, passed=dated, until=until),
        )
    return Outcome(
        V.eligible,
        message("exam.passed_counts_until", **name, passed=dated, until=until),
        eligible_until=until,
    )


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
                message(
                    "exams.attempts_each_exceeded",
                    limit=params.max_attempts_each,
                    exam=exam,
                    exam_name=_exam_name(facts, exam),
                    attempts=result.attempts,
                ),
            )
        total += result.attempts
    if params.max_attempts_total is not None and total > params.max_attempts_total:
        return Outcome(
            V.not_eligible,
            message("exams.attempts_total_exceeded", limit=params.max_attempts_total, attempts=total),
        )
    if missing:
        return _unknown(message("exams.attempts_not_said"), *missing)
    return Outcome(V.eligible, message(_plural("exams.attempts_within_limits", total), attempts=total))


def _exam_passes(params: v.ExamsWithinYears, facts: Facts) -> tuple[list[date], list[str], list[str]]:
    """The days the exams were passed, the exams the profile does not speak of, and the passes
    it gives without a date (as fields to ask for)."""
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
    return passes, missing, undated


def exams_within_years(params: v.ExamsWithinYears, facts: Facts, ctx: Context) -> Outcome:
    if params.years is None:
        return _unpublished(message("exams.time_limit_unpublished", who=_who(ctx)))
    passes, missing, undated = _exam_passes(params, facts)
    if undated:
        return _unknown(message("exams.pass_dates_needed", limit_years=params.years), *undated)
    limit = params.years
    if not passes:
        if missing:
            return _unknown(message("exams.passes_not_said"), *missing)
        return Outcome(V.eligible, message("exams.time_limit_not_started", limit_years=limit))
    deadline = years_after(min(passes), params.years)
    first, last = _day(min(passes)), _day(max(passes))
    if len(passes) == len(params.exams):
        if max(passes) <= deadline:
            return Outcome(V.eligible, message("exams.all_within", limit_years=limit, first=first, last=last))
        return Outcome(
            V.not_eligible,
            message("exams.all_too_late", limit_years=limit, deadline=deadline, last=last),
        )
    if facts.as_of > deadline:
        if ctx.curable:  # a source names a cure (retaking a passed Step where the board allows it)
            return Outcome(
                V.needs_steps,
                message("exams.time_run_out.retake", limit_years=limit, first=first, deadline=deadline),
            )
        return Outcome(
            V.not_eligible, message("exams.time_run_out", limit_years=limit, first=first, deadline=deadline)
        )
    if missing:
        return _unknown(message("exams.remaining_not_said", deadline=deadline), *missing)
    return Outcome(
        V.eligible,
        message("exams.time_limit_running", limit_years=limit, first=first, deadline=deadline),
        eligible_until=deadline,
    )


# --- training and practice --------------------------------------------------------------------


@dataclass
class _TrainingTally:
    """A profile's training sorted for a rule on years of training: what counts now, what will count
    once it ends, what the profile leaves open, and the days of periods known only by their length."""

    done: list[Interval] = field(default_factory=list)
    coming: list[Interval] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unplaced_days: int = 0


def _tally_training(params: v.TrainingYears, training: list[Training], as_of: date) -> _TrainingTally:
    tally = _TrainingTally()
    for index, entry in enumerate(training):
        if not matches(entry.country, params.where) or entry.kind.value not in params.kinds:
            continue
        placed = span_of(entry)
        if placed is None:  # only its length is known: it counts once completed
            if entry.completed:
                tally.unplaced_days += entry.length_days
            elif entry.completed is None:
                tally.missing.append(f"training[{index}].completed")
            continue
        span = placed
        finished = span[1] is not None and span[1] <= as_of + ONE_DAY
        if entry.completed or (not params.completed_program and finished):
            tally.done.append(span)
        elif entry.completed is None and finished:
            tally.missing.append(f"training[{index}].completed")
        elif not finished:
            if span[1] is None:
                tally.missing.append(f"training[{index}].end")
            else:
                tally.coming.append(span)
    return tally


def training_years(params: v.TrainingYears, facts: Facts, ctx: Context) -> Outcome:
    if params.years is None:
        return _unpublished(message("training.years_unpublished", who=_who(ctx)))
    profile = facts.profile
    if not profile.said("training") or profile.training is None:
        return _unknown(message("training.not_listed"), "training", worst=_fail(ctx))
    need = {"need_years": params.years, "where": _WHERE[params.where]}
    required_days = round(params.years * 365)
    tally = _tally_training(params, profile.training, facts.as_of)
    done, coming, unplaced = tally.done, tally.coming, tally.unplaced_days
    have = covered_days(merge(done), date.min, date.max) + unplaced
    if have >= required_days:
        return Outcome(V.eligible, message("training.years_met", **need, have_days=have))
    if coming:
        total = covered_days(merge(done + coming), date.min, date.max) + unplaced
        if total >= required_days:
            ready = max(end for _, end in coming if end is not None)
            return Outcome(
                V.not_yet,
                message("training.years_when_program_ends", **need, total_days=total),
                eligible_from=ready,
            )
    if tally.missing:
        return _unknown(message("training.years_details_needed", **need), *tally.missing)
    return Outcome(_fail(ctx), message("training.years_short", **need, have_days=have))


def us_gme_years(params: v.UsGmeYears, facts: Facts, ctx: Context) -> Outcome:
    profile = facts.profile
    if profile.us_gme_years is not None:
        years = profile.us_gme_years
    elif profile.said("training") and profile.training is not None:
        years = facts.us_training_years
    else:
        return _unknown(message("gme.not_said"), "us_gme_years")
    have = message("gme.years", have_years=years) if years else message("gme.none")
    if params.max_years is not None and years > params.max_years:
        return Outcome(V.not_eligible, message("gme.too_many", max_years=params.max_years, have=have))
    if params.min_years is None:
        if params.max_years is None:
            return _unpublished(message("gme.years_unpublished", who=_who(ctx)))
        return Outcome(V.eligible, message("gme.at_most", max_years=params.max_years, have=have))
    need = params.min_years
    if years + 1e-9 >= params.min_years:
        return Outcome(V.eligible, message("gme.met", need_years=need, have=have))
    return Outcome(_fail(ctx), message("gme.short", need_years=need, have=have))


@dataclass(frozen=True, slots=True)
class _PracticeRule:
    """Years of practice a rule asks for, counted within ``window`` years before each day (None: in
    all), and whether a list of practice periods meets it on a given day."""

    years: float
    window: float | None

    def have_on(self, day: date, spans: list[Interval]) -> int:
        low = years_before(day, self.window) if self.window else date.min
        return covered_days(spans, low, day)

    def days_needed(self, day: date) -> int:
        return (day - years_before(day, self.years)).days

    def holds(self, day: date, spans: list[Interval]) -> bool:
        return self.have_on(day, spans) >= self.days_needed(day)


def _practice_asked(params: v.PracticeYears) -> Message:
    """What the rule asks, as the sentences about practice quote it."""
    where = _WHERE[params.where]
    after = message("phrase.after_residency") if params.after_training else _NOTHING
    window = params.window_years
    if window == params.years:
        return message("practice.need.throughout", need_years=params.years, where=where, after=after)
    if window:
        return message(
            "practice.need.within", need_years=params.years, where=where, after=after, window_years=window
        )
    return message("practice.need.total", need_years=params.years, where=where, after=after)


def _practice_ends(spans: list[Interval]) -> tuple[bool, date | None]:
    """Whether some practice goes on, and otherwise the day the last period ended (None: no period)."""
    ends = [end for _, end in spans]
    ongoing = any(end is None for end in ends)
    return ongoing, None if ongoing or not ends else max(e for e in ends if e is not None)


def _practice_met(
    rule: _PracticeRule, spans: list[Interval], as_of: date, ask: Message, have: int
) -> Outcome:
    """Practice enough today: for good, or, within a window, until the last day it still holds."""
    ongoing, last_end = _practice_ends(spans)
    if rule.window is None or ongoing:
        return Outcome(V.eligible, message("practice.met", need=ask, have_days=have))
    assert last_end is not None
    low = max(as_of, last_end)
    until = last_day_holding(
        low, years_after(last_end, rule.window) + ONE_DAY, lambda d: rule.holds(d, spans)
    )
    until = until or as_of
    return Outcome(
        V.eligible,
        message("practice.met_until", need=ask, have_days=have, until=until),
        eligible_until=until,
    )


def _practice_reached_on(rule: _PracticeRule, spans: list[Interval], as_of: date) -> date | None:
    """The day practice still going on (or dated to end later) will be enough; None: not by then."""
    ongoing, last_end = _practice_ends(spans)
    if not ongoing and (last_end is None or last_end <= as_of):
        return None
    horizon = years_after(as_of, rule.years) + ONE_DAY
    if last_end is not None:
        horizon = min(horizon, last_end)
    return first_day_holding(as_of, horizon, lambda d: rule.holds(d, spans))


def practice_years(params: v.PracticeYears, facts: Facts, ctx: Context) -> Outcome:
    if params.years is None:
        return _unpublished(message("practice.years_unpublished", who=_who(ctx)))
    profile = facts.profile
    if not profile.said("practice") or profile.practice is None:
        return _unknown(message("practice.not_listed"), "practice", worst=_fail(ctx))
    spans = facts.practice[params.where]
    if params.after_training:
        start = facts.last_training_end
        if start is None:
            return _unknown(message("practice.residency_end_needed"), "training")
        spans = clip(spans, low=start)
    as_of = facts.as_of
    rule = _PracticeRule(params.years, params.window_years)
    so_far = clip(spans, high=as_of)
    have = rule.have_on(as_of, so_far)
    unplaced_days, unplaced_at = facts.unplaced_practice[params.where]
    if unplaced_at and not rule.holds(as_of, so_far):
        # periods known only by their length count toward a total, never toward a window or "after
        # residency": those need the months
        if rule.window is not None or params.after_training:
            counted = (
                message("practice.months_needed.window", window_years=rule.window)
                if rule.window
                else message("practice.months_needed.after_residency")
            )
            return _unknown(counted, *(f"practice[{i}].start" for i in unplaced_at))
        have += unplaced_days
        if have >= rule.days_needed(as_of):
            return Outcome(V.eligible, message("practice.total_met", need_years=params.years, have_days=have))
    ask = _practice_asked(params)
    if rule.holds(as_of, so_far):
        return _practice_met(rule, spans, as_of, ask, have)
    ready = _practice_reached_on(rule, spans, as_of)
    if ready is not None:
        return Outcome(
            V.not_yet,
            message("practice.reached_on", need=ask, have_days=have, ready=ready),
            eligible_from=ready,
        )
    return Outcome(_fail(ctx), message("practice.short", need=ask, have_days=have))


# --- licenses, discipline, employment, status ---------------------------------------------------


def license_in_good_standing(params: v.LicenseInGoodStanding, facts: Facts, ctx: Context) -> Outcome:
    profile = facts.profile
    if not profile.said("licenses") or profile.licenses is None:
        return _unknown(message("license.not_listed"), "licenses", worst=_fail(ctx))
    where = _WHERE[params.where]
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
            return Outcome(V.eligible, message("license.active", jurisdiction=lic.jurisdiction))
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
            message("license.lapsed_counts", where=where, until=best_until),
            eligible_until=best_until,
        )
    return _no_license_in_good_standing(params, ctx, where, missing)


def _no_license_in_good_standing(
    params: v.LicenseInGoodStanding, ctx: Context, where: Message, missing: list[str]
) -> Outcome:
    """No license that counts: unknown while a license's details are missing, else the failure."""
    if missing:
        return _unknown(message("license.details_needed", where=where), *missing)
    if params.lapsed_within_years:
        return Outcome(
            _fail(ctx),
            message(
                "license.none_active.lapsed_window", where=where, lapsed_years=params.lapsed_within_years
            ),
        )
    return Outcome(_fail(ctx), message("license.none_active", where=where))


def no_discipline(params: v.NoDiscipline, facts: Facts, ctx: Context) -> Outcome:
    profile = facts.profile
    if not profile.said("licenses") or profile.licenses is None:
        return _unknown(message("discipline.licenses_not_listed"), "licenses")
    flagged = [lic.jurisdiction for lic in profile.licenses if lic.discipline]
    if flagged:
        return Outcome(V.not_eligible, message("discipline.found", jurisdictions=flagged))
    missing = [
        f"licenses[{i}].discipline" for i, lic in enumerate(profile.licenses) if lic.discipline is None
    ]
    if missing:
        return _unknown(message("discipline.not_said"), *missing)
    return Outcome(V.eligible, message("discipline.none"))


def job_offer(params: v.JobOffer, facts: Facts, ctx: Context) -> Outcome:
    profile = facts.profile
    state = params.state or ctx.state
    place = message("place.us") if state in (None, "any") else recurring("place.state", state=state)
    if not profile.said("job_offer"):
        return _unknown(recurring("job.not_said", place=place), "job_offer", worst=_fail(ctx))
    offer = profile.job_offer
    if offer is None:
        return Outcome(_fail(ctx), recurring("job.none", place=place))
    if state not in (None, "any") and offer.state != state:
        return Outcome(_fail(ctx), recurring("job.other_state", place=place, offer_state=offer.state))
    area = _shortage_area(params, offer, facts, place)
    problems, missing = _offer_problems(params, offer, area)
    if problems:
        return Outcome(_fail(ctx), message("job.does_not_qualify", place=place, problems=problems))
    if missing:
        if area.open is not None and missing == ["job_offer.shortage_area"]:
            return _unknown(area.open, *missing, worst=_fail(ctx))
        return _unknown(message("job.details_needed", place=place), *missing, worst=_fail(ctx))
    return Outcome(V.eligible, area.held or message("job.qualifies", place=place))


@dataclass(frozen=True)
class _ShortageArea:
    """The offer's shortage-area answer: the profile's flag, or derived from its county."""

    value: bool | None
    held: Message | None = None
    """The reason when the offer qualifies and the answer needs telling (derived, or said over a county)."""
    failed: Message | None = None
    """The problem when the county lies in no shortage area (derived)."""
    open: Message | None = None
    """Why the county could not answer (part of it designated, or not in the files at hand)."""


def _source_phrase(source: Source) -> Message:
    """The file an answer is drawn from, as the explanation names it (demo data says so)."""
    key = "areas.source.demo" if source.demo else "areas.source"
    return message(key, title=source.title, file=source.file, created=source.record_created)


def _shortage_area(params: v.JobOffer, offer: JobOffer, facts: Facts, place: Message) -> _ShortageArea:
    """An explicit ``shortage_area`` wins; else a county with a law that names HRSA's designations
    answers from them on the evaluation date."""
    derivable = params.shortage_area and offer.county is not None and params.hrsa_designations
    if offer.shortage_area is not None or not derivable:
        said = offer.shortage_area and derivable
        held = message("job.qualifies.shortage_said", place=place, county=offer.county) if said else None
        return _ShortageArea(offer.shortage_area, held=held)
    county = cast(str, offer.county)
    found = facts.shortage_coverage(county, params.hrsa_designations or ())
    if found.source is None:
        return _ShortageArea(None, open=message("job.shortage_area.no_table", place=place, county=county))
    source = _source_phrase(found.source)
    named = {"place": place, "county": county, "date": facts.as_of, "source": source}
    if found.covered is True and found.designation is not None:
        designation = {"name": found.designation.name, "designated": found.designation.designated}
        return _ShortageArea(True, held=message("job.qualifies.shortage_derived", **named, **designation))
    if found.covered is False:
        return _ShortageArea(False, failed=message("job.problem.shortage_area.derived", **named))
    if found.designation is not None:
        partly = message("job.shortage_area.partly", **named, name=found.designation.name)
        return _ShortageArea(None, open=partly)
    return _ShortageArea(None, open=message("job.shortage_area.not_listed", **named))


def _offer_problems(
    params: v.JobOffer, offer: JobOffer, area: _ShortageArea
) -> tuple[list[Message], list[str]]:
    """Why a job offer does not qualify, one message each, and the fields the rule needs but the
    profile does not give."""
    problems: list[Message] = []
    missing: list[str] = []
    if params.employer_types:
        if offer.employer_type is None:
            missing.append("job_offer.employer_type")
        elif offer.employer_type.value not in params.employer_types:
            problems.append(
                message(
                    "job.problem.employer_type",
                    allowed=params.employer_types,
                    allowed_names=[EMPLOYER_NAMES.get(t, t) for t in params.employer_types],
                    yours=offer.employer_type.value,
                    yours_name=EMPLOYER_NAMES[offer.employer_type.value],
                )
            )
    for flag in OFFER_FLAGS:  # each has a job.problem.<flag> message
        if getattr(params, flag):
            value = area.value if flag == "shortage_area" else getattr(offer, flag)
            if value is None:
                missing.append(f"job_offer.{flag}")
            elif not value:
                problems.append(
                    area.failed if flag == "shortage_area" and area.failed else message(f"job.problem.{flag}")
                )
    return problems, missing


def work_authorization(params: v.WorkAuthorization, facts: Facts, ctx: Context) -> Outcome:
    immigration = facts.profile.immigration
    if immigration is None or immigration.work_authorized is None:
        return _unknown(message("work.not_said"), "immigration.work_authorized", worst=_fail(ctx))
    if immigration.work_authorized:
        return Outcome(V.eligible, message("work.authorized"))
    return Outcome(_fail(ctx), message("work.not_authorized"))


def immigration_status(params: v.ImmigrationStatusIn, facts: Facts, ctx: Context) -> Outcome:
    immigration = facts.profile.immigration
    if immigration is None or immigration.status is None:
        return _unknown(message("immigration.not_said"), "immigration.status", worst=_fail(ctx))
    status = immigration.status.value
    yours = {"status": status, "status_name": STATUS_NAMES[status]}
    if status in params.statuses:
        return Outcome(V.eligible, message("immigration.qualifies", **yours))
    wanted = {"wanted": params.statuses, "wanted_names": [STATUS_NAMES.get(s, s) for s in params.statuses]}
    return Outcome(_fail(ctx), message("immigration.not_among", **wanted, **yours))


def medical_school(params: v.MedicalSchool, facts: Facts, ctx: Context) -> Outcome:
    school = facts.profile.medical_school
    if school is None:
        return _unknown(message("school.not_described"), "medical_school")
    if params.outside_us and is_us(school.country):
        return Outcome(V.not_eligible, message("school.us_graduate"))
    if school.country in params.excluded_countries:
        return Outcome(
            V.not_eligible,
            message("school.excluded_country", excluded=params.excluded_countries, country=school.country),
        )
    cited: dict[str, str] = {}
    if params.listed_in_wdoms:
        inference = facts.inferred(Implied.listed_in_wdoms) if school.listed_in_wdoms is None else None
        if inference is not None:
            cited["cited"] = _cited(inference)
        elif school.listed_in_wdoms is None:
            return _unknown(message("school.wdoms_not_said"), "medical_school.listed_in_wdoms")
        elif not school.listed_in_wdoms:
            return Outcome(V.not_eligible, message("school.not_in_wdoms"))
    shown = ".wdoms_inferred" if cited else ""
    if params.graduated_within_years is not None:
        if school.graduated is None:
            return _unknown(message("school.graduation_not_said"), "medical_school.graduated")
        until = years_after(school.graduated.last_day, params.graduated_within_years)
        limit = params.graduated_within_years
        if until < facts.as_of:
            return Outcome(
                V.not_eligible,
                message("school.graduated_too_long_ago", limit_years=limit, graduated=school.graduated),
            )
        return Outcome(
            V.eligible,
            message(
                f"school.graduated_within{shown}", graduated=school.graduated, limit_years=limit, **cited
            ),
            eligible_until=until,
        )
    return Outcome(V.eligible, message(f"school.qualifies{shown}", **cited))


def _who(ctx: Context) -> str:
    return ctx.authority or ("the board" if ctx.state else "the agency or sponsor")


def residence(params: v.Residence, facts: Facts, ctx: Context) -> Outcome:
    state = params.state or ctx.state or ""
    need = (
        message("residence.need.years", min_years=params.min_years)
        if params.min_years
        else message("residence.need.on_application")
    )
    if not facts.profile.said("residence"):
        return _unknown(message("residence.not_said", state=state, need=need), "residence", worst=_fail(ctx))
    home = facts.profile.residence
    if home is None or home.state != state:
        where = message("place.outside_us") if home is None else message("place.state", state=home.state)
        return Outcome(_fail(ctx), message("residence.elsewhere", state=state, need=need, home=where))
    if params.min_years is None:
        return Outcome(V.eligible, message("residence.lives_there", state=state))
    if home.since is None:
        return _unknown(message("residence.since_not_said", state=state, need=need), "residence.since")
    ready = years_after(home.since.first_day, params.min_years)
    if ready <= facts.as_of:
        return Outcome(V.eligible, message("residence.met", state=state, since=home.since, need=need))
    return Outcome(
        V.not_yet, message("residence.reached_on", state=state, need=need, ready=ready), eligible_from=ready
    )


def english_proficiency(params: v.EnglishProficiency, facts: Facts, ctx: Context) -> Outcome:
    tests = {"tests": params.tests, "tests_names": [_exam_name(facts, test) for test in params.tests]}
    if params.ecfmg_counts:
        inference = facts.inferred(Implied.english_proficiency)
        if inference is not None:
            return Outcome(V.eligible, message("english.ecfmg_shows", cited=_cited(inference)))
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
            return Outcome(
                V.eligible, message("english.passed", exam=test, exam_name=_exam_name(facts, test))
            )
    if missing:
        return _unknown(message("english.not_said", **tests), *missing, worst=_fail(ctx))
    return Outcome(_fail(ctx), message("english.not_passed", **tests))


def _program_asked_for(params: v.TrainingCompleted, entry: Training) -> bool | None:
    """Whether a training program is of the place, kind and specialty the rule names (None: the rule
    names specialties and the profile does not give this program's)."""
    if not matches(entry.country, params.where) or entry.kind.value not in params.kinds:
        return False
    if params.specialties is None:
        return True
    if entry.specialty is None:
        return None
    return entry.specialty in params.specialties


def training_completed(params: v.TrainingCompleted, facts: Facts, ctx: Context) -> Outcome:
    profile = facts.profile
    if not profile.said("training") or profile.training is None:
        return _unknown(message("training.not_listed"), "training", worst=_fail(ctx))
    missing: list[str] = []
    which = (
        message(
            "training.in_specialties",
            specialties=params.specialties,
            specialties_names=[s.replace("_", " ") for s in params.specialties],
        )
        if params.specialties
        else _NOTHING
    )
    recent = (
        message("training.ended_within", ended_years=params.ended_within_years)
        if params.ended_within_years
        else _NOTHING
    )
    program = {"where": _WHERE[params.where], "which": which}
    for index, entry in enumerate(profile.training):
        asked = _program_asked_for(params, entry)
        if asked is None:
            missing.append(f"training[{index}].specialty")
            continue
        if not asked:
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
                message("training.completed_until", **program, recent=recent, until=until),
                eligible_until=until,
            )
        if entry.completed:
            return Outcome(V.eligible, message("training.completed", **program))
        if entry.completed is None:
            missing.append(f"training[{index}].completed")
    if missing:
        return _unknown(
            message("training.program_details_needed", **program, recent=recent), *missing, worst=_fail(ctx)
        )
    return Outcome(_fail(ctx), message("training.program_none", **program, recent=recent))


def holds_credential(params: v.HoldsCredential, facts: Facts, ctx: Context) -> Outcome:
    credential = params.credential
    what = {"credential": credential, "requirement": ctx.summary.rstrip(".") or credential.replace("_", " ")}
    held = facts.profile.credentials
    if held is None or credential not in held:
        return _unknown(
            recurring("credential.not_said", **what), f"credentials.{credential}", worst=_fail(ctx)
        )
    value = held[credential]
    if value is None or value is False:
        return Outcome(_fail(ctx), recurring("credential.not_held", **what))
    if value is not True and value.first_day > facts.as_of:
        return Outcome(
            V.not_yet, message("credential.dated", **what, dated=value), eligible_from=value.first_day
        )
    return Outcome(V.eligible, recurring("credential.held", **what))


# --- a listing's own conditions: nationality, membership, scores --------------------------------


def citizenship(params: v.Citizenship, facts: Facts, ctx: Context) -> Outcome:
    """A nationality rule: one citizenship among those excluded bars, whatever else the person holds."""
    profile = facts.profile
    if not profile.said("citizenship") or not profile.citizenship:
        return _unknown(message("citizenship.not_said"), "citizenship")
    held = sorted(set(profile.citizenship))
    barred = sorted(set(held) & set(params.excluded or ()))
    if barred:
        return Outcome(V.not_eligible, message("citizenship.excluded", excluded=barred, held=held))
    if params.only is not None and not set(held) & set(params.only):
        return Outcome(V.not_eligible, message("citizenship.not_among", only=params.only, held=held))
    return Outcome(V.eligible, message("citizenship.qualifies", held=held))


def membership(params: v.Membership, facts: Facts, ctx: Context) -> Outcome:
    """Open to an organisation's members: the profile lists the person's memberships (all of them)."""
    what = {
        "organisation": params.organisation,
        "requirement": ctx.summary.rstrip(".") or params.organisation,
    }
    held = facts.profile.memberships
    if held is None:
        return _unknown(recurring("membership.not_said", **what), "memberships", worst=_fail(ctx))
    if params.organisation in held:
        return Outcome(V.eligible, recurring("membership.member", **what))
    return Outcome(_fail(ctx), recurring("membership.not_member", **what))


def scores_at_least(params: v.ScoresAtLeast, facts: Facts, ctx: Context) -> Outcome:
    """A floor on every score the person has: an exam not taken does not count against it, a score
    not given leaves it open, one score under the floor bars (a score stays on the transcript)."""
    asked_names = {exam: _exam_name(facts, exam) for exam in params.exams}
    asked = {"min_score": params.min_score, "exams": params.exams, "exams_names": list(asked_names.values())}
    scores: list[int] = []
    missing: list[str] = []
    for exam in params.exams:
        said, result = _exam(facts, exam)
        if not said:
            missing.append(f"exams.{exam}")
        elif result is None or (result.passed is None and not result.attempts and result.score is None):
            continue  # not taken
        elif result.score is None:
            missing.append(f"exams.{exam}.score")
        elif result.score < params.min_score:
            low = {"exam": exam, "exam_name": asked_names[exam], "score": result.score}
            return Outcome(V.not_eligible, message("scores.too_low", **asked, **low))
        else:
            scores.append(result.score)
    if missing:
        return _unknown(message("scores.not_said", **asked), *missing)
    if not scores:
        return Outcome(V.eligible, message("scores.none_taken", **asked))
    return Outcome(V.eligible, message("scores.met", **asked, lowest=min(scores)))


def unverified_requirement(params: v.UnverifiedRequirement, facts: Facts, ctx: Context) -> Outcome:
    if not ctx.summary.rstrip("."):
        return _unpublished(recurring("requirement.unverified.unnamed", who=_who(ctx)))
    return _unpublished(
        recurring("requirement.unverified", requirement=ctx.summary.rstrip("."), who=_who(ctx))
    )


Evaluator = Callable[[Any, Facts, Context], Outcome]

EVALUATORS: dict[v.CriterionType, Evaluator] = {
    v.CriterionType(name): cast(Evaluator, globals()[name]) for name in v.CriterionType.__members__
}
