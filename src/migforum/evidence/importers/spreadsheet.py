"""Reading workbooks (python-calamine) and CSV files into rows of cells, with errors that say
which file and sheet could not be read."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from .base import DataFileError, FileSample

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
SAMPLE_ROWS = 30


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in WORKBOOK_SUFFIXES


def open_workbook(path: Path) -> CalamineWorkbook:
    """The workbook, or a DataFileError if it is damaged, truncated or not a workbook."""
    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises its own error types for every kind of damage
        raise DataFileError(
            _("The workbook cannot be opened (%(reason)s); it may be damaged or incomplete.")
            % {"reason": str(error)[:200]}
        ) from None


def sheet_rows(workbook: CalamineWorkbook, name: str) -> list[list[Any]]:
    """Every row of one sheet, cells as Python values ("" for an empty cell)."""
    try:
        return workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception as error:
        raise DataFileError(
            _("The sheet cannot be read (%(reason)s).") % {"reason": str(error)[:200]}, sheet=name
        ) from None


def read_csv(path: Path) -> Iterator[list[str]]:
    """The rows of a CSV file (UTF-8, with or without a byte-order mark)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield from csv.reader(handle)
    except UnicodeDecodeError:
        raise DataFileError(_("The file is not UTF-8 text.")) from None
    except csv.Error as error:
        raise DataFileError(
            _("The CSV file is malformed (%(reason)s).") % {"reason": error}
        ) from None


def sample(path: Path) -> FileSample:
    """The first rows of each sheet, for recognising the format."""
    if is_workbook(path):
        workbook = open_workbook(path)
        sheets = {}
        for name in workbook.sheet_names:
            try:
                rows = workbook.get_sheet_by_name(name).to_python(nrows=SAMPLE_ROWS)
            except Exception:  # noqa: S112  an unreadable sheet is reported when it is read
                continue
            sheets[name] = rows
        return FileSample(path=path, sheets=sheets)
    rows: list[list[Any]] = []
    try:
        with path.open(encoding="utf-8-sig", newline="", errors="replace") as handle:
            head = handle.read(64_000)
        rows = list(csv.reader(io.StringIO(head)))[:SAMPLE_ROWS]
    except (OSError, csv.Error):
        rows = []
    return FileSample(path=path, sheets={path.name: rows})
