"""Throw-away installations for tests that run the platform's own processes (the server, the
worker, backup and restore): a temporary MIGFORUM_VAR_DIR with its SQLite file or, when the
suite runs on PostgreSQL, a scratch database named after the suite's own, dropped afterwards."""

from __future__ import annotations

import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

BIN = Path(sys.executable).parent
T = TypeVar("T")


def suite_postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else ""


def _admin(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


@dataclass
class Installation:
    var_dir: Path
    database_url: str = ""
    env: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.env = {
            **os.environ,
            "MIGFORUM_VAR_DIR": str(self.var_dir),
            "DJANGO_SETTINGS_MODULE": "migforum.settings.base",
            "PYTHONUNBUFFERED": "1",
        }
        self.env.pop("DATABASE_URL", None)
        self.env.pop("MIGFORUM_MEDIA_ROOT", None)
        self.env.pop("MIGFORUM_STATIC_ROOT", None)
        if self.database_url:
            self.env["DATABASE_URL"] = self.database_url

    @property
    def media_root(self) -> Path:
        return self.var_dir / "media"

    def migforum(self, *args: str, timeout: float = 300) -> str:
        """Run a `migforum` command in this installation; its output, or the test fails."""
        result = self.attempt(*args, timeout=timeout)
        assert result.returncode == 0, f"migforum {' '.join(args)}:\n{result.stderr}"
        return result.stdout

    def attempt(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """Run a `migforum` command in this installation, whatever its outcome."""
        return subprocess.run(  # noqa: S603
            [str(BIN / "migforum"), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def table_counts(self) -> dict[str, int]:
        """Rows in every table of this installation's database, read directly."""
        if self.database_url:
            names = self.query(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            )
        else:
            names = self.query(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        return {
            name: self.query(f'SELECT count(*) FROM "{name}"')[0][0]  # noqa: S608
            for (name,) in names
        }

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Read this installation's database directly (`%s` placeholders on both engines)."""
        if self.database_url:
            import psycopg

            with psycopg.connect(self.database_url, autocommit=True) as db:
                return db.execute(sql, params).fetchall()
        db = sqlite3.connect(self.var_dir / "migforum.sqlite3", timeout=30)
        try:
            return db.execute(sql.replace("%s", "?"), params).fetchall()
        finally:
            db.close()

    def heartbeats(self) -> list[tuple[str, int, float]]:
        """(worker id, pid, seconds since it was last seen) of each worker heartbeat."""
        now = datetime.datetime.now(datetime.UTC)
        rows = []
        for worker_id, pid, seen_at in self.query(
            "SELECT worker_id, pid, seen_at FROM core_workerheartbeat"
        ):
            if isinstance(seen_at, str):
                seen_at = datetime.datetime.fromisoformat(seen_at).replace(tzinfo=datetime.UTC)
            rows.append((worker_id, pid, (now - seen_at).total_seconds()))
        return rows


def create(name: str) -> Installation:
    var_dir = Path(tempfile.mkdtemp(prefix=f"migforum-{name}-"))
    database_url = ""
    if suite_url := suite_postgres_url():
        import psycopg

        database = f"{urlsplit(suite_url).path.lstrip('/')}_{name}"
        with psycopg.connect(_admin(suite_url), autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
            db.execute(f'CREATE DATABASE "{database}"')
        database_url = urlunsplit(urlsplit(suite_url)._replace(path=f"/{database}"))
    return Installation(var_dir, database_url)


def remove(installation: Installation) -> None:
    if installation.database_url:
        import psycopg

        database = urlsplit(installation.database_url).path.lstrip("/")
        with psycopg.connect(_admin(installation.database_url), autocommit=True) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    shutil.rmtree(installation.var_dir, ignore_errors=True)


def installations() -> Iterator[Callable[..., Installation]]:
    """A factory of installations (migrated unless told not to), all removed at the end."""
    made: list[Installation] = []

    def make(name: str, migrate: bool = True) -> Installation:
        installation = create(name)
        made.append(installation)
        if migrate:
            installation.migforum("migrate", "--noinput")
        return installation

    try:
        yield make
    finally:
        for installation in made:
            remove(installation)


def wait_for(condition: Callable[[], T], timeout: float, what: str) -> T:
    """The first truthy value of `condition()`, asked every 0.1 s; fails after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"Waited {timeout:.0f} s for {what}.")
        time.sleep(0.1)


def process_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def stop(process: subprocess.Popen[Any], timeout: float = 60) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
