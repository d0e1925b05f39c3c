"""UN DESA International Migrant Stock: the destination workbook and the origin × destination
matrix (see `base.Importer`).

The destination workbook changes its layout from one revision to the next: the sheets are
renamed and reordered, the title and header move, columns such as "Sort order" come and go,
names carry footnote marks and missing values are written "..", "-" or left empty. It is
therefore read by its structure: the stock table is the sheet whose title says so, its header
is the row of years under that title, and the columns are found by what their headings say.
"""

from __future__ import annotations

import datetime
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from migforum.core.cells import cell_text, column_letter, optional_number
from migforum.members.reference import m49_areas

from ..choices import WORLD, DatasetKind, Indicator, Sex
from . import register, spreadsheet
from .base import (
    DataFileError,
    FileSample,
    Importer,
    Obs,
    Progress,
    Release,
    end_of_year,
    no_progress,
)

if TYPE_CHECKING:
    from ..models import Dataset

PUBLISHER = gettext_noop(
    "United Nations Department of Economic and Social Affairs, Population Division"
)
LICENCE = "CC BY 3.0 IGO"
SOURCE_URL = "https://www.un.org/development/desa/pd/content/international-migrant-stock"

#: M49's code for the world in UN DESA's tables (UNSD's own list uses 001).
WORLD_M49 = 900
#: Places UN DESA tabulates that UNSD's M49 list does not give an ISO code: Taiwan is left out
#: of the UNSD list, and the Channel Islands are one place for UN DESA but two (Guernsey,
#: Jersey) for UNSD. "CHI" is the code the origin × destination matrix uses.
EXTRA_M49_AREAS: dict[int, str] = {158: "TWN", 830: "CHI"}
#: Codes of the origin × destination matrix that are not countries.
OTHER_ORIGIN = "XXX"
MATRIX_ONLY_AREAS: dict[str, tuple[str, bool, str]] = {
    OTHER_ORIGIN: ("Other or unknown origin", True, ""),
    "CHI": ("Channel Islands", False, "830"),
}

#: How far below its title a table's header may be, and how many rows above the header its
#: column headings may sit (merged heading cells put the text in their top row).
HEADER_SEARCH_ROWS = 40
HEADING_ROWS_ABOVE = 4
#: Rows read from each sheet to find the tables' titles.
TITLE_SEARCH_ROWS = 60
#: UN DESA's countries add up to their region and to the world exactly, but for rounding: a
#: shortfall beyond half a unit per country (and this share of the total) means rows are
#: missing.
COMPLETENESS_TOLERANCE = 1e-6

_STOCK_TITLE = re.compile(r"international migrant stock at mid[- ]?year", re.IGNORECASE)
_POPULATION_TITLE = re.compile(r"total population at mid[- ]?year", re.IGNORECASE)
#: Titles of the tables derived from the stock, which mention it too.
_DERIVED_TITLE = re.compile(
    r"percentage|per cent|share|rate of change|refugee|distribution|female migrants",
    re.IGNORECASE,
)
_CONTENTS = re.compile(r"^\s*(table of )?contents\s*$", re.IGNORECASE)
_REVISION = re.compile(r"POP/DB/MIG/Stock/Rev\.?\s*(\d{4})", re.IGNORECASE)
_WORKBOOK_YEAR = re.compile(r"international migrant stock:?\s+(?:the\s+)?(\d{4})", re.IGNORECASE)
_YEAR = re.compile(r"^\s*(?:mid-?)?((?:19|20)\d\d)(?:\s*\(?[a-z*]\)?)?\s*$", re.IGNORECASE)
_THOUSANDS = re.compile(r"\bthousands?\b", re.IGNORECASE)
_CODE = re.compile(r"^\s*(\d{1,4})\b")
#: Footnote marks after a name: "Sudan*", "Sudan b", "Sudan (b)", "Sudan 12", "Sudan²".
_FOOTNOTE = re.compile(r"(?:\s*\*+|\s*\((?:[a-z]|\d{1,2})\)|\s+[a-z]|\s+\d{1,2}|[¹²³⁰⁴-⁹]+)+\s*$")
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
#: "Released 18 September 2019", "Published: December 2020" (not "refer to 1 July 2019").
_RELEASE_DATE = re.compile(
    r"\b(?:released|published|issued|updated)\b\D{0,20}?\b(?:(\d{1,2})\s+)?("
    + "|".join(_MONTHS)
    + r")\s+((?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def revision_name(year: str) -> str:
    """The vintage: UN DESA's name for a revision, kept in its own words (not translated,
    since it identifies the release in the API whatever the reader's language)."""
    return f"Revision {year}"


def cell_year(value: Any) -> int | None:
    """The year a header cell names (1990, "1990", "2019 (b)"), or None."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value) if float(value).is_integer() and 1900 <= value <= 2100 else None
    match = _YEAR.match(str(value or ""))
    return int(match.group(1)) if match else None


def clean_name(value: Any) -> str:
    """A place's name without its indentation and footnote marks; capitals softened."""
    name = _FOOTNOTE.sub("", cell_text(value)).strip()
    if name.isupper():
        # UN DESA capitalises the continents ("LATIN AMERICA AND THE CARIBBEAN").
        small = {"and", "the", "of", "excluding", "in"}
        name = " ".join(
            word.lower() if position and word.lower() in small else word.capitalize()
            for position, word in enumerate(name.split())
        )
    return name


def sex_of(text: str) -> str | None:
    """The sex a heading names, if any ("…, females" → female; "both sexes" → total)."""
    text = text.lower()
    if re.search(r"\bfemales?\b|\bwomen\b", text):
        return Sex.FEMALE
    if re.search(r"\bmales?\b|\bmen\b", text):
        return Sex.MALE
    if re.search(r"both sexes|\btotal\b", text):
        return Sex.TOTAL
    return None


@dataclass
class M49Areas:
    """What UNSD's M49 standard says about a location code."""

    iso3_by_code: dict[int, str]
    name_by_iso3: dict[str, str]
    #: Codes of M49's regions and sub-regions (002 Africa, 419 Latin America…).
    region_codes: set[int]


@cache
def m49() -> M49Areas:
    iso3_by_code: dict[int, str] = {}
    name_by_iso3: dict[str, str] = {}
    region_codes: set[int] = set()
    for iso3, row in m49_areas().items():
        for column in ("Global Code", "Region Code", "Sub-region Code", "Intermediate Region Code"):
            if row.get(column, "").strip().isdigit():
                region_codes.add(int(row[column]))
        if iso3 and row.get("M49 Code", "").strip().isdigit():
            iso3_by_code[int(row["M49 Code"])] = iso3
            name_by_iso3[iso3] = row["Country or Area"]
    for code, iso3 in EXTRA_M49_AREAS.items():
        iso3_by_code.setdefault(code, iso3)
    return M49Areas(iso3_by_code, name_by_iso3, region_codes)


def area_for(code: int, name: str) -> tuple[str, tuple[str, bool, str]]:
    """The area code for a UN DESA location code, with the `Release.areas` entry."""
    m49_code = f"{code:03d}" if code < 1000 else ""
    if code == WORLD_M49:
        return WORLD, ("World", True, m49_code)
    known = m49()
    iso3 = known.iso3_by_code.get(code)
    if iso3:
        return iso3, (name, False, m49_code)
    # Regions, development groups, income groups: UN DESA's own aggregates keep its code
    # (M49 numbers its regions below 900, UN DESA its other groupings from 900 up). A code
    # below 900 that is no region is a country or area M49 gives no ISO code.
    is_aggregate = code >= WORLD_M49 or code in known.region_codes
    return f"M49-{code}", (name, is_aggregate, m49_code)


# The destination workbook ------------------------------------------------------------------


@dataclass
class Table:
    """Where one of the workbook's tables is, as found from its title and header."""

    sheet: str
    title: str
    indicator: str
    title_row: int
    header_row: int
    name_column: int
    code_column: int
    #: (column, sex, year) of every value column.
    value_columns: list[tuple[int, str, int]]
    #: Multiplier to persons: UN DESA gives population in thousands.
    scale: float = 1.0
    notes: list[str] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return sorted({year for _column, _sex, year in self.value_columns})


@dataclass
class TableRow:
    number: int  # 1-based, as the spreadsheet shows it
    code: int
    area: str
    #: The `Release.areas` entry: name as published, whether an aggregate, M49 code.
    entry: tuple[str, bool, str]
    values: dict[tuple[str, int], float]
    #: A place listed a second time (UN DESA lists "Australia and New Zealand" both as an SDG
    #: region and as a geographic one): its figures are read once.
    repeated: bool = False

    @property
    def is_aggregate(self) -> bool:
        return self.entry[1]


def _title_of(rows: list[list[Any]]) -> tuple[int, str, str] | None:
    """The first table title on a sheet: (row index, title, indicator); None if the sheet has
    no table of ours or is a table of contents (it lists several tables' titles)."""
    found: list[tuple[int, str, str]] = []
    contents = False
    for index, row in enumerate(rows[:TITLE_SEARCH_ROWS]):
        for cell in row:
            text = cell_text(cell)
            if not text:
                continue
            if _CONTENTS.match(text):
                contents = True
            if _DERIVED_TITLE.search(text):
                continue
            if _STOCK_TITLE.search(text):
                found.append((index, text, Indicator.MIGRANT_STOCK))
            elif _POPULATION_TITLE.search(text):
                found.append((index, text, Indicator.POPULATION))
    if not found or contents or len({indicator for _i, _t, indicator in found}) > 1:
        return None
    return found[0]


def _headings(rows: list[list[Any]], header_row: int, top: int, column: int) -> list[str]:
    """The heading texts over a column, nearest first: its cells from the header row up to a
    few rows above, stopping under the title (a merged heading keeps its text in its top
    cell)."""
    texts = []
    for index in range(header_row, max(top, header_row - HEADING_ROWS_ABOVE) - 1, -1):
        row = rows[index]
        if column < len(row) and isinstance(row[column], str) and row[column].strip():
            texts.append(row[column].strip())
    return texts


def _is_header(row: list[Any]) -> bool:
    """A row of years: at least two, and no other number right of the first (a row of
    figures may hold numbers that look like years, but not only those)."""
    years = [index for index, cell in enumerate(row) if cell_year(cell) is not None]
    if len(years) < 2:
        return False
    return not any(
        isinstance(cell, int | float) and cell_year(cell) is None for cell in row[years[0] :]
    )


def _column_where(
    rows: list[list[Any]], columns: Iterable[int], found: Callable[[Any], bool]
) -> int | None:
    """The first of these columns with a cell, in these rows, that satisfies `found`."""
    for column in columns:
        if any(column < len(row) and found(row[column]) for row in rows):
            return column
    return None


def find_table(sheet: str, rows: list[list[Any]]) -> Table | None:
    """The table on this sheet, or None if it has none of ours; DataFileError if it has the
    title of one but not the header a table needs."""
    titled = _title_of(rows)
    if titled is None:
        return None
    title_row, title, indicator = titled
    header_row = None
    for index in range(title_row + 1, min(len(rows), title_row + 1 + HEADER_SEARCH_ROWS)):
        if _is_header(rows[index]):
            header_row = index
            break
    if header_row is None:
        raise DataFileError(
            _("Under the title “%(title)s” there is no header row with the years.")
            % {"title": title[:120]},
            sheet=sheet,
            row=title_row + 1,
        )
    header = rows[header_row]
    year_columns = [(c, cell_year(cell)) for c, cell in enumerate(header)]
    year_columns_found = [(c, y) for c, y in year_columns if y is not None]
    first_year_column = year_columns_found[0][0]

    # Columns left of the years: the place's name, its location code, notes, type of data.
    name_column = code_column = None
    for column in range(first_year_column):
        headings = _headings(rows, header_row, title_row + 1, column)
        heading = headings[0].lower() if headings else ""
        if code_column is None and re.search(r"\bcode\b|\bloc ?id\b", heading):
            code_column = column
        elif name_column is None and re.search(r"\barea\b|\bcountry\b|\bregion\b", heading):
            name_column = column
    # Unlabelled columns are known by their contents: the world's code 900 and names.
    below = rows[header_row + 1 : header_row + 1 + HEADER_SEARCH_ROWS]
    if code_column is None:
        code_column = _column_where(
            below, range(first_year_column), lambda cell: cell_text(cell) == str(WORLD_M49)
        )
    if name_column is None:
        name_column = _column_where(
            below,
            (c for c in range(first_year_column) if c != code_column),
            lambda cell: clean_name(cell).lower() == "world",
        )
    missing = [
        label
        for label, column in ((_("location code"), code_column), (_("name"), name_column))
        if column is None
    ]
    if missing or name_column is None or code_column is None:
        raise DataFileError(
            _("The header has no column for the %(columns)s.") % {"columns": ", ".join(missing)},
            sheet=sheet,
            row=header_row + 1,
        )

    # The years repeat once per sex: a block starts where the years start again.
    blocks: list[list[tuple[int, int]]] = []
    for column, year in year_columns_found:
        if not blocks or year <= blocks[-1][-1][1]:
            blocks.append([])
        blocks[-1].append((column, year))
    sexes = []
    for block in blocks:
        # The nearest heading over the block that names a sex.
        found = (
            sex_of(text)
            for column, _year in block
            for text in _headings(rows, header_row - 1, title_row + 1, column)
        )
        sexes.append(next((sex for sex in found if sex is not None), None))
    if None in sexes:
        # Unlabelled blocks follow UN DESA's order: both sexes, males, females.
        default = [Sex.TOTAL, Sex.MALE, Sex.FEMALE]
        if len(blocks) > len(default) or any(s is not None for s in sexes):
            raise DataFileError(
                _("The header does not say which sex each group of years is for."),
                sheet=sheet,
                row=header_row + 1,
            )
        sexes = default[: len(blocks)]
    if len(set(sexes)) != len(sexes):
        raise DataFileError(
            _("The header gives the same sex to two groups of years."),
            sheet=sheet,
            row=header_row + 1,
        )
    value_columns = [
        (column, str(sex), year)
        for block, sex in zip(blocks, sexes, strict=True)
        for column, year in block
    ]
    heading_text = (
        title + " " + " ".join(cell_text(c) for r in rows[title_row:header_row] for c in r)
    )
    scale = 1000.0 if _THOUSANDS.search(heading_text) else 1.0
    return Table(
        sheet=sheet,
        title=title,
        indicator=indicator,
        title_row=title_row,
        header_row=header_row,
        name_column=name_column,
        code_column=code_column,
        value_columns=value_columns,
        scale=scale,
    )


def table_rows(table: Table, rows: list[list[Any]]) -> list[TableRow]:
    """The table's rows of places, checked: every value a number or a mark for missing, and
    the table complete (it does not end on a region, its countries add up to the world)."""
    result: list[TableRow] = []
    seen: dict[int, TableRow] = {}
    for index in range(table.header_row + 1, len(rows)):
        row = rows[index]
        number = index + 1
        code_text = cell_text(row[table.code_column]) if table.code_column < len(row) else ""
        code_match = _CODE.match(code_text)
        if not code_match:
            # Blank rows, and the notes under a table, have no location code; a row with
            # figures but no code is a damaged row.
            if any(
                isinstance(row[c], int | float) and not isinstance(row[c], bool)
                for c, _s, _y in table.value_columns
                if c < len(row)
            ):
                raise DataFileError(
                    _("This row has figures but no location code."),
                    sheet=table.sheet,
                    row=number,
                    column=column_letter(table.code_column),
                )
            continue
        code = int(code_match.group(1))
        name = clean_name(row[table.name_column] if table.name_column < len(row) else "")
        area, entry = area_for(code, name)
        values: dict[tuple[str, int], float] = {}
        for column, sex, year in table.value_columns:
            cell = row[column] if column < len(row) else ""
            try:
                value = optional_number(cell)
            except ValueError:
                raise DataFileError(
                    _("“%(text)s” is not a number.") % {"text": cell_text(cell)[:60]},
                    sheet=table.sheet,
                    row=number,
                    column=column_letter(column),
                ) from None
            if value is not None:
                # Thousands with three decimals are whole persons: drop the float's dust.
                values[sex, year] = round(value * table.scale) if table.scale != 1 else value
        first = seen.get(code)
        if first is not None and first.values != values:
            table.notes.append(
                _(
                    "%(sheet)s, row %(row)d: “%(area)s” is listed again with other figures "
                    "than in row %(first)d; the first are kept."
                )
                % {"sheet": table.sheet, "row": number, "area": entry[0], "first": first.number}
            )
        row_read = TableRow(number, code, area, entry, values, repeated=first is not None)
        seen.setdefault(code, row_read)
        result.append(row_read)
    if not result:
        raise DataFileError(
            _("The table has a header but no rows of countries or areas under it."),
            sheet=table.sheet,
            row=table.header_row + 1,
        )
    _check_complete(table, result)
    return result


def _check_complete(table: Table, rows: list[TableRow]) -> None:
    """A table cut off part-way ends on a region without its countries, or on a region whose
    countries fall short of its total, or leaves the countries short of the world total."""
    last = rows[-1]
    # Whether the table lists each region's countries under it, as UN DESA's tables do: a
    # region comes between countries and heads some of them. (A table could also list every
    # country first and the regions after them.)
    first_country = next((i for i, row in enumerate(rows) if not row.is_aggregate), len(rows))
    nested = any(
        region.is_aggregate and not country.is_aggregate
        for region, country in zip(rows[first_country:], rows[first_country + 1 :], strict=False)
    )
    if nested and last.is_aggregate and last.area != WORLD:
        raise DataFileError(
            _(
                "The table ends with “%(area)s” and none of its countries or areas: it seems "
                "to be cut off."
            )
            % {"area": last.entry[0]},
            sheet=table.sheet,
            row=last.number,
        )
    if nested:
        # The last region's countries: every one it lists must be there.
        start = len(rows)
        while start > 0 and not rows[start - 1].is_aggregate:
            start -= 1
        if 0 < start < len(rows) and rows[start - 1].area != WORLD:
            _check_sums(table, rows[start - 1], rows[start:], last)
    world = next((row for row in rows if row.area == WORLD), None)
    if world is None:
        table.notes.append(
            _("%(sheet)s: no world row; the table's completeness could not be checked.")
            % {"sheet": table.sheet}
        )
        return
    countries = [row for row in rows if not row.is_aggregate and not row.repeated]
    _check_sums(table, world, countries, last)


def _check_sums(table: Table, total: TableRow, parts: list[TableRow], last: TableRow) -> None:
    """Raise if the parts add up to less than the total for a year and sex all of them give.
    Places with no figures at all (UN DESA lists Taiwan with "..") are left out; more than the
    total is the publisher's business, not a sign of a cut."""
    parts = [part for part in parts if part.values]
    for key, expected in total.values.items():
        if not all(key in part.values for part in parts):
            continue
        found = sum(part.values[key] for part in parts)
        rounding = 0.5 * len(parts) * table.scale
        if expected - found > rounding + COMPLETENESS_TOLERANCE * abs(expected):
            sex, year = key
            raise DataFileError(
                _(
                    "The countries and areas under “%(area)s” add up to %(found)s for "
                    "%(year)s (%(sex)s), short of its total of %(expected)s: the table seems "
                    "to be cut off after this row."
                )
                % {
                    "area": total.entry[0],
                    "found": f"{found:,.0f}",
                    "year": year,
                    "sex": Sex(sex).label,
                    "expected": f"{expected:,.0f}",
                },
                sheet=table.sheet,
                row=last.number,
            )


def _vintage(sheets: dict[str, list[list[Any]]], tables: list[Table]) -> tuple[str, str]:
    """The revision the workbook says it is ("Revision 2020"), and the year it names. A
    workbook that names none is the revision of its last year: UN DESA names each revision
    after the last year it estimates (the 2019 revision runs to 2019)."""
    texts = [cell_text(cell) for rows in sheets.values() for row in rows for cell in row]
    for pattern in (_REVISION, _WORKBOOK_YEAR):
        for text in texts:
            match = pattern.search(text)
            if match:
                return revision_name(match.group(1)), match.group(1)
    latest = str(max(year for table in tables for year in table.years))
    return revision_name(latest), latest


def _release_date(sheets: dict[str, list[list[Any]]]) -> datetime.date | None:
    """The release date where the workbook states one near the top of a sheet."""
    for rows in sheets.values():
        for row in rows[:12]:
            for cell in row:
                if isinstance(cell, datetime.datetime):
                    return cell.date()
                if isinstance(cell, datetime.date):
                    return cell
                match = _RELEASE_DATE.search(cell_text(cell))
                if match:
                    day, month, year = match.groups()
                    month_number = _MONTHS.index(month.lower()) + 1
                    return datetime.date(int(year), month_number, int(day or 1))
    return None


def _citation(sheets: dict[str, list[list[Any]]]) -> str:
    for rows in sheets.values():
        for row in rows[:12]:
            for cell in row:
                text = cell_text(cell)
                if text.lower().startswith("suggested citation:"):
                    return text.split(":", 1)[1].strip()
    return ""


@register
class MigrantStockByDestination(Importer):
    """UN DESA's destination workbook: migrant stock by sex and year for every country, area
    and aggregate, and the total population where the workbook has it."""

    kind = DatasetKind.MIGRANT_STOCK_DESTINATION
    publisher = PUBLISHER
    title = gettext_noop("International Migrant Stock: destination")
    licence = LICENCE
    source_url = SOURCE_URL
    citation = (
        "United Nations Department of Economic and Social Affairs, Population Division "
        "(2020). International Migrant Stock 2020."
    )

    @classmethod
    def recognises(cls, sample: FileSample) -> bool:
        if not spreadsheet.is_workbook(sample.path):
            return False
        return any(_title_of(rows) is not None for rows in sample.sheets.values())

    def read(self, path: Path, progress: Progress = no_progress) -> Release:
        workbook = spreadsheet.open_workbook(path)
        heads: dict[str, list[list[Any]]] = {}
        for name in workbook.sheet_names:
            try:
                heads[name] = workbook.get_sheet_by_name(name).to_python(
                    skip_empty_area=False, nrows=TITLE_SEARCH_ROWS
                )
            except Exception:  # noqa: S112  a sheet we cannot read is not one of the tables
                continue
        titles = {name: _title_of(rows) for name, rows in heads.items()}
        candidates = [name for name, titled in titles.items() if titled is not None]
        tables: dict[str, Table] = {}
        rows_of: dict[str, list[list[Any]]] = {}
        #: A titled sheet without a table's header: a contents page not recognised as one, or
        #: a damaged table. Which, is decided once every sheet has been looked at.
        headless: dict[str, list[DataFileError]] = defaultdict(list)
        for step, name in enumerate(candidates, start=1):
            progress(_("Reading sheet “%(sheet)s”") % {"sheet": name}, step, len(candidates))
            rows = spreadsheet.sheet_rows(workbook, name)
            try:
                table = find_table(name, rows)
            except DataFileError as error:
                titled = titles[name]
                assert titled is not None
                headless[titled[2]].append(error)
                continue
            if table is None or table.indicator in tables:
                continue
            tables[table.indicator] = table
            rows_of[table.indicator] = rows
        stock = tables.get(Indicator.MIGRANT_STOCK)
        if stock is None:
            if headless[Indicator.MIGRANT_STOCK]:
                raise headless[Indicator.MIGRANT_STOCK][0]
            raise DataFileError(
                _(
                    "The workbook has no table titled “International migrant stock at mid-year "
                    "by sex”."
                )
            )
        # What the stock table's own sheet says about the release comes first.
        heads = {stock.sheet: heads[stock.sheet]} | heads
        vintage, revision_year = _vintage(heads, list(tables.values()))
        release = Release(
            vintage=vintage,
            vintage_date=_release_date(heads),
            named_period_end=end_of_year(revision_year),
        )
        if Indicator.POPULATION not in tables:
            # The population only adds the migrants' share of it: without a table we can
            # read, the stock is imported alone.
            release.notes.extend(
                _("The population was not read: %(error)s") % {"error": error}
                for error in headless[Indicator.POPULATION]
            )
        # The dataset cites the revision it holds: the workbook's own suggested citation, or
        # UN DESA's usual wording for that revision.
        self.citation = _citation(heads) or (  # type: ignore[misc]
            f"{PUBLISHER} ({revision_year}). International Migrant Stock {revision_year}."
        )
        for indicator, table in tables.items():
            rows = table_rows(table, rows_of[indicator])
            release.notes.append(
                _("%(indicator)s: sheet “%(sheet)s”, %(rows)d rows, years %(years)s.")
                % {
                    "indicator": Indicator(indicator).label,
                    "sheet": table.sheet,
                    "rows": len(rows),
                    "years": ", ".join(str(year) for year in table.years),
                }
            )
            release.notes.extend(table.notes)
            for row in rows:
                release.areas.setdefault(row.area, row.entry)
                if row.repeated:
                    continue
                release.observations.extend(
                    Obs(indicator, row.area, "", str(year), year, sex, value)
                    for (sex, year), value in row.values.items()
                )
        if revision_year not in {str(year) for year in stock.years}:
            release.notes.append(
                _("The revision's year %(year)s is not among the table's years.")
                % {"year": revision_year}
            )
        return release

    def derive(self, dataset: Dataset) -> list[Obs]:
        stock: dict[tuple[str, str, int], float] = {}
        population: dict[tuple[str, str, int], float] = {}
        for indicator, country, sex, year, value in dataset.observations.filter(
            indicator__in=[Indicator.MIGRANT_STOCK, Indicator.POPULATION], partner=""
        ).values_list("indicator", "country", "sex", "year", "value"):
            target = stock if indicator == Indicator.MIGRANT_STOCK else population
            target[country, sex, year] = value
        derived = stock_shares_and_growth(stock, partner="")
        for (country, sex, year), migrants in stock.items():
            people = population.get((country, sex, year))
            if people:
                derived.append(
                    Obs(
                        Indicator.MIGRANT_SHARE_OF_POPULATION,
                        country,
                        "",
                        str(year),
                        year,
                        sex,
                        100.0 * migrants / people,
                    )
                )
        for (country, sex, year), migrants in stock.items():
            world = stock.get((WORLD, sex, year))
            if world:
                derived.append(
                    Obs(
                        Indicator.MIGRANT_SHARE_OF_WORLD,
                        country,
                        "",
                        str(year),
                        year,
                        sex,
                        100.0 * migrants / world,
                    )
                )
        return derived


def stock_shares_and_growth(
    stock: dict[tuple[str, str, int], float], *, partner: str | None
) -> list[Obs]:
    """Women's share of the migrants, and the annual rate of change of the stock between
    successive years of the series (UN DESA's exponential rate, 100·ln(s2/s1)/(y2−y1), dated
    by the later year). `stock` is keyed by (place, sex, year); `partner=None` means the
    place is the partner (origin) and the country is the world."""
    derived: list[Obs] = []

    def obs(indicator: str, place: str, sex: str, year: int, value: float) -> Obs:
        if partner is None:
            return Obs(indicator, WORLD, place, str(year), year, sex, value)
        return Obs(indicator, place, partner, str(year), year, sex, value)

    series: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    for (place, sex, year), value in stock.items():
        series[place, sex].append((year, value))
        if sex == Sex.FEMALE:
            total = stock.get((place, Sex.TOTAL, year))
            if total:
                derived.append(
                    obs(
                        Indicator.FEMALE_SHARE_OF_MIGRANTS,
                        place,
                        Sex.TOTAL,
                        year,
                        100.0 * value / total,
                    )
                )
    for (place, sex), points in series.items():
        points.sort()
        for (year1, stock1), (year2, stock2) in zip(points, points[1:], strict=False):
            if stock1 > 0 and stock2 > 0:
                rate = 100.0 * math.log(stock2 / stock1) / (year2 - year1)
                derived.append(obs(Indicator.MIGRANT_STOCK_GROWTH, place, sex, year2, rate))
    return derived


# The origin × destination matrix ------------------------------------------------------------

_MATRIX_COLUMNS = {
    "destination": re.compile(r"dest", re.IGNORECASE),
    "origin": re.compile(r"orig", re.IGNORECASE),
    "year": re.compile(r"^\s*year\s*$", re.IGNORECASE),
    "sex": re.compile(r"^\s*(sex|gender)\s*$", re.IGNORECASE),
    "value": re.compile(r"stock|value|migrants", re.IGNORECASE),
}
_ISO3 = re.compile(r"^[A-Z]{3}$")
_SEX_VALUES: dict[str, str] = {
    "female": Sex.FEMALE.value,
    "females": Sex.FEMALE.value,
    "f": Sex.FEMALE.value,
    "male": Sex.MALE.value,
    "males": Sex.MALE.value,
    "m": Sex.MALE.value,
    "total": Sex.TOTAL.value,
    "both sexes": Sex.TOTAL.value,
    "both": Sex.TOTAL.value,
    "t": Sex.TOTAL.value,
}
_FILE_REVISION = re.compile(r"(?:ims|rev(?:ision)?)[_ .-]?((?:19|20)\d\d)", re.IGNORECASE)
PROGRESS_EVERY_ROWS = 10_000


def _matrix_header(header: Iterable[str]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for index, heading in enumerate(header):
        for role, pattern in _MATRIX_COLUMNS.items():
            if role not in columns and pattern.search(heading):
                columns[role] = index
                break
    return columns if len(columns) == len(_MATRIX_COLUMNS) else None


@register
class MigrantStockBilateral(Importer):
    """UN DESA's origin × destination matrix by sex, as a long CSV of ISO3 codes: one row per
    destination, origin, year and sex, non-zero cells only."""

    kind = DatasetKind.MIGRANT_STOCK_BILATERAL
    publisher = PUBLISHER
    title = gettext_noop("International Migrant Stock: origin and destination")
    licence = LICENCE
    source_url = SOURCE_URL
    citation = (
        "United Nations Department of Economic and Social Affairs, Population Division "
        "(2020). International Migrant Stock 2020 (origin and destination, by sex; "
        "long form with ISO3 codes as packaged by IOM's Global Data Institute)."
    )

    @classmethod
    def recognises(cls, sample: FileSample) -> bool:
        if spreadsheet.is_workbook(sample.path):
            return False
        rows = next(iter(sample.sheets.values()), [])
        return bool(rows) and _matrix_header(rows[0]) is not None

    def read(self, path: Path, progress: Progress = no_progress) -> Release:
        lines = list(spreadsheet.read_csv(path))
        if not lines:
            raise DataFileError(_("The file is empty."))
        columns = _matrix_header(lines[0])
        if columns is None:
            raise DataFileError(
                _(
                    "The header must name the destination, origin, year, sex and migrant stock "
                    "columns."
                ),
                row=1,
            )
        destination_at, origin_at = columns["destination"], columns["origin"]
        year_at, sex_at, value_at = columns["year"], columns["sex"], columns["value"]
        width = max(columns.values()) + 1
        by_sex: dict[tuple[str, str, int, str], float] = {}
        total = len(lines) - 1
        step = _("Reading the origin × destination matrix")
        checked_codes: set[str] = set()
        for number, line in enumerate(lines[1:], start=2):
            if len(line) < width:
                if not any(cell.strip() for cell in line):
                    continue
                raise DataFileError(_("The row is cut short."), row=number)
            destination = line[destination_at].strip().upper()
            origin = line[origin_at].strip().upper()
            for role, code in (("destination", destination), ("origin", origin)):
                if code not in checked_codes:
                    if not _ISO3.match(code):
                        raise DataFileError(
                            _("“%(text)s” is not an ISO 3166 alpha-3 code.") % {"text": code[:20]},
                            row=number,
                            column=role,
                        )
                    checked_codes.add(code)
            try:
                year = int(line[year_at])
            except ValueError:
                raise DataFileError(
                    _("“%(text)s” is not a year.") % {"text": line[year_at][:20]},
                    row=number,
                    column="year",
                ) from None
            sex = _SEX_VALUES.get(line[sex_at].strip().lower())
            if sex is None:
                raise DataFileError(
                    _("“%(text)s” is not a sex (Female, Male or Total).")
                    % {"text": line[sex_at][:20]},
                    row=number,
                    column="sex",
                )
            text = line[value_at]
            try:
                value = optional_number(text)
            except ValueError:
                raise DataFileError(
                    _("“%(text)s” is not a number.") % {"text": text[:20]},
                    row=number,
                    column="value",
                ) from None
            if value is None:
                continue
            key = (destination, origin, year, sex)
            if key in by_sex:
                raise DataFileError(
                    _("This destination, origin, year and sex appear twice."), row=number
                )
            by_sex[key] = value
            if number % PROGRESS_EVERY_ROWS == 0:
                progress(step, number - 1, total)
        progress(step, total, total)

        # The matrix gives women and men; both sexes together is their sum unless the file
        # has its own total.
        totals: dict[tuple[str, str, int], float] = defaultdict(float)
        published_totals = {key[:3] for key in by_sex if key[3] == Sex.TOTAL}
        for (destination, origin, year, sex), value in by_sex.items():
            if sex != Sex.TOTAL and (destination, origin, year) not in published_totals:
                totals[destination, origin, year] += value
        year = self._revision_year(path, by_sex)
        release = Release(vintage=revision_name(year), named_period_end=end_of_year(year))
        self.citation = (  # type: ignore[misc]
            f"{PUBLISHER} ({year}). International Migrant Stock {year}: origin and destination, "
            "by sex (long form with ISO3 codes, as packaged by IOM's Global Data Institute)."
        )
        observations = release.observations
        observations.extend(
            Obs(Indicator.MIGRANT_STOCK, destination, origin, str(year), year, sex, value)
            for (destination, origin, year, sex), value in by_sex.items()
        )
        observations.extend(
            Obs(Indicator.MIGRANT_STOCK, destination, origin, str(year), year, Sex.TOTAL, value)
            for (destination, origin, year), value in totals.items()
        )
        codes = {key[0] for key in by_sex} | {key[1] for key in by_sex}
        release.areas = self._areas(codes, release.notes)
        return release

    def derive(self, dataset: Dataset) -> list[Obs]:
        """Migrants by origin, all destinations together (country "WLD", partner the origin),
        with women's share and the annual rate of change."""
        by_origin: dict[tuple[str, str, int], float] = {
            (origin, sex, year): total
            for origin, sex, year, total in dataset.observations.filter(
                indicator=Indicator.MIGRANT_STOCK
            )
            .exclude(partner="")
            .values_list("partner", "sex", "year")
            .annotate(total=Sum("value"))
            .values_list("partner", "sex", "year", "total")
        }
        derived = [
            Obs(Indicator.MIGRANT_STOCK, WORLD, origin, str(year), year, sex, total)
            for (origin, sex, year), total in by_origin.items()
        ]
        return derived + stock_shares_and_growth(by_origin, partner=None)

    @staticmethod
    def _revision_year(path: Path, by_sex: dict[tuple[str, str, int, str], float]) -> str:
        # The CSV does not state its revision; its name does ("…ims2020…"), else its last year.
        match = _FILE_REVISION.search(path.name)
        return match.group(1) if match else str(max(key[2] for key in by_sex))

    @staticmethod
    def _areas(codes: set[str], notes: list[str]) -> dict[str, tuple[str, bool, str]]:
        areas: dict[str, tuple[str, bool, str]] = {}
        known = m49()
        code_by_iso3 = {iso3: code for code, iso3 in known.iso3_by_code.items()}
        unknown = []
        for iso3 in sorted(codes):
            if iso3 in MATRIX_ONLY_AREAS:
                areas[iso3] = MATRIX_ONLY_AREAS[iso3]
            elif iso3 in known.name_by_iso3:
                areas[iso3] = (known.name_by_iso3[iso3], False, f"{code_by_iso3[iso3]:03d}")
            else:
                unknown.append(iso3)
                areas[iso3] = (iso3, False, "")
        if unknown:
            notes.append(
                _("Codes not in the M49 standard, kept as they are: %(codes)s.")
                % {"codes": ", ".join(unknown)}
            )
        return areas
