"""Migrations that guard data: the one-account-per-email index stops on addresses already shared."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import IntegrityError, transaction


@pytest.mark.django_db(transaction=True)
def test_the_email_index_lists_shared_addresses_instead_of_failing_half_way() -> None:
    call_command("migrate", "web", "0003", verbosity=0)
    try:
        User.objects.create_user("first", "Shared@example.org", "correct horse battery staple")
        User.objects.create_user("second", "shared@EXAMPLE.org", "correct horse battery staple")
        with pytest.raises(RuntimeError, match=r"shared@example\.org \(2 accounts\)"):
            call_command("migrate", "web", "0004", verbosity=0)
        User.objects.filter(username="second").update(email="")
    finally:
        call_command("migrate", "web", verbosity=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("third", "SHARED@example.org", "correct horse battery staple")
