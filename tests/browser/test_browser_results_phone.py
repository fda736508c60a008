"""The results page and a plan on a 360 px phone, in English, Spanish and Arabic: nothing scrolls
sideways, the results fit in ten screens for the example profile with its preferred state first,
and the plan's chart has no text smaller than 12 px."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from .conftest import PHONE, assert_fits, load_example, read_in, watched_page

SMALL_PHONE: dict[str, Any] = PHONE | {"viewport": {"width": 360, "height": 740}}
WIDTH = 360
SCREEN = 740
LANGUAGES = ["en", "es", "ar"]


def _open(browser: Browser, live_server: LiveServer, language: str) -> Any:
    return watched_page(browser, live_server.url, **SMALL_PHONE)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_results_fit_a_phone_with_the_preferred_state_first(
    browser: Browser, live_server: LiveServer, language: str
) -> None:
    with _open(browser, live_server, language) as watched:
        page = watched.page
        load_example(page)  # prefers TN, FL, IL
        read_in(page, language)
        page.goto("/results/")
        assert page.locator("html").get_attribute("lang") == language
        assert_fits(page, WIDTH, f"/results/ ({language})")
        height = page.evaluate("() => document.documentElement.scrollHeight")
        print(f"results height {language}: {height}px ({height / SCREEN:.1f} screens)")
        assert height < 10 * SCREEN, f"the results are {height / SCREEN:.1f} screens long in {language}"
        first = page.locator("#routes section.place").first
        assert first.get_attribute("data-state") == "US-TN"
        assert watched.problems() == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_plan_fits_a_phone_and_its_chart_text_is_legible(
    browser: Browser, live_server: LiveServer, language: str
) -> None:
    with _open(browser, live_server, language) as watched:
        page = watched.page
        load_example(page)
        read_in(page, language)
        page.goto("/plans/us-tn.provisional_foreign_training_license/")
        assert_fits(page, WIDTH, f"the plan ({language})")
        chart = page.locator("figure.chart img")
        chart.scroll_into_view_if_needed()
        page.wait_for_function("() => document.querySelector('figure.chart img').complete")
        shown = chart.evaluate("(img) => img.getBoundingClientRect().width")
        svg = page.request.get(chart.get_attribute("src") or "").text()
        # matplotlib writes sizes in the drawing's own units: scaled by the width shown over the viewBox's
        view = re.search(r'viewBox="0 0 ([\d.]+) ', svg)
        assert view, svg[:300]
        sizes = [float(s) for s in re.findall(r"font-size:\s*([\d.]+)px", svg)]
        assert sizes, "no text sizes found in the chart"
        smallest = min(sizes) * shown / float(view.group(1))
        print(f"chart {language}: smallest text {smallest:.1f}px at {shown:.0f}px wide")
        assert smallest >= 12, (
            f"the chart's smallest text is {smallest:.1f} px on a 360 px phone ({language})"
        )
        assert watched.problems() == []
