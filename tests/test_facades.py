"""The public facades: what the CLI, the web and a notebook import, and what importing them costs."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

FACADES = ["imgpath.rulebook", "imgpath.engine", "imgpath.planner", "imgpath.simulator"]


@pytest.mark.parametrize("name", FACADES)
def test_every_name_a_facade_lists_is_there(name: str) -> None:
    facade = importlib.import_module(name)
    missing = [item for item in facade.__all__ if getattr(facade, item, None) is None]
    assert missing == []


@pytest.mark.parametrize("name", ["imgpath.engine", "imgpath.planner"])
def test_a_name_a_facade_does_not_list_is_an_attribute_error(name: str) -> None:
    facade = importlib.import_module(name)
    with pytest.raises(AttributeError, match="no attribute 'EVALUATORS'"):
        _ = facade.EVALUATORS


def test_importing_the_facades_loads_no_chart_calendar_or_answer_model() -> None:
    """A cold ``imgpath check`` must not wait for matplotlib, icalendar or pydantic's answer schemas."""
    probe = (
        "import sys, imgpath.rulebook, imgpath.engine, imgpath.planner, imgpath.cli.main; "
        "print(sorted(m for m in ('matplotlib', 'icalendar', 'imgpath.engine.answers', "
        "'imgpath.planner.answers') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


def test_a_lazy_export_is_the_module_s_own_object() -> None:
    from imgpath.planner import plans_to_ics
    from imgpath.planner.ics import plans_to_ics as direct

    assert plans_to_ics is direct
