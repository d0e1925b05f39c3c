"""A time budget for a search's own statements, so that no query can hold a worker for long.

PostgreSQL stops each statement of the search at `statement_timeout`, set with SET LOCAL in a
savepoint that ends with the search; SQLite calls a progress handler every hundred steps of a
statement, which interrupts it once the budget is spent. Either way the search raises
`SearchTimedOut` and the connection is left as it was, ready for the rest of the request:
no other statement inherits the budget.
"""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import OperationalError, connection, transaction

from .errors import SearchTimedOut

#: PostgreSQL's code for a statement cancelled, here by statement_timeout.
QUERY_CANCELED = "57014"
#: Virtual machine steps between two calls of SQLite's progress handler. FTS5 does much of its
#: work between two steps: a query of a common word over a million records reaches the handler
#: every 20 ms or so, soon enough for a budget of seconds, and a search of a rarer word calls it
#: a few dozen times, not the hundreds that would cost it a quarter of a millisecond.
SQLITE_STEPS = 1000

_state = threading.local()


@contextmanager
def time_budget() -> Iterator[None]:
    """Run the statements inside within SEARCH_TIME_BUDGET seconds, or raise
    `SearchTimedOut`. Inside another budget, the outer one applies."""
    if getattr(_state, "active", False):
        yield
        return
    budget = settings.SEARCH_TIME_BUDGET
    if connection.vendor == "postgresql":
        limited = _statement_timeout(budget)
    elif connection.vendor == "sqlite":
        limited = _progress_handler(budget)
    else:  # pragma: no cover  the platform runs on these two engines only
        raise NotImplementedError(f"No time budget for {connection.vendor}")
    _state.active = True
    try:
        with limited:
            yield
    finally:
        _state.active = False


@contextmanager
def _statement_timeout(seconds: float) -> Iterator[None]:
    milliseconds = max(1, round(seconds * 1000))
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL statement_timeout = {milliseconds:d}")
            yield
            # SET LOCAL lasts until the transaction ends; rolling back to the savepoint ends
            # it with the search instead, where releasing the savepoint would leave it to the
            # request's later statements. The search only reads: nothing else is undone.
            transaction.set_rollback(True)
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) == QUERY_CANCELED:
            raise SearchTimedOut() from error
        raise


@contextmanager
def _progress_handler(seconds: float) -> Iterator[None]:
    connection.ensure_connection()
    sqlite = connection.connection
    deadline = time.monotonic() + seconds
    stopped = False

    def over_budget() -> bool:
        nonlocal stopped
        stopped = time.monotonic() > deadline
        return stopped  # true interrupts the statement

    sqlite.set_progress_handler(over_budget, SQLITE_STEPS)
    try:
        yield
    except OperationalError as error:
        if stopped:
            raise SearchTimedOut() from error
        raise
    finally:
        sqlite.set_progress_handler(None, 0)
