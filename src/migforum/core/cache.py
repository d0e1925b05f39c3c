"""Caching of whole responses, invalidated by any change anywhere.

Every write goes through the audit trail, so the newest audit event's id is a version number
for all the data: a cached response is reused only while that number stays the same. Reading it
is one indexed query, far cheaper than building a large response, and it keeps several web
processes (each with its own or a shared cache) consistent without signalling each other.
"""

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.core.cache import cache
from django.db import connection

from .models import AuditEvent

#: Raw SQL: the ORM's aggregate would cost more than the rest of a cached response.
VERSION_SQL = f"SELECT MAX(id) FROM {AuditEvent._meta.db_table}"  # noqa: S608  a constant

#: Long enough for the cache to matter, short enough that a forgotten entry goes away.
TIMEOUT_SECONDS = 600


T = TypeVar("T")

#: The versions a request that only reads has read so far (`versions_read_once`).
_request_versions: ContextVar[dict[str, object] | None] = ContextVar(
    "migforum_request_versions", default=None
)


@contextmanager
def versions_read_once() -> Iterator[None]:
    """Within: each version is read once. For a request that writes nothing (GET and HEAD):
    its page reads the same version several times, each a round trip to the database."""
    token = _request_versions.set({})
    try:
        yield
    finally:
        _request_versions.reset(token)


def read_once(name: str, read: Callable[[], T]) -> T:
    """`read()`, or what it gave earlier in the same reading request."""
    held = _request_versions.get()
    if held is None:
        return read()
    if name not in held:
        held[name] = read()
    return held[name]  # type: ignore[return-value]


def _read_data_version() -> int:
    with connection.cursor() as cursor:
        cursor.execute(VERSION_SQL)
        return cursor.fetchone()[0] or 0


def data_version() -> int:
    return read_once("data", _read_data_version)


def cached_until_change(
    key: str, build: Callable[[], T], *, version: Callable[[], object] = data_version
) -> T:
    """What `build` makes, reused until the data changes (`key` names what is built;
    `version`, the data it depends on, read cheaply)."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    versioned_key = f"v{version()}:{digest}"
    value = cache.get(versioned_key)
    if value is None:
        value = build()
        cache.set(versioned_key, value, TIMEOUT_SECONDS)
    return value


#: What `kept_in_process` holds: key → (version, value).
_in_process: dict[str, tuple[object, object]] = {}


def kept_in_process(
    key: str, build: Callable[[], T], *, version: Callable[[], object] = data_version
) -> T:
    """As `cached_until_change`, for a small value read several times a request: kept in this
    process's memory, where reading it costs no unpickling."""
    current = version()
    held = _in_process.get(key)
    if held is None or held[0] != current:
        held = (current, build())
        _in_process[key] = held
    return held[1]  # type: ignore[return-value]


def forget_in_process() -> None:
    """Drop what `kept_in_process` holds (a database rolled back may reuse a version)."""
    _in_process.clear()
