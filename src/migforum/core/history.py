"""The record types whose history of changes has a page, registered by the apps that own them.

The history page's address names the type by a short key and the record by one field:
`/history/state/MAR/`, `/history/practice/42/`.
"""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class HistoryLookup:
    #: The key in the page's address ("state", "practice").
    kind: str
    model: type[models.Model]
    #: The field the address gives: "pk", a slug, or "iso3" (matched in capitals).
    field: str


_registry: dict[str, HistoryLookup] = {}


def register(kind: str, model: type[models.Model], *, field: str = "pk") -> None:
    _registry[kind] = HistoryLookup(kind=kind, model=model, field=field)


def lookup_for(kind: str) -> HistoryLookup | None:
    return _registry.get(kind)


def registered() -> list[HistoryLookup]:
    return list(_registry.values())
