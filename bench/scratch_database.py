"""The throw-away installation a benchmark fills: a temporary directory and, with
`--database-url`, a PostgreSQL database created afresh and dropped at the end."""

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def admin_url(url: str) -> str:
    """The same server's `postgres` database, from which another is created or dropped."""
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def fresh_postgres(url: str) -> None:
    import psycopg

    name = database_name(url)
    with psycopg.connect(admin_url(url), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')


def drop_postgres(url: str) -> None:
    import psycopg

    with psycopg.connect(admin_url(url), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{database_name(url)}" WITH (FORCE)')


def start_django(var_dir: Path, database_url: str = "") -> None:
    """Django set up on an installation in `var_dir`: its SQLite database there or, with
    `database_url`, that PostgreSQL database created afresh."""
    os.environ.update(
        {"MIGFORUM_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "migforum.settings.base"}
    )
    os.environ.pop("DATABASE_URL", None)
    if database_url:
        fresh_postgres(database_url)
        os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()


@contextlib.contextmanager
def scratch_installation(prefix: str, database_url: str = "") -> Iterator[Path]:
    """A new installation in a temporary directory, Django set up on it; the directory and
    the PostgreSQL database, if any, are gone afterwards."""
    var_dir = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        start_django(var_dir, database_url)
        yield var_dir
    finally:
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001, S110  Django may not have started
            pass
        if database_url:
            drop_postgres(database_url)
        shutil.rmtree(var_dir, ignore_errors=True)
