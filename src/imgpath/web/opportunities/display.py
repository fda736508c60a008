"""A listing's facts in the reader's words: kinds, costs, deadlines, and the home page's families.

Costs keep the finder's honesty: a cost the source does not give is "not known", never 0, and
"free" is said only when the source says it costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imgpath.finder import (
    Cost,
    ListingStatus,
    Money,
    Opportunity,
    OpportunityKind,
    Per,
    Window,
    known_cost_usd,
    next_window,
    search_words,
)
from imgpath.web.lib.money import money

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

KIND_LABELS: dict[OpportunityKind, StrOrPromise] = {
    OpportunityKind.observership: gettext_lazy("Observership"),
    OpportunityKind.hands_on_clinical: gettext_lazy("Hands-on clinical experience"),
    OpportunityKind.research_position: gettext_lazy("Research position"),
    OpportunityKind.non_clinical_role: gettext_lazy("Non-clinical role"),
    OpportunityKind.preparatory_program: gettext_lazy("Preparatory program"),
    OpportunityKind.exam_preparation: gettext_lazy("Exam preparation"),
    OpportunityKind.bridge_program: gettext_lazy("Bridge program"),
    OpportunityKind.state_program: gettext_lazy("State program"),
    OpportunityKind.funding: gettext_lazy("Funding"),
    OpportunityKind.job: gettext_lazy("Job"),
    OpportunityKind.telemedicine_role: gettext_lazy("Telemedicine role"),
}

STATUS_LABELS: dict[ListingStatus, StrOrPromise] = {
    # Translators: a listing's status
    ListingStatus.open: gettext_lazy("open"),
    # Translators: a listing's status: not taking applications now, it may open again
    ListingStatus.closed: gettext_lazy("closed for now"),
    # Translators: a listing's status: its last session or deadline has passed
    ListingStatus.expired: gettext_lazy("expired"),
    # Translators: a listing's status: the host or a curator took it down
    ListingStatus.withdrawn: gettext_lazy("withdrawn"),
}

SPECIALTY_LABELS: dict[str, StrOrPromise] = {
    "anesthesiology": gettext_lazy("Anesthesiology"),
    "cardiovascular_surgery": gettext_lazy("Cardiovascular surgery"),
    "dermatology": gettext_lazy("Dermatology"),
    "emergency_medicine": gettext_lazy("Emergency medicine"),
    "family_medicine": gettext_lazy("Family medicine"),
    "general_surgery": gettext_lazy("General surgery"),
    "internal_medicine": gettext_lazy("Internal medicine"),
    "neurology": gettext_lazy("Neurology"),
    "obstetrics_gynecology": gettext_lazy("Obstetrics and gynecology"),
    "pathology": gettext_lazy("Pathology"),
    "pediatrics": gettext_lazy("Pediatrics"),
    "psychiatry": gettext_lazy("Psychiatry"),
    "radiology": gettext_lazy("Radiology"),
    "thoracic_surgery": gettext_lazy("Thoracic surgery"),
}
"""The specialties listings and profiles name (lower_snake_case, as the finder's schema keeps them),
in the reader's words; another is shown from its code (``specialty_label``)."""

_PER = {
    Per.week: gettext_lazy("%(amount)s a week"),
    Per.month: gettext_lazy("%(amount)s a month"),
    Per.day: gettext_lazy("%(amount)s a day"),
    Per.year: gettext_lazy("%(amount)s a year"),
    Per.rotation: gettext_lazy("%(amount)s a rotation"),
}


def kind_label(kind: OpportunityKind) -> StrOrPromise:
    return KIND_LABELS[kind]


def status_label(status: ListingStatus) -> StrOrPromise:
    return STATUS_LABELS[status]


def specialty_label(code: str) -> StrOrPromise:
    """A specialty in the reader's words; one we have no label for, from its code (``sports_medicine``:
    "Sports medicine")."""
    return SPECIALTY_LABELS.get(code) or code.replace("_", " ").capitalize()


def specialty_choices() -> list[tuple[str, str]]:
    """The known specialties for a form's list, in the reader's alphabetical order."""
    shown = ((code, str(label)) for code, label in SPECIALTY_LABELS.items())
    return sorted(shown, key=lambda choice: search_words(choice[1]))


def amount_text(amount: Money) -> str:
    """``USD 500``, ``USD 300 a week``, in the reader's language."""
    said = money(amount.usd)
    template = _PER.get(amount.per)
    return str(template) % {"amount": said} if template is not None else said


def cost_summary(opportunity: Opportunity) -> str:
    """The least it costs, in one phrase: free only when the source says so; unknown, never 0."""
    if opportunity.cost.free:
        return _("Free (the source says it costs nothing)")
    known = known_cost_usd(opportunity)
    if known is None:
        return _("Cost not known: the source does not give it")
    # Translators: the least a listing costs the person, for its shortest stay
    return _("From %(amount)s") % {"amount": money(known)}


def cost_summary_of(cost: Cost) -> str:
    """What an organisation's help costs: free only when said, each amount given, else not known."""
    if cost.free:
        return _("Free (the source says it costs nothing)")
    given = [amount_text(m) for m in (cost.application_fee, cost.tuition) if m is not None]
    return ", ".join(given) if given else _("Cost not known: the source does not give it")


@dataclass(frozen=True, slots=True)
class CostLine:
    label: str
    amount: str
    note: str | None


def cost_lines(opportunity: Opportunity) -> list[CostLine]:
    """Each part of the cost the source gives; a part it does not give is said to be not known."""
    cost = opportunity.cost
    lines = []
    for label, part, always in (
        (_("Application fee"), cost.application_fee, True),
        (_("Tuition or program fee"), cost.tuition, True),
        (_("Each extra week"), cost.extra_week, False),
    ):
        if part is not None:
            lines.append(CostLine(label, amount_text(part), part.note))
        elif always and not cost.free:
            lines.append(CostLine(label, _("not known"), None))
    return lines


def deadline_text(opportunity: Opportunity, window: Window | None) -> str:
    """When to apply by, in words (the date itself is shown beside it by the template)."""
    if window is not None and window.closes is not None:
        return _("Apply by")
    if opportunity.application.rolling:
        return _("Rolling: applications are taken all year")
    return _("The source gives no deadline")


def window_of(opportunity: Opportunity, today: date) -> Window | None:
    return next_window(opportunity.application, today)
