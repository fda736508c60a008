"""The search page's filters: a GET form whose valid fields become the finder's ``Filters``."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from imgpath.finder import Filters, OpportunityKind, visa_code
from imgpath.web.opportunities import display
from imgpath.web.opportunities.display import KIND_LABELS
from imgpath.web.pages import places

SPECIALTY_CODE = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
YES_NO = (("", _("Either")), ("yes", _("Yes")), ("no", _("No")))


def state_choices() -> list[tuple[str, str]]:
    """Every state of the rulebook by its name in the reader's language, in the reader's order."""
    return [("", str(_("All states"))), *places.states().options()]


def specialty_choices(asked: object = None) -> list[tuple[str, str]]:
    """The specialties listings name, in the reader's words; a code asked for in the URL that we have
    no label for (``sports_medicine``) is offered too, so an older link keeps working."""
    choices = display.specialty_choices()
    if isinstance(asked, str) and SPECIALTY_CODE.match(asked) and asked not in dict(choices):
        choices.append((asked, str(display.specialty_label(asked))))
    return [("", str(_("Any specialty"))), *choices]


class FinderForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    kind = forms.MultipleChoiceField(
        label=_("Kind"),
        required=False,
        choices=[(k.value, label) for k, label in KIND_LABELS.items()],
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    state = forms.ChoiceField(label=_("State"), required=False)
    remote = forms.ChoiceField(label=_("Remote"), required=False, choices=YES_NO)
    specialty = forms.ChoiceField(label=_("Specialty"), required=False)
    cost_at_most = forms.DecimalField(
        label=_("Costs at most (USD)"), required=False, min_value=0, max_digits=9, decimal_places=2
    )
    visa = forms.CharField(
        label=_("Visa accepted"),
        required=False,
        max_length=20,
        help_text=_("For example J-1, H-1B or B-1."),
    )
    deadline_after = forms.DateField(
        label=_("Still open after"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    hands_on = forms.ChoiceField(label=_("Hands-on"), required=False, choices=YES_NO)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = state_choices()  # type: ignore[attr-defined]
        self.fields["specialty"].choices = specialty_choices(self.data.get("specialty"))  # type: ignore[attr-defined]

    def clean_visa(self) -> str | None:
        """The stored code (``J1``) however the visa is written: J-1, j1, H-1B, B-1/B-2."""
        text = self.cleaned_data.get("visa") or ""
        if not text.strip():
            return None
        code = visa_code(text)
        if code is None:
            raise forms.ValidationError(_("Write a visa class such as J-1, H-1B or B-1."))
        return code

    def filters(self) -> Filters:
        """The valid fields as filters (a field with an error does not narrow the search)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}

        def yes_no(name: str) -> bool | None:
            value = data.get(name)
            return {"yes": True, "no": False}.get(value) if isinstance(value, str) else None

        cost = data.get("cost_at_most")
        visa = data.get("visa")
        return Filters(
            kinds=tuple(OpportunityKind(k) for k in data.get("kind") or ()),
            state=data.get("state") or None,
            remote=yes_no("remote"),
            specialty=data.get("specialty") or None,
            cost_at_most=float(cost) if cost is not None else None,
            visa=visa or None,
            deadline_after=data.get("deadline_after"),
            hands_on=yes_no("hands_on"),
            query=(data.get("q") or "").strip() or None,
        )
