"""axe-core finds no serious or critical accessibility problem on the main pages.

axe is injected over DevTools (``page.evaluate``), so the pages keep their CSP with no inline script.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from .conftest import Watched, load_example

PAGES = {
    "home": "/",
    "profile start": "/profile/",
    "wizard: medical school": "/profile/school/",
    "wizard: exams": "/profile/exams/",
    "wizard: training": "/profile/training/",
    "wizard: practice and licenses": "/profile/practice/",
    "wizard: job offer and status": "/profile/offer/",
    "wizard: review": "/profile/review/",
    "results": "/results/",
    "results filtered to Tennessee": "/results/?state=TN",
    "one route explained": "/results/us-tn.provisional_foreign_training_license/",
    "states": "/states/",
    "state page (Tennessee)": "/states/TN/",
    "what changed": "/changes/",
    "log in": "/account/login/",
    "sign up": "/account/signup/",
    "password reset": "/account/password/reset/",
}
BLOCKING = {"serious", "critical"}


def axe_violations(page: Page, axe_source: str) -> list[dict[str, Any]]:
    page.evaluate(axe_source)
    found: list[dict[str, Any]] = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [v for v in found if v.get("impact") in BLOCKING]


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        lines.extend(
            f"    {', '.join(map(str, node['target']))}: {node['html'][:160]}" for node in v["nodes"][:8]
        )
    return "\n".join(lines)


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_the_page_has_no_serious_or_critical_accessibility_violation(
    watched: Watched, axe_source: str, path: str
) -> None:
    page = watched.page
    load_example(page)  # results, wizard steps with their rows filled, and verdicts on the state page
    page.goto(path)
    violations = axe_violations(page, axe_source)
    assert violations == [], f"axe on {path}:\n{describe(violations)}"


def test_the_wizard_with_errors_has_no_serious_or_critical_accessibility_violation(
    watched: Watched, axe_source: str
) -> None:
    page = watched.page
    page.goto("/profile/school/")
    page.get_by_label("Graduated").fill("May 2012")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_role("alert").wait_for()
    violations = axe_violations(page, axe_source)
    assert violations == [], f"axe on the wizard's error state:\n{describe(violations)}"


def test_the_account_page_has_no_serious_or_critical_accessibility_violation(
    watched: Watched, axe_source: str, django_user_model: Any
) -> None:
    django_user_model.objects.create_user("amara", "amara@example.org", "correct horse battery staple")
    page = watched.page
    load_example(page)
    page.goto("/account/login/")
    page.get_by_label("Username").fill("amara")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/account/")
    violations = axe_violations(page, axe_source)
    assert violations == [], f"axe on the account page:\n{describe(violations)}"
