"""Corridor page benchmark: p50, p95 and p99 latency of GET /evidence/corridors/USA-MEX/ under
concurrent load, with the real evidence imported.

What it measures
    A temporary installation is prepared as `make run` prepares one (`migforum migrate`,
    `init` — which imports every shipped evidence file: UN DESA stocks, World Bank–KNOMAD
    remittances, Remittance Prices Worldwide and WDI costs — and `collectstatic`), then served
    by `migforum serve` (granian, as in production). After a warm-up, ``--connections``
    keep-alive clients request the corridor page for ``--duration`` seconds; the same is done
    for ``/health/live``, the do-nothing floor of the same server, so the figures can be read
    against the machine. Every run prints requests/s and the p50/p95/p99 latencies; the last
    lines are the medians over ``--runs`` runs.

    The load generator is Python threads in this process (one keep-alive connection each),
    sharing the machine with the server: its figures are an upper bound on latency; compare
    runs made on the same machine.

How to run it
    .venv/bin/python bench/corridor_load.py                     # SQLite, 3 runs of 10 s
    .venv/bin/python bench/corridor_load.py --duration 5 --runs 1
    .venv/bin/python bench/corridor_load.py --database-url postgres://postgres@127.0.0.1/bench

The reusable parts (preparing the installation, running and stopping the server) come from
`bench/http_load.py`.
"""

from __future__ import annotations

import argparse
import http.client
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import http_load  # noqa: E402  (the benchmark helpers beside this file)

CORRIDOR_PATH = "/evidence/corridors/USA-MEX/"
#: What the page must say for the figures to mean anything: the corridor's 2020 migrants.
CORRIDOR_CHECK = b"10,853,105"
PATHS = [http_load.FLOOR_PATH, CORRIDOR_PATH]


@dataclass(frozen=True)
class Run:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    failures: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def load(port: int, path: str, duration: float, connections: int) -> Run:
    """`connections` threads, each looping over keep-alive GETs until the deadline."""
    start = time.perf_counter()
    deadline = start + duration
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()

    def client() -> None:
        own: list[float] = []
        failed = 0
        connection: http.client.HTTPConnection | None = None
        while time.perf_counter() < deadline:
            if connection is None:
                connection = http.client.HTTPConnection(http_load.HOST, port, timeout=30)
            sent = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
                connection = None
                continue
            own.append(time.perf_counter() - sent)
            if response.status != 200:
                failed += 1
            if response.will_close:
                connection.close()
                connection = None
        if connection is not None:
            connection.close()
        with lock:
            latencies.extend(own)
            failures[0] += failed

    threads = [threading.Thread(target=client, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ms = [latency * 1e3 for latency in latencies]
    return Run(
        requests=len(latencies),
        seconds=time.perf_counter() - start,
        p50_ms=http_load.percentile(ms, 50),
        p95_ms=http_load.percentile(ms, 95),
        p99_ms=http_load.percentile(ms, 99),
        failures=failures[0],
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Load-test the corridor page (see the module docstring).",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per run")
    parser.add_argument("--connections", type=int, default=16, help="concurrent clients")
    parser.add_argument("--runs", type=int, default=3, help="runs; medians are reported")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of load first")
    parser.add_argument("--workers", type=int, default=2, help="server worker processes")
    parser.add_argument("--server-threads", type=int, default=2, help="threads per worker")
    parser.add_argument("--database-url", default=None, help="PostgreSQL instead of SQLite")
    parser.add_argument("--startup-timeout", type=float, default=60.0)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, http_load.exit_on_sigterm)
    work_dir = Path(tempfile.mkdtemp(prefix="migforum-corridor-bench-"))
    log_path = work_dir / "server.log"
    try:
        migforum = http_load.migforum_executable()
        env = http_load.server_environment(work_dir / "var", args.database_url)
        started = time.perf_counter()
        http_load.prepare_installation(migforum, env, log_path)
        elapsed = time.perf_counter() - started
        http_load.progress(f"installation prepared with the shipped evidence in {elapsed:.0f} s")
        port = http_load.free_port()
        with http_load.running_server(migforum, env, args, port, log_path) as server:
            http_load.wait_until_live(server, port, args.startup_timeout)
            status, body = http_load.fetch(port, CORRIDOR_PATH)
            if status != 200 or CORRIDOR_CHECK not in body:
                raise http_load.ServerError(
                    f"{CORRIDOR_PATH} answered HTTP {status} without the corridor's figures"
                )
            for path in PATHS:
                load(port, path, args.warmup, args.connections)
            runs: dict[str, list[Run]] = {path: [] for path in PATHS}
            for number in range(1, args.runs + 1):
                for path in PATHS:
                    run = load(port, path, args.duration, args.connections)
                    runs[path].append(run)
                    http_load.progress(
                        f"run {number}/{args.runs} {path}: {run.per_second:.0f} req/s, "
                        f"p50 {run.p50_ms:.1f} ms, p95 {run.p95_ms:.1f} ms, "
                        f"p99 {run.p99_ms:.1f} ms, {run.failures} failed"
                    )
    except http_load.ServerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)

    database = http_load.describe_database(args.database_url)
    print(
        f"\nCorridor page under load: {args.connections} clients, {args.runs} × "
        f"{args.duration:.0f} s, {args.workers} workers × {args.server_threads} threads, {database}"
    )
    print(f"{'path':<32} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'failed':>7}")
    for path, results in runs.items():

        def median(name: str, results: list[Run] = results) -> float:
            return statistics.median(getattr(run, name) for run in results)

        print(
            f"{path:<32} {median('per_second'):>8.0f} {median('p50_ms'):>8.1f} "
            f"{median('p95_ms'):>8.1f} {median('p99_ms'):>8.1f} "
            f"{sum(run.failures for run in results):>7}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
