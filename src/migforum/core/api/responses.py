"""Answers encoded ahead of ninja, for the lists that are cached as bytes: the operation still
declares its schema, which documents the shape and which the schema test checks them against."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from ninja import Schema


def json_response(body: bytes, status: int = 200) -> HttpResponse:
    return HttpResponse(body, status=status, content_type="application/json")


def encode(data: Schema | object) -> bytes:
    """`data` (a schema, or what its `model_dump` would give) as ninja itself would write it:
    dates and times by Django's encoder, non-ASCII characters as they are."""
    if isinstance(data, Schema):
        data = data.model_dump()
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode()
