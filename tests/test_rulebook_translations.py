"""The rulebook's words people read have Spanish and Arabic beside the YAML, and a translation that
drops or changes a figure (a date, a fee, a section number) is refused before it reaches a page."""

from __future__ import annotations

import polib
import pytest

from imgpath.rulebook import default_rulebook
from imgpath.rulebook.texts import LANGUAGES, catalogue_path, problem, rulebook_texts


def test_route_names_criteria_steps_fees_gaps_and_states_are_texts_to_translate() -> None:
    texts = rulebook_texts(default_rulebook())
    fields = {place.rsplit(".", 1)[1] for places in texts.values() for place in places}
    assert {"name", "summary", "label", "gaps", "note", "restrictions"} <= fields
    assert "Tennessee" in texts
    assert not any(text.startswith("http") for text in texts)  # links and source titles are not here


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_text_is_translated_with_its_figures_kept(language: str) -> None:
    held = {e.msgid: e.msgstr for e in polib.pofile(str(catalogue_path(language))) if not e.obsolete}
    texts = rulebook_texts(default_rulebook())
    wrong = {text: problem(text, held.get(text, "")) for text in texts}
    assert {text: found for text, found in wrong.items() if found} == {}


@pytest.mark.parametrize(
    ("english", "translated", "found"),
    [
        ("A fee of USD 1,000 since 2024-07-01.", "Una tasa de USD 1.000 desde 2024-07-01.", None),
        ("A fee of USD 1,000 since 2024-07-01.", "Una tasa de USD 100 desde 2024-07-01.", "numbers differ"),
        ("Within 3 years.", "En un plazo de tres años.", "numbers differ"),
        ("Pass {exam_name}.", "Apruebe el examen.", "placeholders differ"),
        ("Texas", "", "not translated"),
    ],
)
def test_a_translation_must_keep_every_figure_and_placeholder(
    english: str, translated: str, found: str | None
) -> None:
    said = problem(english, translated)
    assert (said if said is None else said.split(" (")[0]) == found
