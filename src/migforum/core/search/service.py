"""Keeping the index current and answering queries."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ..models import SearchDocument
from .backends import backend
from .budget import time_budget
from .errors import SearchErrorCode, SearchQueryError
from .registry import registered, spec_for
from .text import MARK_START, highlighted, parse_query, prepare


@dataclass(frozen=True)
class SearchHit:
    kind: str
    object_id: str
    kind_label: str
    title: SafeString
    snippet: SafeString
    url: str
    score: float
    matched_language: str


@dataclass(frozen=True)
class Facet:
    kind: str
    label: str
    count: int


@dataclass
class SearchResults:
    query: str
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    facets: list[Facet] = field(default_factory=list)
    #: Words of the query not searched, past the most a query may have.
    left_out: tuple[str, ...] = ()
    #: What the reader is told about them.
    notice: str = ""


def _documents_of(obj: models.Model) -> list[tuple[str, str, str, str]]:
    spec = spec_for(type(obj))
    if spec is None:
        return []
    return [(t.language, prepare(t.title), prepare(t.body), t.url) for t in spec.documents(obj)]


def index_objects(content_type: ContentType, objects: list[models.Model]) -> int:
    """Replace the rows of these records in the index with fresh ones, now (a bulk load
    indexes its records in its own transaction, rather than one by one on commit)."""
    engine = backend()
    ids = [str(obj.pk) for obj in objects]
    stale = list(
        SearchDocument.objects.filter(content_type=content_type, object_id__in=ids).values_list(
            "id", flat=True
        )
    )
    engine.unindex(stale)
    SearchDocument.objects.filter(id__in=stale).delete()
    fresh = [
        SearchDocument(
            content_type=content_type,
            object_id=str(obj.pk),
            language=language,
            title=title[:500],
            body=body,
            url=url,
        )
        for obj in objects
        for language, title, body, url in _documents_of(obj)
    ]
    created = SearchDocument.objects.bulk_create(fresh, batch_size=500)
    if created and created[0].pk is None:  # backends that do not return ids from bulk inserts
        created = list(SearchDocument.objects.filter(content_type=content_type, object_id__in=ids))
    engine.index([(doc.pk, doc.language, doc.title, doc.body) for doc in created])
    return len(created)


def index_object(obj: models.Model) -> None:
    """Bring one record's index rows up to date once the current transaction commits."""
    if spec_for(type(obj)) is None:
        return
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    transaction.on_commit(lambda: index_objects(content_type, [obj]), robust=True)


def remove_object(obj: models.Model) -> None:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    stale = list(
        SearchDocument.objects.filter(content_type=content_type, object_id=str(obj.pk)).values_list(
            "id", flat=True
        )
    )
    backend().unindex(stale)
    SearchDocument.objects.filter(id__in=stale).delete()


@transaction.atomic
def rebuild(progress: Callable[[str, int], None] | None = None) -> int:
    """Rebuild the whole index from the registered models; returns the number of rows."""
    engine = backend()
    engine.clear()
    SearchDocument.objects.all().delete()
    total = 0
    for spec in registered():
        content_type = ContentType.objects.get_for_model(spec.model, for_concrete_model=True)
        objects = list(spec.queryset())
        count = index_objects(content_type, objects)
        total += count
        if progress:
            progress(str(spec.label), count)
    return total


def validate_query(query: str) -> str:
    query = (query or "").strip()
    limit = settings.SEARCH_MAX_QUERY_LENGTH
    if len(query) > limit:
        raise SearchQueryError(
            SearchErrorCode.QUERY_TOO_LONG,
            _("The search query is too long: %(length)d characters; the limit is %(limit)d.")
            % {"length": len(query), "limit": limit},
        )
    return query


def search(
    query: str,
    *,
    language: str,
    kinds: list[str] | None = None,
    limit: int = 20,
    offset: int = 0,
    passages: bool = True,
) -> SearchResults:
    """Records matching every word of the query, best first, each once.

    A record matches if any of its language versions does; it is shown by its title in
    `language`, with the matching passage highlighted. With `passages` False, for a list
    that shows none, nothing is marked: titles are plain and snippets empty, and the search
    skips what costs most over long texts. Only the first SEARCH_MAX_TERMS
    distinct words are searched; `left_out` and `notice` say which were not. Raises
    `SearchQueryError` for a query it will not run, and `SearchTimedOut` past the time budget.
    """
    query = validate_query(query)
    parsed = parse_query(query)
    results = SearchResults(query=query, left_out=parsed.left_out, notice=parsed.notice)
    if not parsed.terms:
        return results
    specs = {spec.key: spec for spec in registered()}
    type_ids = {
        key: ContentType.objects.get_for_model(spec.model).pk for key, spec in specs.items()
    }
    unknown = [k for k in kinds or [] if k not in specs]
    if unknown:
        raise SearchQueryError(
            SearchErrorCode.UNKNOWN_KIND,
            _("Unknown record type: %(kinds)s.") % {"kinds": ", ".join(unknown)},
        )
    kind_of = {pk: key for key, pk in type_ids.items()}

    engine = backend()
    with time_budget():
        matches = engine.query(parsed.terms)
    best: dict[tuple[int, str], Any] = {}
    for match in matches:
        key = (match.content_type_id, match.object_id)
        current = best.get(key)
        # Among a record's language versions, the best ranked wins; ties go to the reader's.
        if current is None or (match.score == current.score and match.language == language):
            best[key] = match
    counts: dict[str, int] = {}
    for content_type_id, _object_id in best:
        counts[kind_of[content_type_id]] = counts.get(kind_of[content_type_id], 0) + 1
    results.facets = [
        Facet(key, str(specs[key].label), counts[key]) for key in specs if counts.get(key)
    ]

    wanted = {type_ids[k] for k in kinds} if kinds else None
    ranked = [m for m in best.values() if wanted is None or m.content_type_id in wanted]
    ranked.sort(key=lambda m: -m.score)
    results.total = len(ranked)
    page = ranked[offset : offset + limit]
    marks: dict[int, tuple[str, str]] = {}
    if passages:
        with time_budget():
            marks = engine.marked(parsed.terms, page)

    own_language = {
        (doc.content_type_id, doc.object_id): doc
        for doc in SearchDocument.objects.filter(
            language=language,
            content_type_id__in={m.content_type_id for m in page},
            object_id__in={m.object_id for m in page},
        )
    }
    for match in page:
        kind = kind_of[match.content_type_id]
        doc = own_language.get((match.content_type_id, match.object_id))
        title_marked, body_marked = marks.get(match.document_id, ("", ""))
        if not passages:
            title, snippet = highlighted(doc.title if doc else ""), highlighted("")
        elif match.language == language or doc is None:
            title, snippet = highlighted(title_marked), highlighted(body_marked)
        else:
            # Found under its name in another language: title in the reader's language, and
            # the name that matched leads the snippet.
            title = highlighted(doc.title)
            lead = title_marked if MARK_START in title_marked else ""
            snippet = highlighted(" · ".join(p for p in (lead, body_marked) if p))
        url = doc.url if doc else match.url
        results.hits.append(
            SearchHit(
                kind=kind,
                object_id=match.object_id,
                kind_label=str(specs[kind].label),
                title=title,
                snippet=snippet,
                url=url,
                score=match.score,
                matched_language=match.language,
            )
        )
    return results


def index_is_empty() -> bool:
    return not SearchDocument.objects.exists()
