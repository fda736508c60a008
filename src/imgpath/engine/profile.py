"""The profile: who the doctor is, in the public format of design.md.

Other tools and the web form write this format, so field names are stable. A fact left out is
unknown, never guessed: ``job_offer`` absent means "not said", ``job_offer: null`` means "none".
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    Strict,
    ValidationError,
    ValidationInfo,
    field_serializer,
    field_validator,
)
from pydantic.config import JsonDict

from imgpath.areas import STATE_FIPS
from imgpath.dates import MONTH_OR_DAY_PATTERN, DateError, PartialDate
from imgpath.errors import FieldProblem, first_problem, input_error
from imgpath.messages import Message, MessageError, message
from imgpath.yamlio import InputError, SourceMap, load_file, load_text, printable


def _partial(value: Any) -> PartialDate:
    return PartialDate.parse(value)


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _storable(value: str) -> str:
    """Free text must be storable and printable: no NUL, no lone surrogate (PostgreSQL refuses both)."""
    if _UNSTORABLE.search(value):
        raise ValueError("contains a character that is not text (a NUL or a lone surrogate)")
    return value


Text = Annotated[
    str, AfterValidator(_storable), Field(max_length=200, json_schema_extra={"pattern": "^[^\\x00]*$"})
]
"""Free text in a profile: a specialty, a name. (Its schema names the NUL; JSON has no lone surrogates.)"""

_MonthText = Annotated[
    str, Field(pattern=MONTH_OR_DAY_PATTERN, description="A month (YYYY-MM) or a day (YYYY-MM-DD).")
]
Month = Annotated[
    PartialDate,
    BeforeValidator(_partial, json_schema_input_type=_MonthText),
    PlainSerializer(str, return_type=str),
]
"""A date written as ``YYYY-MM`` or ``YYYY-MM-DD``; its JSON Schema is the text the parser takes."""

Flag = Annotated[bool, Strict()]
"""Yes or no as JSON and YAML write it (true, false; YAML's yes, no): never "1" or 0 read as one."""


def _whole(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)  # JSON Schema's integer: 5.0 is 5
    return value


Count = Annotated[int, Strict(), Field(ge=0), BeforeValidator(_whole)]
"""A whole number from 0, as a number (5 or 5.0): ``false`` or ``"5"`` is refused, not read as 0 or 5.
(The bound sits before the validator: after it, pydantic would write ``ge`` into the JSON Schema.)"""
Number = Annotated[float, Strict()]
"""A number as a number (a whole one too): ``true`` or ``"1.5"`` is refused."""

_ID_KEYS: JsonDict = {"propertyNames": {"pattern": "^[a-z0-9_]*[a-z0-9][a-z0-9_]*$"}}
"""JSON Schema for the keys of ``exams`` and ``credentials``: lower_snake_case ids."""

MAX_ITEMS = 100
"""The most entries one list of a profile holds (periods, licenses, exams): a career has tens, and
a body of a million entries is refused by its length before each is validated."""

CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code")]
StateCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$", description="USPS two-letter code")]
OrganisationId = Annotated[
    str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=80, description="An organisation's id (acp)")
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ExamResult(_Strict):
    passed: Month | bool | None = None
    """The day or month of the pass; ``true`` when passed on a date not remembered; null: not passed."""
    score: Count | None = None
    attempts: Count | None = None

    @field_validator("passed", mode="before")
    @classmethod
    def _bool_or_date(cls, value: Any) -> Any:
        if value is False:
            return None
        return value if value is True or value is None else PartialDate.parse(value)

    @field_serializer("passed")
    def _dump_passed(self, value: PartialDate | bool | None) -> str | bool | None:
        return value if value is None or isinstance(value, bool) else str(value)

    @property
    def pass_date(self) -> PartialDate | None:
        """The date of the pass when the person gave one."""
        return self.passed if isinstance(self.passed, PartialDate) else None


class MedicalSchool(_Strict):
    country: CountryCode
    graduated: Month | None = None
    listed_in_wdoms: Flag | None = None
    """Listed in the World Directory of Medical Schools with an ECFMG note (extension)."""


class TrainingKind(StrEnum):
    internship = "internship"
    residency = "residency"
    fellowship = "fellowship"
    other = "other"


class _Period(_Strict):
    """A span of training or practice: its months, or only its length when the months are not known."""

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"required": ["start"], "properties": {"start": {"type": "string"}}},
                {"required": ["years"], "properties": {"years": {"type": "number"}}},
            ]
        }
    )

    country: CountryCode
    years: Number | None = Field(default=None, gt=0, le=60)
    """The length, for a period whose months are not known (extension): ``years: 3``."""
    start: Month | None = Field(default=None, validate_default=True)
    end: Month | None = None

    @field_validator("start")
    @classmethod
    def _placed_or_measured(cls, value: PartialDate | None, info: ValidationInfo) -> PartialDate | None:
        if value is None and info.data.get("years") is None:
            raise MessageError(message("profile.period.start_missing"))
        return value

    @field_validator("end")
    @classmethod
    def _after_start(cls, value: PartialDate | None, info: ValidationInfo) -> PartialDate | None:
        start = info.data.get("start")
        if value is not None and start is not None and value.last_day < start.first_day:
            raise MessageError(message("profile.period.ends_before_start", end=str(value), start=str(start)))
        return value

    @property
    def placed(self) -> bool:
        """Whether the period's months are known, so that a window of recent years can be checked."""
        return self.start is not None

    @property
    def length_days(self) -> int:
        """Days the period covers when only its length is known."""
        return round((self.years or 0) * 365.25)


class Training(_Period):
    kind: TrainingKind = TrainingKind.residency
    specialty: Text | None = None
    completed: Flag | None = None
    acgme_accredited: Flag | None = None
    """For US training: accredited by the ACGME (extension; US training is assumed accredited)."""


class Practice(_Period):
    """Practice as a licensed physician. ``end`` absent or null: still practising."""


class LicenseStatus(StrEnum):
    active = "active"
    inactive = "inactive"
    lapsed = "lapsed"
    suspended = "suspended"
    revoked = "revoked"


class License(_Strict):
    jurisdiction: str = Field(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
    status: LicenseStatus
    discipline: Flag | None = None
    lapsed: Month | None = None
    """When an inactive or lapsed license stopped being active (extension)."""


class EmployerType(StrEnum):
    hospital = "hospital"
    hospital_owned_clinic = "hospital_owned_clinic"
    academic_medical_center = "academic_medical_center"
    fqhc = "fqhc"
    rural_health_clinic = "rural_health_clinic"
    group_practice = "group_practice"
    private_practice = "private_practice"
    va_facility = "va_facility"
    community_health_center = "community_health_center"
    other = "other"


EMPLOYER_NAMES: dict[str, str] = {
    "hospital": "hospital",
    "hospital_owned_clinic": "hospital-owned clinic",
    "academic_medical_center": "academic medical center",
    "fqhc": "federally qualified health center",
    "rural_health_clinic": "rural health clinic",
    "group_practice": "group practice",
    "private_practice": "private practice",
    "va_facility": "VA facility",
    "community_health_center": "community health center",
    "other": "other employer",
}
"""Employer types as people read them."""


class JobOffer(_Strict):
    state: StateCode
    county: str | None = Field(
        default=None, description="5-digit county FIPS code", json_schema_extra={"pattern": "^[0-9]{5}$"}
    )
    """The county of the job's site, as its 5-digit FIPS code (text: ``"05001"``): from it the engine
    derives ``shortage_area`` on the evaluation date from HRSA's designations (extension)."""
    employer_type: EmployerType | None = None
    full_time: Flag | None = None
    shortage_area: Flag | None = None
    acgme_sponsor: Flag | None = None
    assessment_program: Flag | None = None
    """The employer provides an assessment and evaluation program for internationally licensed physicians."""
    public_or_nonprofit: Flag | None = None
    """The employer is a public agency or a 501(c)(3) non-profit."""
    state_program: Flag | None = None
    """The employer takes part in the state's program (a designated or participating facility)."""
    appalachian_region: Flag | None = None
    """The site lies in a county of the Appalachian region (the employer or the state's J-1 office knows)."""
    delta_region: Flag | None = None
    """The site lies in the Delta Regional Authority's service area."""

    @field_validator("county", mode="before")
    @classmethod
    def _county_as_text(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            raise ValueError(
                'write the county FIPS code as text in quotes ("05001"): unquoted, YAML reads it as a number'
            )
        return value

    @field_validator("county")
    @classmethod
    def _county_in_state(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is not None and not (len(value) == 5 and value.isascii() and value.isdigit()):
            raise ValueError(
                f"'{printable(value, 20)}' is not a 5-digit county FIPS code (for example \"05001\")"
            )
        state = info.data.get("state")
        found = STATE_FIPS.get(value[:2]) if value else None
        if value and found != state:
            where = f"in {found}" if found else "in no state (its first two digits are not a state code)"
            raise ValueError(f"county {value} is {where}, not in the offer's state {state}")
        return value


OFFER_FLAGS: tuple[str, ...] = tuple(
    n for n in JobOffer.model_fields if n not in {"state", "county", "employer_type"}
)
"""The yes/no facts of a job offer that some law asks about, in the profile's order."""


class ImmigrationStatus(StrEnum):
    abroad = "abroad"
    j1 = "j1"
    h1b = "h1b"
    h4_ead = "h4_ead"
    green_card = "green_card"
    citizen = "citizen"
    parole_ead = "parole_ead"
    refugee = "refugee"
    asylee = "asylee"
    tps = "tps"
    other = "other"


STATUS_NAMES: dict[str, str] = {
    "abroad": "living abroad",
    "j1": "J-1",
    "h1b": "H-1B",
    "h4_ead": "H-4 EAD",
    "green_card": "permanent resident (green card)",
    "citizen": "US citizen",
    "parole_ead": "parole with an EAD",
    "refugee": "refugee",
    "asylee": "asylee",
    "tps": "Temporary Protected Status",
    "other": "another status",
}
"""Immigration statuses as people read them: never the profile's codes."""


WORK_AUTHORISED = frozenset(
    {
        ImmigrationStatus.citizen,
        ImmigrationStatus.green_card,
        ImmigrationStatus.h4_ead,
        ImmigrationStatus.parole_ead,
        ImmigrationStatus.refugee,
        ImmigrationStatus.asylee,
        ImmigrationStatus.tps,
    }
)
"""Statuses that need no visa from a host to train or work (they may still need work authorisation,
which a listing or a route states as a requirement)."""
VISA_OF_STATUS = {ImmigrationStatus.j1: "J1", ImmigrationStatus.h1b: "H1B"}
"""Statuses that are themselves a visa for training or work, by the name listings give it."""


class Immigration(_Strict):
    status: ImmigrationStatus | None = None
    work_authorized: Flag | None = None

    @property
    def needs_visa(self) -> bool:
        """Whether training or work in the US needs a visa the person does not hold: someone abroad,
        or whose status neither authorises work nor is a visa for it, and who does not say they are
        authorised to work. A status not given, with work authorisation not denied, is not assumed."""
        if self.work_authorized:
            return False
        if self.status in WORK_AUTHORISED or self.status in VISA_OF_STATUS:
            return False
        return self.status is ImmigrationStatus.abroad or self.work_authorized is False


class Residence(_Strict):
    """Where the person lives in the US, and since when (extension)."""

    state: StateCode
    since: Month | None = None


class Preferences(_Strict):
    states: list[StateCode] = Field(default_factory=list, max_length=60)
    specialties: list[Text] = Field(default_factory=list, max_length=50)
    budget_usd: Count | None = None


class Profile(_Strict):
    """One doctor's facts. Every field is optional: what is missing makes verdicts ``unknown``."""

    as_of: Month | None = None
    citizenship: list[CountryCode] = Field(default_factory=list, max_length=MAX_ITEMS)
    medical_school: MedicalSchool | None = None
    ecfmg_certified: Month | bool | None = None
    exams: dict[str, ExamResult | None] | None = Field(
        default=None, max_length=MAX_ITEMS, json_schema_extra=_ID_KEYS
    )
    training: list[Training] | None = Field(default=None, max_length=MAX_ITEMS)
    practice: list[Practice] | None = Field(default=None, max_length=MAX_ITEMS)
    licenses: list[License] | None = Field(default=None, max_length=MAX_ITEMS)
    us_gme_years: Number | None = Field(default=None, ge=0, le=15)
    job_offer: JobOffer | None = None
    immigration: Immigration | None = None
    residence: Residence | None = None
    """Absent: not said; null: does not live in the US."""
    credentials: dict[str, Month | bool | None] | None = Field(
        default=None, max_length=MAX_ITEMS, json_schema_extra=_ID_KEYS
    )
    """Documents a law asks for, by catalogue id: true, false, or the date issued (extension)."""
    memberships: list[OrganisationId] | None = Field(default=None, max_length=MAX_ITEMS)
    """Organisations the person is a member of, by id (``[acp]``): absent, not said; ``[]``, none
    (extension: some listings are open to a society's members only)."""
    preferences: Preferences | None = None

    @field_validator("ecfmg_certified", mode="before")
    @classmethod
    def _bool_or_date(cls, value: Any) -> Any:
        if isinstance(value, bool) or value is None:
            return value
        return PartialDate.parse(value)

    @field_serializer("ecfmg_certified")
    def _dump_certified(self, value: PartialDate | bool | None) -> str | bool | None:
        # the union would otherwise dump ``False`` through the date serializer, as the text "False"
        return value if value is None or isinstance(value, bool) else str(value)

    @field_validator("credentials", mode="before")
    @classmethod
    def _credential_values(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        for key in value:
            if not isinstance(key, str) or not key.replace("_", "").isalnum() or key != key.lower():
                key = printable(str(key))
                raise ValueError(f"credential id '{key}' must be lower_snake_case, e.g. dean_recommendation")
        return {k: v if isinstance(v, bool) or v is None else PartialDate.parse(v) for k, v in value.items()}

    @field_serializer("credentials")
    def _dump_credentials(
        self, value: dict[str, PartialDate | bool | None] | None
    ) -> dict[str, str | bool | None] | None:
        if value is None:
            return None
        return {k: v if v is None or isinstance(v, bool) else str(v) for k, v in value.items()}

    @field_validator("exams")
    @classmethod
    def _exam_ids(cls, value: dict[str, ExamResult | None] | None) -> dict[str, ExamResult | None] | None:
        for key in value or {}:
            if not key.replace("_", "").isalnum() or key != key.lower():
                raise ValueError(f"exam id '{printable(key)}' must be lower_snake_case, e.g. usmle_step2_ck")
        return value

    def said(self, field: str) -> bool:
        """Whether the profile states this field (even as null)."""
        return field in self.model_fields_set

    def evaluation_date(self, today: date | None = None) -> date:
        return self.as_of.first_day if self.as_of else (today or date.today())


def problem_message(found: FieldProblem) -> Message | None:
    """A profile's field problem as a keyed message (``input.unknown_field``, ``date.no_month``...),
    for the wizard, the API and the CLI to say in the reader's language; None for a problem said in
    English only (pydantic's own wording, kept as it is)."""
    if found.typo:
        return message("input.unknown_field")
    if found.kind == "string_pattern_mismatch":
        return message("input.not_a_code", value=printable(str(found.value)))
    if found.kind == "missing":
        return message("input.required")
    if isinstance(found.cause, DateError):
        return message(found.cause.key, **found.cause.params)
    return None


def profile_from_data(data: Any, source: SourceMap) -> Profile:
    """Validate parsed data as a profile; the first error names its file, line and field."""
    if not isinstance(data, dict):
        raise InputError("a profile must be a mapping of fields (see design.md)", file=source.file, line=1)
    try:
        return Profile.model_validate(data)
    except ValidationError as error:
        found = first_problem(error, source)
        text = found.message
        if found.typo:
            text = "unknown field (check its spelling against the profile format)"
        elif found.kind == "string_pattern_mismatch":
            shown = printable(str(found.value))
            text = f"'{shown}' is not a two-letter code (for example IN, or TN for a state)"
        refused = input_error(found, source, text)
        refused.said = problem_message(found)
        raise refused from None


def load_profile(path: Path | str) -> Profile:
    data, source = load_file(Path(path))
    return profile_from_data(data, source)


def parse_profile(text: str, name: str = "<profile>") -> Profile:
    data, source = load_text(text, name)
    return profile_from_data(data, source)
