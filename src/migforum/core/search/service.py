"""Keeping the index current and answering queries."""

import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import Any, NamedTuple

from django.conf import settings
from django.db import connection, models, transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from rapidfuzz.distance import Levenshtein

from ..cache import cached_until_change, kept_in_process, read_once
from ..languages import language_codes
from ..models import SearchKind, SearchRecord, SearchText, SearchWord
from .backends import Filters, IndexRow, backend
from .budget import time_budget
from .errors import SearchErrorCode, SearchQueryError
from .registry import Entry, Searchable, Shortcut, registered, shortcuts_for, spec_named, specs_for
from .text import (
    PASSAGE_LENGTH,
    Query,
    fold,
    highlight,
    index_terms,
    index_text,
    parse_query,
    surface_words,
)

#: Records written to the index per statement batch.
BATCH = 500
#: The most terms of a record's texts indexed (some 2 MB of text): PostgreSQL refuses a
#: tsvector over 1 MB, and both engines must hold the same terms.
MAX_TERMS = 200_000
#: Highest year a search may filter on; the earliest is 1900.
YEARS = (1900, 2100)


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
    #: Every record that matches, with the filters, of the chosen type (or of every type).
    total: int = 0
    #: Matches by type, with every filter but the type.
    facets: list[Facet] = field(default_factory=list)
    #: Records the query names outright (a UN symbol, a State), first page only.
    shortcuts: list[Shortcut] = field(default_factory=list)
    #: The query with its unknown words replaced by the nearest indexed words, if any.
    suggestion: str = ""
    #: Words of the query not searched, past the most a query may have.
    left_out: tuple[str, ...] = ()
    #: Stop words of the query, not searched.
    stop_words: tuple[str, ...] = ()
    #: What the reader is told about them.
    notice: str = ""


# Writing the index.


@dataclass(frozen=True)
class Prepared:
    """A record ready to be written: its entry and its index terms, made outside any
    transaction (the slow part of indexing is here, in Python)."""

    entry: Entry
    title: str
    body: str
    words: frozenset[str]


def prepare(entries: Iterable[Entry]) -> list[Prepared]:
    prepared = []
    for entry in entries:
        titles = [index_text(t.title, t.language) for t in entry.texts]
        bodies = list(
            islice(
                chain.from_iterable(index_terms(t.body, t.language) for t in entry.texts), MAX_TERMS
            )
        )
        words: set[str] = set()
        for text in entry.texts:
            words |= surface_words(f"{text.title} {text.body}")
        prepared.append(Prepared(entry, " ".join(titles), " ".join(bodies), frozenset(words)))
    return prepared


def kind_id(key: str) -> int:
    return SearchKind.objects.get_or_create(key=key)[0].pk


def _record_ids(kind: int, object_ids: Sequence[str]) -> list[int]:
    ids: list[int] = []
    for start in range(0, len(object_ids), BATCH):
        ids += SearchRecord.objects.filter(
            kind_id=kind, object_id__in=object_ids[start : start + BATCH]
        ).values_list("id", flat=True)
    return ids


def _remove(kind: int, object_ids: Sequence[str]) -> None:
    stale = _record_ids(kind, object_ids)
    backend().delete(kind, stale)
    for start in range(0, len(stale), BATCH):
        SearchRecord.objects.filter(id__in=stale[start : start + BATCH]).delete()


def write(key: str, prepared: Sequence[Prepared], *, replace: Sequence[str] = ()) -> int:
    """Write prepared records of type `key`, replacing those of these object ids (and those
    written again); returns the number written. Runs in the caller's transaction."""
    kind = kind_id(key)
    _remove(kind, list(dict.fromkeys([*replace, *(p.entry.object_id for p in prepared)])))
    engine = backend()
    words: Counter[str] = Counter()
    for start in range(0, len(prepared), BATCH):
        batch = prepared[start : start + BATCH]
        records = SearchRecord.objects.bulk_create(
            [
                SearchRecord(
                    kind_id=kind,
                    object_id=p.entry.object_id,
                    year=p.entry.year,
                    states=_padded(p.entry.states),
                    languages=_padded(t.language for t in p.entry.texts),
                    public=p.entry.public,
                )
                for p in batch
            ]
        )
        if records and records[0].pk is None:  # engines that do not return ids from bulk inserts
            ids = dict(
                SearchRecord.objects.filter(
                    kind_id=kind, object_id__in=[p.entry.object_id for p in batch]
                ).values_list("object_id", "id")
            )
            for record in records:
                record.pk = ids[record.object_id]
        SearchText.objects.bulk_create(
            [
                SearchText(
                    record=record,
                    language=text.language,
                    title=text.title[:500],
                    body=text.body,
                    url=text.url[:500],
                )
                for record, p in zip(records, batch, strict=True)
                for text in {t.language: t for t in p.entry.texts}.values()
            ]
        )
        engine.write(
            [
                IndexRow(
                    record_id=record.pk,
                    kind_id=kind,
                    title=p.title,
                    body=p.body,
                    year=p.entry.year,
                    states=p.entry.states,
                    languages=tuple(t.language for t in p.entry.texts),
                    public=p.entry.public,
                )
                for record, p in zip(records, batch, strict=True)
            ]
        )
        for p in batch:
            words.update(p.words)
    _count_words(words)
    return len(prepared)


def _padded(values: Iterable[str]) -> str:
    joined = " ".join(dict.fromkeys(values))
    return f" {joined} " if joined else ""


def _count_words(words: Counter[str]) -> None:
    rows = [(word, len(word), count) for word, count in words.items()]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(
                "INSERT INTO core_searchword (word, length, records) VALUES (%s, %s, %s) "
                "ON CONFLICT (word) DO UPDATE SET records = core_searchword.records + "
                "excluded.records",
                rows[start : start + BATCH],
            )


def index_objects(objects: Sequence[models.Model]) -> int:
    """Replace these rows' records in the index with fresh ones, now, in the current
    transaction. A row its registration's queryset leaves out (a deleted row, a statement
    that became a report) leaves that type."""
    if not objects:
        return 0
    written = 0
    ids = [obj.pk for obj in objects]
    for spec in specs_for(type(objects[0])):
        assert spec.queryset is not None  # a model's registration has both
        assert spec.entries_of is not None
        indexed = list(spec.queryset().filter(pk__in=ids))
        written += write(
            spec.key, prepare(spec.entries_of(indexed)), replace=[str(pk) for pk in ids]
        )
    return written


def index_object(obj: models.Model) -> None:
    """Bring one record's index entry up to date once the current transaction commits."""
    if specs_for(type(obj)):
        transaction.on_commit(lambda: index_objects([obj]), robust=True)


def remove_object(obj: models.Model) -> None:
    for spec in specs_for(type(obj)):
        _remove(kind_id(spec.key), [str(obj.pk)])


def reindex_kind(key: str, progress: Callable[[str, int], None] | None = None) -> int:
    """Rebuild one type's records in one transaction: readers keep seeing the old ones until
    it commits."""
    spec = spec_named(key)
    if spec is None:
        raise KeyError(key)
    total = 0
    with transaction.atomic():
        kind = kind_id(key)
        backend().delete_kind(kind)
        SearchRecord.objects.filter(kind_id=kind).delete()
        entries = iter(spec.entries())
        while batch := list(islice(entries, BATCH)):
            total += write(key, prepare(batch))
            if progress:
                progress(str(spec.label), total)
        SearchKind.objects.filter(pk=kind).update(complete=True)
    return total


def rebuild(
    progress: Callable[[str, int], None] | None = None, *, kinds: Sequence[str] | None = None
) -> int:
    """Rebuild the index from the registered records, type by type (each in its own
    transaction, so that the site serves meanwhile); returns the number of records."""
    specs = [s for s in registered() if kinds is None or s.key in kinds]
    if kinds is None:
        SearchWord.objects.all().delete()
    total = sum(reindex_kind(spec.key, progress) for spec in specs)
    backend().analyze()
    return total


def incomplete_kinds() -> list[str]:
    """The registered types never indexed whole: new ones, and every one after the index was
    made anew by a migration (records indexed one by one as they load do not count)."""
    complete = set(SearchKind.objects.filter(complete=True).values_list("key", flat=True))
    return [spec.key for spec in registered() if spec.key not in complete]


# Answering queries.


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


def _validate_filters(year: int | None, state: str | None, language: str | None) -> None:
    if year is not None and not YEARS[0] <= year <= YEARS[1]:
        raise SearchQueryError(
            SearchErrorCode.INVALID_FILTER,
            _("The year must be between %(first)d and %(last)d.")
            % {"first": YEARS[0], "last": YEARS[1]},
        )
    if state is not None and not (len(state) == 3 and state.isascii() and state.isalpha()):
        raise SearchQueryError(
            SearchErrorCode.INVALID_FILTER,
            _("A State is given by its three-letter ISO code, such as MAR."),
        )
    if language is not None and language not in language_codes():
        raise SearchQueryError(
            SearchErrorCode.INVALID_FILTER,
            _("Unknown language: %(language)s.") % {"language": language[:20]},
        )


#: The search index's version: any change to the data is in the audit trail, and any record
#: written to the index gets a new id (deleting one is audited).
INDEX_VERSION_SQL = (
    "SELECT (SELECT MAX(id) FROM core_auditevent), (SELECT MAX(id) FROM core_searchrecord)"
)


def index_version() -> str:
    return read_once("search-index", _read_index_version)


def _read_index_version() -> str:
    with connection.cursor() as cursor:
        cursor.execute(INDEX_VERSION_SQL)
        audit, record = cursor.fetchone()
    return f"{audit or 0}.{record or 0}"


def search(
    query: str,
    *,
    language: str,
    kinds: list[str] | None = None,
    year: int | None = None,
    state: str | None = None,
    in_language: str | None = None,
    limit: int = 20,
    offset: int = 0,
    passages: bool = True,
) -> SearchResults:
    """Records matching every word of the query (any of its stems), best first, each once,
    with the exact number of them and of each type.

    Filters (`kinds`, `year`, `state`, `in_language`: records that have a text in that
    language) are part of the query. A record is shown by its title in `language` where it has
    one, with the matching passage highlighted; with `passages` False, for a list that shows
    none, nothing is marked. Raises `SearchQueryError` for a query or filter it will not run,
    and `SearchTimedOut` past the time budget.
    """
    key = json.dumps([query, language, kinds, year, state, in_language, limit, offset, passages])
    # The same search is answered from the cache until the index changes: a Summit's crowd
    # types the same few words. Errors and searches out of time are not kept.
    return cached_until_change(
        f"search:{key}",
        lambda: _search(
            query,
            language=language,
            kinds=kinds,
            year=year,
            state=state,
            in_language=in_language,
            limit=limit,
            offset=offset,
            passages=passages,
        ),
        version=index_version,
    )


def _search(
    query: str,
    *,
    language: str,
    kinds: list[str] | None,
    year: int | None,
    state: str | None,
    in_language: str | None,
    limit: int,
    offset: int,
    passages: bool,
) -> SearchResults:
    query = validate_query(query)
    _validate_filters(year, state, in_language)
    parsed = parse_query(query, language)
    results = SearchResults(
        query=query, left_out=parsed.left_out, stop_words=parsed.stop_words, notice=parsed.notice
    )
    specs = {spec.key: spec for spec in registered()}
    unknown = [k for k in kinds or [] if k not in specs]
    if unknown:
        raise SearchQueryError(
            SearchErrorCode.UNKNOWN_KIND,
            _("Unknown record type: %(kinds)s.") % {"kinds": ", ".join(unknown)},
        )
    if offset == 0:
        results.shortcuts = shortcuts_for(query, language)
    if not parsed.terms:
        return results
    kind_ids = {key: pk for key, pk in _kind_ids().items() if key in specs}
    key_of = {pk: key for key, pk in kind_ids.items()}
    filters = Filters(year=year, state=state.upper() if state else None, language=in_language)
    wanted = [kind_ids[k] for k in kinds or [] if k in kind_ids]
    # The page's types: those asked for, else all ([]); none if none of those is indexed yet.
    page_kinds = None if kinds and not wanted else wanted

    engine = backend()
    with time_budget():
        counts, page = engine.counted_page(
            parsed, filters, list(key_of), page_kinds, limit=limit, offset=offset
        )
        results.facets = [
            Facet(key, str(specs[key].label), counts[kind_ids[key]])
            for key in specs
            if counts.get(kind_ids.get(key, -1))
        ]
        if kinds:
            results.total = sum(counts.get(pk, 0) for pk in wanted)
        else:
            results.total = sum(n for pk, n in counts.items() if pk in key_of)
    results.suggestion = suggestion(parsed, query)
    results.hits = _hits(page, parsed, language, specs, key_of, passages=passages)
    return results


def _kind_ids(version: Callable[[], object] = index_version) -> dict[str, int]:
    """Each type's number in the index (kept while the index stays the same)."""
    return kept_in_process(
        "search:kind-ids",
        lambda: dict(SearchKind.objects.values_list("key", "id")),
        version=version,
    )


def _object_ids(kind_id: int, version: Callable[[], object]) -> dict[int, str]:
    """Index record → the id of the record it stands for, for one type, kept while the index
    stays the same. Only the finder's mode reads it, for types of thousands of records."""
    return kept_in_process(
        f"search:object-ids:{kind_id}",
        lambda: dict(SearchRecord.objects.filter(kind_id=kind_id).values_list("id", "object_id")),
        version=version,
    )


class Shown(NamedTuple):
    """A record's text in one language, as a result shows it."""

    language: str
    title: str
    body: str
    url: str


def _hits(
    page: list[tuple[int, float]],
    parsed: Query,
    language: str,
    specs: dict[str, Searchable],
    key_of: dict[int, str],
    *,
    passages: bool,
) -> list[SearchHit]:
    texts: dict[int, dict[str, Shown]] = {}
    records: dict[int, tuple[int, str]] = {}
    for record_id, kind, object_id, code, title, body, url in _page_texts(page):
        records[record_id] = (kind, object_id)
        texts.setdefault(record_id, {})[code] = Shown(code, title, body, url)
    hits = []
    for record_id, score in page:
        versions = texts.get(record_id)
        if not versions:
            continue
        kind, object_id = records[record_id]
        # The reader's language, else English, else the first the record has.
        shown = versions.get(language) or versions.get("en") or next(iter(versions.values()))
        key = key_of[kind]
        if passages:
            title = highlight(shown.title, parsed, shown.language)
            snippet = highlight(shown.body, parsed, shown.language, around=PASSAGE_LENGTH)
            if "<mark>" not in title + snippet:
                # Found through another language's text: say what matched there.
                other = _matched_elsewhere(versions, parsed, shown.language)
                if other:
                    snippet = mark_safe(f"{other} · {snippet}" if snippet else other)  # noqa: S308  both are escaped HTML
        else:
            title, snippet = escape(shown.title), mark_safe("")  # noqa: S308  empty
        hits.append(
            SearchHit(
                kind=key,
                object_id=object_id,
                kind_label=str(specs[key].label),
                title=title,
                snippet=snippet,
                url=shown.url,
                score=score,
                matched_language=shown.language,
            )
        )
    return hits


#: The page's records and their texts in every language, in one query. Raw SQL: building it
#: with the ORM cost more than running it.
PAGE_TEXTS_SQL = (
    "SELECT t.record_id, r.kind_id, r.object_id, t.language, t.title, t.body, t.url "  # noqa: S608  table names
    f"FROM {SearchText._meta.db_table} t JOIN {SearchRecord._meta.db_table} r "
    "ON r.id = t.record_id WHERE t.record_id IN ({ids}) AND r.id IN ({ids})"
)


def _page_texts(page: list[tuple[int, float]]) -> list[tuple[Any, ...]]:
    if not page:
        return []
    ids = [record_id for record_id, _score in page]
    with connection.cursor() as cursor:
        # The ids on both tables: PostgreSQL then reads the records by key, where, with the
        # join alone and statistics older than the index, it read every record.
        cursor.execute(PAGE_TEXTS_SQL.format(ids=", ".join(["%s"] * len(ids))), ids + ids)
        return cursor.fetchall()


def _matched_elsewhere(versions: dict[str, "Shown"], parsed: Query, shown: str) -> str:
    for code, text in versions.items():
        if code == shown:
            continue
        title = highlight(text.title, parsed, code)
        if "<mark>" in title:
            return title
        body = highlight(text.body, parsed, code, around=PASSAGE_LENGTH)
        if "<mark>" in body:
            return body
    return ""


# "Did you mean"

#: How far a suggestion may be from the word typed: one edit for short words, two beyond.
LONG_WORD = 6


def suggestion(parsed: Query, query: str) -> str:
    """The query with each word the texts never hold replaced by the nearest word they do
    (fewest edits, then the most common); empty when every word is known or none has a near
    neighbour."""
    typed = [
        t for t in parsed.terms if not t.is_phrase and t.text.isalpha() and 4 <= len(t.text) <= 30
    ]
    if not typed:
        return ""
    known = set(
        SearchWord.objects.filter(word__in=[fold(t.text) for t in typed]).values_list(
            "word", flat=True
        )
    )
    replaced = query
    changed = False
    for term in typed:
        word = fold(term.text)
        if word in known:
            continue
        nearest = nearest_word(word)
        if nearest:
            replaced = replaced.replace(term.text, nearest)
            changed = True
    return replaced if changed else ""


def nearest_word(word: str) -> str:
    most = 1 if len(word) < LONG_WORD else 2
    candidates = SearchWord.objects.filter(
        length__gte=len(word) - most, length__lte=len(word) + most
    ).filter(word__gte=word[0], word__lt=word[0] + "\U0010ffff")
    best: tuple[int, int, str] | None = None
    for candidate, records in candidates.values_list("word", "records").iterator(2000):
        distance = Levenshtein.distance(word, candidate, score_cutoff=most)
        if distance <= most:
            rank = (distance, -records, candidate)
            if best is None or rank < best:
                best = rank
    return best[2] if best else ""


def scores(query: str, key: str, *, language: str = "en") -> dict[str, float]:
    """Every record of type `key` matching the query, drafts included, with its score
    (higher is better): the practice finder's mode of the index, which counts its own facets
    and applies its own rules of who sees what."""
    return scores_each([query], key, language=language).get(query, {})


def scores_each(
    queries: list[str], key: str, *, language: str = "en"
) -> dict[str, dict[str, float]]:
    """`scores` of several queries at once, under one time budget: query → its scores."""
    parsed = [(query, parse_query(validate_query(query), language)) for query in queries]
    parsed = [(query, terms) for query, terms in parsed if terms.terms]
    if not parsed:
        return {}
    current = index_version()
    kind = _kind_ids(lambda: current).get(key)
    if kind is None:
        return {}
    with time_budget():
        ranked = {
            query: backend().ranked(terms, Filters(public_only=False), [kind], limit=None)
            for query, terms in parsed
        }
    object_ids = _object_ids(kind, lambda: current)
    return {
        query: {
            object_ids[record_id]: score for record_id, score in found if record_id in object_ids
        }
        for query, found in ranked.items()
    }
