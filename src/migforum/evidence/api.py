"""The evidence through the API: the datasets with their provenance, the indicators, and the
observations in long form with the same filters as the open data downloads.

Evidence is public: reading it needs no token; deleting a dataset does. Which vintage
answers by default, and how the filters read, is explained in `migforum.evidence.filters`.
"""

from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import urlencode
from ninja import Query, Router, Schema, Status

from migforum.core.api.auth import token_auth
from migforum.core.api.paging import page, paging
from migforum.core.api.params import Offset, limit_of
from migforum.core.api.responses import encode, json_response
from migforum.core.permissions import Action, require

from .choices import UNIT_OF, DatasetKind, Indicator, Unit
from .filters import (
    RECORD_FIELDS,
    FilterError,
    newer_datasets,
    observation_filter_parse,
    observation_records,
    observation_values,
    observations_filter,
    unknown_parameters,
)
from .models import NEWEST_RELEASE_FIRST, Dataset, Observation, RemittanceQuote
from .schemas import (
    DatasetListOut,
    DatasetOut,
    IndicatorListOut,
    ObservationListOut,
    ObservationParams,
)
from .services import dataset_delete

router = Router(tags=["Evidence"])
PAGING = ("limit", "offset")


#: Every dataset and every indicator fit in one page by default.
class ListParams(Schema):
    limit: limit_of(500) = 500  # type: ignore[valid-type]
    offset: Offset = 0


def filter_error_response(error: FilterError) -> HttpResponse:
    """A filter the platform will not apply: 400 with the code, the message and the
    parameter at fault (the downloads answer the same way)."""
    return json_response(encode(error.as_dict()), 400)


def datasets_with_contents() -> QuerySet[Dataset]:
    """Datasets with, for each indicator, whether they hold it, and whether they hold price
    quotes: one query, each question answered from an index (counting ten million quotes
    would not be)."""
    holds = {
        f"holds_{indicator}": Exists(
            Observation.objects.filter(dataset=OuterRef("pk"), indicator=indicator)
        )
        for indicator in Indicator.values
    }
    return Dataset.objects.annotate(
        **holds, has_quotes=Exists(RemittanceQuote.objects.filter(dataset=OuterRef("pk")))
    )


def dataset_data(dataset: Dataset, *, is_latest: bool) -> dict[str, Any]:
    """A dataset, its provenance and where to download it (from `datasets_with_contents`)."""
    pk = dataset.pk
    has_quotes = dataset.has_quotes  # type: ignore[attr-defined]
    return {
        "id": pk,
        "kind": dataset.kind,
        "kind_label": str(DatasetKind(dataset.kind).label),
        "publisher": dataset.publisher,
        "title": dataset.title,
        "vintage": dataset.vintage,
        "vintage_date": dataset.vintage_date,
        "is_latest": is_latest,
        "licence": dataset.licence,
        "source_url": dataset.source_url,
        "citation": dataset.citation,
        "file_name": dataset.file_name,
        "sha256": dataset.sha256,
        "imported_at": dataset.imported_at,
        "observation_count": dataset.observation_count,
        "has_quotes": has_quotes,
        "indicators": [i for i in Indicator.values if getattr(dataset, f"holds_{i}")],
        "url": dataset.get_absolute_url(),
        "downloads": {
            "file": f"{dataset.get_absolute_url()}?download=original",
            "observations_csv": reverse("evidence:dataset_observations_csv", args=[pk]),
            "observations_json": reverse("evidence:dataset_observations_json", args=[pk]),
            "observations_api": f"{reverse('api:list_observations')}?dataset={pk}",
            "quotes_csv": reverse("evidence:dataset_quotes_csv", args=[pk]) if has_quotes else None,
            "quotes_json": (
                reverse("evidence:dataset_quotes_json", args=[pk]) if has_quotes else None
            ),
        },
    }


def _dataset_or_404(datasets: QuerySet[Dataset], dataset_id: int) -> Dataset:
    try:
        return datasets.get(pk=dataset_id)
    except Dataset.DoesNotExist:
        raise Http404(f"No dataset has the id {dataset_id}.") from None


@router.get("/datasets", response=DatasetListOut, summary="Every dataset, with its provenance")
def list_datasets(request: HttpRequest, paging: Query[ListParams]) -> dict[str, Any]:
    """Every imported release, by format and newest first: publisher, vintage, licence,
    source, citation, the file's hash, what it holds and where to download it."""
    superseded = set(newer_datasets())
    datasets = datasets_with_contents().order_by("kind", *NEWEST_RELEASE_FIRST)
    listed = page(request.path, datasets, params=paging)
    listed["results"] = [
        dataset_data(d, is_latest=d.pk not in superseded) for d in listed["results"]
    ]
    return listed


@router.get(
    "/datasets/{int:dataset_id}",
    response=DatasetOut,
    summary="One dataset, with its provenance",
)
def get_dataset(request: HttpRequest, dataset_id: int) -> dict[str, Any]:
    dataset = _dataset_or_404(datasets_with_contents(), dataset_id)
    return dataset_data(dataset, is_latest=dataset_id not in newer_datasets())


@router.delete(
    "/datasets/{int:dataset_id}",
    response={204: None},
    auth=token_auth,
    summary="Delete a dataset imported by mistake; those who import data only",
)
def delete_dataset(request: HttpRequest, dataset_id: int) -> Status:
    """Everything read from the dataset goes with it; the deletion is in the audit trail.
    Deleting bilateral remittances recomputes the weighted average cost of sending money."""
    require(request.auth, Action.IMPORT_DATA)
    dataset_delete(dataset=_dataset_or_404(Dataset.objects.all(), dataset_id), by=request.auth)
    return Status(204, None)


@router.get("/indicators", response=IndicatorListOut, summary="The indicators and their units")
def list_indicators(request: HttpRequest, paging: Query[ListParams]) -> dict[str, Any]:
    indicators = [
        {
            "id": indicator.value,
            "label": str(indicator.label),
            "unit": UNIT_OF[indicator],
            "unit_label": str(Unit(UNIT_OF[indicator]).label),
        }
        for indicator in Indicator
    ]
    return page(request.path, indicators, params=paging)


@router.get(
    "/observations",
    response=ObservationListOut,
    summary="Observations in long form, filtered",
)
def list_observations(request: HttpRequest, params: Query[ObservationParams]) -> HttpResponse:
    """One row per indicator, country, partner, period and sex, with its value, unit, dataset
    and vintage, in a stable order (indicator, country, partner, period, sex); paged with
    `limit` and `offset`. By default each value comes from the newest release that has it
    (`vintage=latest`); `vintage=all` gives every release. A bad filter answers 400 with a code
    and the parameter at fault; an unknown parameter is refused the same way."""
    try:
        unknown_parameters(request.GET, also=PAGING)
        selection = observation_filter_parse(dict(request.GET.lists()))
    except FilterError as error:
        return filter_error_response(error)
    rows = observations_filter(selection)
    total = rows.count()
    offset, limit = params.offset, params.limit
    rows_shown = observation_values(rows)[offset : offset + limit]
    selection_query = selection.as_params()
    csv_url = reverse("evidence:observations_csv")
    # Encoded here, without a schema's validation: a page holds up to 1000 rows.
    return json_response(
        encode(
            {
                **paging(request.path, selection_query, offset=offset, limit=limit, total=total),
                "csv": f"{csv_url}?{urlencode(selection_query)}" if selection_query else csv_url,
                "results": [
                    dict(zip(RECORD_FIELDS, r, strict=True))
                    for r in observation_records(rows_shown)
                ],
            }
        )
    )
