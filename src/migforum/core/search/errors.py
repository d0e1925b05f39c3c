"""Searches the platform refuses or stops, each with a code and a message for the reader."""

from enum import StrEnum

from django.utils.translation import gettext as _


class SearchErrorCode(StrEnum):
    QUERY_TOO_LONG = "query_too_long"
    UNKNOWN_KIND = "unknown_kind"
    INVALID_FILTER = "invalid_filter"
    SEARCH_TIMEOUT = "search_timeout"


class SearchQueryError(ValueError):
    """A query the platform will not run, with a message for the person who typed it."""

    #: The HTTP status the pages and the API answer with.
    status = 400

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class SearchTimedOut(SearchQueryError):
    """A search stopped because it spent its time budget (`SEARCH_TIME_BUDGET`).

    The query was valid: the platform could not answer it in time, which may also be the load
    of the moment, hence 503 rather than a complaint about the query."""

    status = 503

    def __init__(self) -> None:
        super().__init__(
            SearchErrorCode.SEARCH_TIMEOUT,
            _(
                "The search took too long and was stopped. Try again, with fewer words or "
                "longer ones."
            ),
        )
