"""Advising pages: the adviser's table of clients (filters, sort, pages, CSV and XLSX), a client's
profile and plans read under consent, an organisation admin's advisers, a client's consents and
shared links, and the page a shared link opens. Selectors (``access``, ``clients``) decide who reads
what and what a row says; these views only adapt. Every read under a consent is logged."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from imgpath.engine import NOTICE, Profile, Verdict
from imgpath.planner import plan
from imgpath.rulebook import default_rulebook
from imgpath.web.accounts.auth import AuthenticatedHttpRequest
from imgpath.web.accounts.models import SavedProfile
from imgpath.web.advising import access, clients, exports, links
from imgpath.web.advising.forms import ConsentForm, LinkForm, MemberForm
from imgpath.web.advising.models import Consent, Membership, Read, SharedLink
from imgpath.web.pages.forms import OPTION_LABELS
from imgpath.web.plans import additions
from imgpath.web.plans.models import ChecklistItem
from imgpath.web.plans.planning import plan_day, route_plan, saved_plan_profile

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PAGE_SIZE = 25
LAST_READS = 10


def _immigration(profile: Profile) -> StrOrPromise | None:
    """The profile's immigration status in the reader's words (the wizard's own labels)."""
    if profile.immigration is None or profile.immigration.status is None:
        return None
    status = str(profile.immigration.status)
    return OPTION_LABELS.get(status, status)


def _table(request: AuthenticatedHttpRequest) -> tuple[clients.Filters, list[clients.ClientRow]]:
    if not access.is_adviser(request.user):
        raise Http404
    filters = clients.Filters.from_query(request.GET)
    today = date.today()
    rows = clients.client_rows(access.shared_with(request.user), today)
    return filters, filters.apply(rows, today)


@login_required
def client_table(request: AuthenticatedHttpRequest) -> HttpResponse:
    """One row per shared profile: best route, verdict, next deadline, checklist, open questions."""
    if not access.is_adviser(request.user):
        return render(request, "advising/not_adviser.html", status=404)
    filters, rows = _table(request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    access.log_reads(request.user, [r.profile for r in page.object_list], Read.What.table)
    query = filters.query()
    context = {
        "page": page,
        "filters": filters,
        "query": urlencode(query),
        "sort_query": urlencode([(k, v) for k, v in query if k != "sort"]),
        "verdicts": list(Verdict),
        "kinds": [str(k) for k in clients.LICENSURE],
        "sorts": clients.SORTS,
        "organisations": access.organisations_of(request.user),
        "admin_of": access.organisations_of(request.user).filter(
            memberships__user=request.user, memberships__role=Membership.Role.admin
        ),
        "shows_verdict": True,
        "notice": NOTICE,
    }
    return render(request, "advising/clients.html", context)


@login_required
def client_export(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    """The filtered, sorted table, every page of it, as CSV or XLSX."""
    _filters, rows = _table(request)
    access.log_reads(request.user, [r.profile for r in rows], Read.What.export)
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exports.to_xlsx(rows),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="clients.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def client_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A shared profile's routes ranked and its best route's steps with the checklist's progress."""
    saved = access.readable(request.user, pk)
    access.log_reads(request.user, [saved], Read.What.profile)
    profile = saved_plan_profile(saved)
    row = clients.client_rows([saved], date.today())[0]
    context: dict[str, object] = {"saved": saved, "row": row, "shows_verdict": True, "notice": NOTICE}
    if profile is not None:
        day = plan_day(profile)
        context["plans"] = plan(profile, default_rulebook(), as_of=day, steps=False)
        if row.pathway:
            found = additions.placed(
                route_plan(profile, row.pathway), additions.saved_additions(saved, row.pathway), day
            )
            statuses = dict(
                ChecklistItem.objects.filter(profile=saved, pathway=row.pathway).values_list("step", "status")
            )
            context["best"] = found
            context["steps"] = [
                {"step": s, "status": ChecklistItem.Status(statuses.get(s.id, "todo")).label}
                for s in found.steps
            ]
        context["immigration"] = _immigration(profile)
    return render(request, "advising/client.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    """An organisation admin (or a staff curator) adds advisers by username or email, and removes them."""
    found = access.admin_of(request.user, slug)
    form = MemberForm()
    if request.method == "POST":
        form = MemberForm(request.POST)
        if form.is_valid():
            Membership.objects.update_or_create(
                organisation=found,
                user=form.cleaned_data["who"],
                defaults={"role": form.cleaned_data["role"]},
            )
            messages.success(request, _("The adviser was added."))
            return redirect("advising_organisation", slug=slug)
    members = Membership.objects.filter(organisation=found).select_related("user")
    return render(
        request,
        "advising/organisation.html",
        {"organisation": found, "members": members, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def remove_member(request: AuthenticatedHttpRequest, slug: str, member_id: int) -> HttpResponse:
    found = access.admin_of(request.user, slug)
    get_object_or_404(Membership, pk=member_id, organisation=found).delete()
    messages.success(request, _("The adviser was removed: they no longer read this organisation's clients."))
    return redirect("advising_organisation", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def sharing(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A client's consents and links: give one, see who reads what since when, revoke."""
    today = date.today()
    consent_form = ConsentForm(owner=request.user)
    link_form = LinkForm(owner=request.user, today=today)
    status = 200
    if request.method == "POST" and request.POST.get("form") == "consent":
        consent_form = ConsentForm(request.POST, owner=request.user)
        if consent_form.is_valid():
            data = consent_form.cleaned_data
            Consent.objects.create(
                profile=data["profile"],
                organisation=data.get("organisation"),
                adviser=data.get("adviser_account"),
            )
            messages.success(request, _("Shared. You can stop sharing at any time on this page."))
            return redirect("sharing")
        status = 400
    elif request.method == "POST" and request.POST.get("form") == "link":
        link_form = LinkForm(request.POST, owner=request.user, today=today)
        if link_form.is_valid():
            data = link_form.cleaned_data
            _link, token = links.make(data["profile"], data["pathway"], data["expires"], data["identity"])
            request.session[links.LINK_URL_KEY] = request.build_absolute_uri(
                reverse("shared_plan", args=(token,))
            )
            messages.success(request, _("The link is ready: copy it now, it is shown only once."))
            return redirect(reverse("sharing") + "#links")
        status = 400
    elif request.method == "POST":
        status = 400
    context = {
        "consent_form": consent_form,
        "link_form": link_form,
        "consents": Consent.objects.filter(profile__owner=request.user).select_related(
            "profile", "adviser", "organisation"
        ),
        "reads": Read.objects.filter(profile__owner=request.user).select_related("reader", "profile")[
            :LAST_READS
        ],
        "links": SharedLink.objects.filter(profile__owner=request.user).select_related("profile"),
        "link_url": request.session.pop(links.LINK_URL_KEY, None),
        "today": today,
    }
    return render(request, "advising/sharing.html", context, status=status)


@login_required
@require_POST
def revoke_consent(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Stop sharing at once: the adviser's next read is a 404."""
    consent = get_object_or_404(Consent, pk=pk, profile__owner=request.user)
    with transaction.atomic():
        if consent.revoked is None:
            consent.revoked = timezone.now()
            consent.save(update_fields=["revoked"])
    messages.success(request, _("Sharing stopped: the adviser can no longer read this profile."))
    return redirect("account" if request.POST.get("back") == "account" else "sharing")


@login_required
@require_POST
def revoke_link(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    links.revoke(get_object_or_404(SharedLink, pk=pk, profile__owner=request.user))
    messages.success(request, _("The link no longer works."))
    return redirect(reverse("sharing") + "#links")


def shared_plan(request: HttpRequest, token: str) -> HttpResponse:
    """A plan shared through a link: no log-in, the token is the key; 404 unknown, 410 ended."""
    link = links.find(token)
    if link is None:
        raise Http404
    if link.revoked is not None or link.expires < date.today():
        response = render(
            request, "advising/link_gone.html", {"revoked": link.revoked is not None}, status=410
        )
    else:
        saved: SavedProfile = link.profile
        profile = saved_plan_profile(saved)
        if profile is None:
            raise Http404
        day = plan_day(profile)
        found = additions.placed(
            route_plan(profile, link.pathway), additions.saved_additions(saved, link.pathway), day
        )
        context = {
            "plan": found,
            "steps": [{"step": s} for s in found.steps],
            "as_of": day,
            "link": link,
            "name": saved.name if link.identity else None,
            "immigration": _immigration(profile) if link.identity else None,
            "notice": NOTICE,
            "shows_verdict": True,
        }
        response = render(request, "advising/shared_plan.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
