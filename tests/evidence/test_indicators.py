"""Price indicators: what the platform computes from quotes and from corridor averages, checked
against values worked out by hand on small data, and against the publishers' files."""

import datetime
import io
import itertools
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import timezone

from migforum.core.choices import ImportStatus
from migforum.core.models import AuditEvent
from migforum.evidence.choices import DatasetKind, Indicator, Sex
from migforum.evidence.indicators import computed_indicators, prices_recompute
from migforum.evidence.models import Area, Dataset, Observation, RemittanceQuote
from migforum.evidence.services import data_import_request, data_import_run, dataset_delete

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "src" / "migforum" / "evidence" / "data"
_numbers = itertools.count()


# A small factory: datasets, their observations and quotes, made directly.


def dataset(kind: str, vintage: str = "2020-12-07", released: datetime.date | None = None):
    number = next(_numbers)
    return Dataset.objects.create(
        kind=kind,
        publisher="World Bank",
        title=f"Test {kind}",
        vintage=vintage,
        vintage_date=released or datetime.date(2020, 12, 7),
        licence="CC BY 4.0",
        file=f"evidence/test/{number}.csv",
        file_name=f"{number}.csv",
        sha256=f"{number:064x}",
        imported_at=timezone.now(),
    )


def observe(data: Dataset, indicator: str, country: str, partner: str, period: str, value):
    return Observation.objects.create(
        dataset=data,
        indicator=indicator,
        country=country,
        partner=partner,
        period=period,
        year=int(period[:4]),
        value=value,
    )


def quote(data: Dataset, corridor: str, total_200, *, period="2020Q3", total_500=None, **more):
    """A quote with a measured total; `total_200=None` is a service that does not disclose its
    exchange rate (the importer stores its placeholder margin and total as unknown)."""
    sender, receiver = corridor.split(">")
    transparent = total_200 is not None
    return RemittanceQuote.objects.create(
        dataset=data,
        period=period,
        year=int(period[:4]),
        source_code=sender,
        destination_code=receiver,
        firm=f"Service {next(_numbers)}",
        amount_200_lcu=200.0,
        fee_200_lcu=4.0,
        fx_margin_200=None if total_200 is None else total_200 - 2.0,
        total_cost_200=total_200,
        amount_500_lcu=None if total_500 is None else 500.0,
        fee_500_lcu=None if total_500 is None else 5.0,
        fx_margin_500=None if total_500 is None else total_500 - 1.0,
        total_cost_500=total_500,
        transparent=more.pop("transparent", transparent),
        **more,
    )


def values(data: Dataset, indicator: str) -> dict[tuple[str, str, str], float]:
    """(country, partner, period) → value, rounded to 4 places."""
    rows = Observation.objects.filter(dataset=data, indicator=indicator, sex=Sex.TOTAL)
    return {(o.country, o.partner, o.period): round(o.value, 4) for o in rows}


def saved(data: Dataset) -> Dataset:
    """Store what the import would store: the computed indicators of a new dataset."""
    Observation.objects.bulk_create(
        [Observation(dataset=data, **row._asdict()) for row in computed_indicators(data)]
    )
    return data


@pytest.fixture
def flows():
    """Bilateral remittances, US$ million: the latest release and an older one whose
    weights must not be used."""
    older = dataset(DatasetKind.BILATERAL_REMITTANCES, "2016", datetime.date(2016, 4, 1))
    observe(older, Indicator.BILATERAL_REMITTANCES, "USA", "MEX", "2016", 1000.0)
    latest = dataset(DatasetKind.BILATERAL_REMITTANCES, "April 2018", datetime.date(2018, 4, 1))
    for corridor, value in (("USA>MEX", 30.0), ("ESP>MAR", 10.0), ("GBR>NGA", 20.0)):
        sender, receiver = corridor.split(">")
        observe(latest, Indicator.BILATERAL_REMITTANCES, sender, receiver, "2017", value)
    # A corridor's zero flow and the matrix's totals weigh nothing.
    observe(latest, Indicator.BILATERAL_REMITTANCES, "USA", "NGA", "2017", 0.0)
    observe(latest, Indicator.BILATERAL_REMITTANCES, "WLD", "WLD", "2017", 613_465.8)
    return latest


@pytest.fixture
def quotes(flows):
    """Four corridors surveyed in 2020Q3, one of them in 2019Q3 as well.

    USA→MEX: 2, 4, 6, 9 and a service that does not disclose its rate; USD 500: 1, 3, 5
    ESP→MAR: 2, 3 and a service that does not disclose its rate
    GBR→NGA: 7, 8, 12
    USA→NGA: 10
    """
    data = dataset(DatasetKind.PRICE_QUOTES, "2019Q3–2020Q3")
    quote(data, "USA>MEX", 2.0, total_500=1.0)
    quote(data, "USA>MEX", 4.0, total_500=3.0)
    quote(data, "USA>MEX", 6.0)
    quote(data, "USA>MEX", 9.0, total_500=5.0)
    quote(data, "USA>MEX", None)
    quote(data, "ESP>MAR", 2.0)
    quote(data, "ESP>MAR", 3.0)
    quote(data, "ESP>MAR", None)
    quote(data, "GBR>NGA", 12.0)
    quote(data, "GBR>NGA", 7.0)
    quote(data, "GBR>NGA", 8.0)
    quote(data, "USA>NGA", 10.0)
    quote(data, "USA>MEX", 4.61, period="2019Q3")
    return saved(data)


# From quotes


def test_corridor_averages_are_the_mean_of_the_quotes_with_a_measured_total(quotes):
    assert values(quotes, Indicator.REMITTANCE_COST) == {
        ("USA", "MEX", "2020Q3"): 5.25,  # (2 + 4 + 6 + 9) / 4: the undisclosed one left out
        ("ESP", "MAR", "2020Q3"): 2.5,
        ("GBR", "NGA", "2020Q3"): 9.0,
        ("USA", "NGA", "2020Q3"): 10.0,
        ("USA", "MEX", "2019Q3"): 4.61,
    }
    # Only USA→MEX has prices for USD 500, and not from every service.
    assert values(quotes, Indicator.REMITTANCE_COST_500) == {("USA", "MEX", "2020Q3"): 3.0}
    years = Observation.objects.filter(dataset=quotes, indicator=Indicator.REMITTANCE_COST)
    assert set(years.values_list("period", "year")) == {("2020Q3", 2020), ("2019Q3", 2019)}


def test_the_global_average_with_quotes_is_the_mean_over_every_quote(quotes):
    # 2020Q3: (2+4+6+9 + 2+3 + 7+8+12 + 10) / 10 = 6.3, not the mean of the corridors (6.6875)
    assert values(quotes, Indicator.REMITTANCE_COST_GLOBAL) == {
        ("WLD", "", "2020Q3"): 6.3,
        ("WLD", "", "2019Q3"): 4.61,
    }


def test_smart_is_the_mean_of_the_three_cheapest_qualifying_services(quotes):
    assert values(quotes, Indicator.SMART_COST) == {
        ("USA", "MEX", "2020Q3"): 4.0,  # 2, 4, 6; not 9, nor the undisclosed service
        ("GBR", "NGA", "2020Q3"): 9.0,  # 7, 8, 12
        # ESP→MAR has two qualifying services besides its placeholder, USA→NGA one: no SmaRT.
    }


def test_smart_leaves_out_a_service_that_does_not_disclose_its_rate_whatever_its_total(flows):
    data = dataset(DatasetKind.PRICE_QUOTES)
    for total in (5.0, 6.0, 7.0):
        quote(data, "FRA>SEN", total)
    quote(data, "FRA>SEN", 1.0, transparent=False)
    saved(data)

    assert values(data, Indicator.SMART_COST) == {("FRA", "SEN", "2020Q3"): 6.0}


# From corridor averages


def test_shares_of_corridors_above_5_and_below_3_percent(quotes):
    # 2020Q3: 5.25, 2.5, 9, 10 → three above 5%, one below 3%
    assert values(quotes, Indicator.CORRIDORS_ABOVE_5) == {
        ("WLD", "", "2020Q3"): 75.0,
        ("WLD", "", "2019Q3"): 0.0,
    }
    assert values(quotes, Indicator.CORRIDORS_BELOW_3) == {
        ("WLD", "", "2020Q3"): 25.0,
        ("WLD", "", "2019Q3"): 0.0,
    }


def test_averages_by_m49_region_of_sending_and_of_receiving(quotes):
    assert values(quotes, Indicator.REMITTANCE_COST_BY_SENDING_REGION) == {
        ("M49-19", "", "2020Q3"): 7.625,  # Americas: USA→MEX 5.25, USA→NGA 10
        ("M49-150", "", "2020Q3"): 5.75,  # Europe: ESP→MAR 2.5, GBR→NGA 9
        ("M49-19", "", "2019Q3"): 4.61,
    }
    assert values(quotes, Indicator.REMITTANCE_COST_BY_RECEIVING_REGION) == {
        ("M49-19", "", "2020Q3"): 5.25,  # Americas: MEX
        ("M49-2", "", "2020Q3"): 7.1667,  # Africa: (2.5 + 9 + 10) / 3
        ("M49-19", "", "2019Q3"): 4.61,
    }
    regions = Area.objects.filter(code__in=["M49-2", "M49-19", "M49-150"])
    assert {(a.code, a.name, a.is_aggregate, a.m49) for a in regions} == {
        ("M49-2", "Africa", True, "002"),
        ("M49-19", "Americas", True, "019"),
        ("M49-150", "Europe", True, "150"),
    }


def test_the_weighted_average_uses_the_latest_bilateral_flows_and_leaves_out_the_unweighted(
    quotes,
):
    # (5.25 × 30 + 2.5 × 10 + 9 × 20) / 60; USA→NGA's flow is 0, the 2016 release is older
    assert values(quotes, Indicator.REMITTANCE_COST_WEIGHTED) == {
        ("WLD", "", "2020Q3"): 6.0417,
        ("WLD", "", "2019Q3"): 4.61,
    }


def test_without_bilateral_flows_there_is_no_weighted_average(db):
    data = dataset(DatasetKind.PRICE_CORRIDORS)
    observe(data, Indicator.REMITTANCE_COST, "USA", "MEX", "2020Q3", 4.0)

    saved(data)

    assert values(data, Indicator.REMITTANCE_COST_WEIGHTED) == {}
    assert values(data, Indicator.REMITTANCE_COST_GLOBAL) == {("WLD", "", "2020Q3"): 4.0}


def test_the_cost_to_a_country_is_the_mean_of_its_corridors_in_the_third_quarter(quotes):
    assert values(quotes, Indicator.COST_TO_COUNTRY) == {
        ("MEX", "", "2020"): 5.25,
        ("MAR", "", "2020"): 2.5,
        ("NGA", "", "2020"): 9.5,  # from GBR 9 and from USA 10
        ("MEX", "", "2019"): 4.61,
    }


@pytest.fixture
def corridors(flows):
    """The DataBank's corridor averages, without quotes."""
    data = dataset(DatasetKind.PRICE_CORRIDORS)
    observe(data, Indicator.REMITTANCE_COST, "USA", "MEX", "2020Q3", 4.0)
    observe(data, Indicator.REMITTANCE_COST, "ESP", "MAR", "2020Q3", 8.0)
    observe(data, Indicator.REMITTANCE_COST, "FRA", "MAR", "2020Q3", 2.0)
    observe(data, Indicator.REMITTANCE_COST, "USA", "MEX", "2020Q1", 6.0)
    return saved(data)


def test_without_quotes_the_global_average_is_the_mean_over_corridors(corridors):
    assert values(corridors, Indicator.REMITTANCE_COST_GLOBAL) == {
        ("WLD", "", "2020Q3"): 4.6667,
        ("WLD", "", "2020Q1"): 6.0,
    }
    assert values(corridors, Indicator.REMITTANCE_COST_BY_RECEIVING_REGION) == {
        ("M49-19", "", "2020Q3"): 4.0,
        ("M49-2", "", "2020Q3"): 5.0,
        ("M49-19", "", "2020Q1"): 6.0,
    }
    assert values(corridors, Indicator.CORRIDORS_ABOVE_5)[("WLD", "", "2020Q3")] == 33.3333
    # (4 × 30 + 8 × 10) / 40: France → Morocco has no flow
    assert values(corridors, Indicator.REMITTANCE_COST_WEIGHTED) == {
        ("WLD", "", "2020Q3"): 5.0,
        ("WLD", "", "2020Q1"): 6.0,
    }
    # The SDG series takes the third quarter only; 2020Q1 makes no annual value of its own.
    assert values(corridors, Indicator.COST_TO_COUNTRY) == {
        ("MEX", "", "2020"): 4.0,
        ("MAR", "", "2020"): 5.0,
    }
    # The publisher's own corridor averages are not recomputed, nor SmaRT made up.
    assert len(values(corridors, Indicator.REMITTANCE_COST)) == 4
    assert values(corridors, Indicator.SMART_COST) == {}


# Recomputation


def contents(data: Dataset) -> list[tuple]:
    return sorted(
        Observation.objects.filter(dataset=data).values_list(
            "indicator", "country", "partner", "period", "year", "sex", "value"
        )
    )


def test_recomputing_changes_nothing_when_nothing_changed(quotes, corridors):
    # given the import's indicators, with their counts on the datasets
    for data in (quotes, corridors):
        Dataset.objects.filter(pk=data.pk).update(observation_count=data.observations.count())
    before = {data.pk: contents(data) for data in (quotes, corridors)}

    # when
    first = prices_recompute(by=None)
    second = prices_recompute(by=None)

    # then
    assert first == second
    assert first[quotes.pk] == len(before[quotes.pk])
    assert first[corridors.pk] == len(before[corridors.pk]) - 4  # the DataBank's own 4
    for data in (quotes, corridors):
        assert contents(data) == before[data.pk]
        data.refresh_from_db()
        assert data.observation_count == len(before[data.pk])


def test_recomputing_follows_new_bilateral_flows_and_is_audited(quotes, corridors, flows):
    # given the flows revised: USA→NGA now weighs 40
    Observation.objects.filter(dataset=flows, country="USA", partner="NGA").update(value=40.0)

    prices_recompute(by=None)

    # (5.25 × 30 + 2.5 × 10 + 9 × 20 + 10 × 40) / 100
    assert values(quotes, Indicator.REMITTANCE_COST_WEIGHTED)[("WLD", "", "2020Q3")] == 7.625
    event = AuditEvent.objects.filter(object_id=str(quotes.pk), action="update").get()
    assert event.after["computed"][Indicator.REMITTANCE_COST_WEIGHTED] == 2
    assert event.actor_label == "system"


def test_recomputing_one_dataset_leaves_the_others_alone(quotes, corridors):
    Observation.objects.filter(dataset=corridors, indicator=Indicator.CORRIDORS_ABOVE_5).delete()
    quotes_before = contents(quotes)
    # a quote's total corrected
    RemittanceQuote.objects.filter(dataset=quotes, total_cost_200=12.0).update(total_cost_200=9.0)

    prices_recompute(by=None, dataset=quotes)

    assert values(quotes, Indicator.REMITTANCE_COST)[("GBR", "NGA", "2020Q3")] == 8.0
    assert contents(quotes) != quotes_before
    assert values(corridors, Indicator.CORRIDORS_ABOVE_5) == {}


def test_only_those_who_may_import_data_may_recompute(quotes, observer, analyst_of_iom):
    with pytest.raises(PermissionDenied):
        prices_recompute(by=observer)

    assert prices_recompute(by=analyst_of_iom)[quotes.pk] > 0
    event = AuditEvent.objects.get(object_id=str(quotes.pk), action="update")
    assert event.actor == analyst_of_iom


# The publishers' files, through the import


def imported(name: str) -> Dataset:
    data_import = data_import_run(data_import=data_import_request(path=DATA / name, by=None))
    assert data_import.status == ImportStatus.DONE, data_import.error
    return data_import.dataset


def test_the_corridor_export_gives_the_sdg_cost_to_mexico_in_2019_and_the_weighted_average():
    prices = imported("wb_rpw_corridors_databank_2011Q1_2020Q3_raw.csv")
    sdg = values(prices, Indicator.COST_TO_COUNTRY)
    shares = values(prices, Indicator.CORRIDORS_BELOW_3)
    assert values(prices, Indicator.REMITTANCE_COST_WEIGHTED) == {}

    # Mexico has one corridor in 2019Q3: the WDI's 4.61.
    assert round(sdg[("MEX", "", "2019")], 2) == 4.61
    assert {p for _c, _p, p in shares} >= {"2011Q1", "2020Q3"}
    costs_2020q3 = Observation.objects.filter(
        dataset=prices, indicator=Indicator.REMITTANCE_COST, period="2020Q3"
    )
    assert costs_2020q3.count() == 367
    below = costs_2020q3.filter(value__lt=3).count()
    assert shares[("WLD", "", "2020Q3")] == round(100 * below / 367, 4)

    # when the bilateral remittances arrive, the weighted average follows
    imported("wb_knomad_bilateral_remittance_estimates_2017_apr2018.xlsx")

    weighted = values(prices, Indicator.REMITTANCE_COST_WEIGHTED)
    assert set(weighted) >= {("WLD", "", "2011Q1"), ("WLD", "", "2020Q3")}
    prices.refresh_from_db()
    assert prices.observation_count == prices.observations.count()
    # The big corridors are cheaper than the average corridor.
    global_2020q3 = values(prices, Indicator.REMITTANCE_COST_GLOBAL)[("WLD", "", "2020Q3")]
    assert 1 < weighted[("WLD", "", "2020Q3")] < global_2020q3


def test_the_command_recomputes_and_says_what_it_computed(quotes):
    output = io.StringIO()

    call_command("recompute-prices", stdout=output)

    count = Observation.objects.filter(dataset=quotes).count()
    assert f"“{quotes.title}”: {count:,} values computed." in output.getvalue()
    with pytest.raises(CommandError, match="There is no dataset 0"):
        call_command("recompute-prices", "--dataset", "0")


def test_deleting_bilateral_flows_takes_the_weighted_average_back_to_the_release_before(
    quotes, flows, analyst_of_iom
):
    older = Dataset.objects.get(kind=DatasetKind.BILATERAL_REMITTANCES, vintage="2016")

    dataset_delete(dataset=flows, by=analyst_of_iom)

    # only USA→MEX weighs in the 2016 release: its cost alone, (2 + 4 + 6 + 9) / 4
    assert values(quotes, Indicator.REMITTANCE_COST_WEIGHTED)[("WLD", "", "2020Q3")] == 5.25
    event = AuditEvent.objects.filter(object_id=str(quotes.pk), action="update").get()
    assert event.actor == analyst_of_iom

    dataset_delete(dataset=older, by=analyst_of_iom)

    assert values(quotes, Indicator.REMITTANCE_COST_WEIGHTED) == {}
    assert values(quotes, Indicator.REMITTANCE_COST_GLOBAL)  # the unweighted ones stay


def test_only_those_who_import_data_delete_it(flows, focal_point_of_morocco):
    with pytest.raises(PermissionDenied):
        dataset_delete(dataset=flows, by=focal_point_of_morocco)

    assert Dataset.objects.filter(pk=flows.pk).exists()
