"""``python -m imgpath.web rule_alerts``: after deploying a rulebook update, alert whose plans it touches."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from imgpath.rulebook import DATA_DIR, default_rulebook, load_rulebook
from imgpath.web.alerts.notify import run_alerts
from imgpath.web.alerts.recipients import extra_recipients
from imgpath.web.hosting.mail import default_site_url


class Command(BaseCommand):
    help = (
        "Compare the rulebook with the snapshot the last run recorded; alert and email (once each) the "
        "readers of every saved profile whose plan depends on a changed route; record the new snapshot. "
        "The first run only records it; a second run after the same update creates nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--site-url", default=None, help="The site's address for links in the email.")
        parser.add_argument(
            "--rulebook",
            type=Path,
            default=None,
            help="A rulebook folder to read instead of the bundled one.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder: Path | None = options["rulebook"]
        rulebook = load_rulebook(folder) if folder is not None else default_rulebook()
        outcome = run_alerts(
            rulebook,
            folder or DATA_DIR,
            timezone.now(),
            options["site_url"] or default_site_url(),
            extra_recipients(),
        )
        if outcome.first_run:
            self.stdout.write("Rule alerts: first run, the rulebook's snapshot is recorded.")
        else:
            self.stdout.write(
                f"Rule alerts: {outcome.changes} changes, {outcome.alerts} alerts, "
                f"{outcome.emails} emails sent."
            )
