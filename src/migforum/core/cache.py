"""Caching of whole responses, invalidated by any change anywhere.

Every write goes through the audit trail, so the newest audit event's id is a version number
for all the data: a cached response is reused only while that number stays the same. Reading it
is one indexed query, far cheaper than building a large response, and it keeps several web
processes (each with its own or a shared cache) consistent without signalling each other.
"""

from collections.abc import Callable

from django.core.cache import cache
from django.db.models import Max

from .models import AuditEvent

#: Long enough for the cache to matter, short enough that a forgotten entry goes away.
TIMEOUT_SECONDS = 600


def data_version() -> int:
    return AuditEvent.objects.aggregate(version=Max("id"))["version"] or 0


def cached_bytes(key: str, build: Callable[[], bytes]) -> bytes:
    """The bytes `build` makes, reused until the data changes."""
    versioned_key = f"response:{data_version()}:{key}"
    body = cache.get(versioned_key)
    if body is None:
        body = build()
        cache.set(versioned_key, body, TIMEOUT_SECONDS)
    return body
