"""The shortage-areas map: new state laws, Conrad 30 programs and shortage-area counties by state."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from django.test import Client

from clock import TODAY
from imgpath.areas import DIRECTORY_VARIABLE, current_areas, demo_areas
from imgpath.rulebook import default_rulebook
from imgpath.web.pages.shortage_map import state_rows


@pytest.fixture(autouse=True)
def _demo_tables(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(DIRECTORY_VARIABLE, raising=False)
    current_areas.cache_clear()
    yield
    current_areas.cache_clear()


def test_the_map_draws_every_state_with_a_legend_and_a_table(anonymous: Client) -> None:
    response = anonymous.get("/shortage-areas/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<g class="tile ') >= 50
    assert '<desc id="shortage-map-desc">' in html
    assert 'class="legend"' in html
    assert '<tr id="state-TN">' in html
    figure = html.split('<figure class="tilemap">')[1].split("</figure>")[0]
    assert "<script" not in figure  # the map needs no JavaScript
    assert "http" not in figure.replace("http://www.w3.org/2000/svg", "")  # and requests nothing


def test_answers_drawn_from_the_shipped_files_say_demo_data(anonymous: Client) -> None:
    html = anonymous.get("/shortage-areas/").content.decode()
    assert "Demo data:" in html
    assert "DEMO_SYNTHETIC_BCD_HPSA_FCT_DET_PC.csv, data warehouse record create date 2026-12-01" in html


def test_each_state_s_count_is_the_counties_wholly_covered_on_the_day() -> None:
    areas = demo_areas()
    rows = {r.code: r for r in state_rows(default_rulebook(), areas, TODAY)}
    expected = areas.counties_by_state(TODAY)
    assert {c: r.counties for c, r in rows.items() if r.counties} == {
        c: n for c, n in expected.items() if c in rows
    }


def test_a_state_whose_new_law_is_in_force_is_marked_and_one_before_it_is_not() -> None:
    rulebook = default_rulebook()
    now = {r.code: r.new_law for r in state_rows(rulebook, demo_areas(), TODAY)}
    before = {r.code: r.new_law for r in state_rows(rulebook, demo_areas(), date(2020, 1, 1))}
    assert now["TN"]  # Tennessee's provisional license is in force in late 2026
    assert not any(before.values())  # no new-law route was in force in 2020


def test_the_map_is_translated(anonymous: Client) -> None:
    html = anonymous.get("/shortage-areas/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Datos de demostración:" in html
    arabic = anonymous.get("/shortage-areas/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in arabic
