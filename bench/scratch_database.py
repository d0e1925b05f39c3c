"""The throw-away PostgreSQL database a benchmark fills and drops (`--database-url`)."""

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
