"""One search over everything, in every language.

Apps register their records (`register`, `register_records`): each gives its title, text and
address in every language it has, and what a search may filter it by. The index holds one
entry per record (`SearchRecord`, with its texts in `SearchText`) and, beside it, the
record's stemmed words in a full-text index: SQLite FTS5 or PostgreSQL text search
(`backends`). `search()` counts every match exactly, by type, ranks, and highlights the page
shown; `scores()` gives the practice finder every match of one type.
"""

from .errors import SearchQueryError, SearchTimedOut
from .registry import (
    Entry,
    Searchable,
    SearchText,
    Shortcut,
    register,
    register_records,
    register_shortcut,
    register_state_choices,
    registered,
    state_choices,
)
from .service import (
    Prepared,
    SearchHit,
    SearchResults,
    incomplete_kinds,
    index_object,
    index_objects,
    index_version,
    prepare,
    rebuild,
    reindex_kind,
    remove_object,
    scores,
    scores_each,
    search,
    write,
)

__all__ = [
    "Entry",
    "Prepared",
    "SearchHit",
    "SearchQueryError",
    "SearchResults",
    "SearchText",
    "SearchTimedOut",
    "Searchable",
    "Shortcut",
    "incomplete_kinds",
    "index_version",
    "index_object",
    "index_objects",
    "prepare",
    "rebuild",
    "register",
    "register_records",
    "register_shortcut",
    "register_state_choices",
    "registered",
    "reindex_kind",
    "remove_object",
    "scores",
    "scores_each",
    "search",
    "state_choices",
    "write",
]
