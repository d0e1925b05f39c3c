"""Open data downloads: a dataset's observations and quotes, and any selection of observations,
as CSV and JSON, streamed, named after what they hold, and holding exactly what the API gives
for the same filters. Evidence is public: every request here is anonymous."""

import csv
import datetime
import io
import json

import factory
import pytest
from django.utils import timezone

from migforum.core import csv_export
from migforum.core.csv_export import BOM
from migforum.evidence import opendata
from migforum.evidence.choices import DatasetKind, Indicator
from migforum.evidence.models import Area

from .opendata_factories import DatasetFactory, ObservationFactory, QuoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def inflows():
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
def older_inflows(inflows):
    older = DatasetFactory(
        vintage="December 2022",
        vintage_date=datetime.date(2022, 11, 30),
        imported_at=timezone.now() + datetime.timedelta(hours=1),
    )
    ObservationFactory(dataset=older, country="MAR", period="2000", value=2_161.0)
    ObservationFactory(dataset=older, country="MAR", period="2021", value=9_300.0)
    return older


@pytest.fixture
def costs():
    dataset = DatasetFactory(kind=DatasetKind.PRICE_CORRIDORS, vintage="2020-12-07")
    for period, value in [("2019Q3", 5.1), ("2020Q3", 4.6)]:
        ObservationFactory(
            dataset=dataset,
            indicator=Indicator.REMITTANCE_COST,
            country="ESP",
            partner="MAR",
            period=period,
            value=value,
        )
    return dataset


def chunks(response) -> list[bytes]:
    assert response.status_code == 200, response.content
    assert response.streaming
    return list(response.streaming_content)


def body(response) -> str:
    return b"".join(chunks(response)).decode()


def rows_of(text: str) -> list[dict[str, str]]:
    assert text.startswith(BOM)  # spreadsheets then read it as UTF-8
    return list(csv.DictReader(io.StringIO(text.removeprefix(BOM))))


def csv_rows(response) -> list[dict[str, str]]:
    return rows_of(body(response))


def api(client, **params) -> list[dict]:
    response = client.get("/api/v1/observations", {"limit": 1000, **params})
    assert response.status_code == 200, response.content
    assert response.json()["next"] is None
    return response.json()["results"]


def as_api(row: dict[str, str]) -> dict:
    """A CSV row read back with the API's types."""
    return {
        **row,
        "year": int(row["year"]),
        "value": float(row["value"]),
        "dataset": int(row["dataset"]),
    }


# A dataset's observations


def test_a_datasets_observations_download_as_csv_with_a_header_and_a_telling_name(
    client, inflows, older_inflows
):
    response = client.get(f"/evidence/datasets/{inflows.pk}/observations.csv")

    rows = csv_rows(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="knomad_inflows_june_2023_observations.csv"'
    )
    assert list(rows[0]) == [
        "indicator",
        "country",
        "partner",
        "period",
        "year",
        "sex",
        "value",
        "unit",
        "dataset",
        "vintage",
    ]
    assert [as_api(r) for r in rows] == api(client, dataset=inflows.pk)
    assert {(r["country"], r["period"], r["value"], r["unit"], r["vintage"]) for r in rows} == {
        ("MAR", "2021", "10000.0", "usd_million", "June 2023"),
        ("MAR", "2022", "11000.5", "usd_million", "June 2023"),
        ("WLD", "2022", "831103.0", "usd_million", "June 2023"),
        ("LMY", "2022", "647193.2", "usd_million", "June 2023"),
    }


def test_a_superseded_datasets_download_still_holds_all_its_rows(client, inflows, older_inflows):
    rows = csv_rows(client.get(f"/evidence/datasets/{older_inflows.pk}/observations.csv"))

    assert [(r["period"], r["value"]) for r in rows] == [("2000", "2161.0"), ("2021", "9300.0")]


def test_a_datasets_observations_download_as_json_with_its_provenance(client, inflows):
    response = client.get(f"/evidence/datasets/{inflows.pk}/observations.json")

    data = json.loads(body(response))
    assert response["Content-Disposition"].endswith('_june_2023_observations.json"')
    assert data["dataset"] == {
        "id": inflows.pk,
        "kind": "knomad_inflows",
        "publisher": "World Bank–KNOMAD",
        "title": "Remittance inflows",
        "vintage": "June 2023",
        "vintage_date": "2023-06-13",
        "licence": "CC BY 4.0",
        "source_url": inflows.source_url,
        "citation": inflows.citation,
        "file_name": inflows.file_name,
        "sha256": inflows.sha256,
    }
    assert data["observations"] == api(client, dataset=inflows.pk)


def test_a_download_larger_than_a_chunk_is_whole_and_valid(client, monkeypatch):
    monkeypatch.setattr(opendata, "CHUNK", 7)
    monkeypatch.setattr(csv_export, "CHUNK_SIZE", 200)
    dataset = DatasetFactory()
    ObservationFactory.create_batch(
        30,
        dataset=dataset,
        country="MAR",
        period=factory.Iterator([str(year) for year in range(1990, 2020)]),
        value=1.5,
    )

    json_chunks = chunks(client.get(f"/evidence/datasets/{dataset.pk}/observations.json"))
    csv_chunks = chunks(client.get(f"/evidence/datasets/{dataset.pk}/observations.csv"))
    data = json.loads(b"".join(json_chunks))
    rows = rows_of(b"".join(csv_chunks).decode())

    assert len(json_chunks) > 1
    assert len(csv_chunks) > 1
    assert len(data["observations"]) == len(rows) == 30
    assert [o["period"] for o in data["observations"]] == [r["period"] for r in rows]
    assert [r["period"] for r in rows] == sorted(str(year) for year in range(1990, 2020))


def test_an_unknown_dataset_is_not_found(client):
    assert client.get("/evidence/datasets/999999/observations.csv").status_code == 404


# Quotes


def test_a_quote_datasets_quotes_download_as_csv_and_json(client):
    dataset = DatasetFactory(kind=DatasetKind.PRICE_QUOTES, vintage="2020Q3")
    QuoteFactory(dataset=dataset, firm="Bank of Spain Transfers", fee_200_lcu=9.0)
    QuoteFactory(
        dataset=dataset,
        firm="Opaque Money",
        transparent=False,
        fx_margin_200=None,
        total_cost_200=None,
    )

    response = client.get(f"/evidence/datasets/{dataset.pk}/quotes.csv")
    rows = csv_rows(response)
    data = json.loads(body(client.get(f"/evidence/datasets/{dataset.pk}/quotes.json")))

    assert response["Content-Disposition"] == (
        'attachment; filename="rpw_quotes_2020q3_quotes.csv"'
    )
    assert list(rows[0]) == list(opendata.QUOTE_FIELDS)
    assert [(r["firm"], r["fee_200_lcu"], r["transparent"]) for r in rows] == [
        ("Bank of Spain Transfers", "9.0", "True"),
        ("Opaque Money", "5.4", "False"),
    ]
    # A margin the service does not disclose is missing, not zero.
    assert (rows[1]["fx_margin_200"], rows[1]["total_cost_200"]) == ("", "")
    assert data["dataset"]["vintage"] == "2020Q3"
    opaque = data["quotes"][1]
    assert (opaque["firm"], opaque["fx_margin_200"], opaque["transparent"]) == (
        "Opaque Money",
        None,
        False,
    )
    assert data["quotes"][0]["total_cost_200"] == 4.2


def test_a_dataset_without_quotes_has_no_quote_download(client, inflows):
    assert client.get(f"/evidence/datasets/{inflows.pk}/quotes.csv").status_code == 404
    assert client.get(f"/evidence/datasets/{inflows.pk}/quotes.json").status_code == 404


# Any selection of observations


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"country": "mar"},
        {"country": "MAR", "vintage": "all"},
        {"vintage": "December 2022"},
        {"indicator": "remittance_cost,remittance_inflows", "year_from": "2020"},
        {"indicator": "remittance_cost", "period": "2019Q3"},
        {"partner": "none", "year": "2022"},
    ],
)
def test_a_selection_downloads_exactly_what_the_api_gives(
    client, inflows, older_inflows, costs, params
):
    rows = csv_rows(client.get("/evidence/observations.csv", params))
    data = json.loads(body(client.get("/evidence/observations.json", params)))

    expected = api(client, **params)
    assert expected
    assert [as_api(r) for r in rows] == expected
    assert data["observations"] == expected


def test_a_selection_is_named_after_what_it_holds_and_says_its_filters(client, inflows):
    params = {"indicator": "remittance_inflows", "country": "mar"}
    csv_response = client.get("/evidence/observations.csv", params)
    json_response = client.get("/evidence/observations.json", params)

    assert csv_response["Content-Disposition"] == (
        'attachment; filename="observations_remittance_inflows_mar_latest.csv"'
    )
    assert json.loads(body(json_response))["filters"] == {
        "indicator": "remittance_inflows",
        "country": "MAR",
    }


def test_the_latest_vintage_is_the_default_for_a_selection_too(client, inflows, older_inflows):
    rows = csv_rows(client.get("/evidence/observations.csv", {"country": "MAR"}))

    assert [(r["period"], r["vintage"]) for r in rows] == [
        ("2000", "December 2022"),
        ("2021", "June 2023"),
        ("2022", "June 2023"),
    ]


@pytest.mark.parametrize(
    ("params", "code", "parameter"),
    [
        ({"indicator": "remittances"}, "unknown_indicator", "indicator"),
        ({"period": "Q3-2019"}, "invalid_period", "period"),
        ({"sex": "all"}, "invalid_sex", "sex"),
        ({"limit": "10"}, "unknown_parameter", "limit"),
    ],
)
def test_a_bad_selection_is_the_apis_json_error(client, params, code, parameter):
    response = client.get("/evidence/observations.csv", params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == code
    assert response.json()["parameter"] == parameter


# The other tables


def test_the_datasets_provenance_downloads_as_a_table(client, inflows, costs):
    rows = csv_rows(client.get("/evidence/datasets.csv"))
    data = json.loads(body(client.get("/evidence/datasets.json")))

    assert [r["id"] for r in rows] == [str(inflows.pk), str(costs.pk)]
    assert rows[0]["licence"] == "CC BY 4.0"
    assert rows[0]["citation"] == inflows.citation
    assert rows[0]["vintage_date"] == "2023-06-13"
    assert [d["vintage"] for d in data["datasets"]] == ["June 2023", "2020-12-07"]
    assert data["datasets"][1]["observation_count"] == costs.observation_count


def test_the_areas_download_names_the_publishers_aggregates(client):
    Area.objects.create(code="LMY", name="Low & middle income", is_aggregate=True)
    Area.objects.create(code="MAR", name="Morocco", m49="504")

    rows = csv_rows(client.get("/evidence/areas.csv"))
    data = json.loads(body(client.get("/evidence/areas.json")))

    assert {(r["code"], r["name"], r["is_aggregate"]) for r in rows} >= {
        ("LMY", "Low & middle income", "True"),
        ("MAR", "Morocco", "False"),
    }
    assert {"code": "MAR", "name": "Morocco", "is_aggregate": False, "m49": "504"} in data["areas"]
