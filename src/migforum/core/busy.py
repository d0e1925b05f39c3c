"""A request that finds the database busy answers "try again in a moment", not a server error.

SQLite lets one writer at a time. A write that still cannot get the lock once its busy timeout
has passed fails with "database is locked"; that is not a fault of the request, and the same
request succeeds a moment later. Pages answer 503 with `Retry-After` and a short page saying so;
the API answers the same status with `{"code": "busy", ...}` (see `migforum.api.errors`).

The middleware catches the error where a view raised it. The error can also come from another
middleware (the session saved after sign-in): Django has already turned that into a 500 page
by the time it reaches us, so a signal receiver notes on the request that the cause was a busy
database, and the middleware, first in the list, replaces that page.
"""

import logging
import sqlite3
import sys
from collections.abc import Callable
from typing import Any

from django.core.signals import got_request_exception
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

#: What people read, on a page or in the API's `message`.
BUSY_MESSAGE = _("The site is busy, try again in a moment.")
#: Seconds a client should wait before trying again.
RETRY_AFTER_SECONDS = 5
#: SQLite's primary result codes for "another connection holds the lock".
BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
BUSY_WORDS = ("database is locked", "database table is locked", "database is busy")
#: Set on a request whose 500 page was caused by a busy database.
_FLAG = "_migforum_database_busy"


def is_busy(error: BaseException | None) -> bool:
    """Whether `error` (or the driver's error it wraps) says the database is busy or locked."""
    for candidate in (error, getattr(error, "__cause__", None)):
        if candidate is None:
            continue
        code = getattr(candidate, "sqlite_errorcode", None)
        if code is not None and code & 0xFF in BUSY_CODES:
            return True
        if isinstance(candidate, OperationalError | sqlite3.OperationalError):
            text = str(candidate).lower()
            if any(words in text for words in BUSY_WORDS):
                return True
    return False


def busy_response() -> HttpResponse:
    """503 with `Retry-After` and a page that says to try again (no database needed)."""
    page = render_to_string("core/busy.html", {"message": BUSY_MESSAGE})
    response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseBusyMiddleware:
    """Turns "database is locked" into 503 "try again in a moment"; first in MIDDLEWARE."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 500 and getattr(request, _FLAG, False):
            busy = busy_response()
            # The 500 page went through the other middleware: keep the headers they set.
            for name, value in response.items():
                if name.lower() not in ("content-type", "content-length"):
                    busy.headers.setdefault(name, value)
            return busy
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_busy(exception):
            return None
        logger.warning("Database busy: %s %s answered 503", request.method, request.path)
        return busy_response()


def _note_busy(sender: Any, request: HttpRequest | None = None, **kwargs: Any) -> None:
    if request is not None and is_busy(sys.exc_info()[1]):
        setattr(request, _FLAG, True)


got_request_exception.connect(_note_busy, dispatch_uid="migforum.core.busy")
