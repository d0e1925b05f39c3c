"""Importers for the World Bank's and KNOMAD's remittance and migration workbooks: annual
remittance inflows and outflows, and the bilateral matrices of remittances and migrant stocks.

The workbooks name countries, not codes, in the World Bank's own spellings ("Egypt, Arab
Rep.", "Korea, Rep."), and their layout moves between releases (a blank first row, years as
numbers or as text, notes under the table). So every reader finds its header row and its name
column by what they contain, turns every name into a code through `area_code` (an unknown name
is an error, never a silent loss), and checks the totals the publisher prints against the
values beside them, which is how a truncated or damaged table shows itself.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from migforum.core.cells import column_letter, optional_number
from migforum.core.formats import grouped
from migforum.core.search.text import fold
from migforum.members.names import iso2_for, name_key
from migforum.members.reference import m49_areas

from ..choices import WORLD, DatasetKind, Indicator, Sex
from ..labels import MONTHS
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

WORLD_BANK_LICENCE = "CC BY 4.0"

#: The World Bank's spellings that neither the UN's M49 names nor CLDR's English names give.
WORLD_BANK_SPELLINGS = {
    "Bahamas, The": "BHS",
    "Congo, Dem. Rep.": "COD",
    "Congo, Rep.": "COG",
    "Egypt, Arab Rep.": "EGY",
    "Gambia, The": "GMB",
    "Hong Kong SAR, China": "HKG",
    "Iran, Islamic Rep.": "IRN",
    "Korea, Dem. Rep.": "PRK",
    "Korea, Dem. People's Rep.": "PRK",
    "Korea, Rep.": "KOR",
    "Kyrgyz Republic": "KGZ",
    "Lao PDR": "LAO",
    "Macao SAR, China": "MAC",
    "Macedonia, FYR": "MKD",
    "Micronesia, Fed. Sts.": "FSM",
    "Slovak Republic": "SVK",
    "St. Kitts and Nevis": "KNA",
    "St. Lucia": "LCA",
    "St. Martin (French part)": "MAF",
    "St. Vincent and the Grenadines": "VCT",
    "Turkiye": "TUR",
    "Türkiye, Rep. of": "TUR",
    "Venezuela, RB": "VEN",
    "Yemen, Rep.": "YEM",
    "Virgin Islands (U.S.)": "VIR",
    "British Virgin Islands": "VGB",
    "West Bank and Gaza": "PSE",
    "Faeroe Islands": "FRO",
    "Czech Republic": "CZE",
    "Swaziland": "SWZ",
    "Cape Verde": "CPV",
    "Vietnam": "VNM",
    "Bolivia": "BOL",
    "Moldova": "MDA",
    "Tanzania": "TZA",
    "Russia": "RUS",
    "Iran": "IRN",
    "Syria": "SYR",
    "Venezuela": "VEN",
    "Micronesia": "FSM",
    "Curacao": "CUW",
    "Sint Maarten (Dutch part)": "SXM",
    "United States of America": "USA",
    "Taiwan, China": "TWN",
}
#: Places outside ISO 3166 get the codes the publishers give them: the World Bank's XKX for
#: Kosovo, UN DESA's CHI for the Channel Islands.
CODES_OUTSIDE_ISO = {"Kosovo": "XKX", "Channel Islands": "CHI"}
#: The World Bank's aggregates, by the names its workbooks print, with its own codes. The
#: regional groups of the KNOMAD workbooks hold low- and middle-income countries only, so
#: they take the codes of the regions "excluding high income" (EAP, not EAS).
AGGREGATES = {
    "World": WORLD,
    "Low and middle income": "LMY",
    "Low-and Middle-Income Countries": "LMY",
    "Low and Middle-Income Countries": "LMY",
    "Low & middle income": "LMY",
    "Middle income": "MIC",
    "Low income": "LIC",
    "Lower middle income": "LMC",
    "Upper middle income": "UMC",
    "High income": "HIC",
    "East Asia and Pacific": "EAP",
    "East Asia & Pacific": "EAP",
    "Europe and Central Asia": "ECA",
    "Europe & Central Asia": "ECA",
    "Latin America and Caribbean": "LAC",
    "Latin America and the Caribbean": "LAC",
    "Latin America & Caribbean": "LAC",
    "Middle East and North Africa": "MNA",
    "Middle East & North Africa": "MNA",
    "South Asia": "SAS",
    "Sub-Saharan Africa": "SSA",
    # The bilateral migration matrix's residual origins, which have no code of their own.
    "Other North": "OTHER-NORTH",
    "Other South": "OTHER-SOUTH",
}
MONTH_YEAR = re.compile(r"\b(" + "|".join(MONTHS) + r")\s*,?\s*((?:19|20)\d\d)\b")


@lru_cache(maxsize=1)
def _name_index() -> dict[str, tuple[str, bool]]:
    """Every known spelling → (code, whether an aggregate)."""
    english = Locale.parse("en").territories
    index: dict[str, tuple[str, bool]] = {}
    for iso3, row in m49_areas().items():
        if not iso3:
            continue
        index[name_key(iso3)] = (iso3, False)
        index[name_key(row["Country or Area"])] = (iso3, False)
        try:
            cldr_name = english.get(iso2_for(iso3))
        except KeyError:
            cldr_name = None
        if cldr_name:
            index[name_key(cldr_name)] = (iso3, False)
    for spelling, code in {**WORLD_BANK_SPELLINGS, **CODES_OUTSIDE_ISO}.items():
        index[name_key(spelling)] = (code, False)
    for spelling, code in AGGREGATES.items():
        index[name_key(spelling)] = (code, True)
    return index


def area_code(name: str) -> tuple[str, bool] | None:
    """The code for a place as a publisher names it, and whether it is an aggregate."""
    return _name_index().get(name_key(str(name)))


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    return frozenset(code for code, aggregate in _name_index().values() if not aggregate)


@lru_cache(maxsize=1)
def _m49_codes() -> dict[str, str]:
    """ISO3 → M49 code; the Channel Islands have an M49 code but no ISO one."""
    return {"CHI": "830"} | {
        iso3: row["M49 Code"] for iso3, row in m49_areas().items() if iso3 and row["M49 Code"]
    }


def area_entry(code: str, name: str) -> tuple[str, bool, str]:
    """A `Release.areas` value: a code no country has is one of the publisher's aggregates."""
    return (name.strip() or code, code not in _country_codes(), _m49_codes().get(code, ""))


def year_of(cell: Any) -> int | None:
    """The year a header cell names: 2020, 2020.0, "2020", "2020e"; else None."""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    match = re.fullmatch(r"\s*((?:19|20)\d\d)\s*[a-z]?\s*", str(cell))
    return int(match[1]) if match else None


def month_year(texts: Iterable[str]) -> tuple[str, datetime.date] | None:
    """The first "June 2023" in the texts, as the vintage and its date (the month's first)."""
    for text in texts:
        match = MONTH_YEAR.search(fold(text))
        if match:
            month, year = MONTHS[match[1]], int(match[2])
            label = Locale.parse("en").months["format"]["wide"][month]
            return f"{label} {year}", datetime.date(year, month, 1)
    return None


def _texts(rows: Iterable[list[Any]]) -> list[str]:
    return [str(cell) for row in rows for cell in row if isinstance(cell, str) and cell.strip()]


def _is_blank(row: list[Any]) -> bool:
    return all(cell in (None, "") or str(cell).strip() == "" for cell in row)


class _WorldBankWorkbook(Importer):
    licence = WORLD_BANK_LICENCE
    #: Sheets a third party added to the published workbooks, which are not the publisher's.
    third_party_sheets: frozenset[str] = frozenset()

    @classmethod
    def own_sheets(cls, sheets: dict[str, Any]) -> dict[str, Any]:
        return {
            name: rows
            for name, rows in sheets.items()
            if fold(name).strip() not in cls.third_party_sheets
        }


# --- Annual inflows and outflows -----------------------------------------------------------


class _AnnualFlows(_WorldBankWorkbook):
    """A KNOMAD annual workbook: one row per country or aggregate, one column per year."""

    publisher = gettext_noop("World Bank–KNOMAD")
    source_url = "https://www.knomad.org/data/remittances"
    indicator: str
    #: Words of the table's title that say which way the money flows.
    direction_words: tuple[str, ...]
    other_direction_words: tuple[str, ...]

    @classmethod
    def recognises(cls, sample: FileSample) -> bool:
        if not spreadsheet.is_workbook(sample.path):
            return False
        for name, rows in cls.own_sheets(sample.sheets).items():
            header = _year_header(rows)
            if header is None:
                continue
            title = fold(" ".join([name, *_texts(rows[: header[0] + 1])]))
            says_this = any(word in title for word in cls.direction_words)
            says_other = any(word in title for word in cls.other_direction_words)
            if "remittance" in title and says_this and not says_other:
                return True
        return False

    def read(self, path: Path, progress: Progress = no_progress) -> Release:
        workbook = spreadsheet.open_workbook(path)
        sheet, rows, header_index, year_columns = self._table(workbook)
        header = rows[header_index]
        title_texts = _texts(rows[: header_index + 1])
        scale = _unit_scale(title_texts, sheet=sheet, row=header_index + 1)
        name_column = min(year_columns) - 1
        code_column = next(
            (
                index
                for index, cell in enumerate(header[: min(year_columns)])
                if "code" in fold(str(cell))
            ),
            None,
        )
        if code_column == name_column:
            name_column = max(0, code_column - 1)
        notes = _texts(rows[header_index + 1 :])
        vintage = month_year([text for text in notes if "date" in fold(text)] + notes + [path.stem])
        # Without a "Date: June 2023" line the release is the one the person importing names.
        release = Release(vintage=vintage[0], vintage_date=vintage[1]) if vintage else Release("")
        body = rows[header_index + 1 :]
        step = _("Reading %(sheet)s") % {"sheet": sheet}
        for offset, row in enumerate(body):
            row_number = header_index + 2 + offset
            progress(step, offset + 1, len(body))
            values = self._values(row, year_columns, sheet=sheet, row_number=row_number)
            name = str(row[name_column]).strip() if name_column < len(row) else ""
            if not name:
                if values:
                    raise DataFileError(
                        _("This row has values but no country name."), sheet=sheet, row=row_number
                    )
                continue
            if code_column is not None and str(row[code_column]).strip():
                code = str(row[code_column]).strip().upper()
                place = (code, code not in _country_codes())
            else:
                found = area_code(name)
                if found is None:
                    if values:
                        raise DataFileError(
                            _("“%(name)s” is not a country, area or aggregate the platform knows.")
                            % {"name": name},
                            sheet=sheet,
                            row=row_number,
                            column=column_letter(name_column),
                        )
                    continue  # a note under the table
                place = found
            code = place[0]
            release.areas.setdefault(code, area_entry(code, name))
            for year, value in values:
                release.observations.append(
                    Obs(self.indicator, code, "", str(year), year, Sex.TOTAL, value * scale)
                )
        release.notes.append(
            _("Read from the sheet “%(sheet)s”; empty cells are values not published.")
            % {"sheet": sheet}
        )
        return release

    def _table(self, workbook: Any) -> tuple[str, list[list[Any]], int, dict[int, int]]:
        for name in workbook.sheet_names:
            if fold(name).strip() in self.third_party_sheets:
                continue
            rows = spreadsheet.sheet_rows(workbook, name)
            header = _year_header(rows)
            if header is not None:
                return name, rows, header[0], header[1]
        raise DataFileError(_("No sheet of the workbook has a row of years heading a table."))

    @staticmethod
    def _values(
        row: list[Any], year_columns: dict[int, int], *, sheet: str, row_number: int
    ) -> list[tuple[int, float]]:
        values = []
        for column, year in year_columns.items():
            cell = row[column] if column < len(row) else ""
            try:
                value = optional_number(cell)
            except ValueError:
                raise DataFileError(
                    _("“%(cell)s” is not a number.") % {"cell": str(cell)[:50]},
                    sheet=sheet,
                    row=row_number,
                    column=f"{column_letter(column)} ({year})",
                ) from None
            if value is not None:
                values.append((year, value))
        return values


def _year_header(rows: list[list[Any]], *, within: int = 30) -> tuple[int, dict[int, int]] | None:
    """The first row with at least five consecutive-looking years: its index and the columns
    that hold a year."""
    for index, row in enumerate(rows[:within]):
        years = {column: year for column, cell in enumerate(row) if (year := year_of(cell))}
        if len(years) >= 5:
            return index, years
    return None


def _unit_scale(texts: list[str], *, sheet: str, row: int) -> float:
    """How many US$ million one unit of the table is, from the title ("US$ million")."""
    title = fold(" ".join(texts))
    if re.search(
        r"(us\$|usd|dollars).{0,20}\bmillions?\b|\bmillions? of (us\$|usd|us dollars)", title
    ):
        return 1.0
    if re.search(
        r"(us\$|usd|dollars).{0,20}\bbillions?\b|\bbillions? of (us\$|usd|us dollars)", title
    ):
        return 1000.0
    raise DataFileError(
        _("The table's title does not say its unit (US$ million or billion)."), sheet=sheet, row=row
    )


@register
class RemittanceInflows(_AnnualFlows):
    kind = DatasetKind.REMITTANCE_INFLOWS
    title = gettext_noop("Annual remittances data: inflows")
    citation = "World Bank–KNOMAD, annual remittances data (inflows). Licence: CC BY 4.0."
    indicator = Indicator.REMITTANCE_INFLOWS
    direction_words = ("inflow", "inward")
    other_direction_words = ("outflow", "outward")


@register
class RemittanceOutflows(_AnnualFlows):
    kind = DatasetKind.REMITTANCE_OUTFLOWS
    title = gettext_noop("Annual remittances data: outflows")
    citation = "World Bank–KNOMAD, annual remittances data (outflows). Licence: CC BY 4.0."
    indicator = Indicator.REMITTANCE_OUTFLOWS
    direction_words = ("outflow", "outward")
    other_direction_words = ("inflow", "inward")


# --- Bilateral matrices ------------------------------------------------------------------


def _tolerance(total: float) -> float:
    """How far a printed total may stray from the sum of its values: the publishers round,
    and the remittance matrix's totals include the few values it withholds ("-")."""
    return max(0.5, abs(total) * 0.001)


@dataclass
class _MatrixRow:
    number: int
    #: Column code → the value, or None where the publisher prints none.
    values: dict[str, float | None]


@dataclass
class _Matrix:
    sheet: str
    header_row: int
    #: Column code → its spreadsheet letter, for errors.
    letters: dict[str, str]
    rows: dict[str, _MatrixRow] = field(default_factory=dict)


class _BilateralMatrix(_WorldBankWorkbook):
    """A square matrix of countries by countries, with a World total row and column."""

    indicator: str
    #: Words that must all appear in the sheet's name or title for it to be this matrix.
    title_words: tuple[str, ...]
    #: Words that must not: the other matrix's title.
    not_title_words: tuple[str, ...] = ()
    #: Whether a row is `Observation.country` (and a column its partner), or the reverse.
    rows_are_country: bool
    what_zero_means: str

    @classmethod
    def recognises(cls, sample: FileSample) -> bool:
        if not spreadsheet.is_workbook(sample.path):
            return False
        return any(
            cls._is_this_matrix(name, rows) for name, rows in cls.own_sheets(sample.sheets).items()
        )

    @classmethod
    def _is_this_matrix(cls, name: str, rows: list[list[Any]]) -> bool:
        title = fold(" ".join([name, _title(rows)]))
        return (
            all(word in title for word in cls.title_words)
            and not any(word in title for word in cls.not_title_words)
            and _matrix_header(rows) is not None
        )

    def read(self, path: Path, progress: Progress = no_progress) -> Release:
        workbook = spreadsheet.open_workbook(path)
        sheet, rows = self._sheet(workbook)
        title = _title(rows)
        year = _year_in_title(title, sheet=sheet)
        found = month_year([title])
        # "Bilateral Remittance Matrix 2017": the edition is named for the year it is about.
        release = Release(
            vintage=found[0] if found else str(year),
            vintage_date=found[1] if found else None,
            named_period_end=end_of_year(year),
        )
        matrix = self._matrix(sheet, rows, release, progress)
        _check_totals(matrix)
        zeros = 0
        for row_code, row in matrix.rows.items():
            for column_code, value in row.values.items():
                if value is None:
                    continue
                if value == 0:
                    zeros += 1  # most pairs of countries have nothing between them
                    continue
                country, partner = (
                    (row_code, column_code) if self.rows_are_country else (column_code, row_code)
                )
                release.observations.append(
                    Obs(self.indicator, country, partner, str(year), year, Sex.TOTAL, value)
                )
        release.notes.append(
            _("Read from the sheet “%(sheet)s”: %(title)s") % {"sheet": sheet, "title": title}
        )
        ignored = [name for name in workbook.sheet_names if name != sheet]
        if ignored:
            release.notes.append(
                _("Sheets not read, as they are not the publisher's matrix: %(sheets)s.")
                % {"sheets": ", ".join(ignored)}
            )
        release.notes.append(
            _("%(count)s cells of 0 (%(meaning)s) are not stored.")
            % {"count": grouped(zeros), "meaning": self.what_zero_means}
        )
        return release

    def _sheet(self, workbook: Any) -> tuple[str, list[list[Any]]]:
        candidates = []
        for name in workbook.sheet_names:
            if fold(name).strip() in self.third_party_sheets:
                continue
            rows = spreadsheet.sheet_rows(workbook, name)
            if self._is_this_matrix(name, rows):
                candidates.append((name, rows))
        if not candidates:
            raise DataFileError(
                _(
                    "No sheet of the workbook holds the matrix: a title, then countries across "
                    "and down."
                )
            )
        if len(candidates) > 1:
            raise DataFileError(
                _("Several sheets hold a matrix (%(sheets)s); keep only the publisher's.")
                % {"sheets": ", ".join(name for name, _rows in candidates)}
            )
        return candidates[0]

    def _matrix(
        self, sheet: str, rows: list[list[Any]], release: Release, progress: Progress
    ) -> _Matrix:
        header_index, first_column = _matrix_header(rows) or (0, 1)
        header = rows[header_index]
        columns: dict[int, str] = {}
        for column in range(first_column, len(header)):
            name = str(header[column]).strip()
            if name:
                columns[column] = _code(name, release, sheet, header_index + 1, column)
        if len(set(columns.values())) != len(columns):
            raise DataFileError(
                _("A country heads two columns."), sheet=sheet, row=header_index + 1
            )
        matrix = _Matrix(
            sheet=sheet,
            header_row=header_index + 1,
            letters={code: column_letter(column) for column, code in columns.items()},
        )
        name_column = first_column - 1
        body = rows[header_index + 1 :]
        step = _("Reading %(sheet)s") % {"sheet": sheet}
        for offset, row in enumerate(body):
            number_ = header_index + 2 + offset
            progress(step, offset + 1, len(body))
            values: dict[str, float | None] = {}
            for column, code in columns.items():
                cell = row[column] if column < len(row) else ""
                try:
                    values[code] = optional_number(cell)
                except ValueError:
                    raise DataFileError(
                        _("“%(cell)s” is not a number.") % {"cell": str(cell)[:50]},
                        sheet=sheet,
                        row=number_,
                        column=f"{column_letter(column)} ({header[column]})",
                    ) from None
            name = str(row[name_column]).strip() if name_column < len(row) else ""
            has_values = any(value is not None for value in values.values())
            if not has_values and (not name or area_code(name) is None):
                continue  # a blank line or a note under the matrix
            code = _code(name, release, sheet, number_, name_column)
            if code in matrix.rows:
                raise DataFileError(
                    _("“%(name)s” heads a second row.") % {"name": name}, sheet=sheet, row=number_
                )
            matrix.rows[code] = _MatrixRow(number=number_, values=values)
        return matrix


def _code(name: str, release: Release, sheet: str, row: int, column: int) -> str:
    """The code of a name heading a row or column, noted among the release's areas."""
    found = area_code(name)
    if found is None:
        raise DataFileError(
            _("“%(name)s” is not a country, area or aggregate the platform knows.")
            % {"name": name[:100]},
            sheet=sheet,
            row=row,
            column=column_letter(column),
        )
    release.areas.setdefault(found[0], area_entry(found[0], name))
    return found[0]


def _check_totals(matrix: _Matrix) -> None:
    """Every row and column whose values are all published adds up to its World total: a
    table cut short or a damaged value shows here."""
    last_row = max((row.number for row in matrix.rows.values()), default=matrix.header_row)
    if WORLD not in matrix.rows:
        raise DataFileError(
            _("The matrix has no World row; the table may be cut short."),
            sheet=matrix.sheet,
            row=last_row,
        )
    if WORLD not in matrix.letters:
        raise DataFileError(
            _("The matrix has no World column; the table may be cut short."),
            sheet=matrix.sheet,
            row=matrix.header_row,
        )
    codes = [code for code in matrix.rows if code != WORLD]
    for row in matrix.rows.values():
        total = row.values[WORLD]
        parts = [value for key, value in row.values.items() if key != WORLD]
        _check_sum(total, parts, matrix, row.number, WORLD, by_row=True)
    world = matrix.rows[WORLD]
    for column_code, total in world.values.items():
        if column_code != WORLD:
            parts = [matrix.rows[code].values[column_code] for code in codes]
            _check_sum(total, parts, matrix, world.number, column_code, by_row=False)


def _check_sum(
    total: float | None,
    parts: list[float | None],
    matrix: _Matrix,
    row: int,
    column_code: str,
    *,
    by_row: bool,
) -> None:
    known = [part for part in parts if part is not None]
    if total is None or len(known) < len(parts):
        return  # a total over withheld values cannot be checked
    if abs(sum(known) - total) > _tolerance(total):
        # Two whole sentences: "row" and "column" take different forms in other languages.
        message = (
            _("The World total %(total)s is not the sum of the row's values (%(sum)s).")
            if by_row
            else _("The World total %(total)s is not the sum of the column's values (%(sum)s).")
        )
        raise DataFileError(
            message % {"total": f"{total:,.1f}", "sum": f"{sum(known):,.1f}"},
            sheet=matrix.sheet,
            row=row,
            column=matrix.letters[column_code],
        )


def _title(rows: list[list[Any]]) -> str:
    """The table's title: the first text of the first rows, before the header."""
    for row in rows[:5]:
        for cell in row[:3]:
            if isinstance(cell, str) and len(cell.strip()) > 15:
                return cell.strip()
    return ""


def _year_in_title(title: str, *, sheet: str) -> int:
    match = re.search(r"\b(?:in|for)\s+((?:19|20)\d\d)\b", title) or re.search(
        r"\b((?:19|20)\d\d)\b", title
    )
    if not match:
        raise DataFileError(
            _("The matrix's title does not say which year it is about."), sheet=sheet, row=1
        )
    return int(match[1])


def _matrix_header(rows: list[list[Any]], *, within: int = 20) -> tuple[int, int] | None:
    """The row naming the countries across, and its first named column: at least twenty
    cells of the row name known places."""
    for index, row in enumerate(rows[:within]):
        named = [column for column, cell in enumerate(row) if column and area_code(str(cell))]
        if len(named) >= 20:
            return index, named[0]
    return None


@register
class BilateralRemittances(_BilateralMatrix):
    kind = DatasetKind.BILATERAL_REMITTANCES
    publisher = gettext_noop("World Bank–KNOMAD")
    title = gettext_noop("Bilateral remittance estimates")
    source_url = "https://www.knomad.org/data/remittances"
    citation = (
        "World Bank–KNOMAD, bilateral remittance estimates using migrant stocks, host country "
        "incomes and origin country incomes. Licence: CC BY 4.0."
    )
    indicator = Indicator.BILATERAL_REMITTANCES
    title_words = ("bilateral", "remittance")
    rows_are_country = True  # rows send, columns receive
    what_zero_means = "no estimated flow"
    #: A one-cell assumption ("income share sent as remittance") someone added to the file.
    third_party_sheets = frozenset({"remshare"})


@register
class BilateralMigrantStocks(_BilateralMatrix):
    kind = DatasetKind.BILATERAL_MIGRANT_STOCKS
    publisher = "World Bank"
    title = gettext_noop("Bilateral estimates of migrant stocks")
    source_url = "https://www.knomad.org/data/migration/emigration"
    citation = (
        "World Bank, bilateral estimates of migrant stocks (Bilateral Migration Matrix), based "
        "on UN Population Division and national sources. Licence: CC BY 4.0."
    )
    indicator = Indicator.BILATERAL_MIGRANT_STOCK
    title_words = ("bilateral", "migra")
    not_title_words = ("remittance",)
    rows_are_country = False  # rows are where migrants come from, columns where they live
    what_zero_means = "no migrants estimated"
    #: A name-to-code table someone added to the file; several of its codes are wrong.
    third_party_sheets = frozenset({"countries-comparison"})
