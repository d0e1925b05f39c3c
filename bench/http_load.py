"""HTTP benchmark: how fast the platform answers its main pages, next to a do-nothing floor.

What it measures
    Requests per second and the p50/p99 latency of a few representative URLs, served as in
    production (`migforum serve`: granian running the WSGI application, WhiteNoise for static
    files) from a freshly prepared installation:

    * ``/health/live``           the floor: a Django view that does nothing and touches no
                                 database, i.e. the cost of the server, the middleware and routing;
    * ``/``                      the home page;
    * ``/states/``               the list of States (HTML);
    * ``/api/v1/states``         the list of States (JSON API);
    * ``/search/?q=morocco``     the search page, for a State's name (a shortcut above the
                                 results);
    * ``/search/?q=migration``   the search page for a word the shipped statements hold
                                 hundreds of times: exact counts by type, a ranked page, passages;
    * ``/api/v1/search?q=remittances``  the same search through the API.

    Every figure is the median over ``--runs`` runs. The "x floor" column is each URL's
    requests/s divided by the floor's requests/s *in the same run* (then the median of those
    ratios), so it is comparable between machines. The last lines say whether ``/api/v1/states``
    reaches at least half the floor's throughput with a p99 under 100 ms and no errors, and
    whether each search URL reaches at least a tenth of it with no errors (PASS/FAIL; the exit
    status is 0 either way, and 1 only when the server could not be prepared or started).

How it works
    A temporary directory becomes ``MIGFORUM_VAR_DIR``; ``migforum migrate``, ``init`` and
    ``collectstatic`` prepare it, then ``migforum serve`` starts in its own process group, bound
    to 127.0.0.1 only. The server runs with the platform's defaults: ``MIGFORUM_*``,
    ``DATABASE_URL`` and ``REDIS_URL`` from the caller's environment are not passed on, except
    the database given with ``--database-url``. Once ``/health/live`` answers, each URL is
    checked once (its status must be 2xx, and a search must find something: its answer
    holds a highlighted word) and warmed up under load for ``--warmup`` seconds,
    then measured. The server's whole process group is stopped at the end, also on errors,
    Ctrl-C or SIGTERM.

    The load comes from wrk when it is installed (a Lua ``done`` hook reports the exact
    percentiles and counts; wrk counts HTTP statuses >= 400 as errors, redirects are caught by
    the status check before the run). Without wrk, a Python load generator with one thread and
    one keep-alive ``http.client`` connection per ``--connections`` stands in; it is itself
    limited by the GIL, so its figures are lower bounds and not comparable with wrk's.

    The load generator shares the machine with the server: on a 2-core machine the absolute
    figures are modest; compare ratios, and compare runs made on the same machine.

How to run it
    .venv/bin/python bench/http_load.py                          # SQLite in a temporary directory
    .venv/bin/python bench/http_load.py --duration 5 --runs 1    # quick check
    .venv/bin/python bench/http_load.py --database-url postgres://user:password@localhost/migforum_bench

    With ``--database-url`` the given PostgreSQL database is migrated and loaded with the
    reference data (both idempotent), so use a database meant for benchmarks.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

HOST = "127.0.0.1"
FLOOR_PATH = "/health/live"
API_PATH = "/api/v1/states"
#: Searches over the shipped data (the statements of 2006 and the evidence that `init` loads).
SEARCH_PATHS = ["/search/?q=morocco", "/search/?q=migration", "/api/v1/search?q=remittances"]
PATHS = [FLOOR_PATH, "/", "/states/", API_PATH, *SEARCH_PATHS]

#: The API must keep at least this share of the floor's requests/s ...
MIN_API_RATIO = 0.5
#: ... with a p99 latency below this.
MAX_API_P99_MS = 100.0
#: A search must keep at least this share of the floor's requests/s.
MIN_SEARCH_RATIO = 0.10
#: What a search's answer holds when it found something (HTML and JSON alike).
FOUND_MARKER = b"<mark>"

REQUEST_TIMEOUT_S = 10.0
#: Environment variables of the caller that would change what is measured.
DROPPED_ENV_PREFIXES = ("MIGFORUM_",)
DROPPED_ENV_NAMES = ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")

#: wrk calls `done` once at the end; it prints one line that `run_wrk` parses.
WRK_REPORT_SCRIPT = """\
done = function(summary, latency, requests)
  io.write(string.format(
    "BENCH_RESULT requests=%.0f duration_us=%.0f p50_us=%.0f p99_us=%.0f "
      .. "connect=%.0f read=%.0f write=%.0f timeout=%.0f status=%.0f\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.timeout, summary.errors.status))
end
"""
WRK_RESULT_PATTERN = re.compile(r"^BENCH_RESULT (?P<fields>.*)$", re.MULTILINE)


class ServerError(RuntimeError):
    """The installation could not be prepared or the server did not start."""


@dataclass(frozen=True)
class LoadResult:
    """One load-test run against one URL."""

    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    socket_errors: int

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True)
class Summary:
    """The medians over all runs for one URL."""

    path: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    floor_ratio: float
    non_2xx: int
    socket_errors: int
    note: str


# --- Command line ---------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Load-test the platform served as in production (see the module docstring).",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    add_load_arguments(parser)
    parser.add_argument(
        "--load-generator",
        choices=["auto", "wrk", "python"],
        default="auto",
        help="auto: wrk when installed, else the Python load generator",
    )
    args = parser.parse_args(argv)
    check_load_arguments(parser, args)
    if args.load_generator == "wrk" and shutil.which("wrk") is None:
        parser.error("wrk is not installed")
    return args


def add_load_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of the load, the server and the database, shared with the other HTTP
    benchmarks."""
    parser.add_argument("--duration", type=positive_int, default=10, help="seconds per run")
    parser.add_argument("--connections", type=positive_int, default=64, help="open connections")
    parser.add_argument("--threads", type=positive_int, default=2, help="wrk threads")
    parser.add_argument("--runs", type=positive_int, default=3, help="runs; medians are reported")
    parser.add_argument("--port", type=int, default=None, help="server port (default: a free one)")
    parser.add_argument("--workers", type=positive_int, default=2, help="server worker processes")
    parser.add_argument(
        "--server-threads", type=positive_int, default=2, help="blocking threads per worker"
    )
    parser.add_argument(
        "--database-url",
        default=None,
        help="benchmark this database (e.g. PostgreSQL) instead of a temporary SQLite file",
    )
    parser.add_argument(
        "--warmup", type=float, default=3.0, help="seconds of load per URL before measuring"
    )
    parser.add_argument(
        "--startup-timeout", type=float, default=60.0, help="seconds to wait for the server"
    )


def check_load_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    if args.threads > args.connections:
        parser.error("--threads cannot exceed --connections (wrk needs a connection per thread)")


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


# --- Server ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def ensure_port_free(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((HOST, port))
        except OSError as error:
            raise ServerError(f"port {port} on {HOST} is not free: {error}") from error


def server_environment(var_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(DROPPED_ENV_PREFIXES) and name not in DROPPED_ENV_NAMES
    }
    env["MIGFORUM_VAR_DIR"] = str(var_dir)
    env["MIGFORUM_ALLOWED_HOSTS"] = "127.0.0.1,localhost"
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def migforum_executable() -> str:
    beside_python = Path(sys.executable).parent / "migforum"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("migforum")
    if found is None:
        raise ServerError("the `migforum` command is not installed in this environment")
    return found


#: Migrate, load the reference data and collect the static files into the var dir.
PREPARATION_STEPS = (
    ("migrate", "--noinput"),
    ("init",),
    ("collectstatic", "--noinput", "--verbosity", "0"),
)


def prepare_installation(
    migforum: str,
    env: dict[str, str],
    log_path: Path,
    steps: Sequence[Sequence[str]] = PREPARATION_STEPS,
) -> None:
    """Run each `migforum` step on the installation (`PREPARATION_STEPS`, unless told)."""
    with log_path.open("ab") as log:
        for step in steps:
            progress(f"migforum {' '.join(step)}")
            completed = subprocess.run(
                [migforum, *step], env=env, stdout=log, stderr=subprocess.STDOUT, check=False
            )
            if completed.returncode != 0:
                raise ServerError(
                    f"`migforum {step[0]}` failed (exit {completed.returncode}):\n"
                    + log_tail(log_path)
                )


@contextmanager
def running_server(
    migforum: str, env: dict[str, str], args: argparse.Namespace, port: int, log_path: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """Run `migforum serve` in its own process group; stop the whole group on the way out."""
    command = [
        migforum,
        "serve",
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(args.workers),
        "--threads",
        str(args.server_threads),
    ]
    with log_path.open("ab") as log:
        server = subprocess.Popen(
            command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield server
    finally:
        stop_process_group(server)


def stop_process_group(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the process group (granian and its workers), then SIGKILL what is left."""
    group = process.pid  # start_new_session=True: the group id is the leader's pid
    signal_group(group, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        signal_group(group, signal.SIGKILL)
        process.wait()
    deadline = time.monotonic() + 5
    while group_is_alive(group) and time.monotonic() < deadline:
        time.sleep(0.1)
    if group_is_alive(group):
        signal_group(group, signal.SIGKILL)


def signal_group(group: int, signum: signal.Signals) -> None:
    try:
        os.killpg(group, signum)
    except ProcessLookupError:
        pass


def group_is_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def wait_until_live(server: subprocess.Popen[bytes], port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ServerError(f"the server exited with status {server.returncode}")
        try:
            status, _ = fetch(port, FLOOR_PATH, timeout=1.0)
        except (OSError, http.client.HTTPException):
            status = None
        if status == 200:
            return
        time.sleep(0.2)
    raise ServerError(f"{FLOOR_PATH} did not answer 200 within {timeout:.0f} s")


def fetch(port: int, path: str, timeout: float = REQUEST_TIMEOUT_S) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


# --- Load generators ------------------------------------------------------------------------


def run_wrk(
    port: int, path: str, duration: float, connections: int, threads: int, script: Path
) -> LoadResult:
    command = [
        "wrk",
        f"--threads={threads}",
        f"--connections={connections}",
        f"--duration={max(1, round(duration))}s",
        f"--timeout={REQUEST_TIMEOUT_S:.0f}s",
        f"--script={script}",
        f"http://{HOST}:{port}{path}",
    ]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    match = WRK_RESULT_PATTERN.search(completed.stdout)
    if completed.returncode != 0 or match is None:
        raise RuntimeError(
            f"wrk failed on {path} (exit {completed.returncode}):\n"
            f"{completed.stdout}{completed.stderr}"
        )
    fields = {
        name: float(value)
        for name, value in (item.split("=", 1) for item in match.group("fields").split())
    }
    return LoadResult(
        requests=int(fields["requests"]),
        seconds=fields["duration_us"] / 1e6,
        p50_ms=fields["p50_us"] / 1e3,
        p99_ms=fields["p99_us"] / 1e3,
        non_2xx=int(fields["status"]),
        socket_errors=int(fields["connect"] + fields["read"] + fields["write"] + fields["timeout"]),
    )


def run_python_load(port: int, path: str, duration: float, connections: int) -> LoadResult:
    """One thread per connection, each looping over keep-alive GETs until the deadline."""
    start = time.perf_counter()
    deadline = start + duration
    latencies: list[float] = []
    counts = {"non_2xx": 0, "socket_errors": 0}
    lock = threading.Lock()

    def client() -> None:
        own_latencies: list[float] = []
        non_2xx = socket_errors = 0
        connection: http.client.HTTPConnection | None = None
        while time.perf_counter() < deadline:
            if connection is None:
                connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_S)
            sent = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                socket_errors += 1
                connection.close()
                connection = None
                continue
            own_latencies.append(time.perf_counter() - sent)
            if not 200 <= response.status < 300:
                non_2xx += 1
            if response.will_close:
                connection.close()
                connection = None
        if connection is not None:
            connection.close()
        with lock:
            latencies.extend(own_latencies)
            counts["non_2xx"] += non_2xx
            counts["socket_errors"] += socket_errors

    clients = [threading.Thread(target=client, daemon=True) for _ in range(connections)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    elapsed = time.perf_counter() - start
    return LoadResult(
        requests=len(latencies),
        seconds=elapsed,
        p50_ms=percentile(latencies, 50) * 1e3,
        p99_ms=percentile(latencies, 99) * 1e3,
        non_2xx=counts["non_2xx"],
        socket_errors=counts["socket_errors"],
    )


def percentile(values: list[float], rank: float) -> float:
    """Nearest-rank percentile (as wrk reports it); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(rank / 100 * len(ordered)) - 1))
    return ordered[index]


LoadGenerator = Callable[[str, float], LoadResult]


def uses_wrk(args: argparse.Namespace) -> bool:
    return args.load_generator == "wrk" or (
        args.load_generator == "auto" and shutil.which("wrk") is not None
    )


def make_load_generator(args: argparse.Namespace, port: int, work_dir: Path) -> LoadGenerator:
    if uses_wrk(args):
        script = work_dir / "report.lua"
        script.write_text(WRK_REPORT_SCRIPT)
        return lambda path, duration: run_wrk(
            port, path, duration, args.connections, args.threads, script
        )
    return lambda path, duration: run_python_load(port, path, duration, args.connections)


# --- Benchmark ------------------------------------------------------------------------------


def check_and_warm_up(port: int, load: LoadGenerator, warmup: float) -> dict[str, str]:
    """GET each URL once (notes any non-2xx status), then load it briefly; returns the notes."""
    notes: dict[str, str] = {}
    for path in PATHS:
        try:
            status, body = fetch(port, path)
        except (OSError, http.client.HTTPException) as error:
            notes[path] = f"check failed: {error}"
            progress(f"check {path}: {error}")
            continue
        progress(f"check {path}: HTTP {status}, {len(body)} bytes")
        if not 200 <= status < 300:
            notes[path] = f"answers HTTP {status}"
        elif path in SEARCH_PATHS and FOUND_MARKER not in body:
            notes[path] = "found nothing"
        if warmup > 0:
            load(path, warmup)
    return notes


def measure(runs: int, duration: float, load: LoadGenerator) -> dict[str, list[LoadResult]]:
    results: dict[str, list[LoadResult]] = {path: [] for path in PATHS}
    for run in range(1, runs + 1):
        for path in PATHS:
            result = load(path, duration)
            results[path].append(result)
            progress(
                f"run {run}/{runs} {path}: {result.requests_per_second:.0f} req/s, "
                f"p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms"
            )
    return results


def summarize(results: dict[str, list[LoadResult]], notes: dict[str, str]) -> list[Summary]:
    floor_runs = results[FLOOR_PATH]
    summaries = []
    for path, runs in results.items():
        ratios = [
            run.requests_per_second / floor.requests_per_second
            if floor.requests_per_second
            else 0.0
            for run, floor in zip(runs, floor_runs, strict=True)
        ]
        summaries.append(
            Summary(
                path=path,
                requests_per_second=statistics.median(r.requests_per_second for r in runs),
                p50_ms=statistics.median(r.p50_ms for r in runs),
                p99_ms=statistics.median(r.p99_ms for r in runs),
                floor_ratio=statistics.median(ratios),
                non_2xx=sum(r.non_2xx for r in runs),
                socket_errors=sum(r.socket_errors for r in runs),
                note=notes.get(path, ""),
            )
        )
    return summaries


def print_table(summaries: list[Summary]) -> None:
    width = max(len("URL"), *(len(s.path) for s in summaries))
    header = (
        f"{'URL':<{width}}  {'req/s':>9}  {'p50 ms':>8}  {'p99 ms':>8}  {'x floor':>7}  "
        "non-2xx / errors (all runs)"
    )
    print(header)
    print("-" * len(header))
    for s in summaries:
        problems = []
        if s.non_2xx:
            problems.append(f"{s.non_2xx} non-2xx")
        if s.socket_errors:
            problems.append(f"{s.socket_errors} socket errors")
        if s.note:
            problems.append(s.note)
        print(
            f"{s.path:<{width}}  {s.requests_per_second:>9.1f}  {s.p50_ms:>8.2f}  "
            f"{s.p99_ms:>8.2f}  {s.floor_ratio:>7.2f}  {'; '.join(problems) or '-'}"
        )


def had_errors(summary: Summary) -> bool:
    return bool(summary.non_2xx or summary.socket_errors or summary.note)


def verdict(summaries: list[Summary]) -> list[str]:
    """One PASS/FAIL line for the API's target, then one for each search URL."""
    api = next(s for s in summaries if s.path == API_PATH)
    passed = api.floor_ratio >= MIN_API_RATIO and api.p99_ms < MAX_API_P99_MS
    lines = [
        f"{'PASS' if passed and not had_errors(api) else 'FAIL'}: {API_PATH} reaches "
        f"{api.floor_ratio:.2f} of the floor's requests/s (needs >= {MIN_API_RATIO}) with p99 "
        f"{api.p99_ms:.1f} ms (needs < {MAX_API_P99_MS:.0f} ms)"
        + ("; it had errors" if had_errors(api) else "")
    ]
    for search in (s for s in summaries if s.path in SEARCH_PATHS):
        passed = search.floor_ratio >= MIN_SEARCH_RATIO and not had_errors(search)
        lines.append(
            f"{'PASS' if passed else 'FAIL'}: {search.path} reaches {search.floor_ratio:.2f} of "
            f"the floor's requests/s (needs >= {MIN_SEARCH_RATIO})"
            + ("; it had errors" if had_errors(search) else "")
        )
    return lines


def describe_database(database_url: str | None) -> str:
    if not database_url:
        return "SQLite (temporary var dir)"
    parts = urlsplit(database_url)
    location = parts.hostname or "local socket"
    if parts.port:
        location += f":{parts.port}"
    return f"{parts.scheme} at {location}{parts.path}"  # never prints the credentials


def progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def log_tail(log_path: Path, lines: int = 30) -> str:
    try:
        text = log_path.read_text(errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds through the `finally` that stops the server


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    with tempfile.TemporaryDirectory(prefix="migforum-bench-") as temp:
        work_dir = Path(temp)
        var_dir = work_dir / "var"
        var_dir.mkdir()
        log_path = work_dir / "server.log"
        env = server_environment(var_dir, args.database_url)
        try:
            port = args.port if args.port is not None else free_port()
            ensure_port_free(port)
            migforum = migforum_executable()
            prepare_installation(migforum, env, log_path)
            with running_server(migforum, env, args, port, log_path) as server:
                try:
                    wait_until_live(server, port, args.startup_timeout)
                except ServerError as error:
                    raise ServerError(f"{error}\n{log_tail(log_path)}") from error
                progress(f"server up on http://{HOST}:{port}/")
                load = make_load_generator(args, port, work_dir)
                notes = check_and_warm_up(port, load, args.warmup)
                results = measure(args.runs, args.duration, load)
        except ServerError as error:
            print(f"bench/http_load.py: {error}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print("bench/http_load.py: interrupted; the server was stopped.", file=sys.stderr)
            return 130

    generator = "wrk" if uses_wrk(args) else "python"
    print(
        f"migforum serve: {args.workers} workers x {args.server_threads} threads; "
        f"database: {describe_database(args.database_url)}"
    )
    print(
        f"load: {generator}, {args.connections} connections"
        + (f", {args.threads} threads" if generator == "wrk" else "")
        + f", {args.duration} s per URL, median of {args.runs} run(s); floor = {FLOOR_PATH}"
    )
    print()
    summaries = summarize(results, notes)
    print_table(summaries)
    print()
    print("\n".join(verdict(summaries)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
