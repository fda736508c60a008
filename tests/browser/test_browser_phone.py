"""On a phone-sized screen the main pages fit the width: nothing scrolls sideways."""

from __future__ import annotations

import pytest

from imgpath.web.pages.wizard import STEPS

from .conftest import PHONE, Watched, load_example

WIDTH = PHONE["viewport"]["width"]
PAGES = [
    "/",
    "/profile/",
    *(f"/profile/{step.slug}/" for step in STEPS),
    "/profile/review/",
    "/results/",
    "/states/TN/",
]


@pytest.mark.parametrize("path", PAGES)
def test_a_phone_renders_the_page_without_horizontal_scrolling(phone: Watched, path: str) -> None:
    page = phone.page
    load_example(page)  # the wizard steps and results then hold a full profile, the widest case
    page.goto(path)
    widths = page.evaluate("() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
    assert widths["inner"] == WIDTH, widths
    assert widths["scroll"] <= widths["inner"], f"{path} scrolls sideways on a phone: {widths}"
    if path != "/":
        wide = page.evaluate(
            """(width) => [...document.querySelectorAll('main *')]
                 .filter((e) => e.getBoundingClientRect().right > width + 1)
                 .slice(0, 5).map((e) => e.outerHTML.slice(0, 120))""",
            WIDTH,
        )
        assert wide == [], f"elements wider than the screen on {path}: {wide}"
    assert phone.problems() == []
