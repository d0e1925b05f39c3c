"""The evidence pages as readers meet them: the home with its key figures and map, a dataset,
an indicator chart, a corridor, what it costs to send money home, the import page and a
State's evidence panel. Data is made directly, as small releases of the publishers."""

from __future__ import annotations

import datetime
import json
import re
from itertools import count

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from migforum.core.audit import audit_event_record
from migforum.core.choices import ImportStatus
from migforum.core.models import AuditAction, AuditEvent
from migforum.evidence import selectors
from migforum.evidence.choices import DatasetKind, Indicator, Sex
from migforum.evidence.models import Area, DataImport, Dataset, Observation, RemittanceQuote

from .quote_files import write_xlsx

pytestmark = pytest.mark.django_db

_serial = count(1)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Pages cached until the data changes know change by the audit trail, which data made
    directly here does not write to: each test starts with an empty cache."""
    cache.clear()


def dataset(kind: str, vintage: str, released: datetime.date, **fields: object) -> Dataset:
    n = next(_serial)
    record = Dataset(
        kind=kind,
        publisher=fields.pop("publisher", "World Bank–KNOMAD"),
        title=fields.pop("title", f"Release {n}"),
        vintage=vintage,
        vintage_date=released,
        licence="CC BY 4.0",
        file_name=f"file-{n}.csv",
        sha256=f"{n:064x}",
        imported_at=timezone.now(),
        **fields,
    )
    record.file.save(record.file_name, ContentFile(b"period,value\n2020,1\n"), save=False)
    record.save()
    return record


def observe(release: Dataset, indicator: str, country: str, values: dict[str, float], **kw):
    Observation.objects.bulk_create(
        Observation(
            dataset=release,
            indicator=indicator,
            country=country,
            partner=kw.get("partner", ""),
            period=period,
            year=int(period[:4]),
            sex=kw.get("sex", Sex.TOTAL),
            value=value,
        )
        for period, value in values.items()
    )


def text_of(response) -> str:
    """The page's visible text, without its tags, scripts and extra spaces."""
    html = response.content.decode()
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def chart_data(response, chart_id: str) -> dict:
    html = response.content.decode()
    found = re.search(rf'<script id="{chart_id}" type="application/json">(.*?)</script>', html)
    assert found, f"no chart {chart_id}"
    return json.loads(found.group(1))


@pytest.fixture
def evidence(db):
    """A little of each publisher: UN DESA stocks (two revisions), KNOMAD inflows, bilateral
    remittances and the corridor costs of Remittance Prices Worldwide."""
    Area.objects.bulk_create(
        [
            Area(code="WLD", name="World", is_aggregate=True),
            Area(code="LMY", name="Low and middle income", is_aggregate=True),
            Area(code="ESP", name="Spain", m49="724"),
            Area(code="MAR", name="Morocco", m49="504"),
            Area(code="USA", name="United States", m49="840"),
            Area(code="MEX", name="Mexico", m49="484"),
        ],
        ignore_conflicts=True,
    )
    old = dataset(
        DatasetKind.MIGRANT_STOCK_DESTINATION,
        "Revision 2019",
        datetime.date(2019, 9, 1),
        publisher="UN DESA",
    )
    observe(old, Indicator.MIGRANT_STOCK, "WLD", {"2015": 248_861_296, "2019": 271_642_105})
    stocks = dataset(
        DatasetKind.MIGRANT_STOCK_DESTINATION,
        "Revision 2020",
        datetime.date(2020, 12, 1),
        publisher="UN DESA",
    )
    observe(stocks, Indicator.MIGRANT_STOCK, "WLD", {"2015": 247_958_644, "2020": 280_598_105})
    observe(stocks, Indicator.MIGRANT_STOCK, "USA", {"2015": 48_178_877, "2020": 50_632_836})
    observe(stocks, Indicator.MIGRANT_STOCK, "ESP", {"2015": 5_891_208, "2020": 6_842_202})
    observe(stocks, Indicator.MIGRANT_STOCK, "MAR", {"2015": 92_485, "2020": 102_358})
    bilateral = dataset(
        DatasetKind.MIGRANT_STOCK_BILATERAL,
        "Revision 2020",
        datetime.date(2020, 12, 1),
        publisher="UN DESA",
    )
    observe(
        bilateral,
        Indicator.MIGRANT_STOCK,
        "ESP",
        {"2010": 697_900, "2020": 836_085},
        partner="MAR",
    )
    observe(bilateral, Indicator.MIGRANT_STOCK, "USA", {"2020": 10_853_105}, partner="MEX")
    inflows = dataset(DatasetKind.REMITTANCE_INFLOWS, "June 2023", datetime.date(2023, 6, 1))
    observe(inflows, Indicator.REMITTANCE_INFLOWS, "LMY", {"2021": 636_000.0, "2022": 647_193.2})
    observe(inflows, Indicator.REMITTANCE_INFLOWS, "MAR", {"2021": 10_400.0, "2022": 11_200.0})
    flows = dataset(DatasetKind.BILATERAL_REMITTANCES, "April 2018", datetime.date(2018, 4, 1))
    observe(flows, Indicator.BILATERAL_REMITTANCES, "USA", {"2017": 30_019.187}, partner="MEX")
    observe(flows, Indicator.BILATERAL_REMITTANCES, "ESP", {"2017": 2_543.4}, partner="MAR")
    prices = dataset(
        DatasetKind.PRICE_CORRIDORS,
        "2020-12-07",
        datetime.date(2020, 12, 7),
        publisher="World Bank",
    )
    observe(
        prices,
        Indicator.REMITTANCE_COST,
        "USA",
        {"2019Q3": 4.61, "2020Q3": 4.18},
        partner="MEX",
    )
    observe(
        prices,
        Indicator.REMITTANCE_COST,
        "ESP",
        {"2019Q3": 6.3, "2020Q3": 5.92},
        partner="MAR",
    )
    observe(prices, Indicator.REMITTANCE_COST_GLOBAL, "WLD", {"2020Q2": 6.67, "2020Q3": 6.51})
    wdi = dataset(DatasetKind.PRICE_COST_TO, "2023-05-10", datetime.date(2023, 5, 10))
    observe(wdi, Indicator.COST_TO_COUNTRY, "MAR", {"2019": 6.4, "2020": 5.8})
    return {"stocks": stocks, "old": old, "prices": prices}


def quote(release: Dataset, firm: str, fee: float, margin: float | None, **fields) -> None:
    amount = 180.0  # USD 200 in euros
    RemittanceQuote.objects.create(
        dataset=release,
        period=fields.pop("period", "2020Q3"),
        year=2020,
        source_code="ESP",
        destination_code="MAR",
        firm=firm,
        amount_200_lcu=amount,
        fee_200_lcu=fee,
        fx_margin_200=margin,
        total_cost_200=None if margin is None else fee / amount * 100 + margin,
        transparent=fields.pop("transparent", True),
        speed=fields.pop("speed", "Same day"),
        **fields,
    )


# --- Home -------------------------------------------------------------------------------------


def test_home_shows_key_figures_with_their_vintage_and_the_latest_revision(client, evidence):
    response = client.get("/evidence/")

    assert response.status_code == 200
    text = text_of(response)
    # The 2020 revision, not the 2019 one imported before it.
    assert "280,598,105" in text
    assert "271,642,105" not in text
    assert "Revision 2020" in text
    assert "647,193.2" in text
    assert "June 2023" in text
    assert "6.51%" in text
    assert "Above the SDG target of 3%" in text


@pytest.mark.parametrize(
    ("language", "figure"),
    [("ar", "280,598,105"), ("zh-hans", "280,598,105"), ("fr", "280 598 105")],
)
def test_large_numbers_are_grouped_in_every_language(client, evidence, language, figure):
    """As CLDR writes them: Django's own formats group no digits in Arabic, and in Chinese by
    four with no separator."""
    assert figure in text_of(client.get(f"/{language}/evidence/"))


def test_home_map_colours_countries_and_not_aggregates(client, evidence):
    response = client.get("/evidence/")

    chart = chart_data(response, "chart-map")
    assert chart["type"] == "map"
    assert chart["shapes"] == "/evidence/map/world.json"
    values = {item["name"]: item["value"] for item in chart["data"]}
    assert values == {"USA": 50_632_836, "ESP": 6_842_202, "MAR": 102_358}
    # A click on a State opens its page.
    links = {item["name"]: item["url"] for item in chart["data"]}
    assert links == {"USA": "/states/USA/", "ESP": "/states/ESP/", "MAR": "/states/MAR/"}
    # The table behind the map, for readers without the script.
    assert "50,632,836" in text_of(response)


def test_home_map_shows_the_indicator_chosen(client, evidence):
    response = client.get("/evidence/", {"indicator": Indicator.REMITTANCE_INFLOWS})

    values = {item["name"]: item["value"] for item in chart_data(response, "chart-map")["data"]}
    assert values == {"MAR": 11_200.0}


def test_map_shapes_carry_iso3_codes_from_m49(client):
    response = client.get("/evidence/map/world.json")

    topology = json.loads(response.content)
    geometries = topology["objects"]["countries"]["geometries"]
    by_id = {g.get("id"): g["properties"]["iso3"] for g in geometries}
    assert by_id["504"] == "MAR"
    assert by_id["484"] == "MEX"
    assert by_id["840"] == "USA"
    assert "max-age" in response["Cache-Control"]


# --- Datasets and indicators --------------------------------------------------------------------


def test_dataset_page_lists_its_indicators_and_offers_the_original_file(client, evidence):
    release = evidence["stocks"]

    response = client.get(f"/evidence/datasets/{release.pk}/")

    text = text_of(response)
    assert "International migrant stock" in text
    assert "Revision 2020" in text
    assert "?download=original" in response.content.decode()
    bars = chart_data(response, "chart-dataset")
    assert bars["categories"][0] == "United States"
    download = client.get(f"/evidence/datasets/{release.pk}/?download=original")
    assert b"".join(download.streaming_content) == b"period,value\n2020,1\n"


def test_indicator_page_draws_a_country_against_the_world_and_ranks_places(client, evidence):
    response = client.get("/evidence/indicators/migrant_stock/", {"country": "ESP"})

    lines = chart_data(response, "chart-trend")
    assert [s["name"] for s in lines["series"]] == ["Spain", "World"]
    assert lines["categories"] == ["2015", "2020"]
    assert lines["series"][0]["data"] == [5_891_208, 6_842_202]
    bars = chart_data(response, "chart-ranking")
    assert bars["categories"] == ["United States", "Spain", "Morocco"]


def test_indicator_page_offers_places_by_name_and_the_periods_that_exist(client, evidence):
    html = client.get("/fr/evidence/indicators/migrant_stock/", {"country": "esp"}).content
    html = html.decode()
    # Chosen by name in the reader's language, whatever the case of the code asked for.
    assert '<option value="ESP" selected>Espagne</option>' in html
    assert '<option value="MAR">Maroc</option>' in html
    # The periods of the release shown, newest first; no period typed by hand.
    assert '<select name="period"' in html
    assert html.index('<option value="2020">') < html.index('<option value="2015">')
    assert '<option value="Revision 2019">Révision 2019</option>' in html
    # A place with no data is refused with a message, not a failure.
    response = client.get("/evidence/indicators/migrant_stock/", {"country": "XYZ"})
    assert response.status_code == 200
    assert "Select a valid choice" in text_of(response)


def test_indicator_page_shows_an_older_vintage_when_asked(client, evidence):
    response = client.get("/evidence/indicators/migrant_stock/", {"vintage": "Revision 2019"})

    lines = chart_data(response, "chart-trend")
    assert lines["series"][0]["data"] == [248_861_296, 271_642_105]
    assert "Vintage: Revision 2019" in text_of(response)


def test_a_corridor_indicator_ranks_corridors_linking_to_their_pages(client, evidence):
    response = client.get("/evidence/indicators/remittance_cost/")

    bars = chart_data(response, "chart-ranking")
    assert bars["categories"] == ["Spain → Morocco", "United States → Mexico"]
    assert bars["series"][0]["data"] == [5.92, 4.18]
    assert 'href="/evidence/corridors/ESP-MAR/"' in response.content.decode()


def test_an_unknown_indicator_is_not_found(client, evidence):
    assert client.get("/evidence/indicators/happiness/").status_code == 404


# --- Corridors ----------------------------------------------------------------------------------


def test_corridor_page_shows_migrants_remittances_and_cost_against_the_target(client, evidence):
    response = client.get("/evidence/corridors/USA-MEX/")

    assert response.status_code == 200
    text = text_of(response)
    assert "People born in Mexico living in United States" in text
    assert "10,853,105" in text
    assert "30,019.2" in text  # rounded as the publisher rounds
    assert "4.61%" in text
    assert "4.18%" in text
    cost = chart_data(response, "chart-cost")
    assert cost["categories"] == ["Q3 2019", "Q3 2020"]
    assert cost["series"][0]["data"] == [4.61, 4.18]
    assert cost["target"]["value"] == 3.0
    assert "Vintage: Dec 7, 2020" in text


def test_corridor_page_reads_migrants_of_the_receiving_country_in_the_sending_one(client, evidence):
    migrants = chart_data(client.get("/evidence/corridors/ESP-MAR/"), "chart-migrants")

    assert migrants["series"][0]["data"] == [697_900, 836_085]


def test_corridor_search_goes_to_the_corridor(client, evidence):
    response = client.get("/evidence/corridors/", {"sender": "ESP", "receiver": "MAR"})

    assert response.status_code == 302
    assert response["Location"] == "/evidence/corridors/ESP-MAR/"


def test_the_corridors_page_lists_every_corridor_in_the_order_chosen(client, evidence):
    def listed(order: str) -> list[str]:
        html = client.get("/evidence/corridors/", {"order": order}).content.decode()
        return re.findall(r'<th scope="row"><a href="(/evidence/corridors/\w{3}-\w{3}/)"', html)

    # Most migrants first, by default.
    assert listed("") == ["/evidence/corridors/USA-MEX/", "/evidence/corridors/ESP-MAR/"]
    assert listed("remittances") == ["/evidence/corridors/USA-MEX/", "/evidence/corridors/ESP-MAR/"]
    # The cheapest first: 4.18% from the United States to Mexico, 5.92% from Spain to Morocco.
    assert listed("cost") == ["/evidence/corridors/USA-MEX/", "/evidence/corridors/ESP-MAR/"]
    text = text_of(client.get("/evidence/corridors/", {"order": "cost"}))
    assert "United States → Mexico 4.18%" in text
    assert "Cheapest first." in text
    # An order nobody offers is the default one.
    assert listed("happiness") == listed("migrants")


def test_the_corridor_list_leaves_out_unknown_origins(client, evidence):
    stocks = Dataset.objects.get(kind=DatasetKind.MIGRANT_STOCK_BILATERAL)
    observe(stocks, Indicator.MIGRANT_STOCK, "USA", {"2020": 20_000_000}, partner="XXX")
    html = client.get("/evidence/corridors/").content.decode()
    assert "/evidence/corridors/USA-XXX/" not in html
    assert "/evidence/corridors/USA-MEX/" in html


def test_corridor_codes_in_lower_case_redirect(client, evidence):
    response = client.get("/evidence/corridors/esp-mar/")

    assert response["Location"] == "/evidence/corridors/ESP-MAR/"


def test_a_corridor_between_places_nobody_knows_is_404(client, evidence):
    Area.objects.create(code="XXX", name="Other or unknown origin")
    # One known end is not enough: XXX is UN DESA's code for an unknown origin.
    assert client.get("/evidence/corridors/XXX-YYY/").status_code == 404
    assert client.get("/evidence/corridors/USA-QQQ/").status_code == 404
    # Two known places without data between them: a page that says so.
    assert client.get("/evidence/corridors/ESP-MEX/").status_code == 200


def test_corridor_page_keeps_its_query_count(client, evidence, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get("/evidence/corridors/USA-MEX/")


def test_corridor_page_is_rebuilt_when_an_import_changes_the_data(client, evidence):
    client.get("/evidence/corridors/USA-MEX/")
    release = dataset(DatasetKind.PRICE_CORRIDORS, "2021-06-01", datetime.date(2021, 6, 1))
    observe(release, Indicator.REMITTANCE_COST, "USA", {"2021Q1": 3.9}, partner="MEX")
    # An import records its dataset in the audit trail; that is what the cache watches.
    audit_event_record(
        instance=release, action=AuditAction.CREATE, actor=None, before=None, after={}
    )

    cost = chart_data(client.get("/evidence/corridors/USA-MEX/"), "chart-cost")

    assert cost["categories"] == ["Q1 2021"]


# --- What it costs to send money home -----------------------------------------------------------


@pytest.fixture
def quotes(evidence):
    release = dataset(DatasetKind.PRICE_QUOTES, "2020Q3", datetime.date(2020, 12, 7))
    quote(release, "Cheap fee, dear rate", fee=2.0, margin=4.0)
    quote(release, "Dear fee, fair rate", fee=9.0, margin=0.5)
    quote(release, "Best overall", fee=3.0, margin=1.0, speed="Less than one hour")
    # The survey's 0 margin for a service that hides its rate is a placeholder.
    quote(release, "Hidden rate", fee=1.0, margin=0.0, transparent=False)
    # An older quarter is not shown.
    quote(release, "Last year", fee=0.0, margin=0.0, period="2019Q3")
    return release


def test_send_money_sorts_services_by_what_arrives_and_sets_aside_placeholders(client, quotes):
    response = client.get(
        "/evidence/send-money/", {"sender": "ESP", "receiver": "MAR", "amount": "200"}
    )

    result = response.context["result"]
    assert [offer.quote.firm for offer in result.offers] == [
        "Best overall",
        "Cheap fee, dear rate",
        "Dear fee, fair rate",
    ]
    # 200 × (1 − 3/180) × (1 − 1%) = 194.70
    assert result.offers[0].arrives_usd == pytest.approx(194.7, abs=0.01)
    assert [offer.quote.firm for offer in result.undisclosed] == ["Hidden rate"]
    assert result.undisclosed[0].fx_margin is None
    text = text_of(response)
    assert text.index("Best overall") < text.index("Cheap fee, dear rate")
    assert "194.70 US dollars" in text
    assert "do not disclose the exchange rate" in text
    assert "Last year" not in text


def test_send_money_uses_the_nearest_surveyed_amount_and_says_so(client, quotes):
    response = client.get(
        "/evidence/send-money/", {"sender": "ESP", "receiver": "MAR", "amount": "260"}
    )

    assert response.context["result"].surveyed_amount == 200
    assert "these figures are for sending 200 US dollars, the nearest" in text_of(response)
    assert selectors.nearest_surveyed_amount(400) == 500
    assert selectors.nearest_surveyed_amount(350) == 200


def test_send_money_without_quotes_shows_the_average_cost_and_its_trend(client, evidence):
    response = client.get(
        "/evidence/send-money/", {"sender": "USA", "receiver": "MEX", "amount": "200"}
    )

    text = text_of(response)
    assert "sending money here cost 4.18% of the amount in Q3 2020" in text
    assert "more than the target of 3%" in text
    trend = chart_data(response, "chart-average")
    assert trend["series"][0]["data"] == [4.61, 4.18]
    assert trend["target"]["value"] == 3.0


def test_send_money_says_what_the_average_costs_and_how_old_it_is(client, evidence):
    response = client.get(
        "/evidence/send-money/", {"sender": "USA", "receiver": "MEX", "amount": "1000"}
    )

    text = text_of(response)
    # USD 500 is nearer, but this corridor is averaged for USD 200 only: the page says so.
    assert response.context["result"].surveyed_amount == 200
    assert "averaged for 200 US dollars only" in text
    assert "these figures are for sending 500" not in text
    # The cost in money and what arrives, for the amount the reader sends.
    assert "For 1,000 US dollars, that is about 41.80 US dollars" in text
    assert "about 958.20 US dollars arrive" in text
    # 2020Q3 ended more than a year ago.
    assert "are from Q3 2020, more than a year ago" in text


def test_a_period_ends_on_the_last_day_of_its_quarter_or_year():
    assert selectors.period_end("2020Q3") == datetime.date(2020, 9, 30)
    assert selectors.period_end("2020Q4") == datetime.date(2020, 12, 31)
    assert selectors.period_end("2021") == datetime.date(2021, 12, 31)
    assert selectors.period_end("2021Q5") is None


def test_send_money_offers_only_corridors_with_prices(client, evidence):
    response = client.get("/evidence/send-money/")

    form = response.context["form"]
    assert {code for code, _name in form.fields["sender"].choices} == {"", "USA", "ESP"}
    assert {code for code, _name in form.fields["receiver"].choices} == {"", "MEX", "MAR"}
    assert 'for="send-amount"' in response.content.decode()


def test_sending_to_offers_the_places_with_prices_from_the_sender(client, evidence):
    # Without the script: the list comes back narrowed to the sender's receivers, and a place
    # without prices from it is refused with the reason.
    response = client.get("/evidence/send-money/", {"sender": "USA", "receiver": "MAR"})
    form = response.context["form"]
    assert {code for code, _name in form.fields["receiver"].choices} == {"", "MEX"}
    assert "There are no prices from this place to the one chosen." in text_of(response)
    assert response.context["result"] is None
    # The script rebuilds the list from every receiver's name and each sender's receivers.
    data = chart_data(response, "send-receivers")
    assert data["by_sender"] == {"ESP": ["MAR"], "USA": ["MEX"]}
    assert data["names"] == {"MAR": "Morocco", "MEX": "Mexico"}


def test_send_money_page_in_arabic_reads_right_to_left(client, evidence):
    response = client.get("/ar/evidence/send-money/", {"sender": "USA", "receiver": "MEX"})

    html = response.content.decode()
    assert 'dir="rtl"' in html
    assert "المكسيك" in html  # Mexico, named by CLDR in Arabic
    assert "تكلفة إرسال المال إلى الوطن" in html  # the page's title, translated


@pytest.mark.parametrize(
    ("language", "title", "average"),
    [
        ("fr", "Ce que coûte un envoi d’argent au pays", "Nous n’avons pas les prix"),
        ("es", "Cuánto cuesta enviar dinero a casa", "No tenemos precios"),
        ("ru", "Сколько стоит отправить деньги домой", "У нас нет цен"),
        ("zh-hans", "往家乡汇款的费用", "我们没有此走廊单项服务的价格"),
    ],
)
def test_send_money_speaks_the_readers_language(client, evidence, language, title, average):
    response = client.get(
        f"/{language}/evidence/send-money/", {"sender": "USA", "receiver": "MEX", "amount": "200"}
    )

    text = text_of(response)
    assert title in text
    assert average in text


# --- Imports ------------------------------------------------------------------------------------


def test_import_page_sends_anonymous_readers_to_sign_in(client):
    response = client.get("/evidence/imports/new")

    assert response.status_code == 302
    assert "/login" in response["Location"] or "login" in response["Location"]


def test_import_page_refuses_a_delegate(focal_point_of_morocco):
    client = Client()
    client.force_login(focal_point_of_morocco)

    assert client.get("/evidence/imports/new").status_code == 403


def test_an_analyst_uploads_a_file_and_follows_its_import(
    analyst_of_iom, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(analyst_of_iom)
    upload = ContentFile(b"not,a,publisher's,file\n1,2,3,4\n", name="mystery.csv")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post("/evidence/imports/new", {"file": upload, "kind": ""})

    data_import = DataImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/evidence/imports/{data_import.pk}/"
    assert data_import.file_name == "mystery.csv"
    assert data_import.requested_by == analyst_of_iom
    assert data_import.status == ImportStatus.QUEUED
    assert len(callbacks) == 1  # the background task is queued once the request commits
    progress = client.get(response["Location"])
    assert "Waiting to start" in text_of(progress)
    listing = client.get("/evidence/imports/new")
    assert "mystery.csv" in text_of(listing)


def test_the_import_form_takes_the_release_date_of_a_file_that_does_not_say_it(
    analyst_of_iom, django_capture_on_commit_callbacks, tmp_path
):
    # given annual inflows without their "Date: June 2023" line
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
    client = Client()
    client.force_login(analyst_of_iom)
    assert 'type="date" name="vintage_date"' in client.get("/evidence/imports/new").content.decode()

    # when it is uploaded with its release date
    with django_capture_on_commit_callbacks(execute=True), path.open("rb") as upload:
        response = client.post(
            "/evidence/imports/new", {"file": upload, "kind": "", "vintage_date": "2023-06-30"}
        )

    # then it is imported as the release of that date
    data_import = DataImport.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    assert data_import.status == ImportStatus.DONE, data_import.error
    assert str(data_import.dataset.vintage_date) == "2023-06-30"


def test_the_secretariat_may_import(secretariat_client):
    assert secretariat_client.get("/evidence/imports/new").status_code == 200


# --- The State's evidence panel -----------------------------------------------------------------


def test_state_page_shows_the_evidence_panel(client, evidence):
    response = client.get("/states/MAR/")

    text = text_of(response)
    assert "International migrants living here, 2020" in text
    assert "102,358" in text
    assert "up from 92,485 in 2015" in text
    assert "Remittances received, 2022" in text
    assert "11,200.0" in text
    assert "Average cost of sending money here, 2020" in text
    assert "5.80%" in text
    assert "Revision 2020" in text
    assert "June 2023" in text


def test_state_panel_reads_the_evidence_in_one_query(evidence, django_assert_num_queries):
    with django_assert_num_queries(1):
        panel = selectors.state_evidence(iso3="MAR")

    assert panel.migrant_stock.latest == ("2020", 102_358)
    assert panel.inflows.dataset.vintage == "June 2023"


def test_state_page_without_evidence_has_no_panel(client):
    response = client.get("/states/FRA/")

    assert response.status_code == 200
    assert "evidence-panel" not in response.content.decode()


def test_an_analyst_deletes_a_dataset_after_seeing_what_goes_with_it(
    analyst_of_iom, evidence, django_capture_on_commit_callbacks
):
    client = Client()
    client.force_login(analyst_of_iom)
    flows = Dataset.objects.get(kind=DatasetKind.BILATERAL_REMITTANCES)
    stored = flows.file.name
    page = client.get(flows.get_absolute_url())
    assert f"/evidence/datasets/{flows.pk}/delete" in page.content.decode()

    confirm = client.get(f"/evidence/datasets/{flows.pk}/delete")

    assert confirm.status_code == 200
    assert "weighted average cost of sending money is computed again" in text_of(confirm)
    with django_capture_on_commit_callbacks(execute=True):
        deleted = client.post(f"/evidence/datasets/{flows.pk}/delete")
    assert deleted.status_code == 302
    assert not Dataset.objects.filter(pk=flows.pk).exists()
    assert not Observation.objects.filter(indicator=Indicator.BILATERAL_REMITTANCES).exists()
    assert not flows.file.storage.exists(stored)
    event = AuditEvent.objects.filter(action=AuditAction.DELETE, object_id=str(flows.pk)).get()
    assert event.actor == analyst_of_iom
    assert "is deleted" in text_of(client.get(deleted["Location"]))


def test_only_those_who_import_data_may_delete_it(client, evidence, focal_point_of_morocco):
    stocks = evidence["stocks"]
    address = f"/evidence/datasets/{stocks.pk}/delete"

    assert client.post(address)["Location"].startswith("/accounts/login")
    client.force_login(focal_point_of_morocco)
    assert address not in client.get(stocks.get_absolute_url()).content.decode()
    assert client.get(address).status_code == 403
    assert client.post(address).status_code == 403
    assert Dataset.objects.filter(pk=stocks.pk).exists()


def test_the_publishers_and_the_titles_of_their_releases_are_in_the_readers_language(
    client, evidence
):
    from django.utils import translation

    from migforum.evidence.importers.undesa import PUBLISHER
    from migforum.evidence.importers.worldbank import RemittanceInflows

    french = text_of(client.get("/fr/evidence/"))
    assert "Banque mondiale–KNOMAD — version juin 2023" in french
    arabic = text_of(client.get("/ar/evidence/"))
    assert "البنك الدولي–KNOMAD" in arabic
    # A key figure's place and period joined with the Arabic comma.
    assert "العالم، 2020" in arabic
    for text in (french, arabic):
        assert "World Bank" not in text
    # The English page, the API and the exports keep the publisher's own words.
    assert "World Bank–KNOMAD" in text_of(client.get("/evidence/"))
    # What the importers write is in the catalogue; anything else is shown as stored.
    release = Dataset(title=RemittanceInflows.title, publisher=PUBLISHER)
    with translation.override("fr"):
        assert release.shown_title == "Données annuelles sur les envois de fonds : entrées"
        assert release.shown_publisher.endswith("Division de la population")
        assert Dataset(title="A release of our own").shown_title == "A release of our own"
