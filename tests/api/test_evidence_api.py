"""The evidence API: datasets with their provenance, the indicators, and observations in long
form with their filters, the latest vintage by default, paging and errors that name the
parameter. Evidence is public: every request here is anonymous."""

import datetime
from pathlib import Path

import pytest
from django.utils import timezone

from migforum import evidence
from migforum.core.choices import ImportStatus
from migforum.evidence.choices import DatasetKind, Indicator
from migforum.evidence.models import Observation
from migforum.evidence.services import data_import_request, data_import_run

from ..conftest import bearer, whole_list
from ..evidence.opendata_factories import DatasetFactory, ObservationFactory, QuoteFactory

pytestmark = pytest.mark.django_db

OBSERVATIONS = "/api/v1/observations"


@pytest.fixture
def inflows():
    """The June 2023 inflows release: Morocco, the world and low- and middle-income countries."""
    dataset = DatasetFactory(vintage="June 2023", vintage_date=datetime.date(2023, 6, 13))
    for country, period, value in [
        ("MAR", "2021", 10_000.0),
        ("MAR", "2022", 11_000.5),
        ("WLD", "2022", 831_103.0),
        ("LMY", "2022", 647_193.2),
    ]:
        ObservationFactory(dataset=dataset, country=country, period=period, value=value)
    return dataset


@pytest.fixture
def stocks():
    """Migrant stock in Spain, by sex, with Moroccans among them."""
    dataset = DatasetFactory(
        kind=DatasetKind.MIGRANT_STOCK_BILATERAL,
        publisher="UN DESA",
        title="International Migrant Stock 2020",
        vintage="Revision 2020",
        vintage_date=datetime.date(2020, 12, 1),
        licence="CC BY 3.0 IGO",
    )
    for partner, sex, value in [
        ("", "total", 6_842_202.0),
        ("", "female", 3_547_322.0),
        ("MAR", "total", 714_230.0),
        ("MAR", "male", 398_154.0),
    ]:
        ObservationFactory(
            dataset=dataset,
            indicator=Indicator.MIGRANT_STOCK,
            country="ESP",
            partner=partner,
            sex=sex,
            period="2020",
            value=value,
        )
    return dataset


@pytest.fixture
def costs():
    """The corridor average cost of sending USD 200 from Spain to Morocco, by quarter."""
    dataset = DatasetFactory(
        kind=DatasetKind.PRICE_CORRIDORS, vintage="2020-12-07", vintage_date=None
    )
    for period, value in [("2019Q3", 5.1), ("2019Q4", 4.9), ("2020Q3", 4.6)]:
        ObservationFactory(
            dataset=dataset,
            indicator=Indicator.REMITTANCE_COST,
            country="ESP",
            partner="MAR",
            period=period,
            value=value,
        )
    return dataset


def get(client, **params):
    response = client.get(OBSERVATIONS, params)
    assert response.status_code == 200, response.content
    return response.json()


def keys(body):
    return [(r["indicator"], r["country"], r["partner"], r["period"], r["sex"]) for r in body]


# Datasets and indicators


def test_datasets_list_every_release_with_its_provenance_and_downloads(client, inflows, costs):
    QuoteFactory()

    response = client.get("/api/v1/datasets")

    assert response.status_code == 200
    by_id = {d["id"]: d for d in whole_list(response)}
    assert set(by_id) >= {inflows.pk, costs.pk}
    listed = by_id[inflows.pk]
    assert {k: listed[k] for k in ("publisher", "vintage", "vintage_date", "licence")} == {
        "publisher": "World Bank–KNOMAD",
        "vintage": "June 2023",
        "vintage_date": "2023-06-13",
        "licence": "CC BY 4.0",
    }
    assert listed["sha256"] == inflows.sha256
    assert listed["source_url"] == inflows.source_url
    assert listed["citation"] == inflows.citation
    assert listed["file_name"] == inflows.file_name
    assert listed["indicators"] == ["remittance_inflows"]
    assert listed["is_latest"] is True
    assert listed["has_quotes"] is False
    assert listed["downloads"]["observations_csv"] == (
        f"/evidence/datasets/{inflows.pk}/observations.csv"
    )
    assert listed["downloads"]["quotes_csv"] is None
    assert listed["downloads"]["file"] == f"/evidence/datasets/{inflows.pk}/?download=original"
    assert by_id[costs.pk]["indicators"] == ["remittance_cost"]
    quotes = next(d for d in by_id.values() if d["kind"] == DatasetKind.PRICE_QUOTES)
    assert quotes["has_quotes"] is True
    assert quotes["downloads"]["quotes_json"] == f"/evidence/datasets/{quotes['id']}/quotes.json"


def test_a_dataset_is_read_by_its_id_and_an_unknown_one_is_a_json_404(client, inflows):
    response = client.get(f"/api/v1/datasets/{inflows.pk}")
    assert response.status_code == 200
    assert response.json()["title"] == "Remittance inflows"
    assert response.json()["imported_at"]

    missing = client.get(f"/api/v1/datasets/{inflows.pk + 1000}")
    assert missing.status_code == 404
    assert missing.json()["code"] == "not_found"


def test_an_older_release_is_marked_as_not_the_latest(client, inflows):
    older = DatasetFactory(vintage="December 2022", vintage_date=datetime.date(2022, 11, 30))

    by_id = {d["id"]: d for d in whole_list(client.get("/api/v1/datasets"))}

    assert by_id[older.pk]["is_latest"] is False
    assert by_id[inflows.pk]["is_latest"] is True


def test_the_dataset_list_costs_the_same_few_queries_however_many_datasets(
    client, inflows, django_assert_max_num_queries
):
    for number in range(10):
        DatasetFactory(kind=DatasetKind.PRICE_COST_TO, vintage=f"20{number:02d}")
    with django_assert_max_num_queries(3):
        assert len(whole_list(client.get("/api/v1/datasets"))) == 11


def test_indicators_list_ids_labels_and_units(client):
    indicators = {i["id"]: i for i in whole_list(client.get("/api/v1/indicators"))}

    assert {
        "migrant_stock",
        "remittance_inflows",
        "remittance_outflows",
        "bilateral_remittances",
        "remittance_cost",
    } <= set(indicators)
    assert indicators["migrant_stock"]["unit"] == "persons"
    assert indicators["remittance_inflows"]["unit"] == "usd_million"
    assert indicators["remittance_cost"]["unit"] == "percent"
    assert indicators["remittance_cost"]["label"] == "Average total cost of sending USD 200"


# Observations


def test_each_observation_carries_its_value_unit_dataset_and_vintage(client, inflows, stocks):
    body = get(client, indicator="remittance_inflows", country="WLD")

    assert body["total"] == 1
    assert body["results"] == [
        {
            "indicator": "remittance_inflows",
            "country": "WLD",
            "partner": "",
            "period": "2022",
            "year": 2022,
            "sex": "total",
            "value": 831_103.0,
            "unit": "usd_million",
            "dataset": inflows.pk,
            "vintage": "June 2023",
        }
    ]
    stock = get(client, indicator="migrant_stock", partner="MAR", sex="total")["results"]
    assert [(r["value"], r["unit"], r["vintage"]) for r in stock] == [
        (714_230.0, "persons", "Revision 2020")
    ]


def test_country_codes_are_read_in_any_case_including_aggregates(client, inflows):
    body = get(client, country="lmy,wld")

    assert sorted((r["country"], r["value"]) for r in body["results"]) == [
        ("LMY", 647_193.2),
        ("WLD", 831_103.0),
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"indicator": ["remittance_inflows", "remittance_cost"], "country": "ESP"},
            [("remittance_cost", "ESP", "MAR", p, "total") for p in ("2019Q3", "2019Q4", "2020Q3")],
        ),
        (
            {"indicator": "migrant_stock,remittance_inflows", "country": "MAR"},
            [("remittance_inflows", "MAR", "", p, "total") for p in ("2021", "2022")],
        ),
        (
            {"indicator": "migrant_stock", "partner": "none"},
            [
                ("migrant_stock", "ESP", "", "2020", "female"),
                ("migrant_stock", "ESP", "", "2020", "total"),
            ],
        ),
        (
            {"indicator": "migrant_stock", "sex": ["male", "female"]},
            [
                ("migrant_stock", "ESP", "", "2020", "female"),
                ("migrant_stock", "ESP", "MAR", "2020", "male"),
            ],
        ),
        ({"period": "2019q3"}, [("remittance_cost", "ESP", "MAR", "2019Q3", "total")]),
        (
            {"year": 2019},
            [("remittance_cost", "ESP", "MAR", p, "total") for p in ("2019Q3", "2019Q4")],
        ),
        (
            {"year_from": 2020, "year_to": 2021, "country": "MAR"},
            [("remittance_inflows", "MAR", "", "2021", "total")],
        ),
        ({"period": "2021"}, [("remittance_inflows", "MAR", "", "2021", "total")]),
        ({"country": "FRA"}, []),
    ],
)
def test_observations_are_filtered(client, inflows, stocks, costs, params, expected):
    assert keys(get(client, **params)["results"]) == expected


def test_an_unfiltered_request_lists_everything_in_a_stable_order(client, inflows, stocks, costs):
    results = keys(get(client, limit=1000)["results"])

    assert len(results) == 11
    assert results == sorted(results)


# Vintages


@pytest.fixture
def two_vintages(inflows):
    """December 2022, imported after June 2023: it has 2000, which June 2023 dropped, and a
    different estimate for Morocco 2021."""
    older = DatasetFactory(
        vintage="December 2022",
        vintage_date=datetime.date(2022, 11, 30),
        imported_at=timezone.now() + datetime.timedelta(hours=1),
    )
    ObservationFactory(dataset=older, country="MAR", period="2000", value=2_161.0)
    ObservationFactory(dataset=older, country="MAR", period="2021", value=9_300.0)
    return older


def test_by_default_each_value_comes_from_the_latest_vintage_that_has_it(
    client, inflows, two_vintages
):
    results = get(client, country="MAR")["results"]

    assert [(r["period"], r["value"], r["vintage"]) for r in results] == [
        ("2000", 2_161.0, "December 2022"),
        ("2021", 10_000.0, "June 2023"),
        ("2022", 11_000.5, "June 2023"),
    ]
    assert get(client, country="MAR", vintage="latest")["results"] == results


def test_every_vintage_or_a_named_one_on_request(client, inflows, two_vintages):
    every = get(client, country="MAR", period="2021", vintage="all")["results"]
    assert sorted((r["vintage"], r["value"]) for r in every) == [
        ("December 2022", 9_300.0),
        ("June 2023", 10_000.0),
    ]
    older = get(client, country="MAR", vintage="December 2022")["results"]
    assert [(r["period"], r["value"]) for r in older] == [("2000", 2_161.0), ("2021", 9_300.0)]


def test_a_vintage_is_named_whole_even_with_a_comma(client):
    dataset = DatasetFactory(vintage="December 2022, revised")
    ObservationFactory(dataset=dataset, country="MAR", period="2021", value=9_350.0)

    results = get(client, vintage="December 2022, revised")["results"]

    assert [(r["vintage"], r["value"]) for r in results] == [("December 2022, revised", 9_350.0)]


def test_a_dataset_asked_for_by_id_answers_whole_even_when_superseded(
    client, inflows, two_vintages
):
    results = get(client, dataset=two_vintages.pk)["results"]

    assert [(r["period"], r["value"]) for r in results] == [("2000", 2_161.0), ("2021", 9_300.0)]


def test_another_publication_of_the_same_indicator_is_not_a_newer_vintage(client, costs):
    from_quotes = DatasetFactory(
        kind=DatasetKind.PRICE_QUOTES,
        vintage="2021Q1",
        vintage_date=datetime.date(2021, 3, 31),
    )
    ObservationFactory(
        dataset=from_quotes,
        indicator=Indicator.REMITTANCE_COST,
        country="ESP",
        partner="MAR",
        period="2020Q3",
        value=4.8,
    )

    results = get(client, period="2020Q3")["results"]

    assert sorted((r["dataset"], r["value"]) for r in results) == [
        (costs.pk, 4.6),
        (from_quotes.pk, 4.8),
    ]


# Paging


def test_pages_follow_one_another_without_gaps_or_repeats(client, inflows, stocks, costs):
    everything = get(client, limit=1000)["results"]

    seen, url = [], f"{OBSERVATIONS}?limit=4"
    while url:
        body = client.get(url).json()
        assert body["total"] == len(everything)
        seen += body["results"]
        url = body["next"]

    assert seen == everything
    assert len(seen) == 11


def test_the_next_page_keeps_the_filters(client, inflows, stocks, costs):
    body = get(client, indicator="remittance_cost", country="esp", limit=2)

    assert body["next"] == (
        "/api/v1/observations?indicator=remittance_cost&country=ESP&limit=2&offset=2"
    )
    assert body["csv"] == "/evidence/observations.csv?indicator=remittance_cost&country=ESP"
    last = client.get(body["next"]).json()
    assert [r["period"] for r in last["results"]] == ["2020Q3"]
    assert last["next"] is None


def test_a_page_costs_the_same_few_queries_however_long(
    client, inflows, costs, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        assert len(get(client, limit=1000)["results"]) == 7


# Errors


@pytest.mark.parametrize(
    ("params", "status", "code", "parameter"),
    [
        ({"indicator": "remittances"}, 400, "unknown_indicator", "indicator"),
        ({"indicator": "migrant_stock,gdp"}, 400, "unknown_indicator", "indicator"),
        ({"period": "2019-Q3"}, 400, "invalid_period", "period"),
        ({"period": "2019Q5"}, 400, "invalid_period", "period"),
        ({"sex": "both"}, 400, "invalid_sex", "sex"),
        ({"year": "twenty"}, 400, "invalid_year", "year"),
        ({"year_from": "19"}, 400, "invalid_year", "year_from"),
        ({"country": "M"}, 400, "invalid_code", "country"),
        ({"partner": "ES P"}, 400, "invalid_code", "partner"),
        ({"vintage": "June 1999"}, 400, "unknown_vintage", "vintage"),
        ({"dataset": "first"}, 400, "invalid_dataset", "dataset"),
        ({"indicators": "migrant_stock"}, 400, "unknown_parameter", "indicators"),
        ({"year": "²⁰²⁰"}, 400, "invalid_year", "year"),
        ({"dataset": "²"}, 400, "invalid_dataset", "dataset"),
        ({"dataset": str(2**63)}, 400, "invalid_dataset", "dataset"),
        ({"limit": 0}, 400, "out_of_range", "limit"),
        ({"limit": 1001}, 400, "out_of_range", "limit"),
        ({"limit": "1_000"}, 400, "invalid_integer", "limit"),
        ({"offset": -1}, 400, "out_of_range", "offset"),
        ({"offset": str(2**63)}, 400, "out_of_range", "offset"),
    ],
)
def test_bad_filters_are_json_errors_naming_the_parameter(
    client, inflows, params, status, code, parameter
):
    response = client.get(OBSERVATIONS, params)

    assert response.status_code == status
    body = response.json()
    assert body["code"] == code
    assert body["message"]
    if parameter is not None:
        assert body["parameter"] == parameter
        assert parameter in body["message"] or code == "unknown_indicator"


def test_an_unknown_indicator_is_named_with_the_known_ones(client):
    message = client.get(OBSERVATIONS, {"indicator": "remittances"}).json()["message"]

    assert message.startswith("Unknown indicator “remittances”.")
    assert "remittance_inflows" in message


def test_an_unknown_vintage_lists_the_known_ones(client, inflows):
    message = client.get(OBSERVATIONS, {"vintage": "June 1999"}).json()["message"]

    assert "June 2023" in message


# Documentation


def test_openapi_documents_the_evidence_endpoints_and_filters(client):
    spec = client.get("/api/v1/openapi.json").json()

    assert {
        "/api/v1/datasets",
        "/api/v1/datasets/{dataset_id}",
        "/api/v1/indicators",
        "/api/v1/observations",
    } <= set(spec["paths"])
    parameters = {p["name"] for p in spec["paths"]["/api/v1/observations"]["get"]["parameters"]}
    assert {
        "indicator",
        "country",
        "partner",
        "year",
        "year_from",
        "year_to",
        "period",
        "sex",
        "vintage",
        "dataset",
        "limit",
        "offset",
    } <= parameters


# The publishers' figures, imported from the shipped files and read back through the API

DATA = Path(evidence.__file__).resolve().parent / "data"


def imported(name):
    data_import = data_import_run(
        data_import=data_import_request(path=DATA / name, by=None, enqueue=False)
    )
    assert data_import.status == ImportStatus.DONE, data_import.error
    return data_import.dataset


def value(client, **params):
    results = get(client, **params)["results"]
    assert len(results) == 1, results
    return results[0]


def test_remittance_inflows_2022_as_published_in_june_2023(client):
    dataset = imported("knomad_remittance_inflows_usd_million_june2023.xlsx")

    world = value(client, indicator="remittance_inflows", country="wld", year=2022)
    low_and_middle = value(client, indicator="remittance_inflows", country="LMY", period="2022")

    # The workbook keeps more decimals than the one it shows.
    assert (round(world["value"], 1), world["unit"], world["vintage"]) == (
        831_103.0,
        "usd_million",
        "June 2023",
    )
    assert round(low_and_middle["value"], 1) == 647_193.2
    assert world["dataset"] == low_and_middle["dataset"] == dataset.pk
    listed = client.get(f"/api/v1/datasets/{dataset.pk}").json()
    assert listed["licence"] == "CC BY 4.0"
    assert "remittance_inflows" in listed["indicators"]


def test_bilateral_remittances_2017_from_the_united_states_to_mexico(client):
    imported("wb_knomad_bilateral_remittance_estimates_2017_apr2018.xlsx")

    corridor = value(
        client, indicator="bilateral_remittances", country="USA", partner="MEX", year=2017
    )
    # The matrix's World row and column meet in the world total.
    world = value(client, indicator="bilateral_remittances", country="WLD", partner="WLD")

    assert round(corridor["value"], 1) == 30_019.2
    assert round(world["value"], 1) == 613_465.8


def test_remittance_prices_corridors_in_2020q3_and_the_sdg_series_for_mexico(client):
    imported("wb_rpw_corridors_databank_2011Q1_2020Q3_raw.csv")
    wdi = imported("wdi_SI.RMT.COST.IB.ZS_cost_to_country_2023-05-10_long.csv")

    covered = get(client, indicator="remittance_cost", period="2020Q3", limit=1)
    # The platform computes the series from the corridors too: the WDI's is asked for here.
    to_mexico = value(
        client, indicator="remittance_cost_to_country", country="MEX", year=2019, dataset=wdi.pk
    )
    corridor = value(
        client, indicator="remittance_cost", country="USA", partner="MEX", period="2019Q3"
    )

    assert covered["total"] == 367
    # Both publish 4.61: one series is stored to more decimals than the other.
    assert round(to_mexico["value"], 2) == round(corridor["value"], 2) == 4.61
    assert corridor["unit"] == to_mexico["unit"] == "percent"


def test_an_analyst_deletes_a_dataset_with_a_token(client, inflows, analyst_of_iom):
    response = client.delete(f"/api/v1/datasets/{inflows.pk}", headers=bearer(analyst_of_iom))

    assert response.status_code == 204
    assert client.get(f"/api/v1/datasets/{inflows.pk}").status_code == 404
    assert not Observation.objects.filter(dataset_id=inflows.pk).exists()


def test_deleting_a_dataset_needs_a_token_and_the_right_to_import(
    client, inflows, focal_point_of_morocco, analyst_of_iom
):
    address = f"/api/v1/datasets/{inflows.pk}"

    assert client.delete(address).status_code == 401
    refused = client.delete(address, headers=bearer(focal_point_of_morocco))
    assert refused.status_code == 403
    assert "permission" in refused.json()["message"]
    missing = client.delete("/api/v1/datasets/999999", headers=bearer(analyst_of_iom))
    assert missing.status_code == 404
    assert client.get(address).status_code == 200
