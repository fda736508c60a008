"""The telemedicine page: what an unlicensed IMG may and may not do, with its dated sources and the
legal notice, in English, Spanish and Arabic (right to left)."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from imgpath.web.pages.telemedicine import SOURCES

URL = "/telemedicine/"
# language -> (the html element, the page's heading, the page's own legal notice, a legal role)
EXPECTED = {
    "en": (
        '<html lang="en" dir="ltr">',
        "Telemedicine without a US license: what you may and may not do",
        "Legal information, not legal advice.",
        "Medical scribe or virtual scribe",
    ),
    "es": (
        '<html lang="es" dir="ltr">',
        "Telemedicina sin licencia de EE. UU.: lo que puede y lo que no puede hacer",
        "Información jurídica, no asesoramiento jurídico.",
        "Escriba médico o escriba virtual",
    ),
    "ar": (
        '<html lang="ar" dir="rtl">',
        "الطب عن بُعد دون ترخيص أمريكي: ما يجوز لك وما لا يجوز",
        "معلومات قانونية، وليست استشارة قانونية.",
        "كاتب طبي أو كاتب طبي عن بُعد",
    ),
}


def _page(client: Client, language: str) -> str:
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_page_has_its_own_address() -> None:
    assert reverse("telemedicine") == URL


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_it_renders_in_each_language_with_its_notice_and_roles(anonymous: Client, language: str) -> None:
    root, heading, notice, role = EXPECTED[language]
    page = _page(anonymous, language)
    assert root in page
    assert f"<h1>{heading}</h1>" in page
    disclaimer = page.split('id="telemedicine-disclaimer">')[1].split("</p>")[0]
    assert notice in disclaimer  # on the page itself, not only in the footer
    assert role in page


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_it_lists_every_source_with_its_date_and_the_day_read(anonymous: Client, language: str) -> None:
    page = _page(anonymous, language)
    listed = page.split('id="telemedicine-sources"')[1]
    for source in SOURCES:
        assert f'href="{source.href}"' in listed
        assert source.read.isoformat() in listed
        if source.dated:
            assert source.dated in listed
    assert listed.count("<li>") == len(SOURCES)


def test_it_says_plainly_what_is_not_allowed(anonymous: Client) -> None:
    page = _page(anonymous, "en")
    assert "You may not diagnose, treat or prescribe for a patient in the United States" in page
    assert "A license from another country does not allow you to treat patients" in page
    assert "A doctor without US training cannot use it" in page  # the interstate compact


def test_the_main_navigation_links_to_it(anonymous: Client) -> None:
    assert f'href="{URL}"' in _page(anonymous, "en").split("</nav>")[0]


def test_it_fits_a_narrow_screen_without_fixed_widths(anonymous: Client) -> None:
    """Readable at 360 px: text and lists only (no table, no fixed widths), the site's viewport tag."""
    page = _page(anonymous, "ar")
    content = page.split('<main id="main"')[1].split("</main>")[0]
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert "<table" not in content
    assert not re.search(r"style=|width=", content)


def test_the_sources_are_dated_no_later_than_they_were_read() -> None:
    for source in SOURCES:
        if source.dated and re.fullmatch(r"\d{4}-\d{2}-\d{2}", source.dated):
            assert source.dated <= source.read.isoformat()
