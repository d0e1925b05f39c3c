"""The two full-text engines: SQLite FTS5 and PostgreSQL text search over a GIN index.

Both hold the same index terms for each record (made in Python by `text.index_terms`: stems,
Chinese character pairs) and are asked the same query built from the same terms, so they
match the same records. Each answers three questions, with the filters inside the query:
how many records of each type match (`counts`), which are the best few (`ranked`), and every
match of one type with its score (`scores`, for the practice finder).

SQLite keeps the terms in an FTS5 table whose rowid carries the record's type in its high bits
(`rowid_of`), so that counting by type, and keeping to a type, read the index alone; the
filters (year, State, language, drafts) are terms of a third column. PostgreSQL keeps a
weighted tsvector on the record's own row, with the filters as plain columns.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from .text import Query, Term

#: The record's id fills the low bits of its FTS5 rowid, its type's number the high ones.
KIND_SHIFT = 40
#: Relevance weight of a title word against a word of the text, on both engines.
TITLE_WEIGHT = 10.0
#: PostgreSQL keeps at most 256 positions of a term, and positions up to 16,383.
PG_MAX_POSITIONS = 255
PG_MAX_POSITION = 16_383
#: Up to this many matches, SQLite counts them by type in one pass that groups them; grouping
#: costs more per match than counting each type over its own range of rowids, which costs more
#: up front (one scan per type).
FEW_MATCHES = 5000


@dataclass(frozen=True)
class Filters:
    """What a search keeps to, besides its words."""

    year: int | None = None
    state: str | None = None  # ISO3
    language: str | None = None
    #: False for the practice finder, which shows drafts to those who may see them.
    public_only: bool = True


@dataclass(frozen=True)
class IndexRow:
    record_id: int
    kind_id: int
    title: str  # index terms, space-separated
    body: str
    year: int | None
    states: tuple[str, ...]
    languages: tuple[str, ...]
    public: bool


def rowid_of(kind_id: int, record_id: int) -> int:
    return (kind_id << KIND_SHIFT) | record_id


def tag(prefix: str, value: str) -> str:
    """A filter as an FTS5 term: letters and digits only ("zh-hans" → "lzhhans")."""
    return prefix + "".join(ch for ch in value.lower() if ch.isalnum())


class SQLiteBackend:
    table = "core_search_fts"

    def create(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.table} USING fts5("  # noqa: S608
                "title, body, tags, tokenize = 'unicode61 remove_diacritics 0')"
            )

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.table}")

    @staticmethod
    def tags(row: IndexRow) -> str:
        tags = [tag("s", state) for state in row.states]
        tags += [tag("l", language) for language in row.languages]
        if row.year is not None:
            tags.append(tag("y", str(row.year)))
        if not row.public:
            tags.append("hidden")
        return " ".join(tags)

    def write(self, rows: Sequence[IndexRow]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.table} (rowid, title, body, tags) VALUES (%s, %s, %s, %s)",  # noqa: S608
                [(rowid_of(r.kind_id, r.record_id), r.title, r.body, self.tags(r)) for r in rows],
            )

    def delete(self, kind_id: int, record_ids: Sequence[int]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"DELETE FROM {self.table} WHERE rowid = %s",  # noqa: S608
                [(rowid_of(kind_id, record_id),) for record_id in record_ids],
            )

    def delete_kind(self, kind_id: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {self.table} WHERE rowid BETWEEN %s AND %s",  # noqa: S608
                [rowid_of(kind_id, 0), rowid_of(kind_id + 1, 0) - 1],
            )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")  # noqa: S608

    def analyze(self) -> None:
        """SQLite's planner is given the tables' statistics once the index is rebuilt."""
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE core_searchrecord")
            cursor.execute("ANALYZE core_searchtext")

    @staticmethod
    def _term(term: Term) -> str:
        quoted = ['"' + alt.replace('"', "") + '"' for alt in term.alternatives]
        return "(" + (" AND " if term.is_phrase else " OR ").join(quoted) + ")"

    def match_expression(self, query: Query, filters: Filters) -> str:
        """An FTS5 query: every term in the title or the text (any of its stems), and every
        filter in the tags."""
        words = " AND ".join(self._term(term) for term in query.terms)
        expression = "({title body} : (" + words + "))"
        wanted = []
        if filters.year is not None:
            wanted.append(tag("y", str(filters.year)))
        if filters.state:
            wanted.append(tag("s", filters.state))
        if filters.language:
            wanted.append(tag("l", filters.language))
        for value in wanted:
            expression += f' AND (tags : "{value}")'
        if filters.public_only:
            expression += ' NOT (tags : "hidden")'
        return expression

    @staticmethod
    def _kinds(kind_ids: Sequence[int]) -> tuple[str, list[int]]:
        if not kind_ids:
            return "", []
        ranges = " OR ".join("rowid BETWEEN %s AND %s" for _ in kind_ids)
        params: list[int] = []
        for kind_id in kind_ids:
            params += [rowid_of(kind_id, 0), rowid_of(kind_id + 1, 0) - 1]
        return f" AND ({ranges})", params

    def counts(self, query: Query, filters: Filters, kind_ids: Sequence[int]) -> dict[int, int]:
        """Matches of each type. A query with few matches reads them once and groups them by
        the type in their rowid; one with more counts each type over its own range of rowids,
        where FTS5 reads only that part of the index, with no sorting by type."""
        if not kind_ids:
            return {}
        expression = self.match_expression(query, filters)
        wanted = set(kind_ids)
        few = (
            f"SELECT rowid >> {KIND_SHIFT}, count(*) FROM (SELECT rowid FROM {self.table} "  # noqa: S608
            f"WHERE {self.table} MATCH %s LIMIT {FEW_MATCHES}) GROUP BY 1"
        )
        with connection.cursor() as cursor:
            cursor.execute(few, [expression])
            grouped = dict(cursor.fetchall())
            if sum(grouped.values()) < FEW_MATCHES:
                return {kind_id: count for kind_id, count in grouped.items() if kind_id in wanted}
            one = (
                f"SELECT %s, count(*) FROM {self.table} "  # noqa: S608
                f"WHERE {self.table} MATCH %s AND rowid BETWEEN %s AND %s"
            )
            params: list[Any] = []
            for kind_id in kind_ids:
                params += [kind_id, expression, rowid_of(kind_id, 0), rowid_of(kind_id + 1, 0) - 1]
            cursor.execute(" UNION ALL ".join([one] * len(kind_ids)), params)
            return {kind_id: count for kind_id, count in cursor.fetchall() if count}

    def ranked(
        self,
        query: Query,
        filters: Filters,
        kind_ids: Sequence[int],
        *,
        limit: int | None,
        offset: int = 0,
    ) -> list[tuple[int, float]]:
        """(record id, score) of the best matches, best first."""
        kinds, kind_params = self._kinds(kind_ids)
        window = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        mask = (1 << KIND_SHIFT) - 1
        sql = (
            f"SELECT rowid & {mask}, bm25({self.table}, {TITLE_WEIGHT}, 1.0, 0.0) AS score "  # noqa: S608
            f"FROM {self.table} WHERE {self.table} MATCH %s{kinds} "
            f"ORDER BY score, rowid{window}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.match_expression(query, filters), *kind_params])
            # bm25() is lower for better matches.
            return [(record_id, -score) for record_id, score in cursor.fetchall()]

    def counted_page(
        self,
        query: Query,
        filters: Filters,
        kind_ids: Sequence[int],
        page_kinds: Sequence[int] | None,
        *,
        limit: int,
        offset: int = 0,
    ) -> tuple[dict[int, int], list[tuple[int, float]]]:
        """The matches of each type in `kind_ids`, and one ranked page of those of
        `page_kinds` (of every type where empty; none where None). FTS5 counts a type over its
        own range of rowids without scoring, so the two stay separate queries here."""
        counts = self.counts(query, filters, kind_ids)
        if page_kinds is None or sum(counts.get(k, 0) for k in page_kinds or counts) <= offset:
            return counts, []
        return counts, self.ranked(query, filters, page_kinds, limit=limit, offset=offset)

    def bare(self, query: Query, *, limit: int = 20) -> list[int]:
        """The plain ranked full-text query, no filters and no counting: what a search is
        measured against."""
        sql = (
            f"SELECT rowid FROM {self.table} WHERE {self.table} MATCH %s "  # noqa: S608
            f"ORDER BY bm25({self.table}, {TITLE_WEIGHT}, 1.0, 0.0) LIMIT {int(limit)}"
        )
        words = " AND ".join(self._term(term) for term in query.terms)
        with connection.cursor() as cursor:
            cursor.execute(sql, ["{title body} : (" + words + ")"])
            return [rowid for (rowid,) in cursor.fetchall()]


class PostgresBackend:
    """The index terms as a tsvector written directly (no parser, no dictionary: the terms
    are already stems), title terms weighted A and text terms D, on the record's own row."""

    def create(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE core_searchrecord ADD COLUMN IF NOT EXISTS vector tsvector")
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS core_searchrecord_vector "
                "ON core_searchrecord USING gin (vector) WITH (fastupdate = off)"
            )

    def write_through(self) -> None:
        """Terms go into the GIN index as each record is written, not into a pending list that
        only a vacuum merges: with autovacuum late or off, every search would read the list in
        full, and the planner, which counts it, reads the whole table instead. Merges what an
        index made before this setting has pending."""
        with connection.cursor() as cursor:
            cursor.execute("ALTER INDEX IF EXISTS core_searchrecord_vector SET (fastupdate = off)")
            cursor.execute(
                "SELECT gin_clean_pending_list(to_regclass('core_searchrecord_vector')) "
                "WHERE to_regclass('core_searchrecord_vector') IS NOT NULL"
            )

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS core_searchrecord_vector")
            cursor.execute("ALTER TABLE core_searchrecord DROP COLUMN IF EXISTS vector")

    @staticmethod
    def vector(title: str, body: str) -> str:
        """A tsvector literal: each term with its positions, A for the title's, D for the
        text's."""
        positions: dict[str, list[str]] = defaultdict(list)
        position = 0
        for weight, text in (("A", title), ("D", body)):
            for term in text.split():
                position = min(position + 1, PG_MAX_POSITION)
                held = positions[term]
                if len(held) < PG_MAX_POSITIONS:
                    held.append(f"{position}{weight}")
        return " ".join(f"'{term}':{','.join(at)}" for term, at in positions.items())

    def write(self, rows: Sequence[IndexRow]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE core_searchrecord SET vector = %s::tsvector WHERE id = %s",
                [(self.vector(r.title, r.body), r.record_id) for r in rows],
            )

    def analyze(self) -> None:
        """Fresh statistics for the planner once the index is rebuilt: with those of an empty
        or much smaller index, it reads whole tables where a few rows are wanted."""
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE core_searchrecord, core_searchtext, core_searchword")

    def delete(self, kind_id: int, record_ids: Sequence[int]) -> None:
        """The vector lives on the record's row: deleting the row is enough."""

    def delete_kind(self, kind_id: int) -> None:
        """As for `delete`."""

    def clear(self) -> None:
        """As for `delete`."""

    @staticmethod
    def tsquery(query: Query) -> str:
        def term(t: Term) -> str:
            quoted = [f"'{alt}'" for alt in t.alternatives]
            return "(" + (" & " if t.is_phrase else " | ").join(quoted) + ")"

        return " & ".join(term(t) for t in query.terms)

    @staticmethod
    def _where(filters: Filters) -> tuple[str, list[Any]]:
        where, params = "vector @@ %s::tsquery", []
        if filters.year is not None:
            where += " AND year = %s"
            params.append(filters.year)
        if filters.state:
            where += " AND states LIKE %s"
            params.append(f"% {filters.state} %")
        if filters.language:
            where += " AND languages LIKE %s"
            params.append(f"% {filters.language} %")
        if filters.public_only:
            where += " AND public"
        return where, params

    def counts(self, query: Query, filters: Filters, kind_ids: Sequence[int]) -> dict[int, int]:
        where, params = self._where(filters)
        sql = f"SELECT kind_id, count(*) FROM core_searchrecord WHERE {where} GROUP BY kind_id"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.tsquery(query), *params])
            return dict(cursor.fetchall())

    def ranked(
        self,
        query: Query,
        filters: Filters,
        kind_ids: Sequence[int],
        *,
        limit: int | None,
        offset: int = 0,
    ) -> list[tuple[int, float]]:
        where, params = self._where(filters)
        if kind_ids:
            where += " AND kind_id = ANY(%s)"
            params.append(list(kind_ids))
        window = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        tsquery = self.tsquery(query)
        sql = (
            "SELECT id, ts_rank(vector, %s::tsquery, 1) AS score "  # noqa: S608
            f"FROM core_searchrecord WHERE {where} ORDER BY score DESC, id{window}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [tsquery, tsquery, *params])
            return [(record_id, float(score)) for record_id, score in cursor.fetchall()]

    def counted_page(
        self,
        query: Query,
        filters: Filters,
        kind_ids: Sequence[int],
        page_kinds: Sequence[int] | None,
        *,
        limit: int,
        offset: int = 0,
    ) -> tuple[dict[int, int], list[tuple[int, float]]]:
        """As `SQLiteBackend.counted_page`, in one pass over the matches: the counts and the
        page were each a scan of every matching row (the count as long as the ranked query
        itself), and a common word paid it twice."""
        if page_kinds is None:
            return self.counts(query, filters, kind_ids), []
        where, params = self._where(filters)
        tsquery = self.tsquery(query)
        of_page = " WHERE kind_id = ANY(%s)" if page_kinds else ""
        sql = (
            "WITH matched AS MATERIALIZED ("  # noqa: S608
            "SELECT id, kind_id, ts_rank(vector, %s::tsquery, 1) AS score "
            f"FROM core_searchrecord WHERE {where}) "
            "SELECT NULL::bigint, kind_id, count(*)::float8 FROM matched GROUP BY kind_id "
            f"UNION ALL (SELECT id, kind_id, score::float8 FROM matched{of_page} "
            f"ORDER BY score DESC, id LIMIT {int(limit)} OFFSET {int(offset)})"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                sql, [tsquery, tsquery, *params, *([list(page_kinds)] if page_kinds else [])]
            )
            rows = cursor.fetchall()
        counts = {kind_id: int(count) for record_id, kind_id, count in rows if record_id is None}
        page = [(record_id, score) for record_id, _kind, score in rows if record_id is not None]
        return counts, page

    def bare(self, query: Query, *, limit: int = 20) -> list[int]:
        tsquery = self.tsquery(query)
        sql = (
            "SELECT id FROM core_searchrecord WHERE vector @@ %s::tsquery "  # noqa: S608
            f"ORDER BY ts_rank(vector, %s::tsquery, 1) DESC LIMIT {int(limit)}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [tsquery, tsquery])
            return [record_id for (record_id,) in cursor.fetchall()]


def backend() -> SQLiteBackend | PostgresBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"No search backend for {connection.vendor}")
