"""The cells of the spreadsheets and CSV files the platform imports, read by one rule.

Every importer (the evidence's publishers' files, the practices' CSV and JSON) reads a cell's
text and a cell's number here, so that one file's ".." or NaN means what it means in another.

A number is read in one of two ways, said where it is read: `optional_number` when the cell may
hold no value (most of a publisher's table), `required_number` when it must. No value is an
empty cell, one of the `MISSING_MARKS` publishers print instead, or NaN, which is how a reader
hands over a numeric cell it found empty. "nan" or "inf" written out is not a measurement: it is
refused like any other text.
"""

import math
import re
from typing import Any

#: How publishers mark a value they do not have: ".." not available, "-" and "—" nil or
#: negligible, "~" not applicable, "x" not published.
MISSING_MARKS = frozenset({"", "..", "...", "…", "-", "–", "—", "~", "x", "n.a.", "na", "n/a"})
#: What separates the thousands of a number stored as text: commas and (thin) spaces.
_THOUSANDS_SEPARATORS = re.compile(r"[,\s\u00a0\u202f]")


class MissingValue(ValueError):
    """A cell that must hold a number holds none."""


def cell_text(value: Any) -> str:
    """A cell as text: "" for an empty cell, 1990 for the 1990.0 a spreadsheet reader gives."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def optional_number(value: Any) -> float | None:
    """A cell's number, or None where it holds no value; ValueError for anything else."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        number = float(value)
        if math.isnan(number):
            return None
    elif value is None:
        return None
    else:
        text = str(value).strip()
        try:
            number = float(text)  # most cells of a CSV are plain numbers
        except ValueError:
            if text.lower() in MISSING_MARKS:
                return None
            try:
                number = float(_THOUSANDS_SEPARATORS.sub("", text))
            except ValueError:
                raise ValueError(value) from None
        if math.isnan(number):
            raise ValueError(value)
    if math.isinf(number):
        raise ValueError(value)
    return number


def required_number(value: Any) -> float:
    """A cell's number; MissingValue where it holds none, ValueError for anything else."""
    number = optional_number(value)
    if number is None:
        raise MissingValue(value)
    return number


def column_letter(index: int) -> str:
    """The spreadsheet letter of a column counted from 0: 0 → A, 27 → AB."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters
