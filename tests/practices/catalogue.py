"""Catalogues of practices to import, written as a spreadsheet would write them."""

import csv
import io

from migforum.practices.imports import COLUMNS

COUNTRIES = ["MAR", "ESP", "SEN", "FRA", "PHL", "ITA", "MEX", "USA", "GHA", "NLD"]


def good_row(number: int) -> dict[str, str]:
    origin, destination = COUNTRIES[number % 5 * 2], COUNTRIES[number % 5 * 2 + 1]
    return {
        "title": f"Practice number {number}",
        "summary": f"What practice {number} does, for whom, with what result.",
        "level": "national",
        "is_global": "no",
        "implementer_name": "Ministry of Labour",
        "implementer_kind": "government",
        "themes": "labour; Remittances and financial inclusion",
        "objectives": "5; 6",
        "sdg_targets": "8.8; 10.7",
        "start_year": str(1990 + number % 30),
        "implementation_status": "ongoing",
        "countries": f"{origin}:origin; {destination}:destination",
        "partners": "Chamber of Commerce (private_sector)",
        "contacts": f"Officer {number} | Head of unit | officer{number}@example.org",
        "links": f"Annual report | https://example.org/{number}",
    }


def csv_bytes(rows: list[dict[str, str]], *, bom: bool = False) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode()
