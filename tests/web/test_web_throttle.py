"""Limits and input a visitor cannot step around: a made-up X-Forwarded-For header does not reset the API's
count, and one address cannot try a password on account after account."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client, override_settings

from imgpath.web.accounts.throttles import ANY_ACCOUNT_FACTOR


@override_settings(API_RATE="3/min")
def test_a_forged_forwarded_for_header_does_not_reset_the_api_limit(anonymous: Client) -> None:
    codes = [
        anonymous.get("/api/v1/jurisdictions", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]


@override_settings(LOGIN_ATTEMPTS=2)
def test_one_address_trying_many_accounts_is_stopped(alice: User, anonymous: Client) -> None:
    tries = 2 * ANY_ACCOUNT_FACTOR
    for number in range(tries):  # one failure for each of many usernames: no single account reaches 2
        response = anonymous.post("/account/login/", {"username": f"user{number}", "password": "123456"})
        assert response.status_code == 400, number
    blocked = anonymous.post(
        "/account/login/", {"username": "alice", "password": "correct horse battery staple"}
    )
    assert blocked.status_code == 429
    other_address = Client(REMOTE_ADDR="198.51.100.7")
    assert (
        other_address.post(
            "/account/login/", {"username": "alice", "password": "correct horse battery staple"}
        ).status_code
        == 302
    )


def test_dates_far_outside_any_career_are_a_422_naming_as_of(anonymous: Client) -> None:
    """Year 9999 used to overflow the calendar inside the planner (a 500); now the input is refused."""
    for endpoint in ("/api/v1/check", "/api/v1/plan"):
        response = anonymous.post(f"{endpoint}?as_of=9999-01-01", "{}", content_type="application/json")
        assert response.status_code == 422, endpoint
        assert "as_of" in response.content.decode()
    body = anonymous.post("/api/v1/plan", '{"as_of": "9999-12"}', content_type="application/json")
    assert body.status_code == 422
    assert "as_of" in body.content.decode()


def test_password_reset_emails_are_limited_per_address(alice: User, anonymous: Client) -> None:
    from django.core import mail

    from imgpath.web.accounts.throttles import RESET_REQUESTS

    codes = [
        anonymous.post("/account/password/reset/", {"email": "alice@example.org"}).status_code
        for _ in range(RESET_REQUESTS.times + 1)
    ]
    assert codes == [302] * RESET_REQUESTS.times + [429]
    assert len(mail.outbox) == RESET_REQUESTS.times
