"""Accounts: sign up, throttled log in, password reset, saved profiles, export and deletion.

Authorisation reads as sentences over named personas: alice owns a profile, bob is another user,
and an anonymous visitor has no account. Nobody but alice sees or changes alice's profile.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client, override_settings
from django.urls import URLResolver, get_resolver
from django.utils.http import urlsafe_base64_encode

from imgpath.web.accounts.models import SavedProfile
from imgpath.web.lib.session import PROFILE_KEY
from imgpath.web.plans.models import ChecklistItem
from passwords import PASSWORD

# every URL that takes a saved profile's id, with the method it answers
OBJECT_URLS = [
    ("get", "/account/profiles/{pk}/"),
    ("get", "/account/profiles/{pk}/download/"),
    ("post", "/account/profiles/{pk}/open/"),
    ("post", "/account/profiles/{pk}/update/"),
    ("post", "/account/profiles/{pk}/delete/"),
    ("get", "/api/v1/me/profiles/{pk}"),
    ("delete", "/api/v1/me/profiles/{pk}"),
    ("get", "/api/v1/me/profiles/{pk}/plan"),
    ("get", "/account/profiles/{pk}/plans/"),
    ("get", "/account/profiles/{pk}/plans/chart.svg"),
    ("get", "/account/profiles/{pk}/plans/{pathway}/"),
    ("get", "/account/profiles/{pk}/plans/{pathway}/chart.svg"),
    ("get", "/account/profiles/{pk}/plans/{pathway}/plan.ics"),
    ("get", "/account/profiles/{pk}/checklist/{pathway}/"),
    ("post", "/account/profiles/{pk}/checklist/{pathway}/"),
    ("post", "/account/profiles/{pk}/plans/{pathway}/additions/"),
    ("post", "/account/profiles/{pk}/plans/{pathway}/additions/remove/"),
    ("get", "/advising/clients/{pk}/"),  # an adviser's read of a shared profile: nobody else's
    ("post", "/account/sharing/{pk}/revoke/"),  # a consent's id: only its profile's owner revokes it
    ("post", "/account/links/{pk}/revoke/"),  # a shared link's id: only its profile's owner revokes it
    ("post", "/account/alerts/{pk}/read/"),  # an alert's id; tests/web/alerts uses a real one
    # mentoring's ids (a request's, a proposal's, a round's): tests/web/mentoring uses real ones
    ("post", "/mentoring/request/{pk}/withdraw/"),
    ("get", "/mentoring/proposals/{pk}/"),
    ("post", "/mentoring/proposals/{pk}/accept/"),
    ("post", "/mentoring/proposals/{pk}/decline/"),
    ("get", "/mentoring/proposals/{pk}/report/"),
    ("get", "/mentoring/coordinate/rounds/{pk}/"),
]
ADVISERS_ONLY = {
    "/advising/clients/{pk}/",
    "/mentoring/proposals/{pk}/",
    "/mentoring/proposals/{pk}/report/",
    "/mentoring/coordinate/rounds/{pk}/",
}
"""Read by an adviser under a consent (or, for mentoring's, by a side or a coordinator), not by the
profile's owner (tests/web/advising and tests/web/mentoring cover both)."""
PATHWAY = "us-va.traditional"
"""The route in URLs that also take one (plans and checklists)."""


def _routes(patterns: list[Any], prefix: str = "") -> list[str]:
    found = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found += _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            found.append(prefix + str(pattern.pattern))
    return found


def test_every_url_with_an_object_id_is_in_the_authorisation_tests() -> None:
    with_ids = {
        "/"
        + route.replace("<int:pk>", "{pk}")
        .replace("<profile_id>", "{pk}")
        .replace("<str:pathway_id>", "{pathway}")
        for route in _routes(get_resolver().url_patterns)
        if "<int:pk>" in route or "<profile_id>" in route
    }
    assert with_ids == {url for _, url in OBJECT_URLS}


@pytest.mark.parametrize(("method", "url"), OBJECT_URLS)
def test_it_validates_ownership(as_bob: Client, alice_profile: SavedProfile, method: str, url: str) -> None:
    response = getattr(as_bob, method)(url.format(pk=alice_profile.pk, pathway=PATHWAY))
    assert response.status_code == 404
    assert SavedProfile.objects.filter(pk=alice_profile.pk, data=alice_profile.data).exists()


@pytest.mark.parametrize(("method", "url"), OBJECT_URLS)
def test_anonymous_visitors_see_no_profile(
    anonymous: Client, alice_profile: SavedProfile, method: str, url: str
) -> None:
    response = getattr(anonymous, method)(url.format(pk=alice_profile.pk, pathway=PATHWAY))
    assert response.status_code in (302, 401, 403)
    if response.status_code == 302:
        assert response["Location"].startswith("/account/login/")
    assert SavedProfile.objects.filter(pk=alice_profile.pk).exists()
    assert "Alice" not in response.content.decode()


@pytest.mark.parametrize(
    ("method", "url"), [u for u in OBJECT_URLS if u[0] == "get" and u[1] not in ADVISERS_ONLY]
)
def test_the_owner_sees_her_profile(
    as_alice: Client, alice_profile: SavedProfile, method: str, url: str
) -> None:
    response = as_alice.get(url.format(pk=alice_profile.pk, pathway=PATHWAY))
    assert response.status_code == 200


def test_lists_show_only_your_own_profiles(as_bob: Client, alice_profile: SavedProfile) -> None:
    assert "Alice&#x27;s internist" not in as_bob.get("/account/").content.decode()
    assert as_bob.get("/api/v1/me/profiles").json() == []


def test_the_owner_opens_her_profile_into_the_session(as_alice: Client, alice_profile: SavedProfile) -> None:
    response = as_alice.post(f"/account/profiles/{alice_profile.pk}/open/")
    assert response["Location"] == "/results/"
    assert as_alice.session[PROFILE_KEY] == alice_profile.data


def test_the_owner_deletes_her_profile(as_alice: Client, alice_profile: SavedProfile) -> None:
    as_alice.post(f"/account/profiles/{alice_profile.pk}/delete/")
    assert not SavedProfile.objects.filter(pk=alice_profile.pk).exists()


def _link(body: object) -> str:
    """The verification link in an email's body (Django types a body as text or lazy text)."""
    match = re.search(r"https?://testserver(/account/verify/[^\s]+/)", str(body))
    assert match, body
    return match.group(1)


def test_sign_up_confirms_the_email_then_logs_in_and_saves_the_session_profile(anonymous: Client) -> None:
    anonymous.post("/profile/", {"action": "example"})
    response = anonymous.post(
        "/account/signup/",
        {"username": "carol", "email": "carol@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response["Location"] == "/account/signup/sent/"
    assert not User.objects.get(username="carol").is_active
    assert anonymous.post("/account/login/", {"username": "carol", "password": PASSWORD}).status_code == 400
    (email,) = mail.outbox
    assert email.to == ["carol@example.org"]
    assert "carol" in email.body
    confirmed = anonymous.get(_link(email.body))
    assert confirmed["Location"] == "/account/"  # the browser that signed up is logged in
    anonymous.post("/account/profiles/save/", {"name": "Mine"})
    saved = SavedProfile.objects.get(owner__username="carol")
    assert saved.name == "Mine"
    assert saved.data["job_offer"]["state"] == "TN"
    assert anonymous.get(_link(email.body)).status_code == 400  # a link works once


def test_a_confirmation_link_opened_elsewhere_confirms_but_does_not_log_in(anonymous: Client) -> None:
    """A mail scanner opening links gets no session: the person logs in themselves."""
    anonymous.post(
        "/account/signup/",
        {"username": "carol", "email": "carol@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    scanner = Client()
    assert scanner.get(_link(mail.outbox[0].body))["Location"] == "/account/login/"
    assert scanner.get("/account/").status_code == 302
    assert User.objects.get(username="carol").is_active
    assert scanner.post("/account/login/", {"username": "carol", "password": PASSWORD}).status_code == 302


def test_a_tampered_or_foreign_link_is_refused(anonymous: Client, alice: User) -> None:
    anonymous.post(
        "/account/signup/",
        {"username": "carol", "email": "carol@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    link = _link(mail.outbox[0].body)
    uid, token = link.split("/")[-3:-1]
    assert anonymous.get(f"/account/verify/{uid}/{token[:-2]}xx/").status_code == 400
    assert anonymous.get(f"/account/verify/!!!/{token}/").status_code == 400
    alices = urlsafe_base64_encode(str(alice.pk).encode())
    assert anonymous.get(f"/account/verify/{alices}/{token}/").status_code == 400  # another account
    assert not User.objects.get(username="carol").is_active


def test_one_account_per_email_whatever_its_case_and_the_form_says_nothing(
    alice: User, anonymous: Client
) -> None:
    """The same page whether the address is taken or not, so the form tells nobody who has an
    account; the owner of the address gets a notice instead of a second account."""
    response = anonymous.post(
        "/account/signup/",
        {"username": "mallory", "email": "ALICE@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response["Location"] == "/account/signup/sent/"
    assert not User.objects.filter(username="mallory").exists()
    (notice,) = mail.outbox
    assert notice.to == ["alice@example.org"]
    assert "already has one" in notice.body


def test_the_database_refuses_a_second_account_for_one_email(alice: User) -> None:
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("alice2", "Alice@Example.org", PASSWORD)
    User.objects.create_user("nomail1", "", PASSWORD)
    User.objects.create_user("nomail2", "", PASSWORD)  # accounts without email are not limited


def test_sign_ups_and_verification_emails_are_limited(anonymous: Client) -> None:
    from imgpath.web.accounts.throttles import SIGNUPS, VERIFICATION_EMAILS

    codes = []
    for number in range(SIGNUPS.times + 1):
        form = {"username": f"user{number}", "email": f"user{number}@example.org"}
        form |= {"password1": PASSWORD, "password2": PASSWORD}
        codes.append(anonymous.post("/account/signup/", form).status_code)
    assert codes == [302] * SIGNUPS.times + [429]
    assert User.objects.filter(username__startswith="user").count() == SIGNUPS.times
    mail.outbox.clear()
    for number in range(VERIFICATION_EMAILS.times + 2):  # from many addresses, to one mailbox
        elsewhere = Client(REMOTE_ADDR=f"198.51.100.{number}")
        elsewhere.post("/account/signup/sent/", {"email": "user0@example.org"})
    assert len(mail.outbox) == VERIFICATION_EMAILS.times - 1  # one went out at sign-up


def test_the_link_can_be_sent_again_to_an_account_waiting_for_it(anonymous: Client) -> None:
    anonymous.post(
        "/account/signup/",
        {"username": "carol", "email": "carol@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    page = anonymous.post("/account/signup/sent/", {"email": "carol@example.org"})
    assert page.status_code == 200
    assert "a new link is on its way" in page.content.decode()
    assert len(mail.outbox) == 2
    assert Client().get(_link(mail.outbox[1].body)).status_code == 302
    assert User.objects.get(username="carol").is_active
    anonymous.post("/account/signup/sent/", {"email": "nobody@example.org"})
    assert len(mail.outbox) == 2


def test_sign_up_errors_sit_beside_the_field(anonymous: Client) -> None:
    response = anonymous.post(
        "/account/signup/", {"username": "dave", "email": "x", "password1": "short", "password2": "short"}
    )
    assert response.status_code == 400
    assert 'id="id_email_error"' in response.content.decode()


def test_log_in_and_log_out(alice: User, anonymous: Client) -> None:
    response = anonymous.post("/account/login/", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert anonymous.get("/account/").status_code == 200
    anonymous.post("/account/logout/")
    assert anonymous.get("/account/").status_code == 302


@override_settings(LOGIN_ATTEMPTS=3)
def test_log_in_is_throttled_per_username_and_address(alice: User, anonymous: Client) -> None:
    for _ in range(3):
        assert (
            anonymous.post("/account/login/", {"username": "alice", "password": "wrong"}).status_code == 400
        )
    blocked = anonymous.post("/account/login/", {"username": "alice", "password": PASSWORD})
    assert blocked.status_code == 429
    assert "Too many failed attempts" in blocked.content.decode()
    # another username from the same address is not blocked
    other = anonymous.post("/account/login/", {"username": "bob", "password": "wrong"})
    assert other.status_code == 400


@override_settings(LOGIN_ATTEMPTS=3)
def test_the_lockout_holds_however_the_username_is_typed(alice: User, anonymous: Client) -> None:
    """Issue 9: Django NFKC-normalizes the name, so fullwidth or capital letters reach the same account."""
    for typed in ("ａｌｉｃｅ", "ALICE", " alice"):
        anonymous.post("/account/login/", {"username": typed, "password": "wrong"})
    blocked = anonymous.post("/account/login/", {"username": "alice", "password": PASSWORD})
    assert blocked.status_code == 429


def test_password_reset_sends_a_working_link(alice: User, anonymous: Client) -> None:
    response = anonymous.post("/account/password/reset/", {"email": "alice@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/account/password/reset/" in line)
    path = link.split("testserver", 1)[1]
    form = anonymous.get(path, follow=True)
    assert form.status_code == 200
    new = "a brand new passphrase 42"
    done = anonymous.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(new)


def test_download_all_my_data(as_alice: Client, alice_profile: SavedProfile) -> None:
    ChecklistItem.objects.create(profile=alice_profile, pathway="us-tn.traditional", step="usmle_step3")
    response = as_alice.get("/account/data/")
    assert response["Content-Disposition"].startswith("attachment")
    data: dict[str, Any] = json.loads(response.content)
    assert data["account"]["username"] == "alice"
    assert data["profiles"][0]["profile"] == alice_profile.data
    assert data["profiles"][0]["checklist"][0]["step"] == "usmle_step3"


def test_delete_my_account_needs_the_password_and_removes_everything(
    as_alice: Client, alice: User, alice_profile: SavedProfile, bob: User
) -> None:
    bobs = SavedProfile.objects.create(owner=bob, name="Bob's", data={})
    ChecklistItem.objects.create(profile=alice_profile, pathway="us-tn.traditional", step="usmle_step3")
    refused = as_alice.post("/account/delete/", {"password": "wrong", "confirm": "on"})
    assert refused.status_code == 400
    assert User.objects.filter(pk=alice.pk).exists()
    as_alice.post("/account/delete/", {"password": PASSWORD, "confirm": "on"})
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not SavedProfile.objects.filter(owner_id=alice.pk).exists()
    assert not ChecklistItem.objects.exists()
    assert SavedProfile.objects.filter(pk=bobs.pk).exists()


def test_deleting_the_account_ends_its_sessions_on_every_device(alice: User, bob: User) -> None:
    """Issue 9: another device's session kept the working profile (immigration status) for 14 days."""
    laptop, phone, bobs = Client(), Client(), Client()
    for client, who in ((laptop, "alice"), (phone, "alice"), (bobs, "bob")):
        assert client.post("/account/login/", {"username": who, "password": PASSWORD}).status_code == 302
    phone.post("/profile/", {"action": "example"})  # a working profile in the phone's session
    laptop.post("/account/delete/", {"password": PASSWORD, "confirm": "on"})
    assert not User.objects.filter(pk=alice.pk).exists()
    assert phone.get("/results/").status_code == 302  # the phone's session and its profile are gone
    assert phone.cookies["sessionid"].value not in {s.session_key for s in Session.objects.all()}
    assert bobs.get("/account/").status_code == 200  # another person's session is untouched


def test_forms_are_csrf_protected(alice: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post("/account/profiles/save/", {"name": "x"}).status_code == 403
    refused = Client(enforce_csrf_checks=True).post("/profile/", {"action": "example"})
    assert refused.status_code == 403
    assert "Please try again" in refused.content.decode()
