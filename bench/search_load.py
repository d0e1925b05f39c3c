"""Search latency over a large index: a million passages, next to the bare full-text query.

What it measures
    A fresh installation (``migrate`` and ``init``: the 193 General Debate statements of 2006
    are imported and indexed) is filled up to ``--passages`` index rows. The statements are cut
    into passages of 2-4 sentences, and more passages are made by recombining their sentences
    (whole, or spliced from two at a word boundary), so vocabulary and word frequencies are
    those of real speeches; the generator is seeded, so runs are repeatable. Passages are
    SearchDocument rows of the Document type (language "en", object ids "p<n>", urls
    "/documents/passages/<n>/"), inserted in batches inside transactions; the full-text index
    is built exactly as the backend builds it (on SQLite, its own ``index()``; on PostgreSQL,
    by default the same expressions in one INSERT ... SELECT, checked on a sample against
    ``index()``, or ``--pg-loader backend`` to call ``index()`` itself).

    Then, for a fixed list of queries, it times ``migforum.core.search.search(q, language="en")``
    (what the search page and the API run: parsing, the ranked candidate query, grouping by
    record, highlights of the page shown, titles in the reader's language) and the bare
    full-text query on the same index and terms:

        SQLite      SELECT rowid FROM core_search_fts WHERE core_search_fts MATCH ?
                    ORDER BY rank LIMIT 500
        PostgreSQL  SELECT id FROM core_searchdocument
                    WHERE search_vector @@ to_tsquery('english', ?)
                    ORDER BY ts_rank(search_vector, to_tsquery('english', ?), 1) DESC LIMIT 500

    with the match expression built by the backend itself. It prints, per query, the records
    found (``SearchResults.total``, at most the 500 candidate rows grouped), the rows the
    full-text index matches in all, p50 and p95 of both in milliseconds over ``--repeat`` runs
    after a warm-up, and the ratio of the p50s. Django runs in this process, not behind HTTP.

How to run it
    .venv/bin/python bench/search_load.py                      # 1,000,000 rows, SQLite
    .venv/bin/python bench/search_load.py --passages 200000    # quicker
    .venv/bin/python bench/search_load.py --database-url postgres://postgres@127.0.0.1:5432

    SQLite lives in a temporary directory, removed at the end unless ``--keep``. With
    ``--database-url`` (a PostgreSQL server; any database name in it is ignored) the benchmark
    drops and creates its own database ``--pg-database`` (default migforum_bench_search) and
    drops it at the end unless ``--keep``. Slowness never fails the run: it exits 0 unless the
    setup fails.
"""

import argparse
import io
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
STATEMENTS = ROOT / "src" / "migforum" / "documents" / "data" / "ungdc_session61_2006"
QUERIES = [
    ("common word", "development"),
    ("rare word", "remittances"),
    ("two words", "migrant workers"),
    ("prefix", "migr"),
    ("three words", "millennium development goals"),
    ("CJK", "移民"),
    ("no hit", "qwertyuiop"),
]
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


# --- Text -----------------------------------------------------------------------------------


def statements() -> list[list[str]]:
    """The sentences of each statement, with the printed line breaks undone."""
    result = []
    for path in sorted(STATEMENTS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"-[ \t]*\n\s*", "-", text)  # "counter-\nterrorism": a real hyphen
        text = " ".join(text.split())
        found = [s.strip() for s in SENTENCE_END.split(text)]
        result.append([s for s in found if len(s.split()) >= 3])
    return result


def passages(count: int, seed: int) -> Iterator[tuple[str, str]]:
    """`count` passages as (title, body): the real ones first, then recombined ones."""
    rng = random.Random(seed)  # noqa: S311  repeatable text, not secrets
    by_statement = statements()
    pool = [s for sentences in by_statement for s in sentences]
    made = 0
    for sentences in by_statement:
        at = 0
        while at < len(sentences) and made < count:
            size = rng.randint(2, 4)
            yield passage(sentences[at : at + size])
            at += size
            made += 1
    while made < count:
        chosen = []
        for _sentence in range(rng.randint(2, 4)):
            first = rng.choice(pool)
            if rng.random() < 0.5:
                chosen.append(first)
                continue
            # Half the sentences are spliced: the start of one, the end of another.
            head, tail = first.split(), rng.choice(pool).split()
            cut_head, cut_tail = rng.randint(1, len(head) - 1), rng.randint(1, len(tail) - 1)
            chosen.append(" ".join(head[:cut_head] + tail[cut_tail:]))
        yield passage(chosen)
        made += 1


def passage(sentences: list[str]) -> tuple[str, str]:
    body = " ".join(sentences)
    title = " ".join(body.split()[:6]).rstrip(",;:.")
    return title, body


# --- Building the index ---------------------------------------------------------------------


def fill(target: int, seed: int, batch: int, pg_loader: str) -> dict[str, float]:
    """Add passages until the index holds `target` rows."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.db.models import Max

    from migforum.core.models import SearchDocument
    from migforum.documents.models import Document

    have = SearchDocument.objects.count()
    missing = max(0, target - have)
    first_id = (SearchDocument.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    content_type_id = ContentType.objects.get_for_model(Document).pk
    timings = {"rows added": missing, "insert s": 0.0, "index s": 0.0}
    if not missing:
        return timings
    if connection.vendor == "postgresql" and pg_loader == "copy":
        load = load_postgres_copy
    else:
        load = load_with_backend
    generated = passages(missing, seed)
    done = 0
    while done < missing:
        rows = []
        for number in range(done, min(done + batch, missing)):
            title, body = next(generated)
            url = f"/documents/passages/{number}/"
            rows.append((first_id + number, content_type_id, f"p{number}", "en", title, body, url))
        insert_s, index_s = load(rows)
        timings["insert s"] += insert_s
        timings["index s"] += index_s
        done += len(rows)
        if done == missing or (done // batch) % 20 == 0:
            print(f"  {have + done:>10,} rows  {sum_of(timings):6.0f} s", flush=True)
    return timings


def sum_of(timings: dict[str, float]) -> float:
    return sum(v for k, v in timings.items() if k.endswith(" s"))


INSERT_DOCUMENTS = (
    "INSERT INTO core_searchdocument (id, content_type_id, object_id, language, title, body, "
    "url) VALUES (%s, %s, %s, %s, %s, %s, %s)"
)


def load_with_backend(rows: list[tuple]) -> tuple[float, float]:
    """Rows in one transaction, then the backend's own `index()` on them, in the same one."""
    from django.db import connection, transaction

    from migforum.core.search.backends import backend

    with transaction.atomic():
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.executemany(INSERT_DOCUMENTS, rows)
        inserted = time.perf_counter()
        backend().index([(row[0], row[3], row[4], row[5]) for row in rows])
    return inserted - started, time.perf_counter() - inserted


def load_postgres_copy(rows: list[tuple]) -> tuple[float, float]:
    """COPY into a staging table, then one INSERT ... SELECT computing the vector with the
    expression of `PostgresBackend.index()` (checked on a sample by `check_postgres`)."""
    from django.db import connection, transaction

    from migforum.core.search.backends import PG_CONFIGS
    from migforum.core.search.text import fold, prepare

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE IF NOT EXISTS bench_staging (id bigint, content_type_id "
            "integer, object_id text, language text, title text, body text, url text, "
            "config text, title_text text, body_text text, exact text, folded text) "
            "ON COMMIT DELETE ROWS"
        )
        with cursor.cursor.copy("COPY bench_staging FROM STDIN") as copy:
            for row in rows:
                title_text, body_text = prepare(row[4]), prepare(row[5])
                exact = f"{title_text} {body_text}"
                config = PG_CONFIGS.get(row[3], "simple")
                copy.write_row((*row, config, title_text, body_text, exact, fold(exact)))
        copied = time.perf_counter()
        cursor.execute(
            "INSERT INTO core_searchdocument (id, content_type_id, object_id, language, title, "
            "body, url, search_config, search_vector) "
            "SELECT id, content_type_id, object_id, language, title, body, url, "
            "config::regconfig, "
            "setweight(to_tsvector(config::regconfig, title_text), 'A') "
            "|| setweight(to_tsvector(config::regconfig, body_text), 'B') "
            "|| setweight(to_tsvector('simple', exact), 'C') "
            "|| setweight(to_tsvector('simple', folded), 'D') FROM bench_staging"
        )
    return copied - started, time.perf_counter() - copied


def prepare_postgres(pg_loader: str) -> None:
    """Bulk loads go faster with the GIN index built once at the end (by `create()`, the
    backend's own definition)."""
    from django.db import connection

    if pg_loader == "copy":
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS core_searchdocument_vector")


def finish(connection) -> float:  # noqa: ANN001
    from migforum.core.search.backends import backend

    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('core_searchdocument', 'id'), "
                "(SELECT max(id) FROM core_searchdocument))"
            )
            cursor.execute("SET maintenance_work_mem = '512MB'")
            backend().create()  # the GIN index again, if the loader dropped it
            cursor.execute("VACUUM ANALYZE core_searchdocument")
        else:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return time.perf_counter() - started


def check_postgres(sample: int, seed: int) -> str:
    """Re-index a sample of rows with the backend's `index()`: the vectors must not change."""
    from django.db import connection, transaction

    from migforum.core.search.backends import backend

    rng = random.Random(seed)  # noqa: S311
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM core_searchdocument")
        top = cursor.fetchone()[0]
        ids = sorted(rng.sample(range(1, top + 1), min(sample, top)))
        query = (
            "SELECT id, language, title, body, search_config::text, search_vector::text "
            "FROM core_searchdocument WHERE id = ANY(%s) ORDER BY id"
        )
        cursor.execute(query, [ids])
        before = cursor.fetchall()
        with transaction.atomic():
            backend().index([row[:4] for row in before])
            cursor.execute(query, [ids])
            after = cursor.fetchall()
            transaction.set_rollback(True)
    differ = sum(1 for b, a in zip(before, after, strict=True) if b != a)
    if differ:
        return f"MISMATCH: {differ} of {len(before)} sampled rows differ from index()"
    return f"{len(before)} sampled rows identical to the backend's index()"


def check_sqlite(sample: int, seed: int) -> str:
    """The FTS rows hold exactly `prepare(title)`, `prepare(body)` of their documents."""
    from django.db import connection

    from migforum.core.search.text import prepare

    rng = random.Random(seed)  # noqa: S311
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id), count(*) FROM core_searchdocument")
        top, documents = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM core_search_fts")
        indexed = cursor.fetchone()[0]
        ids = rng.sample(range(1, top + 1), min(sample, top))
        marks = ", ".join(["%s"] * len(ids))
        cursor.execute(
            f"SELECT d.title, d.body, f.title, f.body FROM core_searchdocument d "  # noqa: S608
            f"LEFT JOIN core_search_fts f ON f.rowid = d.id WHERE d.id IN ({marks})",
            ids,
        )
        rows = cursor.fetchall()
    differ = sum(1 for t, b, ft, fb in rows if (prepare(t), prepare(b)) != (ft, fb))
    if differ or indexed != documents:
        return (
            f"MISMATCH: {documents} documents, {indexed} indexed; "
            f"{differ} of {len(rows)} sampled rows differ"
        )
    return f"{indexed:,} FTS rows for {documents:,} documents; {len(rows)} sampled rows exact"


# --- Queries --------------------------------------------------------------------------------


def bare_query(query: str) -> Callable[[], int]:
    """The full-text query alone, with the backend's own match expression."""
    from django.db import connection

    from migforum.core.search.backends import CANDIDATE_LIMIT, PostgresBackend, SQLiteBackend
    from migforum.core.search.text import parse_query

    terms = parse_query(query)
    if connection.vendor == "sqlite":
        sql = (
            "SELECT rowid FROM core_search_fts WHERE core_search_fts MATCH %s "
            f"ORDER BY rank LIMIT {CANDIDATE_LIMIT}"
        )
        params = [SQLiteBackend.match_expression(terms)]
    else:
        sql = (
            "SELECT id FROM core_searchdocument "
            "WHERE search_vector @@ to_tsquery('english', %s) "
            "ORDER BY ts_rank(search_vector, to_tsquery('english', %s), 1) DESC "
            f"LIMIT {CANDIDATE_LIMIT}"
        )
        params = [PostgresBackend.tsquery_text(terms)] * 2

    def run() -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return len(cursor.fetchall())

    return run


def matching_rows(query: str) -> int:
    """Every row the full-text index matches, not only the 500 candidates."""
    from django.db import connection

    from migforum.core.search.backends import PostgresBackend, SQLiteBackend
    from migforum.core.search.text import parse_query

    terms = parse_query(query)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM core_search_fts WHERE core_search_fts MATCH %s",
                [SQLiteBackend.match_expression(terms)],
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM core_searchdocument "
                "WHERE search_vector @@ to_tsquery('english', %s)",
                [PostgresBackend.tsquery_text(terms)],
            )
        return cursor.fetchone()[0]


def pad(text: str, width: int) -> str:
    """Left-aligned in `width` columns, counting wide (CJK) characters as two."""
    columns = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - columns)


def timed(function: Callable[[], object], repeat: int, warmup: int) -> list[float]:
    for _run in range(warmup):
        function()
    times = []
    for _run in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def measure(repeat: int, warmup: int) -> None:
    from migforum.core.search import search

    header = (
        f"{'query':<30} {'kind':<12} {'hits':>5} {'matching':>9} {'search p50':>10} "
        f"{'p95':>7} {'bare p50':>9} {'p95':>7} {'ratio':>6}"
    )
    print(header)
    print("-" * len(header))
    for kind, query in QUERIES:
        hits = search(query, language="en").total
        full = timed(lambda q=query: search(q, language="en"), repeat, warmup)
        bare = timed(bare_query(query), repeat, warmup)
        full_p50, bare_p50 = statistics.median(full), statistics.median(bare)
        ratio = f"{full_p50 / bare_p50:6.1f}" if bare_p50 > 0 else f"{'-':>6}"
        print(
            f"{pad(query, 30)} {kind:<12} {hits:>5} {matching_rows(query):>9,} {full_p50:>10.1f} "
            f"{p95(full):>7.1f} {bare_p50:>9.1f} {p95(bare):>7.1f} {ratio}"
        )
    print(
        f"\nms, over {repeat} runs after {warmup} of warm-up. hits: records found by search() "
        "(the 500 best rows, grouped by record); matching: rows the full-text index matches."
    )


# --- Setup ----------------------------------------------------------------------------------


def postgres_url(server: str, name: str) -> tuple[str, str]:
    """The benchmark's own database on that server, and the server's maintenance database."""
    parts = urlsplit(server)
    return urlunsplit(parts._replace(path=f"/{name}")), urlunsplit(parts._replace(path="/postgres"))


def recreate_postgres(maintenance: str, name: str, create: bool) -> None:
    import psycopg

    with psycopg.connect(maintenance, autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            db.execute(f'CREATE DATABASE "{name}"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=1_000_000, help="index rows in all")
    parser.add_argument("--repeat", type=int, default=30, help="timed runs per query")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs per query first")
    parser.add_argument("--seed", type=int, default=2006)
    parser.add_argument("--batch", type=int, default=20_000, help="rows per transaction")
    parser.add_argument("--database-url", default="", help="a PostgreSQL server to use")
    parser.add_argument("--pg-database", default="migforum_bench_search")
    parser.add_argument(
        "--pg-loader",
        choices=["copy", "backend"],
        default="copy",
        help="PostgreSQL: COPY + one INSERT ... SELECT, or the backend's index() in batches",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    var_dir = tempfile.mkdtemp(prefix="migforum-bench-search-")
    os.environ.update(
        {
            "MIGFORUM_VAR_DIR": var_dir,
            "DJANGO_SETTINGS_MODULE": "migforum.settings.base",
            "MIGFORUM_DEBUG": "0",
        }
    )
    os.environ.pop("DATABASE_URL", None)
    maintenance = ""
    if args.database_url:
        url, maintenance = postgres_url(args.database_url, args.pg_database)
        recreate_postgres(maintenance, args.pg_database, create=True)
        os.environ["DATABASE_URL"] = url
    try:
        run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if args.keep:
            where = f"database {args.pg_database}" if maintenance else var_dir
            print(f"\nkept: {where}")
        else:
            if maintenance:
                recreate_postgres(maintenance, args.pg_database, create=False)
            shutil.rmtree(var_dir, ignore_errors=True)
    return 0


def run(args: argparse.Namespace) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from migforum.core.models import SearchDocument

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("init", stdout=io.StringIO())
    setup_s = time.perf_counter() - started
    real_rows = SearchDocument.objects.count()
    print(f"{connection.vendor}: migrate + init in {setup_s:.1f} s, {real_rows:,} index rows")

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -262144")  # 256 MB, this connection only
    else:
        prepare_postgres(args.pg_loader)
    print(f"adding passages up to {args.passages:,} rows…")
    timings = fill(args.passages, args.seed, args.batch, args.pg_loader)
    timings["finish s"] = finish(connection)
    if connection.vendor == "sqlite":
        check = check_sqlite(500, args.seed)
    else:
        check = check_postgres(200, args.seed)
    total = SearchDocument.objects.count()
    if connection.vendor == "sqlite":
        size = f"{Path(connection.settings_dict['NAME']).stat().st_size / 1e9:.2f} GB file"
    else:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            size = f"{cursor.fetchone()[0] / 1e9:.2f} GB database"
    added = int(timings["rows added"])
    build_s = sum_of(timings)
    loader = "index()" if connection.vendor == "sqlite" else args.pg_loader
    print(
        f"\n{'build':<24} {'rows':>10} {'seconds':>8} {'rows/s':>8}\n"
        f"{'migrate + init':<24} {real_rows:>10,} {setup_s:>8.1f} {'':>8}\n"
        f"{'insert documents':<24} {added:>10,} {timings['insert s']:>8.1f} "
        f"{added / max(timings['insert s'], 1e-9):>8,.0f}\n"
        f"{'full-text index':<24} {added:>10,} {timings['index s']:>8.1f} "
        f"{added / max(timings['index s'], 1e-9):>8,.0f}\n"
        f"{'analyze / checkpoint':<24} {'':>10} {timings.get('finish s', 0):>8.1f}\n"
        f"{'passages in all':<24} {added:>10,} {build_s:>8.1f} "
        f"{added / max(build_s, 1e-9):>8,.0f}\n"
        f"index: {total:,} rows, {size}; loader: {loader}; check: {check}\n"
    )
    measure(args.repeat, args.warmup)


if __name__ == "__main__":
    sys.exit(main())
