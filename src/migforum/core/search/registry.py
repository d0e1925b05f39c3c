"""The models that take part in search, and how each one describes itself."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models


@dataclass(frozen=True)
class SearchText:
    """A record's searchable text in one language."""

    language: str
    title: str
    body: str
    url: str


@dataclass(frozen=True)
class Searchable:
    model: type[models.Model]
    #: A plural label shown as the facet name ("States", "Organizations").
    label: Any
    documents: Callable[[Any], Iterable[SearchText]]
    queryset: Callable[[], models.QuerySet[Any]]

    @property
    def key(self) -> str:
        return self.model._meta.label_lower


_registry: dict[str, Searchable] = {}


def register(
    model: type[models.Model],
    *,
    label: Any,
    documents: Callable[[Any], Iterable[SearchText]],
    queryset: Callable[[], models.QuerySet[Any]] | None = None,
) -> None:
    spec = Searchable(
        model=model,
        label=label,
        documents=documents,
        queryset=queryset or (lambda: model._default_manager.all()),
    )
    _registry[spec.key] = spec


def registered() -> list[Searchable]:
    return list(_registry.values())


def spec_for(model: type[models.Model]) -> Searchable | None:
    return _registry.get(model._meta.label_lower)
