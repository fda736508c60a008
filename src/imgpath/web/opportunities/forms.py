"""The search page's filters: a GET form whose valid fields become the finder's ``Filters``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from imgpath.finder import Filters, OpportunityKind
from imgpath.rulebook import default_rulebook
from imgpath.web.opportunities.display import KIND_LABELS

YES_NO = (("", _("Either")), ("yes", _("Yes")), ("no", _("No")))


def state_choices() -> list[tuple[str, str]]:
    jurisdictions = default_rulebook().jurisdictions.values()
    states = sorted(
        ((j.jurisdiction.removeprefix("US-"), j.name) for j in jurisdictions if j.jurisdiction != "US"),
        key=lambda item: item[1],
    )
    return [("", str(_("All states"))), *states]


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
    specialty = forms.RegexField(
        label=_("Specialty"),
        required=False,
        regex=r"^[a-z][a-z0-9_]*$",
        max_length=60,
        help_text=_("As in your profile, for example internal_medicine."),
        error_messages={
            "invalid": _("Write the specialty in lower case with underscores: internal_medicine.")
        },
    )
    cost_at_most = forms.DecimalField(
        label=_("Costs at most (USD)"), required=False, min_value=0, max_digits=9, decimal_places=2
    )
    visa = forms.RegexField(
        label=_("Visa accepted"),
        required=False,
        regex=r"^[A-Za-z0-9]{1,6}$",
        help_text=_("For example J1, H1B or B1."),
        error_messages={"invalid": _("Write a visa class such as J1 or H1B.")},
    )
    deadline_after = forms.DateField(
        label=_("Still open after"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    hands_on = forms.ChoiceField(label=_("Hands-on"), required=False, choices=YES_NO)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = state_choices()  # type: ignore[attr-defined]

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
            visa=visa.upper() if visa else None,
            deadline_after=data.get("deadline_after"),
            hands_on=yes_no("hands_on"),
            query=(data.get("q") or "").strip() or None,
        )
