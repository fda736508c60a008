"""The English template of every message, by key: the text the CLI prints and the gettext msgid.

One entry per key, each a whole sentence (or, for the few keys marked as phrases, the phrase a
sentence names) with named placeholders, so that a translation may put the values in any order.
A placeholder's format says how its value is written: ``:span`` a number of days as years and
months, ``:years`` a number of years, ``:list``/``:or``/``:semi``/``:sentences`` a list joined.
Keys are public (the JSON carries them as ``reason_key``): add keys, never rename one.
"""

from __future__ import annotations

ENGLISH: dict[str, str] = {
    # --- how values are written (phrases used by the formats) -----------------------------------
    "duration.year": "{count} year",
    "duration.years": "{count} years",
    "duration.month": "{count} month",
    "duration.months": "{count} months",
    "duration.years_months": "{years} {months}",
    "join.list": ", ",
    "join.or": " or ",
    "join.semi": "; ",
    "join.sentences": " ",
    # --- phrases that sentences name ----------------------------------------------------------------
    "phrase.none": "",
    "phrase.after_residency": " after residency",
    "where.abroad": " outside the US",
    "where.us": " in the US",
    "where.any": "",
    "place.us": "in the US",
    "place.state": "in {state}",
    "per.total": "in all",
    "per.week": "a week",
    "per.month": "a month",
    "per.rotation": "a rotation",
    "per.day": "a day",
    "per.year": "a year",
    "place.outside_us": "outside the US",
    "when.on": "on {date}",
    "when.by": "by {date}",
    "when.first_seen": "before {date} (first seen)",
    "when.unknown": "on a date not known",
    "since.on": "since {date}",
    "since.by": "by {date}",
    "since.first_seen": "since before {date} (first seen)",
    "since.unknown": "since a date not known",
    # --- the route and its groups -----------------------------------------------------------------
    "route.all_hold": "Every criterion holds.",
    "route.not_for": "Not needed by a {status_name}: {reason}",
    "route.closes_before_opening": "{reason} That is before the route opens to you on {opens}.",
    "group.all_hold": "Every part holds.",
    "requirements.all_hold": "You meet every requirement it states.",
    "group.excluded": "This route excludes doctors who meet this, and you do: {requirement}.",
    "group.exclusion_open": (
        "This route excludes doctors who meet this, and whether you do is open: {requirement}. {reason}"
    ),
    "group.not_excluded": "You are not excluded, since this does not describe you: {requirement}.",
    "headline": "{parts:sentences}",
    "headline.eligible": "You meet every requirement on this date.",
    "headline.published_met": "You meet every published requirement.",
    "headline.published_met.beyond_steps": "Beyond these steps, you meet every published requirement.",
    "headline.not_yet_known": "Not yet known (ask {who:list}): {requirements:semi}.",
    # --- the law in force -------------------------------------------------------------------------
    "status.before_first_seen": (
        "The rulebook knows this route only from {first_seen}, the date of the oldest source read; an "
        "earlier date is not judged."
    ),
    "status.repealed": "This route ended {when}.",
    "status.repealed.replaced": "This route ended {when}; replaced by {successor}.",
    "status.may_have_ended": "In force {when}, but it may already have ended, on a date not known.",
    "status.may_have_ended.note": (
        "In force {when}, but it may already have ended, on a date not known ({note})."
    ),
    "status.applications_not_seen": (
        "In force {when}; the board has not been seen accepting applications yet."
    ),
    "status.applications_open_on": "In force {when}; applications open on {opens}.",
    "status.in_force": "The law is in force {since}.",
    "status.in_force.note": "The law is in force {since} ({note}).",
    "status.in_force.ends": "The law is in force {since}; it ends on {ends}.",
    "status.in_force.note.ends": "The law is in force {since} ({note}); it ends on {ends}.",
    "status.accepting": "The law is accepting applications {since}.",
    "status.accepting.note": "The law is accepting applications {since} ({note}).",
    "status.accepting.ends": "The law is accepting applications {since}; it ends on {ends}.",
    "status.accepting.note.ends": "The law is accepting applications {since} ({note}); it ends on {ends}.",
    "status.bill": "A bill, not yet law.",
    "status.enacted": "Enacted {when}",
    "status.not_enacted": "Not yet enacted on {day}",
    "status.in_force_from": "{enacted}; in force from {opens}.",
    "status.in_force_from.not_accepting": (
        "{enacted}; in force from {opens}; the board has not been seen accepting applications yet."
    ),
    "status.in_force_from.accepting_from": (
        "{enacted}; in force from {opens}, accepting applications from {accepting}."
    ),
    "status.effective_date_unknown": "{enacted}; the date it takes effect is not known.",
    "status.effective_date_unknown.note": "{enacted}; the date it takes effect is not known ({note}).",
    # --- ECFMG certification ----------------------------------------------------------------------
    "ecfmg.not_said": "You have not said whether you hold ECFMG certification.",
    "ecfmg.held": "You hold ECFMG certification.",
    "ecfmg.not_held": "You do not hold ECFMG certification yet.",
    "ecfmg.held_since": "You hold ECFMG certification since {since}.",
    "ecfmg.dated": "Your ECFMG certificate is dated {dated}.",
    # --- one exam -----------------------------------------------------------------------------------
    "exam.not_said": "You have not said whether you passed {exam_name}.",
    "exam.attempts_used": "{exam_name} allows {limit} attempts; you have used {attempts} without passing.",
    "exam.graduation_deadline_passed": (
        "{exam_name} had to be passed by {deadline}, {within_years:years} after graduating; that day has "
        "passed."
    ),
    "exam.not_passed": "You have not passed {exam_name} yet.",
    "exam.not_passed.attempts_left": "You have not passed {exam_name} yet ({left} attempts left).",
    "exam.not_passed.deadline": "You have not passed {exam_name} yet. Pass it by {deadline}.",
    "exam.not_passed.attempts_left.deadline": (
        "You have not passed {exam_name} yet ({left} attempts left). Pass it by {deadline}."
    ),
    "exam.attempts_not_said": (
        "{exam_name} must be passed within {limit} attempts; you have not said how many you took."
    ),
    "exam.attempts_not_said.inferred": (
        "{exam_name} must be passed within {limit} attempts; you have not said how many you took. ({cited}.)"
    ),
    "exam.too_many_attempts": "{exam_name} must be passed within {limit} attempts; you took {attempts}.",
    "exam.score_too_low": "{exam_name} needs a score of at least {min_score}; yours is {score}.",
    "exam.score_not_given": "{exam_name} needs a score of at least {min_score}; you have not given yours.",
    "exam.pass_date_needed": (
        "You passed {exam_name}, but the date of the pass decides this; give it (YYYY-MM)."
    ),
    "exam.pass_date_needed.inferred": (
        "You passed {exam_name}, but the date of the pass decides this; give it (YYYY-MM). ({cited}.)"
    ),
    "exam.passed": "You passed {exam_name}.",
    "exam.passed.inferred": "You passed {exam_name}. ({cited}.)",
    "exam.pass_dated": "Your {exam_name} pass is dated {dated}.",
    "exam.graduation_not_said": (
        "{exam_name} must be passed within {within_years:years} of graduating; you have not said when "
        "you graduated."
    ),
    "exam.passed_after_graduation_deadline": (
        "{exam_name} had to be passed by {deadline}, {within_years:years} after graduating; you passed on "
        "{passed}."
    ),
    "exam.pass_too_old": (
        "{exam_name} must have been passed within the last {within_years:years}; your pass on {passed} "
        "counted until {until}."
    ),
    "exam.passed_counts_until": "You passed {exam_name} on {passed}; it counts until {until}.",
    "exam.passed_on": "You passed {exam_name} on {passed}.",
    "exam.passed_on.attempts": "You passed {exam_name} on {passed} in {attempts} attempts.",
    "exam.passed_on.attempts.one": "You passed {exam_name} on {passed} in {attempts} attempt.",
    # --- several exams ------------------------------------------------------------------------------
    "exams.attempts_each_exceeded": (
        "Each exam allows {limit} attempts; you took {exam_name} {attempts} times."
    ),
    "exams.attempts_total_exceeded": "The exams allow {limit} attempts in all; you have taken {attempts}.",
    "exams.attempts_not_said": "The board limits exam attempts; you have not said how many you took.",
    "exams.attempts_within_limits": "You have taken {attempts} attempts in all, within the limits.",
    "exams.attempts_within_limits.one": "You have taken {attempts} attempt in all, within the limits.",
    "exams.time_limit_unpublished": (
        "The board has a time limit for passing the exams, but its length was not found; ask {who}."
    ),
    "exams.pass_dates_needed": (
        "All the exams must be passed within {limit_years:years} of the first; give the dates of your "
        "passes (YYYY-MM)."
    ),
    "exams.passes_not_said": (
        "The exams must all be passed within a time limit; you have not said which you passed."
    ),
    "exams.time_limit_not_started": (
        "The {limit_years:years} allowed to pass all the exams start with your first pass."
    ),
    "exams.all_within": "You passed all the exams within {limit_years:years} (from {first} to {last}).",
    "exams.all_too_late": (
        "All the exams had to be passed within {limit_years:years} of the first, by {deadline}; your last "
        "pass was on {last}."
    ),
    "exams.time_run_out": (
        "All the exams had to be passed within {limit_years:years} of your first pass ({first}), by "
        "{deadline}; that time has run out."
    ),
    "exams.time_run_out.retake": (
        "All the exams had to be passed within {limit_years:years} of your first pass ({first}), by "
        "{deadline}; that time has run out. Once you meet every other requirement, a passed exam can be "
        "retaken to meet the limit."
    ),
    "exams.remaining_not_said": "Pass the remaining exams by {deadline}; you have not said which you passed.",
    "exams.time_limit_running": (
        "Your {limit_years:years} to pass all the exams run from {first}: pass the rest by {deadline}."
    ),
    # --- training -----------------------------------------------------------------------------------
    "training.years_unpublished": (
        "The law requires postgraduate training, but how many years was not found; ask {who}."
    ),
    "training.not_listed": "You have not listed your postgraduate training.",
    "training.years_met": (
        "Needs {need_years:years} of completed postgraduate training{where}; you have {have_days:span}."
    ),
    "training.years_when_program_ends": (
        "Needs {need_years:years} of completed postgraduate training{where}; you will have "
        "{total_days:span} when your current program ends."
    ),
    "training.years_details_needed": (
        "Needs {need_years:years} of completed postgraduate training{where}; say whether your training "
        "was completed and when it ends."
    ),
    "training.years_short": (
        "Needs {need_years:years} of completed postgraduate training{where}; you have {have_days:span}."
    ),
    "training.in_specialties": " in {specialties_names:list}",
    "training.ended_within": ", ended within the last {ended_years:years}",
    "training.completed_until": (
        "You completed a postgraduate training program{where}{which}{recent}; it counts until {until}."
    ),
    "training.completed": "You completed a postgraduate training program{where}{which}.",
    "training.program_details_needed": (
        "Needs a completed postgraduate training program{where}{which}{recent}; say whether yours was "
        "completed, when it ended and in which specialty."
    ),
    "training.program_none": (
        "Needs a completed postgraduate training program{where}{which}{recent}; you list none."
    ),
    # --- US residency (GME) -------------------------------------------------------------------------
    "gme.not_said": "You have not said how many years of US residency (GME) you have completed.",
    "gme.years": "{have_years:years}",
    "gme.none": "none",
    "gme.too_many": "Open only to doctors with at most {max_years:years} of US residency; you have {have}.",
    "gme.years_unpublished": "The board requires US residency, but how many years was not found; ask {who}.",
    "gme.at_most": "Open to doctors with at most {max_years:years} of US residency; you have {have}.",
    "gme.met": "Needs {need_years:years} of accredited US residency; you have {have}.",
    "gme.short": "Needs {need_years:years} of accredited US residency; you have {have}.",
    # --- practice -----------------------------------------------------------------------------------
    "practice.years_unpublished": (
        "The law requires years of practice, but how many was not found; ask {who}."
    ),
    "practice.not_listed": "You have not listed your practice as a licensed physician.",
    "practice.residency_end_needed": (
        "Only practice after completing residency counts; you have not listed a completed residency with "
        "its end date."
    ),
    "practice.total_met": "Needs {need_years:years} of practice; you have {have_days:span}.",
    "practice.months_needed.window": (
        "Only practice within the last {window_years:years} counts; give the months of the periods you "
        "gave only as a number of years."
    ),
    "practice.months_needed.after_residency": (
        "Only practice after residency counts; give the months of the periods you gave only as a number "
        "of years."
    ),
    "practice.need.throughout": "Needs practice{where}{after} throughout the last {need_years:years}",
    "practice.need.within": (
        "Needs {need_years:years} of practice{where}{after} within the last {window_years:years}"
    ),
    "practice.need.total": "Needs {need_years:years} of practice{where}{after}",
    "practice.met": "{need}; you have {have_days:span}.",
    "practice.met_until": (
        "{need}; you have {have_days:span}; if you do not practise again, this holds until {until}."
    ),
    "practice.reached_on": "{need}; you have {have_days:span} and, practising on, reach it on {ready}.",
    "practice.short": "{need}; you have {have_days:span}.",
    # --- licenses and discipline --------------------------------------------------------------------
    "license.not_listed": "You have not listed your medical licenses.",
    "license.active": "Your license in {jurisdiction} is active and in good standing.",
    "license.lapsed_counts": "Your lapsed license{where} still counts, until {until}.",
    "license.details_needed": (
        "Needs a license{where} in good standing; say whether yours carries any discipline and when it "
        "lapsed."
    ),
    "license.none_active": "Needs an active license{where} in good standing; none of yours is.",
    "license.none_active.lapsed_window": (
        "Needs an active license{where} in good standing, or lapsed within the last {lapsed_years:years}; "
        "none of yours is."
    ),
    "discipline.licenses_not_listed": "You have not listed your medical licenses and any discipline on them.",
    "discipline.found": "Your license in {jurisdictions:list} carries disciplinary action.",
    "discipline.not_said": "Say whether any of your licenses carries disciplinary action.",
    "discipline.none": "None of your licenses carries disciplinary action.",
    # --- the job offer ------------------------------------------------------------------------------
    "job.not_said": "You have not said whether you hold a job offer {place}.",
    "job.none": "Needs a job offer as a physician {place}; you have none yet.",
    "job.other_state": "Needs a job offer {place}; yours is in {offer_state}.",
    "job.does_not_qualify": "Your offer {place} does not qualify: {problems:semi}.",
    "job.details_needed": "Your offer {place} may qualify; say more about it.",
    "job.qualifies": "Your job offer {place} qualifies.",
    "job.problem.employer_type": "the employer must be one of: {allowed_names:list} (yours: {yours_name})",
    "job.problem.full_time": "the job must be full-time",
    "job.problem.shortage_area": "the job must be in a shortage area",
    "job.problem.acgme_sponsor": "the job must be with an employer that runs accredited residency programs",
    "job.problem.assessment_program": (
        "the job must be with an employer that runs an assessment program for physicians licensed abroad"
    ),
    "job.problem.public_or_nonprofit": "the job must be with a public agency or a non-profit employer",
    "job.problem.state_program": "the job must be with an employer taking part in the state's program",
    "job.problem.appalachian_region": "the job must be at a site in the Appalachian region",
    "job.problem.delta_region": "the job must be at a site in the Delta Regional Authority's area",
    "job.problem.shortage_area.derived": (
        "the job must be in a shortage area, and no designation covers county {county} on {date} "
        "(derived from the county and {source})"
    ),
    # --- shortage areas derived from a job offer's county (HRSA's files) ----------------------------
    "areas.source": "the {title}, {file}, data warehouse record create date {created}",
    "areas.source.demo": (
        "demo data ({file}, generated for tests and demos; not HRSA data; record create date {created})"
    ),
    "job.qualifies.shortage_derived": (
        "Your job offer {place} qualifies: its county {county} lies in a shortage area ({name}, designated "
        "{designated}) on {date}, derived from the county and {source}."
    ),
    "job.qualifies.shortage_said": (
        "Your job offer {place} qualifies; its shortage area is as you said (your answer is used, not "
        "county {county}'s designations)."
    ),
    "job.shortage_area.partly": (
        "Your offer {place} may qualify: part of county {county} lies in a shortage area ({name}) on {date} "
        "according to {source}, so it depends on the job's address; say whether the job is in a shortage "
        "area."
    ),
    "job.shortage_area.not_listed": (
        "Your offer {place} may qualify: {source} does not list county {county} on {date} and is not the "
        "whole national file; say whether the job is in a shortage area."
    ),
    "job.shortage_area.no_table": (
        "Your offer {place} may qualify: no shortage-area file is at hand to look up county {county}; "
        "say whether the job is in a shortage area."
    ),
    # --- immigration --------------------------------------------------------------------------------
    "work.not_said": "You have not said whether you are authorized to work in the US.",
    "work.authorized": "You are authorized to work in the US.",
    "work.not_authorized": "Needs US work authorization; you do not have it yet.",
    "immigration.not_said": "You have not said what your immigration status is.",
    "immigration.qualifies": "Your status ({status_name}) qualifies.",
    "immigration.not_among": "Needs one of these statuses: {wanted_names:list}; yours is {status_name}.",
    # --- medical school -----------------------------------------------------------------------------
    "school.not_described": "You have not described your medical school.",
    "school.us_graduate": "Open to graduates of schools outside the US.",
    "school.excluded_country": (
        "Graduates of schools in {excluded:list} do not count; your school is in {country}."
    ),
    "school.wdoms_not_said": (
        "Your school must be listed in the World Directory of Medical Schools; say whether it is."
    ),
    "school.not_in_wdoms": "Your school is not listed in the World Directory of Medical Schools.",
    "school.graduation_not_said": "You have not said when you graduated.",
    "school.graduated_too_long_ago": (
        "Open to doctors who graduated within the last {limit_years:years}; you graduated in {graduated}."
    ),
    "school.graduated_within": "You graduated in {graduated}, within {limit_years:years}.",
    "school.graduated_within.wdoms_inferred": (
        "You graduated in {graduated}, within {limit_years:years}. Your ECFMG certificate shows it is "
        "listed in the World Directory of Medical Schools ({cited})."
    ),
    "school.qualifies": "Your medical school qualifies.",
    "school.qualifies.wdoms_inferred": (
        "Your medical school qualifies. Your ECFMG certificate shows it is listed in the World Directory "
        "of Medical Schools ({cited})."
    ),
    # --- residence ----------------------------------------------------------------------------------
    "residence.need.years": "at least {min_years:years}",
    "residence.need.on_application": "on the day you apply",
    "residence.not_said": "Needs residence in {state} {need}; you have not said where you live.",
    "residence.elsewhere": "Needs residence in {state} {need}; you live {home}.",
    "residence.lives_there": "You live in {state}.",
    "residence.since_not_said": "Needs residence in {state} for {need}; say since when you have lived there.",
    "residence.met": "You have lived in {state} since {since}, {need}.",
    "residence.reached_on": "Needs residence in {state} for {need}; you reach it on {ready}.",
    # --- English ------------------------------------------------------------------------------------
    "english.ecfmg_shows": "Your ECFMG certificate shows it ({cited}).",
    "english.passed": "You passed {exam_name}, which shows English proficiency.",
    "english.not_said": "Needs proof of English: {tests_names:or}; you have not said whether you passed.",
    "english.not_passed": "Needs proof of English: {tests_names:or}; you have not passed one yet.",
    # --- credentials and unverified requirements ----------------------------------------------------
    "credential.not_said": "{requirement}: you have not said.",
    "credential.not_held": "{requirement}: you do not hold this yet.",
    "credential.dated": "{requirement}: yours is dated {dated}.",
    "credential.held": "{requirement}: you hold it.",
    "requirement.unverified": (
        "Not yet known: {requirement}. The rulebook has not found its details; ask {who}."
    ),
    "requirement.unverified.unnamed": (
        "Not yet known: A requirement of the law. The rulebook has not found its details; ask {who}."
    ),
    # --- a listing's own conditions -----------------------------------------------------------------
    "citizenship.not_said": "This depends on your citizenship, which you have not given.",
    "citizenship.excluded": "Not open to citizens of {excluded:list}; you are a citizen of {held:list}.",
    "citizenship.not_among": "Open only to citizens of {only:list}; you are a citizen of {held:list}.",
    "citizenship.qualifies": "Your citizenship ({held:list}) qualifies.",
    "find.why.eligible": "You meet every requirement the listing states.",
    "find.why.not_yet": "You will meet its requirements, or it will open, on a later date.",
    "find.why.unknown": (
        "Some of its requirements depend on facts you have not given, or the source leaves open."
    ),
    "find.why.needs_steps": "You can meet its requirements by taking steps.",
    "find.why.not_eligible": "A requirement or the listing's own dates rule it out for you.",
    "find.why.preferred_state": "It is in {state}, one of the states you prefer.",
    "find.why.specialty": "It is in one of your specialties.",
    "find.why.stale": "Nobody has verified it since {last_verified}: check with the host.",
    "find.why.demo": "An illustrative listing (demo), not a real one.",
    "fit.status.withdrawn": "{listing_name} has been withdrawn by its host or a curator.",
    "fit.status.expired": "{listing_name} has expired: its last session or deadline has passed.",
    "fit.status.closed": (
        "{listing_name} is not taking applications now; the source gives no date it reopens."
    ),
    "fit.deadline_passed": "The deadline to apply to {listing_name} passed on {deadline}.",
    "fit.opens": "Applications to {listing_name} open on {opens}.",
    "fit.visa.status_not_said": (
        "You have not said your immigration status: {listing_name} may need a visa its host accepts."
    ),
    "fit.visa.not_said": "The source does not say which visas {listing_name} accepts.",
    "fit.visa.none_accepted": (
        "{listing_name} accepts no visa: only people already allowed to stay in the US."
    ),
    "fit.visa.needed": "You would need a visa {listing_name} accepts: {visas:list}.",
    "membership.not_said": "{requirement}: you have not said which organizations you are a member of.",
    "membership.member": "{requirement}: you are a member.",
    "membership.not_member": "{requirement}: you are not a member.",
    "scores.not_said": (
        "Needs at least {min_score} on every one of {exams_names:list} you have taken; say your scores."
    ),
    "scores.too_low": (
        "Needs at least {min_score} on every one of {exams_names:list} you have taken; you scored {score} "
        "on {exam_name}."
    ),
    "scores.none_taken": (
        "Needs at least {min_score} on every one of {exams_names:list} you take; you have no score yet."
    ),
    "scores.met": (
        "Needs at least {min_score} on every one of {exams_names:list} you have taken; your lowest score "
        "is {lowest}."
    ),
    # --- plans ------------------------------------------------------------------------------------
    "plan.risk.years_unknown": "The number of years for '{step_name}' is not known; the plan counts one.",
    "plan.risk.stage_length_unknown": "The length of the '{stage_name}' stage is not in the rulebook.",
    "plan.risk.no_conversion": "The rulebook shows no conversion from this license to a full license.",
    "plan.risk.not_known": "Not known yet: {requirement} ({reason})",
    "plan.risk.assumed": "Planned '{step_name}' because your profile does not say it is done.",
    "plan.risk.visa_needed": (
        "Planned '{step_name}' before '{before_name}': without US work authorization you need a visa first."
    ),
    "plan.risk.confidence": "The rules for this route rest on {confidence} sources; check with the board.",
    "plan.risk.no_duration": (
        "No source gives a duration for: {steps_names:list}; every date after them is only the earliest"
        " possible (at least), and no latest date can be given."
    ),
    "plan.deadline.window_closes": "{step_name}: window closes",
    "plan.deadline.exam_time_limit": "{step_name} by this day (time limit)",
    "plan.deadline.step_due": "{step_name} must be done by this day",
    "plan.deadline.apply_by": "Apply for {route_name} by this day: eligibility closes",
    "plan.why": "{parts:sentences}",
    "plan.why.closed": "Closed: {reason}",
    "plan.why.steps_left": "Steps left: {steps_names:list}.",
    "plan.why.steps_left.more": "Steps left: {steps_names:list} and {more} more.",
    "plan.why.nothing_to_do": "Nothing to do before applying.",
    "plan.why.supervised.before_full": "Then {months} months of supervised practice before a full license.",
    "plan.why.supervised.this_license": "Then {months} months of supervised practice on this license.",
    "plan.why.supervised.length_unknown": "Then a supervised stage whose length the rulebook does not know.",
    "plan.why.no_full_license": "The rulebook shows no way from this license to a full license.",
    "plan.why.full_license_undated": (
        "A full license follows the first, but how long the stages between them last is not known: "
        "no date can be given."
    ),
    "plan.why.lapse.act_by": "Eligibility closes on {closes_on}; start by {act_by} and hurry.",
    "plan.why.lapse.too_late": "Eligibility closes on {closes_on}; the plan cannot make it.",
    "plan.why.unknown": "Some criteria cannot be judged yet (see risks).",
    # --- opportunities and funding added to a plan ------------------------------------------------
    "plan.addition.step.apply": "Apply: {addition_name}",
    "plan.addition.step.session": "Take part: {addition_name}",
    "plan.addition.deadline.listed": "Apply to {addition_name} by this day (the listing's deadline)",
    "plan.addition.deadline.lead_time": (
        "Apply to {addition_name} by this day: {days} days before its session starts on {start}"
    ),
    "plan.addition.deadline.before_start": "Apply to {addition_name} before its session starts on {start}",
    "plan.addition.risk.deadline_passed": (
        "The deadline to apply to {addition_name} passed on {deadline}; the plan leaves it out."
    ),
    "plan.addition.risk.session_started": (
        "Every listed session of {addition_name} has started (the last on {start}); the plan leaves it out."
    ),
    "plan.addition.risk.too_late": (
        "Too late to apply to {addition_name} for its session starting on {start}: applications were due "
        "by {apply_by}; the plan leaves it out."
    ),
    "plan.addition.risk.no_dates": (
        "{addition_name} lists no session dates: the plan places it at the earliest start; ask the host "
        "for the dates."
    ),
    "plan.addition.risk.no_length": (
        "The source gives no length for {addition_name}; the dates count no time for it."
    ),
    "plan.addition.risk.demo": "{addition_name} is an illustrative listing (demo), not a real one.",
    "plan.addition.funding.share": (
        "{addition_name} would give {amount:,.0f} USD: about {share:.0%} of this plan's typical cost of "
        "{cost:,.0f} USD."
    ),
    "plan.addition.funding.share.at_most": (
        "{addition_name} would give {amount:,.0f} USD: at most {share:.0%} of this plan's cost, which is at "
        "least {cost:,.0f} USD because {unknown} fees have no known amount."
    ),
    "plan.addition.funding.share.at_least": (
        "{addition_name} gives {amount:,.0f} USD {per}, counted once: at least {share:.0%} of this plan's "
        "typical cost of {cost:,.0f} USD."
    ),
    "plan.addition.funding.share.unknown": (
        "{addition_name} gives {amount:,.0f} USD {per}, and {unknown} fees of this plan have no known "
        "amount: what part of its cost the grant covers cannot be said (its known costs are {cost:,.0f} USD)."
    ),
    "plan.addition.funding.covers_all": (
        "{addition_name} would give {amount:,.0f} USD: enough for this plan's typical cost of "
        "{cost:,.0f} USD."
    ),
    "plan.addition.funding.covers_known": (
        "{addition_name} would give {amount:,.0f} USD: enough for this plan's known costs of "
        "{cost:,.0f} USD, but {unknown} fees have no known amount, so whether it covers everything is "
        "not known."
    ),
    "plan.addition.funding.amount_unknown": (
        "The source does not give the amount of {addition_name}: what part of the plan's cost it would "
        "cover is not known."
    ),
    "plan.addition.funding.no_cost": (
        "This plan has no cost the sources know of for {addition_name} to cover."
    ),
    "plan.addition.funding.no_known_cost": (
        "None of this plan's costs is known yet ({unknown} fees have no known amount), so what part "
        "{addition_name} would cover cannot be said."
    ),
    # --- the odds of matching ------------------------------------------------------------------
    "odds.group.us_img": "US-citizen IMGs",
    "odds.group.non_us_img": "non-US-citizen IMGs (permanent residents included)",
    "odds.input.citizenship": "Citizenship: {citizenship:list}, so the group is {group}.",
    "odds.input.no_citizenship": "Citizenship: not given, so the group is {group}.",
    "odds.input.year": "{year}: {rate:.1%} matched",
    "odds.input.year.counts": "{year}: {rate:.1%} matched ({matched:,} of {applicants:,})",
    "odds.too_few_years": "Too few published years for {group} ({years}) to give a number.",
    "odds.estimate": (
        "About {rate:.0%} of {group} who entered the {year} Match matched ({low:.0%} to {high:.0%} over "
        "{first_year}-{year}). Your own chance may be far lower or higher; see the limits below."
    ),
    "odds.caveat.group_rate": (
        "The rate is for the whole group of IMG applicants, not for people like you: it does not adjust "
        "for specialty, USMLE scores or attempts, years since graduation or the need for a visa."
    ),
    "odds.caveat.graduation_year": (
        "Applicants who graduated long ago match less often than the group as a whole; the NRMP's "
        "Charting Outcomes tables that measure this are not in the rulebook yet."
    ),
    "odds.caveat.past": (
        "Past rates describe past Matches; the number of positions and applicants changes each year."
    ),
    # --- what if ----------------------------------------------------------------------------------
    "whatif.when.closed": "closed",
    "whatif.when.full_license": "full license {day}",
    "whatif.when.first_license": "first license {day}",
    "whatif.when.no_date": "no license date",
    "whatif.verdict": "verdict {before} -> {after}",
    "whatif.when": "{before} -> {after}",
    "whatif.cost": "typical cost {before:,.0f} -> {after:,.0f} {currency}",
    "whatif.dropped": "no longer needed: {steps_names:list}",
    "whatif.added": "now needed: {steps_names:list}",
    "whatif.lapse_gone": "a lapse is gone",
    "whatif.lapse_new": "a lapse is new",
    # --- bad input: a field's problem, where it is, and the API's answers ------------------------
    "input.unknown_field": "unknown field",
    "input.not_a_code": "'{value}' is not a two-letter code (for example IN, or TN for a state)",
    "input.required": "Field required",
    "date.expected": "expected a date as YYYY-MM or YYYY-MM-DD, got {value}",
    "date.not_a_date": "'{value}' is not a date; write YYYY-MM or YYYY-MM-DD",
    "date.outside_years": "'{value}' is outside the years {first} to {last}",
    "date.no_month": "'{value}' has no month {month}",
    "date.not_a_day": "'{value}' is not a day of the calendar",
    "input.at": "{file}: {problem}",
    "input.at.line": "{file}, line {line}: {problem}",
    "input.at.field": "{file}, field '{field}': {problem}",
    "input.at.line.field": "{file}, line {line}, field '{field}': {problem}",
    "input.error": "error:",
    "input.invalid_profile": "invalid profile",
    "input.invalid_saved_profile": "the saved profile is invalid",
    "input.invalid_input": "invalid input",
    "input.not_an_object": "a profile must be a JSON object",
    "input.empty_body": "the body is empty: send a profile as JSON ({} for one that says nothing yet)",
    "input.empty": "empty",
    "input.more_problems": "and {count:,} more problems",
    # --- the command line's tables and headings (``imgpath check``, ``plan``, ``explain``, ``find``) --
    # A day or an amount arrives written as the reader's language writes it; in Spanish and Arabic an
    # amount carries its currency ("2.035 US$"), so their templates do not name it again.
    "cli.notice": (
        "Legal information, not legal advice: rules change and boards keep discretion. Confirm with "
        "the board before you act; every verdict names its sources and the day they were read."
    ),
    "cli.verdict.eligible": "eligible",
    "cli.verdict.not_yet": "not yet",
    "cli.verdict.needs_steps": "needs steps",
    "cli.verdict.unknown": "unknown",
    "cli.verdict.not_eligible": "not eligible",
    "cli.verdict.range": "at best {best},\nat worst {worst}",
    "cli.verdict.count": "{verdict}: {count}",
    "cli.status.pending": "pending",
    "cli.status.enacted": "enacted",
    "cli.status.effective": "effective",
    "cli.status.accepting_applications": "accepting applications",
    "cli.status.repealed": "repealed",
    "cli.status.not_enacted": "not enacted",
    "cli.confidence.secondary": "no primary source",
    "cli.confidence.unverified": "unverified",
    "cli.from": "from {date}",
    "cli.until": "until {date}",
    "cli.at_least": "at least {when}",
    "cli.range": "{low} to {high}",
    "cli.range.short": "{low}-{high}",
    "cli.source.read": "{title}, read {date}",
    "cli.source.read_on": "(read {date})",
    "cli.check.title": "Routes for {profile} on {date}",
    "cli.check.next": "next: {steps}",
    "cli.check.not_for_you": "Not for you ({count}):",
    "cli.check.explain_hint": "Explain one route clause by clause: imgpath explain PROFILE PATHWAY",
    "cli.column.where": "Where",
    "cli.column.route": "Route",
    "cli.column.status": "Status",
    "cli.column.verdict": "Verdict",
    "cli.column.from": "From",
    "cli.column.until": "Until",
    "cli.column.why": "Why",
    "cli.column.step": "Step",
    "cli.column.start": "Start",
    "cli.column.end": "End",
    "cli.column.cost": "Cost",
    "cli.column.listing": "Listing",
    "cli.column.fit": "Fit",
    "cli.column.apply_by": "Apply by",
    "cli.explain.title": "{route_name} ({route}), {place_name}",
    "cli.explain.law": "Law: {citation}",
    "cli.explain.on": "On {date}: {verdict}",
    "cli.explain.route_status": "(route status: {status})",
    "cli.explain.not_for_you": "This route does not concern you.",
    "cli.explain.either_way": "If the open questions go your way: {best}; if not: {worst}.",
    "cli.explain.open_question": "Open question",
    "cli.explain.tell_us": "tell us {field}",
    "cli.explain.ask": "ask {who}",
    "cli.explain.the_board": "the board",
    "cli.explain.rests_on.secondary": (
        "This route rests on secondary sources, not the statute or the board's own page."
    ),
    "cli.explain.rests_on.unverified": (
        "This route rests on unverified sources, not the statute or the board's own page."
    ),
    "cli.explain.all": "(all of)",
    "cli.explain.any": "(any of)",
    "cli.explain.not": "(must not hold)",
    "cli.explain.clause": "clause {clause}",
    "cli.explain.step": "step: {step}",
    "cli.explain.missing": "tell us: {fields}",
    "cli.explain.gap": "Not known:",
    "cli.explain.doubt": "Sources disagree:",
    "cli.plan.title": "Plans from {date}",
    "cli.plan.order": "best first (dates: typical, then fastest to slowest)",
    "cli.plan.first_license": "First license: {when}",
    "cli.plan.full_license": "Full license: {when}",
    "cli.plan.full_license.aligned": "Full license:  {when}",
    "cli.plan.cost": "Cost: {cost}",
    "cli.plan.total_cost": "Total cost: {cost}",
    "cli.plan.undated": "after the first license; no date (how long the stages before it last is not known)",
    "cli.plan.none": "none",
    "cli.plan.open_span": "(at least {low}; no latest date: a duration is unknown)",
    "cli.plan.open_when": "at least {low}; no latest date (a duration is unknown)",
    "cli.plan.usd": "{amount} USD",
    "cli.plan.known_up_to": "(at least {low}; known fees up to {high})",
    "cli.plan.unknown_fees": "+ {count} fees of unknown amount",
    "cli.plan.unknown_fees.one": "+ {count} fee of unknown amount",
    "cli.plan.cost_not_known": "not known ({count} fees of unknown amount)",
    "cli.plan.cost_not_known.one": "not known ({count} fee of unknown amount)",
    "cli.plan.fees_unknown": "{count} unknown",
    "cli.plan.more_fees_unknown": "+{count} unknown",
    "cli.plan.odds_all": "Residency route odds:",
    "cli.plan.detail_hint": "One route in detail: imgpath plan PROFILE --route ID",
    "cli.plan.no_plan": "No plan: {reason}",
    "cli.plan.duration_unknown": "(duration unknown)",
    "cli.plan.milestone.first_license": "first license",
    "cli.plan.milestone.full_license": "full license",
    "cli.plan.fee_not_known": "Fee not known:",
    "cli.plan.lapse": "Lapse:",
    "cli.plan.lapse.closes": "eligibility closes on {date}: {reason}",
    "cli.plan.lapse.act_by": "Start by {date}.",
    "cli.plan.lapse.too_late": "Even the fastest plan is too late.",
    "cli.plan.deadline": "Deadline {date}:",
    "cli.plan.risk": "Risk:",
    "cli.plan.odds": "Odds of matching:",
    "cli.plan.unmatched": "If unmatched: {contingency}",
    "cli.plan.what_if": "What changes if {assumptions}:",
    "cli.plan.nothing_moves": "Nothing: no route's plan moves.",
    "cli.find.title": "{count} listings, best fit first",
    "cli.find.remote": "remote",
    "cli.find.demo": "demo",
    "cli.find.unknown": "unknown",
    "cli.find.free": "free",
    "cli.find.usd": "USD {amount}",
    "cli.find.more": "{count} more: --limit {total} shows them all.",
    "cli.find.unknown_cost": "{count} left out by --cost-at-most: their cost is unknown.",
    "cli.find.hidden": "{count} hidden: nobody has verified them for 270 days.",
    "cli.simulate.hypothetical": (
        "Hypothetical route {route}: not law. Compared with the law in force: {routes}."
    ),
    "cli.simulate.synthetic": "Synthetic profiles: generated, not real people.",
    "cli.simulate.title": "{count} profiles on {date}",
    "cli.simulate.column.in_force": "In force",
    "cli.simulate.column.hypothetical": "Hypothetical",
    "cli.simulate.column.profile": "Profile",
    "cli.simulate.column.change": "Change",
    "cli.simulate.summary": "{qualify} would newly qualify; {stop} would stop qualifying.",
    "cli.simulate.qualifies": "would qualify",
    "cli.simulate.stops_qualifying": "would stop qualifying",
    "cli.simulate.changes": "verdict changes",
    "cli.simulate.more": "{count} more: --format json lists them all.",
    "cli.sweep.title": "{parameter} at each value: {count} profiles on {date}",
    "cli.sweep.column.value": "Value",
    "cli.sweep.in_force": "in force",
    # --- a profile's values refused (the wizard's errors, beside the field) ---------------------------
    "profile.period.start_missing": "give the period's start (YYYY-MM), or its length as years",
    "profile.period.ends_before_start": "the period ends ({end}) before it starts ({start})",
    # --- mentor matching: each part of a fit, and why a request is unassigned ----------------------
    "mentors.kind.traditional": "the traditional route (residency)",
    "mentors.kind.alternative": "an alternative license without US residency",
    "mentors.kind.assistant_physician": "an assistant or associate physician license",
    "mentors.kind.limited": "a limited license",
    "mentors.kind.certification": "a certification",
    "mentors.kind.visa": "a visa route",
    "mentors.kind.state_program": "a state IMG program",
    "mentors.route.same_pathway": "The mentor took the route you seek: {route_name}.",
    "mentors.route.same_kind_and_state": (
        "The mentor took a route of the same kind in {state}: {route_name}."
    ),
    "mentors.route.same_kind": "The mentor took a route of the kind you seek: {kind_name}.",
    "mentors.route.other": "The mentor took {kind_name}; you seek {sought_name}.",
    "mentors.specialty.same": "The mentor practices your specialty ({specialty}).",
    "mentors.specialty.other": "The mentor's specialty ({mentor_specialty}) is not yours ({specialty}).",
    "mentors.specialty.unknown": "There is no specialty to compare: yours or the mentor's is not given.",
    "mentors.language.shared": "You and the mentor share a language: {languages:list}.",
    "mentors.language.none": "You and the mentor share no language, so the mentor is not proposed.",
    "mentors.country.same": "The mentor trained or practiced in your country ({country}).",
    "mentors.country.other": "The mentor did not train or practice in your country ({country}).",
    "mentors.country.unknown": "Your country of training is not given.",
    "mentors.state.shared": "The mentor knows a state you are interested in: {states:list}.",
    "mentors.state.none": "The mentor knows none of the states you are interested in ({states:list}).",
    "mentors.state.unknown": "You named no state of interest.",
    "mentors.availability.full": "The mentor is available for all {months} months you need from {start}.",
    "mentors.availability.partial": (
        "The mentor is available for {days} of the {need_days} days you need from {start}."
    ),
    "mentors.availability.none": (
        "The mentor is not available in the {months} months you need from {start}, so the mentor is "
        "not proposed."
    ),
    "mentors.unassigned.no_fit": "No mentor in this round has a positive fit with this request.",
    "mentors.unassigned.at_capacity": (
        "The mentors who fit this request are at capacity with requests that raise the total fit more."
    ),
}
