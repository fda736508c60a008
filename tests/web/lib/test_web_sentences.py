"""Explanations in the reader's language: a message through a translation, whole, values in any order."""

from __future__ import annotations

from django.template import engines
from django.utils import translation
from django.utils.safestring import SafeString

from imgpath.messages import message
from imgpath.messages.english import ENGLISH
from imgpath.messages.words import is_english
from imgpath.web.lib.sentences import say, say_html
from imgpath.web.templatetags.imgpath import say as say_filter

NOT_PASSED = message(
    "exam.not_passed.deadline", exam="usmle_step3", exam_name="USMLE Step 3", deadline="2027-05-01"
)
SPANISH = {
    ENGLISH["exam.not_passed.deadline"]: "Apruebe {exam_name} antes del {deadline}: aún no lo ha aprobado.",
    ENGLISH["join.list"]: " · ",
}


def spanish(text: str) -> str:
    return SPANISH.get(text, text)


def test_a_message_is_said_through_the_translation_with_its_values_where_the_translation_puts_them() -> None:
    assert say(NOT_PASSED, spanish) == "Apruebe USMLE Step 3 antes del 2027-05-01: aún no lo ha aprobado."


def test_without_a_translation_the_sentence_is_the_english_one() -> None:
    english = say(NOT_PASSED, lambda text: text)
    assert english == str(NOT_PASSED) == "You have not passed USMLE Step 3 yet. Pass it by 2027-05-01."


def test_plain_text_passes_through_unchanged() -> None:
    assert say("Rulebook text <as written>", spanish) == "Rulebook text <as written>"
    assert say_html("a < b", spanish) == "a &lt; b"


def test_on_a_page_english_names_are_isolated_and_marked_english_and_dates_are_isolated() -> None:
    assert say_html(NOT_PASSED, spanish) == (
        'Apruebe <bdi lang="en">USMLE Step 3</bdi> antes del <bdi>2027-05-01</bdi>: aún no lo ha aprobado.'
    )


def test_values_and_translations_are_escaped() -> None:
    hostile = message("exam.not_passed", exam="x", exam_name="<script>alert(1)</script>")
    said = say_html(hostile, lambda text: text.replace("You", "<b>You</b>"))
    assert "<script>" not in said
    assert "<b>" not in said
    assert said == (
        "&lt;b&gt;You&lt;/b&gt; have not passed "
        '<bdi lang="en">&lt;script&gt;alert(1)&lt;/script&gt;</bdi> yet.'
    )


def test_each_item_of_a_list_and_each_value_of_a_nested_message_is_isolated_on_its_own() -> None:
    left = message("plan.why.steps_left", steps=("a", "b"), steps_names=("USMLE Step 3", "The Match"))
    closes = message("plan.why.lapse.act_by", closes_on="2028-01-01", act_by="2027-01-01")
    said = say_html(message("plan.why", parts=(left, closes)), spanish)
    assert said == (
        'Steps left: <bdi lang="en">USMLE Step 3</bdi> · <bdi lang="en">The Match</bdi>. '
        "Eligibility closes on <bdi>2028-01-01</bdi>; start by <bdi>2027-01-01</bdi> and hurry."
    )


def test_numbers_keep_their_formats_and_are_not_isolated() -> None:
    odds = message("odds.input.year.counts", year=2025, rate=0.5912, matched=4100, applicants=6935)
    assert say_html(odds, spanish) == "2025: 59.1% matched (4,100 of 6,935)"


def test_names_summaries_and_who_to_ask_are_english_ids_and_dates_are_not() -> None:
    assert all(map(is_english, ("exam_name", "steps_names", "requirement", "who", "note", "cited")))
    assert not any(map(is_english, ("exam", "state", "deadline", "status", "have_days")))


def test_the_filter_says_english_as_plain_text_and_another_language_as_isolated_html() -> None:
    with translation.override("en"):
        english = say_filter(NOT_PASSED)
        assert english == str(NOT_PASSED)
        assert not isinstance(english, SafeString)
    with translation.override("es"):
        spanish_page = say_filter(NOT_PASSED)
        assert isinstance(spanish_page, SafeString)
        assert '<bdi lang="en">USMLE Step 3</bdi>' in spanish_page
        assert say_filter("As the rulebook says it") == "As the rulebook says it"
        assert say_filter(None) is None


def test_in_a_template_a_message_is_escaped_once_and_text_as_usual() -> None:
    template = engines["django"].from_string("{% load imgpath %}{{ said|say }} / {{ text|say }}")
    hostile = message("exam.not_passed", exam="x", exam_name="<i>")
    with translation.override("ar"):
        page = template.render({"said": hostile, "text": "<u>"})
    assert '<bdi lang="en">&lt;i&gt;</bdi>' in page
    assert "&amp;lt;" not in page
    assert page.endswith(" / &lt;u&gt;")


def test_a_rulebook_name_its_catalogue_translates_is_shown_translated_and_not_marked_english() -> None:
    """The rulebook's words inside a reason (a step's name) follow the reader's language where the
    rulebook's catalogue has them; the ones it lacks stay English and marked so."""
    spanish_names = SPANISH | {"The Match": "el Match (emparejamiento de residencias)"}
    left = message("plan.why.steps_left", steps=("a", "b"), steps_names=("USMLE Step 3", "The Match"))
    said = say_html(left, lambda text: spanish_names.get(text, text))
    assert '<bdi lang="en">USMLE Step 3</bdi>' in said
    assert "<bdi>el Match (emparejamiento de residencias)</bdi>" in said
    assert "el Match (emparejamiento de residencias)" in say(left, lambda text: spanish_names.get(text, text))
