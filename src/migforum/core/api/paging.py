"""One paging shape for every list the API answers: `{total, offset, limit, next, results}`.

`results` holds at most `limit` records from `offset` on; `next` is the address of the
following page while there is one, with the same filters. A list can say more beside (the
practices' facets, the observations' CSV address). A list's parameters end with
`limit: limit_of(<most>) = <default>` and `offset: Offset = 0` (`core.api.params`)."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils.http import urlencode
from ninja import Schema
from pydantic import Field


class PageOut(Schema):
    total: int = Field(description="How many records the filters select, on every page.")
    offset: int
    limit: int
    next: str | None = Field(description="The next page, while there is one.")


def next_page(
    path: str, filters: Iterable[tuple[str, str]], *, offset: int, limit: int, total: int
) -> str | None:
    """The address of the page after `offset`, or None on the last page."""
    if offset + limit >= total:
        return None
    paging = [("limit", str(limit)), ("offset", str(offset + limit))]
    return f"{path}?{urlencode([*filters, *paging])}"


def filters_of(params: Schema) -> list[tuple[str, str]]:
    """The filters a query schema was given, as query parameters (paging left out), to repeat
    them in `next`; a repeatable one (a list) is repeated, once per value."""
    values = params.model_dump(exclude_none=True, exclude={"limit", "offset"})
    return [
        (name, str(item))
        for name, value in values.items()
        for item in (value if isinstance(value, list) else [value])
        if item != ""
    ]


def page(
    path: str,
    records: Sequence[Any],
    *,
    params: Schema,
    total: int | None = None,
) -> dict[str, Any]:
    """The page of `records` that `params.offset` and `params.limit` select (`records` may be
    a queryset, sliced here; `total` is counted from it unless given)."""
    offset, limit = params.offset, params.limit  # type: ignore[attr-defined]
    shown = list(records[offset : offset + limit])
    if total is None:
        # A page that is not full ends the list: it tells the total without counting, which
        # spares a query where one page holds the whole list, as the short lists' does.
        if 0 < len(shown) < limit or (offset == 0 and not shown):
            total = offset + len(shown)
        else:
            total = records.count() if isinstance(records, QuerySet) else len(records)
    return paging(path, filters_of(params), offset=offset, limit=limit, total=total) | {
        "results": shown
    }


def paging(
    path: str, filters: Iterable[tuple[str, str]], *, offset: int, limit: int, total: int
) -> dict[str, Any]:
    """The shape's paging keys, for a list whose page its caller selects itself (a search's
    hits, the observations): `{**paging(…), "results": …}`."""
    return {
        "total": total,
        "offset": offset,
        "limit": limit,
        "next": next_page(path, filters, offset=offset, limit=limit, total=total),
    }
