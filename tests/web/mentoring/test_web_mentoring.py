"""Mentoring on the site: mentor profiles under the no-fee pledge and the code of conduct, requests,
coordinators' rounds with the fit explained and an explicit unassigned list, accept / decline /
re-match, reports that reach only the coordinators, authorisation and CSRF, and the API.

Personas: ana and omar mentor (ana in Spanish on Tennessee's route, omar in Arabic on an alternative
route); lucia, karim and pierre ask for a mentor (pierre speaks only French, so no mentor fits him);
erin is Welcome Back's admin, so she coordinates; bob has nothing to do with any of it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client

from clock import TODAY
from imgpath.web.advising.models import Membership, Organisation
from imgpath.web.mentoring.models import (
    CONDUCT_VERSION,
    PLEDGE_VERSION,
    MentoringReport,
    MentorProfile,
    MentorshipRequest,
    Proposal,
)
from passwords import PASSWORD

pytestmark = pytest.mark.django_db

TN = "us-tn.provisional_foreign_training_license"


def _user(name: str) -> User:
    return User.objects.create_user(name, f"{name}@example.org", PASSWORD)


def _client(user: User, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def _mentor(name: str, **fields: Any) -> MentorProfile:
    values: dict[str, Any] = {
        "name": name.capitalize(),
        "route": TN,
        "specialty": "internal_medicine",
        "languages": ["es", "en"],
        "countries": ["MX"],
        "states": ["TN"],
        "capacity": 1,
        "available_from": date(2026, 12, 1),
        "pledge_version": PLEDGE_VERSION,
        "conduct_version": CONDUCT_VERSION,
    }
    values.update(fields)
    return MentorProfile.objects.create(user=_user(name), **values)


def _request(name: str, **fields: Any) -> MentorshipRequest:
    values: dict[str, Any] = {
        "name": name.capitalize(),
        "route": TN,
        "specialty": "internal_medicine",
        "languages": ["es"],
        "country": "MX",
        "states": ["TN"],
        "needs_from": date(2027, 1, 15),
        "months": 6,
        "needs": "Help with the board's application",
    }
    values.update(fields)
    return MentorshipRequest.objects.create(mentee=_user(name), **values)


@pytest.fixture
def erin(db: None) -> User:
    welcome = Organisation.objects.create(name="Welcome Back", slug="welcome-back")
    user = _user("erin")
    Membership.objects.create(organisation=welcome, user=user, role=Membership.Role.admin)
    return user


@pytest.fixture
def people(db: None) -> dict[str, Any]:
    return {
        "ana": _mentor("ana"),
        "omar": _mentor(
            "omar",
            route="alternative",
            specialty="pediatrics",
            languages=["ar"],
            countries=["EG"],
            states=["FL"],
        ),
        "lucia": _request("lucia"),
        "karim": _request(
            "karim", route="alternative", specialty="pediatrics", languages=["ar"], country="EG"
        ),
        "pierre": _request("pierre", languages=["fr"], country="FR", needs="My visa is J-1"),
    }


def _run(client: Client, rematch: bool = False) -> Any:
    data = {"rematch": "1"} if rematch else {}
    return client.post("/mentoring/coordinate/run/", data, follow=True)


def test_a_signed_in_user_becomes_a_mentor_only_by_accepting_the_pledge_and_the_code(alice: User) -> None:
    client = _client(alice)
    form = {
        "name": "Alice",
        "route": TN,
        "specialty": "internal_medicine",
        "languages": ["es", "en"],
        "countries": "Mexico",
        "states": "Tennessee",
        "capacity": "2",
        "available_from": "2026-12-01",
        "active": "on",
    }
    refused = client.post("/mentoring/mentor/", form)
    assert refused.status_code == 400
    assert not MentorProfile.objects.exists()
    assert client.post("/mentoring/mentor/", {**form, "pledge": "on", "conduct": "on"}).status_code == 302
    mentor = MentorProfile.objects.get(user=alice)
    assert (mentor.countries, mentor.states, mentor.capacity) == (["MX"], ["TN"], 2)
    assert (mentor.pledge_version, mentor.conduct_version) == (PLEDGE_VERSION, CONDUCT_VERSION)
    assert mentor.pledge_accepted is not None
    assert mentor.pledge_accepted.date() == TODAY


def test_the_pledge_and_the_code_are_pages_in_three_languages(client: Client) -> None:
    for language, word in [("en", "free"), ("es", "gratuita"), ("ar", "مجاني")]:
        page = client.get("/mentoring/pledge/", HTTP_ACCEPT_LANGUAGE=language)
        assert page.status_code == 200
        assert word in page.content.decode()
        assert client.get("/mentoring/conduct/", HTTP_ACCEPT_LANGUAGE=language).status_code == 200


def test_a_mentor_who_has_not_accepted_the_current_versions_is_not_matched(
    erin: User, people: dict[str, Any]
) -> None:
    MentorProfile.objects.filter(pk=people["ana"].pk).update(pledge_version="2025-01")
    _run(_client(erin))
    assert not Proposal.objects.filter(mentor=people["ana"]).exists()
    assert MentorshipRequest.objects.get(pk=people["lucia"].pk).status == "open"


def test_a_round_of_two_mentors_and_three_mentees_pairs_two_and_says_why_the_third_is_unassigned(
    erin: User, people: dict[str, Any]
) -> None:
    page = _run(_client(erin))
    assert page.status_code == 200
    pairs = {(p.mentor.name, p.request.name) for p in Proposal.objects.all()}
    assert pairs == {("Ana", "Lucia"), ("Omar", "Karim")}
    text = page.content.decode()
    assert "Ana mentors Lucia" in text
    assert "Omar mentors Karim" in text
    assert "The mentor took the route you seek" in text  # the fit, criterion by criterion
    unassigned = text.split('id="unassigned"')[1]
    assert "Pierre" in unassigned
    assert "No mentor in this round has a positive fit" in unassigned
    assert MentorshipRequest.objects.get(pk=people["pierre"].pk).status == "open"
    # both sides are told, by email and on the account page
    told = sorted(address for m in mail.outbox for address in m.to)
    assert told == sorted(f"{n}@example.org" for n in ["ana", "lucia", "omar", "karim"])
    account = _client(people["lucia"].mentee).get("/account/").content.decode()
    assert "Mentor proposed: Ana" in account


def test_the_proposal_email_speaks_the_readers_language(erin: User, people: dict[str, Any]) -> None:
    from imgpath.web.accounts.models import Reader

    Reader.objects.create(user=people["karim"].mentee, language="ar")
    _run(_client(erin))
    sent = next(m for m in mail.outbox if m.to == ["karim@example.org"])
    assert "Omar" in sent.body
    assert "mentor" not in sent.subject.lower()


def test_both_accept_and_the_pair_is_kept_by_a_rematch(erin: User, people: dict[str, Any]) -> None:
    _run(_client(erin))
    proposal = Proposal.objects.get(mentor=people["ana"])
    for user in (people["ana"].user, people["lucia"].mentee):
        assert _client(user).post(f"/mentoring/proposals/{proposal.pk}/accept/").status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "accepted"
    assert MentorshipRequest.objects.get(pk=people["lucia"].pk).status == "matched"
    page = _client(people["ana"].user).get(f"/mentoring/proposals/{proposal.pk}/").content.decode()
    assert "lucia@example.org" in page  # emails are shared once both accept
    _run(_client(erin), rematch=True)
    proposal.refresh_from_db()
    assert proposal.status == "accepted"
    assert Proposal.objects.filter(mentor=people["ana"]).count() == 1
    # karim's waiting proposal was replaced by the re-match's, to the same mentor
    assert list(Proposal.objects.filter(request=people["karim"]).values_list("status", flat=True)) == [
        "proposed",
        "superseded",
    ]


def test_a_decline_reopens_the_request_and_excludes_the_pair_next_round(
    erin: User, people: dict[str, Any]
) -> None:
    _run(_client(erin))
    proposal = Proposal.objects.get(mentor=people["ana"])
    assert (
        _client(people["lucia"].mentee).post(f"/mentoring/proposals/{proposal.pk}/decline/").status_code
        == 302
    )
    proposal.refresh_from_db()
    assert proposal.status == "declined"
    assert MentorshipRequest.objects.get(pk=people["lucia"].pk).status == "open"
    page = _run(_client(erin)).content.decode()
    assert not Proposal.objects.filter(mentor=people["ana"], status="proposed").exists()
    assert "Lucia" in page.split('id="unassigned"')[1]


def test_one_request_at_a_time_and_it_can_be_withdrawn(alice: User) -> None:
    client = _client(alice)
    form = {
        "name": "Alice",
        "route": "alternative",
        "languages": ["en"],
        "country": "India",
        "states": "",
        "needs_from": "2027-01-01",
        "months": "6",
        "needs": "",
    }
    assert client.post("/mentoring/request/", form).status_code == 302
    found = MentorshipRequest.objects.get(mentee=alice)
    assert found.country == "IN"
    client.post("/mentoring/request/", form)
    assert MentorshipRequest.objects.filter(mentee=alice).count() == 1
    assert client.post(f"/mentoring/request/{found.pk}/withdraw/").status_code == 302
    found.refresh_from_db()
    assert found.status == "withdrawn"
    assert client.post("/mentoring/request/", form).status_code == 302
    assert MentorshipRequest.objects.filter(mentee=alice).count() == 2


def test_a_report_reaches_the_coordinators_and_never_the_person_reported(
    erin: User, people: dict[str, Any]
) -> None:
    _run(_client(erin))
    proposal = Proposal.objects.get(mentor=people["ana"])
    mail.outbox.clear()
    lucia = _client(people["lucia"].mentee)
    answer = lucia.post(f"/mentoring/proposals/{proposal.pk}/report/", {"text": "Asked me for money"})
    assert answer.status_code == 200
    report = MentoringReport.objects.get()
    assert report.about == people["ana"].user
    assert [m.to for m in mail.outbox] == [["erin@example.org"]]
    assert "Asked me for money" in mail.outbox[0].body
    assert "Asked me for money" in _client(erin).get("/mentoring/coordinate/reports/").content.decode()
    ana = _client(people["ana"].user)
    assert ana.get("/mentoring/coordinate/reports/").status_code == 404
    for path in ["/mentoring/", f"/mentoring/proposals/{proposal.pk}/", "/account/"]:
        assert "Asked me for money" not in ana.get(path).content.decode()


def test_reports_are_throttled_like_the_listings_report_form(erin: User, people: dict[str, Any]) -> None:
    from imgpath.web.mentoring.views import REPORTS

    _run(_client(erin))
    proposal = Proposal.objects.get(mentor=people["ana"])
    lucia = _client(people["lucia"].mentee)
    path = f"/mentoring/proposals/{proposal.pk}/report/"
    for _ in range(REPORTS.times):
        assert lucia.post(path, {"text": "again"}).status_code == 200
    refused = lucia.post(path, {"text": "kept words"})
    assert refused.status_code == 429
    assert "kept words" in refused.content.decode()
    assert MentoringReport.objects.count() == REPORTS.times


def test_a_mentor_never_sees_the_mentees_immigration_status_nor_anything_not_shared(
    erin: User, people: dict[str, Any], example_data: dict[str, Any]
) -> None:
    from imgpath.web.accounts.models import SavedProfile

    lucia = people["lucia"].mentee
    SavedProfile.objects.create(owner=lucia, name="Lucia's profile", data=example_data)
    _run(_client(erin))
    proposal = Proposal.objects.get(mentor=people["ana"])
    page = _client(people["ana"].user).get(f"/mentoring/proposals/{proposal.pk}/").content.decode()
    assert "Help with the board&#x27;s application" in page  # what she chose to share
    assert "Lucia&#x27;s profile" not in page
    assert "lucia@example.org" not in page
    assert "immigration" not in page.lower().replace("never ask for a mentee", "")


def test_others_get_a_404_on_every_object(erin: User, people: dict[str, Any], bob: User) -> None:
    _run(_client(erin))
    proposal = Proposal.objects.get(mentor=people["ana"])
    other = _client(bob)
    for path in [
        f"/mentoring/proposals/{proposal.pk}/",
        f"/mentoring/proposals/{proposal.pk}/report/",
        "/mentoring/coordinate/",
        "/mentoring/coordinate/reports/",
        "/mentoring/coordinate/rounds/1/",
    ]:
        assert other.get(path).status_code == 404, path
    for path in [
        f"/mentoring/proposals/{proposal.pk}/accept/",
        f"/mentoring/proposals/{proposal.pk}/decline/",
        f"/mentoring/request/{people['lucia'].pk}/withdraw/",
        "/mentoring/coordinate/run/",
    ]:
        assert other.post(path).status_code == 404, path
    # karim, a side of another proposal, cannot read or answer this one
    karim = _client(people["karim"].mentee)
    assert karim.get(f"/mentoring/proposals/{proposal.pk}/").status_code == 404
    assert karim.post(f"/mentoring/proposals/{proposal.pk}/accept/").status_code == 404
    proposal.refresh_from_db()
    assert proposal.mentee_answer == ""


def test_every_post_needs_the_csrf_token(erin: User, people: dict[str, Any]) -> None:
    _run(_client(erin))
    proposal = Proposal.objects.get(mentor=people["ana"])
    lucia = _client(people["lucia"].mentee, csrf=True)
    for path, data in [
        (f"/mentoring/proposals/{proposal.pk}/accept/", {}),
        (f"/mentoring/proposals/{proposal.pk}/decline/", {}),
        (f"/mentoring/proposals/{proposal.pk}/report/", {"text": "x"}),
        (f"/mentoring/request/{people['lucia'].pk}/withdraw/", {}),
        ("/mentoring/mentor/", {}),
        ("/mentoring/request/", {}),
    ]:
        assert lucia.post(path, data).status_code == 403, path
    assert _client(erin, csrf=True).post("/mentoring/coordinate/run/").status_code == 403
    proposal.refresh_from_db()
    assert proposal.mentee_answer == ""


def test_the_api_runs_a_round_and_reads_it_in_the_clis_shape(
    erin: User, people: dict[str, Any], bob: User
) -> None:
    client = _client(erin)
    answer = client.post("/api/v1/mentoring/rounds", {}, content_type="application/json")
    assert answer.status_code == 201
    body = answer.json()
    ana, omar = f"m{people['ana'].pk}", f"m{people['omar'].pk}"
    lucia, karim, pierre = (f"r{people[n].pk}" for n in ("lucia", "karim", "pierre"))
    assert body["assignments"] == {ana: [lucia], omar: [karim]}
    assert body["unassigned"] == [pierre]
    assert body["fit"][pierre]["reason_key"] == "mentors.unassigned.no_fit"
    assert [p["criterion"] for p in body["fit"][lucia]["parts"]] == [
        "route", "specialty", "language", "country", "state", "availability"
    ]  # fmt: skip
    again = client.get(f"/api/v1/mentoring/rounds/{body['id']}")
    assert again.status_code == 200
    assert again.json() == body
    assert _client(bob).get(f"/api/v1/mentoring/rounds/{body['id']}").status_code == 404
    assert (
        _client(bob).post("/api/v1/mentoring/rounds", {}, content_type="application/json").status_code == 404
    )
