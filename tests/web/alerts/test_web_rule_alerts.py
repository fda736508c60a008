"""Rule-change alerts: a rulebook update alerts exactly the plans it touches, once, in each reader's
language, on the account page and in the calendar feed; nobody but the reader sees or marks an alert."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.test import Client

from imgpath.web.accounts.models import Reader, SavedProfile
from imgpath.web.alerts.models import Alert, RulebookSnapshot
from imgpath.web.plans import feeds
from imgpath.web.plans.models import ChecklistItem
from rulebook_edits import edited_tn_rulebook, tn_rulebook

TRACKED = "us-tn.provisional_foreign_training_license"


def rule_alerts(folder: Path) -> str:
    out = io.StringIO()
    call_command("rule_alerts", rulebook=folder, site_url="https://imgpath.example", stdout=out)
    return out.getvalue()


@pytest.fixture
def updated(tmp_path: Path, alice_profile: SavedProfile) -> Path:
    """Alice tracks the graduate physician license; the rulebook was snapshotted before the update."""
    ChecklistItem.objects.create(profile=alice_profile, pathway=TRACKED, step="usmle_step1")
    assert "first run" in rule_alerts(tn_rulebook(tmp_path / "before"))
    assert not Alert.objects.exists()
    assert not mail.outbox
    return edited_tn_rulebook(tmp_path / "after")


def _alerts() -> dict[str, Alert]:
    return {a.pathway: a for a in Alert.objects.all()}


def test_the_first_run_only_records_the_snapshot(tmp_path: Path, alice_profile: SavedProfile) -> None:
    rule_alerts(edited_tn_rulebook(tmp_path / "rules"))
    assert RulebookSnapshot.objects.count() == 1
    assert not Alert.objects.exists()
    assert not mail.outbox


def test_an_update_alerts_the_tracked_route_with_its_plan_before_and_after(updated: Path) -> None:
    out = rule_alerts(updated)
    found = _alerts()
    alert = found[TRACKED]
    assert alert.owner.username == "alice"
    assert [c["key"] for c in alert.changes] == ["alerts.change.fee"]
    assert alert.changes[0]["params"] == {
        "label": "Application fee (non-refundable)",
        "old": 300.0,
        "new": 350.0,
    }
    assert alert.changes[0]["reference"]  # the sources of the new rule
    assert alert.before is not None
    assert alert.after is not None
    # the same dates; the known cost is 50 USD more (the application fee went from 300 to 350)
    assert alert.before["first_license"] == alert.after["first_license"] is not None
    assert alert.after["cost"] - alert.before["cost"] == 50
    assert f"{len(found)} alerts, 1 emails sent" in out


def test_every_alert_is_a_route_the_update_changed_and_her_plan_uses(updated: Path) -> None:
    rule_alerts(updated)
    found = _alerts()
    # the graduate physician license changed too, but she neither tracks it nor can reach it
    assert set(found) == {TRACKED, "us-tn.traditional"}
    # the traditional route was among her best before: it is gone now
    assert found["us-tn.traditional"].after is None
    assert [c["key"] for c in found["us-tn.traditional"].changes] == ["alerts.change.route_removed"]


def test_a_second_run_creates_nothing(updated: Path) -> None:
    rule_alerts(updated)
    count, sent = Alert.objects.count(), len(mail.outbox)
    assert "0 changes, 0 alerts, 0 emails" in rule_alerts(updated)
    assert (Alert.objects.count(), len(mail.outbox)) == (count, sent)
    assert RulebookSnapshot.objects.count() == 1


def test_the_email_speaks_the_reader_s_language(updated: Path, alice: User) -> None:
    Reader.objects.create(user=alice, language="es")
    rule_alerts(updated)
    (email,) = mail.outbox
    assert email.to == ["alice@example.org"]
    assert "ha cambiado" in email.subject
    assert "ha pasado de" in email.body
    assert "350" in email.body
    assert "https://imgpath.example/account/#alerts" in email.body


def test_an_english_reader_gets_english(updated: Path) -> None:
    rule_alerts(updated)
    (email,) = mail.outbox
    assert "has changed" in email.subject
    assert "changed from USD 300 to USD 350" in email.body


def test_the_adviser_hook_alerts_whoever_it_names(updated: Path, bob: User, settings: Any) -> None:
    settings.IMGPATH_ALERT_RECIPIENTS = "tests_alert_hook.everyone_else"
    import sys
    import types

    module = types.ModuleType("tests_alert_hook")
    module.everyone_else = lambda saved: User.objects.exclude(pk=saved.owner_id)  # type: ignore[attr-defined]
    sys.modules["tests_alert_hook"] = module
    try:
        rule_alerts(updated)
    finally:
        del sys.modules["tests_alert_hook"]
    assert Alert.objects.filter(owner=bob, pathway=TRACKED).exists()
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "bob@example.org"]


def test_the_account_page_shows_unread_alerts_first_and_marks_them_read(
    updated: Path, as_alice: Client
) -> None:
    rule_alerts(updated)
    alert = _alerts()[TRACKED]
    page = as_alice.get("/account/").content.decode()
    assert "changed from USD 300 to USD 350" in page
    assert f'action="/account/alerts/{alert.pk}/read/"' in page
    response = as_alice.post(f"/account/alerts/{alert.pk}/read/")
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.read
    assert f'action="/account/alerts/{alert.pk}/read/"' not in as_alice.get("/account/").content.decode()


def test_another_user_s_alert_is_not_found(updated: Path, as_bob: Client) -> None:
    rule_alerts(updated)
    alert = _alerts()[TRACKED]
    assert as_bob.post(f"/account/alerts/{alert.pk}/read/").status_code == 404
    assert "USD 350" not in as_bob.get("/account/").content.decode()
    alert.refresh_from_db()
    assert not alert.read


def test_marking_read_needs_the_csrf_token(updated: Path, alice: User) -> None:
    rule_alerts(updated)
    alert = _alerts()[TRACKED]
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(f"/account/alerts/{alert.pk}/read/").status_code == 403
    assert client.get(f"/account/alerts/{alert.pk}/read/").status_code == 405
    alert.refresh_from_db()
    assert not alert.read


def test_the_calendar_feed_has_a_dated_entry_for_each_alert(
    updated: Path, alice: User, anonymous: Client
) -> None:
    rule_alerts(updated)
    alert = _alerts()[TRACKED]
    token = feeds.rotate(alice)
    body = anonymous.get(f"/feeds/{token}/calendar.ics").content.decode()
    assert f"UID:alert-{alert.pk}@imgpath" in body
    assert f"DTSTART;VALUE=DATE:{alert.created:%Y%m%d}" in body
    assert "Rule change: Provisional foreign training license" in body


def test_the_advisers_a_client_shares_with_are_alerted_and_no_longer_once_revoked(
    tmp_path: Path, alice_profile: SavedProfile, bob: User
) -> None:
    """Bob advises for an organisation Alice shared her profile with: he gets his own alert and
    email; Carol, an adviser of another organisation, gets none; once Alice revokes, Bob gets no more."""
    from django.utils import timezone

    from imgpath.web.advising.models import Consent, Membership, Organisation

    ours = Organisation.objects.create(name="Welcome Back Center", slug="welcome-back")
    theirs = Organisation.objects.create(name="Another office", slug="another")
    Membership.objects.create(organisation=ours, user=bob)
    carol = User.objects.create_user("carol", "carol@example.org", "not-used-here-1")
    Membership.objects.create(organisation=theirs, user=carol)
    consent = Consent.objects.create(profile=alice_profile, organisation=ours)
    ChecklistItem.objects.create(profile=alice_profile, pathway=TRACKED, step="usmle_step1")
    rule_alerts(tn_rulebook(tmp_path / "before"))
    rule_alerts(edited_tn_rulebook(tmp_path / "after"))
    assert Alert.objects.filter(owner=bob, pathway=TRACKED).exists()
    assert not Alert.objects.filter(owner=carol).exists()
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.org", "bob@example.org"]
    consent.revoked = timezone.now()
    consent.save()
    Alert.objects.all().delete()
    mail.outbox.clear()
    rule_alerts(tn_rulebook(tmp_path / "again"))  # the rules change back: a new change
    assert Alert.objects.filter(owner=alice_profile.owner).exists()
    assert not Alert.objects.filter(owner=bob).exists()
