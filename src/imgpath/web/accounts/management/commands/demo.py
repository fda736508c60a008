"""``python -m imgpath.web demo``: demo content, marked as demo, safe to run again."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandParser

from imgpath.engine import parse_profile
from imgpath.web.accounts.models import SavedProfile
from imgpath.web.lib.profiles import example_text, profile_to_data
from imgpath.web.opportunities.catalogue import load_listings

DEMO_USER = "demo"
DEMO_PASSWORD = "imgpath-demo-only"


class Command(BaseCommand):
    help = "Create the demo account and its example profile (marked demo). Idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--quiet", action="store_true", help="Print nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        user, created = get_user_model().objects.get_or_create(
            username=DEMO_USER, defaults={"email": "demo@example.invalid"}
        )
        if created:
            # a known password only in development; in production the demo account cannot log in
            if settings.DEBUG:
                user.set_password(DEMO_PASSWORD)
            else:
                user.set_unusable_password()
            user.save()
        data = profile_to_data(parse_profile(example_text(), "example"))
        SavedProfile.objects.update_or_create(
            owner=user, name="Experienced internist (demo)", defaults={"data": data, "demo": True}
        )
        loaded = load_listings()
        if not options["quiet"]:
            self.stdout.write(f"Listings: {loaded.written} written, {loaded.unchanged} unchanged.")
            login = (
                f"log in as {DEMO_USER} / {DEMO_PASSWORD}" if settings.DEBUG else "no log-in in production"
            )
            self.stdout.write(f"Demo content ready ({login}).")
