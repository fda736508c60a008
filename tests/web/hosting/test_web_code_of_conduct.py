"""The hosts' code of conduct is public, in English, Spanish and Arabic (right to left), and the host
pages and the report form link to it; every string of the hosting pages and emails is translated."""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from django.template import engines
from django.templatetags.i18n import BlockTranslateNode, TranslateNode
from django.test import Client

from imgpath.web import catalogues
from imgpath.web.catalogues import read_catalogue
from imgpath.web.opportunities.models import Listing

WEB = Path(catalogues.__file__).parent
TEMPLATES = WEB / "opportunities" / "templates" / "opportunities" / "hosting"
HEADINGS = {
    "en": ("Code of conduct for hosts", "How reports are handled", 'dir="ltr"'),
    "es": ("Código de conducta para anfitriones", "Cómo se tratan los avisos", 'dir="ltr"'),
    "ar": ("مدونة سلوك الجهات المضيفة", "كيف تُعالَج البلاغات", 'dir="rtl"'),
}


@pytest.mark.parametrize("language", HEADINGS)
def test_the_code_of_conduct_renders_in_each_language(anonymous: Client, language: str) -> None:
    response = anonymous.get("/hosts/code-of-conduct/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    page = response.content.decode()
    for words in HEADINGS[language]:
        assert words in page


def test_it_says_what_hosts_must_do(anonymous: Client) -> None:
    page = anonymous.get("/hosts/code-of-conduct/").content.decode()
    for words in ("fees and dates accurately", "unpaid observership", "misuse visas", "Respect privacy"):
        assert words in page


def test_host_pages_and_the_report_form_link_to_it(
    as_hana: Client, as_alice: Client, hana_listing: Listing
) -> None:
    link = 'href="/hosts/code-of-conduct/"'
    assert link in as_hana.get("/hosts/").content.decode()
    assert link in as_hana.get("/hosts/listings/new/").content.decode()
    assert link in as_alice.get("/hosts/").content.decode()  # the page telling a non-host how to become one
    assert link in Client().get(f"/opportunities/{hana_listing.slug}/report/").content.decode()


def _msgids(path: Path) -> set[str]:
    nodelist = engines["django"].from_string(path.read_text("utf-8")).template.nodelist  # type: ignore[attr-defined]
    found = {str(n.filter_expression.var.literal) for n in nodelist.get_nodes_by_type(TranslateNode)}
    return found | {
        n.render_token_list(n.singular)[0] for n in nodelist.get_nodes_by_type(BlockTranslateNode)
    }


@pytest.mark.parametrize("language", ["es", "ar"])
@pytest.mark.parametrize("name", sorted(p.name for p in TEMPLATES.iterdir()))
def test_every_string_of_the_hosting_pages_is_translated(language: str, name: str) -> None:
    entries: dict[str, polib.POEntry] = {
        e.msgid: e
        for e in read_catalogue(WEB / "locale" / language / "LC_MESSAGES" / "django.po")
        if not e.obsolete and not e.msgctxt
    }
    missing = sorted(m for m in _msgids(TEMPLATES / name) if m not in entries or not entries[m].translated())
    assert not missing, f"{name} ({language}): translate {missing}"
