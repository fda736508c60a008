"""Verdicts, route kinds, route statuses and how far sources go, in the words people read, for every
page and the template filters."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from imgpath.engine import Verdict
from imgpath.rulebook import Kind
from imgpath.rulebook.schema import Confidence, RouteStatus

VERDICT_LABELS = {
    Verdict.eligible: _("Eligible"),
    Verdict.not_yet: _("Not yet"),
    Verdict.needs_steps: _("Needs steps"),
    Verdict.unknown: _("Unknown"),
    Verdict.not_eligible: _("Not eligible"),
}
KIND_LABELS = {
    Kind.traditional: _("Traditional (US residency)"),
    Kind.alternative: _("Alternative (no US residency)"),
    Kind.assistant_physician: _("Assistant or graduate physician"),
    Kind.limited: _("Limited license"),
    Kind.certification: _("Certification"),
    Kind.visa: _("Visa"),
    Kind.state_program: _("State IMG program"),
}
ROUTE_STATUS_LABELS = {
    RouteStatus.pending: _("pending (not yet law)"),
    RouteStatus.enacted: _("law, not yet in force"),
    RouteStatus.effective: _("in force"),
    RouteStatus.accepting_applications: _("in force, taking applications"),
    RouteStatus.repealed: _("repealed"),
}
CONFIDENCE_LABELS = {
    Confidence.primary: _("primary (the law or the board itself)"),
    Confidence.secondary: _("secondary (summaries, law firms, press)"),
    Confidence.unverified: _("unverified (to be checked)"),
}
