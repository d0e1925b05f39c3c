"""The prices of sending money as the World Bank publishes them: the Remittance Prices
Worldwide corridor export, the WDI cost series (SDG 10.c.1), and the survey's own layout of
one row per service quote, in files generated for the purpose."""

import datetime
import shutil
from importlib import resources
from pathlib import Path

import pytest
from django.core.management import call_command

from migforum.core.choices import ImportStatus
from migforum.evidence.choices import DatasetKind, Indicator
from migforum.evidence.importers import importer_for
from migforum.evidence.importers.prices import quarter
from migforum.evidence.models import Dataset, Observation, RemittanceQuote
from migforum.evidence.services import data_import_request, data_import_run

from .quote_files import QUOTE_COLUMNS, quote_row, write_quote_csv, write_quote_xlsx, write_xlsx

pytestmark = pytest.mark.django_db

CORRIDORS = "wb_rpw_corridors_databank_2011Q1_2020Q3_raw.csv"
COST_TO = "wdi_SI.RMT.COST.IB.ZS_cost_to_country_2023-05-10_long.csv"
COST_FROM = "wdi_SI.RMT.COST.OB.ZS_cost_from_country_2023-05-10_long.csv"


def shipped(name: str) -> Path:
    return Path(str(resources.files("migforum.evidence").joinpath("data", name)))


def run(path: Path, kind: str = "", vintage_date: datetime.date | None = None):
    data_import = data_import_request(
        path=path, by=None, kind=kind, vintage_date=vintage_date, enqueue=False
    )
    return data_import_run(data_import=data_import)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        (CORRIDORS, DatasetKind.PRICE_CORRIDORS),
        (COST_TO, DatasetKind.PRICE_COST_TO),
        (COST_FROM, DatasetKind.PRICE_COST_FROM),
    ],
)
def test_each_shipped_price_file_is_recognised_without_being_told_its_format(name, kind):
    assert importer_for(shipped(name)).kind == kind


def test_the_corridor_export_covers_377_corridors_and_367_in_2020q3():
    dataset = run(shipped(CORRIDORS)).dataset

    assert dataset.vintage == "2020-12-07"
    assert str(dataset.vintage_date) == "2020-12-07"
    assert (dataset.publisher, dataset.licence) == ("World Bank", "CC BY 4.0")
    costs = Observation.objects.filter(dataset=dataset, indicator=Indicator.REMITTANCE_COST)
    assert costs.values("country", "partner").distinct().count() == 377
    assert costs.filter(period="2020Q3").values("country", "partner").distinct().count() == 367
    assert set(costs.values_list("period", flat=True)) >= {"2011Q1", "2019Q3", "2020Q3"}
    # sending country, receiving partner
    spain_morocco = costs.get(country="ESP", partner="MAR", period="2020Q3")
    assert 0 < spain_morocco.value < 20


def test_the_wdi_cost_to_mexico_in_2019_equals_the_us_mexico_corridor_in_2019q3():
    call_command("import-data", str(shipped(CORRIDORS)))
    call_command("import-data", str(shipped(COST_TO)))

    # The platform computes the series from the corridors too: the WDI's is checked here.
    to_mexico = Observation.objects.get(
        dataset__kind=DatasetKind.PRICE_COST_TO,
        indicator=Indicator.COST_TO_COUNTRY,
        country="MEX",
        partner="",
        period="2019",
    )
    corridor = Observation.objects.get(
        indicator=Indicator.REMITTANCE_COST, country="USA", partner="MEX", period="2019Q3"
    )
    assert round(to_mexico.value, 2) == 4.61
    assert round(corridor.value, 2) == round(to_mexico.value, 2)
    assert to_mexico.dataset.vintage == "2023-05-10"


def test_the_two_wdi_series_are_told_apart_by_the_series_code_in_the_file(tmp_path):
    # given each series under a name that says the other (and no longer its release date)
    misnamed_to = tmp_path / "cost_from_country.csv"
    misnamed_from = tmp_path / "cost_to_country.csv"
    shutil.copy(shipped(COST_TO), misnamed_to)
    shutil.copy(shipped(COST_FROM), misnamed_from)
    released = datetime.date(2023, 5, 10)

    to_country = run(misnamed_to, vintage_date=released).dataset
    from_country = run(misnamed_from, vintage_date=released).dataset

    assert to_country.kind == DatasetKind.PRICE_COST_TO
    assert from_country.kind == DatasetKind.PRICE_COST_FROM
    assert from_country.observations.filter(
        indicator=Indicator.COST_FROM_COUNTRY, country="USA", period="2019"
    ).exists()
    assert not to_country.observations.filter(country="USA").exists()


def test_a_wdi_download_in_its_wide_layout_reads_the_same(tmp_path):
    path = tmp_path / "API_SI.RMT.COST.IB.ZS.csv"
    path.write_text(
        '"Data Source","World Development Indicators",\n\n'
        '"Last Updated Date","2024-06-28",\n\n'
        '"Country Name","Country Code","Indicator Name","Indicator Code","2018","2019","2020",\n'
        '"Mexico","MEX","Average transaction cost of sending remittances to a specific '
        'country (%)","SI.RMT.COST.IB.ZS","4.06","4.61","",\n'
        '"World","WLD","Average transaction cost of sending remittances to a specific '
        'country (%)","SI.RMT.COST.IB.ZS","7.1","6.8","6.5",\n'
    )

    dataset = run(path).dataset

    assert dataset.kind == DatasetKind.PRICE_COST_TO
    assert dataset.vintage == "2024-06-28"
    values = {(o.country, o.period): o.value for o in dataset.observations.all()}
    assert values == {
        ("MEX", "2018"): 4.06,
        ("MEX", "2019"): 4.61,
        ("WLD", "2018"): 7.1,
        ("WLD", "2019"): 6.8,
        ("WLD", "2020"): 6.5,
    }


def test_a_non_number_in_the_corridor_export_is_named_by_row_and_column(tmp_path):
    lines = shipped(CORRIDORS).read_text(encoding="utf-8-sig").splitlines()
    cells = lines[5].split(",")
    cells[-1] = "n.a.x"
    lines[5] = ",".join(cells)
    path = tmp_path / "corridors.csv"
    path.write_text("\n".join(lines))

    data_import = run(path)

    assert data_import.status == ImportStatus.FAILED
    assert data_import.error == "Row 6, column 2020Q3 [YR2020Q3]: “n.a.x” is not a number."
    assert not Dataset.objects.exists()


# --- Quotes ------------------------------------------------------------------------------


def test_a_quote_file_imports_every_quote_and_clears_the_placeholder_margins(tmp_path):
    # given three services in Spain → Morocco, one of which does not disclose its rate
    path = write_quote_csv(
        tmp_path / "rpw.csv",
        [
            quote_row(firm="Bank A", fee_200=6.0, fx_margin_200=1.5),
            quote_row(firm="Operator B", fee_200=3.4, fx_margin_200=0.8, speed="Same day"),
            quote_row(firm="Bank C", fee_200=12.0, transparent=False),
        ],
    )

    data_import = run(path)

    assert data_import.status == ImportStatus.DONE, data_import.error
    dataset = data_import.dataset
    assert dataset.kind == DatasetKind.PRICE_QUOTES
    assert dataset.vintage == "2020Q3"
    quotes = {q.firm: q for q in RemittanceQuote.objects.filter(dataset=dataset)}
    assert set(quotes) == {"Bank A", "Operator B", "Bank C"}
    bank_a = quotes["Bank A"]
    assert (bank_a.source_code, bank_a.destination_code, bank_a.period) == ("ESP", "MAR", "2020Q3")
    assert bank_a.total_cost_200 == pytest.approx(6.0 / 170 * 100 + 1.5, abs=0.01)
    assert bank_a.fx_margin_500 == 1.2
    assert quotes["Operator B"].speed == "Same day"
    undisclosed = quotes["Bank C"]
    assert not undisclosed.transparent
    assert undisclosed.fee_200_lcu == 12.0
    assert (undisclosed.fx_margin_200, undisclosed.total_cost_200) == (None, None)
    assert (undisclosed.fx_margin_500, undisclosed.total_cost_500) == (None, None)


def test_a_quote_workbook_with_its_own_headings_and_period_forms_reads_the_same(tmp_path):
    # given headings in other case and spacing, another column order, and periods as
    # the survey has written them over the years
    headings = {
        column: column.upper().replace("_", " ") + " " for column in reversed(QUOTE_COLUMNS)
    }
    rows = [
        quote_row(period="2020_3Q", firm="A"),
        quote_row(period="Q1 2021", firm="B"),
        quote_row(period="2021Q2", firm="C", **{"cc1 total cost %": ""}),
    ]
    table = [list(headings.values())] + [[row[c] for c in headings] for row in rows]
    path = write_xlsx(tmp_path / "rpw.xlsx", {"Dataset": [["RPW data"], *table]})

    dataset = run(path).dataset

    quotes = {q.firm: q for q in dataset.quotes.all()}
    assert {firm: q.period for firm, q in quotes.items()} == {
        "A": "2020Q3",
        "B": "2021Q1",
        "C": "2021Q2",
    }
    assert dataset.vintage == "2020Q3–2021Q2"
    # a missing total is computed from the fee and the margin
    assert quotes["C"].total_cost_200 == pytest.approx(6.0 / 170 * 100 + 1.5)


def test_a_quote_whose_total_disagrees_with_its_fee_and_margin_is_named_by_row_and_column(
    tmp_path,
):
    path = write_quote_csv(
        tmp_path / "rpw.csv",
        [quote_row(firm="A"), quote_row(firm="B", **{"cc1 total cost %": 4.0})],
    )

    data_import = run(path)

    assert data_import.status == ImportStatus.FAILED
    assert data_import.error == (
        "Row 3, column cc1 total cost %: The total cost 4.00% is not the fee as a share of "
        "the amount plus the FX margin (5.03%)."
    )
    assert not RemittanceQuote.objects.exists()
    assert not Dataset.objects.exists()


def test_a_total_off_by_no_more_than_rounding_is_accepted(tmp_path):
    exact = 6.0 / 170 * 100 + 1.5  # 5.0294…
    path = write_quote_xlsx(
        tmp_path / "rpw.xlsx", [quote_row(**{"cc1 total cost %": round(exact + 0.009, 3)})]
    )

    assert run(path).status == ImportStatus.DONE


@pytest.mark.parametrize(
    ("column", "cell", "message"),
    [
        ("period", "autumn", "is not a quarter"),
        ("source_code", "Spain", "is not a three-letter country code"),
        ("cc1 lcu fee", "free", "is not a number"),
        ("transparent", "perhaps", "is neither yes nor no"),
        ("firm", "", "may not be empty"),
    ],
)
def test_a_bad_quote_cell_is_named_by_row_and_column(tmp_path, column, cell, message):
    heading = column.replace("_", " ")
    bad = quote_row()
    bad[column] = cell
    path = write_quote_csv(tmp_path / "rpw.csv", [quote_row(), bad])

    data_import = run(path)

    assert data_import.status == ImportStatus.FAILED
    assert data_import.error.startswith(f"Row 3, column {heading}: ")
    assert message in data_import.error


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020Q3", "2020Q3"),
        ("2020_3Q", "2020Q3"),
        ("Q3 2020", "2020Q3"),
        ("2020-Q3", "2020Q3"),
        ("3Q 2020", "2020Q3"),
        ("2020 q1", "2020Q1"),
        ("2020Q5", None),
        ("2020", None),
    ],
)
def test_quarters_are_read_in_every_form_the_survey_has_used(text, expected):
    assert quarter(text) == expected
