"""The accounts' forms: sign-up, sending the link again, naming a saved profile, deleting the account."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    _UserCreationForm = UserCreationForm[User]
else:  # Django's form classes take no type arguments at run time
    _UserCreationForm = UserCreationForm


class SignUpForm(_UserCreationForm):
    email = forms.EmailField(
        label=gettext_lazy("Email"),
        help_text=gettext_lazy("We send a link to confirm it; later, only for resetting your password."),
    )

    class Meta(UserCreationForm.Meta):
        fields = ("username", "email")

    def clean_email(self) -> str:
        return BaseUserManager.normalize_email(self.cleaned_data["email"]).strip()


class ResendForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email"))


class SaveProfileForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name for this profile"), max_length=120)


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=gettext_lazy("Your password"), widget=forms.PasswordInput)
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand: my account, saved profiles and checklists are deleted for good.")
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password
