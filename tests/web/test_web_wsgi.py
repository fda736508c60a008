"""The WSGI entry loads the rulebook before the first request and keeps it out of the cyclic GC."""

from __future__ import annotations

import gc
import importlib
from collections.abc import Iterator

import pytest

from imgpath.rulebook.loader import default_rulebook


@pytest.fixture
def unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the suite runs with the collector as it found it


def test_the_wsgi_entry_loads_the_rulebook_and_freezes_what_it_loaded(unfrozen: None) -> None:
    wsgi = importlib.reload(importlib.import_module("imgpath.web.wsgi"))
    assert callable(wsgi.application)
    assert default_rulebook.cache_info().currsize == 1
    assert gc.get_freeze_count() > 0
