"""Management commands: demo content is marked demo and can be loaded twice; tidy deletes on time."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from imgpath.web.accounts.models import SavedProfile


@pytest.mark.django_db
def test_demo_content_is_marked_and_idempotent() -> None:
    call_command("demo", "--quiet")
    call_command("demo", "--quiet")
    demo = SavedProfile.objects.get()
    assert demo.demo
    assert demo.owner.username == "demo"
    assert demo.data["job_offer"]["state"] == "TN"


def test_migrations_match_the_models(db: None) -> None:
    call_command("makemigrations", "web", "--check", "--dry-run", verbosity=0)


def test_tidy_deletes_what_the_service_promises_not_to_keep(alice: User) -> None:
    """docs/security.md's periods: expired sessions, accounts never confirmed after their link
    expired, closed throttle windows. Everything else stays."""
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    from imgpath.web.models import ThrottleCount

    now = timezone.now()
    stale = User.objects.create_user("stale", "stale@example.org", is_active=False)
    User.objects.filter(pk=stale.pk).update(date_joined=now - timedelta(days=3, minutes=1))
    waiting = User.objects.create_user("waiting", "waiting@example.org", is_active=False)
    Session.objects.create(session_key="old", session_data="", expire_date=now - timedelta(seconds=1))
    Session.objects.create(session_key="live", session_data="", expire_date=now + timedelta(days=1))
    ThrottleCount.objects.create(key="closed", count=3, expires=int(now.timestamp()) - 1)
    ThrottleCount.objects.create(key="open", count=3, expires=int(now.timestamp()) + 60)
    out = StringIO()
    call_command("tidy", stdout=out)
    assert set(User.objects.values_list("username", flat=True)) == {"alice", "waiting"}
    assert waiting.pk
    assert set(Session.objects.values_list("session_key", flat=True)) == {"live"}
    assert set(ThrottleCount.objects.values_list("key", flat=True)) == {"open"}
    assert "1 expired sessions" in out.getvalue()
