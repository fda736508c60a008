"""Opportunities and grants added to a saved plan: on the plan page, the checklist, the calendar feed,
the account export and POST /api/v1/plan.

The example profile (as of 2026-11-25) is planned for Virginia's traditional route; a demo
observership (a session from 1 March 2027, apply 60 days before, a 100 USD application fee and a
tuition the source does not give) and a demo grant of 1,000 USD (apply by 15 January 2027) are added.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.utils.html import escape
from icalendar import Calendar

from imgpath.engine.profile import Profile
from imgpath.finder import Opportunity
from imgpath.web.accounts.models import SavedProfile
from imgpath.web.opportunities.models import Listing, Review
from imgpath.web.plans.additions import addition_of, placed, saved_additions
from imgpath.web.plans.models import ChecklistItem, PlanAddition
from imgpath.web.plans.planning import route_plan
from listing_data import demo_listing

ROUTE = "us-va.traditional"
TODAY = date(2026, 11, 25)


def _opportunity(**changes: Any) -> Opportunity:
    data: dict[str, Any] = (
        demo_listing(
            place={"state": "VA"},
            sessions=[{"start": "2027-03-01", "end": "2027-03-26"}],
            application={"lead_time_days": 60},
            cost={"application_fee": {"usd": 100}},
        )
        | changes
    )
    return Opportunity.model_validate(data)


def _grant(**changes: Any) -> Opportunity:
    return _opportunity(
        **{
            "id": "demo-grant",
            "kind": "funding",
            "title": "Demo grant",
            "sessions": [],
            "application": {"deadline": "2027-01-15"},
            "cost": {"free": True},
            "amount": {"usd": 1000},
        }
        | changes
    )


def _listing(opportunity: Opportunity) -> Listing:
    listing = Listing()
    listing.set_opportunity(opportunity)
    listing.save()
    return listing


@pytest.fixture
def observership(db: None) -> Listing:
    return _listing(_opportunity())


@pytest.fixture
def grant(db: None) -> Listing:
    return _listing(_grant())


def _plan_url(saved: SavedProfile) -> str:
    return f"/account/profiles/{saved.pk}/plans/{ROUTE}/"


def _add(client: Client, saved: SavedProfile, listing: Listing, **extra: str) -> Any:
    return client.post(f"{_plan_url(saved)}additions/", {"listing": listing.slug, **extra})


# --- the adapter ----------------------------------------------------------------------------------


def test_a_fee_the_source_does_not_give_is_unknown_never_zero() -> None:
    addition = addition_of(_opportunity())
    assert [(f.id, f.amount) for f in addition.application_fees] == [
        ("application_fee", addition.application_fees[0].amount)
    ]
    assert addition.application_fees[0].amount is not None
    assert addition.application_fees[0].amount.typical == 100
    assert [(f.id, f.amount) for f in addition.fees] == [("tuition", None)]


def test_a_listing_that_says_free_has_no_fees_and_a_weekly_price_counts_the_weeks_on_offer() -> None:
    assert addition_of(_opportunity(cost={"free": True})).fees == ()
    weekly = addition_of(
        _opportunity(
            cost={"free": False, "tuition": {"usd": 500, "per": "week"}, "application_fee": {"usd": 0}},
            duration={"min_weeks": 2, "max_weeks": 4},
        )
    )
    tuition = weekly.fees[0].amount
    assert tuition is not None
    assert (tuition.low, tuition.high) == (1000, 2000)  # 500 USD x 2 weeks, x 4 weeks
    daily = addition_of(
        _opportunity(cost={"tuition": {"usd": 50, "per": "day"}, "application_fee": {"usd": 0}})
    )
    assert daily.fees[0].amount is None
    assert "50 USD per day" in daily.fees[0].label


def test_a_grant_becomes_funding_with_its_amount_and_deadline() -> None:
    addition = addition_of(_grant(amount={"usd": 500, "per": "year"}))
    assert (addition.kind, addition.deadline, addition.covers_per) == ("funding", date(2027, 1, 15), "year")
    assert addition.covers is not None
    assert addition.covers.typical == 500


# --- adding and removing --------------------------------------------------------------------------


def test_alice_adds_an_observership_and_removes_it(
    as_alice: Client, alice_profile: SavedProfile, observership: Listing
) -> None:
    response = _add(as_alice, alice_profile, observership)
    assert response.status_code == 302
    assert response["Location"] == _plan_url(alice_profile)
    assert PlanAddition.objects.filter(profile=alice_profile, pathway=ROUTE, listing=observership).exists()
    assert _add(as_alice, alice_profile, observership).status_code == 302  # twice: still one
    assert PlanAddition.objects.filter(profile=alice_profile).count() == 1
    as_alice.post(
        f"/account/profiles/{alice_profile.pk}/checklist/{ROUTE}/", {"status-demo-observership.apply": "done"}
    )
    assert ChecklistItem.objects.filter(profile=alice_profile, step="demo-observership.apply").exists()
    removed = as_alice.post(f"{_plan_url(alice_profile)}additions/remove/", {"listing": observership.slug})
    assert removed.status_code == 302
    assert not PlanAddition.objects.filter(profile=alice_profile).exists()
    assert not ChecklistItem.objects.filter(
        profile=alice_profile, step__startswith="demo-observership"
    ).exists()
    assert 'id="step-demo-observership.apply"' not in as_alice.get(_plan_url(alice_profile)).content.decode()


def test_adding_goes_back_to_a_page_of_this_site_only(
    as_alice: Client, alice_profile: SavedProfile, observership: Listing
) -> None:
    back = _add(as_alice, alice_profile, observership, next="/opportunities/demo-observership/")
    assert back["Location"] == "/opportunities/demo-observership/"
    elsewhere = as_alice.post(
        f"{_plan_url(alice_profile)}additions/remove/",
        {"listing": observership.slug, "next": "https://evil.example/"},
    )
    assert elsewhere["Location"] == _plan_url(alice_profile)


def test_bob_cannot_add_to_or_remove_from_alices_plan(
    as_bob: Client, alice_profile: SavedProfile, observership: Listing
) -> None:
    assert _add(as_bob, alice_profile, observership).status_code == 404
    PlanAddition.objects.create(profile=alice_profile, pathway=ROUTE, listing=observership)
    response = as_bob.post(f"{_plan_url(alice_profile)}additions/remove/", {"listing": observership.slug})
    assert response.status_code == 404
    assert PlanAddition.objects.filter(profile=alice_profile).count() == 1


def test_adding_needs_a_log_in_a_post_and_a_csrf_token(
    anonymous: Client, alice: User, alice_profile: SavedProfile, observership: Listing
) -> None:
    assert _add(anonymous, alice_profile, observership)["Location"].startswith("/account/login/")
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert _add(client, alice_profile, observership).status_code == 403
    assert client.post(f"{_plan_url(alice_profile)}additions/remove/", {"listing": "x"}).status_code == 403
    assert client.get(f"{_plan_url(alice_profile)}additions/").status_code == 405
    assert not PlanAddition.objects.exists()


def test_only_a_published_listing_and_a_licensure_route_can_be_added(
    as_alice: Client, alice_profile: SavedProfile, observership: Listing
) -> None:
    Listing.objects.filter(pk=observership.pk).update(review=Review.pending)
    assert _add(as_alice, alice_profile, observership).status_code == 404
    Listing.objects.filter(pk=observership.pk).update(review=Review.published)
    url = f"/account/profiles/{alice_profile.pk}/plans/us-va.no_such_route/additions/"
    assert as_alice.post(url, {"listing": observership.slug}).status_code == 404
    assert not PlanAddition.objects.exists()


# --- the plan page, the checklist, the feed --------------------------------------------------------


def test_the_plan_page_shows_the_steps_dates_costs_and_the_unknown_fee(
    as_alice: Client, alice_profile: SavedProfile, observership: Listing
) -> None:
    _add(as_alice, alice_profile, observership)
    page = as_alice.get(_plan_url(alice_profile)).content.decode()
    apply_row = page[page.index('id="step-demo-observership.apply"') :].split("</tr>")[0]
    assert "Apply: Demo observership" in apply_row
    assert "2026-12-31" in apply_row  # 1 March 2027 less 60 days
    assert "Application fee: USD 100" in apply_row
    session_row = page[page.index('id="step-demo-observership.session"') :].split("</tr>")[0]
    assert "Take part: Demo observership" in session_row
    assert "2027-03-01" in session_row
    assert "2027-03-26" in session_row
    assert "Tuition: <strong>amount unknown</strong>" in session_row
    assert "USD 0" not in session_row
    added = page[page.index('id="addition-demo-observership"') :].split("</li>")[0]
    assert "Take part: Demo observership: Tuition" in added  # named among the unknown fees
    assert "illustrative listing (demo)" in page  # its risk
    assert 'href="/opportunities/"' in page


def test_the_plan_page_shows_what_part_of_the_cost_a_grant_would_cover(
    as_alice: Client, alice_profile: SavedProfile, observership: Listing, grant: Listing
) -> None:
    _add(as_alice, alice_profile, observership)
    _add(as_alice, alice_profile, grant)
    profile = Profile.model_validate(alice_profile.data)
    expected = placed(route_plan(profile, ROUTE), saved_additions(alice_profile, ROUTE), TODAY)
    funding = next(a.funding for a in expected.additions if a.addition.id == "demo-grant")
    assert funding is not None
    assert funding.bound == "at_most"  # the plan has fees of unknown amount
    page = as_alice.get(_plan_url(alice_profile)).content.decode()
    assert escape(str(funding.message)) in page
    assert "would give 1,000 USD: at most" in page


def test_a_withdrawn_listing_stays_in_the_plan_with_a_warning_and_a_deleted_one_leaves_it(
    as_alice: Client, alice_profile: SavedProfile, observership: Listing
) -> None:
    _add(as_alice, alice_profile, observership)
    observership.set_opportunity(_opportunity(status="withdrawn"))
    observership.save()
    page = as_alice.get(_plan_url(alice_profile)).content.decode()
    assert "This listing was withdrawn by its host or a curator" in page
    assert "Apply: Demo observership" in page
    observership.delete()
    response = as_alice.get(_plan_url(alice_profile))
    assert response.status_code == 200
    assert 'id="addition-demo-observership"' not in response.content.decode()


def test_the_checklist_and_the_ics_hold_the_added_steps(
    as_alice: Client, alice_profile: SavedProfile, observership: Listing
) -> None:
    _add(as_alice, alice_profile, observership)
    page = as_alice.get(f"/account/profiles/{alice_profile.pk}/checklist/{ROUTE}/").content.decode()
    assert 'id="item-demo-observership.session"' in page
    assert "Take part: Demo observership" in page
    ics = as_alice.get(f"{_plan_url(alice_profile)}plan.ics").content
    summaries = {str(e["summary"]) for e in Calendar.from_ical(ics).walk("VEVENT")}
    assert "Take part: Demo observership" in summaries


def test_the_private_feed_carries_the_added_steps(
    as_alice: Client, alice_profile: SavedProfile, observership: Listing, anonymous: Client
) -> None:
    _add(as_alice, alice_profile, observership)
    as_alice.post("/account/feed/rotate/")
    page = as_alice.get("/account/").content.decode()
    start = page.index('id="feed-link"')
    href = page[page.index('href="', start - 200) :].split('"')[1].removeprefix("http://testserver")
    calendar = Calendar.from_ical(anonymous.get(href).content)
    summaries = {str(e["summary"]) for e in calendar.walk("VEVENT")}
    assert {"Apply: Demo observership", "Take part: Demo observership"} <= summaries


# --- the listing page's form ------------------------------------------------------------------------


def _add_to_plan(user: Any, session: Any, listing: Listing) -> str:
    request = RequestFactory().get(f"/opportunities/{listing.slug}/")
    request.user = user
    request.session = session
    template = Template("{% load plan_additions %}{% add_to_plan listing %}")
    return template.render(Context({"request": request, "listing": listing}))


def test_the_listing_form_offers_the_plan_last_opened_and_shows_what_is_in_it(
    as_alice: Client, alice: User, alice_profile: SavedProfile, observership: Listing
) -> None:
    as_alice.get(_plan_url(alice_profile))  # opening the plan makes it the one offered
    form = _add_to_plan(alice, as_alice.session, observership)
    assert f'action="{_plan_url(alice_profile)}additions/"' in form
    assert 'value="demo-observership"' in form
    _add(as_alice, alice_profile, observership)
    form = _add_to_plan(alice, as_alice.session, observership)
    assert f'action="{_plan_url(alice_profile)}additions/remove/"' in form


def test_the_listing_form_asks_a_visitor_to_log_in_and_offers_nobody_elses_plans(
    anonymous: Client, as_alice: Client, bob: User, alice_profile: SavedProfile, observership: Listing
) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert "/account/login/?next=" in _add_to_plan(AnonymousUser(), anonymous.session, observership)
    as_alice.get(_plan_url(alice_profile))
    assert "additions/" not in _add_to_plan(bob, as_alice.session, observership)  # alice's session id


# --- the API and the export -------------------------------------------------------------------------


def test_the_api_places_the_listings_asked_for(
    anonymous: Client, example_data: dict[str, Any], observership: Listing, grant: Listing
) -> None:
    body = example_data | {"additions": ["demo-observership", "demo-grant"]}
    response = anonymous.post(
        f"/api/v1/plan?route={ROUTE}", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 200
    route = response.json()["plans"][0]
    assert [a["id"] for a in route["additions"]] == ["demo-observership", "demo-grant"]
    observed = route["additions"][0]
    assert observed["apply_by"] == "2026-12-31"
    assert observed["unknown_fees"] == ["Take part: Demo observership: Tuition"]
    assert route["additions"][1]["funding"]["bound"] == "at_most"
    assert "demo-observership.session" in [s["id"] for s in route["steps"]]
    plain = anonymous.post(
        f"/api/v1/plan?route={ROUTE}", json.dumps(example_data), content_type="application/json"
    )
    assert plain.json()["plans"][0]["additions"] == []


@pytest.mark.parametrize("additions", [["no-such-listing"], "demo-grant", ["demo-grant", "demo-grant"]])
def test_the_api_refuses_additions_it_cannot_place(
    anonymous: Client, example_data: dict[str, Any], grant: Listing, additions: Any
) -> None:
    body = example_data | {"additions": additions}
    response = anonymous.post(
        f"/api/v1/plan?route={ROUTE}", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "additions"


def test_my_saved_plan_from_the_api_holds_its_additions(
    as_alice: Client, alice_profile: SavedProfile, grant: Listing
) -> None:
    _add(as_alice, alice_profile, grant)
    answer = as_alice.get(f"/api/v1/me/profiles/{alice_profile.pk}/plan?route={ROUTE}").json()
    assert [a["id"] for a in answer["plans"][0]["additions"]] == ["demo-grant"]


def test_the_account_export_holds_the_additions(
    as_alice: Client, alice_profile: SavedProfile, observership: Listing
) -> None:
    _add(as_alice, alice_profile, observership)
    data = json.loads(as_alice.get("/account/data/").content)
    [added] = data["profiles"][0]["additions"]
    assert (added["pathway"], added["listing"], added["title"]) == (
        ROUTE,
        "demo-observership",
        "Demo observership",
    )


def test_the_additions_are_said_in_the_readers_language(
    as_alice: Client, alice_profile: SavedProfile, observership: Listing
) -> None:
    _add(as_alice, alice_profile, observership)
    observership.set_opportunity(_opportunity(status="withdrawn"))
    observership.save()
    page = as_alice.get(_plan_url(alice_profile), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Oportunidades y financiación en este plan" in page
    assert "Quitar de este plan" in page
    assert "Quien lo ofrece o un curador retiró este anuncio" in page


def test_the_saved_plans_chart_is_drawn_again_once_a_listing_is_added(
    as_alice: Client, alice_profile: SavedProfile, observership: Listing
) -> None:
    before = as_alice.get(f"{_plan_url(alice_profile)}chart.svg").content
    _add(as_alice, alice_profile, observership)
    after = as_alice.get(f"{_plan_url(alice_profile)}chart.svg").content
    assert after != before
