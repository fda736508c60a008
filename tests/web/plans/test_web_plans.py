"""Plan pages, checklists, the private calendar feed and POST /api/v1/plan.

The example profile (an internist from India, ECFMG certified, with a Tennessee offer, as of
2026-11-25) is planned the way the CLI plans it; the pages must show what the planner says.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation
from django.utils.html import escape
from icalendar import Calendar

from imgpath.engine.profile import Profile
from imgpath.planner.plans import plan
from imgpath.planner.serialize import plans_json
from imgpath.planner.whatif import assume, compare
from imgpath.rulebook.loader import default_rulebook
from imgpath.web.accounts.models import SavedProfile
from imgpath.web.plans import feeds
from imgpath.web.plans.models import ChecklistItem, FeedToken
from web_session import with_profile

ROUTE = "us-va.traditional"
"""Needs USMLE Step 3 and the Match for the example profile: a route with steps, deadlines and odds."""


def _plans(data: dict[str, Any], **kwargs: Any) -> Any:
    profile = Profile.model_validate(data)
    return plan(profile, default_rulebook(), as_of=profile.evaluation_date(), **kwargs)


@pytest.fixture
def visitor(anonymous: Client, example_data: dict[str, Any]) -> Client:
    return with_profile(anonymous, example_data)


def test_the_comparison_page_ranks_every_route_with_dates_costs_and_why(
    visitor: Client, example_data: dict[str, Any]
) -> None:
    expected = _plans(example_data).plans
    page = visitor.get("/plans/").content.decode()
    first, last = expected[0], expected[-1]
    assert page.index(first.name) < page.index(last.name)
    assert first.full_license is not None
    assert first.full_license[1].isoformat() in page
    assert "Legal information, not legal advice." in page
    assert '<img src="/plans/chart.svg?sort=time"' in page
    by_cost = visitor.get("/plans/?sort=cost").content.decode()
    cheapest = _plans(example_data, rank_by="cost").plans[0]
    assert cheapest.name in by_cost
    assert 'chart.svg?sort=cost"' in by_cost


def test_the_charts_are_svg_from_our_own_origin(visitor: Client) -> None:
    for url in ("/plans/chart.svg", f"/plans/{ROUTE}/chart.svg"):
        response = visitor.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/svg+xml"
        assert response.content.lstrip().startswith(b"<?xml")


def test_the_route_plan_page_shows_steps_milestones_deadlines_odds_and_downloads(
    visitor: Client, example_data: dict[str, Any]
) -> None:
    route = _plans(example_data, route=ROUTE).plans[0]
    page = visitor.get(f"/plans/{ROUTE}/").content.decode()
    assert route.name in page
    for step in route.steps:
        assert step.name in page
        assert step.start.isoformat() in page
    for day, _what in route.deadlines:
        assert f'datetime="{day.isoformat()}"' in page
    assert route.odds is not None
    assert str(route.odds.caveats[0]) in page
    assert f'id="ics-download" href="/plans/{ROUTE}/plan.ics"' in page
    assert 'name="assume" value="usmle_step3=passed" id="assume-usmle_step3"' in page
    assert "Legal information, not legal advice." in page


def test_unknown_routes_are_not_found(visitor: Client) -> None:
    assert visitor.get("/plans/us-xx.nothing/").status_code == 404


def test_plan_pages_without_a_profile_send_the_visitor_to_the_profile(anonymous: Client) -> None:
    assert anonymous.get("/plans/")["Location"] == "/profile/"


def test_what_if_toggles_show_what_compare_says(visitor: Client, example_data: dict[str, Any]) -> None:
    profile = Profile.model_validate(example_data)
    day = profile.evaluation_date()
    before = _plans(example_data, route=ROUTE)
    after = plan(assume(profile, ["usmle_step3=passed"], day), default_rulebook(), as_of=day, route=ROUTE)
    changes = [str(line) for line in compare(before, after)[0].changes]
    plain = visitor.get(f"/plans/{ROUTE}/").content.decode()
    toggled = visitor.get(f"/plans/{ROUTE}/?assume=usmle_step3=passed").content.decode()
    assert "no longer needed: Pass USMLE Step 3" in changes
    for line in changes:
        assert escape(line) in toggled
        assert escape(line) not in plain
    assert 'value="usmle_step3=passed" id="assume-usmle_step3" checked' in toggled
    assert f"/plans/{ROUTE}/plan.ics?assume=usmle_step3%3Dpassed" in toggled


def test_assumptions_the_form_does_not_offer_are_ignored(visitor: Client) -> None:
    page = visitor.get(f"/plans/{ROUTE}/?assume=us_gme_years=9").content.decode()
    assert "What changes with your assumptions" not in page


def test_the_plan_downloads_as_an_ics_that_parses(visitor: Client, example_data: dict[str, Any]) -> None:
    response = visitor.get(f"/plans/{ROUTE}/plan.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    summaries = {str(event["summary"]) for event in calendar.walk("VEVENT")}
    route = _plans(example_data, route=ROUTE).plans[0]
    assert {step.name for step in route.steps} <= summaries


def test_plan_pages_keep_the_strict_csp(visitor: Client) -> None:
    for url in ("/plans/", f"/plans/{ROUTE}/", f"/plans/{ROUTE}/?assume=usmle_step3=passed"):
        policy = visitor.get(url)["Content-Security-Policy"]
        assert "unsafe-inline" not in policy
        assert "script-src 'self'" in policy
        assert "http" not in policy


def test_charts_may_style_themselves_but_run_and_load_nothing(visitor: Client) -> None:
    for url in ("/plans/chart.svg", f"/plans/{ROUTE}/chart.svg"):
        policy = visitor.get(url)["Content-Security-Policy"]
        assert policy.startswith("default-src 'none';")
        assert "script-src" not in policy
        assert "http" not in policy


def test_results_and_explain_link_to_the_plans(visitor: Client) -> None:
    assert 'href="/plans/" id="plans-link"' in visitor.get("/results/").content.decode()
    assert f'href="/plans/{ROUTE}/" id="plan-link"' in visitor.get(f"/results/{ROUTE}/").content.decode()


def test_the_owner_plans_a_saved_profile(as_alice: Client, alice_profile: SavedProfile) -> None:
    page = as_alice.get(f"/account/profiles/{alice_profile.pk}/plans/").content.decode()
    assert f'href="/account/profiles/{alice_profile.pk}/plans/{ROUTE}/"' in page
    detail = as_alice.get(f"/account/profiles/{alice_profile.pk}/plans/{ROUTE}/").content.decode()
    assert f'id="checklist-link" href="/account/profiles/{alice_profile.pk}/checklist/{ROUTE}/"' in detail


def test_checklist_status_changes_persist(as_alice: Client, alice_profile: SavedProfile) -> None:
    url = f"/account/profiles/{alice_profile.pk}/checklist/{ROUTE}/"
    page = as_alice.get(url).content.decode()
    assert 'id="status-usmle_step3"' in page
    assert "Add to my checklist" in page
    response = as_alice.post(url, {"status-usmle_step3": "done", "status-eras_application": "in_progress"})
    assert response.status_code == 302
    assert response["Location"] == url
    items = {i.step: i.status for i in ChecklistItem.objects.filter(profile=alice_profile, pathway=ROUTE)}
    assert items["usmle_step3"] == "done"
    assert items["eras_application"] == "in_progress"
    assert items["nrmp_registration"] == "todo"
    again = as_alice.get(url).content.decode()
    assert '<option value="done" selected>' in again
    assert "Save my checklist" in again


def test_a_bad_status_is_refused_beside_the_step(as_alice: Client, alice_profile: SavedProfile) -> None:
    url = f"/account/profiles/{alice_profile.pk}/checklist/{ROUTE}/"
    response = as_alice.post(url, {"status-usmle_step3": "finished-ish"})
    assert response.status_code == 400
    assert 'aria-describedby="error-usmle_step3"' in response.content.decode()
    assert not ChecklistItem.objects.filter(step="usmle_step3", status="finished-ish").exists()


def test_the_checklist_form_is_csrf_protected(alice: User, alice_profile: SavedProfile) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    url = f"/account/profiles/{alice_profile.pk}/checklist/{ROUTE}/"
    assert client.post(url, {"status-usmle_step3": "done"}).status_code == 403
    assert client.post("/account/feed/rotate/").status_code == 403


def test_the_account_page_lists_upcoming_deadlines(as_alice: Client, alice_profile: SavedProfile) -> None:
    as_alice.post(f"/account/profiles/{alice_profile.pk}/checklist/{ROUTE}/", {})
    found = feeds.upcoming(alice_profile.owner, today=date(2026, 11, 25))
    assert found
    assert all(date(2026, 11, 25) <= u.day <= date(2027, 2, 23) for u in found)
    # NRMP registration closes on 30 November 2026 for this plan
    assert any(u.day == date(2026, 11, 30) for u in found)
    assert "NRMP" in as_alice.get("/account/").content.decode()  # the account page shows them today


def test_upcoming_deadlines_are_said_in_the_readers_language(
    as_alice: Client, alice_profile: SavedProfile
) -> None:
    as_alice.post(f"/account/profiles/{alice_profile.pk}/checklist/{ROUTE}/", {})
    with translation.override("es"):
        found = feeds.upcoming(alice_profile.owner, today=date(2026, 11, 25))
    nrmp = [u.what for u in found if u.day == date(2026, 11, 30)]
    assert nrmp
    assert all(what.endswith(": se cierra el plazo") for what in nrmp)
    assert not [u for u in found if "window closes" in u.what or "this day" in u.what]


def test_bob_sees_nothing_of_alices_upcoming_deadlines(
    as_alice: Client, as_bob: Client, alice_profile: SavedProfile
) -> None:
    as_alice.post(f"/account/profiles/{alice_profile.pk}/checklist/{ROUTE}/", {})
    assert feeds.upcoming(User.objects.get(username="bob"), today=date(2026, 11, 25)) == []
    assert "Alice" not in as_bob.get("/account/").content.decode()


def _feed_url(client: Client) -> str:
    client.post("/account/feed/rotate/")
    page = client.get("/account/").content.decode()
    start = page.index('id="feed-link"')
    href = page[page.index('href="', start - 200) :].split('"')[1]
    assert href.startswith("http://testserver/feeds/")
    return href.removeprefix("http://testserver")


def test_the_feed_serves_the_tracked_routes_and_rotation_kills_the_old_url(
    as_alice: Client, alice_profile: SavedProfile, anonymous: Client
) -> None:
    as_alice.post(f"/account/profiles/{alice_profile.pk}/checklist/{ROUTE}/", {"status-usmle_step3": "done"})
    old = _feed_url(as_alice)
    response = anonymous.get(old)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    summaries = {str(e["summary"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert "Apply to residency programs through ERAS" in summaries
    assert "Pass USMLE Step 3" not in summaries  # done steps leave the feed
    token = old.split("/")[2]
    assert token not in FeedToken.objects.get(owner=alice_profile.owner).digest
    new = _feed_url(as_alice)
    assert new != old
    assert anonymous.get(old).status_code == 404
    assert anonymous.get(new).status_code == 200
    assert as_alice.get("/account/").content.decode().count('id="feed-link"') == 0  # shown once


def test_unknown_feed_tokens_are_not_found(anonymous: Client) -> None:
    assert anonymous.get("/feeds/not-a-token/calendar.ics").status_code == 404


def test_the_api_plan_equals_plans_json(anonymous: Client, example_data: dict[str, Any]) -> None:
    response = anonymous.post("/api/v1/plan", json.dumps(example_data), content_type="application/json")
    assert response.status_code == 200
    assert response.json() == json.loads(json.dumps(plans_json(_plans(example_data))))


def test_the_api_plans_one_route_with_assumptions(anonymous: Client, example_data: dict[str, Any]) -> None:
    response = anonymous.post(
        f"/api/v1/plan?route={ROUTE}&sort=cost&assume=usmle_step3=passed",
        json.dumps(example_data),
        content_type="application/json",
    )
    profile = Profile.model_validate(example_data)
    day = profile.evaluation_date()
    before = _plans(example_data, route=ROUTE, rank_by="cost")
    after = plan(
        assume(profile, ["usmle_step3=passed"], day),
        default_rulebook(),
        as_of=day,
        route=ROUTE,
        rank_by="cost",
    )
    after.assumptions = ["usmle_step3=passed"]
    assert response.json() == json.loads(json.dumps(plans_json(after, compare(before, after))))


@pytest.mark.parametrize(
    ("query", "body", "field"),
    [
        ("?route=us-xx.nothing", None, "route"),
        ("?assume=nonsense", None, "assume"),
        ("?sort=fame", None, "sort"),
        ("", {"exams": "yes"}, "exams"),
    ],
)
def test_api_errors_name_the_field(
    anonymous: Client, example_data: dict[str, Any], query: str, body: Any, field: str
) -> None:
    response = anonymous.post(
        f"/api/v1/plan{query}", json.dumps(body or example_data), content_type="application/json"
    )
    assert response.status_code in (404, 422)
    assert field in [e["field"] for e in response.json()["errors"]]


def test_the_api_plan_is_rate_limited(anonymous: Client, example_data: dict[str, Any], settings: Any) -> None:
    settings.API_RATE = "2/min"
    codes = [
        anonymous.post(
            "/api/v1/plan?route=" + ROUTE, json.dumps(example_data), content_type="application/json"
        ).status_code
        for _ in range(3)
    ]
    assert codes == [200, 200, 429]


def test_the_owner_plans_a_saved_profile_through_the_api(
    as_alice: Client, alice_profile: SavedProfile, example_data: dict[str, Any]
) -> None:
    response = as_alice.get(f"/api/v1/me/profiles/{alice_profile.pk}/plan?route={ROUTE}")
    assert response.json() == json.loads(json.dumps(plans_json(_plans(example_data, route=ROUTE))))
