# ruff: noqa: RUF012  (Django's own Meta convention: labels, widgets and fields as class dicts)
"""The rounds' forms: a round, a slot, and a ranking (a number per choice, no JavaScript)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imgpath.web.matching.models import MAX_CAPACITY, ObservershipRound, Slot
from imgpath.web.opportunities.models import Listing


class RoundForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ObservershipRound
        fields = ["name", "deadline"]
        labels = {"name": gettext_lazy("Name of the round"), "deadline": gettext_lazy("Ranking deadline")}
        help_texts = {"deadline": gettext_lazy("Applicants can rank the slots until this day, included.")}
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}


class SlotForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Slot
        fields = ["listing", "start", "end", "capacity"]
        labels = {
            "listing": gettext_lazy("Observership"),
            "start": gettext_lazy("First day"),
            "end": gettext_lazy("Last day"),
            "capacity": gettext_lazy("Observers it takes"),
        }
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, listings: QuerySet[Listing], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["listing"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = listings  # only the host's own observerships: any other id is an invalid choice
        capacity = self.fields["capacity"]
        assert isinstance(capacity, forms.IntegerField)
        capacity.widget.attrs.update({"min": 1, "max": MAX_CAPACITY})

    def clean_capacity(self) -> int:
        value: int = self.cleaned_data["capacity"]
        if not 1 <= value <= MAX_CAPACITY:
            raise forms.ValidationError(
                _("A slot takes from 1 to %(most)d observers.") % {"most": MAX_CAPACITY}, code="capacity"
            )
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The last day comes on or after the first day."))
        return data


class RankingForm(forms.Form):
    """A number per choice: 1 for the one wanted most, blank for one not wanted; no number twice."""

    def __init__(self, *args: Any, choices: Sequence[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        most = max(len(choices), 1)
        for key, label in choices:
            self.fields[f"rank-{key}"] = forms.IntegerField(
                label=label,
                required=False,
                min_value=1,
                max_value=most,
                widget=forms.NumberInput(attrs={"min": 1, "max": most}),
            )

    def ranks(self) -> dict[int, int]:
        """Each ranked choice's key and rank, renumbered 1, 2, 3 in the order given."""
        given = sorted(
            (value, int(name.removeprefix("rank-")))
            for name, value in self.cleaned_data.items()
            if value is not None
        )
        return {key: place for place, (_value, key) in enumerate(given, start=1)}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        numbers = [value for value in data.values() if value is not None]
        if len(numbers) != len(set(numbers)):
            raise forms.ValidationError(
                _("Give each number once: two choices cannot share a rank."), code="tie"
            )
        return data
