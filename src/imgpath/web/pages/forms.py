"""Wizard forms: plain Django forms whose field names follow the profile's paths (``a__b`` is a.b).

The forms only turn text into values; the engine's Profile model does the real validation, and its
errors come back beside the fields (see ``wizard.attach_errors``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from imgpath.engine import EmployerType, ImmigrationStatus, LicenseStatus, TrainingKind
from imgpath.rulebook import Credential, default_rulebook
from imgpath.web.opportunities.display import SPECIALTY_LABELS, specialty_label
from imgpath.web.pages import months, places
from imgpath.web.pages.months import YearAlone
from imgpath.web.pages.places import Places, key

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

NOT_SAID = _("I don't know")
"""The blank answer: a fact left unknown, never guessed."""
YES_NO = [("", NOT_SAID), ("yes", _("Yes")), ("no", _("No"))]
START_HINT = _("A month and year, for example July 2023 or 07/2023; a year alone counts as its December")
END_HINT = _("A month and year, for example July 2023 or 07/2023; a year alone counts as its January")
MONTH_HINT = _("A month and year, for example July 2023 or 07/2023")
COUNTRY_HINT = _("Type its name and choose it from the list")
YEARS_HINT = _("Only if you do not know the months, for example 3")
EXAMS = (
    ("usmle_step1", _("USMLE Step 1")),
    ("usmle_step2_ck", _("USMLE Step 2 CK")),
    ("usmle_step2_cs", _("USMLE Step 2 CS (no longer given)")),
    ("usmle_step3", _("USMLE Step 3")),
    ("oet_medicine", _("OET Medicine")),
    ("toefl_ibt", _("TOEFL iBT")),
    ("ielts_academic", _("IELTS Academic")),
    ("texas_jurisprudence_exam", _("Texas Medical Jurisprudence Exam")),
)


def _not_said(text: str) -> bool:
    """Whether a typed answer is "I don't know" in words, which leaves the fact unknown as a blank does."""
    return key(text) in {key(str(NOT_SAID)), *(key(word) for word in _NOT_SAID_WORDS)}


_NOT_SAID_WORDS = ("I don't know", "no sé", "no lo sé", "لا أعرف")
"""The blank answer as typed in each of our languages (the page offers it in the reader's)."""


class MonthField(forms.CharField):
    """A date as people write it (see ``months``), kept as the profile's ``YYYY-MM``."""

    def __init__(self, label: StrOrPromise, year_alone: YearAlone, help_text: StrOrPromise) -> None:
        super().__init__(
            label=label,
            required=False,
            help_text=help_text,
            max_length=40,
            widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": NOT_SAID}),
        )
        self.year_alone = year_alone

    def prepare_value(self, value: Any) -> Any:
        return months.shown(value) if isinstance(value, str) and value else value

    def clean(self, value: Any) -> str:
        text = super().clean(value)
        if _not_said(text):
            return ""
        try:
            return months.parse(text, self.year_alone) or ""
        except ValueError as error:
            if str(error) == "month":
                message = _("'%(value)s': give the month too, for example July %(value)s")
            elif str(error) in {"date", ""}:
                message = _(
                    "'%(value)s' is not a date we can read: write a month and a year, for example "
                    "July 2023, 07/2023 or 2023-07"
                )
            else:  # a real month out of the calendar (2012-13), or a year outside it
                message = _("'%(value)s' is not a date of the calendar")
            raise forms.ValidationError(message, params={"value": text}) from None


def _month(label: StrOrPromise, year_alone: YearAlone = YearAlone.start) -> MonthField:
    hint = {YearAlone.start: START_HINT, YearAlone.end: END_HINT}.get(year_alone, MONTH_HINT)
    return MonthField(label, year_alone, hint)


class PlaceField(forms.CharField):
    """A country or state typed by name (any of our languages) or code, chosen from a datalist."""

    def __init__(
        self,
        label: StrOrPromise,
        places: Callable[[], Places],
        datalist: str,
        help_text: StrOrPromise = COUNTRY_HINT,
        many: bool = False,
    ) -> None:
        super().__init__(
            label=label,
            required=False,
            help_text=help_text,
            max_length=400 if many else 100,
            widget=forms.TextInput(attrs={"list": datalist, "autocomplete": "off", "placeholder": NOT_SAID}),
        )
        self._places = places
        self.datalist = datalist
        self.many = many

    @property
    def places(self) -> Places:
        return self._places()

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(self.places.name(code) for code in value)
        if isinstance(value, str) and not self.many and self.places.code(value) == value.upper():
            return self.places.name(value.upper())
        return value

    def _one(self, text: str) -> str:
        code = self.places.code(text)
        if code is not None:
            return code
        found = self.places.suggestions(text)
        if found:
            raise forms.ValidationError(
                _("We do not know '%(value)s': did you mean %(names)s?"),
                params={"value": text, "names": _(" or ").join(found)},
            )
        raise forms.ValidationError(
            _("We do not know '%(value)s': type its name and choose it from the list"), params={"value": text}
        )

    def codes(self, text: str) -> list[str]:
        """Several names separated by commas; a name that holds a comma is read whole."""
        parts = [part.strip() for part in re.split(r"[,;،؛]", text) if part.strip()]
        found: list[str] = []
        start = 0
        while start < len(parts):
            for end in range(len(parts), start, -1):
                code = self.places.code(", ".join(parts[start:end]))
                if code is not None:
                    found.append(code)
                    start = end
                    break
            else:
                if len(parts) == 1 and not self.places.code(parts[0]):
                    words = parts[0].split()  # "TN FL": codes separated by spaces
                    if len(words) > 1 and all(self.places.code(w) for w in words):
                        return [self.places.code(w) or "" for w in words]
                self._one(parts[start])
        return list(dict.fromkeys(found))

    def clean(self, value: Any) -> Any:
        text = super().clean(value).strip()
        if _not_said(text) or not text:
            return [] if self.many else ""
        return self.codes(text) if self.many else self._one(text)


def _country(label: StrOrPromise, help_text: StrOrPromise = COUNTRY_HINT, many: bool = False) -> PlaceField:
    return PlaceField(label, places.countries, "countries", help_text, many=many)


def _state(label: StrOrPromise, many: bool = False) -> PlaceField:
    return PlaceField(label, places.states, "states", COUNTRY_HINT, many)


class JurisdictionField(PlaceField):
    """Where a license was issued: a country, or a US state (kept as ``US-TX``)."""

    def __init__(self, label: StrOrPromise) -> None:
        super().__init__(
            label,
            places.countries,
            "jurisdictions",
            _("A country, or a US state (US-GA for the state of Georgia)"),
        )

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, str) and value.upper().startswith("US-"):
            state = value.upper().removeprefix("US-")
            return places.states().name(state) if places.states().code(state) == state else value
        return super().prepare_value(value)

    def _one(self, text: str) -> str:
        if self.places.code(text) is None:  # a country first: IN is India, Georgia the country
            prefixed = text.strip().upper().startswith("US-")
            state = places.states().code(text.strip()[3:] if prefixed else text)
            if state is not None and (prefixed or len(key(text)) > 2):
                return f"US-{state}"
        return super()._one(text)


@cache
def specialty_codes() -> tuple[str, ...]:
    """The specialties the wizard offers: those with a label, and any a rule names (lower_snake_case)."""
    named = set(SPECIALTY_LABELS)
    for route in default_rulebook().routes.values():
        for criterion in route.criteria_in_order:
            for value in (criterion.values or {}).values():
                named.update((value or {}).get("specialties") or [])
    return tuple(sorted(named))


def specialty_choices(blank: bool = True) -> list[tuple[str, StrOrPromise]]:
    shown = sorted(
        ((code, specialty_label(code)) for code in specialty_codes()), key=lambda c: key(str(c[1]))
    )
    other = [("other", _("Another specialty"))]
    return [("", NOT_SAID), *shown, *other] if blank else [*shown, *other]


class SpecialtyField(forms.ChoiceField):
    """A specialty from the list (an imported file's other specialty is offered too, see ``offer_held``)."""

    def __init__(self, label: StrOrPromise) -> None:
        super().__init__(label=label, choices=specialty_choices, required=False)


def offer_held(field: forms.Field, held: Any) -> None:
    """Add to a specialty list the ones a profile holds that it lacks (``sports_medicine`` from a file),
    so that saving the step keeps them instead of dropping them as "I don't know"."""
    assert isinstance(field, forms.ChoiceField)
    choices = list(cast(Iterable[tuple[Any, Any]], field.choices))
    offered = {str(code) for code, _label in choices}
    values = held if isinstance(held, list) else [held]
    extra = [(v, specialty_label(v)) for v in values if isinstance(v, str) and v and v not in offered]
    if extra:
        field.choices = [*choices, *extra]


def _yes_no(label: StrOrPromise) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=YES_NO, required=False)


def _years(label: StrOrPromise) -> forms.FloatField:
    return forms.FloatField(
        label=label,
        help_text=YEARS_HINT,
        required=False,
        min_value=0.1,
        max_value=60,
        widget=_number(),
    )


def _number() -> forms.NumberInput:
    return forms.NumberInput(attrs={"placeholder": NOT_SAID})


OPTION_LABELS: dict[str, StrOrPromise] = {
    # training kinds
    "internship": _("Internship"),
    "residency": _("Residency"),
    "fellowship": _("Fellowship"),
    # license statuses
    "active": _("Active"),
    "inactive": _("Inactive"),
    "lapsed": _("Lapsed"),
    "suspended": _("Suspended"),
    "revoked": _("Revoked"),
    # employer types
    "hospital": _("Hospital"),
    "hospital_owned_clinic": _("Clinic owned by a hospital"),
    "academic_medical_center": _("Academic medical center"),
    "fqhc": _("Federally qualified health center (FQHC)"),
    "rural_health_clinic": _("Rural health clinic"),
    "group_practice": _("Group practice"),
    "private_practice": _("Private practice"),
    "va_facility": _("VA (Veterans Affairs) facility"),
    "community_health_center": _("Community health center"),
    # immigration statuses
    "abroad": _("Living outside the US"),
    "j1": _("J-1 visa"),
    "h1b": _("H-1B visa"),
    "h4_ead": _("H-4 with work authorization (EAD)"),
    "green_card": _("Permanent resident (green card)"),
    "citizen": _("US citizen"),
    "parole_ead": _("Parole with work authorization (EAD)"),
    "refugee": _("Refugee"),
    "asylee": _("Asylee (granted asylum)"),
    "tps": _("Temporary Protected Status (TPS)"),
    "other": _("Other"),
}
"""The words a person reads for each value the profile format stores (translated like every label)."""


def _choices(enum: Iterable[StrEnum], blank: StrOrPromise = NOT_SAID) -> list[tuple[str, StrOrPromise]]:
    return [("", blank), *((item.value, OPTION_LABELS.get(item.value, item.value)) for item in enum)]


class SchoolForm(forms.Form):
    citizenship = _country(_("Citizenship"), _("One country or more, separated by commas"), many=True)
    medical_school__country = _country(_("Country of your medical school"))
    medical_school__graduated = _month(_("Graduated"))
    medical_school__listed_in_wdoms = _yes_no(
        _("Is your school listed in the World Directory of Medical Schools with an ECFMG note?")
    )
    ecfmg = forms.ChoiceField(
        label=_("ECFMG certified?"),
        required=False,
        choices=YES_NO,
    )
    ecfmg_certified = _month(_("Certified on (if you know the date)"))


class ExamsForm(forms.Form):
    """One row per exam: passed or not, when, attempts, score."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for exam, name in EXAMS:
            self.fields[f"exams__{exam}__status"] = forms.ChoiceField(
                label=name,
                required=False,
                choices=[("", NOT_SAID), ("passed", _("Passed")), ("not_passed", _("Not passed yet"))],
            )
            self.fields[f"exams__{exam}__passed"] = _month(_("Passed on (empty if you do not remember)"))
            self.fields[f"exams__{exam}__attempts"] = forms.IntegerField(
                label=_("Attempts in all"), required=False, min_value=0, widget=_number()
            )
            self.fields[f"exams__{exam}__score"] = forms.IntegerField(
                label=_("Score"), required=False, min_value=0, widget=_number()
            )

    def exam_rows(self) -> list[tuple[StrOrPromise, list[forms.BoundField]]]:
        return [
            (name, [self[f"exams__{exam}__{part}"] for part in ("status", "passed", "attempts", "score")])
            for exam, name in EXAMS
        ]


class TrainingRow(forms.Form):
    country = _country(_("Country"))
    kind = forms.ChoiceField(label=_("Kind"), choices=_choices(TrainingKind), required=False)
    specialty = SpecialtyField(_("Specialty"))
    start = _month(_("Started"))
    end = _month(_("Ended"), YearAlone.end)
    years = _years(_("How many years it lasted"))
    completed = _yes_no(_("Completed?"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_held(self.fields["specialty"], (self.initial or {}).get("specialty"))


class PracticeRow(forms.Form):
    country = _country(_("Country"))
    start = _month(_("Started"))
    end = _month(_("Ended (empty if you still practice)"), YearAlone.end)
    years = _years(_("How many years"))


class LicenseRow(forms.Form):
    jurisdiction = JurisdictionField(_("Where"))
    status = forms.ChoiceField(label=_("Status"), choices=_choices(LicenseStatus), required=False)
    discipline = _yes_no(_("Any disciplinary action?"))
    lapsed = _month(_("Stopped being active on (if it is not active)"), YearAlone.end)


class GmeForm(forms.Form):
    us_gme_years = forms.FloatField(
        label=_("Years of US residency (GME) completed"),
        required=False,
        min_value=0,
        max_value=15,
        widget=_number(),
    )


class OfferForm(forms.Form):
    has_offer = forms.ChoiceField(
        label=_("Do you hold a US job offer as a physician?"), choices=YES_NO, required=False
    )
    job_offer__state = _state(_("State of the offer"))
    job_offer__employer_type = forms.ChoiceField(
        label=_("Employer type"), choices=_choices(EmployerType), required=False
    )
    job_offer__full_time = _yes_no(_("Full-time?"))
    job_offer__shortage_area = _yes_no(_("In a shortage area (HPSA)?"))
    job_offer__acgme_sponsor = _yes_no(_("Does the employer run accredited residency programs?"))
    job_offer__assessment_program = _yes_no(
        _("Does the employer run an assessment program for physicians licensed abroad?")
    )
    job_offer__public_or_nonprofit = _yes_no(_("Is the employer a public agency or a non-profit?"))
    job_offer__state_program = _yes_no(_("Does the employer take part in the state's program for IMGs?"))
    job_offer__appalachian_region = _yes_no(_("Is the job in the Appalachian region?"))
    job_offer__delta_region = _yes_no(_("Is the job in the Delta Regional Authority's area?"))
    immigration__status = forms.ChoiceField(
        label=_("Immigration status"),
        help_text=_("Private: it stays in your session or your account."),
        choices=_choices(ImmigrationStatus),
        required=False,
    )
    immigration__work_authorized = _yes_no(_("Authorized to work in the US?"))
    lives_in_us = _yes_no(_("Do you live in the US?"))
    residence__state = _state(_("State where you live"))
    residence__since = _month(_("Living there since"))
    preferences__states = _state(_("States you are interested in"), many=True)
    preferences__specialties = forms.MultipleChoiceField(
        label=_("Specialties you are interested in"),
        choices=lambda: specialty_choices(blank=False),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    preferences__budget_usd = forms.IntegerField(
        label=_("Budget for exams and fees (US dollars)"), required=False, min_value=0, widget=_number()
    )
    as_of = _month(_("Check on this date (empty: today)"), YearAlone.refused)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_held(
            self.fields["preferences__specialties"], (self.initial or {}).get("preferences__specialties")
        )


def credentials() -> list[Credential]:
    """The documents the rulebook's criteria can ask for (names and summaries are rulebook text)."""
    return list(default_rulebook().catalogue.credentials)


class CredentialsForm(forms.Form):
    """Documents some laws ask for, from the rulebook's catalogue: held, not held, or not known."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for credential in credentials():
            self.fields[f"credentials__{credential.id}"] = forms.ChoiceField(
                # rulebook text, translated in the rulebook's own catalogue (imgpath.rulebook.texts)
                label=_(credential.name),
                help_text=_(credential.summary),
                choices=YES_NO,
                required=False,
            )


MAX_PROFILE_BYTES = 100_000
"""A real profile is a few kilobytes; the cap keeps a hostile file from costing memory."""


class ImportForm(forms.Form):
    text = forms.CharField(
        label=_("Profile (YAML or JSON)"),
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        required=False,
        max_length=MAX_PROFILE_BYTES,
    )
    file = forms.FileField(label=_("Or choose a file"), required=False)

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > MAX_PROFILE_BYTES:
            raise forms.ValidationError(_("This file is too large for a profile (100 kB at most)."))
        return upload
