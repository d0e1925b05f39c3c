"""What every importer of a publisher's file provides, and the errors it raises.

An importer reads a whole file into memory as a `Release` (observations in long form, the
areas it names, quotes) without touching the database; the import service then writes the
release in one transaction. A file that cannot be read raises `DataFileError`, naming the
sheet, row and column, so nothing is written."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple

from django.utils.translation import gettext as _

from migforum.core.import_requests import Progress, no_progress

if TYPE_CHECKING:
    from ..models import Dataset


class DataFileError(Exception):
    """A file the importer cannot read, with where the problem is."""

    def __init__(
        self,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message, self.sheet, self.row, self.column = message, sheet, row, column

    def __str__(self) -> str:
        where = []
        if self.sheet is not None:
            where.append(_("sheet “%(sheet)s”") % {"sheet": self.sheet})
        if self.row is not None:
            where.append(_("row %(row)d") % {"row": self.row})
        if self.column is not None:
            where.append(_("column %(column)s") % {"column": self.column})
        if not where:
            return self.message
        place = ", ".join(where)
        return f"{place[0].upper()}{place[1:]}: {self.message}"


class Obs(NamedTuple):
    """One observation, as an importer yields it (see `models.Observation`)."""

    indicator: str
    country: str
    partner: str
    period: str
    year: int
    sex: str
    value: float


def end_of_year(year: int | str) -> datetime.date:
    """Where a release named for a year stands among dated ones: that year's last day."""
    return datetime.date(int(year), 12, 31)


def end_of_quarter(period: str) -> datetime.date:
    """Where a release named for a quarter ("2020Q3") stands: the quarter's last day."""
    year, quarter = int(period[:4]), int(period[-1])
    if quarter == 4:
        return end_of_year(year)
    return datetime.date(year, 3 * quarter + 1, 1) - datetime.timedelta(days=1)


@dataclass
class Release:
    """Everything read from one file, ready to be written.

    Which release of its series the file is: its `vintage_date` where the file dates it, else
    `named_period_end` where the publisher names it for a year or a period ("International
    Migrant Stock 2019": `end_of_year(2019)`). A file that says neither is imported only with
    the release date given by the person importing it (see `models.release_order`)."""

    vintage: str
    vintage_date: datetime.date | None = None
    named_period_end: datetime.date | None = None
    observations: list[Obs] = field(default_factory=list)
    #: Area code → (name as published, whether it is an aggregate, M49 code or "").
    areas: dict[str, tuple[str, bool, str]] = field(default_factory=dict)
    #: `models.RemittanceQuote` field values, one dict per quote.
    quotes: list[dict[str, Any]] = field(default_factory=list)
    #: What the reader noticed and the dataset page should say.
    notes: list[str] = field(default_factory=list)


@dataclass
class FileSample:
    """What format detection looks at: the name, and the first rows of each sheet (a CSV is
    one sheet named after the file)."""

    path: Path
    sheets: dict[str, list[list[Any]]]

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()

    def text(self, limit: int = 30) -> str:
        """The sample's cells, lower-cased, as one string for keyword tests."""
        cells = (
            str(cell)
            for rows in self.sheets.values()
            for row in rows[:limit]
            for cell in row
            if cell not in (None, "")
        )
        return " ".join(cells).lower()


class Importer:
    """One publisher's format. Subclasses set the class attributes and implement `read`."""

    kind: ClassVar[str]
    publisher: ClassVar[str]
    title: ClassVar[str]
    licence: ClassVar[str]
    source_url: ClassVar[str] = ""
    citation: ClassVar[str] = ""

    @classmethod
    def recognises(cls, sample: FileSample) -> bool:
        """Whether the file is in this format, from its name and first rows."""
        raise NotImplementedError

    def read(self, path: Path, progress: Progress = no_progress) -> Release:
        """Read the whole file; raise `DataFileError` on anything the format does not allow."""
        raise NotImplementedError

    def derive(self, dataset: Dataset) -> list[Obs]:
        """Indicators the platform computes from this dataset once its observations are
        saved (shares, growth, averages), stored with the same vintage. Runs inside the
        import's transaction: an error here undoes the whole import."""
        return []
