"""Mentoring pages: the hub, a mentor's profile (pledge and code of conduct), a mentee's request, a
proposal with its fit explained and its answers, a report, and the coordinators' rounds and reports.
``services`` decides; every object is the reader's own or a 404; every change is a POST."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from imgpath.messages import from_json
from imgpath.web import throttle
from imgpath.web.accounts.auth import AuthenticatedHttpRequest
from imgpath.web.lib.rates import Rate
from imgpath.web.mentoring import services
from imgpath.web.mentoring.forms import MentorForm, ReportForm, RequestForm, datalists
from imgpath.web.mentoring.models import (
    CONDUCT_VERSION,
    PLEDGE_VERSION,
    MentoringReport,
    MentoringRound,
    MentorProfile,
    MentorshipRequest,
    Proposal,
)

REPORTS = Rate(5, 60 * 60)
"""Accepted reports per address an hour, as for the listings' report form."""
REPORT_POSTS = Rate(30, 60 * 60)
"""Posts of the report form per address an hour, counted before the form is read."""


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def fit_parts(fit: dict[str, Any]) -> list[dict[str, Any]]:
    """A stored fit's parts, each with its sentence as a message (rendered in the reader's language)."""
    return [
        {
            "criterion": part["criterion"],
            "points": part["points"],
            "said": from_json({"key": part["reason_key"], "params": part["reason_params"]}),
        }
        for part in fit.get("parts", [])
    ]


@login_required
def hub(request: AuthenticatedHttpRequest) -> HttpResponse:
    mentor = MentorProfile.objects.filter(user=request.user).first()
    open_request = (
        MentorshipRequest.objects.filter(mentee=request.user)
        .exclude(status=MentorshipRequest.Status.withdrawn)
        .first()
    )
    context = {
        "mentor": mentor,
        "open_request": open_request,
        "proposals": services.proposals_of(request.user)[:20],
        "coordinator": services.is_coordinator(request.user),
    }
    return render(request, "mentoring/hub.html", context)


def pledge(request: HttpRequest) -> HttpResponse:
    return render(request, "mentoring/pledge.html", {"version": PLEDGE_VERSION})


def conduct(request: HttpRequest) -> HttpResponse:
    return render(request, "mentoring/conduct.html", {"version": CONDUCT_VERSION})


@login_required
@require_http_methods(["GET", "POST"])
def mentor_profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Become a mentor, or change the profile; the current pledge and code of conduct are accepted
    with each save (their versions and the time are kept)."""
    found = MentorProfile.objects.filter(user=request.user).first()
    form = MentorForm(instance=found)
    status = 200
    if request.method == "POST":
        form = MentorForm(request.POST, instance=found)
        if form.is_valid():
            profile = form.save(commit=False)
            profile.user = request.user
            now = timezone.now()
            profile.pledge_version, profile.pledge_accepted = PLEDGE_VERSION, now
            profile.conduct_version, profile.conduct_accepted = CONDUCT_VERSION, now
            profile.save()
            messages.success(request, _("Your mentor profile is saved."))
            return redirect("mentoring")
        status = 400
    context = {"form": form, "mentor": found, "datalists": datalists()}
    return render(request, "mentoring/mentor_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def new_request(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Ask for a mentor: one request at a time (withdraw it to ask again)."""
    current = (
        MentorshipRequest.objects.filter(mentee=request.user)
        .exclude(status=MentorshipRequest.Status.withdrawn)
        .first()
    )
    if current is not None:
        messages.info(request, _("You already have a request: withdraw it to ask again."))
        return redirect("mentoring")
    form = RequestForm()
    status = 200
    if request.method == "POST":
        form = RequestForm(request.POST)
        if form.is_valid():
            made = form.save(commit=False)
            made.mentee = request.user
            made.save()
            messages.success(request, _("Your request is saved: a coordinator's next round will read it."))
            return redirect("mentoring")
        status = 400
    return render(
        request, "mentoring/request_form.html", {"form": form, "datalists": datalists()}, status=status
    )


@login_required
@require_POST
def withdraw_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(
        MentorshipRequest.objects.exclude(status=MentorshipRequest.Status.withdrawn),
        pk=pk,
        mentee=request.user,
    )
    services.withdraw(found)
    messages.success(request, _("Your request is withdrawn."))
    return redirect("mentoring")


@login_required
def proposal(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A proposal as one side reads it: the other side's shared details, the fit criterion by
    criterion, the answers. A mentor reads only what the mentee wrote in the request."""
    found = services.proposal_of(request.user, pk)
    side = services.side(found, request.user)
    mine = found.mentor_answer if side == "mentor" else found.mentee_answer
    context = {
        "proposal": found,
        "side": side,
        "parts": fit_parts(found.fit),
        "total": found.fit.get("total"),
        "can_answer": found.status in services.LIVE and not mine,
        "contact": found.status == Proposal.Status.accepted,
    }
    return render(request, "mentoring/proposal.html", context)


@login_required
@require_POST
def answer(request: AuthenticatedHttpRequest, pk: int, accepted: bool) -> HttpResponse:
    found = services.proposal_of(request.user, pk)
    services.answer(found, request.user, accepted)
    messages.success(request, _("Your answer is saved.") if accepted else _("You declined this proposal."))
    return redirect("mentoring_proposal", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Report the other side of a proposal to the coordinators; limited per address as the listings'
    report form is (a flood is refused before the form is read; an accepted report over the limit is
    shown again with what was written)."""
    found = services.proposal_of(request.user, pk)
    too_often = False
    status = 200
    form = ReportForm()
    if request.method == "POST":
        if throttle.address_exceeded(request, "mentoring-report-posts", REPORT_POSTS):
            return throttle.too_many(request, REPORT_POSTS.seconds, kept=False)
        form = ReportForm(request.POST)
        if form.is_valid():
            if not throttle.address_exceeded(request, "mentoring-reports", REPORTS):
                services.report(found, request.user, form.cleaned_data["text"], _site(request))
                return render(request, "mentoring/report_sent.html", {"proposal": found})
            too_often, status = True, 429
        else:
            status = 400
    context = {"form": form, "proposal": found, "too_often": too_often, "minutes": REPORTS.seconds // 60}
    response = render(request, "mentoring/report.html", context, status=status)
    if too_often:
        response["Retry-After"] = str(REPORTS.seconds)
    return response


# --- coordinators ---------------------------------------------------------------------------------------


@login_required
def coordinate(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Open requests, available mentors, the last rounds, and the buttons that run one."""
    services.coordinator_or_404(request.user)
    context = {
        "requests": MentorshipRequest.objects.filter(status=MentorshipRequest.Status.open),
        "mentors": services.available_mentors(),
        "rounds": MentoringRound.objects.all()[:10],
        "accepted": Proposal.objects.filter(status=Proposal.Status.accepted).count(),
    }
    return render(request, "mentoring/coordinate.html", context)


@login_required
@require_POST
def run(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.coordinator_or_404(request.user)
    made = services.run_round(request.user, date.today(), _site(request), rematch="rematch" in request.POST)
    return redirect("mentoring_round", pk=made.pk)


@login_required
def round_result(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A round's proposed pairs with their fit explained, and the requests left unassigned, with why."""
    services.coordinator_or_404(request.user)
    found = get_object_or_404(MentoringRound, pk=pk)
    proposals = {
        services.request_id(p.request): p for p in found.proposals.select_related("mentor", "request")
    }
    requests = {
        f"r{r.pk}": r
        for r in MentorshipRequest.objects.filter(pk__in=[int(k[1:]) for k in found.result.get("fit", {})])
    }
    mentors = {f"m{m.pk}": m for m in MentorProfile.objects.all()}
    pairs = []
    for mentor_key, mentees in found.result.get("assignments", {}).items():
        for mentee in mentees:
            fit = found.result["fit"][mentee]
            pairs.append(
                {
                    "mentor": mentors.get(mentor_key),
                    "request": requests.get(mentee),
                    "proposal": proposals.get(mentee),
                    "total": fit["total"],
                    "parts": fit_parts(fit),
                }
            )
    unassigned = [
        {
            "request": requests.get(mentee),
            "said": from_json(
                {
                    "key": found.result["fit"][mentee]["reason_key"],
                    "params": found.result["fit"][mentee]["reason_params"],
                }
            ),
        }
        for mentee in found.result.get("unassigned", [])
    ]
    return render(request, "mentoring/round.html", {"round": found, "pairs": pairs, "unassigned": unassigned})


@login_required
def reports(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.coordinator_or_404(request.user)
    found = MentoringReport.objects.select_related("reporter", "about", "proposal")[:100]
    return render(request, "mentoring/reports.html", {"reports": found})
