"""The vocabulary of criteria: each type's name and the parameters a rule file may give it.

The engine implements one evaluator per name here; a test keeps the two lists equal. Adding a
kind of criterion means one parameter model here and one tested evaluator in the engine.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Where(StrEnum):
    abroad = "abroad"
    us = "us"
    any = "any"


class Params(BaseModel):
    """Parameters of one criterion, as they hold from one effective date. ``null`` = not known."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class NoParams(Params):
    pass


class EcfmgCertified(Params):
    """Holds a (permanent) ECFMG certificate."""


class ExamPassed(Params):
    """Passed one exam, optionally within a number of attempts, years or a minimum score."""

    exam: str
    max_attempts: int | None = Field(default=None, ge=1)
    passed_within_years: float | None = Field(default=None, gt=0)
    """Passed no longer than this many years before the evaluation date."""
    within_years_of_graduation: float | None = Field(default=None, gt=0)
    """Passed no later than this many years after graduating from medical school."""
    min_score: int | None = None


class ExamAttempts(Params):
    """Stayed within attempt limits across a set of exams."""

    exams: list[str] = Field(min_length=1)
    max_attempts_each: int | None = Field(default=None, ge=1)
    max_attempts_total: int | None = Field(default=None, ge=1)


class ExamsWithinYears(Params):
    """Passed all of a set of exams within this many years of passing the first of them."""

    exams: list[str] = Field(min_length=2)
    years: float | None = Field(gt=0)


class TrainingYears(Params):
    """Completed at least this many years of postgraduate training (residency or equivalent)."""

    years: float | None = Field(ge=0)
    where: Where = Where.abroad
    kinds: list[str] = Field(default_factory=lambda: ["internship", "residency", "fellowship"])
    completed_program: bool = True
    """Count only programs marked completed (ongoing ones count toward ``not_yet``)."""


class UsGmeYears(Params):
    """Years of accredited US graduate medical education: at least ``min_years``, at most ``max_years``."""

    min_years: float | None = Field(default=None, ge=0)
    max_years: float | None = Field(default=None, ge=0)


class PracticeYears(Params):
    """Practised as a licensed physician for ``years``, within the last ``window_years`` if given."""

    years: float | None = Field(gt=0)
    window_years: float | None = Field(default=None, gt=0)
    where: Where = Where.abroad
    after_training: bool = False


class LicenseInGoodStanding(Params):
    """Holds a license in good standing (active, or lapsed no longer than ``lapsed_within_years``)."""

    where: Where = Where.abroad
    lapsed_within_years: float | None = Field(default=None, gt=0)


class NoDiscipline(Params):
    """No disciplinary action on any license."""


class JobOffer(Params):
    """An offer of employment as a physician in the state, from a qualifying employer."""

    state: str | None = Field(default=None, pattern=r"^([A-Z]{2}|any)$")
    """Two-letter state; default the route's own state; ``any`` for federal routes."""
    employer_types: list[str] | None = None
    full_time: bool = False
    shortage_area: bool = False
    acgme_sponsor: bool = False
    assessment_program: bool = False
    """The employer provides an assessment and evaluation program for internationally licensed physicians."""
    public_or_nonprofit: bool = False
    """The employer is a public agency or a 501(c)(3) non-profit."""
    state_program: bool = False
    """The employer takes part in the state's program (a designated or participating facility)."""
    appalachian_region: bool = False
    """The site lies in a county of the Appalachian region (40 U.S.C. 14102)."""
    delta_region: bool = False
    """The site lies in a county or parish of the Delta Regional Authority's service area."""
    hrsa_designations: list[Literal["hpsa-pc", "hpsa-mh", "hpsa-dh", "mua"]] | None = None
    """The HRSA designations that count as this law's shortage area (HPSA primary care, mental
    health, dental; MUA/P): with them the offer's county answers ``shortage_area`` from HRSA's files
    on the evaluation date. Absent: the law means another designation (a state's own), and only the
    profile's flag answers."""


class WorkAuthorization(Params):
    """Authorised to work in the United States."""


class ImmigrationStatusIn(Params):
    """Holds one of these immigration statuses."""

    statuses: list[str] = Field(min_length=1)


class MedicalSchool(Params):
    """Graduated from a recognised medical school, optionally within a number of years."""

    listed_in_wdoms: bool = False
    outside_us: bool = False
    excluded_countries: list[str] = Field(default_factory=list)
    """Countries whose schools do not count (a law's "outside the United States or Canada")."""
    graduated_within_years: float | None = Field(default=None, gt=0)


class Residence(Params):
    """Lives in the state: on the day (``min_years`` absent) or for at least ``min_years``."""

    state: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    """Two-letter state; default the route's own state."""
    min_years: float | None = Field(default=None, gt=0)


class EnglishProficiency(Params):
    """Proved English proficiency by passing one of ``tests`` (with a minimum score where given)."""

    tests: list[str] = Field(min_length=1)
    min_scores: dict[str, int] = Field(default_factory=dict)
    ecfmg_counts: bool = False
    """ECFMG certification counts as proof (it includes ECFMG's English requirement)."""


class TrainingCompleted(Params):
    """Completed at least one postgraduate training program, of any length."""

    where: Where = Where.abroad
    kinds: list[str] = Field(default_factory=lambda: ["internship", "residency", "fellowship"])
    specialties: list[str] | None = None
    """Only programs in these specialties count (the profile's ``specialty``, lower_snake_case)."""
    ended_within_years: float | None = Field(default=None, gt=0)
    """Only a program that ended no longer than this many years before the evaluation date counts."""


class HoldsCredential(Params):
    """Holds a document or credential issued to the person (catalogue ``credentials``)."""

    credential: str


class Citizenship(Params):
    """Holds a citizenship in ``only`` (when given) and none in ``excluded`` (a host's or a funder's
    nationality rule: "not open to citizens of ...", "US citizens or nationals only")."""

    only: list[str] | None = Field(default=None, min_length=1)
    excluded: list[str] | None = Field(default=None, min_length=1)
    """ISO 3166 alpha-2 codes (``US``, ``IR``)."""


class Membership(Params):
    """Is a member of an organisation (a society's program open to its members only)."""

    organisation: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    """The organisation's id, as the profile's ``memberships`` lists it (``acp``)."""


class ScoresAtLeast(Params):
    """Scored at least ``min_score`` on every one of ``exams`` the person has taken with a score
    ("220 or more on every Step taken"); exams not taken do not count against it."""

    exams: list[str] = Field(min_length=1)
    min_score: int = Field(ge=0)


class UnverifiedRequirement(Params):
    """A requirement the law sets whose content the rulebook does not yet know: always ``unknown``."""


class CriterionType(StrEnum):
    ecfmg_certified = "ecfmg_certified"
    exam_passed = "exam_passed"
    exam_attempts = "exam_attempts"
    exams_within_years = "exams_within_years"
    training_years = "training_years"
    us_gme_years = "us_gme_years"
    practice_years = "practice_years"
    license_in_good_standing = "license_in_good_standing"
    no_discipline = "no_discipline"
    job_offer = "job_offer"
    work_authorization = "work_authorization"
    immigration_status = "immigration_status"
    medical_school = "medical_school"
    residence = "residence"
    english_proficiency = "english_proficiency"
    training_completed = "training_completed"
    holds_credential = "holds_credential"
    citizenship = "citizenship"
    membership = "membership"
    scores_at_least = "scores_at_least"
    unverified_requirement = "unverified_requirement"


PARAMS: dict[CriterionType, type[Params]] = {
    CriterionType.ecfmg_certified: EcfmgCertified,
    CriterionType.exam_passed: ExamPassed,
    CriterionType.exam_attempts: ExamAttempts,
    CriterionType.exams_within_years: ExamsWithinYears,
    CriterionType.training_years: TrainingYears,
    CriterionType.us_gme_years: UsGmeYears,
    CriterionType.practice_years: PracticeYears,
    CriterionType.license_in_good_standing: LicenseInGoodStanding,
    CriterionType.no_discipline: NoDiscipline,
    CriterionType.job_offer: JobOffer,
    CriterionType.work_authorization: WorkAuthorization,
    CriterionType.immigration_status: ImmigrationStatusIn,
    CriterionType.medical_school: MedicalSchool,
    CriterionType.residence: Residence,
    CriterionType.english_proficiency: EnglishProficiency,
    CriterionType.training_completed: TrainingCompleted,
    CriterionType.holds_credential: HoldsCredential,
    CriterionType.citizenship: Citizenship,
    CriterionType.membership: Membership,
    CriterionType.scores_at_least: ScoresAtLeast,
    CriterionType.unverified_requirement: UnverifiedRequirement,
}

QUOTES_OWN_SUMMARY = frozenset(
    {CriterionType.unverified_requirement, CriterionType.holds_credential, CriterionType.membership}
)
"""Types whose answer quotes the criterion's own summary, so equal parameters do not mean equal
answers: their memo key (see ``model.memo_key``) includes the summary."""
JUDGED_IN_STATE = frozenset(
    {CriterionType.job_offer, CriterionType.unverified_requirement, CriterionType.residence}
)
"""Types judged in the route's own state, or naming its board: their memo key includes the state."""
