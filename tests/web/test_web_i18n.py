"""Spanish and Arabic: the main flow translated, Arabic right to left, dates and money per locale.

The compiled catalogues (.mo) are generated, not committed: the session compiles them first when missing.
"""

from __future__ import annotations

import gettext
import io
import json
import re
from pathlib import Path
from typing import Any

import polib
import pytest
from django.template import engines
from django.templatetags.i18n import BlockTranslateNode, TranslateNode
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import trans_real

from clock import TODAY
from imgpath.rulebook.schema import FeeRange
from imgpath.web import catalogues
from imgpath.web.catalogues import compile_po, read_catalogue
from imgpath.web.templatetags.imgpath import money
from web_session import with_profile

WEB = Path(catalogues.__file__).parent
LANGUAGES = ("es", "ar")
MAIN_FLOW = [
    "web/base.html",
    "pages/home.html",
    "pages/profile_start.html",
    "pages/wizard.html",
    "pages/results.html",
    "pages/_route.html",
    "pages/_map.html",
    "pages/explain.html",
    "pages/states.html",
    "pages/state.html",
    "pages/changes.html",
    "plans/plan.html",
    "plans/compare.html",
    "plans/checklist.html",
    "accounts/login.html",
    "accounts/signup.html",
    "accounts/signup_sent.html",
    "accounts/verify_failed.html",
    "accounts/account.html",
    "accounts/profile.html",
    "accounts/delete.html",
    "accounts/password_reset.html",
    "accounts/password_reset_confirm.html",
    "accounts/password_reset_sent.html",
    "accounts/password_reset_done.html",
    "registration/password_reset_email.html",
    "registration/password_reset_subject.txt",
    "registration/verify_email.txt",
    "registration/verify_subject.txt",
    "registration/account_exists_email.txt",
    "registration/account_exists_subject.txt",
    "web/too_many.html",
    "404.html",
    "web/csrf_failure.html",
]
PLACEHOLDER = re.compile(r"%\((\w+)\)s|\{(\w+)\}")


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogues() -> None:
    """Compile missing or stale catalogues, and drop any translation Django loaded before they existed."""
    if catalogues.compile_all(only_stale=True):
        trans_real._translations = {}  # type: ignore[attr-defined]
        trans_real._default = None  # type: ignore[attr-defined]


def _catalogue(language: str) -> dict[tuple[str | None, str], polib.POEntry]:
    path = WEB / "locale" / language / "LC_MESSAGES" / "django.po"
    return {(m.msgctxt, m.msgid): m for m in read_catalogue(path) if m.msgid and not m.obsolete}


def _forms(entry: polib.POEntry) -> list[str]:
    """The translations of an entry: its one msgstr, or each plural form's."""
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def _template_file(name: str) -> Path | None:
    """The template's own file: in the project's templates or in one app's (``pages/...``)."""
    found = [d / name for d in (WEB / "templates", *WEB.glob("*/templates")) if (d / name).exists()]
    assert len(found) <= 1, f"{name} is in more than one templates folder: {found}"
    return found[0] if found else None


def _template_msgids(name: str) -> set[str]:
    """The msgids a template asks for, in the form makemessages writes them (``%(name)s`` placeholders)."""
    # parsed from our own file: a loader could return another app's template of the same name
    path = _template_file(name)
    assert path is not None, name
    source = path.read_text("utf-8")
    nodelist = engines["django"].from_string(source).template.nodelist  # type: ignore[attr-defined]
    found = {str(node.filter_expression.var.literal) for node in nodelist.get_nodes_by_type(TranslateNode)}
    for node in nodelist.get_nodes_by_type(BlockTranslateNode):
        found.add(node.render_token_list(node.singular)[0])
    return found


def _page(client: Client, url: str, language: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, url
    return response.content.decode()


# --- catalogues --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", MAIN_FLOW)
def test_every_string_of_the_main_flow_is_translated(language: str, name: str) -> None:
    if _template_file(name) is None:
        pytest.skip(f"{name} is gone")  # a page another change removed is not a translation gap
    wanted = _template_msgids(name)
    catalogue = _catalogue(language)
    missing = sorted(m for m in wanted if not ((None, m) in catalogue and catalogue[(None, m)].translated()))
    assert not missing, f"{name} ({language}): run makemessages and translate {missing}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_fuzzy_or_empty_and_placeholders_are_kept(language: str) -> None:
    for message in _catalogue(language).values():
        assert message.translated(), message.msgid
        assert not message.fuzzy, message.msgid
        source = {a or b for a, b in PLACEHOLDER.findall(message.msgid + (message.msgid_plural or ""))}
        for form in _forms(message):
            used = {a or b for a, b in PLACEHOLDER.findall(form)}
            # Arabic's forms for 0, 1 and 2 may spell the number out instead of using %(n)s
            assert used <= source if message.msgid_plural else used == source, (message.msgid, form)


@pytest.mark.parametrize(("language", "forms"), [("es", 3), ("ar", 6)])
def test_plural_entries_have_every_form_of_the_language(language: str, forms: int) -> None:
    plurals = [m for m in _catalogue(language).values() if m.msgid_plural]
    assert plurals
    assert all(sorted(m.msgstr_plural) == list(range(forms)) for m in plurals)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_holds_exactly_the_translations_of_the_po(language: str) -> None:
    """What gettext reads from the .mo is each translated entry of the .po, by context and plural form,
    and nothing else: the catalogue compiled by polib says what the translator wrote."""
    path = WEB / "locale" / language / "LC_MESSAGES" / "django.po"
    compiled = gettext.GNUTranslations(io.BytesIO(compile_po(path.read_text("utf-8"))))
    expected: dict[Any, str] = {}
    for entry in read_catalogue(path):
        if entry.obsolete or not entry.translated():
            continue
        key = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        if entry.msgid_plural:
            expected.update({(key, form): text for form, text in entry.msgstr_plural.items()})
        else:
            expected[key] = entry.msgstr
    found = {k: v for k, v in compiled._catalog.items() if k != ""}  # type: ignore[attr-defined]
    assert found == expected
    assert len(expected) > 400


def test_the_compiler_writes_contexts_plurals_and_escapes_and_skips_fuzzy_and_empty() -> None:
    po = r"""
#, fuzzy
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 "
"&& n%100<=10 ? 3 : n%100>=11 && n%100<=99 ? 4 : 5;\n"

#: a.html:1
msgid "Say \"hi\"\n"
msgstr "قل \"مرحبًا\"\n"

msgctxt "money"
msgid "USD %(amount)s"
msgstr "%(amount)s دولار"

#, fuzzy, python-format
msgid "Guessed"
msgstr "مُخمَّن"

msgid "Empty"
msgstr ""

msgid "%(n)s route"
msgid_plural "%(n)s routes"
msgstr[0] "zero"
msgstr[1] "one"
msgstr[2] "two"
msgstr[3] "few"
msgstr[4] "many"
msgstr[5] "other"

msgid ""
"two "
"lines"
msgstr ""
"سطران"

#~ msgid "Gone"
#~ msgstr "ذهب"
"""
    catalogue = gettext.GNUTranslations(io.BytesIO(compile_po(po)))
    assert catalogue.gettext('Say "hi"\n') == 'قل "مرحبًا"\n'
    assert catalogue.pgettext("money", "USD %(amount)s") == "%(amount)s دولار"
    assert catalogue.gettext("Guessed") == "Guessed"
    assert catalogue.gettext("Empty") == "Empty"
    assert catalogue.gettext("Gone") == "Gone"
    assert catalogue.gettext("two lines") == "سطران"
    forms = [catalogue.ngettext("%(n)s route", "%(n)s routes", n) for n in (0, 1, 2, 5, 11, 100)]
    assert forms == ["zero", "one", "two", "few", "many", "other"]


# --- pages -------------------------------------------------------------------------------------------------


def test_the_home_page_in_spanish(anonymous: Client) -> None:
    page = _page(anonymous, "/", "es")
    assert '<html lang="es" dir="ltr">' in page
    assert "¿Qué vías de acceso a la medicina en EE. UU. tiene abiertas?" in page
    assert "Información jurídica, no asesoramiento jurídico." in page
    assert "Certificación ECFMG" in page
    assert "residencia médica" in page


def test_the_home_page_in_arabic_reads_right_to_left(anonymous: Client) -> None:
    page = _page(anonymous, "/", "ar")
    assert '<html lang="ar" dir="rtl">' in page
    assert "ما مسارات ممارسة الطب في الولايات المتحدة المتاحة لك؟" in page
    assert "معلومات قانونية، وليست استشارة قانونية." in page
    assert "الإقامة الطبية" in page


def test_the_language_form_switches_to_arabic_without_javascript(anonymous: Client) -> None:
    response = anonymous.post(reverse("set_language"), {"language": "ar", "next": "/"})
    assert response.status_code == 302
    page = anonymous.get("/").content.decode()
    assert 'lang="ar" dir="rtl"' in page
    assert '<option value="ar" lang="ar" selected>' in page


@pytest.mark.parametrize(
    ("language", "heading", "label"),
    [
        ("es", "Paso 1 de 6: Facultad de medicina", "País de su facultad de medicina"),
        ("ar", "الخطوة 1 من 6: كلية الطب", "بلد كلية الطب التي درست فيها"),
    ],
)
def test_the_wizard_and_its_errors_are_translated(
    anonymous: Client, language: str, heading: str, label: str
) -> None:
    assert heading in _page(anonymous, "/profile/school/", language)
    response = anonymous.post(
        "/profile/school/", {"medical_school__country": "India"}, HTTP_ACCEPT_LANGUAGE=language
    )
    page = response.content.decode()
    assert label in page
    expected = {"es": "no es un código de dos letras", "ar": "ليس رمزًا من حرفين"}[language]
    assert expected in page


@pytest.mark.parametrize(
    ("language", "options"),
    [
        ("es", [">Residencia<", ">Consulta privada<", ">Residente permanente (green card)<"]),
        ("ar", [">الإقامة الطبية<", ">عيادة خاصة<", ">مقيم دائم (البطاقة الخضراء)<"]),
    ],
)
def test_the_wizard_choices_are_translated(anonymous: Client, language: str, options: list[str]) -> None:
    """Drop-down options are read by people too: the stored value stays the profile format's."""
    pages = "".join(_page(anonymous, f"/profile/{slug}/", language) for slug in ("training", "offer"))
    for option in options:
        assert option in pages
    assert 'value="private_practice"' in pages
    assert 'value="green_card"' in pages


@pytest.mark.parametrize(
    ("language", "title", "verdict", "notice"),
    [
        ("es", "Sus vías", "Elegible", "Confírmelo con la junta médica antes de actuar."),
        ("ar", "مساراتك", "مؤهَّل", "تحقّق من المجلس الطبي قبل أن تتخذ أي إجراء."),
    ],
)
def test_the_results_are_translated_with_local_dates(
    anonymous: Client, language: str, title: str, verdict: str, notice: str
) -> None:
    anonymous.post("/profile/", {"action": "example"})
    page = _page(anonymous, "/results/", language)
    assert f"<h1>{title}</h1>" in page
    assert verdict in page
    assert notice in page
    with translation.override(language):
        checked = date_format(TODAY, "DATE_FORMAT")
    assert checked in page  # the example is checked as of today, in the reader's own date format
    assert TODAY.strftime("%B") not in page  # the month's English name


def test_dates_follow_the_locale_on_the_changes_page(anonymous: Client) -> None:
    spanish, arabic = (_page(anonymous, "/changes/", lang) for lang in LANGUAGES)
    assert re.search(r"\d{1,2} de [a-z]+ de \d{4}", spanish)
    assert re.search(
        r"\d{1,2} (يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر)، \d{4}", arabic
    )


def test_a_state_page_in_arabic(anonymous: Client) -> None:
    page = _page(anonymous, "/states/TN/", "ar")
    assert 'dir="rtl"' in page
    assert "المعايير" in page
    assert "سجل الحالات" in page


# --- the engine's and planner's explanations -----------------------------------------------------------

TN_ROUTE = "us-tn.provisional_foreign_training_license"
"""For the example profile: USMLE Step 3 still to pass; the explanations below are its reasons."""


@pytest.mark.parametrize(
    ("language", "said", "asked"),
    [
        (
            "es",
            "<strong>Motivo:</strong> Se necesita una de estas situaciones migratorias: "
            '<bdi lang="en">J-1</bdi>; la suya es <bdi lang="en">living abroad</bdi>. Se necesita un mínimo '
            "de 3 años de residencia médica acreditada en EE. UU.; usted tiene: ninguno.",
            '<li>Su respuesta: <bdi lang="en">Holds a Statement of Need from the ministry of health',
        ),
        (
            "ar",
            '<strong>السبب:</strong> يُشترط أحد أوضاع الهجرة التالية: <bdi lang="en">J-1</bdi>؛ ووضعك '
            '<bdi lang="en">living abroad</bdi>. يُشترط 3 سنوات من الإقامة الطبية المعتمدة '
            "في الولايات المتحدة؛ ولديك: لا شيء.",
            '<li>إجابتك: <bdi lang="en">Holds a Statement of Need from the ministry of health',
        ),
    ],
)
def test_the_results_give_each_reason_and_question_in_the_readers_language(
    anonymous: Client, example_data: dict[str, Any], language: str, said: str, asked: str
) -> None:
    """A whole translated sentence, not English in a <bdi>; the rulebook's English words inside it
    (a requirement, a status) are isolated and marked English."""
    page = _page(with_profile(anonymous, example_data), "/results/?state=TN", language)
    assert said in page
    assert asked in page
    assert "Needs 3 years of accredited US residency; you have none." not in page
    assert "you have not said." not in page
    assert '<bdi lang="en">Needs' not in page
    assert '<bdi lang="en">You' not in page


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("es", 'Aprobó <bdi lang="en">USMLE Step 1</bdi> el <bdi>2019-03-01</bdi> en 1 intento.'),
        ("ar", 'اجتزت <bdi lang="en">USMLE Step 1</bdi> في <bdi>2019-03-01</bdi>، وعدد محاولاتك 1.'),
    ],
)
def test_the_explain_page_gives_each_criterion_in_the_readers_language(
    anonymous: Client, example_data: dict[str, Any], language: str, said: str
) -> None:
    page = _page(with_profile(anonymous, example_data), f"/results/{TN_ROUTE}/", language)
    assert f'<span class="reason">{said}</span>' in page
    assert "You passed USMLE Step 1 on 2019-03-01 in 1 attempt." not in page
    assert "You have not passed USMLE Step 3 yet." not in page


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "es",
            "Se necesita ejercicio profesional fuera de Estados Unidos durante todo el periodo más "
            "reciente de 3 años; usted tiene 1 año y 1 mes.",
        ),
        ("ar", "يُشترط مزاولة المهنة خارج الولايات المتحدة طوال آخر 3 سنوات؛ ولديك 1 سنة و1 شهر."),
    ],
)
def test_the_state_page_gives_the_deciding_reason_in_the_readers_language(
    anonymous: Client, example_data: dict[str, Any], language: str, said: str
) -> None:
    page = _page(with_profile(anonymous, example_data), "/states/TN/", language)
    assert said in page
    assert "Needs practice outside the US throughout the last 3 years" not in page


@pytest.mark.parametrize(
    ("language", "why", "risk"),
    [
        (
            "es",
            "Pasos pendientes: <bdi>Aprobar el USMLE Step 3</bdi>, <bdi>Obtener autorización de trabajo en"
            " EE. UU.</bdi>. Después, 24 meses de ejercicio supervisado con esta licencia.",
            "(Promulgada el <bdi>2026-05-18</bdi>",
        ),
        (
            "ar",
            "الخطوات المتبقية: <bdi>اجتياز USMLE Step 3</bdi>، <bdi>الحصول على تصريح العمل في الولايات"
            " المتحدة</bdi>. ثم مزاولة المهنة تحت الإشراف بهذا الترخيص (عدد الأشهر: 24).",
            "(صدر القانون في <bdi>2026-05-18</bdi>",
        ),
    ],
)
def test_a_plan_gives_its_why_and_risks_in_the_readers_language(
    anonymous: Client, example_data: dict[str, Any], language: str, why: str, risk: str
) -> None:
    """The sentence and the rulebook's words in it (step names, from the rulebook's catalogue)."""
    page = _page(with_profile(anonymous, example_data), f"/plans/{TN_ROUTE}/", language)
    assert why in page
    assert risk in page
    assert "Steps left:" not in page
    assert "Not known yet:" not in page
    compared = _page(anonymous, "/plans/", language)
    assert why.split(":")[0] in compared
    assert "Steps left:" not in compared


def test_in_english_the_reasons_are_the_clis_sentences(
    anonymous: Client, example_data: dict[str, Any]
) -> None:
    page = _page(with_profile(anonymous, example_data), f"/results/{TN_ROUTE}/", "en")
    assert '<span class="reason">You passed USMLE Step 1 on 2019-03-01 in 1 attempt.</span>' in page


def test_the_api_keeps_its_english_reasons_whatever_the_readers_language(
    anonymous: Client, example_data: dict[str, Any]
) -> None:
    response = anonymous.post(
        "/api/v1/check", json.dumps(example_data), content_type="application/json", HTTP_ACCEPT_LANGUAGE="ar"
    )
    route = next(r for r in response.json()["results"] if r["pathway"] == TN_ROUTE)
    step1 = next(c for c in route["criteria"] if c["reason_key"] == "exam.passed_on.attempts.one")
    assert step1["reason"] == "You passed USMLE Step 1 on 2019-03-01 in 1 attempt."
    assert route["headline"].startswith("You have not passed USMLE Step 3 yet. Needs one of these statuses:")


# --- money -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "whole", "cents", "span", "unknown"),
    [
        ("en", "USD 1,000", "USD 62.50", "USD 500–1,000 (usually USD 750)", "not known"),
        ("es", "1\xa0000 USD", "62,50 USD", "500–1\xa0000 USD (normalmente 750 USD)", "se desconoce"),
        (
            "ar",
            "1.000 دولار أمريكي",
            "62,50 دولار أمريكي",
            "500–1.000 دولار أمريكي (عادةً 750 دولار أمريكي)",
            "غير معروف",
        ),
    ],
)
def test_money_is_written_the_way_each_language_writes_it(
    language: str, whole: str, cents: str, span: str, unknown: str
) -> None:
    with translation.override(language):
        assert money(1000) == whole
        assert money(62.5) == cents
        assert money(FeeRange(low=500, typical=750, high=1000)) == span
        assert money(FeeRange(low=100, typical=100, high=100)) == money(100)
        assert money(None) == unknown
        assert money("USD 5") == "USD 5"  # already formatted text is shown as it is
        template = engines["django"].from_string("{% load imgpath %}{{ amount|money }}")
        assert template.render({"amount": 1000}) == whole
