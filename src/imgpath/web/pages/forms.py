"""Wizard forms: plain Django forms whose field names follow the profile's paths (``a__b`` is a.b).

The forms only turn text into values; the engine's Profile model does the real validation, and its
errors come back beside the fields (see ``wizard.attach_errors``).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from imgpath.engine import EmployerType, ImmigrationStatus, LicenseStatus, TrainingKind
from imgpath.rulebook import Credential, default_rulebook

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

NOT_SAID = _("I don't know")
"""The blank answer: a fact left unknown, never guessed."""
YES_NO = [("", NOT_SAID), ("yes", _("Yes")), ("no", _("No"))]
MONTH_HINT = _("YYYY-MM or YYYY-MM-DD")
COUNTRY_HINT = _("Two letters, for example IN, NG or PK")
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


def _text(label: StrOrPromise, help_text: StrOrPromise = "", **attrs: str) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, help_text=help_text, widget=forms.TextInput(attrs=attrs), max_length=200
    )


def _month(label: StrOrPromise) -> forms.CharField:
    return _text(label, MONTH_HINT, inputmode="numeric", placeholder="2019-06", autocomplete="off")


def _country(label: StrOrPromise, help_text: StrOrPromise = COUNTRY_HINT) -> forms.CharField:
    return _text(label, help_text, maxlength="5", autocapitalize="characters", autocomplete="off")


def _yes_no(label: StrOrPromise) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=YES_NO, required=False)


def _years(label: StrOrPromise) -> forms.FloatField:
    return forms.FloatField(label=label, help_text=YEARS_HINT, required=False, min_value=0.1, max_value=60)


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
    citizenship = _text(_("Citizenship"), _("Two-letter country codes, separated by commas: IN, GB"))
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
                label=_("Attempts in all"), required=False, min_value=0
            )
            self.fields[f"exams__{exam}__score"] = forms.IntegerField(
                label=_("Score"), required=False, min_value=0
            )

    def exam_rows(self) -> list[tuple[StrOrPromise, list[forms.BoundField]]]:
        return [
            (name, [self[f"exams__{exam}__{part}"] for part in ("status", "passed", "attempts", "score")])
            for exam, name in EXAMS
        ]


class TrainingRow(forms.Form):
    country = _country(_("Country"))
    kind = forms.ChoiceField(label=_("Kind"), choices=_choices(TrainingKind), required=False)
    specialty = _text(_("Specialty"), _("For example internal_medicine"))
    start = _month(_("Started"))
    end = _month(_("Ended"))
    years = _years(_("How many years it lasted"))
    completed = _yes_no(_("Completed?"))


class PracticeRow(forms.Form):
    country = _country(_("Country"))
    start = _month(_("Started"))
    end = _month(_("Ended (empty if you still practice)"))
    years = _years(_("How many years"))


class LicenseRow(forms.Form):
    jurisdiction = _country(_("Where"), _("Country code, or US-XX for a US state"))
    status = forms.ChoiceField(label=_("Status"), choices=_choices(LicenseStatus), required=False)
    discipline = _yes_no(_("Any disciplinary action?"))
    lapsed = _month(_("Stopped being active on (if it is not active)"))


class GmeForm(forms.Form):
    us_gme_years = forms.FloatField(
        label=_("Years of US residency (GME) completed"), required=False, min_value=0, max_value=15
    )


class OfferForm(forms.Form):
    has_offer = forms.ChoiceField(
        label=_("Do you hold a US job offer as a physician?"), choices=YES_NO, required=False
    )
    job_offer__state = _country(_("State of the offer"), _("Two letters, for example TN"))
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
    residence__state = _country(_("State where you live"), _("Two letters, for example TX"))
    residence__since = _month(_("Living there since"))
    preferences__states = _text(_("States you are interested in"), _("Two-letter codes: TN, FL, IL"))
    preferences__specialties = _text(
        _("Specialties you are interested in"), _("Separated by commas, for example internal_medicine")
    )
    preferences__budget_usd = forms.IntegerField(
        label=_("Budget for exams and fees (US dollars)"), required=False, min_value=0
    )
    as_of = _month(_("Check on this date (empty: today)"))


def credentials() -> list[Credential]:
    """The documents the rulebook's criteria can ask for (names and summaries are rulebook text)."""
    return list(default_rulebook().catalogue.credentials)


class CredentialsForm(forms.Form):
    """Documents some laws ask for, from the rulebook's catalogue: held, not held, or not known."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for credential in credentials():
            self.fields[f"credentials__{credential.id}"] = forms.ChoiceField(
                label=credential.name, help_text=credential.summary, choices=YES_NO, required=False
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
