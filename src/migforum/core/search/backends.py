"""The two full-text backends: SQLite FTS5 and PostgreSQL text search.

Both index the same rows (`core_searchdocument`) and answer the same two questions: which rows
match every term of a query and how well (`query`), and, for the rows shown, where in their
title and body the terms are (`marked`).
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db import connection

from .text import MARK_END, MARK_START, Term, fold, prepare

#: Rows considered per query before grouping by record: far more than a page of results.
CANDIDATE_LIMIT = 500


@dataclass(frozen=True)
class Match:
    document_id: int
    content_type_id: int
    object_id: str
    language: str
    url: str
    score: float
    #: The title and a passage of the body with the terms marked, where the backend finds
    #: them while matching.
    marks: tuple[str, str] | None = None


class SQLiteBackend:
    """FTS5 with the unicode61 tokenizer, diacritics removed, BM25 ranking."""

    table = "core_search_fts"

    def create(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.table} USING fts5("  # noqa: S608
                "title, body, tokenize = 'unicode61 remove_diacritics 2')"
            )

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.table}")

    def index(self, rows: list[tuple[int, str, str, str]]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {self.table} (rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608
                [(doc_id, prepare(title), prepare(body)) for doc_id, _lang, title, body in rows],
            )

    def unindex(self, document_ids: list[int]) -> None:
        if not document_ids:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                f"DELETE FROM {self.table} WHERE rowid = %s",  # noqa: S608
                [(doc_id,) for doc_id in document_ids],
            )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")  # noqa: S608

    @staticmethod
    def match_expression(terms: Sequence[Term]) -> str:
        """An FTS5 query: every term, each quoted so that its characters are plain text; a
        phrase as consecutive characters, a prefix with `*`, a short word alone."""
        parts = []
        for term in terms:
            if term.is_phrase:
                parts.append('"' + " ".join(term.parts) + '"')
            else:
                parts.append(
                    '"' + term.text.replace('"', "") + '"' + ("*" if term.is_prefix else "")
                )
        return " AND ".join(parts)

    def query(self, terms: Sequence[Term]) -> list[Match]:
        params = [MARK_START, MARK_END, MARK_START, MARK_END, self.match_expression(terms)]
        # Only the table name is formatted in, a constant; every value is a parameter.
        sql = (
            "SELECT d.id, d.content_type_id, d.object_id, d.language, d.url, "  # noqa: S608
            f"bm25({self.table}, 10.0, 1.0) AS score, "
            f"highlight({self.table}, 0, %s, %s), "
            f"snippet({self.table}, 1, %s, %s, '…', 24) "
            f"FROM {self.table} JOIN core_searchdocument d ON d.id = {self.table}.rowid "
            f"WHERE {self.table} MATCH %s "
            f"ORDER BY score LIMIT {CANDIDATE_LIMIT}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return [
            Match(doc_id, type_id, object_id, language, url, -score, (title, body))
            for doc_id, type_id, object_id, language, url, score, title, body in rows
        ]

    def marked(self, terms: Sequence[Term], page: list[Match]) -> dict[int, tuple[str, str]]:
        """FTS5 marks the rows as it matches them, at little cost (asked again for a few
        rows, it would expand every prefix term once per row)."""
        return {match.document_id: match.marks or ("", "") for match in page}


#: PostgreSQL's text search configurations for the platform's languages; Chinese has no
#: stemmer, its characters are indexed one by one (see `prepare`).
PG_CONFIGS = {
    "ar": "arabic",
    "zh-hans": "simple",
    "en": "english",
    "fr": "french",
    "ru": "russian",
    "es": "spanish",
}
HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=30, MinWords=10, MaxFragments=2"
)
#: A row's query: the words in the row's own configuration, or as typed, or folded.
ROW_QUERY = (
    "SELECT to_tsquery(d.search_config, %s) || to_tsquery('simple', %s) "
    "|| to_tsquery('simple', %s) AS query"
)


class PostgresBackend:
    """A weighted tsvector per row in the row's own language, plus an unstemmed, unaccented
    copy so that exact and accent-free spellings match too. Ranks are divided by the log of
    the text's length (normalization 1), so that a name matched in a short record outranks
    the same name repeated in a long speech, as BM25 does on SQLite."""

    def create(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                "ALTER TABLE core_searchdocument "
                "ADD COLUMN IF NOT EXISTS search_config regconfig NOT NULL DEFAULT 'simple', "
                "ADD COLUMN IF NOT EXISTS search_vector tsvector"
            )
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS core_searchdocument_vector "
                "ON core_searchdocument USING gin (search_vector)"
            )

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS core_searchdocument_vector")
            cursor.execute(
                "ALTER TABLE core_searchdocument DROP COLUMN IF EXISTS search_vector, "
                "DROP COLUMN IF EXISTS search_config"
            )

    def index(self, rows: list[tuple[int, str, str, str]]) -> None:
        params = []
        for doc_id, language, title, body in rows:
            config = PG_CONFIGS.get(language, "simple")
            title_text, body_text = prepare(title), prepare(body)
            exact = f"{title_text} {body_text}"
            params.append(
                (config, config, title_text, config, body_text, exact, fold(exact), doc_id)
            )
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE core_searchdocument SET search_config = %s::regconfig, search_vector = "
                "setweight(to_tsvector(%s::regconfig, %s), 'A') "
                "|| setweight(to_tsvector(%s::regconfig, %s), 'B') "
                "|| setweight(to_tsvector('simple', %s), 'C') "
                "|| setweight(to_tsvector('simple', %s), 'D') "
                "WHERE id = %s",
                params,
            )

    def unindex(self, document_ids: list[int]) -> None:
        """The vector lives on the row itself: deleting the row is enough."""

    def clear(self) -> None:
        """As for `unindex`."""

    @staticmethod
    def tsquery_text(terms: Sequence[Term]) -> str:
        """A to_tsquery() text: every term, each quoted as a lexeme; a phrase as consecutive
        characters, a prefix with `:*`, a short word alone."""
        parts = []
        for term in terms:
            if term.is_phrase:
                parts.append(" <-> ".join(f"'{char}'" for char in term.parts))
            else:
                lexeme = "'" + term.text.replace("'", "''").replace("\\", "") + "'"
                parts.append(lexeme + (":*" if term.is_prefix else ""))
        return " & ".join(parts)

    def _queries(self, terms: Sequence[Term]) -> tuple[str, str]:
        """The query as typed, for each row's own configuration, and folded."""
        return self.tsquery_text(terms), self.tsquery_text(
            [replace(t, text=fold(t.text)) for t in terms]
        )

    def query(self, terms: Sequence[Term]) -> list[Match]:
        text, folded = self._queries(terms)
        # One branch per configuration, each with a constant query, so that PostgreSQL can
        # answer every branch from the GIN index; a query built from each row's own
        # configuration would have to be computed, and tested, row by row.
        configs = sorted(set(PG_CONFIGS.values()))
        matching = " OR ".join(
            f"(d.search_config = '{config}'::regconfig AND d.search_vector @@ ("
            f"to_tsquery('{config}', %s) || to_tsquery('simple', %s) "
            "|| to_tsquery('simple', %s)))"
            for config in configs
        )
        params = [text, text, folded]
        params += [text, text, folded] * len(configs)
        sql = (
            "SELECT d.id, d.content_type_id, d.object_id, d.language, d.url, "  # noqa: S608
            "ts_rank(d.search_vector, q.query, 1) AS score "
            f"FROM core_searchdocument d CROSS JOIN LATERAL ({ROW_QUERY}) q "
            f"WHERE {matching} "
            f"ORDER BY score DESC, d.id LIMIT {CANDIDATE_LIMIT}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [
                Match(doc_id, type_id, object_id, language, url, float(score))
                for doc_id, type_id, object_id, language, url, score in cursor.fetchall()
            ]

    def marked(self, terms: Sequence[Term], page: list[Match]) -> dict[int, tuple[str, str]]:
        """ts_headline() reads a row's whole text again, where ranking reads only its index
        entry: asked for the page alone, not every candidate, so that a query of many common
        words over long statements does not spend most of its time on passages never shown."""
        if not page:
            return {}
        text, folded = self._queries(terms)
        sql = (
            "SELECT d.id, ts_headline(d.search_config, d.title, q.query, %s), "  # noqa: S608
            "ts_headline(d.search_config, d.body, q.query, %s) "
            f"FROM core_searchdocument d CROSS JOIN LATERAL ({ROW_QUERY}) q "
            "WHERE d.id = ANY(%s)"
        )
        document_ids = [match.document_id for match in page]
        params: list[Any] = [HEADLINE_OPTIONS, HEADLINE_OPTIONS, text, text, folded, document_ids]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return {doc_id: (title, body) for doc_id, title, body in cursor.fetchall()}


def backend() -> SQLiteBackend | PostgresBackend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SQLiteBackend()
    raise NotImplementedError(f"No search backend for {connection.vendor}")
