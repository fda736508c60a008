"""The advising forms: a consent, an adviser added to an organisation, a shared link."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.contrib.auth.models import User
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imgpath.rulebook import default_rulebook
from imgpath.web.accounts.models import SavedProfile
from imgpath.web.advising import links
from imgpath.web.advising.clients import LICENSURE
from imgpath.web.advising.models import Membership, Organisation


def account_named(text: str) -> User | None:
    """The account with this username or email (case-insensitive), if there is exactly one."""
    text = text.strip()
    if not text:
        return None
    found = list(User.objects.filter(Q(username__iexact=text) | Q(email__iexact=text), is_active=True)[:2])
    return found[0] if len(found) == 1 else None


class ConsentForm(forms.Form):
    profile = forms.ModelChoiceField(queryset=SavedProfile.objects.none(), label=gettext_lazy("Profile"))
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(), required=False, label=gettext_lazy("An organisation")
    )
    adviser = forms.CharField(
        required=False, max_length=254, label=gettext_lazy("Or one adviser (username or email)")
    )
    understood = forms.BooleanField(
        label=gettext_lazy(
            "I understand that the adviser reads the whole profile, my immigration status included."
        )
    )

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["profile"].queryset = SavedProfile.objects.filter(owner=owner)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organisation = data.get("organisation")
        named = data.get("adviser", "")
        if bool(organisation) == bool(named):
            raise forms.ValidationError(_("Choose an organisation or name one adviser, not both."))
        if named:
            adviser = account_named(named)
            if (
                adviser is None
                or not Membership.objects.filter(user=adviser).exists()
                or adviser == self.owner
            ):
                self.add_error("adviser", _("No adviser of an organisation has this username or email."))
            data["adviser_account"] = adviser
        return data


class MemberForm(forms.Form):
    who = forms.CharField(max_length=254, label=gettext_lazy("Username or email"))
    role = forms.ChoiceField(
        choices=Membership.Role.choices, initial=Membership.Role.adviser, label=gettext_lazy("Role")
    )

    def clean_who(self) -> User:
        found = account_named(self.cleaned_data["who"])
        if found is None:
            raise forms.ValidationError(_("No account has this username or email."))
        return found


def route_choices() -> list[tuple[str, str]]:
    rulebook = default_rulebook()
    chosen = [(pid, r.pathway) for pid, r in rulebook.routes.items() if r.pathway.kind in LICENSURE]
    return [(pid, f"{_(pathway.name)} ({pid})") for pid, pathway in chosen]


class LinkForm(forms.Form):
    profile = forms.ModelChoiceField(queryset=SavedProfile.objects.none(), label=gettext_lazy("Profile"))
    pathway = forms.ChoiceField(choices=(), label=gettext_lazy("Route"))
    expires = forms.DateField(
        label=gettext_lazy("The link works until (included)"), widget=forms.DateInput(attrs={"type": "date"})
    )
    identity = forms.BooleanField(
        required=False, label=gettext_lazy("Show my profile's name and my immigration status on the page")
    )

    def __init__(self, *args: Any, owner: User, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["profile"].queryset = SavedProfile.objects.filter(owner=owner)  # type: ignore[attr-defined]
        self.fields["pathway"].choices = route_choices()  # type: ignore[attr-defined]
        self.fields["expires"].initial = today + timedelta(days=links.DEFAULT_DAYS)

    def clean_expires(self) -> date:
        day: date = self.cleaned_data["expires"]
        if day < self.today:
            raise forms.ValidationError(_("Choose a day from today on."))
        if day > links.latest_end(self.today):
            raise forms.ValidationError(_("A link works for a year at most."))
        return day
