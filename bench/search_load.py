"""Search latency over a large index: a million records, next to the bare full-text query.

What it measures
    A fresh installation (``migforum migrate`` and ``init``: the real statements of 2006 are
    indexed) is filled up to ``--passages`` index records of type "documents.document", each
    made of real sentences of those statements recombined at random (seeded, so runs are
    repeatable), and written through the platform's own path: ``prepare()`` then ``write()``,
    a few thousand records per transaction. Then, for each query, it times

    * ``search(query, language="en")``: what the search page and the API run for a first page
      (parsing, the exact total and the counts by type, the ranked page, titles and highlighted
      passages, "Did you mean", the shortcuts), and
    * ``backend().bare(parse_query(query))``: the plain ranked full-text query on the same
      index, without filters, counting or highlighting,

    and prints the p50 and p95 of each in milliseconds, the ratio of the two p95s, and whether
    the target (search's p95 at most twice the bare query's) holds. Each figure is taken over
    ``--repeat`` runs after one warm-up run. A second table splits search's p50 into its parts
    (the counts with the ranked page, hits with highlights, suggestion, shortcuts), so that a
    query missing the target shows where its time goes; ``--explain`` adds the engine's plan
    of the counting and the ranked queries.

How to run it
    .venv/bin/python bench/search_load.py                       # 1,000,000 records, SQLite
    .venv/bin/python bench/search_load.py --passages 200000     # quicker
    .venv/bin/python bench/search_load.py --database-url postgres://postgres@127.0.0.1/bench

    With ``--database-url`` the named PostgreSQL database is dropped and created afresh, and
    kept at the end for a closer look; it is vacuumed and analysed once filled, as autovacuum
    would on a live server (writing a record inserts its row, then sets its vector). The
    temporary directory is removed at the end, also on errors: a million records take a few
    gigabytes. ``--keep-var-dir PATH`` fills PATH instead and keeps it: a second run on the same
    PATH finds the records there and only times (SQLite).
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
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scratch_database import start_django  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
STATEMENTS = ROOT / "src" / "migforum" / "documents" / "data" / "ungdc_session61_2006"
QUERIES = [
    "development",
    "migration",
    "remittances",
    "migrant workers",
    "international migration and development",
    "the development of countries",
    "移民",
    "qwertyuiop",
]
KIND = "documents.document"
#: Records per transaction while filling.
BATCH = 5000
#: Search's p95 may be at most this many times the bare query's.
TARGET_RATIO = 2.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def sentences() -> list[tuple[str, str]]:
    """(ISO3 of the speaker's State, sentence) for every sentence of the 2006 statements."""
    found = []
    for path in sorted(STATEMENTS.glob("*.txt")):
        text = re.sub(r"-\s*\n\s*", "", path.read_text(encoding="utf-8"))  # printed hyphenation
        state = path.name[:3]
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
            if 30 <= len(sentence) <= 400:
                found.append((state, sentence))
    return found


def passages(count: int, first: int, pool: list[tuple[str, str]], rng: random.Random):  # noqa: ANN201
    """`count` index entries of 2 to 4 random sentences, about the States that spoke them."""
    from migforum.core.search import Entry, SearchText

    entries = []
    for number in range(first, first + count):
        picked = rng.sample(pool, rng.randint(2, 4))
        entries.append(
            Entry(
                object_id=f"passage-{number}",
                texts=(
                    SearchText(
                        language="en",
                        title=f"Passage {number}",
                        body=" ".join(sentence for _state, sentence in picked),
                        url=f"/documents/passages/{number}/",
                    ),
                ),
                year=2006,
                states=tuple(dict.fromkeys(state for state, _sentence in picked)),
            )
        )
    return entries


def fill(target: int, seed: int) -> tuple[int, float]:
    """Write generated records until the index holds `target`; returns (added, seconds)."""
    from django.db import transaction

    from migforum.core.models import SearchRecord
    from migforum.core.search import prepare, write

    have = SearchRecord.objects.count()
    missing = max(0, target - have)
    pool = sentences()
    rng = random.Random(seed)  # noqa: S311  repeatable text, not secrets
    started = time.perf_counter()
    for start in range(0, missing, BATCH):
        prepared = prepare(passages(min(BATCH, missing - start), start, pool, rng))
        with transaction.atomic():
            write(KIND, prepared)
        if (start // BATCH) % 20 == 0:
            rate = (start + len(prepared)) / (time.perf_counter() - started)
            print(f"  {have + start + len(prepared):,} records ({rate:,.0f}/s)", flush=True)
    return missing, time.perf_counter() - started


def timed(function: Callable[[], object], repeat: int) -> list[float]:
    function()  # warm-up
    times = []
    for _run in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def search_parts(query: str) -> dict[str, Callable[[], object]]:
    """search()'s steps for a first page in English, each callable alone (the same calls
    `service.search` makes, in its order)."""
    from migforum.core.models import SearchKind
    from migforum.core.search import registered
    from migforum.core.search.backends import Filters, backend
    from migforum.core.search.registry import shortcuts_for
    from migforum.core.search.service import _hits, suggestion
    from migforum.core.search.text import parse_query

    parsed = parse_query(query, "en")
    specs = {spec.key: spec for spec in registered()}
    key_of = {
        pk: key for key, pk in SearchKind.objects.filter(key__in=specs).values_list("key", "id")
    }
    engine = backend()
    kinds = list(key_of)
    page = engine.counted_page(parsed, Filters(), kinds, [], limit=20)[1] if parsed.terms else []
    return {
        "count+page": lambda: engine.counted_page(parsed, Filters(), kinds, [], limit=20),
        "hits": lambda: _hits(page, parsed, "en", specs, key_of, passages=True),
        "suggestion": lambda: suggestion(parsed, query),
        "shortcuts": lambda: shortcuts_for(query, "en"),
    }


WIDTH = max(len(repr(q)) for q in QUERIES) + 1


def compare(repeat: int) -> list[str]:
    """Print search() against the bare query for each query; returns those missing the
    target."""
    from migforum.core.search import SearchTimedOut, search
    from migforum.core.search.backends import backend
    from migforum.core.search.text import parse_query

    timeouts: dict[str, int] = {}

    def timed_search(query: str) -> Callable[[], object]:
        def run_search() -> None:
            try:
                search(query, language="en")
            except SearchTimedOut:
                timeouts[query] = timeouts.get(query, 0) + 1

        return run_search

    print(
        f"{'query':<{WIDTH}} {'total':>8} {'search p50':>10} {'p95':>8} {'bare p50':>9} "
        f"{'p95':>8} {'p95 ratio':>9}  target (p95 <= {TARGET_RATIO:g}x bare)"
    )
    missed = []
    for query in QUERIES:
        try:
            found = str(search(query, language="en").total)
        except SearchTimedOut:
            found = "timeout"
        full = timed(timed_search(query), repeat)
        bare = timed(lambda q=query: backend().bare(parse_query(q)), repeat)
        ratio = percentile(full, 0.95) / max(percentile(bare, 0.95), 1e-6)
        held = ratio <= TARGET_RATIO
        if not held:
            missed.append(query)
        note = f" ({timeouts[query]} runs timed out)" if query in timeouts else ""
        print(
            f"{query!r:<{WIDTH}} {found:>8} {statistics.median(full):>10.1f} "
            f"{percentile(full, 0.95):>8.1f} {statistics.median(bare):>9.1f} "
            f"{percentile(bare, 0.95):>8.1f} {ratio:>9.2f}  {'yes' if held else 'NO'}{note}",
            flush=True,
        )
    print(
        f"\n(ms; 'total' is search()'s exact number of matching records) target "
        f"{'held for every query' if not missed else 'missed for ' + ', '.join(map(repr, missed))}"
    )
    return missed


def breakdown(repeat: int) -> None:
    """Print the p50 of each of search()'s steps, run alone, for each query."""
    from migforum.core.search.text import parse_query

    print("\nWhere search()'s time goes, p50 ms of each step run alone:")
    steps = list(search_parts(QUERIES[0]))
    print(f"{'query':<{WIDTH}} " + " ".join(f"{step:>10}" for step in steps))
    for query in QUERIES:
        if not parse_query(query, "en").terms:
            continue
        parts = search_parts(query)
        medians = [statistics.median(timed(parts[step], repeat)) for step in steps]
        print(f"{query!r:<{WIDTH}} " + " ".join(f"{m:>10.1f}" for m in medians), flush=True)


def explain(query: str) -> None:
    """The engine's plan of search()'s counting and ranked queries for `query`."""
    from django.db import connection

    from migforum.core.models import SearchKind
    from migforum.core.search.backends import Filters, backend
    from migforum.core.search.text import parse_query

    parsed = parse_query(query, "en")
    if not parsed.terms:
        return
    engine = backend()
    captured: list[tuple[str, list]] = []

    def capture(execute, sql, params, many, context):  # noqa: ANN001, ANN202
        captured.append((sql, list(params or [])))
        return execute(sql, params, many, context)

    kinds = list(SearchKind.objects.values_list("id", flat=True))
    with connection.execute_wrapper(capture):
        engine.counted_page(parsed, Filters(), kinds, [], limit=20)
        steps = len(captured)
        engine.bare(parsed)
    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN ANALYZE "
    labels = [f"counts and page ({n + 1}/{steps})" for n in range(steps)] + ["bare"]
    for label, (sql, params) in zip(labels, captured, strict=True):
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql, params)
            plan = [" ".join(str(column) for column in row) for row in cursor.fetchall()]
        print(f"  {query!r} {label}:")
        for line in plan:
            print(f"      {line}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=1_000_000, help="index records")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--seed", type=int, default=2006)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    parser.add_argument(
        "--keep-var-dir", default="", help="fill this directory and keep it, or reuse it"
    )
    args = parser.parse_args()

    if args.keep_var_dir:
        Path(args.keep_var_dir).mkdir(parents=True, exist_ok=True)
        return run(args, args.keep_var_dir)
    var_dir = tempfile.mkdtemp(prefix="migforum-bench-search-")
    try:
        return run(args, var_dir)
    finally:
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001, S110  Django may not have started
            pass
        shutil.rmtree(var_dir, ignore_errors=True)


def run(args: argparse.Namespace, var_dir: str) -> int:
    start_django(Path(var_dir), args.database_url)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    # search() keeps its answers until the index changes: here it does not, so that what is
    # timed is the search itself, every time (it still reads the index's version, as a search
    # that misses the cache does). Other caches work as they do on a server.
    override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    ).enable()
    from migforum.core.search import service

    def uncached(key: str, build: Callable[[], object], *, version: Callable[[], object]):  # noqa: ANN202
        version()
        return build()

    service.cached_until_change = uncached

    from migforum.core.models import SearchRecord

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("init", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(
        f"installation ready in {time.perf_counter() - started:.0f} s "
        f"({connection.vendor}, {SearchRecord.objects.count():,} records)"
    )
    added, seconds = fill(args.passages, args.seed)
    if connection.vendor == "postgresql":
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE core_searchrecord")
            cursor.execute("VACUUM ANALYZE core_searchtext")
        print(f"vacuumed and analysed in {time.perf_counter() - started:.0f} s")
    total = SearchRecord.objects.count()
    print(
        f"added {added:,} records in {seconds:.0f} s; the index holds {total:,} records; "
        f"time budget {settings.SEARCH_TIME_BUDGET:g} s; {args.repeat} runs after a warm-up\n"
    )

    compare(args.repeat)
    breakdown(args.repeat)
    if args.explain:
        print("\nQuery plans:")
        for query in QUERIES:
            explain(query)
    return 0


if __name__ == "__main__":
    sys.exit(main())
