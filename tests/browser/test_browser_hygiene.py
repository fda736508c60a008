"""The main pages load with no console error, no CSP violation and no request beyond 127.0.0.1.

The watchers themselves are tested too, so a clean page means clean and not "nobody was looking".
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Error

from .conftest import Watched, load_example

PAGES = [
    "/",
    "/profile/",
    "/profile/school/",
    "/profile/exams/",
    "/profile/training/",
    "/profile/practice/",
    "/profile/offer/",
    "/results/",
    "/results/?state=TN&verdict=unknown",
    "/results/us-tn.provisional_foreign_training_license/",
    "/states/",
    "/states/TN/",
    "/changes/",
    "/account/login/",
    "/account/signup/",
    "/account/password/reset/",
    "/api/v1/docs",
]


def test_the_main_pages_have_no_console_error_csp_violation_or_outside_request(watched: Watched) -> None:
    page = watched.page
    load_example(page)
    for path in PAGES:
        response = page.goto(path)
        assert response is not None, f"{path}: {response and response.status}"
        assert response.ok, f"{path}: {response and response.status}"
        page.wait_for_load_state("networkidle")
    assert watched.problems() == []


def test_the_results_filters_update_the_routes_in_place(watched: Watched) -> None:
    """HTMX swaps the routes without a reload, within the CSP (no inline script, no eval)."""
    page = watched.page
    load_example(page)
    page.evaluate("() => { window.notReloaded = true; }")
    page.get_by_label("State", exact=True).select_option("TN")
    page.wait_for_url("**/results/?state=TN**")
    assert page.locator("article[id^='us-fl.']").count() == 0
    assert page.locator("article[id^='us-tn.']").count() > 0
    assert page.evaluate("() => window.notReloaded") is True
    assert watched.problems() == []


def test_the_csp_watcher_notices_an_inline_script(watched: Watched) -> None:
    page = watched.page
    page.goto("/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
        " document.body.append(s); }"
    )
    assert any("script-src" in p for p in watched.wait_for_problem())
    assert page.evaluate("() => window.ran") is None


def test_the_request_watcher_blocks_and_reports_another_host(watched: Watched) -> None:
    with pytest.raises(Error):
        watched.page.goto("http://example.org/")
    assert watched.outside_requests == ["http://example.org/"]
