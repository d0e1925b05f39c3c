"""`/health/ready`: the database, the cache and a live worker, for load balancers."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from migforum.core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def heartbeat(seconds_ago):
    WorkerHeartbeat.objects.create(
        worker_id=f"w{seconds_ago}",
        hostname="h",
        pid=1,
        seen_at=timezone.now() - timedelta(seconds=seconds_ago),
    )


def test_ready_with_a_fresh_heartbeat(client, django_assert_max_num_queries):
    heartbeat(seconds_ago=3)

    with django_assert_max_num_queries(1):
        response = client.get("/health/ready")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["cache"] == {"ok": True}
    assert body["checks"]["worker"]["ok"] is True
    assert body["checks"]["worker"]["alive"] == 1
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies  # no session


def test_not_ready_without_any_worker(client):
    response = client.get("/health/ready")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["worker"] == {"ok": False, "alive": 0, "last_seen": None}
    assert body["checks"]["database"] == {"ok": True}


@override_settings(WORKER_STALE_SECONDS=60)
def test_not_ready_when_the_last_heartbeat_is_stale(client):
    heartbeat(seconds_ago=90)

    response = client.get("/health/ready")

    assert response.status_code == 503
    worker = response.json()["checks"]["worker"]
    assert (worker["ok"], worker["alive"]) == (False, 0)
    assert worker["last_seen"] is not None


def test_not_ready_when_the_database_does_not_answer(client, django_db_blocker):
    heartbeat(seconds_ago=1)

    with django_db_blocker.block():  # every query now fails, as when the server is gone
        response = client.get("/health/ready")

    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"]["ok"] is False
    assert checks["worker"]["ok"] is False
    assert checks["cache"] == {"ok": True}


def test_not_ready_when_the_cache_does_not_answer(client, monkeypatch):
    from django.core.cache import cache

    heartbeat(seconds_ago=1)

    def refuse(*args, **kwargs):
        raise ConnectionError("redis is gone")

    monkeypatch.setattr(cache, "set", refuse)
    response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == {"ok": False, "error": "ConnectionError"}


def test_two_checks_at_once_do_not_read_each_others_cache_value(client, monkeypatch):
    from django.core.cache import cache

    from migforum.core.health import readiness

    heartbeat(seconds_ago=1)
    real_set = cache.set
    overlapping = []

    def set_while_another_check_runs(*args, **kwargs):
        real_set(*args, **kwargs)
        if not overlapping:  # another request's check writes between this one's set and get
            overlapping.append(None)
            overlapping[0] = readiness()

    monkeypatch.setattr(cache, "set", set_while_another_check_runs)
    response = client.get("/health/ready")

    assert overlapping[0]["cache"] == {"ok": True}
    assert response.status_code == 200
    assert response.json()["checks"]["cache"] == {"ok": True}


def test_ready_answers_in_every_language_at_the_same_address(client):
    heartbeat(seconds_ago=1)

    assert client.get("/health/ready", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200
    assert client.get("/fr/health/ready").status_code == 404
