"""Every importer reads a cell by one rule: what counts as no value, what counts as a number,
and which cells must hold one."""

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from migforum.core.cells import (
    MISSING_MARKS,
    MissingValue,
    cell_text,
    column_letter,
    optional_number,
    required_number,
)


@pytest.mark.parametrize("cell", [None, "", "  ", math.nan, *MISSING_MARKS, "N/A", " .. "])
def test_an_empty_cell_a_missing_mark_or_a_readers_nan_holds_no_value(cell):
    assert optional_number(cell) is None
    with pytest.raises(MissingValue):
        required_number(cell)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (12, 12.0),
        (-3.5, -3.5),
        ("42", 42.0),
        (" 4.25 ", 4.25),
        ("1,234,567", 1234567.0),
        ("1 234", 1234.0),
        ("1\u00a0234", 1234.0),
        ("1\u202f234.5", 1234.5),
        ("-7", -7.0),
    ],
)
def test_numbers_are_read_as_numbers_written_as_text_or_not(cell, expected):
    assert optional_number(cell) == expected
    assert required_number(cell) == expected


@pytest.mark.parametrize(
    "cell", ["lots", "nan", "NaN", "inf", "-Infinity", math.inf, True, "12 persons"]
)
def test_text_and_infinities_are_not_numbers(cell):
    with pytest.raises(ValueError, match=re.escape(str(cell))) as raised:
        optional_number(cell)
    assert not isinstance(raised.value, MissingValue)
    with pytest.raises(ValueError, match=re.escape(str(cell))) as raised:
        required_number(cell)
    assert not isinstance(raised.value, MissingValue)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_finite_number_reads_back_as_itself(value):
    assert optional_number(value) == value
    assert optional_number(repr(value)) == value


@pytest.mark.parametrize(
    ("cell", "expected"),
    [(None, ""), (1990.0, "1990"), (2.5, "2.5"), (7, "7"), ("  Sudan ", "Sudan"), (True, "True")],
)
def test_a_cell_as_text(cell, expected):
    assert cell_text(cell) == expected


@pytest.mark.parametrize(
    ("index", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")]
)
def test_column_letters_are_the_spreadsheets(index, letter):
    assert column_letter(index) == letter
