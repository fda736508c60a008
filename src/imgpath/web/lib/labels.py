"""Verdicts and route kinds in the words people read, for every page and the template filters."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from imgpath.engine import Verdict
from imgpath.rulebook import Kind

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
