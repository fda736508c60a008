"""The finder's pages: search with filters, a listing with its fit, organisations and stories.

Views only adapt: the finder judges, ``search`` finds, the session holds the profile.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe
from pydantic import ValidationError

from imgpath.engine import NOTICE, Facts, Profile, facts_for
from imgpath.finder import Fit, Opportunity, freshness, judge
from imgpath.rulebook import default_rulebook
from imgpath.web.accounts.models import SavedProfile
from imgpath.web.lib.jsonld import opportunity_jsonld, organisation_jsonld, script_json
from imgpath.web.lib.session import session_profile
from imgpath.web.opportunities import display
from imgpath.web.opportunities.forms import FinderForm
from imgpath.web.opportunities.models import Listing, OrganisationRecord, Review, StoryRecord
from imgpath.web.opportunities.search import search

MAX_PAGE = 10_000


def _facts(request: HttpRequest, today: date) -> tuple[Facts | None, bool]:
    """The session's profile on ``today``, and whether there is one that could not be read."""
    return _facts_of(session_profile(request), today)


def _facts_of(data: dict[str, Any], today: date) -> tuple[Facts | None, bool]:
    """A profile's facts on ``today``, and whether it is one that could not be read."""
    if not data:
        return None, False
    try:
        profile = Profile.model_validate(data)
    except ValidationError:
        return None, True
    return facts_for(profile, default_rulebook(), today), False


def _saved_profiles(request: HttpRequest) -> list[SavedProfile]:
    """The signed-in reader's saved profiles, offered on a listing when the session has none."""
    if not request.user.is_authenticated:
        return []
    return list(SavedProfile.objects.filter(owner=request.user).only("pk", "name", "data"))


def _chosen_profile(request: HttpRequest, saved: list[SavedProfile]) -> SavedProfile | None:
    """The saved profile named by ``?profile=`` (the reader's own only), else none: the session's
    profile, when there is one, is judged as before."""
    wanted = request.GET.get("profile", "")
    return next((p for p in saved if str(p.pk) == wanted), None)


def _row(opportunity: Opportunity, fit: Fit | None, today: date) -> dict[str, Any]:
    window = fit.window if fit is not None else display.window_of(opportunity, today)
    return {
        "o": opportunity,
        "fit": fit,
        "kind": display.kind_label(opportunity.kind),
        "cost": display.cost_summary(opportunity),
        "window": window,
        "deadline": display.deadline_text(opportunity, window),
        "freshness": fit.freshness if fit is not None else freshness(opportunity.last_verified, today),
    }


def _page_number(raw: str | None) -> int:
    try:
        return min(max(1, int(raw or 1)), MAX_PAGE)
    except ValueError:
        return 1


def opportunities(request: HttpRequest) -> HttpResponse:
    """The search page. A filter with an error shows that error and no listings: a list narrowed by
    the other filters only would pass for the one asked for."""
    today = date.today()
    form = FinderForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        context: dict[str, Any] = {"form": form, "found": None, "rows": [], "invalid": True}
        return render(request, "opportunities/search.html", context, status=400)
    facts, unreadable = _facts(request, today)
    number = _page_number(request.GET.get("page"))
    found = search(form.filters(), facts, today, number)
    if number > found.pages:
        number = found.pages
        found = search(form.filters(), facts, today, number)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "found": found,
        "rows": [{**_row(hit.opportunity, hit.fit, today), "why": hit.why} for hit in found.hits],
        "facts": facts,
        "unreadable": unreadable,
        "today": today,
        "query": query.urlencode(),
        "previous": number - 1 if number > 1 else None,
        "next": number + 1 if number < found.pages else None,
        "number": number,
    }
    return render(request, "opportunities/search.html", context)


def opportunity(request: HttpRequest, slug: str) -> HttpResponse:
    listing = Listing.objects.filter(slug=slug, review=Review.published).first()
    if listing is None:
        raise Http404
    today = date.today()
    found = listing.opportunity
    facts, unreadable = _facts(request, today)
    saved_profiles = _saved_profiles(request)
    chosen = _chosen_profile(request, saved_profiles)
    if chosen is not None:
        facts, unreadable = _facts_of(chosen.data, today)
    fit = judge(found, facts, today) if facts is not None else None
    organisation = (
        OrganisationRecord.objects.filter(slug=found.host.organisation).first()
        if found.host.organisation
        else None
    )
    url = request.build_absolute_uri(reverse("opportunity", args=[found.id]))
    context = {
        **_row(found, fit, today),
        "listing": listing,
        "organisation": organisation,
        "cost_lines": display.cost_lines(found),
        "stipend": display.amount_text(found.stipend) if found.stipend else None,
        "amount": display.amount_text(found.amount) if found.amount else None,
        "criteria": fit.requirements.criteria if fit is not None and found.requirements else [],
        "questions": fit.requirements.open_questions if fit is not None and found.requirements else [],
        "facts": facts,
        "unreadable": unreadable,
        "saved_profiles": saved_profiles,
        "saved_profile": chosen,
        "status": display.status_label(found.status),
        "specialties": [display.specialty_label(s) for s in found.specialties],
        "today": today,
        "notice": NOTICE,
        "jsonld": mark_safe(script_json(opportunity_jsonld(found, url))),  # escaped by script_json
    }
    return render(request, "opportunities/opportunity.html", context)


def organisations(request: HttpRequest) -> HttpResponse:
    records = [r.organisation for r in OrganisationRecord.objects.all()]
    records.sort(key=lambda o: (not o.active, o.name.casefold()))
    return render(
        request, "opportunities/organisations.html", {"organisations": records, "today": date.today()}
    )


def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    record = OrganisationRecord.objects.filter(slug=slug).first()
    if record is None:
        raise Http404
    found = record.organisation
    today = date.today()
    listings = Listing.objects.filter(review=Review.published, document__host__organisation=slug)
    stories = [s for s in StoryRecord.objects.all() if slug in s.story.organisations]
    url = request.build_absolute_uri(reverse("organisation", args=[slug]))
    context = {
        "org": found,
        "kinds": [display.kind_label(k) for k in found.kinds],
        "cost": display.cost_summary_of(found.cost),
        "listings": listings,
        "stories": stories,
        "stale": freshness(found.last_verified, today) != "fresh",
        "today": today,
        "jsonld": mark_safe(script_json(organisation_jsonld(found, url))),  # escaped by script_json
    }
    return render(request, "opportunities/organisation.html", context)


def stories(request: HttpRequest) -> HttpResponse:
    return render(
        request, "opportunities/stories.html", {"stories": [s.story for s in StoryRecord.objects.all()]}
    )


def story(request: HttpRequest, slug: str) -> HttpResponse:
    record = StoryRecord.objects.filter(slug=slug).first()
    if record is None:
        raise Http404
    found = record.story
    rulebook = default_rulebook()
    routes: list[tuple[str, str | None]] = []
    for route in found.routes:
        try:
            jurisdiction, pathway = rulebook.pathway(route)
        except KeyError:
            routes.append((route, None))
            continue
        state = jurisdiction.jurisdiction.removeprefix("US-") if jurisdiction.jurisdiction != "US" else None
        routes.append((pathway.name, state))
    organisations_named = {
        o.slug: o.name for o in OrganisationRecord.objects.filter(slug__in=found.organisations)
    }
    context = {
        "story": found,
        "routes": routes,
        "steps": [rulebook.step_name(s) for s in found.steps],
        "kinds": [display.kind_label(k) for k in found.kinds],
        "organisations": [(slug, organisations_named.get(slug, slug)) for slug in found.organisations],
    }
    return render(request, "opportunities/story.html", context)
