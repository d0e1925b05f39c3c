"""Importers for the prices of sending money: the World Bank's Remittance Prices Worldwide
(its DataBank export of corridor averages, and its survey's own layout of one row per service
quote) and the World Development Indicators' cost series (SDG 10.c.1).

Each reads a table by its header row, found by the columns it names, so a file with a title
above the header, extra columns or another column order reads the same.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from migforum.core.cells import MissingValue, cell_text, optional_number, required_number
from migforum.core.formats import grouped
from migforum.core.search.text import fold

from ..choices import DatasetKind, Indicator, Sex
from . import register, spreadsheet
from .base import (
    DataFileError,
    FileSample,
    Importer,
    Obs,
    Progress,
    Release,
    end_of_quarter,
    no_progress,
)
from .worldbank import WORLD_BANK_LICENCE, area_entry

RPW_URL = "https://remittanceprices.worldbank.org"
QUARTER_COLUMN = re.compile(r"^\s*((?:19|20)\d\d)\s*-?\s*Q([1-4])\b", re.IGNORECASE)
#: The corridor series of Remittance Prices Worldwide: the average total cost of sending
#: USD 200 in the corridor, per cent.
CORRIDOR_SERIES = "ATCR.CORR"
#: How far a quote's stated total cost may stray from fee / amount × 100 + FX margin, in
#: percentage points: the survey rounds to two decimals.
ROUNDING = 0.01


def header_key(cell: Any) -> str:
    """A column heading reduced for comparison: "Source_Code " and "source code" meet."""
    return " ".join(fold(str(cell)).replace("_", " ").split())


def table_rows(
    path: Path, has_header: Callable[[list[str]], bool]
) -> tuple[str | None, list[list[Any]]]:
    """The rows of the sheet (or CSV file, which has no sheet) with a header `has_header`
    accepts."""
    if not spreadsheet.is_workbook(path):
        return None, list(spreadsheet.read_csv(path))
    workbook = spreadsheet.open_workbook(path)
    for name in workbook.sheet_names:
        rows = spreadsheet.sheet_rows(workbook, name)
        if find_header(rows, has_header) is not None:
            return name, rows
    raise DataFileError(_("No sheet of the workbook has the columns this format needs."))


def find_header(rows: list[list[Any]], has_header: Callable[[list[str]], bool]) -> int | None:
    for index, row in enumerate(rows[:30]):
        if has_header([header_key(cell) for cell in row]):
            return index
    return None


def _sample_has_header(sample: FileSample, has_header: Callable[[list[str]], bool]) -> bool:
    return any(find_header(rows, has_header) is not None for rows in sample.sheets.values())


def _code(cell: Any, *, sheet: str | None, row: int, column: str) -> str:
    code = str(cell).strip().upper()
    if not re.fullmatch(r"[A-Z][A-Z0-9]{2}", code):
        raise DataFileError(
            _("“%(cell)s” is not a three-letter country code.") % {"cell": str(cell)[:20]},
            sheet=sheet,
            row=row,
            column=column,
        )
    return code


def _value(
    cell: Any, *, sheet: str | None, row: int, column: str, required: bool = False
) -> float | None:
    try:
        return required_number(cell) if required else optional_number(cell)
    except MissingValue:
        raise DataFileError(
            _("This cell may not be empty."), sheet=sheet, row=row, column=column
        ) from None
    except ValueError:
        raise DataFileError(
            _("“%(cell)s” is not a number.") % {"cell": str(cell)[:50]},
            sheet=sheet,
            row=row,
            column=column,
        ) from None


# --- DataBank export of corridor averages ---------------------------------------------------


def _corridor_header(keys: list[str]) -> bool:
    return (
        any("sending" in key and "code" in key for key in keys)
        and any("receiving" in key and "code" in key for key in keys)
        and sum(1 for key in keys if QUARTER_COLUMN.match(key)) >= 1
    )


@register
class CorridorAverages(Importer):
    """DataBank's export: one row per sending × receiving pair and series, one column per
    quarter; ".." where the corridor was not surveyed. Its last lines say when the database
    was last updated, which is the vintage."""

    kind = DatasetKind.PRICE_CORRIDORS
    publisher = gettext_noop("World Bank")
    title = gettext_noop(
        "Remittance Prices Worldwide: average total cost of sending USD 200 by corridor"
    )
    licence = WORLD_BANK_LICENCE
    source_url = "https://databank.worldbank.org/source/remittance-prices-worldwide-(corridors)"
    citation = (
        "World Bank, Remittance Prices Worldwide (Corridors), DataBank. "
        "https://remittanceprices.worldbank.org. Licence: CC BY 4.0."
    )

    @classmethod
    def recognises(cls, sample: FileSample) -> bool:
        return _sample_has_header(sample, _corridor_header)

    def read(self, path: Path, progress: Progress = no_progress) -> Release:
        sheet, rows = table_rows(path, _corridor_header)
        header_index = find_header(rows, _corridor_header)
        assert header_index is not None  # table_rows found it
        keys = [header_key(cell) for cell in rows[header_index]]

        def column(*words: str) -> int | None:
            return next(
                (i for i, key in enumerate(keys) if all(word in key for word in words)), None
            )

        sending, receiving = column("sending", "code"), column("receiving", "code")
        sending_name, receiving_name = column("sending", "name"), column("receiving", "name")
        series = column("series", "code")
        assert sending is not None
        assert receiving is not None
        quarters = {
            index: f"{match[1]}Q{match[2]}"
            for index, key in enumerate(keys)
            if (match := QUARTER_COLUMN.match(key))
        }
        vintage = _last_updated(rows)
        # Without a "Last Updated:" line the release is the one the person importing names.
        release = Release(vintage.isoformat(), vintage_date=vintage) if vintage else Release("")
        other_series: set[str] = set()
        body = rows[header_index + 1 :]
        step = _("Reading corridors")
        for offset, row in enumerate(body):
            row_number = header_index + 2 + offset
            progress(step, offset + 1, len(body))
            cells = [str(cell).strip() for cell in row]
            if len(cells) <= max(receiving, sending) or not cells[sending]:
                continue  # blank lines and the export's footer
            if series is not None and cells[series] != CORRIDOR_SERIES:
                other_series.add(cells[series])
                continue
            source = _code(cells[sending], column=keys[sending], sheet=sheet, row=row_number)
            destination = _code(
                cells[receiving], column=keys[receiving], sheet=sheet, row=row_number
            )
            release.areas.setdefault(
                source, area_entry(source, cells[sending_name] if sending_name is not None else "")
            )
            release.areas.setdefault(
                destination,
                area_entry(
                    destination, cells[receiving_name] if receiving_name is not None else ""
                ),
            )
            for index, period in quarters.items():
                cell = cells[index] if index < len(cells) else ""
                value = _value(
                    cell, column=str(rows[header_index][index]), sheet=sheet, row=row_number
                )
                if value is not None:
                    release.observations.append(
                        Obs(
                            Indicator.REMITTANCE_COST,
                            source,
                            destination,
                            period,
                            int(period[:4]),
                            Sex.TOTAL,
                            value,
                        )
                    )
        if other_series:
            release.notes.append(
                _("Rows of other series were not read: %(series)s.")
                % {"series": ", ".join(sorted(other_series))}
            )
        release.notes.append(_("Corridors not surveyed in a quarter (“..”) have no value for it."))
        return release


def _last_updated(rows: list[list[Any]]) -> datetime.date | None:
    """The date of DataBank's "Last Updated: 12/07/2020" line (month first)."""
    for row in rows[-20:]:
        for cell in row[:2]:
            match = re.search(r"last updated:?\s*(\d{1,2})/(\d{1,2})/(\d{4})", fold(str(cell)))
            if match:
                return datetime.date(int(match[3]), int(match[1]), int(match[2]))
            match = re.search(r"last updated:?\s*(\d{4})-(\d{2})-(\d{2})", fold(str(cell)))
            if match:
                return datetime.date(int(match[1]), int(match[2]), int(match[3]))
    return None


# --- World Development Indicators --------------------------------------------------------


class _WdiCost(Importer):
    """A WDI series, long (country, code, indicator, year, value) or as the WDI download
    gives it, wide (one column per year). The series code in the file says which series."""

    publisher = gettext_noop("World Bank")
    licence = WORLD_BANK_LICENCE
    series: str
    indicator: str

    @classmethod
    def recognises(cls, sample: FileSample) -> bool:
        return _sample_has_header(sample, _wdi_header) and fold(cls.series) in sample.text()

    def read(self, path: Path, progress: Progress = no_progress) -> Release:
        sheet, rows = table_rows(path, _wdi_header)
        header_index = find_header(rows, _wdi_header)
        assert header_index is not None
        keys = [header_key(cell) for cell in rows[header_index]]
        code_column = keys.index("country code")
        name_column = next((i for i, key in enumerate(keys) if key == "country name"), None)
        series_column = next(
            (i for i, key in enumerate(keys) if key in ("indicator code", "series code")), None
        )
        if "year" in keys and "value" in keys:
            year_columns = None
        else:
            year_columns = {
                i: int(match[1])
                for i, key in enumerate(keys)
                if (match := re.fullmatch(r"((?:19|20)\d\d)(?: \[yr\d{4}\])?", key))
            }
        release = Release(vintage="")
        years: set[int] = set()
        other_series: set[str] = set()
        body = rows[header_index + 1 :]
        step = _("Reading values")
        for offset, row in enumerate(body):
            row_number = header_index + 2 + offset
            progress(step, offset + 1, len(body))
            cells = [str(cell).strip() for cell in row]
            if len(cells) <= code_column or not cells[code_column]:
                continue
            if series_column is not None and cells[series_column].upper() != self.series:
                other_series.add(cells[series_column])
                continue
            code = _code(cells[code_column], column=keys[code_column], sheet=sheet, row=row_number)
            name = cells[name_column] if name_column is not None else ""
            release.areas.setdefault(code, area_entry(code, name))
            if year_columns is None:
                pairs = [(cells[keys.index("year")], cells[keys.index("value")])]
            else:
                pairs = [(str(year), cells[i]) for i, year in year_columns.items()]
            for year_text, cell in pairs:
                if not re.fullmatch(r"(19|20)\d\d", year_text):
                    raise DataFileError(
                        _("“%(cell)s” is not a year.") % {"cell": year_text[:20]},
                        column="year",
                        sheet=sheet,
                        row=row_number,
                    )
                value = _value(cell, column="value", sheet=sheet, row=row_number)
                if value is not None:
                    year = int(year_text)
                    years.add(year)
                    release.observations.append(
                        Obs(self.indicator, code, "", year_text, year, Sex.TOTAL, value)
                    )
        updated = _wdi_last_updated(rows[:header_index], path)
        if updated is not None:
            release.vintage, release.vintage_date = updated.isoformat(), updated
        elif years:
            release.vintage = f"{min(years)}–{max(years)}"
        if other_series:
            release.notes.append(
                _("Rows of other series were not read: %(series)s.")
                % {"series": ", ".join(sorted(other_series))}
            )
        return release


def _wdi_header(keys: list[str]) -> bool:
    return "country code" in keys and (
        ("year" in keys and "value" in keys)
        or sum(1 for key in keys if re.fullmatch(r"(19|20)\d\d( \[yr\d{4}\])?", key)) >= 3
    )


def _wdi_last_updated(rows: Iterable[list[Any]], path: Path) -> datetime.date | None:
    """The WDI download's "Last Updated Date" line; else the date the file is named after
    (the long extracts are named with the date of the WDI release they were taken from)."""
    texts = [" ".join(str(cell) for cell in row) for row in rows] + [path.name]
    for text in texts:
        match = re.search(r"((?:19|20)\d\d)-(\d\d)-(\d\d)", text)
        if match:
            try:
                return datetime.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
    return None


@register
class CostToCountry(_WdiCost):
    kind = DatasetKind.PRICE_COST_TO
    title = gettext_noop(
        "Average transaction cost of sending remittances to a specific country (%)"
    )
    source_url = "https://data.worldbank.org/indicator/SI.RMT.COST.IB.ZS"
    citation = (
        "World Bank, World Development Indicators, SI.RMT.COST.IB.ZS (SDG indicator 10.c.1), "
        "from Remittance Prices Worldwide. Licence: CC BY 4.0."
    )
    series = "SI.RMT.COST.IB.ZS"
    indicator = Indicator.COST_TO_COUNTRY


@register
class CostFromCountry(_WdiCost):
    kind = DatasetKind.PRICE_COST_FROM
    title = gettext_noop(
        "Average transaction cost of sending remittances from a specific country (%)"
    )
    source_url = "https://data.worldbank.org/indicator/SI.RMT.COST.OB.ZS"
    citation = (
        "World Bank, World Development Indicators, SI.RMT.COST.OB.ZS, from Remittance Prices "
        "Worldwide. Licence: CC BY 4.0."
    )
    series = "SI.RMT.COST.OB.ZS"
    indicator = Indicator.COST_FROM_COUNTRY


# --- Remittance Prices Worldwide: one row per service quote --------------------------------

#: Columns a quote file must have, by their reduced heading.
QUOTE_COLUMNS_REQUIRED = (
    "period",
    "source code",
    "destination code",
    "firm",
    "cc1 lcu amount",
    "cc1 lcu fee",
    "cc1 fx margin",
)
YES = {"yes", "y", "true", "1", "1.0"}
NO = {"no", "n", "false", "0", "0.0"}
PERIOD_FORMS = (
    re.compile(r"^(?P<year>(?:19|20)\d\d)Q(?P<quarter>[1-4])$"),
    re.compile(r"^(?P<year>(?:19|20)\d\d)(?P<quarter>[1-4])Q$"),
    re.compile(r"^Q(?P<quarter>[1-4])(?P<year>(?:19|20)\d\d)$"),
    re.compile(r"^(?P<quarter>[1-4])Q(?P<year>(?:19|20)\d\d)$"),
)


def quarter(text: Any) -> str | None:
    """A quarter as "2020Q3", from "2020Q3", "2020_3Q", "Q3 2020", "2020-Q3", "3Q 2020"."""
    compact = re.sub(r"[\s_\-/]", "", str(text)).upper()
    for form in PERIOD_FORMS:
        match = form.match(compact)
        if match:
            return f"{match['year']}Q{match['quarter']}"
    return None


def _quote_header(keys: list[str]) -> bool:
    return all(column in keys for column in QUOTE_COLUMNS_REQUIRED)


@register
class PriceQuotes(Importer):
    """The survey's own layout: one row per service in a corridor and quarter, with the fee
    and exchange-rate margin for USD 200 ("cc1") and USD 500 ("cc2") in the sender's currency.

    The total cost is the fee as a share of the amount plus the FX margin; a stated total
    that disagrees is an error in the file, a missing one is computed. A service that does not
    disclose its exchange rate (`transparent = no`) carries an FX margin of 0 in the file that
    is a placeholder, so its margin and total are stored as unknown."""

    kind = DatasetKind.PRICE_QUOTES
    publisher = gettext_noop("World Bank")
    title = gettext_noop("Remittance Prices Worldwide: prices of remittance services")
    licence = WORLD_BANK_LICENCE
    source_url = "https://remittanceprices.worldbank.org/data-download"
    citation = (
        "World Bank, Remittance Prices Worldwide, https://remittanceprices.worldbank.org. "
        "Licence: CC BY 4.0."
    )

    @classmethod
    def recognises(cls, sample: FileSample) -> bool:
        return _sample_has_header(sample, _quote_header)

    def read(self, path: Path, progress: Progress = no_progress) -> Release:
        sheet, rows = table_rows(path, _quote_header)
        header_index = find_header(rows, _quote_header)
        assert header_index is not None
        keys = [header_key(cell) for cell in rows[header_index]]
        columns = {key: index for index, key in reversed(list(enumerate(keys))) if key}
        release = Release(vintage="")
        periods: set[str] = set()
        body = rows[header_index + 1 :]
        step = _("Reading quotes")
        for offset, row in enumerate(body):
            row_number = header_index + 2 + offset
            progress(step, offset + 1, len(body))
            cells = {key: (row[i] if i < len(row) else "") for key, i in columns.items()}
            if all(str(cell).strip() == "" for cell in cells.values()):
                continue
            quote = _quote(cells, sheet=sheet, row=row_number)
            periods.add(quote["period"])
            for end in ("source", "destination"):
                code = quote[f"{end}_code"]
                release.areas.setdefault(code, area_entry(code, str(cells.get(f"{end} name", ""))))
            release.quotes.append(quote)
        ordered = sorted(periods)
        if ordered:
            release.vintage = ordered[0] if len(ordered) == 1 else f"{ordered[0]}–{ordered[-1]}"
            # Remittance Prices Worldwide names its releases for the quarter surveyed.
            release.named_period_end = end_of_quarter(ordered[-1])
        undisclosed = sum(1 for quote in release.quotes if not quote["transparent"])
        release.notes.append(
            _(
                "%(count)s quotes from services that do not disclose their exchange rate: "
                "their FX margin and total cost are unknown, not 0."
            )
            % {"count": grouped(undisclosed)}
        )
        return release


def _quote(cells: dict[str, Any], *, sheet: str | None, row: int) -> dict[str, Any]:
    """One quote's `RemittanceQuote` fields, checked."""

    def text(column: str, *, required: bool = False, limit: int = 200) -> str:
        value = cell_text(cells.get(column))
        if required and not value:
            raise DataFileError(
                _("This cell may not be empty."), sheet=sheet, row=row, column=column
            )
        return value[:limit]

    def value(column: str, *, required: bool = False) -> float | None:
        result = _value(
            cells.get(column, ""), sheet=sheet, row=row, column=column, required=required
        )
        if result is not None and result < 0:
            raise DataFileError(
                _("A price cannot be negative."), sheet=sheet, row=row, column=column
            )
        return result

    period = quarter(text("period", required=True))
    if period is None:
        raise DataFileError(
            _("“%(cell)s” is not a quarter such as 2020Q3.") % {"cell": text("period")[:20]},
            sheet=sheet,
            row=row,
            column="period",
        )
    transparent_text = fold(text("transparent")) if "transparent" in cells else "yes"
    if transparent_text not in YES | NO:
        raise DataFileError(
            _("“%(cell)s” is neither yes nor no.") % {"cell": transparent_text[:20]},
            sheet=sheet,
            row=row,
            column="transparent",
        )
    transparent = transparent_text in YES
    quote: dict[str, Any] = {
        "period": period,
        "year": int(period[:4]),
        "source_code": _code(text("source code"), sheet=sheet, row=row, column="source code"),
        "destination_code": _code(
            text("destination code"), sheet=sheet, row=row, column="destination code"
        ),
        "firm": text("firm", required=True),
        "firm_type": text("firm type", limit=100),
        "product": text("product"),
        "transparent": transparent,
        "speed": text("speed actual", limit=100) or text("speed", limit=100),
    }
    for prefix, size, required in (("cc1", "200", True), ("cc2", "500", False)):
        amount = value(f"{prefix} lcu amount", required=required)
        if amount is None:
            quote.update({f"{field}_{size}{suffix}": None for field, suffix in _PRICE_FIELDS})
            continue
        if amount == 0:
            raise DataFileError(
                _("The amount sent cannot be 0."),
                sheet=sheet,
                row=row,
                column=f"{prefix} lcu amount",
            )
        fee = value(f"{prefix} lcu fee", required=True)
        assert fee is not None
        margin = value(f"{prefix} fx margin", required=transparent)
        stated = value(f"{prefix} total cost %")
        total: float | None = None
        if transparent:
            assert margin is not None
            total = fee / amount * 100 + margin
            if stated is not None and abs(stated - total) > ROUNDING + 1e-9:
                raise DataFileError(
                    _(
                        "The total cost %(stated)s%% is not the fee as a share of the amount "
                        "plus the FX margin (%(total)s%%)."
                    )
                    % {"stated": f"{stated:.2f}", "total": f"{total:.2f}"},
                    sheet=sheet,
                    row=row,
                    column=f"{prefix} total cost %",
                )
            total = stated if stated is not None else total
        else:
            margin = None  # the file's 0 stands for "not disclosed"
        quote.update(
            {
                f"amount_{size}_lcu": amount,
                f"fee_{size}_lcu": fee,
                f"fx_margin_{size}": margin,
                f"total_cost_{size}": total,
            }
        )
    return quote


_PRICE_FIELDS = (("amount", "_lcu"), ("fee", "_lcu"), ("fx_margin", ""), ("total_cost", ""))
