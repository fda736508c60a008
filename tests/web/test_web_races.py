"""Writes that can race (issue 9): two first saves of one checklist at once both succeed, once each."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client

from imgpath.web.accounts.models import SavedProfile
from imgpath.web.plans.models import ChecklistItem

ROUTE = "us-tn.traditional"


@pytest.mark.django_db(transaction=True)
def test_two_first_saves_of_a_checklist_at_once_give_one_row_per_step(example_data: dict[str, Any]) -> None:
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serializes writers; the race is checked on PostgreSQL (make test runs both)")
    alice = User.objects.create_user("alice", "alice@example.org", "correct horse battery staple")
    saved = SavedProfile.objects.create(owner=alice, name="race", data=example_data)
    url = f"/account/profiles/{saved.pk}/checklist/{ROUTE}/"
    start = threading.Barrier(2)
    codes: list[int] = []

    def save() -> None:
        client = Client()
        client.force_login(alice)
        start.wait()
        codes.append(client.post(url, {"status-usmle_step3": "done"}).status_code)
        connection.close()

    threads = [threading.Thread(target=save) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == [302, 302]
    steps = list(ChecklistItem.objects.filter(profile=saved, pathway=ROUTE).values_list("step", flat=True))
    assert len(steps) == len(set(steps))
    assert "usmle_step3" in steps


def _at_once(*works: Any) -> list[Any]:
    """Run each callable in its own thread, all released at the same moment; their results in order."""
    start = threading.Barrier(len(works))
    results: list[Any] = [None] * len(works)

    def run(index: int, work: Any) -> None:
        start.wait()
        try:
            results[index] = work()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, w)) for i, w in enumerate(works)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _postgres_only() -> None:
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serializes writers; races are checked on PostgreSQL (make test runs both)")


@pytest.mark.django_db(transaction=True)
def test_two_first_feed_rotations_at_once_leave_one_working_address() -> None:
    from imgpath.web.plans.models import FeedToken

    _postgres_only()
    alice = User.objects.create_user("alice", "alice@example.org", "correct horse battery staple")
    for _round in range(5):
        FeedToken.objects.all().delete()

        def rotate() -> tuple[int, str]:
            client = Client()
            client.force_login(alice)
            response = client.post("/account/feed/rotate/")
            return response.status_code, str(client.session.get("imgpath_feed_url", ""))

        (code_a, url_a), (code_b, url_b) = _at_once(rotate, rotate)
        assert (code_a, code_b) == (302, 302)
        assert FeedToken.objects.filter(owner=alice).count() == 1
        working = [
            url
            for url in (url_a, url_b)
            if Client().get(url.removeprefix("http://testserver")).status_code == 200
        ]
        assert len(working) == 1  # the later rotation wins; the earlier address no longer works


@pytest.mark.django_db(transaction=True)
def test_a_saved_profile_updated_while_deleted_elsewhere_is_never_a_server_error(
    example_data: dict[str, Any],
) -> None:
    _postgres_only()
    alice = User.objects.create_user("alice", "alice@example.org", "correct horse battery staple")
    for _round in range(30):  # the window is narrow: enough rounds that the old code failed
        saved = SavedProfile.objects.create(owner=alice, name="race", data=example_data)
        editing, deleting = Client(), Client()
        for client in (editing, deleting):
            client.force_login(alice)
        editing.post("/profile/", {"action": "example"})

        def update(client: Client = editing, pk: int = saved.pk) -> int:
            return client.post(f"/account/profiles/{pk}/update/").status_code

        def delete(client: Client = deleting, pk: int = saved.pk) -> int:
            return client.post(f"/account/profiles/{pk}/delete/").status_code

        updated, deleted = _at_once(update, delete)
        assert updated in {302, 404}
        assert deleted == 302
        assert not SavedProfile.objects.filter(pk=saved.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_two_sign_ups_with_one_email_at_once_make_one_account() -> None:
    _postgres_only()
    password = "correct horse battery staple"

    def sign_up(name: str) -> Any:
        def work() -> int:
            form = {"username": name, "email": "Same@Example.org", "password1": password}
            return Client().post("/account/signup/", form | {"password2": password}).status_code

        return work

    codes = _at_once(sign_up("first"), sign_up("second"))
    assert codes == [302, 302]  # the same page for both: nobody learns which won
    assert User.objects.filter(email__iexact="same@example.org").count() == 1
