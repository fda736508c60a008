"""The forms hosts and readers fill in: a listing's main fields (checked by the finder's own schema,
its errors shown on the field they are about), a report, a saved search's name."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from pydantic import ValidationError

from imgpath.finder import Opportunity, Per, visa_code
from imgpath.web.hosting.models import ListingReport
from imgpath.web.opportunities.display import KIND_LABELS
from imgpath.web.pages import places

DATE = forms.DateInput(attrs={"type": "date"})

FIELD_OF_LOCATION = {
    ("kind",): "kind",
    ("title",): "title",
    ("summary",): "summary",
    ("host", "name"): "host_name",
    ("host", "url"): "host_url",
    ("place", "state"): "state",
    ("place", "city"): "city",
    ("sessions", 0, "start"): "start",
    ("sessions", 0, "end"): "end",
    ("sessions", 0): "end",
    ("application", "deadline"): "deadline",
    ("application", "how"): "how_to_apply",
    ("application", "url"): "apply_url",
    ("application",): "deadline",
    ("cost", "application_fee", "usd"): "application_fee_usd",
    ("cost", "tuition", "usd"): "tuition_usd",
    ("visas",): "visas",
    ("reference", 0, "href"): "reference_url",
    ("reference", 0, "title"): "reference_title",
    ("reference",): "reference_url",
    ("last_verified",): "last_verified",
    (): "reference_url",
}
"""Which form field a schema error at a location is about (the whole listing: its one cross-field
rule, a real listing needs a reference)."""


def _messages() -> dict[str, str]:
    return {
        "a session cannot end before it starts": str(_("The end date cannot come before the start date.")),
        "the deadline cannot come before the window opens": str(
            _("The deadline cannot come before applications open.")
        ),
        "a real listing needs at least one reference (or demo: true)": str(
            _("Give the page where a reader can check this listing (its address and title).")
        ),
    }


class StateField(forms.ChoiceField):
    """A state of the rulebook by its code (``TN``, or ``tn`` as a host may type it in a URL or a
    script), offered by its name in the reader's language."""

    def to_python(self, value: Any) -> str:
        return str(super().to_python(value)).strip().upper()


def state_choices() -> list[tuple[str, str]]:
    """No state (remote, or several), then every state of the rulebook in the reader's order."""
    return [("", str(_("None: remote, or in several states"))), *places.states().options()]


class ListingForm(forms.Form):
    """The main fields of an opportunity; the rest of an existing document (requirements, further
    sessions, references) is kept as it was."""

    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(kind.value, label) for kind, label in KIND_LABELS.items()],
        error_messages={"invalid_choice": _("Kind: choose one of the kinds in the list.")},
    )
    title = forms.CharField(label=_("Title"), min_length=3, max_length=200)
    summary = forms.CharField(label=_("Summary"), min_length=3, max_length=4000, widget=forms.Textarea)
    host_name = forms.CharField(label=_("Host (hospital, clinic, program)"), min_length=2, max_length=200)
    host_url = forms.URLField(label=_("Host's website"), required=False, assume_scheme="https")
    state = StateField(
        label=_("State"),
        required=False,
        error_messages={"invalid_choice": _("State: choose one of the states in the list.")},
    )
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    remote = forms.BooleanField(label=_("Remote"), required=False)
    start = forms.DateField(label=_("Starts"), required=False, widget=DATE)
    end = forms.DateField(label=_("Ends"), required=False, widget=DATE)
    deadline = forms.DateField(label=_("Deadline to apply"), required=False, widget=DATE)
    application_fee_usd = forms.DecimalField(
        label=_("Application fee (US dollars)"), required=False, min_value=0, decimal_places=2
    )
    tuition_usd = forms.DecimalField(
        label=_("Fee or tuition (US dollars)"), required=False, min_value=0, decimal_places=2
    )
    tuition_per = forms.ChoiceField(
        label=_("The fee is charged"),
        choices=[
            (Per.total.value, _("for the whole program")),
            (Per.week.value, _("per week")),
            (Per.month.value, _("per month")),
            (Per.rotation.value, _("per rotation")),
        ],
        initial=Per.total.value,
    )
    free = forms.BooleanField(label=_("It costs the participant nothing"), required=False)
    visas = forms.CharField(
        label=_("Visas accepted"),
        help_text=_("Visa classes separated by commas (B1, J1, H1B); leave empty if you do not know."),
        required=False,
        max_length=200,
    )
    how_to_apply = forms.CharField(
        label=_("How to apply"), required=False, max_length=2000, widget=forms.Textarea
    )
    apply_url = forms.URLField(label=_("Application page"), required=False, assume_scheme="https")
    reference_url = forms.URLField(
        label=_("Source page (address)"),
        help_text=_("The public page that states these facts, where a reader can check them."),
        assume_scheme="https",
    )
    reference_title = forms.CharField(label=_("Source page (title)"), min_length=3, max_length=200)
    last_verified = forms.DateField(
        label=_("Last checked against the source on"),
        widget=DATE,
        help_text=_("The day you checked every fact above."),
    )

    def __init__(
        self, *args: Any, document: dict[str, Any] | None = None, today: date | None = None, **kwargs: Any
    ):
        self.document = document or {}
        self.today = today
        if document is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_from(document)
        super().__init__(*args, **kwargs)
        choices = state_choices()
        kept = self.document.get("place", {}).get("state")
        if kept and kept not in dict(choices):  # an older listing's state the rulebook lacks stays
            choices.append((kept, kept))
        self.fields["state"].choices = choices  # type: ignore[attr-defined]

    def clean_visas(self) -> list[str]:
        """Each visa class as listings store it (``J-1``, ``j1``: ``J1``); a piece that is not one is
        named in the error."""
        codes: list[str] = []
        for written in (self.cleaned_data.get("visas") or "").split(","):
            if not written.strip():
                continue
            code = visa_code(written)
            if code is None:
                raise forms.ValidationError(
                    _(
                        "Visas accepted: “%(written)s” is not a visa class. Write classes such as "
                        "B1, J1 or H1B, separated by commas."
                    ),
                    params={"written": written.strip()},
                )
            codes.append(code)
        return list(dict.fromkeys(codes))

    def clean_last_verified(self) -> date:
        day: date = self.cleaned_data["last_verified"]
        if self.today is not None and day > self.today:
            raise forms.ValidationError(_("This day has not come yet: give the day you checked."))
        return day

    def opportunity(self, slug: str) -> Opportunity | None:
        """The listing the form describes, checked by the schema; None, with each error on its field."""
        document = self._document(slug)
        if self.errors:
            return None
        try:
            return Opportunity.model_validate(document)
        except ValidationError as error:
            known = _messages()
            for problem in error.errors():
                location = tuple(problem["loc"])
                field = next(
                    (
                        FIELD_OF_LOCATION[location[:n]]
                        for n in range(len(location), -1, -1)
                        if location[:n] in FIELD_OF_LOCATION
                    ),
                    None,
                )
                text = problem["msg"].removeprefix("Value error, ")
                message = known.get(
                    text, str(_("This value is not accepted: %(problem)s")) % {"problem": text}
                )
                self.add_error(field if field in self.fields else None, message)
            return None

    def _document(self, slug: str) -> dict[str, Any]:
        data = self.cleaned_data
        document = dict(self.document)
        document.update(
            id=slug,
            kind=data["kind"],
            title=data["title"],
            summary=data["summary"],
            host={**document.get("host", {}), "name": data["host_name"], "url": data["host_url"] or None},
            place={
                **document.get("place", {}),
                "state": data["state"] or None,
                "city": data["city"] or None,
                "remote": data["remote"],
            },
            last_verified=data["last_verified"].isoformat(),
            demo=False,
        )
        sessions = list(document.get("sessions", []))
        if data["start"]:
            first = {
                "start": data["start"].isoformat(),
                "end": data["end"].isoformat() if data["end"] else None,
            }
            sessions = [first, *sessions[1:]]
        elif data["end"]:
            self.add_error("start", _("Give the start date too."))
        document["sessions"] = sessions
        document["application"] = {
            **document.get("application", {}),
            "deadline": data["deadline"].isoformat() if data["deadline"] else None,
            "how": data["how_to_apply"] or None,
            "url": data["apply_url"] or None,
        }
        cost = {**document.get("cost", {}), "free": data["free"]}
        cost["application_fee"] = (
            {"usd": float(data["application_fee_usd"]), "per": Per.total.value}
            if data["application_fee_usd"] is not None
            else None
        )
        cost["tuition"] = (
            {"usd": float(data["tuition_usd"]), "per": data["tuition_per"]}
            if data["tuition_usd"] is not None
            else None
        )
        document["cost"] = cost
        document["visas"] = data["visas"] or None
        references = list(document.get("reference", []))
        first_reference = {"title": data["reference_title"], "href": data["reference_url"]}
        document["reference"] = [first_reference, *references[1:]]
        return document


def initial_from(document: dict[str, Any]) -> dict[str, Any]:
    """The form's fields as an existing document fills them."""
    host = document.get("host", {})
    place = document.get("place", {})
    session = (document.get("sessions") or [{}])[0]
    application = document.get("application", {})
    cost = document.get("cost", {})
    tuition = cost.get("tuition") or {}
    reference = (document.get("reference") or [{}])[0]
    return {
        "kind": document.get("kind"),
        "title": document.get("title"),
        "summary": document.get("summary"),
        "host_name": host.get("name"),
        "host_url": host.get("url"),
        "state": place.get("state"),
        "city": place.get("city"),
        "remote": place.get("remote", False),
        "start": session.get("start"),
        "end": session.get("end"),
        "deadline": application.get("deadline"),
        "application_fee_usd": (cost.get("application_fee") or {}).get("usd"),
        "tuition_usd": tuition.get("usd"),
        "tuition_per": tuition.get("per", Per.total.value),
        "free": cost.get("free", False),
        "visas": ", ".join(document.get("visas") or []),
        "how_to_apply": application.get("how"),
        "apply_url": application.get("url"),
        "reference_url": reference.get("href"),
        "reference_title": reference.get("title"),
        "last_verified": document.get("last_verified"),
    }


def new_slug(title: str, taken: set[str] | Any) -> str:
    """A listing id from its title, unique (``-2``, ``-3`` ... when taken); ``taken`` answers ``in``."""
    base = (slugify(title)[:70].strip("-") or "listing").lower()
    if len(base) < 2:
        base = f"listing-{base}"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


class ReportForm(forms.ModelForm):  # type: ignore[type-arg]
    """A reader's report. Its reasons are radio buttons with none ticked (no blank "---------"
    choice), so a reader who sends it unchanged is asked, in words, to choose one."""

    reason = forms.ChoiceField(
        label=_("What is wrong"),
        choices=ListingReport.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what is wrong with the listing."),
            "invalid_choice": _("Choose what is wrong with the listing."),
        },
    )

    class Meta:
        model = ListingReport
        fields = ("reason", "text", "email")
        labels: ClassVar[dict[str, Any]] = {
            "text": _("What you saw"),
            "email": _("Your email (optional)"),
        }
        help_texts: ClassVar[dict[str, Any]] = {
            "text": _("The facts: what the listing says, what is true, and where you saw it."),
            "email": _("Only for a curator to reply. The host is never told who reported."),
        }
        error_messages: ClassVar[dict[str, Any]] = {
            "text": {"required": _("Write what you saw: what the listing says and what is true.")},
        }


class SaveSearchForm(forms.Form):
    name = forms.CharField(label=_("Name this search"), max_length=100)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)
