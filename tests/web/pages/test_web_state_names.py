"""US state names come from one source, CLDR's subdivision names shipped in
``web/pages/data/us_states_cldr.yaml`` (issue 12 point 1): the wizard lists them, a typed name in any
of our languages (or an older spelling) leads to the code, and every page names a state as the
wizard does."""

from __future__ import annotations

import html
import re
from datetime import date

import polib
import pytest
from django.test import Client
from django.utils import translation

from imgpath.rulebook import default_rulebook
from imgpath.rulebook.texts import catalogue_path
from imgpath.web.lib.session import PROFILE_KEY
from imgpath.web.pages import places


def _get(client: Client, url: str, language: str) -> str:
    return html.unescape(client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode())


def _rulebook_states() -> dict[str, str]:
    return {
        c.removeprefix("US-"): j.name
        for c, j in default_rulebook().jurisdictions.items()
        if c.startswith("US-")
    }


def test_the_wizard_lists_states_by_their_cldr_arabic_names(anonymous: Client) -> None:
    page = _get(anonymous, "/profile/offer/", "ar")
    states = page.split('<datalist id="states">', 1)[1].split("</datalist>", 1)[0]
    for arabic in ("تينيسي", "نيويورك", "واشنطن العاصمة", "فيرجينيا الغربية"):
        assert f'<option value="{arabic}">' in states
    assert "Tennessee" not in states
    assert "New York" not in states


@pytest.mark.parametrize(
    ("language", "typed", "code"),
    [
        ("ar", "تينيسي", "TN"),
        ("ar", "نيويورك", "NY"),
        ("ar", "New York", "NY"),  # English is always understood
        ("es", "Misuri", "MO"),  # CLDR's Spanish
        ("es", "Missouri", "MO"),  # pycountry's older Spanish spelling, still accepted
        ("es", "Distrito de Columbia", "DC"),
        ("es", "Washington D. C.", "DC"),
        ("en", "Washington DC", "DC"),  # CLDR's English beside the rulebook's "District of Columbia"
    ],
)
def test_a_typed_arabic_or_spanish_name_leads_to_the_code(
    anonymous: Client, language: str, typed: str, code: str
) -> None:
    data = {"lives_in_us": "yes", "residence__state": typed}
    response = anonymous.post("/profile/offer/", data, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 302
    assert anonymous.session[PROFILE_KEY]["residence"] == {"state": code}


@pytest.mark.parametrize("language", ["es", "ar"])
def test_the_pages_and_the_wizard_name_every_state_alike(anonymous: Client, language: str) -> None:
    wizard = places.states()
    index = _get(anonymous, "/states/", language)
    on_index = dict(re.findall(r'<a href="/states/(\w\w)/"><bdi(?: lang="en")?>([^<]*)</bdi></a>', index))
    with translation.override(language):
        for code, english in _rulebook_states().items():
            shown = wizard.name(code, language)
            assert shown == translation.gettext(english), code  # what every rule_text / _() page shows
            assert on_index[code] == shown, code
    assert len(on_index) == len(_rulebook_states())
    state = _get(anonymous, "/states/DC/", language)
    assert f"<h1><bdi>{wizard.name('DC', language)}</bdi></h1>" in state  # Washington D. C.


@pytest.mark.parametrize("language", ["es", "ar"])
def test_the_rulebook_catalogue_holds_cldr_names_for_every_state(language: str) -> None:
    held = {e.msgid: e.msgstr for e in polib.pofile(str(catalogue_path(language))) if not e.obsolete}
    cldr = places.state_names().states
    assert {code: held[name] for code, name in _rulebook_states().items()} == {
        code: getattr(cldr[code], language).name for code in _rulebook_states()
    }, "run scripts/import_cldr_states.py (see its --help)"


def test_every_state_name_has_its_source_and_the_date_it_was_read() -> None:
    data = places.state_names()
    assert set(data.states) == set(_rulebook_states())
    for code, entry in data.states.items():
        assert entry.rulebook == _rulebook_states()[code]
        for name in (entry.en, entry.es, entry.ar):
            source = data.sources[name.source]
            assert source.title
            assert source.href.startswith("https://")
            assert name.as_of == source.as_of == date(2026, 12, 4)
            assert name.fallback or name.draft  # CLDR's own status, or the fallback said
    assert data.cldr_version == "47"
    assert data.states["TN"].ar.name == "تينيسي"
    assert data.states["TN"].ar.draft == "provisional"
