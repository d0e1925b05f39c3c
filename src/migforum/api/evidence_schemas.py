"""The shapes of the evidence API's answers and parameters."""

import datetime

from ninja import Schema
from pydantic import Field

from .params import Offset, limit_of

MAX_LIMIT = 1000

_LIST = "Repeatable, or a comma-separated list."


class IndicatorOut(Schema):
    id: str = Field(description="The indicator's id, as `indicator=` takes it.")
    label: str
    unit: str = Field(description="`persons`, `usd_million`, `percent` or `percent_per_year`.")
    unit_label: str


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


class ObservationListOut(Schema):
    total: int
    offset: int
    limit: int
    next: str | None = Field(description="The next page, while there is one.")
    csv: str = Field(description="The whole selection as CSV, unpaged.")
    results: list[ObservationOut]


class ObservationParams(Schema):
    """Declared for the documentation; `migforum.evidence.filters` reads and checks them, the
    same way for the API and the downloads."""

    indicator: list[str] = Field(default=[], description=f"Indicator ids. {_LIST}")
    country: list[str] = Field(
        default=[], description=f"ISO3, `WLD` or an aggregate code; any case. {_LIST}"
    )
    partner: list[str] = Field(
        default=[],
        description=f"The other end of a corridor; `none` for values without one. {_LIST}",
    )
    year: str | None = Field(default=None, description="One year: annual and quarterly values.")
    year_from: str | None = Field(default=None, description="From this year, inclusive.")
    year_to: str | None = Field(default=None, description="Up to this year, inclusive.")
    period: list[str] = Field(
        default=[], description=f"`2019Q3` for a quarter, `2019` for the annual value. {_LIST}"
    )
    sex: list[str] = Field(default=[], description=f"`total`, `male` or `female`. {_LIST}")
    vintage: str | None = Field(
        default=None,
        description="`latest` (the default): each value from the newest release of its "
        "publication that has it. `all`: every release. Or a vintage's name (`June 2023`).",
    )
    dataset: list[str] = Field(
        default=[], description=f"Dataset ids; then every vintage unless `vintage` says. {_LIST}"
    )
    limit: limit_of(MAX_LIMIT) = 100  # type: ignore[valid-type]
    offset: Offset = 0
