"""The advisers' workspace: organisations and advisers, consents, the table of clients, its exports and
API, the read log, and plans shared through links.

Personas: alice and bob are clients (ordinary accounts with saved profiles); carol advises for Welcome
Back, dave for another organisation, erin is Welcome Back's admin. Alice's internist is the bundled
example profile; bob's graduate is the recent graduate of the planner tests.
"""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from openpyxl import load_workbook

from clock import TODAY
from imgpath.engine import Profile, check
from imgpath.planner import plan
from imgpath.rulebook import default_rulebook
from imgpath.web.accounts.models import SavedProfile
from imgpath.web.advising import links
from imgpath.web.advising.models import Consent, Membership, Organisation, Read, SharedLink
from imgpath.web.plans.models import ChecklistItem
from passwords import PASSWORD
from profiles_for_plans import RECENT_GRADUATE

pytestmark = pytest.mark.django_db

INTERNIST_ROUTE = "us-ri.limited_international_physician_registration"
"""The example's best route, first in the planner's ranking on 2026-11-25: Rhode Island's route
for international physicians (steps remain; a first license typically 2027-02-25, a full one at
least 2028-06-25). New York's limited permit, which the example is eligible for, leads to no full
license, so it is ranked last and is not the best route."""


def _user(name: str) -> User:
    return User.objects.create_user(name, f"{name}@example.org", PASSWORD)


def _client(user: User, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


@pytest.fixture
def welcome(db: None) -> Organisation:
    return Organisation.objects.create(name="Welcome Back", slug="welcome-back")


@pytest.fixture
def carol(welcome: Organisation) -> User:
    user = _user("carol")
    Membership.objects.create(organisation=welcome, user=user)
    return user


@pytest.fixture
def dave(db: None) -> User:
    other = Organisation.objects.create(name="Upward", slug="upward")
    user = _user("dave")
    Membership.objects.create(organisation=other, user=user)
    return user


@pytest.fixture
def erin(welcome: Organisation) -> User:
    user = _user("erin")
    Membership.objects.create(organisation=welcome, user=user, role=Membership.Role.admin)
    return user


@pytest.fixture
def internist(alice: User, example_data: dict[str, Any]) -> SavedProfile:
    return SavedProfile.objects.create(owner=alice, name="Dr Internist", data=example_data)


@pytest.fixture
def graduate(bob: User) -> SavedProfile:
    return SavedProfile.objects.create(owner=bob, name="Dr Graduate", data=RECENT_GRADUATE)


@pytest.fixture
def shared(internist: SavedProfile, graduate: SavedProfile, welcome: Organisation, carol: User) -> None:
    """Alice shares her internist with Welcome Back; bob shares his graduate with carol herself."""
    Consent.objects.create(profile=internist, organisation=welcome)
    Consent.objects.create(profile=graduate, adviser=carol)


def _rows(client: Client, query: str = "") -> list[dict[str, str]]:
    answer = client.get(f"/advising/clients.csv{query}")
    assert answer.status_code == 200
    return list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))


def test_the_table_shows_each_clients_best_route_verdict_deadline_checklist_and_questions(
    shared: None, carol: User, internist: SavedProfile, graduate: SavedProfile
) -> None:
    ChecklistItem.objects.create(
        profile=internist, pathway=INTERNIST_ROUTE, step="usmle_step3", status="done"
    )
    page = _client(carol).get("/advising/").content.decode()
    assert "Dr Internist" in page
    assert "Dr Graduate" in page
    rows = {r["name"]: r for r in _rows(_client(carol))}
    assert set(rows) == {"Dr Internist", "Dr Graduate"}
    row = rows["Dr Internist"]
    profile = Profile.model_validate(internist.data)
    day = profile.evaluation_date()
    result = next(
        r for r in check(profile, default_rulebook(), as_of=day).results if r.pathway == INTERNIST_ROUTE
    )
    planned = plan(profile, default_rulebook(), as_of=day, route=INTERNIST_ROUTE).plans[0]
    assert row["pathway"] == INTERNIST_ROUTE
    assert row["state"] == "RI"
    assert row["verdict"] == str(result.verdict) == "needs_steps"
    assert row["first_license"] == "2027-02-25"
    assert row["open_questions"] == str(len(result.open_questions))
    assert row["checklist_total"] == str(len(planned.steps))
    assert row["checklist_done"] == ("1" if "usmle_step3" in {s.id for s in planned.steps} else "0")
    assert row["first_license"] == planned.first_license[1].isoformat() if planned.first_license else ""
    assert f'id="client-{internist.pk}"' in page
    assert 'data-label="Next deadline"' in page  # the table stacks at 360 px like the plan tables
    graduate_row = rows["Dr Graduate"]
    assert graduate_row["verdict"] in {"needs_steps", "not_yet", "unknown", "not_eligible", "eligible"}
    assert graduate_row["checklist_done"] == "0"


def test_the_filters_sort_and_csv_follow_the_url(shared: None, carol: User) -> None:
    client = _client(carol)
    assert [r["name"] for r in _rows(client, "?state=RI")] == ["Dr Internist"]
    assert [r["name"] for r in _rows(client, "?state=NY")] == []  # its limited permit is not its best
    assert [r["name"] for r in _rows(client, "?state=ZZ")] == []
    everyone = _rows(client)
    assert [r["name"] for r in everyone] == ["Dr Graduate", "Dr Internist"]  # by name
    verdict = everyone[1]["verdict"]
    assert "Dr Internist" in [r["name"] for r in _rows(client, f"?verdict={verdict}")]
    kind = everyone[1]["kind"]
    assert "Dr Internist" in [r["name"] for r in _rows(client, f"?kind={kind}")]
    internist_deadline = everyone[1]["next_deadline"]
    if internist_deadline:
        days = (date.fromisoformat(internist_deadline) - TODAY).days
        assert "Dr Internist" in [r["name"] for r in _rows(client, f"?within={days}")]
        if days > 0:
            assert "Dr Internist" not in [r["name"] for r in _rows(client, f"?within={days - 1}")]
    assert _rows(client, "?verdict=nonsense") == everyone  # a value that makes no sense is dropped
    page = client.get("/advising/?state=NY&sort=deadline").content.decode()
    assert 'href="/advising/clients.csv?state=NY&amp;sort=deadline"' in page


def test_the_csv_holds_the_apis_fields_and_never_a_formula(
    shared: None, carol: User, graduate: SavedProfile
) -> None:
    graduate.name = "=HYPERLINK(1)"
    graduate.save()
    answer = _client(carol).get("/advising/clients.csv")
    assert answer["Content-Type"].startswith("text/csv")
    text = answer.content.decode("utf-8-sig")
    assert text.splitlines()[0] == (
        "id,name,pathway,route,state,kind,verdict,first_license,next_deadline,checklist_done,"
        "checklist_total,open_questions,valid"
    )
    assert "'=HYPERLINK(1)" in text
    api = _client(carol).get("/api/v1/advising/clients").json()
    by_csv = _rows(_client(carol))
    assert [a["name"] for a in api] == ["'=HYPERLINK(1)"[1:], "Dr Internist"]
    assert [str(a["id"]) for a in api] == [r["id"] for r in by_csv]
    assert api[1]["pathway"] == INTERNIST_ROUTE


def test_the_xlsx_export_opens_with_the_same_rows(shared: None, carol: User) -> None:
    answer = _client(carol).get("/advising/clients.xlsx?state=RI")
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("id", "name", "pathway")
    assert [v[1] for v in values[1:]] == ["Dr Internist"]


def test_the_table_pages_through_many_clients(carol: User, alice: User, example_data: dict[str, Any]) -> None:
    for n in range(27):
        saved = SavedProfile.objects.create(owner=alice, name=f"Client {n:02}", data=example_data)
        Consent.objects.create(profile=saved, adviser=carol)
    first = _client(carol).get("/advising/").content.decode()
    second = _client(carol).get("/advising/?page=2").content.decode()
    assert "Client 24" in first
    assert "Client 25" not in first
    assert "Client 25" in second
    assert "Client 26" in second
    assert 'rel="next" href="?page=2"' in first


def test_it_validates_ownership_object_by_object(
    shared: None,
    carol: User,
    dave: User,
    bob: User,
    internist: SavedProfile,
    graduate: SavedProfile,
    alice: User,
) -> None:
    unshared = SavedProfile.objects.create(owner=alice, name="Private", data=internist.data)
    assert _client(carol).get(f"/advising/clients/{internist.pk}/").status_code == 200
    assert _client(carol).get(f"/advising/clients/{unshared.pk}/").status_code == 404
    assert _client(dave).get(f"/advising/clients/{internist.pk}/").status_code == 404  # another organisation
    assert _client(dave).get(f"/advising/clients/{graduate.pk}/").status_code == 404  # shared with carol only
    assert _client(dave).get("/api/v1/advising/clients").json() == []
    assert "Private" not in _client(carol).get("/advising/").content.decode()
    assert _client(bob).get("/advising/").status_code == 404  # not an adviser
    assert _client(bob).get("/api/v1/advising/clients").status_code == 404
    assert Client().get("/api/v1/advising/clients").status_code == 401
    assert Client().get("/advising/")["Location"].startswith("/account/login/")


def test_revoking_a_consent_removes_access_at_once(
    shared: None, carol: User, alice: User, internist: SavedProfile
) -> None:
    consent = Consent.objects.get(profile=internist)
    account = _client(alice).get("/account/").content.decode()
    assert "every adviser of Welcome Back" in account
    assert f'action="/account/sharing/{consent.pk}/revoke/"' in account
    assert _client(alice, csrf=True).post(f"/account/sharing/{consent.pk}/revoke/").status_code == 403  # CSRF
    assert _client(carol).get(f"/advising/clients/{internist.pk}/").status_code == 200
    assert (
        _client(alice).post(f"/account/sharing/{consent.pk}/revoke/", {"back": "account"})["Location"]
        == "/account/"
    )
    assert _client(carol).get(f"/advising/clients/{internist.pk}/").status_code == 404
    assert "Dr Internist" not in [r["name"] for r in _rows(_client(carol))]
    assert "stopped on" in _client(alice).get("/account/sharing/").content.decode()


def test_nobody_else_revokes_a_consent(shared: None, bob: User, carol: User, internist: SavedProfile) -> None:
    consent = Consent.objects.get(profile=internist)
    assert _client(bob).post(f"/account/sharing/{consent.pk}/revoke/").status_code == 404
    assert _client(carol).post(f"/account/sharing/{consent.pk}/revoke/").status_code == 404
    consent.refresh_from_db()
    assert consent.revoked is None


def test_a_client_shares_by_consent_after_reading_that_immigration_status_is_shared(
    alice: User, internist: SavedProfile, carol: User, welcome: Organisation
) -> None:
    page = _client(alice).get("/account/sharing/").content.decode()
    assert "Your immigration status is shared." in page
    assert _client(alice, csrf=True).post("/account/sharing/", {"form": "consent"}).status_code == 403
    missing = _client(alice).post(
        "/account/sharing/", {"form": "consent", "profile": internist.pk, "adviser": "carol"}
    )
    assert missing.status_code == 400
    assert not Consent.objects.exists()
    nobody = _client(alice).post(
        "/account/sharing/",
        {"form": "consent", "profile": internist.pk, "adviser": "bob", "understood": "on"},
    )
    assert nobody.status_code == 400  # bob advises for no organisation
    done = _client(alice).post(
        "/account/sharing/",
        {"form": "consent", "profile": internist.pk, "adviser": "carol@example.org", "understood": "on"},
    )
    assert done.status_code == 302
    assert Consent.objects.get().adviser == carol
    assert _client(carol).get(f"/advising/clients/{internist.pk}/").status_code == 200


def test_a_client_cannot_share_someone_elses_profile(
    alice: User, graduate: SavedProfile, carol: User
) -> None:
    answer = _client(alice).post(
        "/account/sharing/",
        {"form": "consent", "profile": graduate.pk, "adviser": "carol", "understood": "on"},
    )
    assert answer.status_code == 400
    assert not Consent.objects.exists()


def test_every_read_is_logged_and_shown_to_the_client(
    shared: None, carol: User, alice: User, internist: SavedProfile
) -> None:
    _client(carol).get("/advising/")
    _client(carol).get(f"/advising/clients/{internist.pk}/")
    _client(carol).get("/advising/clients.csv")
    reads = list(Read.objects.filter(profile=internist).values_list("reader__username", "what"))
    assert reads == [("carol", "export"), ("carol", "profile"), ("carol", "table")]
    account = _client(alice).get("/account/").content.decode()
    assert "carol read your profile and plans (Dr Internist)" in account
    assert "carol read an export of the table of clients (Dr Internist)" in account


def test_an_organisation_admin_adds_and_removes_advisers(
    erin: User, carol: User, bob: User, welcome: Organisation, dave: User
) -> None:
    assert _client(carol).get("/advising/organisations/welcome-back/").status_code == 404  # not an admin
    assert _client(dave).get("/advising/organisations/welcome-back/").status_code == 404
    assert (
        _client(erin, csrf=True).post("/advising/organisations/welcome-back/", {"who": "bob"}).status_code
        == 403
    )
    added = _client(erin).post(
        "/advising/organisations/welcome-back/", {"who": "bob@example.org", "role": "adviser"}
    )
    assert added.status_code == 302
    member = Membership.objects.get(organisation=welcome, user=bob)
    assert _client(bob).get("/advising/").status_code == 200
    assert (
        _client(erin)
        .post("/advising/organisations/welcome-back/", {"who": "nobody", "role": "adviser"})
        .status_code
        == 400
    )
    assert (
        _client(dave).post(f"/advising/organisations/welcome-back/members/{member.pk}/remove/").status_code
        == 404
    )
    assert (
        _client(erin).post(f"/advising/organisations/welcome-back/members/{member.pk}/remove/").status_code
        == 302
    )
    assert _client(bob).get("/advising/").status_code == 404


def test_a_removed_adviser_loses_the_organisations_clients(
    shared: None, carol: User, internist: SavedProfile
) -> None:
    Membership.objects.filter(user=carol).delete()
    assert _client(carol).get(f"/advising/clients/{internist.pk}/").status_code == 404


def _link(client: Client, profile: SavedProfile, **extra: Any) -> str:
    data = {
        "form": "link",
        "profile": profile.pk,
        "pathway": INTERNIST_ROUTE,
        "expires": (TODAY + timedelta(days=30)).isoformat(),
    }
    answer = client.post("/account/sharing/", {**data, **extra})
    assert answer.status_code == 302, answer.content.decode()[:2000]
    page = client.get("/account/sharing/").content.decode()
    start = page.index('id="link-url"')
    value = page[page.index('value="', start - 80) + 7 :]
    return value[: value.index('"')].removeprefix("http://testserver")


def test_a_shared_link_shows_the_plan_without_name_or_immigration_status(
    alice: User, internist: SavedProfile
) -> None:
    client = _client(alice)
    url = _link(client, internist)
    assert url.startswith("/shared/")
    token = url.removeprefix("/shared/").strip("/")
    assert SharedLink.objects.get().digest == links.digest_of(token) != token
    answer = Client().get(url)
    assert answer.status_code == 200
    page = answer.content.decode()
    assert answer["X-Robots-Tag"].startswith("noindex")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "Dr Internist" not in page
    assert "Immigration status" not in page
    assert 'id="link-url"' not in client.get("/account/sharing/").content.decode()  # shown once


def test_a_shared_link_shows_name_and_status_only_when_ticked(alice: User, internist: SavedProfile) -> None:
    url = _link(_client(alice), internist, identity="on")
    page = Client().get(url).content.decode()
    assert "Dr Internist" in page
    assert "Immigration status:" in page


def test_an_expired_revoked_or_unknown_link_says_so(alice: User, internist: SavedProfile) -> None:
    client = _client(alice)
    url = _link(client, internist)
    link = SharedLink.objects.get()
    link.expires = TODAY - timedelta(days=1)
    link.save()
    expired = Client().get(url)
    assert expired.status_code == 410
    assert "It has expired" in expired.content.decode()
    link.expires = TODAY
    link.save()
    assert Client().get(url).status_code == 200  # the end day is included
    assert _client(alice, csrf=True).post(f"/account/links/{link.pk}/revoke/").status_code == 403
    assert Client().post(f"/account/links/{link.pk}/revoke/").status_code == 302  # to the log-in
    assert client.post(f"/account/links/{link.pk}/revoke/").status_code == 302
    revoked = Client().get(url)
    assert revoked.status_code == 410
    assert "Its owner withdrew it." in revoked.content.decode()
    assert Client().get("/shared/not-a-token/").status_code == 404


def test_a_link_lasts_a_year_at_most_and_only_for_ones_own_profile(
    alice: User, internist: SavedProfile, graduate: SavedProfile, bob: User
) -> None:
    client = _client(alice)
    base = {"form": "link", "pathway": INTERNIST_ROUTE}
    too_long = client.post(
        "/account/sharing/",
        {**base, "profile": internist.pk, "expires": (TODAY + timedelta(days=366)).isoformat()},
    )
    assert too_long.status_code == 400
    past = client.post(
        "/account/sharing/",
        {**base, "profile": internist.pk, "expires": (TODAY - timedelta(days=1)).isoformat()},
    )
    assert past.status_code == 400
    theirs = client.post("/account/sharing/", {**base, "profile": graduate.pk, "expires": TODAY.isoformat()})
    assert theirs.status_code == 400
    assert not SharedLink.objects.exists()
    assert (
        f'value="{(TODAY + timedelta(days=30)).isoformat()}"'
        in client.get("/account/sharing/").content.decode()
    )
    _link(client, internist)
    link = SharedLink.objects.get()
    assert _client(bob).post(f"/account/links/{link.pk}/revoke/").status_code == 404
