"""The engine's message templates in the web's catalogues: the curator adds and revives them and never
drops a translation; the check finds every template missing, untranslated, fuzzy or mistranslated."""

from __future__ import annotations

import polib
import pytest

from imgpath.web.catalogues import LOCALE_DIR, curate_messages, message_problems, read_catalogue

ENGLISH = {
    "phrase.none": "",
    "practice.met": "{need}; you have {have_days:span}.",
    "practice.short": "{need}; you have {have_days:span}.",
    "route.all_hold": "Every criterion holds.",
}


def _catalogue(*entries: polib.POEntry) -> polib.POFile:
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for entry in entries:
        catalogue.append(entry)
    return catalogue


def _entry(catalogue: polib.POFile, msgid: str) -> polib.POEntry:
    found = [e for e in catalogue if e.msgid == msgid]
    assert len(found) == 1, msgid
    return found[0]


def test_the_curator_adds_each_template_once_with_its_keys_and_the_brace_flag() -> None:
    catalogue = _catalogue()
    changed = curate_messages(catalogue, ENGLISH)
    assert len(changed) == 2
    shared = _entry(catalogue, "{need}; you have {have_days:span}.")
    assert shared.comment == "key: practice.met\nkey: practice.short"
    assert shared.flags == ["python-brace-format"]
    assert shared.msgstr == ""
    plain = _entry(catalogue, "Every criterion holds.")
    assert plain.comment == "key: route.all_hold"
    assert plain.flags == []
    assert "" not in {e.msgid for e in catalogue}  # an empty template is the header's msgid: left out


def test_running_the_curator_again_changes_nothing() -> None:
    catalogue = _catalogue()
    curate_messages(catalogue, ENGLISH)
    text = str(catalogue)
    assert curate_messages(catalogue, ENGLISH) == []
    assert str(catalogue) == text


def test_a_template_makemessages_made_obsolete_comes_back_with_its_translation() -> None:
    gone = polib.POEntry(
        msgid="Every criterion holds.", msgstr="Se cumplen todos los criterios.", obsolete=True
    )
    catalogue = _catalogue(gone)
    assert "revived: 'Every criterion holds.' (route.all_hold)" in curate_messages(catalogue, ENGLISH)
    entry = _entry(catalogue, "Every criterion holds.")
    assert not entry.obsolete
    assert entry.msgstr == "Se cumplen todos los criterios."
    assert entry.comment == "key: route.all_hold"


def test_a_template_no_key_uses_is_marked_obsolete_and_keeps_its_translation() -> None:
    old = polib.POEntry(
        msgid="Old {x}.", msgstr="Viejo {x}.", comment="Translators: keep it short\nkey: old.key"
    )
    catalogue = _catalogue(old)
    assert "obsolete: 'Old {x}.' (was old.key)" in curate_messages(catalogue, ENGLISH)
    entry = _entry(catalogue, "Old {x}.")
    assert entry.obsolete
    assert entry.msgstr == "Viejo {x}."
    assert entry.comment == "Translators: keep it short"


def test_a_template_the_web_also_asks_for_keeps_its_entry_and_gains_its_key() -> None:
    page = polib.POEntry(
        msgid="Every criterion holds.", msgstr="Todo se cumple.", occurrences=[("pages/x.html", "3")]
    )
    catalogue = _catalogue(page)
    curate_messages(catalogue, ENGLISH)
    entry = _entry(catalogue, "Every criterion holds.")
    assert entry.comment == "key: route.all_hold"
    assert entry.occurrences == [("pages/x.html", "3")]
    curate_messages(catalogue, {})  # the key is gone, the page still asks for it
    assert not entry.obsolete
    assert entry.comment == ""
    assert entry.msgstr == "Todo se cumple."


def _checked(msgstr: str, fuzzy: bool = False) -> list[str]:
    catalogue = _catalogue()
    curate_messages(catalogue, ENGLISH)
    _entry(catalogue, "Every criterion holds.").msgstr = "Se cumplen todos los criterios."
    entry = _entry(catalogue, "{need}; you have {have_days:span}.")
    entry.msgstr = msgstr
    if fuzzy:
        entry.flags.append("fuzzy")
    return message_problems(catalogue, ENGLISH)


def test_a_faithful_translation_passes_the_check_whatever_the_order_of_its_values() -> None:
    assert _checked("Tiene {have_days:span}; {need}.") == []


@pytest.mark.parametrize(
    ("msgstr", "fuzzy", "problem"),
    [
        ("", False, "not translated"),
        ("Tiene {have_days:span}; {need}.", True, "fuzzy"),
        ("Tiene {have_days:span}.", False, "placeholders ['have_days']"),
        ("{need}; tiene {have_days:span} y {years}.", False, "placeholders ['have_days', 'need', 'years']"),
        ("{need}; tiene {have_days} días.", False, "formats differ"),
        ("{need}; tiene {have_days:years}.", False, "formats differ"),
        ("{need}; tiene {have_days:span.", False, "broken braces"),
    ],
)
def test_the_check_names_each_wrong_translation(msgstr: str, fuzzy: bool, problem: str) -> None:
    found = _checked(msgstr, fuzzy)
    assert len(found) == 1
    assert found[0].startswith("practice.met, practice.short '{need}; you have {have_days:span}.'")
    assert problem in found[0]


def test_the_check_names_a_template_missing_from_the_catalogue() -> None:
    found = message_problems(_catalogue(), ENGLISH)
    assert [p.split("'")[0] for p in found] == ["practice.met, practice.short ", "route.all_hold "]
    assert all("not in the catalogue" in p for p in found)


# --- the catalogues themselves --------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["es", "ar"])
def test_every_message_is_translated_with_the_same_placeholders_and_formats(language: str) -> None:
    """Each English template has a non-empty, non-fuzzy translation whose named placeholders and formats
    (``{have_days:span}``, ``{steps_names:list}``) are the English ones (``make check`` asks too)."""
    problems = message_problems(read_catalogue(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["es", "ar"])
def test_the_catalogues_are_as_the_curator_leaves_them(language: str) -> None:
    """Every template is a msgid with its keys: run scripts/message_catalogue.py after a change."""
    catalogue = read_catalogue(LOCALE_DIR / language / "LC_MESSAGES" / "django.po")
    assert curate_messages(catalogue) == []
