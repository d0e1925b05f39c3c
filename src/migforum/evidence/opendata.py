"""Open data: every table of the evidence as CSV and JSON, streamed so that millions of rows
never sit in memory at once.

A dataset's observations and quotes download whole; `/evidence/observations.csv` takes the
API's filters (`migforum.evidence.filters`) and holds the rows the API would page through,
in the same order and with the same columns. Evidence is public: no account is needed.
"""

import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from migforum.core.csv_export import table_download

from .filters import (
    RECORD_FIELDS,
    FilterError,
    ObservationFilter,
    observation_filter_parse,
    observation_records,
    observation_values,
    observations_filter,
    unknown_parameters,
)
from .models import Area, Dataset, RemittanceQuote

#: Rows fetched from the database at a time.
CHUNK = 2_000

PROVENANCE_FIELDS = (
    "id",
    "kind",
    "publisher",
    "title",
    "vintage",
    "vintage_date",
    "licence",
    "source_url",
    "citation",
    "file_name",
    "sha256",
)
AREA_FIELDS = ("code", "name", "is_aggregate", "m49")
QUOTE_FIELDS = (
    "period",
    "year",
    "source_code",
    "destination_code",
    "firm",
    "firm_type",
    "product",
    "amount_200_lcu",
    "fee_200_lcu",
    "fx_margin_200",
    "total_cost_200",
    "amount_500_lcu",
    "fee_500_lcu",
    "fx_margin_500",
    "total_cost_500",
    "transparent",
    "speed",
)


def _name(*parts: str) -> str:
    return "_".join(slugify(p).replace("-", "_") for p in parts if p)


def provenance(dataset: Dataset) -> dict[str, Any]:
    """What a downloaded table says about where it came from (the licences require it)."""
    return {name: getattr(dataset, "pk" if name == "id" else name) for name in PROVENANCE_FIELDS}


def _observations(
    selection: ObservationFilter, *, fmt: str, filename: str, head: dict[str, Any]
) -> StreamingHttpResponse:
    values = observation_values(observations_filter(selection)).iterator(chunk_size=CHUNK)
    return table_download(
        fmt,
        name=filename,
        header=RECORD_FIELDS,
        rows=observation_records(values),
        key="observations",
        head=head,
    )


@require_GET
def datasets_table(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    """Every dataset's provenance, one row each: what the observations' `dataset` refers to."""
    fields = (*PROVENANCE_FIELDS, "imported_at", "observation_count")
    rows = Dataset.objects.order_by("pk").values_list(*fields)
    return table_download(fmt, name="datasets", header=fields, rows=rows, key="datasets")


@require_GET
def areas_table(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    """The codes the observations use, with the name each publisher gave them; aggregates
    (LMY, M49-947) are named nowhere else."""
    rows = Area.objects.order_by("code").values_list(*AREA_FIELDS)
    return table_download(fmt, name="areas", header=AREA_FIELDS, rows=rows, key="areas")


def _dataset_observations(request: HttpRequest, pk: int, fmt: str) -> StreamingHttpResponse:
    dataset = get_object_or_404(Dataset, pk=pk)
    return _observations(
        ObservationFilter(datasets=(dataset.pk,), vintage="all"),
        fmt=fmt,
        filename=_name(dataset.kind, dataset.vintage, "observations"),
        head={"dataset": provenance(dataset)},
    )


@require_GET
def dataset_observations_csv(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    return _dataset_observations(request, pk, "csv")


@require_GET
def dataset_observations_json(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    return _dataset_observations(request, pk, "json")


def _dataset_quotes(request: HttpRequest, pk: int, fmt: str) -> StreamingHttpResponse:
    dataset = get_object_or_404(Dataset, pk=pk)
    quotes = RemittanceQuote.objects.filter(dataset=dataset).order_by(
        "period", "source_code", "destination_code", "firm", "product", "id"
    )
    if not quotes.exists():
        raise Http404("This dataset holds no price quotes.")
    rows = quotes.values_list(*QUOTE_FIELDS).iterator(chunk_size=CHUNK)
    return table_download(
        fmt,
        name=_name(dataset.kind, dataset.vintage, "quotes"),
        header=QUOTE_FIELDS,
        rows=rows,
        key="quotes",
        head={"dataset": provenance(dataset)},
    )


@require_GET
def dataset_quotes_csv(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    return _dataset_quotes(request, pk, "csv")


@require_GET
def dataset_quotes_json(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    return _dataset_quotes(request, pk, "json")


def _selected_observations(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    try:
        unknown_parameters(request.GET)
        selection = observation_filter_parse(dict(request.GET.lists()))
    except FilterError as error:
        body = json.dumps(error.as_dict(), ensure_ascii=False)
        return HttpResponse(body, status=400, content_type="application/json")
    # The file is named after what it holds: "observations_remittance_inflows_ind_latest".
    filename = _name(
        "observations",
        "_".join(selection.indicators),
        "_".join(selection.countries),
        selection.vintage,
    )
    return _observations(
        selection,
        fmt=fmt,
        filename=filename[:150],
        head={"filters": dict(selection.as_params())},
    )


@require_GET
def observations_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    return _selected_observations(request, "csv")


@require_GET
def observations_json(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    return _selected_observations(request, "json")
