"""The World Bank–KNOMAD workbooks as the publishers ship them: annual remittance inflows and
outflows, bilateral remittance estimates and bilateral migrant stocks, imported through the
service and the command, reproducing the publishers' figures for a pinned vintage."""

import datetime
import shutil
from importlib import resources
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from python_calamine import CalamineWorkbook

from migforum.core.cells import optional_number
from migforum.core.choices import ImportStatus
from migforum.evidence.choices import DatasetKind, Indicator
from migforum.evidence.importers import importer_for
from migforum.evidence.importers.worldbank import area_code, month_year
from migforum.evidence.models import Area, Dataset, Observation
from migforum.evidence.services import data_import_request, data_import_run

from .quote_files import write_xlsx

pytestmark = pytest.mark.django_db

INFLOWS = "knomad_remittance_inflows_usd_million_june2023.xlsx"
OUTFLOWS = "knomad_remittance_outflows_usd_million_june2023.xlsx"
BILATERAL_REMITTANCES = "wb_knomad_bilateral_remittance_estimates_2017_apr2018.xlsx"
BILATERAL_STOCKS = "wb_knomad_bilateral_migrant_stocks_2017.xlsx"
REMITTANCE_SHEET = "Bilateral_Remittances_2017"
STOCK_SHEET = "Bilateral_Migration_2017"


def shipped(name: str) -> Path:
    return Path(str(resources.files("migforum.evidence").joinpath("data", name)))


def run(path: Path, kind: str = ""):
    data_import = data_import_request(path=path, by=None, kind=kind, enqueue=False)
    return data_import_run(data_import=data_import)


def value(indicator, country, partner="", period="2022", dataset=None):
    rows = Observation.objects.filter(
        indicator=indicator, country=country, partner=partner, period=period
    )
    if dataset is not None:
        rows = rows.filter(dataset=dataset)
    return rows.get().value


def sheet_of(name: str, sheet: str) -> list[list]:
    return (
        CalamineWorkbook.from_path(str(shipped(name)))
        .get_sheet_by_name(sheet)
        .to_python(skip_empty_area=False)
    )


def evidence_state():
    return (Dataset.objects.count(), Observation.objects.count(), Area.objects.count())


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        (INFLOWS, DatasetKind.REMITTANCE_INFLOWS),
        (OUTFLOWS, DatasetKind.REMITTANCE_OUTFLOWS),
        (BILATERAL_REMITTANCES, DatasetKind.BILATERAL_REMITTANCES),
        (BILATERAL_STOCKS, DatasetKind.BILATERAL_MIGRANT_STOCKS),
    ],
)
def test_each_shipped_workbook_is_recognised_without_being_told_its_format(name, kind):
    assert importer_for(shipped(name)).kind == kind


def test_inflows_june_2023_give_the_publishers_figures_through_the_command(capsys):
    call_command("import-data", str(shipped(INFLOWS)))

    dataset = Dataset.objects.get(kind=DatasetKind.REMITTANCE_INFLOWS)
    assert dataset.vintage == "June 2023"
    assert str(dataset.vintage_date) == "2023-06-01"
    assert (dataset.publisher, dataset.licence) == ("World Bank–KNOMAD", "CC BY 4.0")
    assert dataset.source_url.startswith("https://")
    assert "KNOMAD" in dataset.citation
    inflows = Indicator.REMITTANCE_INFLOWS
    assert round(value(inflows, "WLD", dataset=dataset), 1) == 831_103.0
    assert round(value(inflows, "LMY", dataset=dataset), 1) == 647_193.2
    assert round(value(inflows, "IND", dataset=dataset), 1) == 111_221.8
    assert Area.objects.get(code="LMY").is_aggregate
    assert not Area.objects.get(code="IND").is_aggregate
    assert "imported as" in capsys.readouterr().out


def test_inflows_read_every_year_and_leave_unpublished_cells_empty():
    run(shipped(INFLOWS))

    inflows = Observation.objects.filter(indicator=Indicator.REMITTANCE_INFLOWS)
    years = sorted(set(inflows.values_list("year", flat=True)))
    assert years == list(range(2000, 2023))
    # American Samoa has no published value in any year; Andorra none for 2022 only.
    assert not inflows.filter(country="ASM").exists()
    assert not inflows.filter(country="AND", period="2022").exists()
    assert inflows.filter(country="AND", period="2021").exists()
    # The World Bank's spellings resolve to ISO codes.
    assert inflows.filter(country="EGY", period="2022").exists()
    assert inflows.filter(country="TUR", period="2022").exists()
    assert inflows.filter(country="XKX", period="2022").exists()


def test_outflows_are_told_from_inflows_by_the_title_not_the_file_name(tmp_path):
    # given both workbooks under names that say the opposite
    misnamed_outflows = tmp_path / "remittance_inflows.xlsx"
    misnamed_inflows = tmp_path / "remittance_outflows.xlsx"
    shutil.copy(shipped(OUTFLOWS), misnamed_outflows)
    shutil.copy(shipped(INFLOWS), misnamed_inflows)

    # when
    outflows = run(misnamed_outflows).dataset
    inflows = run(misnamed_inflows).dataset

    # then
    assert outflows.kind == DatasetKind.REMITTANCE_OUTFLOWS
    assert inflows.kind == DatasetKind.REMITTANCE_INFLOWS
    assert outflows.vintage == "June 2023"
    assert set(outflows.observations.values_list("indicator", flat=True)) == {
        Indicator.REMITTANCE_OUTFLOWS
    }
    us_outflows_2022 = value(Indicator.REMITTANCE_OUTFLOWS, "USA", dataset=outflows)
    assert us_outflows_2022 > value(Indicator.REMITTANCE_INFLOWS, "USA", dataset=inflows)


def test_an_annual_workbook_in_billions_with_a_code_column_reads_in_millions(tmp_path):
    # given another layout: a title row above the header, a code column, US$ billion
    path = write_xlsx(
        tmp_path / "flows.xlsx",
        {
            "Data": [
                ["Migrant remittance inflows (US$ billion)"],
                [],
                ["Country", "Code", "2019", "2020", "2021", "2022e", "2023f"],
                ["Morocco", "MAR", 6.9, 7.4, 10.9, 11.2, 11.8],
                ["Low & middle income", "LMY", 500.1, 541.7, 599.3, 647.2, 669.0],
                [],
                ["Date: December 2023"],
            ]
        },
    )

    dataset = run(path).dataset

    assert dataset.kind == DatasetKind.REMITTANCE_INFLOWS
    assert dataset.vintage == "December 2023"
    assert value(Indicator.REMITTANCE_INFLOWS, "MAR", period="2022") == pytest.approx(11_200)
    assert value(Indicator.REMITTANCE_INFLOWS, "LMY", period="2023") == pytest.approx(669_000)


def test_a_workbook_that_does_not_say_which_release_it_is_needs_its_release_date(tmp_path):
    # given annual inflows without their "Date: December 2023" line
    path = write_xlsx(
        tmp_path / "flows.xlsx",
        {
            "Data": [
                ["Migrant remittance inflows (US$ billion)"],
                [],
                ["Country", "Code", "2019", "2020", "2021", "2022e", "2023f"],
                ["Morocco", "MAR", 6.9, 7.4, 10.9, 11.2, 11.8],
                ["Low & middle income", "LMY", 500.1, 541.7, 599.3, 647.2, 669.0],
            ]
        },
    )

    # when it is imported without a release date, then it is refused, saying what to give
    refused = run(path)
    assert refused.status == ImportStatus.FAILED
    assert "does not say which release it is" in refused.error
    assert "--vintage-date YYYY-MM-DD" in refused.error
    with pytest.raises(CommandError, match="does not say which release it is"):
        call_command("import-data", str(path))
    assert not Dataset.objects.filter(sha256=refused.sha256).exists()

    # and with one, it is imported as the release of that date
    call_command("import-data", str(path), "--vintage-date", "2023-12-18", stdout=StringIO())
    dataset = Dataset.objects.get(sha256=refused.sha256)
    assert (dataset.vintage, str(dataset.vintage_date)) == ("2023-12-18", "2023-12-18")


def test_a_release_date_given_for_a_workbook_that_has_its_own_is_noted_not_used(tmp_path):
    path = tmp_path / INFLOWS
    shutil.copy(shipped(INFLOWS), path)
    data_import = data_import_request(
        path=path, by=None, vintage_date=datetime.date(2024, 1, 1), enqueue=False
    )
    dataset = data_import_run(data_import=data_import).dataset
    assert str(dataset.vintage_date) == "2023-06-01"
    assert "The release date given at import (2024-01-01) was not used" in dataset.notes


def test_the_command_refuses_a_release_date_that_is_not_a_date():
    with pytest.raises(CommandError, match="is not a date such as 2023-06-30"):
        call_command("import-data", str(shipped(INFLOWS)), "--vintage-date", "30/06/2023")


def test_bilateral_remittances_2017_give_the_world_total_and_the_us_mexico_corridor():
    dataset = run(shipped(BILATERAL_REMITTANCES)).dataset

    assert dataset.vintage == "April 2018"
    flows = Indicator.BILATERAL_REMITTANCES
    assert round(value(flows, "WLD", "WLD", "2017"), 1) == 613_465.8
    # country is the sending end, partner the receiving end
    assert round(value(flows, "USA", "MEX", "2017"), 1) == 30_019.2
    assert value(flows, "MEX", "USA", "2017") < value(flows, "USA", "MEX", "2017") / 10
    # the World row is what each country receives, the World column what it sends
    assert value(flows, "WLD", "MEX", "2017") > value(flows, "USA", "MEX", "2017")
    assert value(flows, "USA", "WLD", "2017") > value(flows, "USA", "MEX", "2017")
    # the values the publisher withholds ("-") are not stored as zero
    assert not Observation.objects.filter(indicator=flows, country="IND", partner="PAK").exists()


def test_bilateral_migrant_stocks_2017_give_the_world_total_with_origin_as_partner():
    dataset = run(shipped(BILATERAL_STOCKS)).dataset

    assert dataset.publisher == "World Bank"
    stock = Indicator.BILATERAL_MIGRANT_STOCK
    assert value(stock, "WLD", "WLD", "2017") == 266_143_792
    # Mexicans living in the United States: destination is the country, origin the partner
    assert value(stock, "USA", "MEX", "2017") == 11_573_680
    assert Area.objects.get(code="OTHER-SOUTH").is_aggregate


@pytest.mark.parametrize(
    ("name", "sheet", "third_party", "indicator", "world_total"),
    [
        (
            BILATERAL_REMITTANCES,
            REMITTANCE_SHEET,
            "remshare",
            Indicator.BILATERAL_REMITTANCES,
            613_465.8,
        ),
        (
            BILATERAL_STOCKS,
            STOCK_SHEET,
            "countries-comparison",
            Indicator.BILATERAL_MIGRANT_STOCK,
            266_143_792,
        ),
    ],
)
def test_the_sheets_a_third_party_added_are_never_read(
    tmp_path, name, sheet, third_party, indicator, world_total
):
    # given the third party's sheet first, shaped like the matrix but with other values
    rows = sheet_of(name, sheet)
    doctored = [[cell * 10 if isinstance(cell, float) else cell for cell in row] for row in rows]
    path = write_xlsx(tmp_path / name, {third_party: doctored, sheet: rows})

    dataset = run(path).dataset

    assert round(value(indicator, "WLD", "WLD", "2017", dataset=dataset), 1) == world_total
    assert third_party in dataset.notes


def test_the_stock_matrix_takes_its_codes_from_names_not_from_the_comparison_sheet():
    # countries-comparison gives Algeria the code ARE (the United Arab Emirates')
    comparison = sheet_of(BILATERAL_STOCKS, "countries-comparison")
    assert ["Algeria", "ARE"] in [[row[3], row[4]] for row in comparison]
    rows = sheet_of(BILATERAL_STOCKS, STOCK_SHEET)
    france = rows[1].index("France")
    algerians_in_france = next(row[france] for row in rows if row[0] == "Algeria")

    run(shipped(BILATERAL_STOCKS))

    stock = Indicator.BILATERAL_MIGRANT_STOCK
    assert value(stock, "FRA", "DZA", "2017") == algerians_in_france
    assert value(stock, "FRA", "ARE", "2017") != algerians_in_france


def test_a_text_cell_in_the_matrix_names_its_sheet_row_and_column_and_imports_nothing(tmp_path):
    # given a damaged copy of the matrix, and the evidence as it is
    run(shipped(INFLOWS))
    before = evidence_state()
    rows = sheet_of(BILATERAL_REMITTANCES, REMITTANCE_SHEET)
    rows[12][3] = "lots"  # row 13 (Australia), column D (Algeria)
    path = write_xlsx(tmp_path / "damaged.xlsx", {REMITTANCE_SHEET: rows})

    data_import = run(path)

    assert data_import.status == ImportStatus.FAILED
    assert data_import.error == (
        "Sheet “Bilateral_Remittances_2017”, row 13, column D (Algeria): “lots” is not a number."
    )
    assert evidence_state() == before


def test_a_matrix_cut_short_is_refused_naming_the_sheet_and_row(tmp_path):
    rows = sheet_of(BILATERAL_STOCKS, STOCK_SHEET)[:150]
    path = write_xlsx(tmp_path / "cut.xlsx", {STOCK_SHEET: rows})

    data_import = run(path, kind=DatasetKind.BILATERAL_MIGRANT_STOCKS)

    assert data_import.status == ImportStatus.FAILED
    assert data_import.error.startswith("Sheet “Bilateral_Migration_2017”, row 150:")
    assert "no World row" in data_import.error
    assert not Observation.objects.exists()


def test_a_value_that_breaks_its_world_total_is_refused_naming_the_total(tmp_path):
    rows = sheet_of(BILATERAL_STOCKS, STOCK_SHEET)
    mexico = next(row for row in rows if row[0] == "Mexico")
    mexico[rows[1].index("United States")] += 1_000_000
    path = write_xlsx(tmp_path / "changed.xlsx", {STOCK_SHEET: rows})

    data_import = run(path)

    assert data_import.status == ImportStatus.FAILED
    assert "is not the sum of the row's values" in data_import.error
    assert f"row {rows.index(mexico) + 1}," in data_import.error


def test_an_unknown_country_name_is_an_error_not_a_silent_loss(tmp_path):
    rows = sheet_of(BILATERAL_REMITTANCES, REMITTANCE_SHEET)
    rows[5][0] = "Atlantis"
    path = write_xlsx(tmp_path / "atlantis.xlsx", {REMITTANCE_SHEET: rows})

    data_import = run(path)

    assert data_import.status == ImportStatus.FAILED
    assert data_import.error.startswith("Sheet “Bilateral_Remittances_2017”, row 6, column A:")
    assert "Atlantis" in data_import.error


def test_a_truncated_workbook_file_is_refused_and_the_command_says_nothing_was_imported(
    tmp_path,
):
    path = tmp_path / "truncated.xlsx"
    path.write_bytes(shipped(BILATERAL_REMITTANCES).read_bytes()[:100_000])

    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import-data", str(path), "--kind", DatasetKind.BILATERAL_REMITTANCES)

    assert not Dataset.objects.exists()


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Egypt, Arab Rep.", "EGY"),
        ("Korea, Rep.", "KOR"),
        ("Korea, Dem. Rep.", "PRK"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Türkiye, Rep. of", "TUR"),
        ("Micronesia, Fed. Sts.", "FSM"),
        ("WORLD", "WLD"),
        ("Low-and Middle-Income Countries", "LMY"),
        ("Channel Islands", "CHI"),
        ("Kosovo", "XKX"),
    ],
)
def test_world_bank_spellings_resolve_to_codes(name, code):
    assert area_code(name)[0] == code


def test_notes_and_missing_marks_are_not_countries_or_numbers():
    assert area_code("Notes:") is None
    assert optional_number("..") is None
    assert optional_number("-") is None
    with pytest.raises(ValueError, match="lots"):
        optional_number("lots")
    assert month_year(["When using the data, please cite: World Bank-KNOMAD, June 2023"])[0] == (
        "June 2023"
    )
