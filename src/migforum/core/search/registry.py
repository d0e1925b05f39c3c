"""What takes part in search, and how each record describes itself.

An app registers a model (`register`), or records that are not rows of a model, such as the
evidence tools or the corridors (`register_records`). Either way each record gives its title,
text and address in every language it has, and what a search may filter it by: a year, the
States it concerns, and whether the public sees it. An app may also register a shortcut
(`register_shortcut`): a reading of the whole query (a UN symbol, a State's name) that leads
straight to a record, shown above the ranked results.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from migforum.core.cache import kept_in_process


@dataclass(frozen=True)
class SearchText:
    """A record's searchable text in one language."""

    language: str
    title: str
    body: str
    url: str


@dataclass(frozen=True)
class Entry:
    """One record as the index holds it."""

    object_id: str
    texts: tuple[SearchText, ...]
    year: int | None = None
    states: tuple[str, ...] = ()
    public: bool = True


@dataclass(frozen=True)
class Searchable:
    key: str
    #: A plural label shown as the facet name ("States", "Organizations").
    label: Any
    #: Every record of the type, as index entries.
    entries: Callable[[], Iterable[Entry]]
    model: type[models.Model] | None = None
    #: The entries of some rows of `model` (for a model's registration).
    entries_of: Callable[[Iterable[Any]], Iterator[Entry]] | None = None
    #: The rows of `model` that are indexed.
    queryset: Callable[[], models.QuerySet[Any]] | None = None


_registry: dict[str, Searchable] = {}


def kind_key(model: type[models.Model]) -> str:
    return model._meta.label_lower


def register(
    model: type[models.Model],
    *,
    label: Any,
    documents: Callable[[Any], Iterable[SearchText]],
    queryset: Callable[[], models.QuerySet[Any]] | None = None,
    year: Callable[[Any], int | None] = lambda obj: None,
    states: Callable[[Any], Iterable[str]] = lambda obj: (),
    public: Callable[[Any], bool] = lambda obj: True,
    key: str | None = None,
) -> Searchable:
    """Index the rows of `model` that `queryset` gives (all by default): `documents` gives a
    row's text in each of its languages, `year`, `states` (ISO3 codes) and `public` what a
    search may filter it by. A model may be registered more than once, under different keys
    with querysets that split its rows into types (statements and other documents)."""
    rows = queryset or (lambda: model._default_manager.all())

    def entries_of(objects: Iterable[Any]) -> Iterator[Entry]:
        for obj in objects:
            texts = tuple(documents(obj))
            if texts:
                yield Entry(
                    object_id=str(obj.pk),
                    texts=texts,
                    year=year(obj),
                    states=tuple(dict.fromkeys(states(obj))),
                    public=public(obj),
                )

    def entries() -> Iterator[Entry]:
        yield from entries_of(rows().iterator(chunk_size=500))

    key = key or kind_key(model)
    spec = _registry[key] = Searchable(
        key=key, label=label, entries=entries, model=model, entries_of=entries_of, queryset=rows
    )
    return spec


def register_records(key: str, *, label: Any, entries: Callable[[], Iterable[Entry]]) -> None:
    """Index records that are not the rows of one model: `entries` gives all of them, and the
    app calls `reindex_kind(key)` when they change."""
    _registry[key] = Searchable(key=key, label=label, entries=entries)


def registered() -> list[Searchable]:
    return list(_registry.values())


def specs_for(model: type[models.Model]) -> list[Searchable]:
    return [spec for spec in _registry.values() if spec.model is model]


def spec_named(key: str) -> Searchable | None:
    return _registry.get(key)


@dataclass(frozen=True)
class Shortcut:
    """A record the query names outright, shown before the ranked results."""

    kind_label: str
    title: str
    url: str
    #: A line under the title ("Cited by 3 documents; not held here").
    note: str = ""
    #: Further links under it (the documents that cite a symbol not held).
    links: tuple[tuple[str, str], ...] = field(default_factory=tuple)


#: Functions of (query, reader's language) giving shortcuts, in the order registered.
_shortcuts: list[Callable[[str, str], Iterable[Shortcut]]] = []


def register_shortcut(find: Callable[[str, str], Iterable[Shortcut]]) -> None:
    if find not in _shortcuts:
        _shortcuts.append(find)


def shortcuts_for(query: str, language: str) -> list[Shortcut]:
    found: list[Shortcut] = []
    for find in _shortcuts:
        found += [s for s in find(query, language) if s.url not in {f.url for f in found}]
    return found


#: The States a search may keep to, as (ISO3 code, name) in a language, from the app that holds
#: them (core knows no States): the search page offers them as a filter.
_state_choices: list[Callable[[str], list[tuple[str, str]]]] = []


def register_state_choices(choices: Callable[[str], list[tuple[str, str]]]) -> None:
    _state_choices[:] = [choices]


def state_choices(language: str) -> list[tuple[str, str]]:
    """Every State by its name in `language`, in the order of those names; worked out once per
    language and kept in process until the data change (a list of two hundred names sorted
    by their collation keys cost more than the search on the page)."""
    if not _state_choices:
        return []
    build = _state_choices[0]
    return kept_in_process(f"search:state-choices:{language}", lambda: build(language))
