"""Mentoring's writes and reads: who coordinates, which mentors a round may match, running a round over
``imgpath.matching``, the answers to a proposal, withdrawals and reports, and the emails they send.
The views only adapt these."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as Account
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from imgpath.matching import (
    Availability,
    MenteeRequest,
    Mentor,
    Needs,
    Round,
    match_round,
    matching_json,
    open_round,
    route_catalogue,
)
from imgpath.web.accounts.languages import language_of
from imgpath.web.advising.models import Membership
from imgpath.web.mentoring.models import (
    CONDUCT_VERSION,
    PLEDGE_VERSION,
    MentoringReport,
    MentoringRound,
    MentorProfile,
    MentorshipRequest,
    Proposal,
)

User = Account | AnonymousUser
LIVE = (Proposal.Status.proposed, Proposal.Status.accepted)


def is_coordinator(user: User) -> bool:
    """A staff curator, or an admin of an organisation (``advising``)."""
    if not user.is_authenticated:
        return False
    if getattr(user, "is_staff", False):
        return True
    return Membership.objects.filter(user=user, role=Membership.Role.admin).exists()


def coordinator_or_404(user: User) -> None:
    if not is_coordinator(user):
        raise Http404


def coordinators() -> QuerySet[Account]:
    """Who reads reports: every active staff account and organisation admin with an email."""
    return (
        Account.objects.filter(Q(is_staff=True) | Q(memberships__role=Membership.Role.admin), is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def mentor_id(profile: MentorProfile) -> str:
    return f"m{profile.pk}"


def request_id(request: MentorshipRequest) -> str:
    return f"r{request.pk}"


def available_mentors() -> QuerySet[MentorProfile]:
    """Mentors a round may match: taking mentees, under the current pledge and code of conduct."""
    return MentorProfile.objects.filter(
        active=True, capacity__gt=0, pledge_version=PLEDGE_VERSION, conduct_version=CONDUCT_VERSION
    ).select_related("user")


def as_mentor(profile: MentorProfile, capacity: int | None = None) -> Mentor:
    return Mentor(
        id=mentor_id(profile),
        route=profile.route,
        specialty=profile.specialty or None,
        languages=list(profile.languages),
        countries=list(profile.countries),
        states=list(profile.states),
        capacity=profile.capacity if capacity is None else capacity,
        available=Availability(start=profile.available_from, until=profile.available_until),
    )


def as_request(request: MentorshipRequest) -> MenteeRequest:
    return MenteeRequest(
        id=request_id(request),
        route=request.route,
        specialty=request.specialty or None,
        languages=list(request.languages),
        country=request.country or None,
        states=list(request.states),
        needs=Needs(start=request.needs_from, months=request.months),
    )


def run_round(by: Account, today: date, site: str, rematch: bool = False) -> MentoringRound:
    """Match the open requests to the available mentors. Pairs both sides accepted are kept; pairs
    either side declined are never proposed again. A round keeps the proposals still waiting for an
    answer (they hold their mentor's place); a re-match replaces them, and proposes again for their
    requests, with every accepted pair kept. The new proposals are emailed to both sides, once the
    round is saved."""
    with transaction.atomic():
        saved, created = _run_round(by, today, rematch)
    for proposal in created:
        _email_proposal(proposal, site)
    return saved


def _run_round(by: Account, today: date, rematch: bool) -> tuple[MentoringRound, list[Proposal]]:
    live = list(Proposal.objects.filter(status__in=LIVE).select_related("mentor", "request"))
    if rematch:
        waiting = [p for p in live if p.status == Proposal.Status.proposed]
        Proposal.objects.filter(pk__in=[p.pk for p in waiting]).update(status=Proposal.Status.superseded)
        MentorshipRequest.objects.filter(pk__in=[p.request_id for p in waiting]).update(
            status=MentorshipRequest.Status.open
        )
        live = [p for p in live if p.status == Proposal.Status.accepted]
    mentors = {p.pk: p for p in available_mentors()}
    kept = [
        p for p in live if p.mentor_id in mentors and p.request.status != MentorshipRequest.Status.withdrawn
    ]
    taken: dict[int, int] = {}
    for p in kept:
        taken[p.mentor_id] = taken.get(p.mentor_id, 0) + 1
    open_requests = list(MentorshipRequest.objects.filter(status=MentorshipRequest.Status.open))
    requests = [p.request for p in kept] + open_requests
    declined = [
        (f"m{mentor}", f"r{request}")
        for mentor, request in Proposal.objects.filter(status=Proposal.Status.declined).values_list(
            "mentor_id", "request_id"
        )
    ]
    round_ = open_round(
        [as_mentor(m, max(m.capacity, taken.get(pk, 0))) for pk, m in mentors.items()],
        [as_request(r) for r in requests],
        on=today,
        accepted=[(mentor_id(p.mentor), request_id(p.request)) for p in kept],
        declined=declined,
    )
    present = {m.id for m in round_.mentors}
    round_ = Round(
        round_.mentors,
        round_.requests,
        frozenset(pair for pair in round_.accepted if pair[0] in present),
        round_.declined,
    )
    matching = match_round(round_, routes=route_catalogue())
    result = matching_json(matching)
    saved = MentoringRound.objects.create(run_by=by, rematch=rematch, result=result)
    kept_ids = {mentee for _mentor, mentee in round_.accepted}
    by_id = {request_id(r): r for r in requests}
    created: list[Proposal] = []
    for mentor_key, mentees in result["assignments"].items():
        for mentee in mentees:
            if mentee in kept_ids:
                continue
            request = by_id[mentee]
            created.append(
                Proposal.objects.create(
                    round=saved,
                    mentor=mentors[int(mentor_key[1:])],
                    request=request,
                    fit=result["fit"][mentee],
                )
            )
            request.status = MentorshipRequest.Status.proposed
            request.save(update_fields=["status"])
    return saved, created


def _email(user: Account, template: str, context: dict[str, Any]) -> None:
    """One email to ``user`` in the language they last read the site in."""
    if not user.email or not user.is_active:
        return
    with translation.override(language_of(user)):
        subject = " ".join(render_to_string(f"mentoring/{template}_subject.txt", context).split())
        body = render_to_string(f"mentoring/{template}_email.txt", context)
    send_mail(subject, body, None, [user.email])


def _email_proposal(proposal: Proposal, site: str) -> None:
    url = site + reverse("mentoring_proposal", args=(proposal.pk,))
    _email(proposal.mentor.user, "proposal", {"proposal": proposal, "url": url, "as_mentor": True})
    _email(proposal.request.mentee, "proposal", {"proposal": proposal, "url": url, "as_mentor": False})


def proposals_of(user: User) -> QuerySet[Proposal]:
    """The proposals ``user`` is a side of, as mentor or as mentee."""
    if not user.is_authenticated:
        return Proposal.objects.none()
    return Proposal.objects.filter(Q(mentor__user=user) | Q(request__mentee=user)).select_related(
        "mentor__user", "request__mentee", "round"
    )


def proposal_of(user: User, pk: int) -> Proposal:
    found = proposals_of(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def side(proposal: Proposal, user: User) -> str:
    return "mentor" if proposal.mentor.user_id == user.pk else "mentee"


@transaction.atomic
def answer(proposal: Proposal, user: User, accepted: bool) -> None:
    """One side's answer. A decline ends the proposal and re-opens the request (that mentor is never
    proposed to it again); both acceptances make the pair."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status not in LIVE:
        return
    said = Proposal.Answer.accepted if accepted else Proposal.Answer.declined
    if side(proposal, user) == "mentor":
        proposal.mentor_answer = said
    else:
        proposal.mentee_answer = said
    request = proposal.request
    if not accepted:
        proposal.status = Proposal.Status.declined
        if request.status != MentorshipRequest.Status.withdrawn:
            request.status = MentorshipRequest.Status.open
    elif proposal.mentor_answer == proposal.mentee_answer == Proposal.Answer.accepted:
        proposal.status = Proposal.Status.accepted
        request.status = MentorshipRequest.Status.matched
    proposal.save()
    request.save(update_fields=["status"])


@transaction.atomic
def withdraw(request: MentorshipRequest) -> None:
    request.status = MentorshipRequest.Status.withdrawn
    request.withdrawn = timezone.now()
    request.save(update_fields=["status", "withdrawn"])
    request.proposals.filter(status__in=LIVE).update(status=Proposal.Status.ended)


def report(proposal: Proposal, reporter: Account, text: str, site: str) -> MentoringReport:
    """Keep the report and email it to the coordinators (never to the person reported)."""
    about = proposal.request.mentee if side(proposal, reporter) == "mentor" else proposal.mentor.user
    found = MentoringReport.objects.create(proposal=proposal, reporter=reporter, about=about, text=text)
    url = site + reverse("mentoring_reports")
    for coordinator in coordinators().exclude(pk=about.pk):
        _email(coordinator, "report", {"report": found, "url": url})
    return found
