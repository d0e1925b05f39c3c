"""UN DESA destination workbooks in layouts other than the 2020 revision's, written with
openpyxl, to show that the importer reads a revision by its structure.

`REVISION_2019` imitates the 2019 revision: a contents sheet first, "Table 1" after the
population table, the title further down, a header over two rows with "Sort order" and
"Notes" columns, footnote marks on names, ".." for missing, years 1990…2019.
`RENAMED` moves everything: the stock sheet is called "Migrant stock", the title is the first
row, years are text (2000, 2010, 2020, 2024), sexes are labelled "Both sexes / Male / Female"
right above them, "-" marks a missing value, there is no population table and an extra sheet.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook


@dataclass
class Layout:
    revision_marker: str
    stock_sheet: str
    population_sheet: str | None
    sheet_order: list[str]
    title_row: int  # 1-based
    header_row: int  # the row of years, 1-based
    first_column: int  # 1-based column where the headings start ("Sort order" or the name)
    with_sort_order: bool
    years: list[int]
    years_as_text: bool
    sex_labels: tuple[str, str, str]
    missing_mark: str
    extra_sheets: dict[str, list[list[Any]]] = field(default_factory=dict)
    release_note: str = ""
    #: No headings over the name, notes, code and type columns.
    unlabelled_columns: bool = False
    #: The countries first, the regions after them.
    regions_last: bool = False


#: The countries: M49 code and name as printed, with footnote marks. Regions and the world
#: are summed from them, as UN DESA's are.
COUNTRIES: dict[str, tuple[int, str]] = {
    "MAR": (504, "Morocco"),
    "SDN": (729, "Sudan b"),
    "ESP": (724, "Spain*"),
    "VAT": (336, "Holy See (c)"),
    "MEX": (484, "Mexico"),
    "USA": (840, "United States of America 12"),
}
#: The table's order: region rows (code, printed name) and the countries under each.
STRUCTURE: list[tuple[int, str, list[str]]] = [
    (903, "AFRICA", []),
    (912, "Northern Africa", ["MAR", "SDN"]),
    (908, "EUROPE", []),
    (925, "Southern Europe", ["ESP", "VAT"]),
    (904, "LATIN AMERICA AND THE CARIBBEAN", []),
    (916, "Central America", ["MEX"]),
    (905, "NORTHERN AMERICA", ["USA"]),
]
#: Which regions each country counts in (its sub-region and continent).
MEMBERS: dict[int, list[str]] = {
    903: ["MAR", "SDN"],
    912: ["MAR", "SDN"],
    908: ["ESP", "VAT"],
    925: ["ESP", "VAT"],
    904: ["MEX"],
    916: ["MEX"],
    905: ["USA"],
    901: ["ESP", "VAT", "USA"],  # Developed regions
}


def male_female(iso3: str, year: int) -> tuple[int | None, int | None]:
    """Made-up but fixed figures; the Holy See gives no split by sex."""
    base = {"MAR": 51_000, "SDN": 620_000, "ESP": 800_000, "VAT": 400, "MEX": 340_000}
    base["USA"] = 11_000_000
    step = (year - 1990) * 1_000
    male = base[iso3] + step
    female = base[iso3] - 7 * (year - 1990) + 13
    if iso3 == "VAT":
        return None, None
    return male, female


def total(iso3: str, year: int) -> int:
    male, female = male_female(iso3, year)
    if male is None or female is None:
        return 800 + year - 1990
    return male + female


def population(iso3: str, year: int) -> tuple[float, float | None, float | None]:
    """Population in thousands, three decimals, as UN DESA prints it."""
    base = {"MAR": 30_000.125, "SDN": 40_000.5, "ESP": 46_000.0, "VAT": 0.801}
    base |= {"MEX": 120_000.25, "USA": 320_000.75}
    both = base[iso3] + (year - 1990) * 0.5
    if iso3 == "VAT":
        return both, None, None
    return both, both / 2 + 0.25, both / 2 - 0.25


def _sum(values: list[float | int | None]) -> float | int | None:
    present = [v for v in values if v is not None]
    return sum(present) if present else None


def stock_row(iso3s: list[str], year: int) -> tuple[Any, Any, Any]:
    """Both sexes, males, females of a group; a sex is summed over the places that give it."""
    males = [male_female(i, year)[0] for i in iso3s]
    females = [male_female(i, year)[1] for i in iso3s]
    return sum(total(i, year) for i in iso3s), _sum(males), _sum(females)  # type: ignore[arg-type]


def population_row(iso3s: list[str], year: int) -> tuple[Any, Any, Any]:
    rows = [population(i, year) for i in iso3s]
    return (
        round(sum(r[0] for r in rows), 3),
        _sum([None if r[1] is None else round(r[1], 3) for r in rows]),
        _sum([None if r[2] is None else round(r[2], 3) for r in rows]),
    )


REVISION_2019 = Layout(
    revision_marker="POP/DB/MIG/Stock/Rev.2019",
    stock_sheet="Table 1",
    population_sheet="Table 2",
    sheet_order=["CONTENTS", "Table 2", "Table 1", "ANNEX", "NOTES"],
    title_row=12,
    header_row=16,
    first_column=1,
    with_sort_order=True,
    years=[1990, 1995, 2000, 2005, 2010, 2015, 2019],
    years_as_text=False,
    sex_labels=(
        "International migrant stock at mid-year (both sexes)",
        "International migrant stock at mid-year (males)",
        "International migrant stock at mid-year (females)",
    ),
    missing_mark="..",
    extra_sheets={
        "ANNEX": [["Sort order", "Country or area", "Code", "Developed region"], [1, "Spain", 724]],
        "NOTES": [["(a) Type of data: B = foreign-born population; C = citizenship."]],
    },
    release_note="Released 18 September 2019",
)

RENAMED = Layout(
    revision_marker="International Migrant Stock 2024",
    stock_sheet="Migrant stock",
    population_sheet=None,
    sheet_order=["About", "Migrant stock", "Chart data"],
    title_row=1,
    header_row=5,
    first_column=2,
    with_sort_order=False,
    years=[2000, 2010, 2020, 2024],
    years_as_text=True,
    sex_labels=("Both sexes", "Male", "Female"),
    missing_mark="-",
    extra_sheets={
        "About": [["International Migrant Stock 2024"], ["Published by the Population Division"]],
        "Chart data": [["Year", "World"], [2000, 1], [2010, 2], [2020, 3]],
    },
)


def _table(
    layout: Layout, title: str, labels: tuple[str, str, str], row_values: Any
) -> list[list[Any]]:
    """The cells of one table, row by row from A1."""
    offset = name_index(layout)
    fixed: list[str | None] = ["Major area, region, country or area of destination", "Notes"]
    fixed += ["Code", "Type of data (a)"]
    if layout.unlabelled_columns:
        fixed = [None] * len(fixed)
    years = layout.years
    rows: list[list[Any]] = [[] for _ in range(layout.header_row)]
    rows[layout.title_row - 1] = [None] * offset + [title]
    if layout.title_row > 2:
        rows[layout.title_row - 3] = [None] * offset + [layout.revision_marker]
        rows[layout.title_row - 2] = [None] * offset + [layout.release_note]
    else:
        rows[layout.title_row] = [None] * offset + [layout.revision_marker]
    first_value = offset + len(fixed)
    labels_row: list[Any] = [None] * (first_value + 3 * len(years))
    if layout.with_sort_order:
        labels_row[offset - 1] = "Sort\norder"
        for index, heading in enumerate(fixed):
            labels_row[offset + index] = heading
    for block, label in enumerate(labels):
        labels_row[first_value + block * len(years)] = label
    header: list[Any] = [None] * (first_value + 3 * len(years))
    for block in range(3):
        for index, year in enumerate(years):
            header[first_value + block * len(years) + index] = (
                str(year) if layout.years_as_text else year
            )
    rows[layout.header_row - 2] = labels_row
    rows[layout.header_row - 1] = header
    if not layout.with_sort_order:
        # Headings in the row of the years, as a single-row header.
        for index, heading in enumerate(fixed):
            header[offset + index] = heading
    sort_order = 0

    def add(code: int, name: str, notes: str, type_of_data: str, members: list[str]) -> None:
        nonlocal sort_order
        sort_order += 1
        row: list[Any] = [None] * (first_value + 3 * len(years))
        if layout.with_sort_order:
            row[offset - 1] = sort_order
        row[offset : offset + 4] = [name, notes, code, type_of_data]
        for index, year in enumerate(years):
            for block, value in enumerate(row_values(members, year)):
                cell = layout.missing_mark if value is None else value
                row[first_value + block * len(years) + index] = cell
        rows.append(row)
        if sort_order % 3 == 0:
            rows.append([])  # blank rows between groups, as some revisions have

    everyone = list(COUNTRIES)
    add(900, "WORLD", "", "", everyone)
    add(901, "Developed regions", "a", "", MEMBERS[901])
    for code, name, countries in STRUCTURE:
        if not layout.regions_last:
            add(code, name, "", "", MEMBERS[code])
        for iso3 in countries:
            m49, printed = COUNTRIES[iso3]
            add(m49, "   " + printed, "1" if iso3 == "ESP" else "", "B", [iso3])
    if layout.regions_last:
        for code, name, _countries in STRUCTURE:
            add(code, name, "", "", MEMBERS[code])
    rows.append([None, "Note: (a) Type of data: B = foreign-born population."])
    return rows


def write_workbook(
    path: Path,
    layout: Layout,
    *,
    change: tuple[int, int, Any] | None = None,
    keep_rows: int | None = None,
    blank_row: int | None = None,
    blank_population_row: int | None = None,
) -> dict[str, int]:
    """Write the workbook; returns the 1-based row of each country in the stock sheet.
    `change` = (row, column, value) puts a value into the stock sheet (1-based);
    `keep_rows` cuts the stock sheet after that many rows; `blank_row` empties a row of it,
    `blank_population_row` one of the population sheet."""
    stock = _table(
        layout,
        "International migrant stock at mid-year by sex and by major area, region, country "
        "or area, " + f"{layout.years[0]}-{layout.years[-1]}",
        layout.sex_labels,
        stock_row,
    )
    sheets: dict[str, list[list[Any]]] = dict(layout.extra_sheets)
    sheets[layout.stock_sheet] = stock
    if layout.population_sheet:
        sheets[layout.population_sheet] = _table(
            layout,
            "Total population at mid-year by sex and by major area, region, country or area, "
            f"{layout.years[0]}-{layout.years[-1]} (thousands)",
            (
                "Total population at mid-year (both sexes)",
                "Total population at mid-year (males)",
                "Total population at mid-year (females)",
            ),
            population_row,
        )
    if "CONTENTS" in layout.sheet_order:
        sheets["CONTENTS"] = [
            ["CONTENTS"],
            ["Table 1", stock[layout.title_row - 1][-1]],
            ["Table 2", "Total population at mid-year by sex (thousands)"],
        ]
    if change is not None:
        row, column, value = change
        while len(stock[row - 1]) < column:
            stock[row - 1].append(None)
        stock[row - 1][column - 1] = value
    if keep_rows is not None:
        del stock[keep_rows:]
    if blank_row is not None:
        stock[blank_row - 1] = []
    if blank_population_row is not None and layout.population_sheet:
        sheets[layout.population_sheet][blank_population_row - 1] = []
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name in layout.sheet_order:
        sheet = workbook.create_sheet(name)
        for row in sheets[name]:
            sheet.append(list(row) if row else [None])
    workbook.save(path)
    code_index = name_index(layout) + 2
    return {
        iso3: number
        for number, row in enumerate(stock, start=1)
        for iso3, (code, _printed) in COUNTRIES.items()
        if len(row) > code_index and row[code_index] == code
    }


def name_index(layout: Layout) -> int:
    """0-based column of the places' names."""
    return layout.first_column - 1 + (1 if layout.with_sort_order else 0)


def first_value_column(layout: Layout) -> int:
    """1-based column of the first figure (both sexes, first year)."""
    return name_index(layout) + 4 + 1


def cut_sheet(source: Path, target: Path, sheet: str, last_row: int) -> None:
    """Copy a workbook with one sheet's rows after `last_row` removed, as a table cut off
    part-way through would be; the rest of the file is copied byte for byte."""
    with zipfile.ZipFile(source) as original:
        workbook = original.read("xl/workbook.xml").decode()
        relations = original.read("xl/_rels/workbook.xml.rels").decode()
        sheet_tag = re.search(rf'<sheet [^>]*name="{re.escape(sheet)}"[^>]*/>', workbook)
        assert sheet_tag, sheet
        relation_id = re.search(r'r:id="([^"]+)"', sheet_tag.group(0))
        assert relation_id
        relation = re.search(
            rf'<Relationship [^>]*Id="{relation_id.group(1)}"[^>]*/>', relations
        ) or re.search(rf'<Relationship [^>]*Id="{relation_id.group(1)}"[^>]*>', relations)
        assert relation
        target_path = re.search(r'Target="([^"]+)"', relation.group(0))
        assert target_path
        member = "xl/" + target_path.group(1).removeprefix("/xl/")

        def keep(match: re.Match[str]) -> str:
            return match.group(0) if int(match.group(1)) <= last_row else ""

        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
            for item in original.infolist():
                data = original.read(item.filename)
                if item.filename == member:
                    text = re.sub(r'<row r="(\d+)"[^>]*?(?:/>|>.*?</row>)', keep, data.decode())
                    text = re.sub(r"<mergeCells.*?</mergeCells>", "", text, flags=re.DOTALL)
                    data = text.encode()
                copy.writestr(item, data)
