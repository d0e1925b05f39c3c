"""The practices' own full-text index: every practice once, with all its words in every
language, so that the practice finder gets the complete set of matches (not a ranked top few,
as the site-wide search does) and can count facets over it.

SQLite keeps it in an FTS5 table whose rowid is the practice's id; PostgreSQL in a table with
a tsvector and a GIN index. Both are searched accent-free by word prefix, so the two engines
agree on what matches.
"""

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from migforum.core.search.backends import PostgresBackend, SQLiteBackend
from migforum.core.search.budget import time_budget
from migforum.core.search.text import CJK_RUN, Term, fold, parse_query, prepare

from .bitsets import ids_in
from .fields import SEARCHED_FIELDS, TEXT_FIELDS

SQLITE_TABLE = "practices_fts"
PG_TABLE = "practices_practicesearch"


def create() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_TABLE} USING fts5("
                "title, body, tokenize = 'unicode61 remove_diacritics 2')"
            )
        else:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {PG_TABLE} ("
                "practice_id integer PRIMARY KEY, vector tsvector NOT NULL)"
            )
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {PG_TABLE}_vector ON {PG_TABLE} USING gin (vector)"
            )


def drop() -> None:
    with connection.cursor() as cursor:
        table = SQLITE_TABLE if connection.vendor == "sqlite" else PG_TABLE
        cursor.execute(f"DROP TABLE IF EXISTS {table}")


def practice_words(practice_ids: Iterable[int]) -> list[tuple[int, str, str]]:
    """(id, title words, other words) for each of these practices (see `words_of`)."""
    from .models import Practice

    practices = Practice.objects.filter(pk__in=list(practice_ids)).prefetch_related(
        "translations", "partners", "countries__state", "owner_state", "owner_organization"
    )
    return [words_of(practice) for practice in practices]


def words_of(practice: Any) -> tuple[int, str, str]:
    """(id, title words, other words) of one practice: its searched fields (`fields`) and
    their translations, its partners, and the names of its countries in every language."""
    titles = [practice.title] + [t.title for t in practice.translations.all()]
    body = [getattr(practice, name) for name in SEARCHED_FIELDS if name != "title"]
    for translation in practice.translations.all():
        body += [getattr(translation, name) for name in TEXT_FIELDS if name != "title"]
    body += [partner.name for partner in practice.partners.all()]
    states = {c.state for c in practice.countries.all()}
    if practice.owner_state:
        states.add(practice.owner_state)
    for state in states:
        body += list(dict.fromkeys(state.names.values()))
    if practice.owner_organization:
        body.append(str(practice.owner_organization))
    return practice.pk, "\n".join(titles), "\n".join(p for p in body if p)


def _prepared(rows: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """(id, title, other words) rows as the index stores them: folded, and accent-free on
    PostgreSQL before `to_tsvector` (SQLite's tokenizer removes accents itself)."""
    if connection.vendor == "sqlite":
        return [(pk, prepare(title), prepare(body)) for pk, title, body in rows]
    return [(pk, fold(prepare(title)), fold(prepare(body))) for pk, title, body in rows]


def _insert(cursor: Any, table: str, rows: list[tuple[int, str, str]]) -> None:
    """Write prepared rows into the index table or its staging copy."""
    if connection.vendor == "sqlite":
        cursor.executemany(
            f"INSERT INTO {table} (rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608  table names are constants
            rows,
        )
    else:
        cursor.executemany(
            f"INSERT INTO {table} (practice_id, vector) VALUES (%s, "  # noqa: S608  table names are constants
            "setweight(to_tsvector('simple', %s), 'A') || "
            "setweight(to_tsvector('simple', %s), 'D'))",
            rows,
        )


def index(practice_ids: Iterable[int]) -> None:
    """Write (or rewrite) these practices' rows; a deleted practice's row goes away.

    Called inside the transaction that changes the practice: the index rolls back with it."""
    ids = list(practice_ids)
    if not ids:
        return
    rows = _prepared(practice_words(ids))
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(f"DELETE FROM {SQLITE_TABLE} WHERE rowid = %s", [(i,) for i in ids])  # noqa: S608  table names are constants
            _insert(cursor, SQLITE_TABLE, rows)
        else:
            cursor.execute(f"DELETE FROM {PG_TABLE} WHERE practice_id = ANY(%s)", [ids])  # noqa: S608  table names are constants
            _insert(cursor, PG_TABLE, rows)


# Staging: an import prepares the rows of thousands of new practices in a temporary table of
# its connection, then copies them into the index in the transaction that adds the practices.

STAGING_TABLE = "practices_text_index_staged"


def staging_create() -> None:
    """A temporary table of this connection shaped as the index's rows, empty."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {STAGING_TABLE}")
        if connection.vendor == "sqlite":
            cursor.execute(
                f"CREATE TEMP TABLE {STAGING_TABLE} (rowid INTEGER PRIMARY KEY, title, body)"
            )
        else:
            cursor.execute(
                f"CREATE TEMP TABLE {STAGING_TABLE} (practice_id integer, vector tsvector)"
            )


def staged_rows(practices: Iterable[Any]) -> list[tuple[int, str, str]]:
    """The index rows of new practices held in memory with their related rows (as
    `prefetch_related` leaves them), prepared before the transaction that stages them."""
    return _prepared([words_of(practice) for practice in practices])


def stage(rows: list[tuple[int, str, str]]) -> None:
    """Put rows made by `staged_rows` in the staging table (on PostgreSQL, their vectors are
    made here rather than in the transaction that publishes them)."""
    with connection.cursor() as cursor:
        _insert(cursor, STAGING_TABLE, rows)


def staging_publish() -> None:
    """Copy the staged rows into the index; called inside the transaction that adds their
    practices."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"INSERT INTO {SQLITE_TABLE} (rowid, title, body) "  # noqa: S608  table names are constants
                f"SELECT rowid, title, body FROM {STAGING_TABLE}"
            )
        else:
            cursor.execute(
                f"INSERT INTO {PG_TABLE} (practice_id, vector) "  # noqa: S608  table names are constants
                f"SELECT practice_id, vector FROM {STAGING_TABLE}"
            )


def staging_drop() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {STAGING_TABLE}")


def rebuild() -> int:
    from .models import Practice

    with connection.cursor() as cursor:
        table = SQLITE_TABLE if connection.vendor == "sqlite" else PG_TABLE
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608  table names are constants
    ids = list(Practice.objects.values_list("pk", flat=True))
    for start in range(0, len(ids), 1000):
        index(ids[start : start + 1000])
    return len(ids)


def _pg_expression(terms: Sequence[Term]) -> str:
    """The site-wide search's tsquery, on the folded words this index holds."""
    return PostgresBackend.tsquery_text([replace(t, text=fold(t.text)) for t in terms])


def matches(query: str, *, within: int | None = None) -> dict[int, float]:
    """Every practice matching all words of the query, with its relevance (higher is better).

    `within`, a bitset of the only practices wanted, lets PostgreSQL match first and then
    rank just those: ranking reads each practice's whole tsvector, where matching reads only
    the index, so a narrow filter saves most of the work. SQLite returns every match either
    way: its bm25() counts each word's matches over the whole index first, and FTS5 cannot
    be handed a set of rows cheaply. Past the search's time budget, raises `SearchTimedOut`."""
    terms = parse_query(query).terms
    if not terms:
        return {}
    # One budget for the statements of this search, the matching and the ranking together.
    with time_budget():
        if connection.vendor == "sqlite":
            # bm25() is lower for better matches: negated here, so that the rows go straight
            # into the dict (thousands of matches for a common word).
            sql = (
                f"SELECT rowid, -bm25({SQLITE_TABLE}, 5.0, 1.0) FROM {SQLITE_TABLE} "  # noqa: S608  table names are constants
                f"WHERE {SQLITE_TABLE} MATCH %s"
            )
            params: list[Any] = [SQLiteBackend.match_expression(terms)]
        elif within is None:
            sql = (
                f"SELECT practice_id, ts_rank(vector, q, 1) FROM {PG_TABLE}, "  # noqa: S608  table names are constants
                "to_tsquery('simple', %s) q WHERE vector @@ q"
            )
            params = [_pg_expression(terms)]
        else:
            wanted = ids_in(within, matching_ids(query))
            if not wanted:
                return {}
            sql = (
                "SELECT practice_id, ts_rank(vector, to_tsquery('simple', %s), 1) "  # noqa: S608  table names are constants
                f"FROM {PG_TABLE} WHERE practice_id = ANY(%s)"
            )
            params = [_pg_expression(terms), wanted]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return dict(cursor.fetchall())


def matching_ids(query: str) -> list[int]:
    """Every practice matching all words of the query, unranked: a few times cheaper than
    `matches()`, for results shown in another order."""
    terms = parse_query(query).terms
    if not terms:
        return []
    with time_budget(), connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"SELECT rowid FROM {SQLITE_TABLE} WHERE {SQLITE_TABLE} MATCH %s",  # noqa: S608  table names are constants
                [SQLiteBackend.match_expression(terms)],
            )
        else:
            cursor.execute(
                f"SELECT practice_id FROM {PG_TABLE} "  # noqa: S608  table names are constants
                "WHERE vector @@ to_tsquery('simple', %s)",
                [_pg_expression(terms)],
            )
        return [pk for (pk,) in cursor.fetchall()]


WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
#: A page of results reads the same few hundred words over and over: each is folded once.
fold_word = functools.lru_cache(maxsize=65_536)(fold)


def mark(text: str, query: str, *, around: int | None = None) -> SafeString:
    """`text` with the words that match the query in <mark>; with `around`, only the passage of
    about that many characters around the first match."""
    terms = parse_query(query).terms
    prefixes = tuple(fold(t.text) for t in terms if t.is_prefix)
    whole_words = {fold(t.text) for t in terms if not t.is_prefix and not t.is_phrase}
    phrases = [t.text for t in terms if t.is_phrase]
    if not terms:
        if around is None or len(text) <= around:
            return escape(text)
        return mark_safe(escape(text[:around]) + "…")  # noqa: S308  escaped

    def matches_in(begin: int, stop: int, *, first_only: bool = False) -> list[tuple[int, int]]:
        spans = []
        for match in WORD.finditer(text, begin, stop):
            word = match.group(0)
            if CJK_RUN.search(word):
                for phrase in phrases:
                    at = word.find(phrase)
                    if at >= 0:
                        spans.append((match.start() + at, match.start() + at + len(phrase)))
            elif (folded := fold_word(word)).startswith(prefixes) or folded in whole_words:
                spans.append(match.span())
            if first_only and spans:
                break
        return spans

    start, end = 0, len(text)
    if around is not None and len(text) > around:
        # Only the passage is marked: a long description is read up to its first match.
        first = matches_in(0, len(text), first_only=True)
        start = max(0, first[0][0] - around // 3) if first else 0
        end = min(len(text), start + around)
    spans = matches_in(start, end)
    html: list[str] = []
    position = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        html.append(escape(text[position:span_start]))
        html.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    html.append(escape(text[position:end]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + "".join(html) + suffix)  # noqa: S308  every piece is escaped
