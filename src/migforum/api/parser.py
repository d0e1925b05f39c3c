"""How the API reads what a request sends: JSON bodies and form fields, refused before any
schema sees them when they cannot be what the API declares.

Every body the API declares is a JSON object; ninja's schemas would otherwise read an array, a
string or a number as an object without fields (so `PATCH` with `[]` changed nothing and
answered 200). A NUL character is refused wherever it is, in keys and values at any depth:
no text column can store one (PostgreSQL refuses it) and no client means to send it. The
middleware refuses it in paths, query strings and the pages' form fields.
"""

import json
from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja.parser import Parser
from ninja.types import DictStrAny

from migforum.core.params import nul_refuse

from .errors import BodyError, ErrorCode


def _nul_refuse_json(value: Any, path: str) -> None:
    """Walk a decoded JSON value without recursion: json.loads has already bounded its depth."""
    pending = [(value, path)]
    while pending:
        item, where = pending.pop()
        if isinstance(item, str):
            nul_refuse(item, name=where or "body")
        elif isinstance(item, dict):
            for key, child in item.items():
                nul_refuse(key, name=f"{where}.{key}" if where else key)
                pending.append((child, f"{where}.{key}" if where else key))
        elif isinstance(item, list):
            pending.extend((child, f"{where}.{index}") for index, child in enumerate(item))


class InputParser(Parser):
    def parse_body(self, request: HttpRequest) -> DictStrAny:
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise BodyError(
                ErrorCode.INVALID_BODY,
                _("The body must be a JSON object: {…} with the fields of this operation."),
            )
        _nul_refuse_json(data, "")
        return data

    def parse_querydict(
        self, data: MultiValueDict, list_fields: list[str], request: HttpRequest
    ) -> DictStrAny:
        for key, values in data.lists():
            nul_refuse(key, name=key)
            for value in values:
                if isinstance(value, str):
                    nul_refuse(value, name=key)
        return super().parse_querydict(data, list_fields, request)
