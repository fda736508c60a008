"""The rounds' writes and reads: what a page may show or change, and the close that solves a round.

A round becomes ``imgpath.matching``'s JSON (applicants ``a<user id>``, slots ``s<slot id>``, rankings
best first), is solved there, and its answer is kept as placements. Only applicants who ranked a slot
of the round are in it; an applicant and a slot are acceptable only when each ranks the other.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from imgpath.matching import RoundOutcome, read_round, solve_round
from imgpath.web.hosting.services import is_host
from imgpath.web.matching.models import ApplicantChoice, HostChoice, ObservershipRound, Placement, Slot
from imgpath.web.opportunities.models import Listing, Review


def visible_slots(round_: ObservershipRound) -> QuerySet[Slot]:
    """The slots applicants see: those of listings that are published and not withdrawn."""
    return round_.slots.filter(listing__review=Review.published).exclude(listing__status="withdrawn")


def open_rounds() -> QuerySet[ObservershipRound]:
    return ObservershipRound.objects.filter(closed__isnull=True)


def hosts_listings(user: Any) -> QuerySet[Listing]:
    """The host's own observership listings, the ones it may publish slots for."""
    return (
        Listing.objects.filter(owner=user, kind="observership").exclude(status="withdrawn").order_by("title")
    )


def own_round(user: Any, round_id: int) -> ObservershipRound:
    """The host's own round; a 404 for anyone else's and for any account that is not a host."""
    if not is_host(user):
        raise Http404
    return get_object_or_404(ObservershipRound, pk=round_id, host=user)


def own_slot(user: Any, round_: ObservershipRound, slot_id: int) -> Slot:
    return get_object_or_404(Slot, pk=slot_id, round=round_, round__host=user)


def may_close(user: Any, round_: ObservershipRound) -> bool:
    """A coordinator (staff) or the round's host."""
    return bool(user.is_authenticated and (user.is_staff or round_.host_id == user.pk))


def accepts_rankings(round_: ObservershipRound, today: date) -> bool:
    """Applicants rank until the deadline, the day itself included, while the round is open."""
    return round_.is_open and today <= round_.deadline


def applicant_ranks(user: Any, round_: ObservershipRound) -> dict[int, int]:
    """The applicant's own ranking in the round: slot id -> rank."""
    return dict(
        ApplicantChoice.objects.filter(applicant=user, slot__round=round_).values_list("slot_id", "rank")
    )


@transaction.atomic
def save_applicant_ranking(user: Any, round_: ObservershipRound, ranks: dict[int, int]) -> None:
    """Replace the applicant's ranking in the round; ``ranks`` holds only the slots they want."""
    ApplicantChoice.objects.filter(applicant=user, slot__round=round_).delete()
    ApplicantChoice.objects.bulk_create(
        ApplicantChoice(applicant=user, slot_id=slot, rank=rank) for slot, rank in ranks.items()
    )


def applicants_of(slot: Slot) -> list[Any]:
    """The applicants who ranked the slot, by username."""
    return [
        choice.applicant
        for choice in slot.choices.select_related("applicant").order_by("applicant__username")
    ]


def host_ranks(slot: Slot) -> dict[int, int]:
    return dict(slot.host_choices.values_list("applicant_id", "rank"))


@transaction.atomic
def save_host_ranking(slot: Slot, ranks: dict[int, int]) -> None:
    """Replace the host's ranking of the slot's applicants; only applicants who ranked the slot count."""
    allowed = set(slot.choices.values_list("applicant_id", flat=True))
    slot.host_choices.all().delete()
    HostChoice.objects.bulk_create(
        HostChoice(slot=slot, applicant_id=applicant, rank=rank)
        for applicant, rank in ranks.items()
        if applicant in allowed
    )


def round_data(round_: ObservershipRound) -> dict[str, Any]:
    """The round as ``imgpath.matching`` reads it: rankings best first (ties by id)."""
    slots = list(round_.slots.order_by("pk"))
    applicants: dict[str, list[str]] = defaultdict(list)
    for choice in ApplicantChoice.objects.filter(slot__round=round_).order_by(
        "applicant_id", "rank", "slot_id"
    ):
        applicants[f"a{choice.applicant_id}"].append(f"s{choice.slot_id}")
    body: dict[str, Any] = {}
    for slot in slots:
        ranking = [
            f"a{applicant}"
            for applicant in slot.host_choices.order_by("rank", "applicant_id").values_list(
                "applicant_id", flat=True
            )
        ]
        # an applicant who has since withdrawn every choice is in no applicant's list: leave them out
        body[f"s{slot.pk}"] = {"capacity": slot.capacity, "ranking": [a for a in ranking if a in applicants]}
    return {"applicants": dict(sorted(applicants.items(), key=lambda kv: int(kv[0][1:]))), "slots": body}


@transaction.atomic
def close(round_: ObservershipRound) -> RoundOutcome:
    """Solve the round and keep its answer; a round already closed is not solved again."""
    locked = ObservershipRound.objects.select_for_update().get(pk=round_.pk)
    if not locked.is_open:
        raise ValueError("the round is already closed")
    outcome = solve_round(read_round(round_data(locked)))
    Placement.objects.bulk_create(
        Placement(round=locked, slot_id=int(slot[1:]), applicant_id=int(applicant[1:]), position=position)
        for slot, taken in outcome.assignments.items()
        for position, applicant in enumerate(taken, start=1)
    )
    locked.closed = timezone.now()
    locked.save(update_fields=["closed"])
    round_.closed = locked.closed
    return outcome


def placement_of(user: Any, round_: ObservershipRound) -> Placement | None:
    return Placement.objects.filter(round=round_, applicant=user).select_related("slot__listing").first()


def rounds_ranked_by(user: Any) -> QuerySet[ObservershipRound]:
    return ObservershipRound.objects.filter(slots__choices__applicant=user).distinct()
