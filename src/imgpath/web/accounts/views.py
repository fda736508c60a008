"""Account pages: sign up, throttled log in, saved profiles, download everything, delete everything.

Every object view looks the object up through ``request.user``: another user's id is a 404.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, get_user_model, login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.contrib.auth.views import LoginView, PasswordResetView
from django.contrib.sessions.models import Session
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from imgpath.web import throttle
from imgpath.web.accounts import throttles
from imgpath.web.accounts.auth import AuthenticatedHttpRequest
from imgpath.web.accounts.forms import DeleteAccountForm, ResendForm, SaveProfileForm, SignUpForm
from imgpath.web.accounts.models import Reader, SavedProfile
from imgpath.web.accounts.tokens import verification
from imgpath.web.alerts.models import Alert
from imgpath.web.lib.session import session_profile, store_profile
from imgpath.web.plans import feeds
from imgpath.web.plans.models import FeedToken

PENDING_KEY = "imgpath_signup_pending"
"""The session key naming the account this browser just signed up: its link then logs it in."""


def _send(request: HttpRequest, user: User, template: str) -> None:
    """One email to ``user``, at most VERIFICATION_EMAILS an hour to one address whoever asks."""
    if throttle.exceeded("account-emails", user.email.casefold(), throttles.VERIFICATION_EMAILS):
        return
    context = {
        "user": user,
        "protocol": "https" if request.is_secure() else "http",
        "domain": request.get_host(),
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": verification.make_token(user),
    }
    subject = "".join(render_to_string(f"registration/{template}_subject.txt", context).splitlines())
    body = render_to_string(f"registration/{template}_email.txt", context)
    send_mail(subject, body, None, [user.email])


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Create an inactive account and email a link to confirm the address; the account works once
    the link is opened. An address already in use gets a notice instead, and the visitor sees the
    same page either way, so nobody learns from this form who has an account."""
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():  # a typo in the form is not counted
        if throttle.address_exceeded(request, "signups", throttles.SIGNUPS):
            context = {"form": form, "throttled": True}
            response = render(request, "accounts/signup.html", context, status=429)
            response["Retry-After"] = str(throttles.SIGNUPS.seconds)
            return response
        email = form.cleaned_data["email"]
        existing = get_user_model().objects.filter(email__iexact=email).first()
        if existing is None:
            try:
                with transaction.atomic():
                    user = form.save(commit=False)
                    user.is_active = False
                    user.save()
            except IntegrityError:  # the same address, or the same username, at the same moment
                existing = get_user_model().objects.filter(email__iexact=email).first()
                if existing is None:
                    taken = get_user_model()._meta.get_field("username").error_messages["unique"]
                    form.add_error("username", taken)  # Django's own words, translated by Django
                    return render(request, "accounts/signup.html", {"form": form}, status=400)
            else:
                request.session[PENDING_KEY] = user.pk
                _send(request, user, "verify")
        if existing is not None:
            make_password(form.cleaned_data["password1"])  # the same work as a new account: no timing tell
            _send(request, existing, "account_exists")
        request.session["imgpath_signup_email"] = email
        return redirect("signup_sent")
    return render(request, "accounts/signup.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def signup_sent(request: HttpRequest) -> HttpResponse:
    """The page that says to check one's email, with a form that sends the link again to an account
    not yet confirmed."""
    form = ResendForm(request.POST or None, initial={"email": request.session.get("imgpath_signup_email")})
    resent = False
    if request.method == "POST":
        if throttle.address_exceeded(request, "signups", throttles.SIGNUPS):
            response = render(request, "accounts/signup_sent.html", {"form": form, "throttled": True})
            response.status_code = 429
            response["Retry-After"] = str(throttles.SIGNUPS.seconds)
            return response
        if form.is_valid():
            waiting = get_user_model().objects.filter(
                email__iexact=form.cleaned_data["email"], is_active=False
            )
            for user in waiting:
                _send(request, user, "account_exists")
            resent = True
    context = {"form": form, "resent": resent, "email": request.session.get("imgpath_signup_email", "")}
    return render(request, "accounts/signup_sent.html", context)


def verify_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """Open the link from the email: the account becomes active. The browser that signed up is
    logged in; any other (a mail scanner opening links, say) is only told to log in."""
    try:
        user = get_user_model().objects.get(pk=int(urlsafe_base64_decode(uidb64).decode()))
    except (ValueError, OverflowError, get_user_model().DoesNotExist):
        user = None
    if user is None or not verification.check_token(user, token):
        return render(request, "accounts/verify_failed.html", status=400)
    user.is_active = True
    user.save(update_fields=["is_active"])
    if request.session.pop(PENDING_KEY, None) == user.pk:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Your email is confirmed. Welcome: you can now save your profile."))
        return redirect("account")
    messages.success(request, _("Your email is confirmed. Log in to use your account."))
    return redirect("login")


class ThrottledPasswordResetView(PasswordResetView):
    """Django's password reset, refusing with 429 when one address asks for too many emails."""

    template_name = "accounts/password_reset.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if throttles.reset_requests_exceeded(request):
            form = self.get_form()
            context = self.get_context_data(form=form, throttled=True)
            response = self.render_to_response(context, status=429)
            response["Retry-After"] = str(throttles.RESET_REQUESTS.seconds)
            return response
        return super().post(request, *args, **kwargs)


class ThrottledLoginView(LoginView):
    """Django's log-in, refusing with 429 after too many failures for one username and address."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        username = request.POST.get("username", "")
        if throttles.login_refused(request, username):
            form = AuthenticationForm(request, data=None)
            context = self.get_context_data(form=form, throttled=True)
            response = self.render_to_response(context, status=429)
            response["Retry-After"] = str(settings.LOGIN_WINDOW_SECONDS)
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        throttles.login_succeeded(self.request, self.request.POST.get("username", ""))
        return super().form_valid(form)


@login_required
def account(request: AuthenticatedHttpRequest) -> HttpResponse:
    profiles = SavedProfile.objects.filter(owner=request.user)
    return render(
        request,
        "accounts/account.html",
        {
            "profiles": profiles,
            "save_form": SaveProfileForm(),
            "has_session_profile": bool(session_profile(request)),
            "upcoming": feeds.upcoming(request.user),
            "upcoming_days": feeds.UPCOMING_DAYS,
            "has_feed": FeedToken.objects.filter(owner=request.user).exists(),
            "feed_url": request.session.pop(feeds.FEED_URL_KEY, None),
            "alerts": Alert.objects.filter(owner=request.user).select_related("profile"),
        },
    )


@login_required
@require_POST
def save_profile(request: AuthenticatedHttpRequest) -> HttpResponse:
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


def _owned(request: AuthenticatedHttpRequest, pk: int) -> SavedProfile:
    return get_object_or_404(SavedProfile, pk=pk, owner=request.user)


@login_required
def profile_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    saved = _owned(request, pk)
    text = json.dumps(saved.data, indent=2, ensure_ascii=False)
    return render(request, "accounts/profile.html", {"saved": saved, "text": text})


@login_required
@require_POST
def profile_open(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Load a saved profile into the session: the wizard and results then work on it."""
    saved = _owned(request, pk)
    store_profile(request, dict(saved.data))
    request.session["saved_profile_id"] = saved.pk
    return redirect("results")


@login_required
@require_POST
def profile_update(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Replace a saved profile with the one in the session (after editing it in the wizard)."""
    saved = _owned(request, pk)
    data = session_profile(request)
    if data:
        # one UPDATE of the owner's row: deleted in another tab meanwhile, it is a 404, not a 500
        changed = SavedProfile.objects.filter(pk=saved.pk, owner=request.user).update(
            data=data, updated=timezone.now()
        )
        if not changed:
            raise Http404
        messages.success(request, _("Profile updated."))
    return redirect("saved_profile", pk=saved.pk)


@login_required
@require_POST
def profile_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    saved = _owned(request, pk)
    saved.delete()
    messages.success(request, _("Profile deleted."))
    return redirect("account")


@login_required
def profile_download(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    saved = _owned(request, pk)
    response = JsonResponse(saved.data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="profile-{saved.pk}.json"'
    return response


def export_data(user: User) -> dict[str, Any]:
    """Everything the account holds, in one JSON document."""
    return {
        "exported": timezone.now().isoformat(),
        "account": {
            "username": user.username,
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            # the language the emails are written in: the one the site was last read in
            "language": Reader.objects.filter(user=user).values_list("language", flat=True).first(),
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
                # the listings added to a plan (the plans app's PlanAddition, by its reverse name)
                "additions": [
                    {
                        "pathway": added.pathway,
                        "listing": added.listing.slug,
                        "title": added.listing.title,
                        "added": added.added.isoformat(),
                    }
                    for added in p.plan_additions.all()
                ],
            }
            for p in SavedProfile.objects.filter(owner=user).prefetch_related(
                "checklist", "plan_additions__listing"
            )
        ],
        "saved_searches": [
            {"name": s.name, "query": s.query, "created": s.created.isoformat()}
            for s in user.saved_searches.all()  # the feed's secret is not kept, so not exported
        ],
        "alerts": [
            {
                "profile": a.profile_id,
                "pathway": a.pathway,
                "changes": a.changes,
                "before": a.before,
                "after": a.after,
                "created": a.created.isoformat(),
                "read": a.read,
            }
            for a in Alert.objects.filter(owner=user)
        ],
    }


@login_required
def download_all(request: AuthenticatedHttpRequest) -> HttpResponse:
    response = JsonResponse(export_data(request.user), json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="imgpath-my-data.json"'
    return response


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
def delete_account(request: AuthenticatedHttpRequest) -> HttpResponse:
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
    return render(request, "accounts/delete.html", {"form": form}, status=400 if form.errors else 200)
