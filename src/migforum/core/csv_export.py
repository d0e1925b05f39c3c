"""CSV the platform writes for people to open in spreadsheets: every export uses this writer.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and a leading tab
or carriage return can hide such a start), so a practice's title or a delegate's name could
make the reader's spreadsheet fetch or compute something (CSV injection). As OWASP advises,
such a text cell is written with a leading `'`, which spreadsheets read as "this is text" and do
not show. Numbers are written as they are: -3.5 stays a number.
"""

import csv
from collections.abc import Iterable
from typing import Any, Protocol

#: What a text cell may not start with.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet should show it: a text cell that could start a formula is
    prefixed with `'`; anything else is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class CsvWriter:
    """`csv.writer`, with every cell passed through `safe_cell`. `writerow` returns what the
    file's `write` returns, as `csv.writer` does (a line, for a file that hands lines back)."""

    def __init__(self, out: _Writable, **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)
