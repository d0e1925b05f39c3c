"""Cached responses stay correct: any audited change makes them be built again."""

import os
import socket

import pytest
from django.core.cache import caches
from django.test import override_settings

from migforum.core.cache import cached_until_change, data_version
from migforum.members.services import state_update

from ..conftest import whole_list

pytestmark = pytest.mark.django_db
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_reachable() -> bool:
    host, port = REDIS_URL.split("//")[1].split("/")[0].split(":")
    try:
        socket.create_connection((host, int(port)), timeout=0.5).close()
    except OSError:
        return False
    return True


def test_a_change_invalidates_what_was_cached(focal_point_of_morocco, morocco):
    builds = []

    def build():
        builds.append(1)
        return len(builds)

    assert cached_until_change("k", build) == 1
    assert cached_until_change("k", build) == 1
    version = data_version()
    state_update(state=morocco, by=focal_point_of_morocco, data={"summary": "new"})
    assert data_version() > version
    assert cached_until_change("k", build) == 2


@pytest.fixture
def redis_cache():
    if not redis_reachable():
        if os.environ.get("MIGFORUM_REQUIRE_SERVICES"):
            pytest.fail(f"Redis is required and not reachable at {REDIS_URL}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    settings = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
    with override_settings(CACHES=settings):
        caches["default"].clear()
        yield caches["default"]
        caches["default"].clear()


def test_the_redis_cache_is_shared_and_invalidated(
    redis_cache, client, focal_point_of_morocco, morocco
):
    client.get("/api/v1/states")
    assert any(key for key in redis_cache._cache.get_client().keys("*"))
    state_update(state=morocco, by=focal_point_of_morocco, data={"summary": "via Redis"})
    states = whole_list(client.get("/api/v1/states"))
    assert next(s for s in states if s["iso3"] == "MAR")["summary"] == "via Redis"
