"""The rounds' pages: hana hosts a round of two slots, four applicants rank them, hana ranks them
back, the round closes and each sees the service's answer; henry, another host, reaches none of it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from hosting_data import document, host
from imgpath.finder import Opportunity
from imgpath.matching import read_round, round_outcome_json, solve_round
from imgpath.web.hosting import services as hosting
from imgpath.web.matching import services
from imgpath.web.matching.models import ApplicantChoice, ObservershipRound, Slot
from imgpath.web.opportunities.models import Listing, Review
from passwords import PASSWORD

pytestmark = pytest.mark.django_db

DEADLINE = date(2026, 12, 1)
"""After clock.TODAY (2026-11-25): the round is open for ranking."""


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def hana(db: None) -> User:
    return host("hana")


@pytest.fixture
def henry(db: None) -> User:
    return host("henry")


@pytest.fixture
def listing(hana: User) -> Listing:
    listing = hosting.submit(Opportunity.model_validate(document()), hana)
    listing.review = Review.published
    listing.save()
    return listing


@pytest.fixture
def round_(hana: User, listing: Listing) -> ObservershipRound:
    response = _client(hana).post(
        "/hosts/rounds/new/", {"name": "Spring 2027", "deadline": DEADLINE.isoformat()}
    )
    assert response.status_code == 302
    made = ObservershipRound.objects.get(host=hana)
    for start, end, capacity in (("2027-03-01", "2027-03-28", 1), ("2027-04-05", "2027-05-02", 2)):
        form = {"listing": listing.pk, "start": start, "end": end, "capacity": capacity}
        assert _client(hana).post(f"/hosts/rounds/{made.pk}/slots/new/", form).status_code == 302
    return made


def _applicants() -> list[User]:
    return [
        User.objects.create_user(name, f"{name}@example.org", PASSWORD)
        for name in ("ana", "ben", "chen", "dina")
    ]


def _rank(client: Client, url: str, ranks: dict[int, int], prefix: str = "") -> Any:
    return client.post(url, {f"{prefix}rank-{key}": rank for key, rank in ranks.items()})


def test_a_round_gives_the_services_assignment_and_one_unassigned(
    hana: User, round_: ObservershipRound
) -> None:
    march, april = Slot.objects.filter(round=round_).order_by("start")
    ana, ben, chen, dina = _applicants()
    wants = {ana: [march, april], ben: [march, april], chen: [march], dina: [april, march]}
    for who, slots in wants.items():
        response = _rank(_client(who), f"/rounds/{round_.pk}/", {s.pk: i for i, s in enumerate(slots, 1)})
        assert response.status_code == 302
    as_hana = _client(hana)
    host_order = {march: [chen, ben, ana, dina], april: [ana, ben, dina]}
    for slot, order in host_order.items():
        url = f"/hosts/rounds/{round_.pk}/slots/{slot.pk}/ranking/"
        assert (
            _rank(as_hana, url, {a.pk: i for i, a in enumerate(order, 1)}, f"slot{slot.pk}-").status_code
            == 302
        )
    expected = round_outcome_json(solve_round(read_round(services.round_data(round_))))
    assert expected == {
        "assignments": {f"s{march.pk}": [f"a{chen.pk}"], f"s{april.pk}": [f"a{ana.pk}", f"a{ben.pk}"]},
        "unassigned": [f"a{dina.pk}"],
    }

    assert as_hana.post(f"/rounds/{round_.pk}/close/").status_code == 302

    assert 'id="result"' in (page := _client(chen).get(f"/rounds/{round_.pk}/").content.decode())
    assert "1 March 2027" in page or "March 1, 2027" in page
    assert "Unassigned" in _client(dina).get(f"/rounds/{round_.pk}/").content.decode()
    hosts_page = as_hana.get(f"/hosts/rounds/{round_.pk}/").content.decode()
    april_section = hosts_page.split(f'id="slot-{april.pk}"')[1]
    assert april_section.index(">ana<") < april_section.index(">ben<")
    assert ">chen<" in hosts_page.split(f'id="slot-{march.pk}"')[1].split("</section>")[0]
    assert ">dina<" not in hosts_page  # unassigned: in no slot's list


def test_rankings_after_the_deadline_are_refused(round_: ObservershipRound) -> None:
    (ana, *_rest) = _applicants()
    march = Slot.objects.filter(round=round_).order_by("start").first()
    assert march is not None
    ObservershipRound.objects.filter(pk=round_.pk).update(deadline=date(2026, 11, 24))
    response = _rank(_client(ana), f"/rounds/{round_.pk}/", {march.pk: 1})
    assert response.status_code == 403
    assert "deadline has passed" in response.content.decode()
    assert not ApplicantChoice.objects.filter(applicant=ana).exists()


def test_the_deadline_day_itself_still_takes_rankings(round_: ObservershipRound) -> None:
    (ana, *_rest) = _applicants()
    march = Slot.objects.filter(round=round_).order_by("start").first()
    assert march is not None
    ObservershipRound.objects.filter(pk=round_.pk).update(deadline=date(2026, 11, 25))
    assert _rank(_client(ana), f"/rounds/{round_.pk}/", {march.pk: 1}).status_code == 302


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "/hosts/rounds/{round}/"),
        ("get", "/hosts/rounds/{round}/slots/new/"),
        ("get", "/hosts/rounds/{round}/slots/{slot}/"),
        ("post", "/hosts/rounds/{round}/slots/{slot}/"),
        ("post", "/hosts/rounds/{round}/slots/{slot}/ranking/"),
        ("post", "/rounds/{round}/close/"),
    ],
)
def test_another_hosts_round_and_slot_are_404(
    henry: User, round_: ObservershipRound, method: str, url: str
) -> None:
    slot = Slot.objects.filter(round=round_).first()
    assert slot is not None
    before = (slot.start, slot.capacity)
    response = getattr(_client(henry), method)(url.format(round=round_.pk, slot=slot.pk), {"capacity": 9})
    assert response.status_code == 404
    slot.refresh_from_db()
    assert (slot.start, slot.capacity) == before
    assert ObservershipRound.objects.get(pk=round_.pk).is_open


def test_a_host_cannot_publish_a_slot_of_another_hosts_listing(
    henry: User, round_: ObservershipRound
) -> None:
    henrys = hosting.submit(Opportunity.model_validate(document(id="henry-obs")), henry)
    form = {"listing": henrys.pk, "start": "2027-03-01", "end": "2027-03-02", "capacity": 1}
    response = _client(round_.host).post(f"/hosts/rounds/{round_.pk}/slots/new/", form)
    assert response.status_code == 400
    assert not Slot.objects.filter(listing=henrys).exists()


def test_an_applicant_sees_only_her_own_ranking(round_: ObservershipRound) -> None:
    ana, ben, *_rest = _applicants()
    march = Slot.objects.filter(round=round_).order_by("start").first()
    assert march is not None
    _rank(_client(ana), f"/rounds/{round_.pk}/", {march.pk: 1})
    page = _client(ben).get(f"/rounds/{round_.pk}/").content.decode()
    assert 'value="1"' not in page
    assert 'value="1"' in _client(ana).get(f"/rounds/{round_.pk}/").content.decode()


def test_a_closed_round_is_404_to_who_did_not_take_part(hana: User, round_: ObservershipRound) -> None:
    (ana, *_rest) = _applicants()
    _client(hana).post(f"/rounds/{round_.pk}/close/")
    assert _client(ana).get(f"/rounds/{round_.pk}/").status_code == 404


def test_ties_and_out_of_range_ranks_are_refused(round_: ObservershipRound) -> None:
    (ana, *_rest) = _applicants()
    march, april = Slot.objects.filter(round=round_).order_by("start")
    assert _rank(_client(ana), f"/rounds/{round_.pk}/", {march.pk: 1, april.pk: 1}).status_code == 400
    assert _rank(_client(ana), f"/rounds/{round_.pk}/", {march.pk: 3}).status_code == 400
    assert not ApplicantChoice.objects.filter(applicant=ana).exists()


def test_the_rounds_forms_are_csrf_protected(hana: User, round_: ObservershipRound) -> None:
    (ana, *_rest) = _applicants()
    slot = Slot.objects.filter(round=round_).first()
    assert slot is not None
    for user, url in (
        (ana, f"/rounds/{round_.pk}/"),
        (hana, "/hosts/rounds/new/"),
        (hana, f"/hosts/rounds/{round_.pk}/slots/new/"),
        (hana, f"/hosts/rounds/{round_.pk}/slots/{slot.pk}/ranking/"),
        (hana, f"/rounds/{round_.pk}/close/"),
    ):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user)
        assert client.post(url, {}).status_code == 403, url
    assert ObservershipRound.objects.get(pk=round_.pk).is_open


def test_a_coordinator_closes_a_round(round_: ObservershipRound) -> None:
    cora = User.objects.create_superuser("cora", "cora@example.org", PASSWORD)
    assert _client(cora).post(f"/rounds/{round_.pk}/close/").status_code == 302
    assert not ObservershipRound.objects.get(pk=round_.pk).is_open


def test_the_pages_speak_spanish_and_arabic(round_: ObservershipRound) -> None:
    (ana, *_rest) = _applicants()
    for language, phrase in (("es", "Guardar mi clasificación"), ("ar", "حفظ ترتيبي")):
        client = _client(ana)
        page = client.get(f"/rounds/{round_.pk}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert phrase in page, language


def test_an_applicant_who_withdraws_after_the_host_ranked_her_leaves_the_round_solvable(
    hana: User, round_: ObservershipRound
) -> None:
    (ana, *_rest) = _applicants()
    march = Slot.objects.filter(round=round_).order_by("start").first()
    assert march is not None
    _rank(_client(ana), f"/rounds/{round_.pk}/", {march.pk: 1})
    _rank(
        _client(hana), f"/hosts/rounds/{round_.pk}/slots/{march.pk}/ranking/", {ana.pk: 1}, f"slot{march.pk}-"
    )
    _rank(_client(ana), f"/rounds/{round_.pk}/", {})  # every choice cleared
    assert _client(hana).post(f"/rounds/{round_.pk}/close/").status_code == 302
    assert not ObservershipRound.objects.get(pk=round_.pk).is_open
