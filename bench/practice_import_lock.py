"""How long a large practice import holds SQLite's write lock, and how long it takes.

What it measures
    A fresh SQLite installation (``migforum migrate`` and the reference data of States and
    organizations) receives a generated catalogue of ``--rows`` practices (20,000 by default,
    the most one file may hold) through ``migforum import-practices``, run in a process of its
    own as an operator would run it. Meanwhile another process asks SQLite for the write lock
    every ``--probe-ms`` milliseconds (``BEGIN IMMEDIATE`` without waiting, then ``ROLLBACK``):
    the longest stretch during which every attempt found the database locked is the longest
    time any other writer (a sign-in, an API write) had to wait, i.e. the longest single
    write transaction of the import, to within the probe's interval.

    Printed: the import's total time (the command's wall-clock time, reading and checking
    included), the longest lock hold seen, the number of holds longer than 1 s and 5 s, and
    the share of the import's time the lock was held.

How to run it
    .venv/bin/python bench/practice_import_lock.py                  # 20,000 practices
    .venv/bin/python bench/practice_import_lock.py --rows 2000      # quicker

    Everything happens in a temporary directory, deleted at the end.
"""

import argparse
import csv
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scratch_database import scratch_installation  # noqa: E402

COLUMNS = (
    "title",
    "summary",
    "level",
    "implementer_name",
    "implementer_kind",
    "themes",
    "objectives",
    "sdg_targets",
    "start_year",
    "implementation_status",
    "countries",
    "partners",
    "contacts",
    "links",
    "description",
)
PAIRS = [("MAR", "ESP"), ("SEN", "FRA"), ("PHL", "ITA"), ("MEX", "USA"), ("GHA", "NLD")]


def catalogue_row(number: int) -> dict[str, str]:
    origin, destination = PAIRS[number % len(PAIRS)]
    return {
        "title": f"Practice number {number}",
        "summary": f"What practice {number} does, for whom, with what result.",
        "level": "national",
        "implementer_name": "Ministry of Labour",
        "implementer_kind": "government",
        "themes": "labour; remittances",
        "objectives": "5; 6",
        "sdg_targets": "8.8; 10.7",
        "start_year": str(1990 + number % 30),
        "implementation_status": "ongoing",
        "countries": f"{origin}:origin; {destination}:destination",
        "partners": "Chamber of Commerce (private_sector)",
        "contacts": f"Officer {number} | Head of unit | officer{number}@example.org",
        "links": f"Annual report | https://example.org/{number}",
        "description": "Migrants and their families take part in every step. " * 8,
    }


def write_catalogue(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        for number in range(1, rows + 1):
            writer.writerow(catalogue_row(number))


def probe_lock(database: str, interval: float, stop: object, results: object) -> None:
    """Ask for the write lock every `interval` seconds until `stop` is set; put the lengths
    of the stretches during which it was held by someone else on `results`."""
    db = sqlite3.connect(database, timeout=0, isolation_level=None)
    holds: list[float] = []
    locked_since: float | None = None
    while not stop.is_set():  # type: ignore[attr-defined]
        now = time.monotonic()
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("ROLLBACK")
            if locked_since is not None:
                holds.append(now - locked_since)
                locked_since = None
        except sqlite3.OperationalError:
            if locked_since is None:
                locked_since = now
        time.sleep(interval)
    if locked_since is not None:
        holds.append(time.monotonic() - locked_since)
    db.close()
    results.put(holds)  # type: ignore[attr-defined]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--probe-ms", type=float, default=5.0)
    args = parser.parse_args()

    with scratch_installation("migforum-bench-import-") as var_dir:
        from django.core.management import call_command

        from migforum.members.reference import load_reference_data

        call_command("migrate", "--noinput", verbosity=0)
        load_reference_data()
        from django.db import connections

        connections.close_all()
        catalogue = var_dir / "catalogue.csv"
        write_catalogue(catalogue, args.rows)
        size = catalogue.stat().st_size
        print(f"catalogue: {args.rows:,} practices, {size / 1e6:.1f} MB")

        stop = multiprocessing.Event()
        results: multiprocessing.Queue = multiprocessing.Queue()
        database = str(var_dir / "migforum.sqlite3")
        prober = multiprocessing.Process(
            target=probe_lock, args=(database, args.probe_ms / 1000, stop, results)
        )
        prober.start()
        env = {**os.environ, "MIGFORUM_VAR_DIR": str(var_dir)}
        env.pop("DATABASE_URL", None)
        migforum = str(Path(sys.executable).parent / "migforum")
        started = time.monotonic()
        completed = subprocess.run(  # noqa: S603
            [migforum, "import-practices", str(catalogue), "--state", "MAR"],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.monotonic() - started
        stop.set()
        holds = results.get(timeout=30)
        prober.join()
        last_line = (completed.stdout.strip().splitlines() or [""])[-1]
        print(f"import-practices exit status {completed.returncode}: {last_line}")
        if completed.returncode:
            print(completed.stderr[-2000:])
            return 1
        longest = max(holds, default=0.0)
        print(f"total import time: {elapsed:.1f} s")
        print(
            f"longest write-lock hold seen by another writer: {longest * 1000:.0f} ms "
            f"(probe every {args.probe_ms:g} ms)"
        )
        print(
            f"holds over 1 s: {sum(h > 1 for h in holds)}; over 5 s: {sum(h > 5 for h in holds)}; "
            f"lock held {sum(holds) / elapsed:.0%} of the import's time in {len(holds)} stretches"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
