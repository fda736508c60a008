"""Management commands behind `make run`: demo content is marked demo and can be loaded twice."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from imgpath.web.models import SavedProfile


@pytest.mark.django_db
def test_demo_content_is_marked_and_idempotent() -> None:
    call_command("demo", "--quiet")
    call_command("demo", "--quiet")
    demo = SavedProfile.objects.get()
    assert demo.demo and demo.owner.username == "demo"
    assert demo.data["job_offer"]["state"] == "TN"


def test_migrations_match_the_models(db: None) -> None:
    call_command("makemigrations", "web", "--check", "--dry-run", verbosity=0)
