"""Plans on a phone: the charts' words in the reader's language at 12 px or more once shown 330 px
wide, and the plan tables' cells named for when they stack as cards (data-label)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from web_session import with_profile

ROUTE = "us-tn.provisional_foreign_training_license"  # no conversion: "no full license" in its title
SHOWN = 328  # a 360 px screen less the page's padding


def _svg(client: Client, url: str, language: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def _words(svg: str) -> str:
    """The chart's text as one line: its labels are wrapped over several <text> lines."""
    return " ".join(" ".join(re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)).split())


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["no full license on this route", "USD"]),
        ("es", ["ninguna licencia plena por esta vía", "Aprobar el USMLE Step 3"]),
        ("ar", ["لا ترخيص كامل في هذا المسار"]),
    ],
)
def test_a_plan_chart_speaks_the_readers_language(
    anonymous: Client, example_data: dict[str, Any], language: str, words: list[str]
) -> None:
    said = _words(_svg(with_profile(anonymous, example_data), f"/plans/{ROUTE}/chart.svg", language))
    for text in words:
        assert text in said


@pytest.mark.parametrize("url", ["/plans/chart.svg", f"/plans/{ROUTE}/chart.svg"])
def test_chart_text_is_at_least_12_px_on_a_phone(
    anonymous: Client, example_data: dict[str, Any], url: str
) -> None:
    svg = _svg(with_profile(anonymous, example_data), url, "es")
    view = re.search(r'viewBox="0 0 ([\d.]+) ', svg)
    assert view
    width = float(view.group(1))
    sizes = [float(s) for s in re.findall(r"font-size:\s*([\d.]+)px", svg)]
    assert sizes
    assert min(sizes) * min(SHOWN, width * 4 / 3) / width >= 12


def test_comparison_chart_title_is_translated(anonymous: Client, example_data: dict[str, Any]) -> None:
    svg = _words(_svg(with_profile(anonymous, example_data), "/plans/chart.svg", "es"))
    assert "Tiempo hasta una licencia desde" in svg
    assert "punto: primera licencia; barra: licencia plena" in svg


@pytest.mark.parametrize(
    ("url", "labels"),
    [
        (f"/plans/{ROUTE}/", ["Inicio", "Fin"]),
        ("/plans/", ["Primera licencia", "Coste"]),
    ],
)
def test_plan_tables_name_each_cell_for_stacking_on_a_phone(
    anonymous: Client, example_data: dict[str, Any], url: str, labels: list[str]
) -> None:
    page = with_profile(anonymous, example_data).get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert 'class="steps stack"' in page or 'class="plans stack"' in page
    for label in labels:
        assert f'<td data-label="{label}">' in page
