"""Whether this installation can do its work: the database, the cache, a live worker.

`/health/ready` answers with these checks for load balancers and monitoring. They are cheap:
one query (the heartbeats, which also proves the database answers) and one write and read of
the cache.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Max, Q

from .jobs import stale_before

logger = logging.getLogger(__name__)

CACHE_KEY = "health:ready"


def readiness() -> dict[str, dict[str, Any]]:
    """Each check with `ok` and what it saw; an error is named by its kind alone, since the
    answer is public."""
    from .models import WorkerHeartbeat

    checks: dict[str, dict[str, Any]] = {}
    try:
        heartbeats = WorkerHeartbeat.objects.aggregate(
            last_seen=Max("seen_at"), alive=Count("pk", filter=Q(seen_at__gte=stale_before()))
        )
    except Exception as error:
        logger.warning("Health: the database does not answer (%s).", error)
        checks["database"] = {"ok": False, "error": type(error).__name__}
        checks["worker"] = {"ok": False, "error": "database unavailable"}
    else:
        checks["database"] = {"ok": True}
        last_seen = heartbeats["last_seen"]
        checks["worker"] = {
            "ok": heartbeats["alive"] > 0,
            "alive": heartbeats["alive"],
            "last_seen": last_seen.isoformat() if last_seen else None,
        }
    try:
        # A key of its own per check: two checks at once must not read each other's value.
        token = secrets.token_hex(8)
        key = f"{CACHE_KEY}:{token}"
        cache.set(key, token, timeout=10)
        checks["cache"] = {"ok": cache.get(key) == token}
        cache.delete(key)
    except Exception as error:
        logger.warning("Health: the cache does not answer (%s).", error)
        checks["cache"] = {"ok": False, "error": type(error).__name__}
    return checks
