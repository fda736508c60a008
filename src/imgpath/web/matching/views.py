"""The rounds' pages: applicants rank an open round's slots until its deadline; a host opens rounds,
publishes slots of its own observerships and ranks the applicants who ranked them; the host or a
coordinator (staff) closes a round, and everyone sees their result.

Every object is looked up through its owner: another host's round or slot, a round an applicant
cannot see, is a 404, so a URL does not say whether it exists.
"""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from imgpath.web.accounts.auth import AuthenticatedHttpRequest
from imgpath.web.hosting.services import is_host
from imgpath.web.matching import services
from imgpath.web.matching.forms import RankingForm, RoundForm, SlotForm
from imgpath.web.matching.models import MAX_SLOTS, ObservershipRound, Slot

MAX_OPEN_ROUNDS = 20
"""Open rounds one host may hold at once."""


def _slot_label(slot: Slot) -> str:
    return _("%(title)s, %(start)s to %(end)s") % {
        "title": slot.listing.title,
        "start": slot.start.isoformat(),
        "end": slot.end.isoformat(),
    }


@login_required
def rounds(request: AuthenticatedHttpRequest) -> HttpResponse:
    open_rounds = [r for r in services.open_rounds() if services.visible_slots(r).exists()]
    context = {
        "open_rounds": open_rounds,
        "ranked": services.rounds_ranked_by(request.user).exclude(pk__in=[r.pk for r in open_rounds]),
        "is_host": is_host(request.user),
        "own": ObservershipRound.objects.filter(host=request.user) if is_host(request.user) else [],
        "coordinated": services.open_rounds() if request.user.is_staff else [],
    }
    return render(request, "matching/rounds.html", context)


@login_required
def round_page(request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
    """An applicant's page of one round: the ranking form while open, their result once closed."""
    round_ = get_object_or_404(ObservershipRound, pk=round_id)
    slots = list(services.visible_slots(round_).select_related("listing"))
    mine = services.applicant_ranks(request.user, round_)
    if not (round_.is_open and slots) and not mine and not services.may_close(request.user, round_):
        raise Http404
    context: dict[str, object] = {"round": round_, "may_close": services.may_close(request.user, round_)}
    if not round_.is_open:
        context["placement"] = services.placement_of(request.user, round_)
        context["took_part"] = bool(mine)
        return render(request, "matching/round.html", context)
    accepting = services.accepts_rankings(round_, date.today())
    choices = [(slot.pk, _slot_label(slot)) for slot in slots]
    status = 200
    if request.method == "POST":
        if not accepting:
            context |= {"accepting": False, "form": None}
            messages.error(request, _("The ranking deadline has passed: your ranking was not changed."))
            return render(request, "matching/round.html", context, status=403)
        form = RankingForm(request.POST, choices=choices)
        if form.is_valid():
            services.save_applicant_ranking(request.user, round_, form.ranks())
            messages.success(request, _("Your ranking is saved. You can change it until the deadline."))
            return redirect("round", round_id=round_.pk)
        status = 400
    else:
        form = RankingForm(initial={f"rank-{k}": v for k, v in mine.items()}, choices=choices)
    context |= {"accepting": accepting, "form": form if accepting else None}
    return render(request, "matching/round.html", context, status=status)


@login_required
@require_POST
def close_round(request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
    round_ = get_object_or_404(ObservershipRound, pk=round_id)
    if not services.may_close(request.user, round_):
        raise Http404
    if round_.is_open:
        services.close(round_)
        messages.success(request, _("The round is closed and solved: everyone can see their result."))
    if round_.host_id == request.user.pk:
        return redirect("host_round", round_id=round_.pk)
    return redirect("round", round_id=round_.pk)


def _host_only(request: AuthenticatedHttpRequest) -> None:
    if not is_host(request.user):
        raise Http404


@login_required
def host_new_round(request: AuthenticatedHttpRequest) -> HttpResponse:
    _host_only(request)
    status = 200
    if request.method == "POST":
        form = RoundForm(request.POST)
        if (
            ObservershipRound.objects.filter(host=request.user, closed__isnull=True).count()
            >= MAX_OPEN_ROUNDS
        ):
            form.add_error(None, _("Close one of your open rounds before opening another."))
        if form.is_valid():
            round_ = form.save(commit=False)
            round_.host = request.user
            round_.save()
            return redirect("host_round", round_id=round_.pk)
        status = 400
    else:
        form = RoundForm()
    return render(request, "matching/round_form.html", {"form": form}, status=status)


@login_required
def host_round(request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
    round_ = services.own_round(request.user, round_id)
    rows = []
    for slot in round_.slots.select_related("listing"):
        applicants = services.applicants_of(slot)
        ranks = services.host_ranks(slot)
        form = RankingForm(
            initial={f"rank-{k}": v for k, v in ranks.items()},
            choices=[(a.pk, a.get_username()) for a in applicants],
            prefix=f"slot{slot.pk}",
        )
        taken = [p.applicant for p in slot.placements.select_related("applicant")]
        rows.append({"slot": slot, "form": form if applicants else None, "taken": taken})
    return render(request, "matching/host_round.html", {"round": round_, "rows": rows})


def _slot_form(
    request: AuthenticatedHttpRequest, round_: ObservershipRound, slot: Slot | None
) -> HttpResponse:
    if not round_.is_open:
        raise Http404
    listings = services.hosts_listings(request.user)
    status = 200
    if request.method == "POST":
        form = SlotForm(request.POST, instance=slot, listings=listings)
        if slot is None and round_.slots.count() >= MAX_SLOTS:
            form.add_error(None, _("A round holds at most %(most)d slots.") % {"most": MAX_SLOTS})
        if form.is_valid():
            saved = form.save(commit=False)
            saved.round = round_
            saved.save()
            messages.success(request, _("The slot is saved."))
            return redirect("host_round", round_id=round_.pk)
        status = 400
    else:
        form = SlotForm(instance=slot, listings=listings)
    context = {"round": round_, "slot": slot, "form": form}
    return render(request, "matching/slot_form.html", context, status=status)


@login_required
def host_new_slot(request: AuthenticatedHttpRequest, round_id: int) -> HttpResponse:
    return _slot_form(request, services.own_round(request.user, round_id), None)


@login_required
def host_edit_slot(request: AuthenticatedHttpRequest, round_id: int, slot_id: int) -> HttpResponse:
    round_ = services.own_round(request.user, round_id)
    return _slot_form(request, round_, services.own_slot(request.user, round_, slot_id))


@login_required
@require_POST
def host_rank_slot(request: AuthenticatedHttpRequest, round_id: int, slot_id: int) -> HttpResponse:
    round_ = services.own_round(request.user, round_id)
    slot = services.own_slot(request.user, round_, slot_id)
    if not round_.is_open:
        raise Http404
    applicants = services.applicants_of(slot)
    form = RankingForm(
        request.POST, choices=[(a.pk, a.get_username()) for a in applicants], prefix=f"slot{slot.pk}"
    )
    if not form.is_valid():
        messages.error(
            request,
            " ".join(str(e) for e in form.non_field_errors())
            or _("Use whole numbers from 1 to the number of applicants."),
        )
        return redirect("host_round", round_id=round_.pk)
    services.save_host_ranking(slot, {int(k): v for k, v in form.ranks().items()})
    messages.success(request, _("Your ranking of the applicants is saved."))
    return redirect("host_round", round_id=round_.pk)
