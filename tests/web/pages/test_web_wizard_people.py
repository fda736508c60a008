"""The wizard for people, not codes (issue 12 point 5): places by name in English, Spanish and Arabic,
dates as people write them, specialties from a list, "I don't know" left unknown, progress, a review."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.test import Client

from imgpath.web.lib.session import PROFILE_KEY


def _profile(client: Client) -> dict[str, Any]:
    return dict(client.session[PROFILE_KEY])


def _post(client: Client, step: str, data: dict[str, Any], language: str = "en") -> tuple[int, str]:
    response = client.post(f"/profile/{step}/", data, HTTP_ACCEPT_LANGUAGE=language)
    return response.status_code, html.unescape(response.content.decode())


def _get(client: Client, url: str, language: str = "en") -> str:
    return html.unescape(client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode())


def _management(prefix: str, total: int) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


@pytest.mark.parametrize(
    ("language", "typed"),
    [
        ("en", "Egypt"),
        ("en", "  EGYPT "),
        ("es", "Egipto"),
        ("es", "egipto"),
        ("ar", "مصر"),
        ("en", "مصر"),  # a name in another of our languages is understood on any page
        ("es", "eg"),
        ("en", "EGY"),
    ],
)
def test_an_egyptian_internist_types_her_country_by_name(
    anonymous: Client, language: str, typed: str
) -> None:
    status, _page = _post(anonymous, "school", {"medical_school__country": typed}, language)
    assert status == 302
    assert _profile(anonymous)["medical_school"] == {"country": "EG"}


def test_accents_and_case_do_not_matter_and_several_citizenships_are_read(anonymous: Client) -> None:
    data = {"citizenship": "méxico, ESTADOS UNIDOS", "medical_school__country": "Mexico"}
    assert _post(anonymous, "school", data, "es")[0] == 302
    assert _profile(anonymous)["citizenship"] == ["MX", "US"]
    assert _profile(anonymous)["medical_school"] == {"country": "MX"}
    # a name that holds a comma is one country; Arabic's comma separates too
    data = {"citizenship": "St. Helena, Ascension & Tristan da Cunha، سوريا"}
    assert _post(anonymous, "school", data)[0] == 302
    assert _profile(anonymous)["citizenship"] == ["SH", "SY"]


def test_the_country_is_read_back_in_the_readers_language(anonymous: Client) -> None:
    _post(anonymous, "school", {"medical_school__country": "EG", "citizenship": "EG, SY"})
    assert 'value="Egipto"' in _get(anonymous, "/profile/school/", "es")
    assert 'value="Egipto, Siria"' in _get(anonymous, "/profile/school/", "es")
    assert 'value="مصر"' in _get(anonymous, "/profile/school/", "ar")


def test_the_country_list_is_offered_as_a_datalist_in_the_readers_language(anonymous: Client) -> None:
    page = _get(anonymous, "/profile/school/", "es")
    assert 'list="countries"' in page
    listed = page[page.index('<datalist id="countries">') : page.index("</datalist>")]
    assert '<option value="Egipto">' in listed
    assert "Unión Europea" not in listed  # regions are not countries
    assert "Mundo" not in listed
    assert '<option value="سوريا">' in _get(anonymous, "/profile/school/", "ar")


@pytest.mark.parametrize(
    ("language", "typed", "code"),
    [
        ("en", "Michigan", "MI"),
        ("es", "Míchigan", "MI"),
        ("es", "michigan", "MI"),
        ("es", "Nueva York", "NY"),
        ("en", "carolina del norte", "NC"),
        ("ar", "Texas", "TX"),
        ("ar", "tx", "TX"),
    ],
)
def test_a_state_is_typed_by_name(anonymous: Client, language: str, typed: str, code: str) -> None:
    data = {"lives_in_us": "yes", "residence__state": typed}
    assert _post(anonymous, "offer", data, language)[0] == 302
    assert _profile(anonymous)["residence"] == {"state": code}


def test_preferred_states_and_license_places_by_name(anonymous: Client) -> None:
    data = {"preferences__states": "Texas, Nueva York, Míchigan"}
    assert _post(anonymous, "offer", data, "es")[0] == 302
    assert _profile(anonymous)["preferences"] == {"states": ["TX", "NY", "MI"]}
    page = _get(anonymous, "/profile/offer/", "es")
    assert 'value="Texas, Nueva York, Míchigan"' in page
    assert '<datalist id="states">' in page
    licenses = {
        **_management("practice", 0),
        **_management("licenses", 3),
        "licenses-0-jurisdiction": "Egipto",
        "licenses-0-status": "active",
        "licenses-1-jurisdiction": "Texas",
        "licenses-1-status": "inactive",
        "licenses-2-jurisdiction": "US-GA",
        "licenses-2-status": "active",
    }
    assert _post(anonymous, "practice", licenses, "es")[0] == 302
    assert [entry["jurisdiction"] for entry in _profile(anonymous)["licenses"]] == ["EG", "US-TX", "US-GA"]


@pytest.mark.parametrize(
    ("language", "typed", "stored"),
    [
        ("en", "2023-07", "2023-07"),
        ("en", "07/2023", "2023-07"),
        ("en", "7/2023", "2023-07"),
        ("en", "July 2023", "2023-07"),
        ("en", "jul 2023", "2023-07"),
        ("es", "julio 2023", "2023-07"),
        ("es", "Julio de 2023", "2023-07"),
        ("ar", "يوليو 2023", "2023-07"),
        ("ar", "يوليو ٢٠٢٣", "2023-07"),
        ("ar", "تموز 2023", "2023-07"),  # the Levant's name (a Syrian doctor), CLDR's ar_SY
        ("ar", "كانون الثاني 2023", "2023-01"),
        ("ar", "جويلية 2023", "2023-07"),  # the Maghreb's
        ("en", "2023-07-15", "2023-07-15"),
        ("en", "2023", "2023-12"),  # a year alone, as a start: its December (no time counted not had)
    ],
)
def test_a_graduation_date_as_people_write_it(
    anonymous: Client, language: str, typed: str, stored: str
) -> None:
    data = {"medical_school__country": "EG", "medical_school__graduated": typed}
    assert _post(anonymous, "school", data, language)[0] == 302
    assert _profile(anonymous)["medical_school"] == {"country": "EG", "graduated": stored}


def test_a_year_alone_as_an_end_is_its_january_and_the_page_says_so(anonymous: Client) -> None:
    data = {
        **_management("training", 1),
        "training-0-country": "SY",
        "training-0-start": "2015",
        "training-0-end": "2019",
    }
    assert _post(anonymous, "training", data)[0] == 302
    assert _profile(anonymous)["training"] == [{"country": "SY", "start": "2015-12", "end": "2019-01"}]
    page = _get(anonymous, "/profile/training/")
    assert "a year alone counts as its December" in page
    assert "a year alone counts as its January" in page
    spanish = _get(anonymous, "/profile/training/", "es")
    assert 'value="diciembre de 2015"' in spanish or 'value="diciembre 2015"' in spanish


@pytest.mark.parametrize(
    ("language", "typed", "message"),
    [
        ("en", "julio 20233", "'julio 20233' is not a date we can read"),
        ("en", "Jully 2023", "'Jully 2023' is not a date we can read"),
        ("en", "13/2023", "'13/2023' is not a date of the calendar"),
        ("es", "julio 20233", "'julio 20233' no es una fecha que podamos leer"),
        ("ar", "يوليه", "'يوليه' ليس تاريخًا نستطيع قراءته"),
    ],
)
def test_a_wrong_date_is_refused_with_the_field_named(
    anonymous: Client, language: str, typed: str, message: str
) -> None:
    data = {"medical_school__country": "EG", "medical_school__graduated": typed}
    status, page = _post(anonymous, "school", data, language)
    assert status == 400
    start = page.index('id="id_medical_school__graduated"')
    assert message in page[start : page.index("</div>", start)]
    label = {"en": "Graduated", "es": "Fecha de graduación", "ar": "تاريخ التخرج"}[language]
    assert f'<a href="#id_medical_school__graduated">{label}</a>: {message}' in page
    assert PROFILE_KEY not in anonymous.session or not anonymous.session[PROFILE_KEY]


def test_the_check_date_needs_its_month(anonymous: Client) -> None:
    status, page = _post(anonymous, "offer", {"as_of": "2027"})
    assert status == 400
    assert "'2027': give the month too, for example July 2027" in page


def test_i_dont_know_leaves_each_fact_unknown_never_guessed(anonymous: Client) -> None:
    anonymous.post("/profile/", {"action": "example"})
    before = _profile(anonymous)
    assert before["medical_school"]["graduated"] == "2012-05"
    data = {
        "citizenship": "",
        "medical_school__country": "India",
        "medical_school__graduated": "no sé",  # typed in words, as a blank
        "medical_school__listed_in_wdoms": "",
        "ecfmg": "",
        "ecfmg_certified": "",
    }
    assert _post(anonymous, "school", data, "es")[0] == 302
    after = _profile(anonymous)
    assert after["medical_school"] == {"country": "IN"}
    assert "citizenship" not in after
    assert "ecfmg_certified" not in after
    training = {
        **_management("training", 1),
        "training-0-country": "IN",
        "training-0-start": "2012-07",
        "training-0-specialty": "",
        "training-0-completed": "",
        "us_gme_years": "",
    }
    assert _post(anonymous, "training", training)[0] == 302
    assert _profile(anonymous)["training"] == [{"country": "IN", "start": "2012-07"}]
    assert "us_gme_years" not in _profile(anonymous)


def test_every_question_offers_i_dont_know(anonymous: Client) -> None:
    for language, words in (("en", "I don't know"), ("es", "No lo sé"), ("ar", "لا أعرف")):
        for step in ("school", "exams", "training", "practice", "offer", "documents"):
            page = _get(anonymous, f"/profile/{step}/", language)
            start = page.index('<form method="post" novalidate class="wizard">')
            page = page[start : page.index("</form>", start)]  # the questions, not the site's menus
            selects = page.count("<select")
            texts = page.count('type="text"') + page.count('type="number"')
            assert page.count(f'<option value="" selected>{words}</option>') >= selects, (language, step)
            assert page.count(f'placeholder="{words}"') >= texts, (language, step)


def test_specialties_come_from_a_list_with_translated_labels(anonymous: Client) -> None:
    page = _get(anonymous, "/profile/training/", "es")
    assert '<option value="internal_medicine">Medicina interna</option>' in page
    assert '<option value="other">Otra especialidad</option>' in page
    training = {
        **_management("training", 1),
        "training-0-country": "EG",
        "training-0-start": "2012-07",
        "training-0-specialty": "pediatrics",
    }
    assert _post(anonymous, "training", training)[0] == 302
    assert _profile(anonymous)["training"][0]["specialty"] == "pediatrics"
    assert _post(anonymous, "offer", {"preferences__specialties": ["pediatrics", "psychiatry"]})[0] == 302
    assert _profile(anonymous)["preferences"] == {"specialties": ["pediatrics", "psychiatry"]}
    assert 'value="pediatrics" id="id_preferences__specialties_' in _get(anonymous, "/profile/offer/")


def test_every_specialty_a_rule_names_is_offered(anonymous: Client) -> None:
    from imgpath.rulebook import default_rulebook

    named = {
        specialty
        for route in default_rulebook().routes.values()
        for criterion in route.criteria_in_order
        for value in (criterion.values or {}).values()
        for specialty in (value or {}).get("specialties") or []
    }
    assert named
    page = _get(anonymous, "/profile/training/")
    for specialty in named:
        assert f'<option value="{specialty}">' in page


@pytest.mark.parametrize(
    ("language", "text"), [("en", "Step 3 of 7: Training"), ("es", "Paso 3 de 7"), ("ar", "الخطوة 3 من 7")]
)
def test_progress_is_shown(anonymous: Client, language: str, text: str) -> None:
    page = _get(anonymous, "/profile/training/", language)
    assert text in page
    assert '<progress max="7" value="3" aria-labelledby="progress-text">' in page


def test_the_last_step_leads_to_the_review_and_the_review_to_the_results(anonymous: Client) -> None:
    response = anonymous.post("/profile/documents/", {"next": ""})
    assert response.status_code == 302
    assert response["Location"] == "/profile/review/"
    page = _get(anonymous, "/profile/review/")
    assert "Step 7 of 7: Review your answers" in page
    assert 'href="/results/"' in page


def test_the_review_lists_every_answer_with_a_link_to_change_it(anonymous: Client) -> None:
    anonymous.post("/profile/", {"action": "example"})
    page = _get(anonymous, "/profile/review/")
    answers = page[page.index("<h1>") :]
    assert "<dt>Country of your medical school</dt><dd>India</dd>" in answers
    assert "<dt>Graduated</dt><dd>May 2012</dd>" in answers
    assert "<dt>Specialty (1)</dt><dd>Internal medicine</dd>" in answers
    assert "<dt>State of the offer</dt><dd>Tennessee</dd>" in answers
    assert "<dt>USMLE Step 2 CK: Score</dt><dd>245</dd>" in answers
    assert (
        "<dt>Is your school listed in the World Directory of Medical Schools with an ECFMG note?</dt>"
        in answers
    )
    assert "<dd>I don't know</dd>" in answers  # a question left unanswered is listed as such
    assert 'href="/profile/school/#id_medical_school__graduated"' in answers
    assert 'href="/profile/training/#id_training-0-specialty"' in answers
    spanish = _get(anonymous, "/profile/review/", "es")
    assert "Paso 7 de 7" in spanish
    assert "<dd>mayo de 2012</dd>" in spanish or "<dd>mayo 2012</dd>" in spanish
    assert "<dd>Medicina interna</dd>" in spanish
    arabic = _get(anonymous, "/profile/review/", "ar")
    assert "<dd>الهند</dd>" in arabic
    assert "<dd>لا أعرف</dd>" in arabic


def test_the_review_of_an_empty_profile_says_i_dont_know_everywhere(anonymous: Client) -> None:
    anonymous.post("/profile/", {"action": "new"})
    page = _get(anonymous, "/profile/review/")
    assert "<dt>Training periods</dt><dd>I don't know</dd>" in page
    assert "<dt>Check on this date (empty: today)</dt><dd>Today</dd>" in page
    assert "<dd>India</dd>" not in page


def test_a_specialty_from_a_file_that_the_list_lacks_is_kept_on_saving(anonymous: Client) -> None:
    text = "training:\n  - {country: EG, start: 2012-07, specialty: sports_medicine}\n"
    text += "preferences: {specialties: [sports_medicine]}\n"
    assert anonymous.post("/profile/", {"action": "import", "text": text}).status_code == 302
    page = _get(anonymous, "/profile/training/")
    assert '<option value="sports_medicine" selected>Sports medicine</option>' in page
    training = {
        **_management("training", 1),
        "training-0-country": "Egypt",
        "training-0-start": "July 2012",
        "training-0-specialty": "sports_medicine",
    }
    assert _post(anonymous, "training", training)[0] == 302
    assert _profile(anonymous)["training"] == [
        {"country": "EG", "start": "2012-07", "specialty": "sports_medicine"}
    ]
    assert 'value="sports_medicine" id="id_preferences__specialties_' in _get(anonymous, "/profile/offer/")
