"""Files in the Remittance Prices Worldwide quote layout (one row per service quote), for
tests and benchmarks: no such file is shipped, the World Bank's own is about 50 MB.

`quote_row` makes one consistent quote (its total is fee / amount × 100 + FX margin, as in
the survey); `generated_quotes` makes many; `write_quote_csv` and `write_xlsx` write them.
"""

from __future__ import annotations

import csv
import random
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from migforum.core.cells import column_letter

QUOTE_COLUMNS = [
    "period",
    "source_code",
    "source_name",
    "destination_code",
    "destination_name",
    "firm",
    "firm_type",
    "product",
    "cc1 lcu amount",
    "cc1 lcu fee",
    "cc1 fx margin",
    "cc1 total cost %",
    "cc2 lcu amount",
    "cc2 lcu fee",
    "cc2 fx margin",
    "cc2 total cost %",
    "transparent",
    "speed actual",
]
#: Sending country → (name, local currency units per US dollar).
SENDERS = {
    "ESP": ("Spain", 0.85),
    "FRA": ("France", 0.85),
    "USA": ("United States", 1.0),
    "GBR": ("United Kingdom", 0.75),
    "SAU": ("Saudi Arabia", 3.75),
    "ZAF": ("South Africa", 15.0),
}
RECEIVERS = {
    "MAR": "Morocco",
    "MEX": "Mexico",
    "SEN": "Senegal",
    "IND": "India",
    "PHL": "Philippines",
    "ZWE": "Zimbabwe",
}
FIRM_TYPES = ["Bank", "Money Transfer Operator", "Post office", "Mobile operator"]
SPEEDS = ["Less than one hour", "Same day", "Next day", "2 days", "3-5 days"]


def quote_row(
    *,
    period: str = "2020Q3",
    source_code: str = "ESP",
    destination_code: str = "MAR",
    firm: str = "Firm A",
    firm_type: str = "Money Transfer Operator",
    fee_200: float = 6.0,
    fx_margin_200: float = 1.5,
    fee_500: float | None = 9.0,
    fx_margin_500: float | None = 1.2,
    transparent: bool = True,
    speed: str = "Less than one hour",
    **overrides: Any,
) -> dict[str, Any]:
    """One quote as the survey's file has it. A service that does not disclose its rate
    carries an FX margin of 0 in the file, as the publisher's placeholder."""
    source_name, rate = SENDERS.get(source_code, (source_code, 1.0))
    amount_200, amount_500 = round(200 * rate, 2), round(500 * rate, 2)
    margin_200 = fx_margin_200 if transparent else 0.0
    row: dict[str, Any] = {
        "period": period,
        "source_code": source_code,
        "source_name": source_name,
        "destination_code": destination_code,
        "destination_name": RECEIVERS.get(destination_code, destination_code),
        "firm": firm,
        "firm_type": firm_type,
        "product": "Account to cash",
        "cc1 lcu amount": amount_200,
        "cc1 lcu fee": fee_200,
        "cc1 fx margin": margin_200,
        "cc1 total cost %": round(fee_200 / amount_200 * 100 + margin_200, 2),
        "cc2 lcu amount": "",
        "cc2 lcu fee": "",
        "cc2 fx margin": "",
        "cc2 total cost %": "",
        "transparent": "yes" if transparent else "no",
        "speed actual": speed,
    }
    if fee_500 is not None and fx_margin_500 is not None:
        margin_500 = fx_margin_500 if transparent else 0.0
        row.update(
            {
                "cc2 lcu amount": amount_500,
                "cc2 lcu fee": fee_500,
                "cc2 fx margin": margin_500,
                "cc2 total cost %": round(fee_500 / amount_500 * 100 + margin_500, 2),
            }
        )
    row.update(overrides)
    return row


def generated_quotes(
    count: int,
    *,
    seed: int = 0,
    periods: Iterable[str] = ("2019Q3", "2020Q1", "2020Q3"),
    firms_per_corridor: int = 8,
) -> Iterator[dict[str, Any]]:
    """`count` plausible quotes over every corridor of SENDERS × RECEIVERS and the periods;
    about one in ten from a service that does not disclose its exchange rate."""
    rng = random.Random(seed)
    corridors = [(s, r) for s in SENDERS for r in RECEIVERS]
    periods = list(periods)
    for number in range(count):
        source, destination = corridors[number % len(corridors)]
        yield quote_row(
            period=periods[(number // len(corridors)) % len(periods)],
            source_code=source,
            destination_code=destination,
            firm=f"Firm {(number // (len(corridors) * len(periods))) % firms_per_corridor + 1}",
            firm_type=rng.choice(FIRM_TYPES),
            fee_200=round(rng.uniform(0, 25), 2),
            fx_margin_200=round(rng.uniform(0, 5), 2),
            fee_500=round(rng.uniform(0, 40), 2),
            fx_margin_500=round(rng.uniform(0, 5), 2),
            transparent=rng.random() > 0.1,
            speed=rng.choice(SPEEDS),
        )


def write_quote_csv(
    path: Path, rows: Iterable[Mapping[str, Any]], columns: list[str] | None = None
) -> Path:
    """Write quotes as the survey's CSV; `columns` may rename, reorder or drop headings."""
    columns = columns or QUOTE_COLUMNS
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(column, "") for column in columns])
    return path


def write_quote_xlsx(path: Path, rows: Iterable[Mapping[str, Any]], sheet: str = "Data") -> Path:
    table = [QUOTE_COLUMNS] + [[row.get(c, "") for c in QUOTE_COLUMNS] for row in rows]
    return write_xlsx(path, {sheet: table})


def write_xlsx(path: Path, sheets: Mapping[str, list[list[Any]]]) -> Path:
    """A minimal .xlsx workbook: numbers as numbers, everything else as inline text."""
    names = list(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        f'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(names) + 1)
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="applicat'
            'ion/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" Con'
            'tentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="'
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{overrides}</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openx'
            'mlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlform'
            'ats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/offi'
            'ceDocument/2006/relationships"><sheets>'
            + "".join(
                f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
                for i, name in enumerate(names, start=1)
            )
            + "</sheets></workbook>",
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openx'
            'mlformats.org/package/2006/relationships">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocum'
                f'ent/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, len(names) + 1)
            )
            + "</Relationships>",
        )
        for i, name in enumerate(names, start=1):
            archive.writestr(f"xl/worksheets/sheet{i}.xml", _sheet_xml(sheets[name]))
    return path


def _sheet_xml(rows: list[list[Any]]) -> str:
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats'
        '.org/spreadsheetml/2006/main"><sheetData>'
    ]
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{column_letter(c)}{r}"
            if value is None or value == "":
                continue
            if isinstance(value, int | float) and not isinstance(value, bool):
                cells.append(f'<c r="{ref}"><v>{value!r}</v></c>')
            else:
                text = escape(str(value))
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>')
        parts.append(f'<row r="{r}">{"".join(cells)}</row>')
    parts.append("</sheetData></worksheet>")
    return "".join(parts)
