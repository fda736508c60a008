"""The results page fits a person: routes by state with the preferred states first, the best route
of each shown and the rest folded; a map that follows the Kind filter; filters kept in the address;
what-if across every route."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from web_session import with_profile


def _places(page: str) -> list[str]:
    return re.findall(r'<section class="place[^"]*" data-state="([^"]+)"', page)


def _tile(page: str, code: str) -> str:
    found = re.search(rf'<a href="[^"]*" aria-label="{code}, [^"]*">\s*<g class="([^"]+)"', page)
    assert found, code
    return found.group(1)


def test_preferred_states_come_first_in_their_order_then_federal_routes_then_the_rest(
    anonymous: Client, example_data: dict[str, Any]
) -> None:
    with_profile(anonymous, example_data | {"preferences": {"states": ["FL", "TN"]}})
    places = _places(anonymous.get("/results/").content.decode())
    assert places[:3] == ["US-FL", "US-TN", "US"]
    assert places[3:] == sorted(places[3:], key=lambda p: p != "US-AL")  # Alabama leads the rest


def test_each_state_shows_its_best_route_and_folds_the_others(
    anonymous: Client, example_data: dict[str, Any]
) -> None:
    with_profile(anonymous, example_data)  # prefers TN, FL, IL
    page = anonymous.get("/results/").content.decode()
    tennessee = page.split('data-state="US-TN"', 1)[1].split("</section>", 1)[0]
    shown, folded = tennessee.split('<details class="more"', 1)
    assert shown.count('<article class="route"') == 1  # the best one: steps remain
    assert '<span class="verdict needs_steps">Needs steps</span>' in shown
    assert folded.count('<article class="route"') == 3
    # a state not preferred is one line (its best verdict and route), its routes folded under it
    texas = page.split('data-state="US-TX"', 1)[1].split("</section>", 1)[0]
    assert texas.split(">", 1)[1].lstrip().startswith("<details><summary>")
    assert 'class="verdict small' in texas.split("</summary>", 1)[0]


def test_the_map_follows_the_kind_filter(anonymous: Client, example_data: dict[str, Any]) -> None:
    """With "Alternative" chosen, Florida is coloured by its alternative route, not by its residency
    route; a state without a route of that kind has no colour."""
    with_profile(anonymous, example_data)
    assert _tile(anonymous.get("/results/").content.decode(), "FL").startswith("tile needs_steps")
    page = anonymous.get("/results/?kind=alternative").content.decode()
    assert _tile(page, "FL").startswith("tile not_eligible")
    assert _tile(page, "TN").startswith("tile needs_steps")
    assert _tile(page, "NY").startswith("tile none")
    assert "among its routes of the kind: Alternative" in page


def test_a_limited_license_that_leads_nowhere_does_not_colour_a_state_green(
    anonymous: Client, example_data: dict[str, Any]
) -> None:
    """New York's limited permit is open to the example doctor, but leads to no full license: the
    tile keeps the colour of its other routes and is marked apart, and says why."""
    with_profile(anonymous, example_data)
    page = anonymous.get("/results/").content.decode()
    new_york = _tile(page, "NY")
    assert "eligible" not in new_york.split()
    assert "limited-only" in new_york.split()
    assert re.search(r'aria-label="NY, New York: [^"]*Eligible with a limited license that leads to no', page)


def test_filters_live_in_the_address_and_prefill_the_form(
    anonymous: Client, example_data: dict[str, Any]
) -> None:
    with_profile(anonymous, example_data)
    page = anonymous.get("/results/?kind=limited&verdict=eligible").content.decode()
    assert '<option value="limited" selected>' in page
    assert '<option value="eligible" selected>' in page
    assert 'href="/results/?kind=limited&amp;verdict=eligible#routes" id="bookmark"' in page
    # the map's links keep the other filters
    assert 'href="/results/?state=NY&amp;kind=limited&amp;verdict=eligible#routes"' in page


def test_what_if_a_job_offer_elsewhere_rechecks_every_route(
    anonymous: Client, example_data: dict[str, Any]
) -> None:
    with_profile(anonymous, example_data)
    plain = anonymous.get("/results/").content.decode()
    assert 'id="what-if-changes"' not in plain
    page = anonymous.get("/results/?offer=ID").content.decode()  # an Idaho offer instead of Tennessee's
    changes = page.split('id="what-if-changes"', 1)[1].split("</div>", 1)[0]
    assert "1 route changes verdict" in changes
    idaho = changes.split('href="#us-id.provisional_license_international_physician"', 1)[1]
    assert re.search(r"needs_steps\">Needs steps</span> → <span class=\"verdict small eligible", idaho)
    assert '<option value="ID" selected>' in page.split('id="what-if"', 1)[1]
    # several assumptions at once, the offered exams among them
    both = anonymous.get("/results/?offer=ID&assume=usmle_step3=passed").content.decode()
    assert 'value="usmle_step3=passed" id="w-1" checked' in both
    assert "routes change verdict" in both


def test_what_if_ignores_assumptions_it_does_not_offer(
    anonymous: Client, example_data: dict[str, Any]
) -> None:
    with_profile(anonymous, example_data)
    page = anonymous.get("/results/?assume=citizenship=US&offer=ZZ").content.decode()
    assert 'id="what-if-changes"' not in page


def test_a_states_line_names_a_route_to_a_full_license_before_a_limited_one_that_leads_nowhere(
    anonymous: Client, example_data: dict[str, Any]
) -> None:
    """New York's line names a route that leads to a full license, not the limited permit the
    example doctor is eligible for, and says a better verdict is only that limited license; the
    permit stays among the folded routes."""
    with_profile(anonymous, example_data)
    page = anonymous.get("/results/").content.decode()
    new_york = page.split('data-state="US-NY"', 1)[1].split("</section>", 1)[0]
    line = new_york.split("</summary>", 1)[0]
    assert "Limited permit (physician)" not in line, line
    assert '<span class="verdict small eligible">' not in line
    assert "a better verdict only with a limited license that leads to no full license" in line
    assert "Limited permit (physician)" in new_york.split("</summary>", 1)[1]  # still there, folded
