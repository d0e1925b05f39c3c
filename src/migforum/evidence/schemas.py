"""The shapes of the evidence API's answers and parameters."""

import datetime
from typing import Any

from ninja import Schema
from pydantic import Field, create_model

from migforum.core.api.paging import PageOut
from migforum.core.api.params import Offset, limit_of

from .filters import FILTER_PARAMETERS, FilterParameter

MAX_LIMIT = 1000


class IndicatorOut(Schema):
    id: str = Field(description="The indicator's id, as `indicator=` takes it.")
    label: str
    unit: str = Field(description="`persons`, `usd_million`, `percent` or `percent_per_year`.")
    unit_label: str


class IndicatorListOut(PageOut):
    results: list[IndicatorOut]


class DatasetDownloadsOut(Schema):
    file: str = Field(description="The publisher's file as it was imported.")
    observations_csv: str
    observations_json: str
    observations_api: str
    quotes_csv: str | None = Field(description="For a dataset of price quotes.")
    quotes_json: str | None


class DatasetOut(Schema):
    id: int
    kind: str = Field(description="The publisher's format the file was read as.")
    kind_label: str
    publisher: str
    title: str
    vintage: str = Field(description="The publisher's name for the release: `June 2023`.")
    vintage_date: datetime.date | None = Field(description="When the release was published.")
    is_latest: bool = Field(description="No newer release of the same format is imported.")
    licence: str
    source_url: str
    citation: str
    file_name: str
    sha256: str
    imported_at: datetime.datetime
    observation_count: int
    has_quotes: bool = Field(description="Holds Remittance Prices Worldwide service quotes.")
    indicators: list[str] = Field(description="The indicators it holds, by id.")
    url: str
    downloads: DatasetDownloadsOut


class DatasetListOut(PageOut):
    results: list[DatasetOut]


class ObservationOut(Schema):
    indicator: str
    country: str = Field(
        description="What the value is about: ISO3, `WLD`, a publisher's aggregate (`LMY`) "
        "or a UN DESA region (`M49-947`); the sending country for costs and bilateral flows."
    )
    partner: str = Field(
        description="The other end of a corridor (origin for stocks, receiving country for "
        "costs and bilateral flows), or empty."
    )
    period: str = Field(description="`2020` for a year, `2020Q3` for a quarter.")
    year: int
    sex: str
    value: float
    unit: str
    dataset: int
    vintage: str


class ObservationListOut(PageOut):
    csv: str = Field(description="The whole selection as CSV, unpaged.")
    results: list[ObservationOut]


def _filter_field(parameter: FilterParameter) -> tuple[Any, Any]:
    if parameter.repeatable:
        return list[str], Field(default=[], description=parameter.description)
    return str | None, Field(default=None, description=parameter.description)


#: The observation filters as the API describes them, from their one declaration; the values
#: are read and checked by `observation_filter_parse`, the same way for the API and the
#: downloads.
ObservationFilterParams = create_model(  # type: ignore[call-overload]
    "ObservationFilterParams",
    __base__=Schema,
    **{parameter.name: _filter_field(parameter) for parameter in FILTER_PARAMETERS},
)


class ObservationParams(ObservationFilterParams):  # type: ignore[misc,valid-type]
    """The filters, then the paging, of `GET /observations`."""

    limit: limit_of(MAX_LIMIT) = 100  # type: ignore[valid-type]
    offset: Offset = 0
