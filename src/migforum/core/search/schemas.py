"""The shapes in which the API answers a search."""

from ninja import Schema
from pydantic import Field

from migforum.core.api.paging import PageOut

from .registry import Shortcut
from .service import Facet, SearchHit


class SearchHitOut(Schema):
    kind: str = Field(description="The record's type, as `kind` filters it.")
    kind_label: str
    title: str = Field(description="HTML: the matched words are in <mark>.")
    snippet: str = Field(description="HTML: the matched words are in <mark>.")
    url: str
    score: float

    @staticmethod
    def resolve_kind_label(hit: SearchHit) -> str:
        return str(hit.kind_label)


class SearchFacetOut(Schema):
    kind: str
    label: str
    count: int

    @staticmethod
    def resolve_label(facet: Facet) -> str:
        return str(facet.label)


class QueryNoticeOut(Schema):
    """What an answer to a text query says about the words it did not search."""

    words_left_out: list[str] = Field(
        default_factory=list,
        description="Words of `q` not searched: a query searches its first 12 distinct words "
        "(by default).",
    )
    notice: str = Field("", description="What to tell the reader about words left out, if any.")


class SearchLinkOut(Schema):
    title: str
    url: str


class SearchShortcutOut(Schema):
    """A record the whole query names (a UN symbol, a State), to go to before the results."""

    kind_label: str
    title: str
    url: str
    note: str = Field(description='A line about it ("Cited by 3 documents; not held here.").')
    links: list[SearchLinkOut] = Field(
        description="Further records: a State's corridors, the documents that cite a symbol."
    )

    @staticmethod
    def resolve_kind_label(shortcut: Shortcut) -> str:
        return str(shortcut.kind_label)

    @staticmethod
    def resolve_links(shortcut: Shortcut) -> list[dict[str, str]]:
        return [{"title": title, "url": url} for title, url in shortcut.links]


class SearchOut(PageOut, QueryNoticeOut):
    query: str
    results: list[SearchHitOut]
    facets: list[SearchFacetOut] = Field(
        description="Matches by type, with every filter but `kind`."
    )
    shortcuts: list[SearchShortcutOut] = Field(
        description="Records the whole query names, on the first page only."
    )
    suggestion: str = Field(
        description="The query with its unknown words replaced by the nearest known ones, or empty."
    )
