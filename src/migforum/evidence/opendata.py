"""Open data: every table of the evidence as CSV and JSON, streamed so that millions of rows
never sit in memory at once.

A dataset's observations and quotes download whole; `/evidence/observations.csv` takes the
API's filters (`migforum.evidence.filters`) and holds the rows the API would page through,
in the same order and with the same columns. Evidence is public: no account is needed.
"""

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from migforum.core.csv_export import CsvWriter

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

#: Rows fetched from the database, and written to the response, at a time.
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


class _Line:
    """What the CSV writer writes to: it hands back the line instead of keeping it."""

    def write(self, line: str) -> str:
        return line


def _csv_chunks(header: Iterable[str], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    writer = CsvWriter(_Line(), lineterminator="\n")
    yield writer.writerow(header)
    lines: list[str] = []
    for row in rows:
        # None is a missing value: an empty cell, as csv writes it.
        lines.append(writer.writerow(row))
        if len(lines) == CHUNK:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


def _json_chunks(
    head: dict[str, Any], key: str, records: Iterable[dict[str, Any]]
) -> Iterator[str]:
    """`{...head, key: [records]}`, written a chunk of records at a time."""
    encoder = DjangoJSONEncoder(ensure_ascii=False)
    opening = encoder.encode(head)[:-1]
    yield f'{opening}, "{key}": [' if head else f'{{"{key}": ['
    separator = ""
    lines: list[str] = []
    for record in records:
        lines.append(separator + encoder.encode(record))
        separator = ",\n"
        if len(lines) == CHUNK:
            yield "".join(lines)
            lines = []
    lines.append("]}\n")
    yield "".join(lines)


def _download(chunks: Iterator[str], *, filename: str, content_type: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _name(*parts: str) -> str:
    return "_".join(slugify(p).replace("-", "_") for p in parts if p)


def provenance(dataset: Dataset) -> dict[str, Any]:
    """What a downloaded table says about where it came from (the licences require it)."""
    return {name: getattr(dataset, "pk" if name == "id" else name) for name in PROVENANCE_FIELDS}


def _observations(
    selection: ObservationFilter, *, fmt: str, filename: str, head: dict[str, Any]
) -> StreamingHttpResponse:
    values = observation_values(observations_filter(selection)).iterator(chunk_size=CHUNK)
    records = observation_records(values)
    if fmt == "csv":
        return _download(
            _csv_chunks(RECORD_FIELDS, records),
            filename=f"{filename}.csv",
            content_type="text/csv; charset=utf-8",
        )
    return _download(
        _json_chunks(
            head, "observations", (dict(zip(RECORD_FIELDS, r, strict=True)) for r in records)
        ),
        filename=f"{filename}.json",
        content_type="application/json",
    )


def _table(
    key: str, fields: tuple[str, ...], rows: Iterable[tuple[Any, ...]], fmt: str
) -> StreamingHttpResponse:
    if fmt == "csv":
        return _download(
            _csv_chunks(fields, rows), filename=f"{key}.csv", content_type="text/csv; charset=utf-8"
        )
    return _download(
        _json_chunks({}, key, (dict(zip(fields, row, strict=True)) for row in rows)),
        filename=f"{key}.json",
        content_type="application/json",
    )


@require_GET
def datasets_table(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    """Every dataset's provenance, one row each: what the observations' `dataset` refers to."""
    fields = (*PROVENANCE_FIELDS, "imported_at", "observation_count")
    rows = Dataset.objects.order_by("pk").values_list(*fields)
    return _table("datasets", fields, rows, fmt)


@require_GET
def areas_table(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    """The codes the observations use, with the name each publisher gave them; aggregates
    (LMY, M49-947) are named nowhere else."""
    return _table(
        "areas", AREA_FIELDS, Area.objects.order_by("code").values_list(*AREA_FIELDS), fmt
    )


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
    filename = _name(dataset.kind, dataset.vintage, "quotes")
    if fmt == "csv":
        return _download(
            _csv_chunks(QUOTE_FIELDS, rows),
            filename=f"{filename}.csv",
            content_type="text/csv; charset=utf-8",
        )
    return _download(
        _json_chunks(
            {"dataset": provenance(dataset)},
            "quotes",
            (dict(zip(QUOTE_FIELDS, row, strict=True)) for row in rows),
        ),
        filename=f"{filename}.json",
        content_type="application/json",
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
