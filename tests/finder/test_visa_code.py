"""A visa class is read as people write it, and a phrase is not read as a visa class."""

from __future__ import annotations

import pytest

from imgpath.finder import visa_code


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("J-1", "J1"),
        ("j1", "J1"),
        ("H-1B", "H1B"),
        ("H 1 B", "H1B"),
        ("H-1B1", "H1B1"),
        ("O-1A", "O1A"),
        ("B-1/B-2", "B1"),  # the combined visitor visa, as its first class
        ("J-1 visa", "J1"),
        ("TN", "TN"),  # a class without a number
        ("NATO-1", "NATO1"),
        ("ESTA", "ESTA"),  # the Visa Waiver Program's travel authorisation, which listings name
    ],
)
def test_a_visa_class_is_read_as_people_write_it(written: str, code: str) -> None:
    assert visa_code(written) == code


@pytest.mark.parametrize(
    "written", ["not a visa", "any", "any visa please", "help", "ZZ", "visa", "J-1!", ""]
)
def test_a_phrase_or_a_made_up_class_is_not_a_visa(written: str) -> None:
    assert visa_code(written) is None
