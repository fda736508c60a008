"""Spanish and Arabic pages hold no English sentence, except where marked English (``lang="en"``: a proper
name, a cited document's title, a listing as its host wrote it) or marked as someone's own words in a
language not known (``lang=""``: a reader's report), and what a person typed into a form.

Each page is rendered for the example profile; its visible text (not scripts, styles, code, a
textarea's text, or anything inside an element marked ``lang="en"`` or ``lang=""``) is cut at every
tag, and a piece is English when it holds two or more words that only English uses ("the", "your",
"with"...), making a quarter of its words or more: no Spanish or Arabic sentence does, though one may
name an English body ("Department of Labor and Employment") or quote a phrase. The failure lists each
piece and the page it is on, so a translator can find it.
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
SKIPPED = frozenset({"script", "style", "code", "pre", "svg", "template", "textarea"})
"""Not read: code, and a textarea's text, which is what the person typed (as an input's value is)."""
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
        given = dict(attrs)
        marked = given.get("lang") or ""
        unknown = "lang" in given and not marked  # lang="": someone's own words, language not known
        whole = tag == "html"  # a page that says it is English is read, not skipped
        self.stack.append((tag, tag in SKIPPED or (not whole and (unknown or marked.startswith("en")))))

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
    assert (
        english_pieces('<p>Informe: <span lang="" dir="auto">The fee is wrong on the page.</span></p>') == []
    )
    assert (
        english_pieces('<html lang="en"><p>Nothing you entered is lost from your session.</p></html>') != []
    )
    assert english_pieces("<textarea>Email the CV and a letter.</textarea><p>Cómo solicitar</p>") == []
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


@pytest.mark.parametrize("language", ["es", "ar"])
def test_no_english_sentence_on_the_advising_pages(
    reader: Client, alice: Any, bob: Any, example_data: dict[str, Any], language: str
) -> None:
    """A client's sharing page (consent, links) and account part, an adviser's table of clients, a
    client's page, an organisation admin's page, a shared plan and an expired one."""
    from datetime import date, timedelta

    from imgpath.web.accounts.models import SavedProfile
    from imgpath.web.advising import links
    from imgpath.web.advising.models import Consent, Membership, Organisation, Read

    saved = SavedProfile.objects.create(owner=alice, name="Alice", data=example_data)
    welcome = Organisation.objects.create(name="Welcome Back", slug="welcome-back")
    Membership.objects.create(organisation=welcome, user=bob, role=Membership.Role.admin)
    Consent.objects.create(profile=saved, organisation=welcome)
    Read.objects.create(profile=saved, reader=bob, what=Read.What.profile)
    _link, token = links.make(saved, "us-ny.limited_permit", date.today() + timedelta(days=30), True)
    _old, expired = links.make(saved, "us-ny.limited_permit", date.today() - timedelta(days=1), False)
    found: list[str] = []
    reader.cookies["django_language"] = language
    reader.force_login(alice)
    for path in ["/account/", "/account/sharing/", f"/shared/{token}/"]:
        answer = reader.get(path, HTTP_ACCEPT_LANGUAGE=language)
        assert answer.status_code == 200, path
        found += _english_in(answer, path)
    answer = reader.get(f"/shared/{expired}/", HTTP_ACCEPT_LANGUAGE=language)
    assert answer.status_code == 410
    found += _english_in(answer, "/shared/<expired>/")
    answer = reader.get("/advising/", HTTP_ACCEPT_LANGUAGE=language)
    assert answer.status_code == 404  # alice advises for no organisation
    found += _english_in(answer, "/advising/ (not an adviser)")
    reader.force_login(bob)
    for path in ["/advising/", f"/advising/clients/{saved.pk}/", "/advising/organisations/welcome-back/"]:
        answer = reader.get(path, HTTP_ACCEPT_LANGUAGE=language)
        assert answer.status_code == 200, path
        found += _english_in(answer, path)
    found += _visit(
        reader,
        language,
        [("post", "/advising/organisations/welcome-back/", {"who": "nobody", "role": "adviser"}, 400)],
    )
    assert found == [], f"{len(found)} English pieces:\n" + "\n".join(found[:80])


def _english_in(answer: Any, path: str) -> list[str]:
    return [f"{path}: {piece}" for piece in english_pieces(answer.content.decode())]


def _visit(
    client: Client, language: str, visits: list[tuple[str, str, dict[str, Any] | None, int]]
) -> list[str]:
    """Each (method, path, data, status) visit's English pieces; a redirect is followed, as a browser
    does, so the page after a post (with its message) is read too."""
    found: list[str] = []
    for method, path, data, status in visits:
        if method == "get":
            answer = client.get(path, data, HTTP_ACCEPT_LANGUAGE=language, follow=True)
        else:
            answer = client.post(path, data or {}, HTTP_ACCEPT_LANGUAGE=language, follow=True)
        assert answer.status_code == status, (method, path, answer.status_code)
        found += _english_in(answer, f"{method.upper()} {path}")
    return found


BAD_LISTINGS = [
    {"title": "", "summary": "", "host_name": "", "reference_url": "", "reference_title": "",
     "last_verified": ""},
    {"start": "julio 2023", "end": "2027-13-01", "state": "Tennessee", "host_url": "not an address",
     "application_fee_usd": "-5", "tuition_usd": "diez", "last_verified": "2099-01-01", "kind": "party"},
    {"start": "2027-03-14", "end": "2027-03-01"},
    {"start": "", "end": "2027-03-01", "state": "ZZ", "visas": "J1, not a visa"},
]  # fmt: skip
"""Host forms sent with mistakes: empty required fields, unreadable values, an end before its start."""


@override_settings(PAGE_RATE="10000/min")
@pytest.mark.parametrize("language", ["es", "ar"])
def test_no_english_sentence_on_a_hosts_pages(reader: Client, alice: Any, language: str) -> None:
    """A host's listings in every state (published, waiting, stale and reported, withdrawn), the new and
    edit forms, each form sent with mistakes, the pages after posting, checking and withdrawing, and the
    page an account that is not a host gets."""
    from hosting_data import FORM, document, host
    from imgpath.finder import Opportunity
    from imgpath.web.hosting import services
    from imgpath.web.hosting.models import ListingReport
    from imgpath.web.opportunities.models import Listing, Review

    hana = host("hana")
    published = services.submit(Opportunity.model_validate(document()), hana)
    published.review = Review.published
    published.save()
    stale = services.submit(
        Opportunity.model_validate(
            document(
                id="hana-stale", title="Observership with the cardiology team", last_verified="2025-01-01"
            )
        ),
        hana,
    )
    ListingReport.objects.create(listing=stale, reason="wrong_fees", text="The fee is 200 USD.")
    withdrawn = services.submit(
        Opportunity.model_validate(document(id="hana-old", title="Old observership")), hana
    )
    services.withdraw(withdrawn, hana)
    assert Listing.objects.filter(owner=hana).count() == 3

    reader.force_login(hana)
    reader.cookies["django_language"] = language
    visits: list[tuple[str, str, dict[str, Any] | None, int]] = [
        ("get", "/hosts/", None, 200),
        ("get", "/hosts/listings/new/", None, 200),
        ("get", f"/hosts/listings/{published.slug}/edit/", None, 200),
        ("get", f"/hosts/listings/{stale.slug}/edit/", None, 200),
    ]
    for mistakes in BAD_LISTINGS:
        visits.append(("post", "/hosts/listings/new/", FORM | mistakes, 400))
        visits.append(("post", f"/hosts/listings/{published.slug}/edit/", FORM | mistakes, 400))
    visits += [
        ("post", f"/hosts/listings/{stale.slug}/verify/", None, 200),
        ("post", "/hosts/listings/new/", FORM, 200),
        ("post", f"/hosts/listings/{published.slug}/edit/", FORM, 200),
        ("post", f"/hosts/listings/{stale.slug}/withdraw/", None, 200),
        ("get", f"/opportunities/{stale.slug}/", None, 404),  # withdrawn: what a reader sees
        ("get", "/opportunities/cardiology-observership/", None, 404),  # waiting for a curator
    ]
    found = _visit(reader, language, visits)
    reader.force_login(alice)
    found += _visit(
        reader, language, [("get", "/hosts/", None, 403), ("post", "/hosts/listings/new/", FORM, 403)]
    )
    assert found == [], f"{len(found)} English pieces:\n" + "\n".join(found[:80])


@pytest.mark.parametrize("language", ["es", "ar"])
def test_no_english_sentence_on_the_report_form_and_saved_searches(
    reader: Client, alice: Any, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader's report (sent empty, sent, refused for too many), a saved search saved, unnamed,
    given a new feed and deleted."""
    from imgpath.web.hosting.models import SavedSearch
    from imgpath.web.lib.rates import Rate
    from imgpath.web.opportunities import hosting_views
    from imgpath.web.opportunities.models import Listing

    listing = Listing.objects.order_by("slug").first()
    assert listing is not None
    report = f"/opportunities/{listing.slug}/report/"
    sent = {"reason": "wrong_fees", "text": "The fee is 200 USD on the host's page."}
    monkeypatch.setattr(hosting_views, "REPORTS", Rate(1, 3600))
    reader.cookies["django_language"] = language
    found = _visit(
        reader,
        language,
        [
            ("get", report, None, 200),
            ("post", report, {"reason": "", "text": "", "email": "not an address"}, 400),
            ("post", report, sent, 200),
            ("post", report, sent, 429),
        ],
    )
    monkeypatch.setattr(hosting_views, "REPORT_POSTS", Rate(0, 3600))
    found += _visit(reader, language, [("post", report, sent, 429)])

    reader.force_login(alice)
    found += _visit(
        reader,
        language,
        [
            ("post", "/account/searches/save/", {"name": "", "query": "q=research"}, 200),
            ("post", "/account/searches/save/", {"name": "Research", "query": "q=research&state=TN"}, 200),
        ],
    )
    search = SavedSearch.objects.get(owner=alice)
    found += _visit(
        reader,
        language,
        [
            ("post", f"/account/searches/{search.pk}/feed/", None, 200),
            ("post", f"/account/searches/{search.pk}/delete/", None, 200),
        ],
    )
    assert found == [], f"{len(found)} English pieces:\n" + "\n".join(found[:80])


@pytest.mark.parametrize("language", ["es", "ar"])
def test_no_english_sentence_on_the_account_pages_a_reader_reaches_by_email_or_by_mistake(
    reader: Client, alice: Any, language: str
) -> None:
    """Sign-up and log-in with mistakes, the confirmation link (good and spoiled), a password reset
    from the request to the new password, and deleting the account."""
    from django.core import mail

    reader.cookies["django_language"] = language
    found = _visit(
        reader,
        language,
        [
            ("post", "/account/signup/", {"username": "", "email": "nope", "password1": "a",
                                          "password2": "b"}, 400),
            ("post", "/account/signup/", {"username": "alice", "email": "alice@example.org",
                                          "password1": "short", "password2": "short"}, 400),
            ("post", "/account/signup/", {"username": "nadia", "email": "nadia@example.org",
                                          "password1": "a long pass phrase 7",
                                          "password2": "a long pass phrase 7"}, 200),
            ("post", "/account/signup/sent/", {"email": "nadia@example.org"}, 200),
            ("get", "/account/verify/MQ/spoiled-token/", None, 400),
            ("post", "/account/login/", {"username": "alice", "password": "wrong"}, 400),
            ("get", "/account/password/reset/", None, 200),
            ("post", "/account/password/reset/", {"email": "not an address"}, 200),
            ("post", "/account/password/reset/", {"email": alice.email}, 200),
            ("get", "/account/password/reset/MQ/spoiled-token/", None, 200),
        ],
    )  # fmt: skip
    links = [link for sent in mail.outbox for link in re.findall(r"/account/[\w/-]+/", str(sent.body))]
    verify = next(link for link in links if link.startswith("/account/verify/"))
    reset = next(link for link in links if link.startswith("/account/password/reset/"))
    found += _visit(reader, language, [("get", verify, None, 200), ("get", reset, None, 200)])
    new_password = reader.get(reset, follow=True).redirect_chain[-1][0]  # Django hides the token
    found += _visit(
        reader, language, [("post", new_password, {"new_password1": "a", "new_password2": "b"}, 200)]
    )
    reader.force_login(alice)
    found += _visit(
        reader, language, [("get", "/account/delete/", None, 200), ("post", "/account/delete/", {}, 200)]
    )
    assert found == [], f"{len(found)} English pieces:\n" + "\n".join(found[:80])


@pytest.mark.parametrize("language", ["es", "ar"])
def test_no_english_sentence_on_the_error_pages(reader: Client, alice: Any, language: str) -> None:
    """A missing page or object (404), a form sent without its check (403), too many requests (429),
    and our own failure (500), as a reader sees them."""
    from django.test import RequestFactory
    from django.utils import translation
    from django.views.defaults import server_error

    reader.cookies["django_language"] = language
    found = _visit(
        reader,
        language,
        [
            ("get", "/no-such-page/", None, 404),
            ("get", "/states/ZZ/", None, 404),
            ("get", "/results/us-zz.nothing/", None, 404),
            ("get", "/opportunities/no-such-listing/", None, 404),
            ("get", "/plans/us-zz.nothing/", None, 404),
        ],
    )
    guarded = Client(enforce_csrf_checks=True)
    guarded.cookies["django_language"] = language
    found += _visit(guarded, language, [("post", "/account/login/", {"username": "alice"}, 403)])
    with override_settings(PAGE_RATE="1/min"):  # the pages above counted already
        found += _visit(reader, language, [("get", "/results/", None, 429)])
    with translation.override(language):
        answer = server_error(RequestFactory().get("/results/"))
    assert answer.status_code == 500
    found += _english_in(answer, "500")
    assert found == [], f"{len(found)} English pieces:\n" + "\n".join(found[:80])


WIZARD_MISTAKES = [
    ("school", {"citizenship": "Narnia, in", "medical_school__country": "Egipt",
                "medical_school__graduated": "julio 20233", "ecfmg": "yes", "ecfmg_certified": "13/2023"}),
    ("school", {"medical_school__country": "IN", "medical_school__graduated": "2012", "ecfmg": "maybe"}),
    ("exams", {"exams__usmle_step1__status": "passed", "exams__usmle_step1__passed": "Marhc 2019",
               "exams__usmle_step1__attempts": "-1", "exams__usmle_step2_ck__status": "passed",
               "exams__usmle_step2_ck__score": "999", "exams__usmle_step3__status": "not_passed",
               "exams__usmle_step3__passed": "2020-01"}),
    ("training", {"us_gme_years": "-2", "training-TOTAL_FORMS": "2", "training-INITIAL_FORMS": "0",
                  "training-0-country": "Atlantis", "training-0-start": "2019-07",
                  "training-0-end": "2015-06",
                  "training-1-country": "IN", "training-1-start": "2015", "training-1-years": "40"}),
    ("training", {"training-TOTAL_FORMS": "2", "training-INITIAL_FORMS": "0",
                  "training-0-country": "IN", "training-0-start": "2019-07", "training-0-end": "2015-06",
                  "training-1-country": "IN", "training-1-kind": "residency"}),
    ("practice", {"practice-TOTAL_FORMS": "1", "practice-INITIAL_FORMS": "0", "practice-0-country": "IN",
                  "practice-0-start": "2030-01", "practice-0-end": "2020-01",
                  "licenses-TOTAL_FORMS": "0", "licenses-INITIAL_FORMS": "0"}),
    ("practice", {"practice-TOTAL_FORMS": "1", "practice-INITIAL_FORMS": "0", "practice-0-country": "IN",
                  "practice-0-start": "2030-01", "practice-0-end": "2020-01",
                  "licenses-TOTAL_FORMS": "1", "licenses-INITIAL_FORMS": "0",
                  "licenses-0-jurisdiction": "US-ZZ",
                  "licenses-0-status": "lapsed", "licenses-0-lapsed": "julio"}),
    ("offer", {"has_offer": "yes", "job_offer__state": "Ohio state", "preferences__states": "TN, Mars",
               "preferences__budget_usd": "-100", "residence__since": "2030-01", "as_of": "2027"}),
]  # fmt: skip
"""Wizard pages sent with mistakes: unknown countries and states, dates out of the calendar or in the
wrong order (the engine's own refusals), numbers out of range."""


@pytest.mark.parametrize("language", ["es", "ar"])
def test_no_english_sentence_on_the_wizard_sent_with_mistakes(reader: Client, language: str) -> None:
    """Every wizard step sent with wrong answers (the errors beside each field and in the summary), and
    a profile file that cannot be read."""
    reader.cookies["django_language"] = language
    visits: list[tuple[str, str, dict[str, Any] | None, int]] = [
        ("post", f"/profile/{step}/", data, 400) for step, data in WIZARD_MISTAKES
    ]
    visits += [
        ("post", "/profile/", {"text": "citizenship: [IN\nmedical_school: 3"}, 400),
        (
            "post",
            "/profile/",
            {"text": "citizenship: [IN]\nexams: {usmle_step1: {passed: 2019-13-01}}\nfoo: 1"},
            400,
        ),
        ("post", "/profile/", {"text": ""}, 400),
    ]
    found = _visit(reader, language, visits)
    assert found == [], f"{len(found)} English pieces:\n" + "\n".join(found[:80])


@pytest.mark.parametrize("language", ["es", "ar"])
def test_no_english_sentence_on_the_mentoring_pages(reader: Client, language: str) -> None:
    """The pledge, the code of conduct, the hub, the mentor's and the mentee's forms, a proposal from
    both sides, the report form, and a coordinator's rounds, round result and reports."""
    from datetime import date

    from django.contrib.auth.models import User

    from imgpath.web.mentoring.models import CONDUCT_VERSION, PLEDGE_VERSION, MentorProfile, MentorshipRequest

    route = "us-tn.provisional_foreign_training_license"
    ana = User.objects.create_user("ana", "ana@example.org", "x")
    lucia = User.objects.create_user("lucia", "lucia@example.org", "x")
    boss = User.objects.create_user("boss", "boss@example.org", "x", is_staff=True)
    MentorProfile.objects.create(
        user=ana, name="Ana", route=route, specialty="internal_medicine", languages=["es"], countries=["MX"],
        states=["TN"], available_from=date(2026, 12, 1), pledge_version=PLEDGE_VERSION,
        conduct_version=CONDUCT_VERSION,
    )  # fmt: skip
    MentorshipRequest.objects.create(
        mentee=lucia, name="Lucia", route=route, languages=["es"], country="MX", states=["TN"],
        needs_from=date(2027, 1, 15),
    )  # fmt: skip
    User.objects.create_user("pierre", "p@example.org", "x")
    reader.cookies["django_language"] = language
    found: list[str] = []
    reader.force_login(boss)
    found += _visit(reader, language, [("post", "/mentoring/coordinate/run/", {}, 200)])
    from imgpath.web.mentoring.models import Proposal

    proposal = Proposal.objects.get()
    for path in [
        "/mentoring/coordinate/",
        "/mentoring/coordinate/reports/",
        "/mentoring/pledge/",
        "/mentoring/conduct/",
    ]:
        answer = reader.get(path, HTTP_ACCEPT_LANGUAGE=language)
        assert answer.status_code == 200, path
        found += _english_in(answer, path)
    for user in (ana, lucia):
        reader.force_login(user)
        for path in ["/mentoring/", "/mentoring/mentor/", f"/mentoring/proposals/{proposal.pk}/",
                     f"/mentoring/proposals/{proposal.pk}/report/", "/account/"]:  # fmt: skip
            answer = reader.get(path, HTTP_ACCEPT_LANGUAGE=language)
            assert answer.status_code == 200, path
            found += _english_in(answer, f"{user.username} {path}")
    reader.force_login(boss)
    found += _visit(reader, language, [("get", "/mentoring/request/", None, 200),
                                       ("post", "/mentoring/mentor/", {"name": "x"}, 400)])  # fmt: skip
    assert found == [], f"{len(found)} English pieces:\n" + "\n".join(found[:80])
