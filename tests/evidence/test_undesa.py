"""UN DESA International Migrant Stock: the 2020 destination workbook and origin × destination
matrix reproduce the publisher's figures; other revisions' layouts are read by their structure;
a damaged file fails naming where, and leaves the evidence as it was.

The two shipped files are imported once for the module (they take seconds) and removed after
it; each test runs in its own transaction on top of them."""

from __future__ import annotations

import dataclasses
import math
from importlib import resources
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Sum

from migforum.core.choices import ImportStatus
from migforum.core.models import AuditEvent
from migforum.evidence.choices import WORLD, DatasetKind, Indicator, Sex
from migforum.evidence.importers import importer_for
from migforum.evidence.importers.undesa import MigrantStockBilateral, MigrantStockByDestination
from migforum.evidence.models import Area, DataImport, Dataset, Observation
from migforum.evidence.services import data_import_request, data_import_run

from . import undesa_workbooks as workbooks

pytestmark = pytest.mark.django_db

DATA = resources.files("migforum.evidence").joinpath("data")
WORKBOOK = Path(str(DATA.joinpath("undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx")))
MATRIX = Path(str(DATA.joinpath("undesa_ims2020_bilateral_by_sex_1990_2020_iso3.csv")))

#: Table 1 of the workbook, row WORLD (read once from the workbook).
WORLD_STOCK = {
    Sex.TOTAL: {
        1990: 152_986_157,
        1995: 161_289_976,
        2000: 173_230_585,
        2005: 191_446_828,
        2010: 220_983_187,
        2015: 247_958_644,
        2020: 280_598_105,
    },
    Sex.MALE: {
        1990: 77_563_467,
        1995: 81_581_501,
        2000: 87_719_833,
        2005: 97_663_081,
        2010: 113_940_881,
        2015: 128_238_058,
        2020: 145_655_844,
    },
    Sex.FEMALE: {
        1990: 75_422_690,
        1995: 79_708_475,
        2000: 85_510_752,
        2005: 93_783_747,
        2010: 107_042_306,
        2015: 119_720_586,
        2020: 134_942_261,
    },
}


def run(path: Path, **options) -> DataImport:
    request = data_import_request(path=path, by=None, enqueue=False, **options)
    return data_import_run(data_import=request)


def counts() -> tuple[int, int, int]:
    return Dataset.objects.count(), Observation.objects.count(), Area.objects.count()


def value(dataset: Dataset, indicator: str, country: str, period: str, **filters) -> float:
    """One observation's value; both sexes and no partner unless the filters say otherwise."""
    filters = {"sex": Sex.TOTAL, "partner": ""} | filters
    return Observation.objects.get(
        dataset=dataset, indicator=indicator, country=country, period=period, **filters
    ).value


@pytest.fixture(scope="module")
def shipped(django_db_setup, django_db_blocker):
    """The workbook imported through the service, the matrix through `migforum import-data`
    (no --kind: the command recognises it); removed again after the module."""
    with django_db_blocker.unblock():
        areas_before = set(Area.objects.values_list("code", flat=True))

        def last(model) -> int:
            return model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

        last_event, last_import, last_dataset = last(AuditEvent), last(DataImport), last(Dataset)
        workbook_import = run(WORKBOOK)
        output = StringIO()
        call_command("import-data", str(MATRIX), stdout=output)
        matrix_import = DataImport.objects.get(file_name=MATRIX.name)
        yield {
            "workbook": workbook_import.dataset,
            "matrix": matrix_import.dataset,
            "workbook_import": workbook_import,
            "command_output": output.getvalue(),
        }
        # Only what this module added: other modules may keep their own data.
        for data_import in DataImport.objects.filter(pk__gt=last_import):
            default_storage.delete(data_import.file.name)
        DataImport.objects.filter(pk__gt=last_import).delete()
        Dataset.objects.filter(pk__gt=last_dataset).delete()
        Area.objects.exclude(code__in=areas_before).delete()
        AuditEvent.objects.filter(pk__gt=last_event).delete()


# The 2020 destination workbook ------------------------------------------------------------


def test_the_workbook_is_recognised_and_imported_with_its_provenance(shipped):
    data_import, dataset = shipped["workbook_import"], shipped["workbook"]

    assert data_import.status == ImportStatus.DONE, data_import.error
    assert data_import.kind == ""  # recognised, not named
    assert dataset.kind == DatasetKind.MIGRANT_STOCK_DESTINATION
    assert dataset.publisher.startswith("United Nations Department of Economic and Social")
    assert dataset.vintage == "Revision 2020"
    assert dataset.licence == "CC BY 3.0 IGO"
    assert dataset.citation == (
        "United Nations Department of Economic and Social Affairs, Population Division "
        "(2020). International Migrant Stock 2020."
    )
    assert dataset.source_url.startswith("https://www.un.org/")
    assert dataset.file_name == WORKBOOK.name
    assert len(dataset.sha256) == 64
    assert "Table 1" in dataset.notes
    assert "Table 2" in dataset.notes
    assert dataset.observation_count == Observation.objects.filter(dataset=dataset).count()


def test_world_migrant_stock_is_the_workbooks_for_every_year_and_sex(shipped):
    world = {
        (sex, year): value
        for sex, year, value in Observation.objects.filter(
            dataset=shipped["workbook"], indicator=Indicator.MIGRANT_STOCK, country=WORLD
        ).values_list("sex", "year", "value")
    }

    assert world == {
        (sex, year): float(stock)
        for sex, series in WORLD_STOCK.items()
        for year, stock in series.items()
    }
    assert world[Sex.TOTAL, 2020] == 280_598_105


def test_the_232_countries_and_areas_add_up_to_the_world_total(shipped):
    countries = set(Area.objects.filter(is_aggregate=False).values_list("code", flat=True))
    stocks = Observation.objects.filter(
        dataset=shipped["workbook"], indicator=Indicator.MIGRANT_STOCK, country__in=countries
    )

    assert stocks.filter(period="2020", sex=Sex.TOTAL).count() == 232
    sums = {
        (row["sex"], row["year"]): row["total"]
        for row in stocks.values("sex", "year").annotate(total=Sum("value"))
    }
    # Both sexes only: the world's figures by sex include places that give no split by sex.
    for year, world in WORLD_STOCK[Sex.TOTAL].items():
        assert sums[Sex.TOTAL, year] == world, year


def test_places_are_coded_iso3_and_aggregates_by_their_m49_code(shipped):
    areas = {area.code: area for area in Area.objects.all()}

    assert (areas[WORLD].name, areas[WORLD].is_aggregate) == ("World", True)
    assert (areas["M49-947"].name, areas["M49-947"].is_aggregate) == ("Sub-Saharan Africa", True)
    assert areas["M49-903"].name == "Africa"
    assert areas["M49-904"].name == "Latin America and the Caribbean"
    assert areas["M49-1503"].name == "High-income countries"
    assert areas["M49-1503"].m49 == ""  # four digits: not an M49 code proper
    # Footnote marks are not part of a name; places UNSD's list leaves out still get a code.
    assert (areas["USA"].name, areas["USA"].is_aggregate, areas["USA"].m49) == (
        "United States of America",
        False,
        "840",
    )
    assert (areas["CHI"].name, areas["CHI"].is_aggregate) == ("Channel Islands", False)
    assert (areas["TWN"].name, areas["TWN"].is_aggregate) == (
        "China, Taiwan Province of China",
        False,
    )
    workbook_codes = set(
        Observation.objects.filter(dataset=shipped["workbook"]).values_list("country", flat=True)
    )
    assert workbook_codes <= set(areas)
    # "Australia and New Zealand" is listed twice (SDG and geographic region): read once.
    assert (
        Observation.objects.filter(
            dataset=shipped["workbook"],
            indicator=Indicator.MIGRANT_STOCK,
            country="M49-927",
            period="2020",
            sex=Sex.TOTAL,
        ).count()
        == 1
    )


def test_population_is_stored_in_persons_not_thousands(shipped):
    dataset = shipped["workbook"]

    assert value(dataset, Indicator.POPULATION, WORLD, "2020", sex=Sex.TOTAL) == 7_794_798_729
    assert value(dataset, Indicator.POPULATION, "ESP", "2020", sex=Sex.MALE) == 22_978_338
    # Niue's population is not given by sex ("..").
    assert not Observation.objects.filter(
        dataset=dataset, indicator=Indicator.POPULATION, country="NIU", sex=Sex.MALE
    ).exists()


def test_computed_indicators_agree_with_the_publishers_own_tables(shipped):
    dataset = shipped["workbook"]

    def computed(indicator: str, country: str, period: str, sex: str = Sex.TOTAL) -> float:
        return value(dataset, indicator, country, period, sex=sex)

    # Table 4: female migrants as a percentage of the international migrant stock.
    assert computed(Indicator.FEMALE_SHARE_OF_MIGRANTS, WORLD, "2020") == pytest.approx(
        48.09093810523061, abs=1e-9
    )
    assert computed(Indicator.FEMALE_SHARE_OF_MIGRANTS, "USA", "1990") == pytest.approx(
        51.0860940072064, abs=1e-9
    )
    # Table 3: migrants as a percentage of the population, by sex.
    assert computed(Indicator.MIGRANT_SHARE_OF_POPULATION, WORLD, "2020") == pytest.approx(
        3.5998120638581024, abs=1e-9
    )
    assert computed(
        Indicator.MIGRANT_SHARE_OF_POPULATION, "ESP", "2020", Sex.MALE
    ) == pytest.approx(14.242862125189385, abs=1e-9)
    # Table 5: annual rate of change 2015–2020, dated by its later year.
    assert computed(Indicator.MIGRANT_STOCK_GROWTH, WORLD, "2020") == pytest.approx(
        2.4732288013031996, abs=1e-9
    )
    assert computed(Indicator.MIGRANT_STOCK_GROWTH, "USA", "2020", Sex.FEMALE) == pytest.approx(
        1.1179582284885903, abs=1e-9
    )
    assert computed(Indicator.MIGRANT_STOCK_GROWTH, "ESP", "1995") == pytest.approx(
        4.327276922265631, abs=1e-9
    )
    assert not Observation.objects.filter(
        dataset=dataset, indicator=Indicator.MIGRANT_STOCK_GROWTH, period="1990"
    ).exists()
    # Share of the world's migrants.
    assert computed(Indicator.MIGRANT_SHARE_OF_WORLD, "USA", "2020") == pytest.approx(
        100 * 50_632_836 / 280_598_105
    )
    assert computed(Indicator.MIGRANT_SHARE_OF_WORLD, WORLD, "2020") == 100


# The origin × destination matrix --------------------------------------------------------


def test_the_command_recognises_the_matrix_and_reports_progress(shipped):
    output = shipped["command_output"]

    assert "Reading the origin × destination matrix" in output
    assert f"{MATRIX.name} imported as" in output
    dataset = shipped["matrix"]
    assert dataset.kind == DatasetKind.MIGRANT_STOCK_BILATERAL
    assert dataset.vintage == "Revision 2020"
    assert dataset.licence == "CC BY 3.0 IGO"
    assert dataset.citation.startswith(
        "United Nations Department of Economic and Social Affairs, Population Division "
        "(2020). International Migrant Stock 2020: origin and destination"
    )
    assert f"{dataset.observation_count:,} values" in output


def test_mexico_to_the_united_states_in_2020(shipped):
    dataset = shipped["matrix"]

    def stock(sex: str) -> float:
        return value(dataset, Indicator.MIGRANT_STOCK, "USA", "2020", partner="MEX", sex=sex)

    assert stock(Sex.TOTAL) == 10_853_105
    assert (stock(Sex.MALE), stock(Sex.FEMALE)) == (5_796_774, 5_056_331)


def test_every_year_of_the_matrix_adds_up_to_the_workbooks_world_total(shipped):
    sums = {
        (row["sex"], row["year"]): row["total"]
        for row in Observation.objects.filter(
            dataset=shipped["matrix"], indicator=Indicator.MIGRANT_STOCK
        )
        .exclude(country=WORLD)
        .values("sex", "year")
        .annotate(total=Sum("value"))
    }

    assert sums == {
        (sex, year): float(stock)
        for sex, series in WORLD_STOCK.items()
        for year, stock in series.items()
    }


def test_the_matrix_gives_migrants_by_origin_with_their_shares_and_growth(shipped):
    dataset = shipped["matrix"]

    # Emigrants from Mexico, all destinations together: the world is the destination.
    assert value(dataset, Indicator.MIGRANT_STOCK, WORLD, "2020", partner="MEX") == 11_185_737
    assert value(dataset, Indicator.MIGRANT_STOCK, WORLD, "2020", partner="XXX") == 12_657_151
    female = value(dataset, Indicator.MIGRANT_STOCK, WORLD, "2020", partner="MEX", sex=Sex.FEMALE)
    assert value(
        dataset, Indicator.FEMALE_SHARE_OF_MIGRANTS, WORLD, "2020", partner="MEX"
    ) == pytest.approx(100 * female / 11_185_737)
    earlier = value(dataset, Indicator.MIGRANT_STOCK, WORLD, "2015", partner="MEX")
    assert value(
        dataset, Indicator.MIGRANT_STOCK_GROWTH, WORLD, "2020", partner="MEX"
    ) == pytest.approx(100 * math.log(11_185_737 / earlier) / 5)


def test_every_code_of_the_matrix_is_an_area_with_a_name(shipped):
    codes = set(
        Observation.objects.filter(dataset=shipped["matrix"]).values_list("country", flat=True)
    ) | set(Observation.objects.filter(dataset=shipped["matrix"]).values_list("partner", flat=True))
    areas = {area.code: area for area in Area.objects.filter(code__in=codes)}

    assert codes == set(areas)
    assert len(codes) == 234  # 232 destinations, the world, and "other or unknown" origins
    assert (areas["XXX"].name, areas["XXX"].is_aggregate) == ("Other or unknown origin", True)
    assert (areas["CHI"].name, areas["CHI"].is_aggregate) == ("Channel Islands", False)
    assert areas["MAR"].name == "Morocco"


def test_importing_the_same_files_again_changes_nothing(shipped):
    before = counts()

    again = run(WORKBOOK)
    output = StringIO()
    call_command("import-data", str(MATRIX), stdout=output)

    assert again.status == ImportStatus.UNCHANGED
    assert again.dataset == shipped["workbook"]
    assert "nothing changed" in output.getvalue()
    assert counts() == before


# Other revisions' layouts --------------------------------------------------------------------


def test_a_2019_style_revision_is_read_by_its_structure(shipped, tmp_path):
    path = tmp_path / "UN_MigrantStockTotal_2019.xlsx"
    rows = workbooks.write_workbook(path, workbooks.REVISION_2019)

    data_import = run(path)

    assert data_import.status == ImportStatus.DONE, data_import.error
    dataset = data_import.dataset
    assert dataset.kind == DatasetKind.MIGRANT_STOCK_DESTINATION
    assert dataset.vintage == "Revision 2019"
    assert str(dataset.vintage_date) == "2019-09-18"
    assert "(2019). International Migrant Stock 2019." in dataset.citation

    def stock(country: str, year: int, sex: str = Sex.TOTAL) -> float:
        return value(dataset, Indicator.MIGRANT_STOCK, country, str(year), sex=sex)

    assert [stock(WORLD, year) for year in (1990, 1995, 2000, 2005, 2010, 2015, 2019)] == [
        25_622_865,
        25_647_695,
        25_672_525,
        25_697_355,
        25_722_185,
        25_747_015,
        25_766_879,
    ]
    assert stock("MAR", 2019) == 130_810
    assert (stock("ESP", 2010, Sex.MALE), stock("ESP", 2010, Sex.FEMALE)) == (820_000, 799_873)
    assert stock("M49-925", 2019) == 1_629_639
    # ".." is missing, not zero: the Holy See gives no figures by sex.
    assert stock("VAT", 2019) == 829
    assert not Observation.objects.filter(dataset=dataset, country="VAT", sex=Sex.MALE).exists()
    # Population in thousands, stored in persons.
    assert value(dataset, Indicator.POPULATION, "ESP", "2019", sex=Sex.TOTAL) == 46_014_500
    # Growth over the four years 2015–2019.
    assert value(
        dataset, Indicator.MIGRANT_STOCK_GROWTH, "MAR", "2019", sex=Sex.TOTAL
    ) == pytest.approx(0.7708801762716571)
    # The 2020 revision's figures stay beside this vintage's.
    assert (
        Observation.objects.filter(
            indicator=Indicator.MIGRANT_STOCK,
            country=WORLD,
            period="2015",
            sex=Sex.TOTAL,
            partner="",
        ).count()
        == 2
    )
    assert rows["ESP"] == 27


def test_a_revision_imported_after_a_newer_one_leaves_the_latest_figures_to_the_newer(
    shipped, tmp_path, client
):
    # given the 2020 revision, and then the 2019 revision, which dates its release (September
    # 2019) where the 2020 workbook names its revision only
    path = tmp_path / "UN_MigrantStockTotal_2019.xlsx"
    workbooks.write_workbook(path, workbooks.REVISION_2019)
    older = run(path)
    assert older.status == ImportStatus.DONE, older.error

    # when the API is asked for the world's migrant stock of the latest release
    response = client.get(
        "/api/v1/observations",
        {
            "indicator": Indicator.MIGRANT_STOCK,
            "country": WORLD,
            "sex": Sex.TOTAL,
            "period": ["1990", "2015", "2019"],
            "vintage": "latest",
        },
    )

    # then the years both revisions hold come from the 2020 revision, the year only the 2019
    # revision holds from the 2019 revision
    assert response.status_code == 200, response.content
    rows = [row for row in response.json()["results"] if row["partner"] == ""]
    assert {(row["period"], row["value"], row["vintage"]) for row in rows} == {
        ("1990", 152_986_157, "Revision 2020"),
        ("2015", 247_958_644, "Revision 2020"),
        ("2019", 25_766_879, "Revision 2019"),
    }
    assert older.dataset.release_key() < shipped["workbook"].release_key()


def test_a_workbook_with_everything_moved_and_renamed_is_read_too(shipped, tmp_path):
    path = tmp_path / "stock.xlsx"
    workbooks.write_workbook(path, workbooks.RENAMED)

    data_import = run(path)

    assert data_import.status == ImportStatus.DONE, data_import.error
    dataset = data_import.dataset
    assert dataset.vintage == "Revision 2024"
    periods = set(
        Observation.objects.filter(dataset=dataset, indicator=Indicator.MIGRANT_STOCK)
        .values_list("period", flat=True)
        .distinct()
    )
    assert periods == {"2000", "2010", "2020", "2024"}
    assert value(dataset, Indicator.MIGRANT_STOCK, WORLD, "2024", sex=Sex.TOTAL) == 25_791_709
    assert value(dataset, Indicator.MIGRANT_STOCK, "USA", "2024", sex=Sex.FEMALE) == 10_999_775
    # "-" is missing; no population table, so no share of population.
    assert not Observation.objects.filter(dataset=dataset, country="VAT", sex=Sex.MALE).exists()
    assert not Observation.objects.filter(
        dataset=dataset, indicator=Indicator.MIGRANT_SHARE_OF_POPULATION
    ).exists()


def test_a_sheet_that_only_names_the_table_is_not_taken_for_it(tmp_path):
    # given an index sheet, first, that repeats the stock table's title with no table under it
    title = "International migrant stock at mid-year by sex and by major area, 1990-2019"
    layout = dataclasses.replace(
        workbooks.REVISION_2019,
        sheet_order=["Index", *workbooks.REVISION_2019.sheet_order],
        extra_sheets={**workbooks.REVISION_2019.extra_sheets, "Index": [["Table 1", title]]},
    )
    path = tmp_path / "indexed.xlsx"
    workbooks.write_workbook(path, layout)

    release = MigrantStockByDestination().read(path)

    world = {
        o.year: o.value
        for o in release.observations
        if (o.indicator, o.country, o.sex) == (Indicator.MIGRANT_STOCK, WORLD, Sex.TOTAL)
    }
    assert world[2019] == 25_766_879


def test_a_population_table_that_cannot_be_read_leaves_the_stock_to_import_alone(tmp_path):
    layout = workbooks.REVISION_2019
    path = tmp_path / "no_population_header.xlsx"
    workbooks.write_workbook(path, layout, blank_population_row=layout.header_row)

    release = MigrantStockByDestination().read(path)

    indicators = {o.indicator for o in release.observations}
    assert indicators == {Indicator.MIGRANT_STOCK}
    assert any(
        note.startswith("The population was not read: Sheet “Table 2”, row 12")
        for note in release.notes
    )


def test_unlabelled_columns_and_regions_after_their_countries_are_read_too(tmp_path):
    layout = dataclasses.replace(workbooks.RENAMED, unlabelled_columns=True, regions_last=True)
    path = tmp_path / "bare.xlsx"
    workbooks.write_workbook(path, layout)

    release = MigrantStockByDestination().read(path)

    stock = {
        (o.country, o.year): o.value
        for o in release.observations
        if (o.indicator, o.sex) == (Indicator.MIGRANT_STOCK, Sex.TOTAL)
    }
    assert stock[WORLD, 2024] == 25_791_709
    assert stock["M49-905", 2024] == stock["USA", 2024] == 22_033_775
    assert release.areas["MAR"] == ("Morocco", False, "504")


def test_a_place_m49_gives_no_iso_code_is_kept_as_a_place_not_a_region(tmp_path):
    # given the Holy See's row under a code UNSD's list does not have (Kosovo's, 412)
    layout = workbooks.REVISION_2019
    path = tmp_path / "kosovo.xlsx"
    rows = workbooks.write_workbook(path, layout)
    code_column = workbooks.name_index(layout) + 3
    workbooks.write_workbook(path, layout, change=(rows["VAT"], code_column, 412))

    release = MigrantStockByDestination().read(path)

    assert release.areas["M49-412"] == ("Holy See", False, "412")
    stock = {
        (o.country, o.year)
        for o in release.observations
        if (o.indicator, o.sex) == (Indicator.MIGRANT_STOCK, Sex.TOTAL)
    }
    assert ("M49-412", 2019) in stock
    assert ("VAT", 2019) not in stock


def test_names_lose_their_footnote_marks_in_any_layout(tmp_path):
    for layout in (workbooks.REVISION_2019, workbooks.RENAMED):
        path = tmp_path / f"{layout.stock_sheet}.xlsx"
        workbooks.write_workbook(path, layout)

        areas = MigrantStockByDestination().read(path).areas

        assert areas["SDN"][0] == "Sudan"
        assert areas["ESP"][0] == "Spain"
        assert areas["VAT"][0] == "Holy See"
        assert areas["USA"][0] == "United States of America"
        assert areas["M49-905"] == ("Northern America", True, "905")


def test_each_format_is_recognised_from_its_content_not_its_name(tmp_path):
    renamed_workbook = tmp_path / "data.xlsx"
    workbooks.write_workbook(renamed_workbook, workbooks.REVISION_2019)
    renamed_matrix = tmp_path / "data.csv"
    renamed_matrix.write_text("dest_iso3,origin_iso3,year,sex,migrant_stock\nUSA,MEX,2020,Male,5\n")
    other_workbook = tmp_path / "other.xlsx"
    workbooks.write_workbook(
        other_workbook, workbooks.RENAMED, change=(1, 2, "Refugees at mid-year by sex")
    )

    assert isinstance(importer_for(renamed_workbook), MigrantStockByDestination)
    assert isinstance(importer_for(renamed_matrix), MigrantStockBilateral)
    with pytest.raises(Exception, match="not in a format the platform recognises"):
        importer_for(other_workbook)


# Damaged files ------------------------------------------------------------------------------


def first_value_column_letter(layout: workbooks.Layout, offset: int = 0) -> str:
    from migforum.core.cells import column_letter

    return column_letter(workbooks.first_value_column(layout) - 1 + offset)


@pytest.mark.parametrize(
    ("text", "offset"), [("about 1.6 million", 0), ("1,604,9780 b", 9), ("n.d.", 20)]
)
def test_text_where_a_number_must_be_names_the_sheet_row_and_column(
    shipped, tmp_path, text, offset
):
    layout = workbooks.REVISION_2019
    path = tmp_path / "bad.xlsx"
    rows = workbooks.write_workbook(path, layout)  # to learn Spain's row
    column = workbooks.first_value_column(layout) + offset
    workbooks.write_workbook(path, layout, change=(rows["ESP"], column, text))
    before = counts()

    data_import = run(path)

    assert data_import.status == ImportStatus.FAILED
    letter = first_value_column_letter(layout, offset)
    assert data_import.error == (
        f"Sheet “Table 1”, row {rows['ESP']}, column {letter}: “{text}” is not a number."
    )
    assert counts() == before


@pytest.mark.parametrize(
    ("keep_rows", "last_row", "message"),
    [
        # Cut among Southern Europe's countries: they fall short of the region.
        (28, 27, "under “Southern Europe” add up to 1,600,013 for 1990 (Both sexes)"),
        # Cut right after a continent's heading row: the countries fall short of the world.
        (25, 25, "under “World” add up to 1,342,026 for 1990 (Both sexes)"),
        # Cut between two regions: the countries fall short of the world.
        (29, 29, "under “World” add up to"),
    ],
)
def test_a_table_cut_off_part_way_fails_naming_the_sheet_and_row(
    shipped, tmp_path, keep_rows, last_row, message
):
    path = tmp_path / "cut.xlsx"
    workbooks.write_workbook(path, workbooks.REVISION_2019, keep_rows=keep_rows)
    before = counts()

    data_import = run(path)

    assert data_import.status == ImportStatus.FAILED
    assert data_import.error.startswith(f"Sheet “Table 1”, row {last_row}: ")
    assert message in data_import.error
    assert "cut off" in data_import.error
    assert counts() == before


@pytest.mark.parametrize(
    ("last_row", "message"),
    [
        # Among Western Asia's countries (row 150: Syrian Arab Republic).
        (150, "The countries and areas under “Western Asia” add up to 12,616,321 for 1990"),
        # Right after the heading row of Southern Europe.
        (180, "The table ends with “Southern Europe” and none of its countries or areas"),
    ],
)
def test_the_shipped_workbook_cut_off_part_way_fails_naming_the_sheet_and_row(
    shipped, tmp_path, last_row, message
):
    path = tmp_path / "cut.xlsx"
    workbooks.cut_sheet(WORKBOOK, path, "Table 1", last_row=last_row)
    before = counts()

    data_import = run(path)

    assert data_import.status == ImportStatus.FAILED
    assert data_import.error.startswith(f"Sheet “Table 1”, row {last_row}: {message}")
    assert "cut off" in data_import.error
    assert counts() == before


def test_a_workbook_truncated_to_half_its_bytes_is_refused_clearly(shipped, tmp_path):
    path = tmp_path / "half.xlsx"
    data = WORKBOOK.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    before = counts()

    recognised = run(path)
    named = run(path, kind=DatasetKind.MIGRANT_STOCK_DESTINATION)

    assert recognised.status == named.status == ImportStatus.FAILED
    assert "The workbook cannot be opened" in named.error
    assert "damaged or incomplete" in named.error
    assert counts() == before
    with pytest.raises(CommandError, match="cannot be opened.*Nothing was imported"):
        call_command("import-data", str(path), "--kind", DatasetKind.MIGRANT_STOCK_DESTINATION)


def test_a_table_without_its_header_fails_naming_the_title_row(shipped, tmp_path):
    layout = workbooks.REVISION_2019
    path = tmp_path / "headless.xlsx"
    # The row of years blanked: nothing under the title says which column is which year.
    workbooks.write_workbook(path, layout, blank_row=layout.header_row)
    before = counts()

    data_import = run(path)

    assert data_import.status == ImportStatus.FAILED
    assert data_import.error.startswith(f"Sheet “Table 1”, row {layout.title_row}: ")
    assert "no header row with the years" in data_import.error
    assert counts() == before


def test_a_workbook_without_a_stock_table_fails_when_named_as_one(shipped, tmp_path):
    path = tmp_path / "population_only.xlsx"
    workbooks.write_workbook(
        path, workbooks.RENAMED, change=(1, 2, "Total population at mid-year by sex")
    )

    data_import = run(path, kind=DatasetKind.MIGRANT_STOCK_DESTINATION)

    assert data_import.status == ImportStatus.FAILED
    assert "no table titled “International migrant stock at mid-year by sex”" in (data_import.error)


def test_a_matrix_with_its_own_totals_keeps_them_and_names_its_revision_by_its_years(tmp_path):
    path = tmp_path / "bilateral.csv"
    path.write_text(
        "destination,origin,year,sex,value\n"
        "ESP,MAR,2024,Both sexes,1000\n"
        "ESP,MAR,2024,Male,600\n"
        "ESP,MAR,2024,Female,390\n"
        "ESP,XXX,2024,Female,7\n"
    )

    release = MigrantStockBilateral().read(path)

    stock = {(o.partner, o.sex): o.value for o in release.observations}
    assert stock == {
        ("MAR", Sex.TOTAL): 1000,  # as published, not 600 + 390
        ("MAR", Sex.MALE): 600,
        ("MAR", Sex.FEMALE): 390,
        ("XXX", Sex.FEMALE): 7,
        ("XXX", Sex.TOTAL): 7,
    }
    assert release.vintage == "Revision 2024"


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("USA,MEX,2020,Male,lots", "Row 3, column value: “lots” is not a number."),
        ("USA,Mexico,2020,Male,5", "Row 3, column origin: “MEXICO” is not an ISO 3166"),
        ("USA,MEX,2020,Other,5", "Row 3, column sex: “Other” is not a sex"),
        ("USA,MEX,2020", "Row 3: The row is cut short."),
    ],
)
def test_a_damaged_matrix_row_fails_naming_the_row(shipped, tmp_path, line, error):
    path = tmp_path / "matrix.csv"
    path.write_text(f"dest_iso3,origin_iso3,year,sex,migrant_stock\nESP,MAR,2020,Male,5\n{line}\n")
    before = counts()

    data_import = run(path)

    assert data_import.status == ImportStatus.FAILED
    assert data_import.error.startswith(error)
    assert counts() == before
