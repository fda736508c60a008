"""``python -m imgpath.web listings_freshness``: remind hosts of their listings that turned stale."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from imgpath.web.hosting.mail import default_site_url, remind_stale_hosts


class Command(BaseCommand):
    help = (
        "Email each host once about their listings not checked for 180 days (readers see them as stale; "
        "at 270 days they are hidden). Safe to run again: a listing is reminded once per check date."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, help="The day to judge by (ISO)."
        )
        parser.add_argument("--site-url", default=None, help="The site's address for links in the email.")

    def handle(self, *args: Any, **options: Any) -> None:
        sent = remind_stale_hosts(options["today"] or date.today(), options["site_url"] or default_site_url())
        self.stdout.write(f"Stale reminders: {sent} emails sent.")
