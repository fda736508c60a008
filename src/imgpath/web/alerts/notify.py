"""``rule_alerts``: compare the loaded rulebook with the last snapshot, alert whose plans the changes
touch, email each reader once, and record the new snapshot.

Who is alerted about a changed route: every saved profile that tracks it (a checklist item or an
added listing for it, as the calendar feed counts), and every saved profile for which it is among
the ``BEST`` first feasible routes of its plans, ranked by time, under the rules before or after the
change (so a route removed from under someone's best plan is news to them too).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from imgpath.engine import Profile
from imgpath.planner import RoutePlan, plan
from imgpath.rulebook import Rulebook, RuleChange, load_rulebook, rule_changes, rulebook_digest
from imgpath.web.accounts.languages import language_of
from imgpath.web.accounts.models import SavedProfile
from imgpath.web.alerts.models import Alert, RulebookSnapshot
from imgpath.web.alerts.recipients import Recipients, no_one
from imgpath.web.alerts.sentences import change_message
from imgpath.web.plans.models import ChecklistItem, PlanAddition
from imgpath.web.plans.planning import plan_day, saved_plan_profile

BEST = 3
"""How many of a profile's best routes (first feasible plans by time) count as its plan."""


@dataclass(frozen=True)
class Outcome:
    first_run: bool
    changes: int
    alerts: int
    emails: int


def rule_files(data_dir: Path) -> dict[str, str]:
    """Every rule file's text, by its path relative to the data folder."""
    return {
        path.relative_to(data_dir).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(data_dir.rglob("*.yaml"))
    }


def _rulebook_of(files: dict[str, str]) -> Rulebook:
    """The rulebook a snapshot recorded, loaded from its files in a folder of their own."""
    with tempfile.TemporaryDirectory() as folder:
        for name, text in files.items():
            path = Path(folder) / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return load_rulebook(Path(folder))


def plan_summary(profile: Profile, rulebook: Rulebook, pathway: str) -> dict[str, Any] | None:
    """The route's plan for the profile as an alert keeps it; None when the rulebook has no plan."""
    try:
        found: RoutePlan = plan(profile, rulebook, as_of=plan_day(profile), route=pathway, steps=False).plans[
            0
        ]
    except (KeyError, IndexError):
        return None

    def dates(span: tuple[Any, Any, Any] | None) -> list[str] | None:
        return [d.isoformat() for d in span] if span else None

    return {
        "feasible": found.feasible,
        "verdict": found.verdict,
        "first_license": dates(found.first_license),
        "full_license": dates(found.full_license),
        "cost": found.cost.typical,
        "cost_at_least": found.cost_at_least,
    }


def _best(profile: Profile, rulebook: Rulebook) -> set[str]:
    states = profile.preferences.states if profile.preferences and profile.preferences.states else None
    plans = plan(profile, rulebook, as_of=plan_day(profile), states=states, steps=False).plans
    return {p.pathway for p in [p for p in plans if p.feasible][:BEST]}


def _tracked() -> dict[int, set[str]]:
    """Saved profile id -> the routes it tracks (checklist items or added listings)."""
    found: dict[int, set[str]] = {}
    for model in (ChecklistItem, PlanAddition):
        for profile_id, pathway in model.objects.values_list("profile_id", "pathway").distinct():
            found.setdefault(profile_id, set()).add(pathway)
    return found


def _affected(
    saved: SavedProfile, tracked: set[str], changed: set[str], old: Rulebook, new: Rulebook
) -> tuple[Profile | None, list[str]]:
    profile = saved_plan_profile(saved)
    if profile is None:
        return None, []
    routes = tracked & changed
    if changed - routes:
        routes |= changed & (_best(profile, old) | _best(profile, new))
    return profile, sorted(routes)


def _email(user: User, alerts: list[Alert], site_url: str) -> None:
    """One email to ``user`` about their new alerts, in the language they last read the site in."""
    context = {"user": user, "alerts": alerts, "account_url": site_url + reverse("account") + "#alerts"}
    with translation.override(language_of(user)):
        subject = " ".join(render_to_string("alerts/rule_alerts_subject.txt", context).split())
        body = render_to_string("alerts/rule_alerts_email.txt", context)
    send_mail(subject, body, None, [user.email])


def run_alerts(
    rulebook: Rulebook,
    data_dir: Path,
    now: datetime,
    site_url: str,
    extra_recipients: Recipients = no_one,
) -> Outcome:
    """One run (see the module's docstring). The first run only records the snapshot; a run after
    which nothing changed in the rulebook creates nothing, so running it twice is harmless."""
    digest = rulebook_digest(rulebook)
    files = rule_files(data_dir)
    with transaction.atomic():
        latest = RulebookSnapshot.objects.select_for_update().first()
        changes = rule_changes(latest.digest, digest) if latest is not None else []
        created = _create_alerts(latest, changes, rulebook, now, extra_recipients) if changes else []
        RulebookSnapshot.objects.all().delete()
        RulebookSnapshot.objects.create(taken=now, digest=digest, files=files)
    by_reader: dict[int, list[Alert]] = {}
    for alert in created:
        by_reader.setdefault(alert.owner_id, []).append(alert)
    emails = 0
    for alerts in by_reader.values():
        reader = alerts[0].owner
        if reader.email and reader.is_active:
            _email(reader, alerts, site_url)
            emails += 1
    return Outcome(latest is None, len(changes), len(created), emails)


def _create_alerts(
    latest: RulebookSnapshot | None,
    changes: list[RuleChange],
    rulebook: Rulebook,
    now: datetime,
    extra_recipients: Recipients,
) -> list[Alert]:
    assert latest is not None
    old = _rulebook_of(latest.files)
    by_route: dict[str, list[RuleChange]] = {}
    for change in changes:
        by_route.setdefault(change.pathway, []).append(change)
    tracked = _tracked()
    created: list[Alert] = []
    for saved in SavedProfile.objects.select_related("owner__reader").order_by("pk"):
        profile, routes = _affected(saved, tracked.get(saved.pk, set()), set(by_route), old, rulebook)
        if profile is None:
            continue
        readers: Iterable[User] = [saved.owner, *extra_recipients(saved)]
        for pathway in routes:
            name = _route_name(pathway, rulebook, old)
            before, after = plan_summary(profile, old, pathway), plan_summary(profile, rulebook, pathway)
            messages = [change_message(c) for c in by_route[pathway]]
            for reader in dict.fromkeys(readers):
                created.append(
                    Alert.objects.create(
                        owner=reader,
                        profile=saved,
                        pathway=pathway,
                        route_name=name,
                        changes=messages,
                        before=before,
                        after=after,
                        created=now,
                    )
                )
    return created


def _route_name(pathway: str, *rulebooks: Rulebook) -> str:
    for rulebook in rulebooks:
        if pathway in rulebook.routes:
            return rulebook.routes[pathway].pathway.name
    return pathway
