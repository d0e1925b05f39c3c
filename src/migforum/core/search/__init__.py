"""One search over everything, in every language.

Apps register their models with `register()`: a function gives each record's title and text in
each language it has. The index is kept in `SearchDocument` rows plus a full-text index beside
them, built by the backend that matches the database: SQLite FTS5 or PostgreSQL full-text
search. `search()` ranks, highlights and counts matches by type.
"""

from .errors import SearchQueryError, SearchTimedOut
from .registry import Searchable, SearchText, register, registered
from .service import (
    SearchHit,
    SearchResults,
    index_is_empty,
    index_object,
    rebuild,
    remove_object,
    search,
)

__all__ = [
    "SearchHit",
    "SearchQueryError",
    "SearchResults",
    "SearchText",
    "SearchTimedOut",
    "Searchable",
    "index_is_empty",
    "index_object",
    "rebuild",
    "register",
    "registered",
    "remove_object",
    "search",
]
