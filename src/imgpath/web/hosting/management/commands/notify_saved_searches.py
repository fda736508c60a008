"""``python -m imgpath.web notify_saved_searches``: email new matches of each saved search."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from imgpath.web.hosting.mail import default_site_url, notify_saved_searches


class Command(BaseCommand):
    help = (
        "Email each saved search's owner the listings published since the last run, and record the run "
        "(last_notified). Safe to run again: nothing is sent twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--site-url", default=None, help="The site's address for links in the email.")

    def handle(self, *args: Any, **options: Any) -> None:
        sent = notify_saved_searches(timezone.now(), options["site_url"] or default_site_url())
        self.stdout.write(f"Saved searches: {sent} emails sent.")
