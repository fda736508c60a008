import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import pytest

LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI speaks the locale's language: every test starts from an English one (C.UTF-8), whatever
    the machine running it is set to; a test that wants another sets it."""
    for name in LOCALE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
