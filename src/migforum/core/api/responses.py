"""Answers encoded ahead of ninja, for the lists that are cached as bytes: the operation still
declares its schema, which documents the shape and which the schema test checks them against."""

import json
from collections.abc import Sequence
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from ninja import Schema
from pydantic import BaseModel

from migforum.core.cache import cached_until_change

from .paging import page


class Answer(BaseModel):
    """A part of an answer that its endpoint builds as plain dicts, such as a list's items and
    facets. ninja's `Schema` wraps every object it validates to read model attributes and
    `resolve_` methods; for dicts that wrapping is all it adds, and on a page of 20 practices
    with their facets it cost more than the search itself. Parts read from model objects stay
    `Schema`s."""


def json_response(body: bytes, status: int = 200) -> HttpResponse:
    return HttpResponse(body, status=status, content_type="application/json")


def encode(data: Schema | object) -> bytes:
    """`data` (a schema, or what its `model_dump` would give) as ninja itself would write it:
    dates and times by Django's encoder, non-ASCII characters as they are."""
    if isinstance(data, Schema):
        data = data.model_dump()
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


def cached_page(
    name: str, path: str, records: Sequence[Any], *, params: Schema, out: type[Schema]
) -> HttpResponse:
    """The page of a list that changes only with the data (`core.cache`), validated by its
    list schema `out` and kept encoded until the next change; `name` and the parameters make
    its key."""
    return json_response(
        cached_until_change(
            f"{name}:{params.model_dump_json()}",
            lambda: encode(out.model_validate(page(path, records, params=params))),
        )
    )
