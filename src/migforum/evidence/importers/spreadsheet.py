"""Reading workbooks (python-calamine) and CSV files into rows of cells, with errors that say
which file and sheet could not be read.

Every workbook the platform reads is opened by `open_workbook`, which first measures what the
file would expand to: an .xlsx, .xlsm, .xlsb or .ods file is a zip archive, and its central
directory (at the end of the file) states each part's compressed and uncompressed size. A file
whose parts would expand beyond `settings.WORKBOOK_MAX_UNCOMPRESSED_BYTES`, or one part beyond
`WORKBOOK_MAX_COMPRESSION_RATIO` times its compressed size, is refused before any part is
decompressed: a few megabytes can otherwise expand to gigabytes in memory."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

from migforum.core.formats import grouped

from .base import DataFileError, FileSample

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
SAMPLE_ROWS = 30
#: Parts smaller than this expand to little whatever their ratio (a sheet of empty cells).
RATIO_APPLIES_ABOVE = 1 << 20


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in WORKBOOK_SUFFIXES


def check_expansion(path: Path) -> None:
    """Refuse a zip-based workbook whose parts would expand too far, reading only the zip's
    central directory; a file that is not a zip archive (.xls, CSV) is left to its reader."""
    if not zipfile.is_zipfile(path):
        return
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise DataFileError(
            _("The workbook cannot be opened (%(reason)s); it may be damaged or incomplete.")
            % {"reason": str(error)[:200]}
        ) from None
    limit = settings.WORKBOOK_MAX_UNCOMPRESSED_BYTES
    expanded = sum(part.file_size for part in parts)
    if expanded > limit:
        raise DataFileError(
            _(
                "The workbook would expand to %(size)s MB when read, more than the %(limit)s MB "
                "the platform reads; split it or remove what is not needed."
            )
            % {"size": grouped(expanded >> 20), "limit": grouped(limit >> 20)}
        )
    # Parts that share their compressed bytes (a known form of zip bomb) claim more
    # compressed data than the file holds.
    if sum(part.compress_size for part in parts) > path.stat().st_size:
        raise DataFileError(_("The workbook is malformed: its parts overlap."))
    ratio = settings.WORKBOOK_MAX_COMPRESSION_RATIO
    for part in parts:
        if part.file_size > RATIO_APPLIES_ABOVE and part.file_size > ratio * part.compress_size:
            raise DataFileError(
                _(
                    "The workbook's part “%(part)s” expands %(ratio)s times when read, more than "
                    "any spreadsheet does (at most %(limit)s times); it is refused unread."
                )
                % {
                    "part": part.filename[:100],
                    "ratio": grouped(part.file_size // max(part.compress_size, 1)),
                    "limit": ratio,
                }
            )


def open_workbook(path: Path) -> CalamineWorkbook:
    """The workbook, or a DataFileError if it is damaged, truncated, not a workbook or would
    expand too far (see `check_expansion`)."""
    check_expansion(path)
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
