"""What counts as a row id or a whole number in text a client sent (forlop.ids)."""

import pytest

from forlop.ids import LARGEST_ID, row_id, whole_number


@pytest.mark.parametrize(("text", "expected"), [
    ("12", 12), (12, 12), ("007", 7), (str(LARGEST_ID), LARGEST_ID),
    ("0", None), (str(LARGEST_ID + 1), None), ("", None), ("-3", None), ("+12", None),
    (" 12", None), ("1_0", None), ("1.0", None),
    ("\u00b9", None),  # superscript one: str.isdigit() says yes, int() refuses it
    ("\u0661\u0662", None),  # Arabic-Indic 12: int() reads 12, a second spelling of an id
    ("1" * 5000, None),  # int() refuses more than 4,300 digits: was a ValueError (500)
])
def test_a_row_id_is_ascii_digits_within_what_the_database_takes(text, expected):
    assert row_id(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("0", 0), ("365", 365), ("99999999999999999999999", 10**23 - 1),
    ("\u00b2", None), ("-1", None), ("", None), ("5 ", None),
    ("9" * 100, 10**100 - 1), ("9" * 101, None), ("9" * 5000, None),
])
def test_a_whole_number_is_ascii_digits_only(text, expected):
    assert whole_number(text) == expected
