"""Datasets and observations made directly, for the API and download tests: a release is a
`DatasetFactory`, its values `ObservationFactory` rows."""

import datetime

import factory
from django.utils import timezone

from migforum.evidence.choices import DatasetKind, Indicator, Sex
from migforum.evidence.models import Dataset, Observation, RemittanceQuote


class DatasetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dataset

    kind = DatasetKind.REMITTANCE_INFLOWS
    publisher = "World Bank–KNOMAD"
    title = "Remittance inflows"
    vintage = "June 2023"
    vintage_date = datetime.date(2023, 6, 1)
    licence = "CC BY 4.0"
    source_url = "https://www.knomad.org/data/remittances"
    citation = "World Bank–KNOMAD (2023), Remittance inflows."
    file = factory.LazyAttribute(lambda d: f"evidence/2023/{d.file_name}")
    file_name = factory.Sequence(lambda n: f"inflows_{n}.xlsx")
    sha256 = factory.Sequence(lambda n: f"{n:064x}")
    imported_at = factory.LazyFunction(timezone.now)


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    dataset = factory.SubFactory(DatasetFactory)
    indicator = Indicator.REMITTANCE_INFLOWS
    country = "MAR"
    partner = ""
    period = "2022"
    year = factory.LazyAttribute(lambda o: int(o.period[:4]))
    sex = Sex.TOTAL
    value = 11_000.5


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RemittanceQuote

    dataset = factory.SubFactory(DatasetFactory, kind=DatasetKind.PRICE_QUOTES)
    period = "2020Q3"
    year = 2020
    source_code = "ESP"
    destination_code = "MAR"
    firm = factory.Sequence(lambda n: f"Service {n}")
    firm_type = "Money Transfer Operator"
    product = "Cash to cash"
    amount_200_lcu = 180.0
    fee_200_lcu = 5.4
    fx_margin_200 = 1.2
    total_cost_200 = 4.2
    amount_500_lcu = 450.0
    fee_500_lcu = 7.0
    fx_margin_500 = 1.2
    total_cost_500 = 2.76
    transparent = True
    speed = "Less than one hour"
