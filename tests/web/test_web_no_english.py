"""Spanish and Arabic pages hold no English sentence, except where marked English (``lang="en"``: a
proper name, a cited document's title, a listing as its host wrote it).

Each page is rendered for the example profile; its visible text (not scripts, styles, code, or
anything inside an element marked ``lang="en"``) is cut at every tag, and a piece is English when it
holds two or more words that only English uses ("the", "your", "with"...), making a quarter of its
words or more: no Spanish or Arabic sentence does, though one may name an English body ("Department
of Labor and Employment") or quote a phrase. The failure lists each piece and the page it is on,
so a translator can find it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client, override_settings

from imgpath.web.opportunities.catalogue import load_listings
from web_session import with_profile

pytestmark = pytest.mark.django_db

ENGLISH_ONLY = frozenset(
    ["the", "and", "of", "to", "your", "you", "is", "are", "for", "with", "this", "that", "be", "has", "have",
     "by", "or", "an", "it", "from", "will", "can", "must", "yet", "which", "when", "than", "been", "their",
     "there", "not", "what", "who", "how"]
)  # fmt: skip
"""Words no Spanish or Arabic sentence holds ("a", "no", "me" are Spanish too, so not here)."""
VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
)
SKIPPED = frozenset({"script", "style", "code", "pre", "svg", "template"})
PAGES = [
    "/",
    "/profile/",
    "/profile/school/",
    "/profile/training/",
    "/profile/offer/",
    "/profile/review/",
    "/profile/documents/",
    "/results/",
    "/results/us-tn.provisional_foreign_training_license/",
    "/states/",
    "/states/TN/",
    "/states/TX/",
    "/changes/",
    "/plans/",
    "/plans/us-tn.provisional_foreign_training_license/",
    "/opportunities/",
    "/organisations/",
    "/stories/",
    "/telemedicine/",
    "/shortage-areas/",
    "/account/login/",
    "/account/signup/",
]


class Pieces(HTMLParser):
    """The page's visible text, one piece per run of text between tags, outside ``lang="en"``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.pieces: list[str] = []

    def _hidden(self) -> bool:
        return any(hidden for _tag, hidden in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        marked = dict(attrs).get("lang", "") or ""
        self.stack.append((tag, tag in SKIPPED or marked.startswith("en")))

    def handle_endtag(self, tag: str) -> None:
        for place in range(len(self.stack) - 1, -1, -1):
            if self.stack[place][0] == tag:
                del self.stack[place:]
                return

    def handle_data(self, data: str) -> None:
        if not self._hidden() and data.strip():
            self.pieces.append(" ".join(data.split()))


def english_pieces(html: str) -> list[str]:
    parser = Pieces()
    parser.feed(html)
    found = []
    for piece in parser.pieces:
        words = re.findall(r"[^\W\d_]+", piece)  # words in any script: an Arabic sentence quoting English
        english = sum(word.lower() in ENGLISH_ONLY for word in words)
        if english >= 2 and english * 4 >= len(words):
            found.append(piece)
    return found


@pytest.fixture
def reader(client: Client, example_data: dict[str, Any]) -> Client:
    load_listings()
    return with_profile(client, example_data)


def test_the_detector_finds_an_english_sentence_and_passes_a_marked_or_spanish_one() -> None:
    assert english_pieces("<p>You have not passed the exam.</p>") == ["You have not passed the exam."]
    assert english_pieces('<p><bdi lang="en">The Match and the Law</bdi> es un nombre</p>') == []
    assert english_pieces("<p>No ha aprobado el examen de la junta.</p>") == []
    assert english_pieces("<p>Programa de asistencia (Colorado Department of Labor and Employment)</p>") == []
    assert english_pieces("<p>يحدد المجلس «أي متطلبات أخرى» (any other requirements) بقاعدة</p>") == []


@pytest.mark.parametrize("language", ["es", "ar"])
def test_no_english_sentence_on_the_pages_in_spanish_and_arabic(reader: Client, language: str) -> None:
    reader.cookies["django_language"] = language
    from imgpath.web.opportunities.models import Listing, OrganisationRecord, StoryRecord

    found: list[str] = []
    listing = Listing.objects.order_by("slug").first()
    organisation = OrganisationRecord.objects.order_by("slug").first()
    story = StoryRecord.objects.order_by("slug").first()
    assert listing is not None
    assert organisation is not None
    assert story is not None
    pages = [*PAGES, f"/opportunities/{listing.slug}/", f"/organisations/{organisation.slug}/"]
    pages += [f"/stories/{story.slug}/", "/hosts/code-of-conduct/", "/opportunities/?q=research"]
    for path in pages:
        answer = reader.get(path, HTTP_ACCEPT_LANGUAGE=language)
        assert answer.status_code == 200, path
        found += [f"{path}: {piece}" for piece in english_pieces(answer.content.decode())]
    assert found == [], f"{len(found)} English pieces:\n" + "\n".join(found[:80])


@override_settings(PAGE_RATE="10000/min")  # a reader does not open 150 pages a minute; this test does
@pytest.mark.parametrize("language", ["es", "ar"])
def test_no_english_sentence_on_any_state_page_or_route_explanation(reader: Client, language: str) -> None:
    """Every state's routes, criteria, stages, fees, gaps and history, and every route's criteria
    judged for the example profile."""
    from imgpath.rulebook import default_rulebook

    reader.cookies["django_language"] = language
    rulebook = default_rulebook()
    paths = [f"/states/{code.removeprefix('US-')}/" for code in rulebook.jurisdictions if code != "US"]
    paths += [f"/results/{pathway}/" for pathway in rulebook.routes]
    found: list[str] = []
    for path in paths:
        answer = reader.get(path, HTTP_ACCEPT_LANGUAGE=language)
        assert answer.status_code == 200, path
        found += [f"{path}: {piece}" for piece in english_pieces(answer.content.decode())]
    assert found == [], f"{len(found)} English pieces:\n" + "\n".join(found[:80])


@override_settings(PAGE_RATE="10000/min")
@pytest.mark.parametrize("language", ["es", "ar"])
def test_no_english_sentence_on_any_routes_plan(reader: Client, language: str) -> None:
    """Every route's plan for the example profile: its steps, dates, fees, risks and odds."""
    from imgpath.rulebook import default_rulebook

    reader.cookies["django_language"] = language
    found: list[str] = []
    planned = 0
    for pathway in default_rulebook().routes:
        answer = reader.get(f"/plans/{pathway}/", HTTP_ACCEPT_LANGUAGE=language)
        if answer.status_code == 404:  # a certification or a visa is a step of plans, not a plan
            continue
        assert answer.status_code == 200, pathway
        planned += 1
        found += [f"/plans/{pathway}/: {piece}" for piece in english_pieces(answer.content.decode())]
    assert planned > 80
    assert found == [], f"{len(found)} English pieces:\n" + "\n".join(found[:80])


@pytest.mark.parametrize("language", ["es", "ar"])
def test_no_english_sentence_on_a_signed_in_readers_pages(
    reader: Client, alice: Any, example_data: dict[str, Any], language: str
) -> None:
    """The account, a saved profile, its plans, saved searches."""
    from imgpath.web.accounts.models import SavedProfile

    saved = SavedProfile.objects.create(owner=alice, name="Alice", data=example_data)
    reader.force_login(alice)
    reader.cookies["django_language"] = language
    paths = ["/account/", f"/account/profiles/{saved.pk}/", f"/account/profiles/{saved.pk}/plans/"]
    paths += ["/account/searches/"]
    found: list[str] = []
    for path in paths:
        answer = reader.get(path, HTTP_ACCEPT_LANGUAGE=language)
        assert answer.status_code == 200, path
        found += [f"{path}: {piece}" for piece in english_pieces(answer.content.decode())]
    assert found == [], f"{len(found)} English pieces:\n" + "\n".join(found[:80])
