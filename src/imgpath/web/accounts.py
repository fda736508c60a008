"""Accounts: sign up, throttled log in, saved profiles, download everything, delete everything.

Every object view looks the object up through ``request.user``: another user's id is a 404.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, get_user_model, login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm
from django.contrib.auth.views import LoginView, PasswordResetView
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from imgpath.web import feeds, throttle
from imgpath.web.models import FeedToken, SavedProfile
from imgpath.web.session import session_profile, store_profile


class SignUpForm(UserCreationForm):  # type: ignore[type-arg]
    email = forms.EmailField(
        label=gettext_lazy("Email"), help_text=gettext_lazy("Only for resetting your password.")
    )

    class Meta(UserCreationForm.Meta):
        fields = ("username", "email")


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome. You can now save your profile."))
        return redirect("account")
    return render(request, "web/accounts/signup.html", {"form": form}, status=400 if form.errors else 200)


class ThrottledPasswordResetView(PasswordResetView):
    """Django's password reset, refusing with 429 when one address asks for too many emails."""

    template_name = "web/accounts/password_reset.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if throttle.reset_requests_exceeded(request):
            form = self.get_form()
            context = self.get_context_data(form=form, throttled=True)
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)


class ThrottledLoginView(LoginView):
    """Django's log-in, refusing with 429 after too many failures for one username and address."""

    template_name = "web/accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        username = request.POST.get("username", "")
        if throttle.blocked(request, username):
            form = AuthenticationForm(request, data=None)
            context = self.get_context_data(form=form, throttled=True)
            return self.render_to_response(context, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        throttle.record_failure(self.request, self.request.POST.get("username", ""))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        throttle.reset(self.request, self.request.POST.get("username", ""))
        return super().form_valid(form)


class SaveProfileForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name for this profile"), max_length=120)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    profiles = SavedProfile.objects.filter(owner=request.user)
    return render(
        request,
        "web/accounts/account.html",
        {
            "profiles": profiles,
            "save_form": SaveProfileForm(),
            "has_session_profile": bool(session_profile(request)),
            "upcoming": feeds.upcoming(request.user),
            "upcoming_days": feeds.UPCOMING_DAYS,
            "has_feed": FeedToken.objects.filter(owner=request.user).exists(),
            "feed_url": request.session.pop(feeds.FEED_URL_KEY, None),
        },
    )


@login_required
@require_POST
def save_profile(request: HttpRequest) -> HttpResponse:
    form = SaveProfileForm(request.POST)
    data = session_profile(request)
    if not data:
        messages.error(request, _("There is no profile in this session to save yet."))
        return redirect("account")
    if not form.is_valid():
        messages.error(request, _("Give the profile a name."))
        return redirect("account")
    SavedProfile.objects.create(owner=request.user, name=form.cleaned_data["name"], data=data)
    messages.success(request, _("Profile saved."))
    return redirect("account")


def _owned(request: HttpRequest, pk: int) -> SavedProfile:
    return get_object_or_404(SavedProfile, pk=pk, owner=request.user)


@login_required
def profile_detail(request: HttpRequest, pk: int) -> HttpResponse:
    saved = _owned(request, pk)
    text = json.dumps(saved.data, indent=2, ensure_ascii=False)
    return render(request, "web/accounts/profile.html", {"saved": saved, "text": text})


@login_required
@require_POST
def profile_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Load a saved profile into the session: the wizard and results then work on it."""
    saved = _owned(request, pk)
    store_profile(request, dict(saved.data))
    request.session["saved_profile_id"] = saved.pk
    return redirect("results")


@login_required
@require_POST
def profile_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Replace a saved profile with the one in the session (after editing it in the wizard)."""
    saved = _owned(request, pk)
    data = session_profile(request)
    if data:
        saved.data = data
        saved.save(update_fields=["data", "updated"])
        messages.success(request, _("Profile updated."))
    return redirect("saved_profile", pk=saved.pk)


@login_required
@require_POST
def profile_delete(request: HttpRequest, pk: int) -> HttpResponse:
    saved = _owned(request, pk)
    saved.delete()
    messages.success(request, _("Profile deleted."))
    return redirect("account")


@login_required
def profile_download(request: HttpRequest, pk: int) -> HttpResponse:
    saved = _owned(request, pk)
    response = JsonResponse(saved.data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="profile-{saved.pk}.json"'
    return response


def export_data(user: Any) -> dict[str, Any]:
    """Everything the account holds, in one JSON document."""
    return {
        "exported": timezone.now().isoformat(),
        "account": {
            "username": user.username,
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "profiles": [
            {
                "id": p.pk,
                "name": p.name,
                "created": p.created.isoformat(),
                "updated": p.updated.isoformat(),
                "profile": p.data,
                "checklist": [
                    {
                        "pathway": item.pathway,
                        "step": item.step,
                        "status": item.status,
                        "due": item.due.isoformat() if item.due else None,
                        "started": item.started.isoformat() if item.started else None,
                        "finished": item.finished.isoformat() if item.finished else None,
                        "note": item.note,
                    }
                    for item in p.checklist.all()
                ],
            }
            for p in SavedProfile.objects.filter(owner=user).prefetch_related("checklist")
        ],
    }


@login_required
def download_all(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(export_data(request.user), json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="imgpath-my-data.json"'
    return response


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=gettext_lazy("Your password"), widget=forms.PasswordInput)
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand: my account, saved profiles and checklists are deleted for good.")
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


def _end_sessions_of(user_id: int) -> None:
    """Delete every session of the account, on every device: each can hold a working profile with
    the person's immigration status. Sessions live in the database (settings.SESSION_ENGINE)."""
    ended = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if session.get_decoded().get(SESSION_KEY) == str(user_id)
    ]
    Session.objects.filter(pk__in=ended).delete()


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = get_user_model().objects.get(pk=request.user.pk)
        with transaction.atomic():
            SavedProfile.objects.filter(owner=user).delete()  # checklists cascade
            _end_sessions_of(user.pk)
            user.delete()
        logout(request)
        messages.success(request, _("Your account and everything it held are deleted."))
        return redirect("home")
    return render(request, "web/accounts/delete.html", {"form": form}, status=400 if form.errors else 200)
