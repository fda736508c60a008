"""Plan pages: every route compared, one route's dated plan with what-if toggles, its charts and ICS,
the checklist a saved profile keeps for a route, and the private calendar feed of tracked routes.
The planner decides; these views only adapt.

Each page works from the session's profile (no account) or, under ``/account/profiles/<pk>/``, from a
saved profile of the logged-in owner (anyone else gets a 404).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import dateformat, formats
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from pydantic import ValidationError

from imgpath.engine import NOTICE, Profile
from imgpath.planner import (
    Change,
    ChartWords,
    PlanSet,
    Ranking,
    RoutePlan,
    assume,
    compare,
    comparison_chart,
    plan,
    plan_chart,
    plans_to_ics,
    why,
)
from imgpath.rulebook import default_rulebook
from imgpath.web import throttle
from imgpath.web.accounts.auth import AuthenticatedHttpRequest
from imgpath.web.accounts.models import SavedProfile
from imgpath.web.alerts.feeds import with_alerts
from imgpath.web.lib.rates import Rate
from imgpath.web.lib.session import session_profile
from imgpath.web.opportunities.models import Listing, Review
from imgpath.web.plans import additions, feeds
from imgpath.web.plans.models import ChecklistItem, PlanAddition
from imgpath.web.plans.planning import calendar_response, plan_day, route_plan

CHART_SECONDS = 600
CHART_ROWS = 20
"""Routes in the comparison chart, first by the page's ranking: all of them are in the table below."""
EXAMS = ("usmle_step1", "usmle_step2_ck", "usmle_step3", "oet_medicine")
ECFMG_STEPS = {"ecfmg_application", "epic_verification", "ecfmg_pathway", "ecfmg_certification"}
CHART_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
"""matplotlib's SVG styles its shapes with inline ``style`` attributes: the chart, and only the chart,
may use them; it may run no script and load nothing."""


@dataclass(frozen=True)
class Toggle:
    """One what-if checkbox: the assumption as the planner reads it, and what the person reads."""

    value: str
    label: str
    id: str


@dataclass(frozen=True)
class ProfileSource:
    """Where the plan's profile comes from: the session, or a saved profile (``saved``)."""

    profile: Profile
    data: dict[str, Any]
    saved: SavedProfile | None

    def url(self, name: str, *args: str) -> str:
        if self.saved is None:
            return reverse(name, args=args)
        return reverse(f"saved_{name}", args=(self.saved.pk, *args))


def _source(request: HttpRequest, pk: int | None) -> ProfileSource | HttpResponse:
    if pk is None:
        data = session_profile(request)
        saved = None
        if not data:
            messages.info(request, _("Tell us about yourself first, or try the example profile."))
            return redirect("profile_start")
    else:
        saved = get_object_or_404(SavedProfile, pk=pk, owner=request.user)
        data = dict(saved.data)
    try:
        profile = Profile.model_validate(data)
    except ValidationError:
        messages.error(request, _("Your profile has a problem; please check each step."))
        return redirect("saved_profile", pk=pk) if pk is not None else redirect("profile_start")
    return ProfileSource(profile, data, saved)


def toggles(found: RoutePlan, profile: Profile) -> list[Toggle]:
    """What-if assumptions worth trying on this route: the exams, certification, work authorization
    and job offer its plan still waits for."""
    steps = {s.step for s in found.steps}
    options = []
    for exam in EXAMS:
        if exam in steps:
            name = next(s.name for s in found.steps if s.step == exam)
            options.append(
                Toggle(f"{exam}=passed", _("Assume I have passed: %(step)s") % {"step": name}, exam)
            )
    if steps & ECFMG_STEPS:
        options.append(Toggle("ecfmg_certified=true", _("Assume I am ECFMG certified"), "ecfmg_certified"))
    if "work_authorization" in steps:
        options.append(
            Toggle("immigration.work_authorized=true", _("Assume I am authorized to work in the US"), "work")
        )
    state = found.jurisdiction.removeprefix("US-")
    offer = profile.job_offer.state if profile.job_offer else None
    if found.jurisdiction.startswith("US-") and ("job_offer_search" in steps or offer != state):
        options.append(
            Toggle(f"job_offer.state={state}", _("Assume a job offer in %(state)s") % {"state": state}, "job")
        )
    return options


def _chosen(request: HttpRequest, offered: list[Toggle]) -> list[str]:
    """Only offered assumptions are applied: the page's form is the whole interface."""
    allowed = {t.value for t in offered}
    asked = request.GET.getlist("assume")
    return [value for value in asked if value in allowed]


def _what_if(source: ProfileSource, pathway: str, assumptions: list[str]) -> tuple[RoutePlan, list[Change]]:
    day = plan_day(source.profile)
    rulebook = default_rulebook()
    before = plan(source.profile, rulebook, as_of=day, route=pathway)
    if not assumptions:
        return before.plans[0], []
    after = plan(assume(source.profile, assumptions, day), rulebook, as_of=day, route=pathway)
    after.assumptions = list(assumptions)
    return after.plans[0], compare(before, after)


def _sort(request: HttpRequest) -> Ranking:
    return "cost" if request.GET.get("sort") == "cost" else "time"


def _cached_svg(
    request: HttpRequest, source: ProfileSource, key: list[str | list[str]], draw: Callable[[], bytes]
) -> HttpResponse:
    """A chart from the shared cache, keyed by what it shows: the profile's content in canonical
    form, the day it is planned from, the language and the options. Two visitors with the same
    profile share one drawing, on any worker; a session or saved-profile id never enters the key.

    Only a drawing counts against CHART_RATE (it costs up to a second of CPU; a cached chart costs
    milliseconds): a flood of fresh profiles is stopped without limiting people who look again."""
    content = [source.profile.model_dump(mode="json"), plan_day(source.profile), get_language(), *key]
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()
    name = f"imgpath:chart:{digest}"
    body = cache.get(name)
    if body is None:
        rate = Rate.parse(settings.CHART_RATE)
        if throttle.address_exceeded(request, "chart-drawings", rate):
            return throttle.too_many(request, rate.seconds, image=True)
        body = draw()
        cache.set(name, body, CHART_SECONDS)
    response = HttpResponse(body, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=600"
    response["Content-Security-Policy"] = CHART_POLICY
    return response


def chart_words() -> ChartWords:
    """The chart's words in the reader's language: gettext for ours, the rulebook's catalogue for
    route and step names, Django's month abbreviations, amounts in the language's digits."""
    return ChartWords(
        name=lambda text: _(text) if text else "",
        month=lambda day: dateformat.format(day, "M Y"),
        money=lambda amount: (
            f"{formats.number_format(round(amount), use_l10n=True, force_grouping=True)} USD"
        ),
        full_license=lambda month: _("full license %(month)s") % {"month": month},
        no_full_license=_("no full license on this route"),
        full_license_undated=_("full license: no date known"),
        unknown_fees=lambda n: ngettext("+ %(n)d unknown fee", "+ %(n)d unknown fees", n) % {"n": n},
        comparison_title=lambda day: _("Time to a license from %(day)s") % {"day": day},
        first_rows=lambda n: ngettext("The first %(n)d route", "The first %(n)d routes", n) % {"n": n},
        key=_("dot: first license; bar: full license"),
    )


def _percent(value: float | None) -> int | None:
    return None if value is None else round(value * 100)


def compare_routes(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Every licensure route ranked by time to independent practice (or ``?sort=cost``)."""
    source = _source(request, pk)
    if isinstance(source, HttpResponse):
        return source
    sort = _sort(request)
    plans = plan(source.profile, default_rulebook(), as_of=plan_day(source.profile), rank_by=sort)
    rows = [{"plan": p, "why": why(p), "href": source.url("plan", p.pathway)} for p in plans.plans]
    context = {
        "plans": plans,
        "rows": rows,
        "sort": sort,
        "saved": source.saved,
        "here": source.url("plans"),
        "chart_url": f"{source.url('plans_chart')}?sort={sort}",
        "chart_rows": CHART_ROWS,
        "notice": NOTICE,
        "shows_verdict": True,
    }
    return render(request, "plans/compare.html", context)


def compare_chart(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    source = _source(request, pk)
    if isinstance(source, HttpResponse):
        return source
    sort = _sort(request)

    def draw() -> bytes:
        day = plan_day(source.profile)
        planned = plan(source.profile, default_rulebook(), as_of=day, rank_by=sort)
        return comparison_chart(planned, "svg", limit=CHART_ROWS, words=chart_words())

    return _cached_svg(request, source, ["compare", sort], draw)


def route_detail(request: HttpRequest, pathway_id: str, pk: int | None = None) -> HttpResponse:
    """One route's plan: steps, milestones, lapses, deadlines, risks, odds, chart, ICS and what-if."""
    source = _source(request, pk)
    if isinstance(source, HttpResponse):
        return source
    original = route_plan(source.profile, pathway_id)
    offered = toggles(original, source.profile)
    chosen = _chosen(request, offered)
    shown, changes = _what_if(source, pathway_id, chosen)
    suffix = f"?{urlencode([('assume', value) for value in chosen])}" if chosen else ""
    checklist = None
    added: list[additions.Added] = []
    if source.saved is not None:
        records = additions.saved_additions(source.saved, pathway_id)
        shown = additions.placed(shown, records, plan_day(source.profile))
        added = additions.shown(shown, records, date.today())
        request.session[additions.LAST_PLAN_KEY] = [source.saved.pk, pathway_id]
        items = ChecklistItem.objects.filter(profile=source.saved, pathway=pathway_id)
        checklist = {item.step: str(ChecklistItem.Status(item.status).label) for item in items}
    steps = [
        {"step": s, "status": (checklist or {}).get(s.id, ChecklistItem.Status.todo.label)}
        for s in shown.steps
    ]
    context = {
        "plan": shown,
        "as_of": plan_day(source.profile),
        "why": why(shown),
        "saved": source.saved,
        "toggles": offered,
        "chosen": chosen,
        "changes": changes,
        "odds_percent": _percent(shown.odds.estimate) if shown.odds else None,
        "odds_low": _percent(shown.odds.low) if shown.odds else None,
        "odds_high": _percent(shown.odds.high) if shown.odds else None,
        "here": source.url("plan", pathway_id),
        "compare_url": source.url("plans"),
        "chart_url": source.url("plan_chart", pathway_id) + suffix,
        "ics_url": source.url("plan_ics", pathway_id) + suffix,
        "checklist_url": (
            reverse("checklist", args=(source.saved.pk, pathway_id)) if source.saved is not None else None
        ),
        "checklist": checklist,
        "steps": steps,
        "additions": added,
        "additions_url": (
            reverse("plan_additions", args=(source.saved.pk, pathway_id))
            if source.saved is not None
            else None
        ),
        "remove_url": (
            reverse("remove_plan_addition", args=(source.saved.pk, pathway_id))
            if source.saved is not None
            else None
        ),
        "notice": NOTICE,
        "shows_verdict": True,
    }
    return render(request, "plans/plan.html", context)


def route_chart(request: HttpRequest, pathway_id: str, pk: int | None = None) -> HttpResponse:
    source = _source(request, pk)
    if isinstance(source, HttpResponse):
        return source
    original = route_plan(source.profile, pathway_id)
    chosen = _chosen(request, toggles(original, source.profile))
    records = additions.saved_additions(source.saved, pathway_id) if source.saved is not None else []
    # the drawing changes with the listings added and with their documents
    added = [f"{r.listing.slug}@{r.listing.updated.isoformat()}" for r in records]

    def draw() -> bytes:
        shown, _changes = _what_if(source, pathway_id, chosen)
        shown = additions.placed(shown, records, plan_day(source.profile))
        return plan_chart(shown, plan_day(source.profile), "svg", words=chart_words())

    return _cached_svg(request, source, ["route", pathway_id, chosen, added], draw)


def route_ics(request: HttpRequest, pathway_id: str, pk: int | None = None) -> HttpResponse:
    source = _source(request, pk)
    if isinstance(source, HttpResponse):
        return source
    original = route_plan(source.profile, pathway_id)
    chosen = _chosen(request, toggles(original, source.profile))
    shown, _changes = _what_if(source, pathway_id, chosen)
    if source.saved is not None:
        records = additions.saved_additions(source.saved, pathway_id)
        shown = additions.placed(shown, records, plan_day(source.profile))
    body = plans_to_ics(PlanSet(plan_day(source.profile), [shown], chosen))
    return calendar_response(body, f"plan-{pathway_id}.ics")


@login_required
@require_http_methods(["GET", "POST"])
def checklist(request: AuthenticatedHttpRequest, pk: int, pathway_id: str) -> HttpResponse:
    """A saved profile's plan for one route as a checklist: each step to do, in progress or done.

    Saving puts the route on the user's checklist: its steps join the private calendar feed and the
    upcoming deadlines on the account page.
    """
    source = _source(request, pk)
    if isinstance(source, HttpResponse):
        return source
    assert source.saved is not None
    found = route_plan(source.profile, pathway_id)
    found = additions.placed(
        found, additions.saved_additions(source.saved, pathway_id), plan_day(source.profile)
    )
    items = {i.step: i for i in ChecklistItem.objects.filter(profile=source.saved, pathway=pathway_id)}
    valid = set(ChecklistItem.Status.values)
    problems: list[str] = []
    if request.method == "POST":
        wanted: dict[str, tuple[str, date]] = {}
        for step in found.steps:
            status = request.POST.get(f"status-{step.id}")
            if status is None:
                status = items[step.id].status if step.id in items else ChecklistItem.Status.todo
            if status not in valid:
                problems.append(step.id)
            wanted[step.id] = (status, step.end)
        if not problems:
            # all or nothing, and safe when two saves race: update_or_create fetches the row the other
            # save just created instead of failing on the unique (profile, pathway, step) constraint
            with transaction.atomic():
                for step_id, (status, due) in wanted.items():
                    item = items.get(step_id)
                    if item is not None and item.status == status and item.due == due:
                        continue
                    items[step_id], _created = ChecklistItem.objects.update_or_create(
                        profile=source.saved,
                        pathway=pathway_id,
                        step=step_id,
                        defaults={"status": status, "due": due},
                    )
            messages.success(request, _("Checklist saved."))
            return redirect("checklist", pk=pk, pathway_id=pathway_id)
    rows = [
        {
            "step": step,
            "status": items[step.id].status if step.id in items else ChecklistItem.Status.todo,
            "invalid": step.id in problems,
        }
        for step in found.steps
    ]
    context = {
        "plan": found,
        "saved": source.saved,
        "rows": rows,
        "statuses": ChecklistItem.Status.choices,
        "tracked": bool(items),
        "plan_url": source.url("plan", pathway_id),
        "as_of": plan_day(source.profile),
        "shows_verdict": True,
    }
    return render(request, "plans/checklist.html", context, status=400 if problems else 200)


def _back(request: HttpRequest, default: str) -> HttpResponse:
    """Back where the form was (a listing's page, the plan page), if that is a page of this site."""
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(wanted)
    return redirect(default)


@login_required
@require_POST
def add_addition(request: AuthenticatedHttpRequest, pk: int, pathway_id: str) -> HttpResponse:
    """Add a published listing (``listing``: its slug) to a saved profile's plan for a route."""
    saved = get_object_or_404(SavedProfile, pk=pk, owner=request.user)
    listing = get_object_or_404(Listing, slug=request.POST.get("listing", ""), review=Review.published)
    source = _source(request, pk)
    if isinstance(source, HttpResponse):
        return source
    found = route_plan(source.profile, pathway_id)  # a licensure route, or 404
    _record, created = PlanAddition.objects.get_or_create(profile=saved, pathway=pathway_id, listing=listing)
    if created:
        messages.success(
            request,
            _("“%(listing)s” is now in your plan for %(route)s.")
            % {"listing": listing.title, "route": found.name},
        )
    else:
        messages.info(request, _("“%(listing)s” is already in this plan.") % {"listing": listing.title})
    return _back(request, reverse("saved_plan", args=(pk, pathway_id)))


@login_required
@require_POST
def remove_addition(request: AuthenticatedHttpRequest, pk: int, pathway_id: str) -> HttpResponse:
    """Take a listing (``listing``: its slug) out of a saved profile's plan for a route; its
    checklist rows go with it."""
    saved = get_object_or_404(SavedProfile, pk=pk, owner=request.user)
    record = get_object_or_404(
        PlanAddition.objects.select_related("listing"),
        profile=saved,
        pathway=pathway_id,
        listing__slug=request.POST.get("listing", ""),
    )
    with transaction.atomic():
        ChecklistItem.objects.filter(
            profile=saved, pathway=pathway_id, step__in=additions.step_ids_of(record.listing.slug)
        ).delete()
        record.delete()
    messages.success(
        request, _("“%(listing)s” is no longer in this plan.") % {"listing": record.listing.title}
    )
    return _back(request, reverse("saved_plan", args=(pk, pathway_id)))


@login_required
@require_POST
def rotate_feed(request: AuthenticatedHttpRequest) -> HttpResponse:
    token = feeds.rotate(request.user)
    request.session[feeds.FEED_URL_KEY] = request.build_absolute_uri(reverse("feed", args=(token,)))
    messages.success(
        request, _("Your new calendar feed address is ready; any older address no longer works.")
    )
    return redirect(reverse("account") + "#calendar-feed")


def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar of every tracked route's open steps and deadlines; no log-in, the token is the key.

    Limited to PAGE_RATE per feed: calendar services fetch many people's feeds from few addresses."""
    rate = Rate.parse(settings.PAGE_RATE)
    if throttle.exceeded("feed", feeds.digest_of(token), rate):
        return throttle.too_many(request, rate.seconds, image=True)
    user = feeds.owner_of(token)
    if user is None:
        raise Http404
    entries = feeds.tracked(user)
    plans = []
    for entry in entries:
        route = entry.open_steps()
        # one saved profile's route apart from another's: UIDs stay unique and stable
        plans.append(
            replace(
                route,
                pathway=f"{route.pathway}.profile{entry.saved.pk}",
                name=f"{entry.saved.name}: {route.name}",
            )
        )
    body = with_alerts(plans_to_ics(PlanSet(date.today(), plans)), user)  # and the rule changes
    return calendar_response(body, "imgpath.ics")
