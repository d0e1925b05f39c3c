"""The record types whose history of changes has a page, registered by the apps that own them.

The history page's address names the type by a short key and the record by one field:
`/history/state/MAR/`, `/history/practice/42/`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from .params import id_param


@dataclass(frozen=True)
class HistoryLookup:
    #: The key in the page's address ("state", "practice").
    kind: str
    model: type[models.Model]
    #: The field the address gives: "pk" or another unique field (a slug, an ISO3 code).
    field: str
    #: How the address's text becomes the field's value (ISO3 codes are matched in capitals).
    read: Callable[[str], Any]

    def find(self, text: str) -> models.Model | None:
        """The record the address names, or None."""
        return self.model._default_manager.filter(**{self.field: self.read(text)}).first()


_registry: dict[str, HistoryLookup] = {}


def register(
    kind: str,
    model: type[models.Model],
    *,
    field: str = "pk",
    read: Callable[[str], Any] | None = None,
) -> None:
    """Give `model`'s records a history page at `/history/<kind>/<field's value>/`; a primary
    key must be a whole number (`core.params.id_param`), other fields are read as written
    unless `read` says otherwise."""
    if read is None:
        read = (lambda text: id_param(text, name="id")) if field == "pk" else str
    _registry[kind] = HistoryLookup(kind=kind, model=model, field=field, read=read)


def lookup_for(kind: str) -> HistoryLookup | None:
    return _registry.get(kind)


def registered() -> list[HistoryLookup]:
    return list(_registry.values())
