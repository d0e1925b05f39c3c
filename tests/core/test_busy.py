"""A request that finds the database locked answers 503 "try again in a moment" with
`Retry-After`, on pages and in the API, never a server error."""

import contextlib
import sqlite3

import pytest
from django.db import OperationalError, connection
from django.test import Client

from migforum.core.busy import RETRY_AFTER_SECONDS, is_busy
from migforum.core.middleware import SecurityHeadersMiddleware
from migforum.practices.services import practice_create

from ..conftest import bearer
from ..practices.conftest import remittance_content

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE", "BEGIN IMMEDIATE")


@pytest.fixture
def draft(focal_point_of_morocco, morocco):
    return practice_create(by=focal_point_of_morocco, owner=morocco, content=remittance_content())


def driver_error(message: str, code: int) -> OperationalError:
    """What Django raises when SQLite answers `code`: its own error, caused by the driver's."""
    cause = sqlite3.OperationalError(message)
    cause.sqlite_errorcode = code
    error = OperationalError(message)
    error.__cause__ = cause
    return error


@contextlib.contextmanager
def writes_fail_with(message: str, code: int = sqlite3.SQLITE_BUSY):
    """Every write of this connection fails as SQLite fails when another writer holds the lock
    past the busy timeout."""

    def refuse_writes(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES):
            raise driver_error(message, code)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_writes):
        yield


def test_sign_in_while_the_database_is_locked_answers_503_and_says_to_try_again(
    focal_point_of_morocco,
):
    client = Client()
    form = {"username": focal_point_of_morocco.email, "password": "correct horse battery staple"}

    with writes_fail_with("database is locked"):
        response = client.post("/accounts/login/", form)

    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "The site is busy, try again in a moment." in response.content.decode()
    # The same request a moment later signs in.
    assert client.post("/accounts/login/", form).status_code == 302


def test_a_locked_database_met_by_a_middleware_answers_503_too(client, monkeypatch):
    # given: the error comes from a middleware (as when the session is saved after sign-in),
    # which Django turns into a 500 page before it reaches ours
    def locked(self, request):
        raise driver_error("database is locked", sqlite3.SQLITE_BUSY)

    monkeypatch.setattr(SecurityHeadersMiddleware, "__call__", locked)
    client = Client(raise_request_exception=False)

    response = client.get("/")

    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "try again in a moment" in response.content.decode()


def test_other_database_errors_stay_server_errors():
    client = Client(raise_request_exception=False)

    with writes_fail_with("disk I/O error", code=sqlite3.SQLITE_IOERR):
        response = client.post("/accounts/login/", {"username": "a@example.org", "password": "x"})

    assert response.status_code == 500


def test_an_api_write_while_the_database_is_locked_answers_503_with_code_busy(
    draft, focal_point_of_morocco
):
    headers = bearer(focal_point_of_morocco)

    with writes_fail_with("database table is locked", code=sqlite3.SQLITE_LOCKED):
        response = Client().patch(
            f"/api/v1/practices/{draft.pk}",
            {"title": "A new title"},
            content_type="application/json",
            headers=headers,
        )

    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response.json() == {
        "code": "busy",
        "message": "The site is busy, try again in a moment.",
    }


def test_other_database_errors_in_the_api_stay_json_server_errors(draft, focal_point_of_morocco):
    headers = bearer(focal_point_of_morocco)

    with writes_fail_with("disk I/O error", code=sqlite3.SQLITE_IOERR):
        response = Client().patch(
            f"/api/v1/practices/{draft.pk}",
            {"title": "A new title"},
            content_type="application/json",
            headers=headers,
        )

    assert response.status_code == 500
    assert response.json()["code"] == "error"


@pytest.mark.parametrize(
    ("error", "busy"),
    [
        (driver_error("database is locked", sqlite3.SQLITE_BUSY), True),
        (driver_error("database table is locked", sqlite3.SQLITE_LOCKED), True),
        (driver_error("database is locked", 517), True),  # SQLITE_BUSY_SNAPSHOT
        (OperationalError("database is locked"), True),
        (sqlite3.OperationalError("database is locked"), True),
        (driver_error("no such table: practices_practice", sqlite3.SQLITE_ERROR), False),
        (OperationalError("could not connect to server"), False),
        (ValueError("database is locked"), False),
        (None, False),
    ],
)
def test_what_counts_as_busy(error, busy):
    assert is_busy(error) is busy
