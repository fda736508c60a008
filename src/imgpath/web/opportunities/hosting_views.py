"""Pages for hosts (their own listings: post, edit, verify, withdraw), the hosts' code of conduct,
the report form every reader can use, and a user's saved searches with their private feeds.

A host sees and changes only their own listings: anyone else's, or any listing for an account that
is not a host, is a 404, so a URL does not even say whether the listing exists.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import feedgenerator, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from imgpath.finder import freshness
from imgpath.web import throttle
from imgpath.web.accounts.auth import AuthenticatedHttpRequest
from imgpath.web.hosting import searches, services
from imgpath.web.hosting.forms import ListingForm, ReportForm, SaveSearchForm, new_slug
from imgpath.web.hosting.models import ListingReport, SavedSearch
from imgpath.web.lib.rates import Rate
from imgpath.web.opportunities.models import Listing
from imgpath.web.opportunities.search import published

REPORTS = Rate(5, 60 * 60)
"""Reports one address may have accepted per hour: enough for a reader who finds several wrong
listings. Only reports that are valid and saved count, so a reader who makes mistakes is not locked out."""
REPORT_POSTS = Rate(30, 60 * 60)
"""Report forms one address may send per hour, valid or not: what bounds a flood of invalid posts."""
FEED_URL_KEY = "imgpath_search_feed_url"
"""The session key that carries a new saved-search feed URL to the list page, once."""


def _host_or_403(request: HttpRequest) -> HttpResponse | None:
    if services.is_host(request.user):
        return None
    return render(request, "opportunities/hosting/not_a_host.html", status=403)


def _own_listing(request: AuthenticatedHttpRequest, slug: str) -> Listing:
    """The host's own listing; a 404 for anyone else's and for any account that is not a host."""
    if not services.is_host(request.user):
        raise Http404
    return get_object_or_404(Listing, slug=slug, owner=request.user)


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    refused = _host_or_403(request)
    if refused:
        return refused
    today = date.today()
    rows = []
    for listing in Listing.objects.filter(owner=request.user).order_by("title"):
        rows.append(
            {
                "listing": listing,
                "freshness": freshness(listing.last_verified, today),
                # reasons and what was seen only: never who reported, nor their email
                "reports": list(
                    ListingReport.objects.filter(listing=listing, handled=False).values(
                        "reason", "text", "created"
                    )
                ),
            }
        )
    stale = sum(1 for row in rows if row["freshness"] != "fresh")
    return render(request, "opportunities/hosting/dashboard.html", {"rows": rows, "stale": stale})


def _listing_form(request: AuthenticatedHttpRequest, listing: Listing | None) -> HttpResponse:
    today = date.today()
    document = listing.document if listing is not None else None
    if request.method == "POST":
        form = ListingForm(request.POST, document=document, today=today)
        if form.is_valid():
            taken = set(Listing.objects.values_list("slug", flat=True))
            slug = listing.slug if listing is not None else new_slug(form.cleaned_data["title"], taken)
            opportunity = form.opportunity(slug)
            if opportunity is not None:
                services.submit(opportunity, request.user, listing)
                messages.success(
                    request, _("Saved. A curator will check the listing before it is published.")
                )
                return redirect("host_dashboard")
        status = 400
    else:
        form = ListingForm(document=document, today=today)
        status = 200
    context = {"form": form, "listing": listing}
    return render(request, "opportunities/hosting/listing_form.html", context, status=status)


@login_required
def new_listing(request: AuthenticatedHttpRequest) -> HttpResponse:
    refused = _host_or_403(request)
    if refused:
        return refused
    return _listing_form(request, None)


@login_required
def edit_listing(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    return _listing_form(request, _own_listing(request, slug))


@login_required
@require_POST
def verify_listing(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    listing = _own_listing(request, slug)
    services.verify(listing, request.user, date.today())
    messages.success(request, _("Marked as checked today."))
    return redirect("host_dashboard")


@login_required
@require_POST
def withdraw_listing(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    listing = _own_listing(request, slug)
    services.withdraw(listing, request.user)
    messages.success(request, _("Withdrawn: the listing is no longer shown to readers."))
    return redirect("host_dashboard")


def code_of_conduct(request: HttpRequest) -> HttpResponse:
    return render(request, "opportunities/hosting/code_of_conduct.html")


def report_listing(request: HttpRequest, slug: str) -> HttpResponse:
    """Anyone may report a published listing, without an account; limited per address.

    Every post counts against ``REPORT_POSTS`` (a flood is refused before the form is read); only an
    accepted report counts against ``REPORTS``, and one over that limit is shown again with what the
    reader wrote, so nothing is lost while they wait."""
    listing = get_object_or_404(published(), slug=slug)
    too_often = False
    if request.method == "POST":
        if throttle.address_exceeded(request, "listing-report-posts", REPORT_POSTS):
            return throttle.too_many(request, REPORT_POSTS.seconds, kept=False)
        form = ReportForm(request.POST)
        if form.is_valid():
            if not throttle.address_exceeded(request, "listing-reports", REPORTS):
                report = form.save(commit=False)
                report.listing = listing
                report.save()
                return render(request, "opportunities/hosting/report_sent.html", {"listing": listing})
            too_often = True
            status = 429
        else:
            status = 400
    else:
        form = ReportForm()
        status = 200
    context = {
        "form": form,
        "listing": listing,
        "too_often": too_often,
        "minutes": REPORTS.seconds // 60,
        "most": REPORTS.times,
    }
    response = render(request, "opportunities/hosting/report.html", context, status=status)
    if too_often:
        response["Retry-After"] = str(REPORTS.seconds)
    return response


# --- saved searches ---------------------------------------------------------------------------------------


def _feed_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("saved_search_feed", args=(token,)))


@login_required
def saved_searches(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = [
        {"search": s, "words": searches.describe(s.query)}
        for s in SavedSearch.objects.filter(owner=request.user)
    ]
    context = {"rows": rows, "feed_url": request.session.pop(FEED_URL_KEY, None)}
    return render(request, "opportunities/hosting/saved_searches.html", context)


@login_required
@require_POST
def save_search(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Keep the /opportunities/ query given (its parameters, as the form posts them in ``query``)."""
    form = SaveSearchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the search a name."))
        return redirect("saved_searches")
    query = searches.clean_query(dict(QueryDict(form.cleaned_data["query"]).lists()))
    search = SavedSearch(
        owner=request.user, name=form.cleaned_data["name"], query=query, last_notified=timezone.now()
    )
    token = searches.new_token(search)
    search.save()
    request.session[FEED_URL_KEY] = _feed_url(request, token)
    messages.success(request, _("Search saved. New listings that match it will be emailed to you."))
    return redirect("saved_searches")


@login_required
@require_POST
def delete_search(request: AuthenticatedHttpRequest, search_id: int) -> HttpResponse:
    get_object_or_404(SavedSearch, pk=search_id, owner=request.user).delete()
    messages.success(request, _("Search deleted; its feed no longer works."))
    return redirect("saved_searches")


@login_required
@require_POST
def rotate_search_feed(request: AuthenticatedHttpRequest, search_id: int) -> HttpResponse:
    search = get_object_or_404(SavedSearch, pk=search_id, owner=request.user)
    token = searches.new_token(search)
    search.save(update_fields=["feed_digest"])
    request.session[FEED_URL_KEY] = _feed_url(request, token)
    messages.success(request, _("Your new feed address is ready; the older one no longer works."))
    return redirect("saved_searches")


def saved_search_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The search's newest matches as Atom; no log-in, the secret in the URL is the key."""
    rate = Rate.parse(settings.PAGE_RATE)
    if throttle.exceeded("search-feed", searches.digest_of(token), rate):
        return throttle.too_many(request, rate.seconds, image=True)
    search = searches.search_of(token)
    if search is None:
        raise Http404
    feed = feedgenerator.Atom1Feed(
        title=_("IMG Pathways: %(name)s") % {"name": search.name},
        link=request.build_absolute_uri(reverse("saved_searches")),
        description=searches.describe(search.query),
        feed_url=request.build_absolute_uri(),
    )
    for match in searches.matching(search, date.today())[: searches.FEED_ENTRIES]:
        opportunity = match.listing.opportunity
        link = request.build_absolute_uri(f"/opportunities/{match.listing.slug}/")  # the public listing page
        feed.add_item(
            title=opportunity.title,
            link=link,
            description=opportunity.summary,
            unique_id=f"tag:imgpath,listing:{match.listing.slug}",
            pubdate=match.published,
            updateddate=match.listing.updated,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response
