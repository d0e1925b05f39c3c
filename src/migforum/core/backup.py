"""A copy of an installation that can be restored: its database and its media files (notes
verbales, publishers' files, uploaded documents), with a manifest of checksums and row counts.

A backup directory holds:

    manifest.json        the SHA-256 and size of every file below, the row count of every table
    database.sqlite3     SQLite: a copy made with SQLite's online backup API
    database.dump        PostgreSQL: `pg_dump -Fc`
    media/               a copy of MEDIA_ROOT

The copy is consistent while the site keeps writing. The database is read in one snapshot (the
backup API copies every page in one step; `pg_dump` runs in a snapshot exported by the
transaction that counts the rows), so the counts are those of the copy. The media files are
copied before the database and once more after it: a file is written before the row that names
it commits, so every file the copied rows name is in the copy.

A restore checks every checksum before it touches anything, refuses an installation that holds
data unless told to replace it, and counts the rows it restored against the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

MANIFEST = "manifest.json"
MEDIA = "media"
FORMAT = 1
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.dump"}
#: Tables that `migforum migrate` fills by itself: rows there do not make an installation
#: "hold data".
MIGRATE_FILLS = {"contenttypes", "auth.permission"}

Progress = Callable[[str], None]


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the command line."""


@dataclass
class RestoreReport:
    """What a restore did, or would do (a dry run)."""

    manifest: dict[str, Any]
    applied: bool
    #: What the installation held before, which the restore replaces (with --force).
    replaced: list[str] = field(default_factory=list)
    #: Table → rows, as counted in the restored database (as the manifest says, in a dry run).
    tables: dict[str, int] = field(default_factory=dict)
    media_files: int = 0


# --- Backup ---------------------------------------------------------------------------------


def backup_create(*, directory: Path, progress: Progress = lambda message: None) -> dict:
    """Copy the database and MEDIA_ROOT into `directory` (new or empty) with a manifest;
    returns the manifest."""
    engine = _engine()
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        raise BackupError(
            _("%(directory)s is not an empty directory: a backup goes into a new one.")
            % {"directory": directory}
        )
    directory.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    progress(_("Copying the media files from %(root)s…") % {"root": media_root})
    media = _media_copy(media_root, directory / MEDIA, {})
    progress(_("Copying the database…"))
    database = directory / DATABASE_FILES[engine]
    tables = _sqlite_backup(database) if engine == "sqlite" else _postgres_dump(database)
    progress(_("Copying the media files written meanwhile…"))
    media = _media_copy(media_root, directory / MEDIA, media)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "migforum": _version(),
        "engine": engine,
        "database": {"file": database.name, **_file_facts(database)},
        "tables": tables,
        "media": media,
    }
    written = directory / f".{MANIFEST}.tmp"
    written.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    written.replace(directory / MANIFEST)
    return manifest


def _sqlite_backup(target: Path) -> dict[str, int]:
    """Copy the live database in one step of SQLite's backup API, then count the copy."""
    source = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=60)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)  # every page in one step: one consistent snapshot
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        return _sqlite_counts(copy)
    finally:
        copy.close()
        source.close()


def _sqlite_counts(db: sqlite3.Connection) -> dict[str, int]:
    names = [
        name
        for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return {name: db.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}  # noqa: S608  names from the schema


def _postgres_dump(target: Path) -> dict[str, int]:
    """`pg_dump -Fc` in the snapshot of the transaction that counts the rows."""
    pg_dump = _program("pg_dump")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = _postgres_counts(cursor)
        _run(
            [
                pg_dump,
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={target}",
                f"--dbname={_postgres_settings()['dbname']}",
            ]
        )
    return counts


def _postgres_counts(cursor: Any) -> dict[str, int]:
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    names = [name for (name,) in cursor.fetchall()]
    counts = {}
    for name in names:
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608  names from the schema
        counts[name] = cursor.fetchone()[0]
    return counts


def _media_copy(root: Path, target: Path, known: dict[str, dict]) -> dict[str, dict]:
    """Copy every file under `root` into `target`; returns each file's facts. Files already
    copied (`known`) and unchanged since are not copied again."""
    facts = dict(known)
    for path in _files(root):
        name = path.relative_to(root).as_posix()
        stat = path.stat()
        seen = known.get(name)
        if seen and (seen["size"], seen["mtime"]) == (stat.st_size, stat.st_mtime):
            continue
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            digest = _copy(path, destination)
        except FileNotFoundError:  # removed while the backup runs: it was not needed
            continue
        facts[name] = {"sha256": digest, "size": destination.stat().st_size, "mtime": stat.st_mtime}
    return facts


# --- Restore --------------------------------------------------------------------------------


def backup_verify(*, directory: Path) -> dict:
    """The backup's manifest, once every file it lists is there with its checksum."""
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(
            _("%(directory)s holds no readable backup manifest (%(error)s).")
            % {"directory": directory, "error": error}
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("The backup's manifest is not one this version can read."))
    expected = {manifest["database"]["file"]: manifest["database"]}
    expected.update({f"{MEDIA}/{name}": facts for name, facts in manifest["media"].items()})
    damaged = []
    for name, facts in expected.items():
        path = directory / name
        if not path.is_file():
            damaged.append(_("%(file)s is missing") % {"file": name})
        elif _sha256(path) != facts["sha256"]:
            damaged.append(_("%(file)s does not match its checksum") % {"file": name})
    if damaged:
        raise BackupError(
            _("The backup in %(directory)s is damaged, nothing was restored: %(files)s.")
            % {"directory": directory, "files": "; ".join(damaged[:10])}
        )
    return manifest


def backup_restore(
    *, directory: Path, force: bool, apply: bool, progress: Progress = lambda message: None
) -> RestoreReport:
    """Replace this installation's database and media files with the backup's, after checking
    it; an installation that holds data is only replaced with `force`, and nothing is
    changed without `apply`."""
    progress(_("Checking the backup…"))
    manifest = backup_verify(directory=directory)
    engine = _engine()
    if manifest["engine"] != engine:
        raise BackupError(
            _("This backup is of a %(backup)s database; this installation uses %(here)s.")
            % {"backup": manifest["engine"], "here": engine}
        )
    report = RestoreReport(manifest=manifest, applied=apply, replaced=_contents())
    if report.replaced and not force:
        raise BackupError(
            _(
                "This installation holds data (%(contents)s). Restoring replaces all of it: "
                "add --force to do so."
            )
            % {"contents": ", ".join(report.replaced[:5])}
        )
    if not apply:
        report.tables = dict(manifest["tables"])
        report.media_files = len(manifest["media"])
        return report
    database = directory / manifest["database"]["file"]
    progress(_("Restoring the database…"))
    connections.close_all()
    if engine == "sqlite":
        _sqlite_restore(database)
    else:
        _postgres_restore(database)
    progress(_("Restoring the media files…"))
    report.media_files = _media_restore(directory / MEDIA, manifest["media"])
    report.tables = _counts()
    differ = [
        name
        for name in sorted(set(manifest["tables"]) | set(report.tables))
        if manifest["tables"].get(name) != report.tables.get(name)
    ]
    if differ:
        raise BackupError(
            _("The restored database does not hold the rows the backup counted: %(tables)s.")
            % {"tables": ", ".join(differ[:10])}
        )
    try:
        cache.clear()  # pages cached from the data that was replaced
    except Exception:  # noqa: S110  a cache that does not answer holds nothing to clear
        pass
    return report


def _contents() -> list[str]:
    """What this installation holds: the tables of its records that have rows, and whether
    MEDIA_ROOT holds files."""
    existing = set(connection.introspection.table_names())
    held = [
        model._meta.db_table
        for model in apps.get_models()
        if model._meta.db_table in existing
        and model._meta.label_lower not in MIGRATE_FILLS
        and model._meta.app_label not in MIGRATE_FILLS
        and model._default_manager.using("default").exists()
    ]
    media_root = Path(settings.MEDIA_ROOT)
    if next(_files(media_root), None) is not None:
        held.append(_("files in %(root)s") % {"root": media_root})
    return held


def _sqlite_restore(source: Path) -> None:
    """Write the backup over this installation's database, page by page, with the backup API
    (which also takes care of the live database's write-ahead log)."""
    target = Path(settings.DATABASES["default"]["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    live = sqlite3.connect(target, timeout=60)
    try:
        backup.backup(live)
        live.execute("PRAGMA journal_mode=WAL")
    finally:
        live.close()
        backup.close()


def _postgres_restore(source: Path) -> None:
    """Drop this database's tables, then `pg_restore` the dump in one transaction."""
    pg_restore = _program("pg_restore")
    with transaction.atomic(), connection.cursor() as cursor:
        for name in connection.introspection.table_names(cursor):
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(name)} CASCADE")
    connections.close_all()
    _run(
        [
            pg_restore,
            "--no-owner",
            "--no-acl",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={_postgres_settings()['dbname']}",
            str(source),
        ]
    )


def _media_restore(source: Path, expected: dict[str, dict]) -> int:
    """Put the backup's media files in place of MEDIA_ROOT's, checking each copy; the old
    directory goes only once the new one is complete."""
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(4)
    incoming = media_root.with_name(f".{media_root.name}-restoring-{token}")
    incoming.mkdir()
    try:
        for name, facts in expected.items():
            destination = incoming / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            if _copy(source / name, destination) != facts["sha256"]:
                raise BackupError(
                    _("%(file)s changed while it was restored.") % {"file": f"{MEDIA}/{name}"}
                )
        replaced = media_root.with_name(f".{media_root.name}-replaced-{token}")
        if media_root.exists():
            media_root.rename(replaced)
        incoming.rename(media_root)
    except BaseException:
        shutil.rmtree(incoming, ignore_errors=True)
        raise
    shutil.rmtree(replaced, ignore_errors=True)
    return len(expected)


# --- Shared ---------------------------------------------------------------------------------


def _engine() -> str:
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(
            _("Only SQLite and PostgreSQL databases can be backed up, not %(vendor)s.")
            % {"vendor": connection.vendor}
        )
    return connection.vendor


def _counts() -> dict[str, int]:
    if connection.vendor == "sqlite":
        db = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=60)
        try:
            return _sqlite_counts(db)
        finally:
            db.close()
    with connection.cursor() as cursor:
        return _postgres_counts(cursor)


def _postgres_settings() -> dict[str, str]:
    """The connection string pg_dump and pg_restore take, and their environment."""
    database = settings.DATABASES["default"]
    return {
        "dbname": " ".join(
            f"{key}={value}"
            for key, value in (
                ("dbname", database["NAME"]),
                ("user", database.get("USER")),
                ("host", database.get("HOST")),
                ("port", database.get("PORT")),
            )
            if value
        ),
        "password": database.get("PASSWORD") or "",
    }


def _run(command: list[str]) -> None:
    """Run one of PostgreSQL's client programs with this installation's password."""
    environment = {**os.environ}
    if password := _postgres_settings()["password"]:
        environment["PGPASSWORD"] = password
    result = subprocess.run(  # noqa: S603  our own arguments
        command, env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s failed: %(error)s")
            % {"program": Path(command[0]).name, "error": result.stderr.strip()[-1000:]}
        )


def _program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            _("%(program)s is not installed: it comes with PostgreSQL's client programs.")
            % {"program": name}
        )
    return found


def _files(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for folder, _folders, names in os.walk(root):
        for name in sorted(names):
            yield Path(folder) / name


def _copy(source: Path, destination: Path) -> str:
    """Copy a file, keeping its times; returns the SHA-256 of what was written."""
    digest = hashlib.sha256()
    with source.open("rb") as reading, destination.open("wb") as writing:
        for chunk in iter(lambda: reading.read(1 << 20), b""):
            digest.update(chunk)
            writing.write(chunk)
    shutil.copystat(source, destination)
    return digest.hexdigest()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _file_facts(path: Path) -> dict[str, Any]:
    return {"sha256": _sha256(path), "size": path.stat().st_size}


def _version() -> str:
    try:
        return version("migforum")
    except PackageNotFoundError:
        return ""
