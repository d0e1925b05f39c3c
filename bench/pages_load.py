"""Page-load benchmark: every public page type under load, each next to a do-nothing floor.

What it measures
    Requests per second, p50/p99 latency and errors of every public page type, served as in
    production (`migforum serve`: granian, 2 workers x 2 threads) by a realistic installation:
    the reference data, the shipped evidence, the report of the 2006 High-level Dialogue, the
    193 statements of 2006 and 3,664 generated ones of the years after (3,857 in all), and
    5,000 generated practices. The URLs:

    * the JSON API: ``/api/v1/states``, ``/api/v1/states/MAR``, ``/api/v1/meetings``,
      ``/api/v1/documents?kind=statement``, ``/api/v1/practices``;
    * the HTML pages, in English and in Arabic (``/ar/...``): the home page, the States, a
      State, the meetings and a meeting, the documents, the 2006 report and a statement, the
      practices and a practice, the evidence, an indicator, the dataset of the migrant stock,
      a corridor and the send-money comparison;
    * searches and filtered lists over a rotating list of values, one per request in turn, so
      that no cache can answer them all: ``/search/?q=`` and ``/practices/?q=`` (both
      languages), ``/api/v1/search?q=``, ``/api/v1/practices?q=`` (5,000 queries: 200 words
      that the shipped statements and the practices both hold, and pairs of them that a
      statement holds together) and ``/api/v1/observations?...&country=&year_from=`` (every
      State with a migrant stock, from each year of 1990 to 2020). A run asks most values once,
      so that a page kept for one value seldom answers another request.

    Each URL's run comes right after a run on the floor, ``/health/live`` (a Django view that
    touches no database); "x floor" is the URL's requests/s divided by that floor's, the
    median of those ratios over ``--runs``. While a URL is under load, a probe GETs
    ``/health/live`` every 100 ms on a connection of its own; "floor wait max" is its longest
    wait, i.e. how long a cheap request queues behind the page. The resident memory of each
    server worker is read after the first full run and after the second (after the warm-up
    and the run, with ``--runs 1``), with its growth.

    The last lines say PASS or FAIL for each target of the issue "Speed under load": JSON API
    lists and details at least 0.30 x floor with p99 < 250 ms; HTML pages at least 0.10 x
    floor with p99 < 1 s; rotating searches and filtered lists at least 0.05 x floor with p99
    < 1 s; no floor wait over 250 ms; worker memory growing less than 10 %; on PostgreSQL,
    no page below 0.05 x floor. A URL with errors fails its line. The exit status is 0
    whatever the verdicts, and 1 only when the installation or the server could not be
    prepared.

How it works
    The installation is prepared by `migforum migrate`, `init`, `collectstatic`, `demo-data
    practices 5000` and `demo-data statements 3664` in a temporary directory (the var dir),
    removed at the end, also on errors; with ``--database-url`` the PostgreSQL database is
    dropped and created afresh first, and dropped at the end. With ``--keep-var-dir PATH`` the
    installation is prepared into PATH when it is empty and reused when this benchmark
    prepared it before (with the same database), so that repeated runs skip the minutes of
    preparation; both are kept. The pages' ids (a practice, a meeting, the documents, the
    dataset) and the countries are asked of the installation by `migforum shell`. The server
    and the floor are those of ``bench/http_load.py``, with its environment rules.

    The load is wrk's (``-t2 -c64`` by default); rotating URLs go through a Lua ``request``
    function cycling over a table of paths, each wrk thread starting half-way from the
    other. wrk counts statuses >= 400 as errors; each URL (and a few values of each rotating
    one) is first checked to answer 2xx, and a search to find something. Every URL is then
    warmed up under load for ``--warmup`` seconds, and measured ``--runs`` times.

How to run it
    .venv/bin/python bench/pages_load.py                                  # SQLite, about 45 minutes
    .venv/bin/python bench/pages_load.py --runs 1 --duration 5            # quicker
    .venv/bin/python bench/pages_load.py --keep-var-dir /tmp/pages-var    # prepare once, reuse
    .venv/bin/python bench/pages_load.py --only /evidence/ --only /ar/evidence/
    .venv/bin/python bench/pages_load.py --database-url postgres://postgres@127.0.0.1/pagesbench

    ``bench/page_profile.py`` profiles the same pages in-process on the same installation.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote_plus

sys.path.insert(0, str(Path(__file__).resolve().parent))

import http_load  # noqa: E402  (the benchmark helpers beside this file)
from http_load import FLOOR_PATH, HOST, LoadResult, ServerError, progress  # noqa: E402
from scratch_database import drop_postgres, fresh_postgres  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
STATEMENTS = ROOT / "src" / "migforum" / "documents" / "data" / "ungdc_session61_2006"
PHRASES = ROOT / "src" / "migforum" / "demo" / "data"

DEMO_PRACTICES = 5000
DEMO_STATEMENTS = 3664
PREPARATION_STEPS = (
    *http_load.PREPARATION_STEPS,
    ("demo-data", "practices", str(DEMO_PRACTICES)),
    ("demo-data", "statements", str(DEMO_STATEMENTS)),
)
#: Written into a kept var dir once it is prepared: what was prepared, on which database.
PREPARED_MARKER = "pages-bench.json"

#: How many words the rotating searches cycle over, and the seed that picks them.
WORD_COUNT = 200
WORD_SEED = 14
#: How many distinct queries a rotating search cycles over (the words, and pairs of them).
QUERY_COUNT = 5000
#: The years a rotating list of observations starts from, beside its countries.
OBSERVATION_YEARS = range(1990, 2021)
#: A word is a search word when at least this many statements hold it.
WORD_MIN_STATEMENTS = 3
#: Fewer values than this would let a cache answer a rotating URL.
MIN_ROTATING_VALUES = 100

API, HTML, ROTATING = (
    "JSON API list and detail",
    "HTML page",
    "search and filtered list (rotating)",
)
#: The targets of the issue: the least share of the floor and the highest p99, by kind.
TARGETS = {API: (0.30, 250.0), HTML: (0.10, 1000.0), ROTATING: (0.05, 1000.0)}
MAX_FLOOR_WAIT_MS = 250.0
MAX_MEMORY_GROWTH = 0.10
#: On PostgreSQL, no page below this share of the floor.
MIN_POSTGRES_RATIO = 0.05

PROBE_INTERVAL_S = 0.1
#: Before a floor run, the server has finished the previous URL's queued requests once the
#: floor answers this fast twice in a row (or after `SETTLE_TIMEOUT_S`).
SETTLED_MS = 20.0
SETTLE_TIMEOUT_S = 30.0
#: How many values of a rotating URL are checked before it is measured.
CHECKED_VALUES = 3
FOUND_MARKER = http_load.FOUND_MARKER

#: Asked of the installation by `migforum shell -c`: the ids of the pages and the countries
#: with a migrant stock; prints one line of JSON.
IDS_PROGRAM = """
import json
from migforum.documents.models import Document
from migforum.evidence.models import Dataset, Observation
from migforum.meetings.models import Meeting
from migforum.members.models import State
from migforum.practices.models import Practice
states = set(State.objects.values_list("iso3", flat=True))
stocks = Observation.objects.filter(indicator="migrant_stock", partner="")
print(json.dumps({
    "practice": Practice.objects.filter(review_status="published").order_by("pk").first().pk,
    "meeting": Meeting.objects.order_by("start_date", "pk").first().pk,
    "report": Document.objects.filter(
        kind="report", title__startswith="The High-level Dialogue"
    ).order_by("pk").first().pk,
    "statement": Document.objects.get(kind="statement", state__iso3="MAR", year=2006).pk,
    "dataset": Dataset.objects.filter(
        pk__in=stocks.values("dataset")
    ).order_by("pk").first().pk,
    "countries": sorted(states & set(stocks.values_list("country", flat=True).distinct())),
}))
"""

WRK_ROTATING_SCRIPT = """\
paths = {{{paths}}}
local threads = 0
setup = function(thread)
  thread:set("counter", threads * math.floor(#paths / 2))
  threads = threads + 1
end
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
"""


@dataclass(frozen=True)
class Page:
    """One URL to measure; a rotating one has many paths, requested in turn."""

    label: str
    kind: str
    paths: tuple[str, ...]
    #: A search: its answer holds a highlighted word when it found something.
    searches: bool = False


@dataclass
class PageRun:
    floor: LoadResult
    page: LoadResult
    floor_wait_max_ms: float
    probe_failures: int


@dataclass
class Summary:
    page: Page
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    floor_ratio: float
    floor_requests_per_second: float
    floor_wait_max_ms: float
    non_2xx: int
    socket_errors: int
    notes: list[str] = field(default_factory=list)

    @property
    def had_errors(self) -> bool:
        return bool(self.non_2xx or self.socket_errors or self.notes)


# --- Command line ---------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Load-test every public page type (see the module docstring).",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    http_load.add_load_arguments(parser)
    parser.add_argument(
        "--keep-var-dir",
        type=Path,
        default=None,
        help="prepare the installation into this directory if it is empty, reuse it if this "
        "benchmark prepared it; keep it (and the database) at the end",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="SUBSTRING",
        help="measure only the URLs whose label holds this (repeatable)",
    )
    args = parser.parse_args(argv)
    http_load.check_load_arguments(parser, args)
    if shutil.which("wrk") is None:
        parser.error("wrk is not installed (the rotating URLs need its Lua scripts)")
    return args


# --- Installation ---------------------------------------------------------------------------


@contextlib.contextmanager
def installation(args: argparse.Namespace, work_dir: Path) -> Iterator[Path]:
    """The var dir of a prepared installation: a kept one, or a temporary one removed at the
    end with its database."""
    database = http_load.describe_database(args.database_url)
    log_path = work_dir / "server.log"
    if args.keep_var_dir is not None:
        var_dir = args.keep_var_dir.resolve()
        var_dir.mkdir(parents=True, exist_ok=True)
        marker = var_dir / PREPARED_MARKER
        if marker.exists():
            prepared_on = json.loads(marker.read_text())["database"]
            if prepared_on != database:
                raise ServerError(f"{var_dir} was prepared on {prepared_on}, not on {database}")
            progress(f"reusing the installation prepared in {var_dir}")
        elif any(var_dir.iterdir()):
            raise ServerError(f"{var_dir} is neither empty nor prepared by this benchmark")
        else:
            try:
                prepare(args, var_dir, log_path)
            except BaseException:
                # Only what this run put there: the directory was empty.
                shutil.rmtree(var_dir, ignore_errors=True)
                var_dir.mkdir(parents=True, exist_ok=True)
                raise
            marker.write_text(json.dumps({"database": database, "steps": PREPARATION_STEPS}))
        yield var_dir
        return
    var_dir = work_dir / "var"
    var_dir.mkdir()
    try:
        prepare(args, var_dir, log_path)
        yield var_dir
    finally:
        if args.database_url:
            with contextlib.suppress(Exception):
                drop_postgres(args.database_url)


def describe_installation(args: argparse.Namespace) -> str:
    if args.keep_var_dir is not None and not args.database_url:
        return f"SQLite in {args.keep_var_dir}"
    return http_load.describe_database(args.database_url)


def prepare(args: argparse.Namespace, var_dir: Path, log_path: Path) -> None:
    started = time.monotonic()
    if args.database_url:
        progress(f"creating {http_load.describe_database(args.database_url)} afresh")
        fresh_postgres(args.database_url)
    env = http_load.server_environment(var_dir, args.database_url)
    http_load.prepare_installation(
        http_load.migforum_executable(), env, log_path, steps=PREPARATION_STEPS
    )
    progress(f"installation prepared in {time.monotonic() - started:.0f} s")


def ask_installation(env: dict[str, str]) -> dict:
    completed = subprocess.run(
        [http_load.migforum_executable(), "shell", "--no-startup", "-c", IDS_PROGRAM],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise ServerError(f"asking the installation for its ids failed:\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


# --- The pages ------------------------------------------------------------------------------


def search_words() -> list[str]:
    """`WORD_COUNT` words that the shipped statements hold (each in a few of them) and the
    English phrases of the generated practices too, so that every search finds something."""
    in_statements = statement_words()
    counted: dict[str, int] = {}
    for words in in_statements:
        for word in words:
            counted[word] = counted.get(word, 0) + 1
    in_practices: set[str] = set()
    for path in sorted(PHRASES.glob("*.json")):
        in_practices |= english_words(json.loads(path.read_text(encoding="utf-8")))
    both = sorted(w for w, n in counted.items() if n >= WORD_MIN_STATEMENTS and w in in_practices)
    rng = random.Random(WORD_SEED)  # noqa: S311  a repeatable choice, not a secret
    return rng.sample(both, min(WORD_COUNT, len(both)))


def statement_words() -> list[set[str]]:
    """The words of five letters or more of each shipped statement."""
    found = []
    for path in sorted(STATEMENTS.glob("*.txt")):
        text = re.sub(r"-\s*\n\s*", "", path.read_text(encoding="utf-8"))
        found.append({w.lower() for w in re.findall(r"[A-Za-z]{5,}", text)})
    return found


def search_queries(words: list[str]) -> list[str]:
    """`QUERY_COUNT` distinct queries: each word alone, then pairs of them that one statement
    holds together, shuffled. A run of a few thousand requests asks most of them once: a page
    kept for one query rarely serves another request."""
    rng = random.Random(WORD_SEED)  # noqa: S311  a repeatable choice, not a secret
    in_statements = statement_words()
    pairs = sorted(
        {
            f"{first} {second}"
            for words_of_one in in_statements
            for first in words
            if first in words_of_one
            for second in words
            if second > first and second in words_of_one
        }
    )
    queries = list(words) + rng.sample(pairs, min(len(pairs), QUERY_COUNT - len(words)))
    rng.shuffle(queries)
    return queries


def english_words(value: object) -> set[str]:
    """The words of every English phrase ("en") in the phrase data."""
    if isinstance(value, dict):
        return set().union(
            *(
                {w.lower() for w in re.findall(r"[A-Za-z]{5,}", v)}
                if k == "en" and isinstance(v, str)
                else english_words(v)
                for k, v in value.items()
            )
        )
    if isinstance(value, list):
        return set().union(*(english_words(v) for v in value))
    return set()


def pages(ids: dict, words: list[str]) -> list[Page]:
    """Every URL measured, in the order of the issue's table, then the pages it adds."""
    html = [
        "/",
        "/states/",
        "/states/MAR/",
        "/meetings/",
        f"/meetings/{ids['meeting']}/",
        "/documents/",
        f"/documents/{ids['report']}/",
        f"/documents/{ids['statement']}/",
        "/practices/",
        f"/practices/{ids['practice']}/",
        "/evidence/",
        "/evidence/corridors/USA-MEX/",
        "/evidence/send-money/?sender=USA&receiver=MEX&amount=200",
        "/evidence/indicators/migrant_stock/",
        f"/evidence/datasets/{ids['dataset']}/",
    ]
    found: list[Page] = [
        Page(path, API, (path,))
        for path in (
            "/api/v1/states",
            "/api/v1/states/MAR",
            "/api/v1/meetings",
            "/api/v1/documents?kind=statement",
            "/api/v1/practices",
        )
    ]
    observations = (
        "/api/v1/observations?indicator=migrant_stock&country={iso3}&partner=none&year_from={year}"
    )
    every_observation = [
        observations.format(iso3=iso3, year=year)
        for year in OBSERVATION_YEARS
        for iso3 in ids["countries"]
    ]
    random.Random(WORD_SEED).shuffle(every_observation)  # noqa: S311  repeatable order
    found.append(Page(observations, ROTATING, tuple(every_observation)))
    for template in ("/api/v1/practices?q={q}", "/api/v1/search?q={q}"):
        found.append(rotating(template, words))
    for prefix in ("", "/ar"):
        found += [Page(prefix + path, HTML, (prefix + path,)) for path in html]
        for template in ("/practices/?q={q}", "/search/?q={q}"):
            found.append(rotating(prefix + template, words))
    return found


def rotating(template: str, words: list[str]) -> Page:
    return Page(
        template,
        ROTATING,
        tuple(template.format(q=quote_plus(word)) for word in words),
        searches="search" in template,
    )


def chosen(all_pages: list[Page], only: list[str]) -> list[Page]:
    if not only:
        return all_pages
    return [p for p in all_pages if any(part in p.label for part in only)]


# --- Load -----------------------------------------------------------------------------------


class Load:
    """wrk on the server, with a script for each URL."""

    def __init__(self, args: argparse.Namespace, port: int, work_dir: Path) -> None:
        self.args = args
        self.port = port
        self.work_dir = work_dir
        self.report = work_dir / "report.lua"
        self.report.write_text(http_load.WRK_REPORT_SCRIPT)
        self.scripts: dict[str, Path] = {}

    def script(self, page: Page) -> Path:
        if len(page.paths) == 1:
            return self.report
        if page.label not in self.scripts:
            path = self.work_dir / f"rotating-{len(self.scripts)}.lua"
            listed = ", ".join(lua_string(p) for p in page.paths)
            path.write_text(
                WRK_ROTATING_SCRIPT.format(paths=listed) + "\n" + http_load.WRK_REPORT_SCRIPT
            )
            self.scripts[page.label] = path
        return self.scripts[page.label]

    def run(self, page: Page, duration: float) -> LoadResult:
        return http_load.run_wrk(
            self.port,
            page.paths[0],
            duration,
            self.args.connections,
            self.args.threads,
            self.script(page),
        )

    def floor(self, duration: float) -> LoadResult:
        """A floor run on a server that has finished its previous work."""
        settle(self.port)
        return self.run(Page(FLOOR_PATH, API, (FLOOR_PATH,)), duration)


def settle(port: int) -> None:
    """Wait until the server answers the floor quickly: wrk leaves requests queued behind a
    slow page, which would otherwise be counted against the next floor run."""
    deadline = time.monotonic() + SETTLE_TIMEOUT_S
    quick = 0
    while quick < 2 and time.monotonic() < deadline:
        sent = time.perf_counter()
        try:
            http_load.fetch(port, FLOOR_PATH)
        except (OSError, http.client.HTTPException):
            quick = 0
            time.sleep(0.1)
            continue
        quick = quick + 1 if (time.perf_counter() - sent) * 1e3 < SETTLED_MS else 0


def lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class FloorProbe:
    """GETs the floor every 100 ms on a connection of its own; keeps the longest wait."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.worst_ms = 0.0
        self.failures = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.probe, daemon=True)

    def __enter__(self) -> FloorProbe:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.thread.join()

    def probe(self) -> None:
        connection: http.client.HTTPConnection | None = None
        while not self.stopped.is_set():
            sent = time.perf_counter()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(
                        HOST, self.port, timeout=http_load.REQUEST_TIMEOUT_S
                    )
                connection.request("GET", FLOOR_PATH)
                response = connection.getresponse()
                response.read()
                if response.will_close:
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException):
                self.failures += 1
                if connection is not None:
                    connection.close()
                connection = None
            waited = time.perf_counter() - sent
            self.worst_ms = max(self.worst_ms, waited * 1e3)
            self.stopped.wait(max(0.0, PROBE_INTERVAL_S - waited))
        if connection is not None:
            connection.close()


# --- Memory ---------------------------------------------------------------------------------


def group_processes(group: int) -> dict[int, tuple[int, str]]:
    """The processes of a process group: pid -> (parent pid, command line)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:
            continue
        # pid (comm) state ppid pgrp ...: the command name may hold spaces and parentheses.
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == group:
            found[int(entry.name)] = (int(fields[1]), command)
    return found


def worker_memory(group: int) -> dict[int, int]:
    """The resident memory (kB) of each server worker: granian's processes under its main
    one, without the background worker that `migforum serve` starts beside it."""
    processes = group_processes(group)
    background = {
        pid for pid, (_parent, command) in processes.items() if "migforum.core.worker" in command
    }
    workers = {
        pid
        for pid, (parent, command) in processes.items()
        if parent == group and pid not in background and "resource_tracker" not in command
    }
    return {pid: resident_kb(pid) for pid in sorted(workers)}


def resident_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


# --- Benchmark ------------------------------------------------------------------------------


def check(port: int, page: Page) -> list[str]:
    """GET the URL (a few values of a rotating one); what is wrong with the answers."""
    notes = []
    checked = page.paths[:: max(1, len(page.paths) // CHECKED_VALUES)][:CHECKED_VALUES]
    for path in checked:
        try:
            status, body = http_load.fetch(port, path)
        except (OSError, http.client.HTTPException) as error:
            notes.append(f"{path}: {error}")
            continue
        progress(f"check {path}: HTTP {status}, {len(body)} bytes")
        if not 200 <= status < 300:
            notes.append(f"{path} answers HTTP {status}")
        elif page.searches and FOUND_MARKER not in body:
            notes.append(f"{path} found nothing")
    return notes


def measure(
    port: int, load: Load, measured: list[Page], args: argparse.Namespace, server_group: int
) -> tuple[dict[str, list[PageRun]], dict[str, list[str]], list[tuple[str, dict[int, int]]]]:
    notes = {page.label: check(port, page) for page in measured}
    memory: list[tuple[str, dict[int, int]]] = []
    if args.warmup > 0:
        for page in measured:
            progress(f"warm-up {page.label}")
            load.run(page, args.warmup)
        memory.append(("after the warm-up", worker_memory(server_group)))
    runs: dict[str, list[PageRun]] = {page.label: [] for page in measured}
    for run in range(1, args.runs + 1):
        for page in measured:
            floor = load.floor(args.duration)
            with FloorProbe(port) as probe:
                result = load.run(page, args.duration)
            runs[page.label].append(PageRun(floor, result, probe.worst_ms, probe.failures))
            progress(
                f"run {run}/{args.runs} {page.label}: {result.requests_per_second:.0f} req/s "
                f"(floor {floor.requests_per_second:.0f}), p50 {result.p50_ms:.1f} ms, "
                f"p99 {result.p99_ms:.1f} ms, floor wait max {probe.worst_ms:.0f} ms"
            )
        memory.append((f"after run {run}", worker_memory(server_group)))
    return runs, notes, memory


def summarize(
    measured: list[Page], runs: dict[str, list[PageRun]], notes: dict[str, list[str]]
) -> list[Summary]:
    summaries = []
    for page in measured:
        page_runs = runs[page.label]
        ratios = [
            r.page.requests_per_second / r.floor.requests_per_second
            if r.floor.requests_per_second
            else 0.0
            for r in page_runs
        ]
        probe_failures = sum(r.probe_failures for r in page_runs)
        floor_errors = sum(r.floor.non_2xx + r.floor.socket_errors for r in page_runs)
        summaries.append(
            Summary(
                page=page,
                requests_per_second=statistics.median(
                    r.page.requests_per_second for r in page_runs
                ),
                p50_ms=statistics.median(r.page.p50_ms for r in page_runs),
                p99_ms=statistics.median(r.page.p99_ms for r in page_runs),
                floor_ratio=statistics.median(ratios),
                floor_requests_per_second=statistics.median(
                    r.floor.requests_per_second for r in page_runs
                ),
                floor_wait_max_ms=max(r.floor_wait_max_ms for r in page_runs),
                non_2xx=sum(r.page.non_2xx for r in page_runs),
                socket_errors=sum(r.page.socket_errors for r in page_runs),
                notes=notes.get(page.label, [])
                + ([f"{probe_failures} floor probes failed"] if probe_failures else [])
                + ([f"{floor_errors} errors in the floor runs"] if floor_errors else []),
            )
        )
    return summaries


def print_table(summaries: list[Summary]) -> None:
    width = max(len("URL"), *(len(s.page.label) for s in summaries))
    header = (
        f"{'URL':<{width}}  {'req/s':>8}  {'p50 ms':>8}  {'p99 ms':>8}  {'x floor':>7}  "
        f"{'floor req/s':>11}  {'floor wait max ms':>17}  errors (all runs)"
    )
    print(header)
    print("-" * len(header))
    for kind in (API, ROTATING, HTML):
        for s in (s for s in summaries if s.page.kind == kind):
            problems = []
            if s.non_2xx:
                problems.append(f"{s.non_2xx} non-2xx")
            if s.socket_errors:
                problems.append(f"{s.socket_errors} socket errors")
            problems += s.notes
            print(
                f"{s.page.label:<{width}}  {s.requests_per_second:>8.1f}  {s.p50_ms:>8.1f}  "
                f"{s.p99_ms:>8.1f}  {s.floor_ratio:>7.2f}  {s.floor_requests_per_second:>11.0f}  "
                f"{s.floor_wait_max_ms:>17.0f}  {'; '.join(problems) or '-'}"
            )


def print_memory(memory: list[tuple[str, dict[int, int]]]) -> float | None:
    """The workers' memory after the last two full runs; returns the largest growth."""
    if len(memory) < 2:
        print("worker memory: needs two full runs (--runs 2, or a warm-up)")
        return None
    # The first two measured runs when there are two, else the warm-up and the run.
    measured = [m for m in memory if m[0].startswith("after run")]
    (first_label, first), (second_label, second) = measured[:2] if len(measured) > 1 else memory
    growths = []
    print(f"worker memory (RSS), {first_label} -> {second_label}:")
    for pid in sorted(first.keys() | second.keys()):
        before, after = first.get(pid, 0), second.get(pid, 0)
        growth = (after - before) / before if before else 0.0
        growths.append(growth)
        print(f"  worker {pid}: {before / 1024:.1f} MB -> {after / 1024:.1f} MB ({growth:+.1%})")
    return max(growths) if growths else None


def verdict(summaries: list[Summary], growth: float | None, on_postgres: bool) -> list[str]:
    lines = []
    for kind, (ratio, p99) in TARGETS.items():
        of_kind = [s for s in summaries if s.page.kind == kind]
        if not of_kind:
            continue
        short = [
            f"{s.page.label} ({s.floor_ratio:.2f}, p99 {s.p99_ms:.0f} ms"
            + (", errors" if s.had_errors else "")
            + ")"
            for s in of_kind
            if s.floor_ratio < ratio or s.p99_ms >= p99 or s.had_errors
        ]
        lines.append(
            f"{'FAIL' if short else 'PASS'}: every {kind} >= {ratio:.2f} x floor with p99 < "
            f"{p99:.0f} ms"
            + (f"; {len(short)} of {len(of_kind)} fall short: {', '.join(short)}" if short else "")
        )
    waiting = [
        f"{s.page.label} ({s.floor_wait_max_ms:.0f} ms)"
        for s in summaries
        if s.floor_wait_max_ms > MAX_FLOOR_WAIT_MS
    ]
    lines.append(
        f"{'FAIL' if waiting else 'PASS'}: no page makes {FLOOR_PATH} wait over "
        f"{MAX_FLOOR_WAIT_MS:.0f} ms"
        + (f"; {len(waiting)} do: {', '.join(waiting)}" if waiting else "")
    )
    if growth is None:
        lines.append("FAIL: worker memory growth unknown (needs two full runs)")
    else:
        lines.append(
            f"{'PASS' if growth < MAX_MEMORY_GROWTH else 'FAIL'}: worker memory grows less than "
            f"{MAX_MEMORY_GROWTH:.0%} over a run (at most {growth:+.1%})"
        )
    if on_postgres:
        low = [
            f"{s.page.label} ({s.floor_ratio:.2f})"
            for s in summaries
            if s.floor_ratio < MIN_POSTGRES_RATIO
        ]
        lines.append(
            f"{'FAIL' if low else 'PASS'}: no page below {MIN_POSTGRES_RATIO:.2f} x floor on "
            "PostgreSQL" + (f"; {len(low)} are: {', '.join(low)}" if low else "")
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, http_load.exit_on_sigterm)
    with tempfile.TemporaryDirectory(prefix="migforum-pages-bench-") as temp:
        work_dir = Path(temp)
        log_path = work_dir / "server.log"
        try:
            port = args.port if args.port is not None else http_load.free_port()
            http_load.ensure_port_free(port)
            migforum = http_load.migforum_executable()
            with installation(args, work_dir) as var_dir:
                env = http_load.server_environment(var_dir, args.database_url)
                ids = ask_installation(env)
                words = search_queries(search_words())
                if min(len(words), len(ids["countries"])) < MIN_ROTATING_VALUES:
                    raise ServerError(
                        f"too few values to rotate: {len(words)} words, "
                        f"{len(ids['countries'])} countries"
                    )
                measured = chosen(pages(ids, words), args.only)
                if not measured:
                    raise ServerError(f"no URL holds {' or '.join(args.only)}")
                minutes = len(measured) * (args.warmup + 2 * args.duration * args.runs) / 60
                progress(f"{len(measured)} URLs, about {minutes:.0f} minutes of load")
                with http_load.running_server(migforum, env, args, port, log_path) as server:
                    try:
                        http_load.wait_until_live(server, port, args.startup_timeout)
                    except ServerError as error:
                        raise ServerError(f"{error}\n{http_load.log_tail(log_path)}") from error
                    progress(f"server up on http://{HOST}:{port}/")
                    load = Load(args, port, work_dir)
                    runs, notes, memory = measure(port, load, measured, args, server.pid)
        except ServerError as error:
            print(f"bench/pages_load.py: {error}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print("bench/pages_load.py: interrupted; the server was stopped.", file=sys.stderr)
            return 130

    print(
        f"migforum serve: {args.workers} workers x {args.server_threads} threads; "
        f"database: {describe_installation(args)}; "
        f"{DEMO_PRACTICES:,} demo practices, 193 + {DEMO_STATEMENTS:,} statements"
    )
    print(
        f"load: wrk, {args.connections} connections, {args.threads} threads, "
        f"{args.duration} s per URL after a {args.duration} s floor run, median of "
        f"{args.runs} run(s); floor = {FLOOR_PATH}; rotating URLs: {len(words)} words, "
        f"{len(ids['countries'])} countries"
    )
    print()
    summaries = summarize(measured, runs, notes)
    print_table(summaries)
    print()
    growth = print_memory(memory)
    print()
    print("\n".join(verdict(summaries, growth, on_postgres=bool(args.database_url))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
