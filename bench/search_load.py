"""Search latency over a large index: at least a million passages, next to a bare FTS query.

What it measures
    A fresh installation (``migforum migrate`` and ``init``: the real statements of 2006 are
    indexed) is filled up to ``--passages`` index rows with passages made of real sentences of
    those statements, recombined at random (seeded, so runs are repeatable). Then, for a set of
    queries, it times ``migforum.core.search.search()`` (what the search page and the API run:
    parsing, the backend query, grouping by record, titles and highlights) and the bare
    full-text query on the same index, and prints p50 and p95 in milliseconds and the ratio of
    the two p50s. Figures are medians and percentiles over ``--repeat`` runs after a warm-up.

How to run it
    .venv/bin/python bench/search_load.py                       # 1,000,000 passages, SQLite
    .venv/bin/python bench/search_load.py --passages 200000     # quicker
    .venv/bin/python bench/search_load.py --database-url postgres://postgres@127.0.0.1/bench

    With ``--database-url`` the named PostgreSQL database is dropped and created afresh.
"""

import argparse
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scratch_database import start_django  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
STATEMENTS = ROOT / "src" / "migforum" / "documents" / "data" / "ungdc_session61_2006"
QUERIES = [
    "development",
    "remittances",
    "migrant workers",
    "migr",
    "international migration and development",
    "移民",
    "qwertyuiop",
]
BATCH = 5000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def sentences() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted(STATEMENTS.glob("*.txt")))
    text = re.sub(r"-\s*\n\s*", "", text)  # the corpus keeps the printed hyphenation
    found = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    return [s for s in found if 30 <= len(s) <= 400]


def fill(target: int, seed: int) -> tuple[int, float]:
    """Add generated passages until the index holds `target` rows; returns (added, seconds)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from migforum.core.models import SearchDocument
    from migforum.core.search.backends import backend
    from migforum.documents.models import Document

    have = SearchDocument.objects.count()
    missing = max(0, target - have)
    pool = sentences()
    rng = random.Random(seed)  # noqa: S311  repeatable text, not secrets
    content_type = ContentType.objects.get_for_model(Document)
    engine = backend()
    started = time.perf_counter()
    for start in range(0, missing, BATCH):
        rows = [
            SearchDocument(
                content_type=content_type,
                object_id=f"passage-{start + i}",
                language="en",
                title=f"Passage {start + i}",
                body=" ".join(rng.sample(pool, rng.randint(2, 4))),
                url=f"/documents/passages/{start + i}/",
            )
            for i in range(min(BATCH, missing - start))
        ]
        with transaction.atomic():
            created = SearchDocument.objects.bulk_create(rows)
            engine.index([(d.pk, d.language, d.title, d.body) for d in created])
        if (start // BATCH) % 20 == 0:
            print(f"  {have + start + len(rows):,} rows", flush=True)
    return missing, time.perf_counter() - started


def bare_query(query: str) -> int:
    """The backend's own full-text query alone: no grouping, titles or highlights."""
    from django.db import connection

    from migforum.core.search.backends import CANDIDATE_LIMIT, PostgresBackend, SQLiteBackend
    from migforum.core.search.text import parse_query

    terms = parse_query(query).terms
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            sql = "SELECT rowid FROM core_search_fts WHERE core_search_fts MATCH %s "
            sql += "ORDER BY rank LIMIT %s"
            cursor.execute(sql, [SQLiteBackend.match_expression(terms), CANDIDATE_LIMIT])
        else:
            sql = "SELECT id FROM core_searchdocument, to_tsquery('english', %s) q "
            sql += "WHERE search_vector @@ q ORDER BY ts_rank(search_vector, q, 1) DESC LIMIT %s"
            cursor.execute(sql, [PostgresBackend.tsquery_text(terms), CANDIDATE_LIMIT])
        return len(cursor.fetchall())


def timed(function, repeat: int) -> list[float]:  # noqa: ANN001
    function()  # warm-up
    times = []
    for _run in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2006)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    var_dir = tempfile.mkdtemp(prefix="migforum-bench-search-")
    try:
        return run(args, var_dir)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)  # a million rows take over a gigabyte


def run(args: argparse.Namespace, var_dir: str) -> int:
    start_django(Path(var_dir), args.database_url)
    from django.core.management import call_command
    from django.db import connection

    from migforum.core.models import SearchDocument
    from migforum.core.search import search

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("init", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(
        f"installation ready in {time.perf_counter() - started:.0f} s "
        f"({connection.vendor}, {SearchDocument.objects.count():,} rows)"
    )
    added, seconds = fill(args.passages, args.seed)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE core_searchdocument")
    total = SearchDocument.objects.count()
    print(f"added {added:,} passages in {seconds:.0f} s; the index holds {total:,} rows\n")

    print(
        f"{'query':<42} {'hits':>6} {'search p50':>10} {'p95':>7} {'bare p50':>9} {'p95':>7} "
        f"{'ratio':>6}"
    )
    for query in QUERIES:
        hits = search(query, language="en").total
        full = timed(lambda q=query: search(q, language="en"), args.repeat)
        bare = timed(lambda q=query: bare_query(q), args.repeat)
        ratio = statistics.median(full) / max(statistics.median(bare), 1e-6)
        print(
            f"{query:<42} {hits:>6} {statistics.median(full):>10.1f} "
            f"{percentile(full, 0.95):>7.1f} {statistics.median(bare):>9.1f} "
            f"{percentile(bare, 0.95):>7.1f} {ratio:>6.2f}"
        )
    print("\n(ms; 'hits' counts records after grouping, capped by the 500 candidate rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
