"""The profile wizard's steps: each reads part of the profile into forms and writes it back.

Answers are checked by the engine's ``Profile`` model, the same validation as the CLI; each error's
location (``training[0].end``) is mapped to the form field that holds it, so it shows beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from imgpath.engine import OFFER_FLAGS, Profile, problem_message
from imgpath.errors import clean_location
from imgpath.errors import problem as field_problem
from imgpath.messages import MessageError
from imgpath.web.lib.sentences import say
from imgpath.web.pages import places
from imgpath.web.pages.forms import (
    EXAMS,
    NOT_SAID,
    CredentialsForm,
    ExamsForm,
    GmeForm,
    LicenseRow,
    OfferForm,
    PlaceField,
    PracticeRow,
    SchoolForm,
    TrainingRow,
    credentials,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    _FormSet = BaseFormSet[forms.Form]
else:  # Django's form classes take no type arguments at run time
    _FormSet = BaseFormSet

Data = dict[str, Any]
Location = tuple[str | int, ...]


def _tri(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


def _tri_text(value: Any) -> str:
    return {True: "yes", False: "no"}.get(value, "")


def _set(data: Data, path: str, value: Any) -> None:
    """Set ``a__b`` in nested data; an empty answer removes the fact (unknown, not guessed)."""
    keys = path.split("__")
    node = data
    for key in keys[:-1]:
        node = node.setdefault(key, {})
    if value in ("", None):
        node.pop(keys[-1], None)
    else:
        node[keys[-1]] = value


def _get(data: Data, path: str) -> Any:
    node: Any = data
    for key in path.split("__"):
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def _clean_location(location: tuple[str | int, ...]) -> Location:
    """Pydantic names union branches in locations (``function-before[...]``, ``bool``): drop them."""
    return clean_location(location)


def _message(error: ErrorDetails) -> str:
    """The error in the reader's language: the engine's own refusal where it gave a keyed message
    (a period that ends before it starts), else the keyed sentence the API and the CLI use for its
    kind (``imgpath.engine.problem_message``), else pydantic's English."""
    refused = error.get("ctx", {}).get("error")
    if isinstance(refused, MessageError):
        return say(refused.said, gettext)
    found = field_problem(cast("dict[str, Any]", error))
    said = problem_message(found)
    return say(said, gettext) if said is not None else found.message


class _Rows(_FormSet):
    """Rows of a list (training periods...): a blank row adds one, a ticked box removes one."""

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this row")


@dataclass
class Forms:
    """The bound forms of one step: a main form and any row formsets, by profile key."""

    main: forms.Form
    rows: dict[str, BaseFormSet[forms.Form]]

    def all_valid(self) -> bool:
        return all([self.main.is_valid(), *(fs.is_valid() for fs in self.rows.values())])

    def problems(self) -> list[tuple[str, str, str]]:
        """(label, message, field id) for every error, for the summary that links to each field."""
        found: list[tuple[str, str, str]] = []
        for form in [self.main, *(f for fs in self.rows.values() for f in fs.forms)]:
            for name, errors in form.errors.items():
                field = form[name] if name in form.fields else None
                label = str(field.label) if field is not None else ""
                anchor = field.auto_id if field is not None else ""
                if form is not self.main and field is not None:
                    row = int(str(form.prefix).rsplit("-", 1)[-1]) + 1
                    label = f"{label} ({row})"
                found.extend((label, str(message), anchor) for message in errors)
        return found


@dataclass(frozen=True)
class WizardStep:
    """One page of the wizard: its forms, and how they read from and write to the profile."""

    slug: str
    title: StrOrPromise
    intro: StrOrPromise
    main: type[forms.Form]
    rows: tuple[tuple[str, type[forms.Form]], ...] = ()
    """Lists edited as rows (profile key, row form): one formset each."""

    def datalists(self) -> dict[str, list[str]]:
        """The names offered as one types a place, for each list this step's fields use (by id)."""
        fields = [
            *self.main().fields.values(),
            *(f for _key, row in self.rows for f in row().fields.values()),
        ]
        used = {field.datalist for field in fields if isinstance(field, PlaceField)}
        return {name: _datalist(name) for name in sorted(used)}

    def bind(self, profile: Data, post: QueryDict | None = None) -> Forms:
        main = self.main(post, initial=INITIAL[self.slug](profile), prefix=None)
        rows = {}
        for key, row in self.rows:
            factory = formset_factory(row, formset=_Rows, extra=1, can_delete=True)
            initial = [_row_initial(entry) for entry in profile.get(key) or []]
            rows[key] = factory(post, initial=initial, prefix=key)
        return Forms(main, rows)

    def apply(self, profile: Data, bound: Forms) -> tuple[Data, dict[str, list[int]]]:
        """The profile with this step's answers; for each list, which form row each entry came from."""
        data = {k: v for k, v in profile.items()}
        APPLY[self.slug](data, bound.main.cleaned_data)
        origin: dict[str, list[int]] = {}
        for key, formset in bound.rows.items():
            old = profile.get(key) or []
            entries, origin[key] = [], []
            for index, form in enumerate(formset.forms):
                cleaned = form.cleaned_data
                if not cleaned or cleaned.get("DELETE"):
                    continue
                entry = dict(old[index]) if index < len(old) and isinstance(old[index], dict) else {}
                for name, value in cleaned.items():
                    if name == "DELETE":
                        continue
                    if name in {"completed", "discipline"}:
                        value = _tri(value)
                    elif name in {"country", "jurisdiction"}:
                        value = value.strip().upper()
                    _set(entry, name, value)
                if any(v not in ("", None) for k, v in cleaned.items() if k != "DELETE"):
                    entries.append(entry)
                    origin[key].append(index)
            if entries:
                data[key] = entries
            else:
                data.pop(key, None)
        return data, origin

    def validate(self, profile: Data, bound: Forms) -> Data | None:
        """The new profile when every answer is valid; otherwise None, with errors on the forms."""
        if not bound.all_valid():
            return None
        data, origin = self.apply(profile, bound)
        try:
            Profile.model_validate(data)
        except ValidationError as error:
            self.attach_errors(error, bound, origin)
            return None
        return data

    def attach_errors(self, error: ValidationError, bound: Forms, origin: dict[str, list[int]]) -> None:
        problems = error.errors()
        extra = [e for e in problems if e["type"] == "extra_forbidden"]
        for problem in extra or problems:
            location = _clean_location(tuple(problem["loc"]))
            message = _message(problem)
            key = location[0] if location else ""
            if key in bound.rows and len(location) > 1 and isinstance(location[1], int):
                rows = origin.get(str(key), [])
                form = bound.rows[str(key)].forms[rows[location[1]]] if location[1] < len(rows) else None
                field = next((p for p in location[2:] if isinstance(p, str)), None)
                if form is not None:
                    form.add_error(field if field in form.fields else None, message)
                    continue
            bound.main.add_error(_field_for(bound.main, location), message)


def _datalist(name: str) -> list[str]:
    countries = [shown for _code, shown in places.countries().options()]
    states = [shown for _code, shown in places.states().options()]
    if name == "states":
        return states
    if name == "jurisdictions":
        return sorted({*countries, *states}, key=places.key)
    return countries


def _field_for(form: forms.Form, location: Location) -> str | None:
    """The form field holding the deepest part of ``location``, or None (an error for the whole form)."""
    names = [str(p) for p in location if isinstance(p, str)]
    while names:
        name = "__".join(names)
        name = ALIASES.get(name, name)
        if name in form.fields:
            return name
        names.pop()
    return None


ALIASES = {f"exams__{exam}": f"exams__{exam}__status" for exam, _name in EXAMS}
"""Profile paths whose form field has another name (an exam's error shows beside its status)."""


def _row_initial(entry: Any) -> Data:
    if not isinstance(entry, dict):
        return {}
    return {k: (_tri_text(v) if isinstance(v, bool) else v) for k, v in entry.items()}


# --- each step: initial values from the profile, and the profile updated from the answers ---


def _school_initial(p: Data) -> Data:
    ecfmg = p.get("ecfmg_certified")
    return {
        "citizenship": p.get("citizenship") or [],
        "medical_school__country": _get(p, "medical_school__country") or "",
        "medical_school__graduated": _get(p, "medical_school__graduated") or "",
        "medical_school__listed_in_wdoms": _tri_text(_get(p, "medical_school__listed_in_wdoms")),
        "ecfmg": "" if "ecfmg_certified" not in p or ecfmg is None else ("no" if ecfmg is False else "yes"),
        "ecfmg_certified": ecfmg if isinstance(ecfmg, str) else "",
    }


def _school_apply(p: Data, c: Data) -> None:
    _set(p, "citizenship", c["citizenship"] or None)
    school = dict(p.get("medical_school") or {})
    _set(school, "country", c["medical_school__country"].strip().upper())
    _set(school, "graduated", c["medical_school__graduated"].strip())
    _set(school, "listed_in_wdoms", _tri(c["medical_school__listed_in_wdoms"]))
    if school:
        p["medical_school"] = school
    else:
        p.pop("medical_school", None)
    date = c["ecfmg_certified"].strip()
    if c["ecfmg"] == "no":
        p["ecfmg_certified"] = False
    elif c["ecfmg"] == "yes" or date:
        p["ecfmg_certified"] = date or True
    else:
        p.pop("ecfmg_certified", None)


def _exams_initial(p: Data) -> Data:
    out: Data = {}
    exams = p.get("exams") or {}
    for exam, _name in EXAMS:
        if exam not in exams:
            continue
        result = exams[exam]
        out[f"exams__{exam}__status"] = "passed" if result and result.get("passed") else "not_passed"
        for part in ("passed", "attempts", "score"):
            value = (result or {}).get(part)
            out[f"exams__{exam}__{part}"] = "" if value is True or value is None else value
    return out


def _exams_apply(p: Data, c: Data) -> None:
    exams = dict(p.get("exams") or {})
    for exam, _name in EXAMS:
        status = c[f"exams__{exam}__status"]
        passed = c[f"exams__{exam}__passed"].strip()
        if status == "not_passed":
            attempts = c[f"exams__{exam}__attempts"]
            exams[exam] = {"attempts": attempts} if attempts is not None else None
        elif status == "passed" or passed:
            result = dict(exams.get(exam) or {})
            result["passed"] = passed or True  # passed on a date not remembered
            for part in ("attempts", "score"):
                _set(result, part, c[f"exams__{exam}__{part}"])
            exams[exam] = result
        else:
            exams.pop(exam, None)
    if exams:
        p["exams"] = exams
    else:
        p.pop("exams", None)


def _gme_initial(p: Data) -> Data:
    return {"us_gme_years": p.get("us_gme_years")}


def _gme_apply(p: Data, c: Data) -> None:
    _set(p, "us_gme_years", c["us_gme_years"])


def _offer_initial(p: Data) -> Data:
    offer = p.get("job_offer")
    out: Data = {
        "has_offer": "" if "job_offer" not in p else ("no" if offer is None else "yes"),
        "immigration__status": _get(p, "immigration__status") or "",
        "immigration__work_authorized": _tri_text(_get(p, "immigration__work_authorized")),
        "preferences__states": _get(p, "preferences__states") or [],
        "preferences__specialties": _get(p, "preferences__specialties") or [],
        "preferences__budget_usd": _get(p, "preferences__budget_usd"),
        "as_of": p.get("as_of") or "",
    }
    for name in ("state", "employer_type"):
        out[f"job_offer__{name}"] = (offer or {}).get(name) or ""
    for name in OFFER_FLAGS:
        out[f"job_offer__{name}"] = _tri_text((offer or {}).get(name))
    home = p.get("residence")
    out["lives_in_us"] = "" if "residence" not in p else ("no" if home is None else "yes")
    out["residence__state"] = (home or {}).get("state") or ""
    out["residence__since"] = (home or {}).get("since") or ""
    return out


def _offer_apply(p: Data, c: Data) -> None:
    if c["has_offer"] == "no":
        p["job_offer"] = None
    elif c["has_offer"] == "yes" or c["job_offer__state"].strip():
        offer = dict(p.get("job_offer") or {})
        _set(offer, "state", c["job_offer__state"].strip().upper())
        _set(offer, "employer_type", c["job_offer__employer_type"])
        for name in OFFER_FLAGS:
            _set(offer, name, _tri(c[f"job_offer__{name}"]))
        p["job_offer"] = offer
    else:
        p.pop("job_offer", None)
    immigration = dict(p.get("immigration") or {})
    _set(immigration, "status", c["immigration__status"])
    _set(immigration, "work_authorized", _tri(c["immigration__work_authorized"]))
    if immigration:
        p["immigration"] = immigration
    else:
        p.pop("immigration", None)
    if c["lives_in_us"] == "no":
        p["residence"] = None
    elif c["lives_in_us"] == "yes" or c["residence__state"].strip():
        home = dict(p.get("residence") or {})
        _set(home, "state", c["residence__state"].strip().upper())
        _set(home, "since", c["residence__since"].strip())
        p["residence"] = home
    else:
        p.pop("residence", None)
    preferences = dict(p.get("preferences") or {})
    _set(preferences, "states", c["preferences__states"] or None)
    _set(preferences, "specialties", c["preferences__specialties"] or None)
    _set(preferences, "budget_usd", c["preferences__budget_usd"])
    if preferences:
        p["preferences"] = preferences
    else:
        p.pop("preferences", None)
    _set(p, "as_of", c["as_of"].strip())


def _credentials_initial(p: Data) -> Data:
    held = p.get("credentials") or {}
    out: Data = {}
    for credential in credentials():
        if credential.id in held:
            value = held[credential.id]
            out[f"credentials__{credential.id}"] = "no" if value in (None, False) else "yes"
    return out


def _credentials_apply(p: Data, c: Data) -> None:
    held = dict(p.get("credentials") or {})
    for credential in credentials():
        answer = _tri(c[f"credentials__{credential.id}"])
        if answer is None:
            held.pop(credential.id, None)
        elif answer is False or held.get(credential.id) in (None, False):
            held[credential.id] = answer  # a date already given stays
    if held:
        p["credentials"] = held
    else:
        p.pop("credentials", None)


def _nothing(p: Data) -> Data:
    return {}


def _keep(p: Data, c: Data) -> None:
    return None


INITIAL: dict[str, Callable[[Data], Data]] = {
    "school": _school_initial,
    "exams": _exams_initial,
    "training": _gme_initial,
    "practice": _nothing,
    "offer": _offer_initial,
    "documents": _credentials_initial,
}
APPLY: dict[str, Callable[[Data, Data], None]] = {
    "school": _school_apply,
    "exams": _exams_apply,
    "training": _gme_apply,
    "practice": _keep,
    "offer": _offer_apply,
    "documents": _credentials_apply,
}


class _Empty(forms.Form):
    pass


STEPS: tuple[WizardStep, ...] = (
    WizardStep(
        "school",
        _("Medical school"),
        _("Where you studied, and your ECFMG certification."),
        SchoolForm,
    ),
    WizardStep("exams", _("Exams"), _("The exams you have passed, and when."), ExamsForm),
    WizardStep(
        "training",
        _("Training"),
        _("Postgraduate training (internship, residency, fellowship) anywhere in the world."),
        GmeForm,
        rows=(("training", TrainingRow),),
    ),
    WizardStep(
        "practice",
        _("Practice and licenses"),
        _("Your practice as a licensed physician, and your medical licenses."),
        _Empty,
        rows=(("practice", PracticeRow), ("licenses", LicenseRow)),
    ),
    WizardStep(
        "offer",
        _("Job offer and status"),
        _("A US job offer, your immigration status (private), and the states you want to see."),
        OfferForm,
    ),
    WizardStep(
        "documents",
        _("Documents"),
        _("Documents some routes ask for: a recommendation, a waiver, a certification."),
        CredentialsForm,
    ),
)
BY_SLUG = {step.slug: step for step in STEPS}


_FIELD_FACTS = {"ecfmg": "ecfmg_certified", "has_offer": "job_offer", "lives_in_us": "residence"}
"""Form fields that answer a whole fact rather than one of its parts."""


def asked_fields() -> set[str]:
    """The profile facts the wizard asks, as dotted paths with ``[]`` for rows (``training[].end``).

    The engine names a missing fact the same way (``training[0].end``): a route whose open
    questions are all outside this set could never be answered on the web.
    """
    asked: set[str] = set()
    for step in STEPS:
        for name in step.main().fields:
            name = _FIELD_FACTS.get(name, name)
            if name.startswith("exams__"):
                name = name.removesuffix("__status")  # the status answers whether it was passed
            parts = name.split("__")
            asked.update(".".join(parts[: n + 1]) for n in range(len(parts)))  # a part asks its whole too
        for key, row in step.rows:
            asked.add(key)
            asked.update(f"{key}[].{name}" for name in row().fields if name != "DELETE")
    return asked


@dataclass(frozen=True)
class Answer:
    """One answer as the review page shows it: the question, the answer in words, where to change it."""

    label: str
    value: str
    anchor: str


def _shown(field: forms.BoundField) -> str:
    """A field's answer in words: a choice's label, a place's or month's name, or "I don't know"."""
    value = field.value()
    if isinstance(field.field, forms.ChoiceField):
        choices = cast(Iterable[tuple[Any, Any]], field.field.choices)
        labels = {str(code): str(label) for code, label in choices}
        chosen = value if isinstance(value, list) else [value]
        words = [labels.get(str(v), str(v)) for v in chosen if v not in ("", None)]
        return ", ".join(words) or str(NOT_SAID)
    if value in ("", None, []):
        return str(NOT_SAID)
    return str(value)


def _skipped(profile: Data, name: str, value: Any) -> bool:
    """Details that do not apply: an offer's when there is none, a pass's when the exam is not known."""
    fact = name.split("__")[0]
    if fact in profile and profile[fact] is None and "__" in name:
        return True  # job_offer: null, residence: null
    if name.startswith("exams__") and not name.endswith("__status"):
        return value in ("", None)
    return False


def _label(form: forms.Form, field: forms.BoundField) -> str:
    if field.name.startswith("exams__") and not field.name.endswith("__status"):
        exam = field.name.rsplit("__", 1)[0]
        return f"{form.fields[exam + '__status'].label}: {field.label}"  # "USMLE Step 1: Score"
    return str(field.label)


def summary(profile: Data) -> list[tuple[WizardStep, list[Answer]]]:
    """Every question of every step with its answer, for the review before the results."""
    sections = []
    for step in STEPS:
        bound = step.bind(profile)
        answers = [
            Answer(_label(bound.main, field), _shown(field), field.auto_id)
            for field in bound.main
            if not _skipped(profile, field.name, field.value())
        ]
        for index, answer in enumerate(answers):
            if answer.anchor == "id_as_of" and not profile.get("as_of"):
                answers[index] = Answer(answer.label, str(_("Today")), answer.anchor)  # as its label says
        for key, formset in bound.rows.items():
            given = formset.forms[: formset.initial_form_count()]
            for number, form in enumerate(given, start=1):
                answers += [
                    Answer(f"{field.label} ({number})", _shown(field), field.auto_id)
                    for field in form
                    if field.name != "DELETE"
                ]
            if not given:
                label = {"training": _("Training periods"), "practice": _("Periods of practice")}.get(
                    key, _("Medical licenses")
                )
                answers.append(
                    Answer(str(label), str(NOT_SAID), f"id_{key}-0-{next(iter(formset.forms[0].fields))}")
                )
        sections.append((step, answers))
    return sections
