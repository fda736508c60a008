"""Browser tests: Playwright's Python package driving Debian's Chromium against a live server.

Without Chromium (or Playwright) this folder is skipped and says why; with ``REQUIRE_BROWSER=1`` (CI)
that is a failure instead. Every page is watched: console errors, Content-Security-Policy violations
and any request that would leave 127.0.0.1 are collected, so a test can assert there were none.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

import pytest
from pytest_django.live_server_helper import LiveServer

from passwords import PASSWORD

try:
    from playwright.sync_api import Browser, Page, Route, sync_playwright
except ImportError:  # the dev extra is not installed: the suite says so below
    sync_playwright = None  # type: ignore[assignment]  # the name says "not installed" below

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    # without these Chromium calls Google hosts, which a closed network refuses (and we never want)
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPO = Path(__file__).resolve().parents[2]
AXE_VERSION = "4.14.1"
AXE_PREFIX = REPO / ".cache" / "axe"  # .cache/ is git-ignored
AXE_FILE = AXE_PREFIX / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_HOSTS = {"127.0.0.1"}
DESKTOP = {"width": 1280, "height": 900}
PHONE: dict[str, Any] = {
    "viewport": {"width": 360, "height": 740},  # the narrowest common phone (issue 12)
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}

CSP_LISTENER = """
document.addEventListener('securitypolicyviolation', (event) => {
  window.__imgpathCspViolation(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
});
"""


SKIPPED_BECAUSE: list[str] = []


def unavailable(reason: str) -> NoReturn:
    """Skip, or fail when CI demands the browser suite (REQUIRE_BROWSER=1)."""
    SKIPPED_BECAUSE.append(reason)
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}; REQUIRE_BROWSER=1 makes a skipped browser suite a failure", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


if sync_playwright is None and os.environ.get("REQUIRE_BROWSER") != "1":
    # the test modules import Playwright: without it, do not collect them (CI lets the import fail)
    collect_ignore_glob = ["test_*.py"]
    SKIPPED_BECAUSE.append("the Python package playwright is not installed (pip install -e '.[dev]')")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say once, at the end of any run, why the browser suite did not run (-rs is not needed)."""
    if SKIPPED_BECAUSE:
        verb = "FAILED" if os.environ.get("REQUIRE_BROWSER") == "1" else "skipped"
        terminalreporter.write_line(f"browser tests {verb}: {SKIPPED_BECAUSE[0]}", yellow=True)


@pytest.fixture(scope="session")
def live_server(request: pytest.FixtureRequest) -> Iterator[LiveServer]:
    """pytest-django's live server, on 127.0.0.1 rather than 'localhost' (so the host check is exact)."""
    server = LiveServer(request.config.getvalue("liveserver") or "127.0.0.1")
    yield server
    server.stop()


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One Chromium for this folder, stopped when the folder is done."""
    if sync_playwright is None:
        unavailable("the Python package playwright is not installed (pip install -e '.[dev]')")
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set CHROMIUM=/path)")
    # Playwright's sync API keeps an event loop running in this thread; Django's async guard would then
    # refuse the test database's set-up and flush, which are plain synchronous calls here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        try:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        except Exception as error:
            unavailable(f"Chromium at {CHROMIUM} did not start: {error}")
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@dataclass
class Watched:
    """A page and what went wrong on it: console errors, CSP violations, requests leaving 127.0.0.1."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        self.page.wait_for_timeout(50)  # let late violation reports arrive
        return [
            *(f"console error: {m}" for m in self.console_errors),
            *(f"CSP violation: {v}" for v in self.csp_violations),
            *(f"request left 127.0.0.1: {u}" for u in self.outside_requests),
        ]

    def wait_for_problem(self, seconds: float = 3.0) -> list[str]:
        """For the watchers' own tests: the problems, once there is one (or the time is up)."""
        deadline = time.monotonic() + seconds
        while not (found := self.problems()) and time.monotonic() < deadline:
            self.page.wait_for_timeout(100)
        return found


@contextmanager
def watched_page(browser: Browser, base_url: str, **options: Any) -> Iterator[Watched]:
    """A fresh context (no cookies) with every watcher attached; outside requests are also blocked."""
    context = browser.new_context(base_url=base_url, **({"viewport": DESKTOP} | options))
    context.set_default_timeout(15_000)
    page = context.new_page()
    watched = Watched(page)

    def on_request(route: Route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            watched.outside_requests.append(route.request.url)
            route.abort()

    context.route("**/*", on_request)
    context.expose_function("__imgpathCspViolation", lambda text: watched.csp_violations.append(text))
    context.add_init_script(CSP_LISTENER)  # injected over DevTools: the page's CSP does not apply
    page.on("console", lambda m: watched.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: watched.console_errors.append(str(error)))
    try:
        yield watched
    finally:
        context.close()


@pytest.fixture
def watched(browser: Browser, live_server: LiveServer) -> Iterator[Watched]:
    with watched_page(browser, live_server.url) as found:
        yield found


@pytest.fixture
def phone(browser: Browser, live_server: LiveServer) -> Iterator[Watched]:
    with watched_page(browser, live_server.url, **PHONE) as found:
        yield found


@pytest.fixture(scope="package")
def axe_source(browser: Browser) -> str:
    """axe-core from the npm registry, installed once into .cache/axe when it is missing."""
    if not AXE_FILE.is_file():
        npm = shutil.which("npm")
        if npm is None:
            unavailable(f"npm is not installed, so axe-core@{AXE_VERSION} cannot be installed")
        command = [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(AXE_PREFIX)]
        done = subprocess.run(
            [*command, f"axe-core@{AXE_VERSION}"], capture_output=True, text=True, timeout=300, check=False
        )
        if done.returncode != 0 or not AXE_FILE.is_file():
            unavailable(f"npm could not install axe-core@{AXE_VERSION}: {done.stderr.strip()[-500:]}")
    return AXE_FILE.read_text("utf-8")


OUT_OF_WIDTH = """(width) => {
  const clipped = (e) => { for (let a = e.parentElement; a; a = a.parentElement) {
    if (['hidden', 'clip'].includes(getComputedStyle(a).overflowX)) return true; } return false; };
  return [...document.querySelectorAll('body *:not(.skip)')]
    .filter((e) => e.getBoundingClientRect().right > width + 1 || e.getBoundingClientRect().left < -1)
    .filter((e) => !clipped(e))
    .slice(0, 5).map((e) => e.outerHTML.slice(0, 120));
}"""
"""Elements past the screen's edge, unless an ancestor clips them (a name cut with an ellipsis); a
table in a scrolling box is not clipped: it counts. The skip link waits off screen until a keyboard
user focuses it, by design."""


def assert_fits(page: Page, width: int, where: str) -> None:
    """The page is ``width`` wide, nothing scrolls sideways and no element sticks out."""
    widths = page.evaluate("() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})")
    assert widths["inner"] == width, widths
    assert widths["scroll"] <= widths["inner"], f"{where} scrolls sideways: {widths}"
    assert page.evaluate(OUT_OF_WIDTH, width) == [], f"elements wider than the screen on {where}"


def read_in(page: Page, language: str) -> None:
    """Choose the page language for the whole site, as the language menu does (its cookie). The
    cookie's path is the site's root: given the current page's address, it would hold only below it."""
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(page.url))
    page.context.add_cookies([{"name": "django_language", "value": language, "url": origin}])


def load_example(page: Page) -> None:
    """The wizard's "Try the example profile": an internist from India with a Tennessee offer."""
    page.goto("/profile/")
    page.get_by_role("button", name="Try the example profile").click()
    page.wait_for_url("**/results/")


def sign_up(page: Page, username: str) -> None:
    """From any page with the header: create an account through the sign-up form and open the link
    of the confirmation email, as the person would (lands on the account, logged in)."""
    page.get_by_role("link", name="Log in").click()
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url("**/account/signup/sent/")
    from django.core import mail  # the live server runs in this process: its outbox is ours

    (email,) = [m for m in mail.outbox if m.to == [f"{username}@example.org"]]
    link = re.search(r"https?://[^/\s]+(/account/verify/\S+/)", str(email.body))
    assert link, email.body
    page.goto(link.group(1))
    page.wait_for_url("**/account/")
