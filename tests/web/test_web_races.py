"""Writes that can race (issue 9): two first saves of one checklist at once both succeed, once each."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client

from imgpath.web.models import ChecklistItem, SavedProfile

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
    assert len(steps) == len(set(steps)) and "usmle_step3" in steps
