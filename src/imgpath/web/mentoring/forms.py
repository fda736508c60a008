"""The mentor's profile (with the pledge and the code of conduct), the mentee's request and a report.
Routes are listed by name in the reader's language; specialties are the project's list."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from imgpath.matching import route_catalogue
from imgpath.messages import message
from imgpath.web.lib.sentences import say
from imgpath.web.mentoring.models import MentoringReport, MentorProfile, MentorshipRequest
from imgpath.web.opportunities.display import specialty_choices
from imgpath.web.pages import places
from imgpath.web.pages.forms import PlaceField

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

LANGUAGES = (
    "ar",
    "bn",
    "de",
    "en",
    "es",
    "fa",
    "fr",
    "hi",
    "it",
    "ko",
    "pl",
    "pt",
    "ru",
    "tr",
    "uk",
    "ur",
    "vi",
)
"""The languages a mentor or a mentee can name (ISO 639-1), shown by Django's own translated names."""


def language_choices() -> list[tuple[str, str]]:
    from django.utils.translation import get_language_info

    shown = [(code, str(get_language_info(code)["name_translated"])) for code in LANGUAGES]
    return sorted(shown, key=lambda choice: choice[1].casefold())


def route_choices() -> list[tuple[str, str]]:
    """Every route a mentor took or a mentee seeks: the rulebook's pathways by name, then the kinds of
    route (for a mentee who has not chosen one), in the reader's language and order."""
    pathways: list[tuple[str, str]] = []
    kinds: list[tuple[str, str]] = []
    for route, info in route_catalogue().items():
        if info.pathway is None:
            kinds.append((route, say(message(f"mentors.kind.{info.kind}"), gettext)))
        else:
            name = gettext(info.name) if info.name else route
            pathways.append((route, f"{name} ({info.state})" if info.state else name))
    return [
        (str(_("A route in a state")), sorted(pathways, key=lambda c: c[1].casefold())),  # type: ignore[list-item]
        (str(_("Any route of a kind")), sorted(kinds, key=lambda c: c[1].casefold())),  # type: ignore[list-item]
    ]


def datalists() -> dict[str, list[str]]:
    lang = get_language()
    return {
        "countries": [name for _code, name in places.countries().options(lang)],
        "states": [name for _code, name in places.states().options(lang)],
    }


class _Common(forms.ModelForm):  # type: ignore[type-arg]
    route = forms.ChoiceField(label=_("Route"), choices=route_choices)
    specialty = forms.ChoiceField(label=_("Specialty"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=language_choices, widget=forms.CheckboxSelectMultiple
    )
    states = PlaceField(
        _("US states"), places.states, "states", _("Type their names, separated by commas"), True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        none: list[tuple[str, StrOrPromise]] = [("", _("Not said"))]
        self.fields["specialty"].choices = none + specialty_choices()  # type: ignore[attr-defined]


class MentorForm(_Common):
    countries = PlaceField(
        _("Countries where you trained or practiced"),
        places.countries,
        "countries",
        _("Type their names, separated by commas"),
        True,
    )
    pledge = forms.BooleanField(
        label=_("I accept the no-fee pledge: I will ask for and accept no payment, gift or paid service.")
    )
    conduct = forms.BooleanField(label=_("I accept the code of conduct for mentors."))

    class Meta:
        model = MentorProfile
        fields = (
            "name",
            "route",
            "specialty",
            "languages",
            "countries",
            "states",
            "capacity",
            "available_from",
            "available_until",
            "active",
        )
        widgets = {  # noqa: RUF012
            "available_from": forms.DateInput(attrs={"type": "date"}),
            "available_until": forms.DateInput(attrs={"type": "date"}),
        }

    def clean_capacity(self) -> int:
        capacity: int = self.cleaned_data["capacity"]
        if capacity > 20:
            raise forms.ValidationError(_("At most 20 mentees at a time."))
        return capacity

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        start, until = data.get("available_from"), data.get("available_until")
        if isinstance(start, date) and isinstance(until, date) and until < start:
            self.add_error("available_until", _("The end comes before the start."))
        return data


class RequestForm(_Common):
    country = PlaceField(_("Country where you trained"), places.countries, "countries")

    class Meta:
        model = MentorshipRequest
        fields = (
            "name",
            "route",
            "specialty",
            "languages",
            "country",
            "states",
            "needs_from",
            "months",
            "needs",
        )
        widgets = {  # noqa: RUF012
            "needs_from": forms.DateInput(attrs={"type": "date"}),
            "needs": forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
        }
        help_texts = {  # noqa: RUF012
            "needs": _(
                "Exams, interviews, a license application... The mentors proposed to you read all of this "
                "request: do not write your immigration status or anything you would not share."
            )
        }

    def clean_months(self) -> int:
        months: int = self.cleaned_data["months"]
        if not 1 <= months <= 60:
            raise forms.ValidationError(_("Between 1 and 60 months."))
        return months


class ReportForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = MentoringReport
        fields = ("text",)
        widgets = {"text": forms.Textarea(attrs={"rows": 5, "maxlength": 2000})}  # noqa: RUF012
