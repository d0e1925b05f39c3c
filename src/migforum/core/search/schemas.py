"""The shapes in which the API answers a search."""

from ninja import Schema
from pydantic import Field

from migforum.core.api.paging import PageOut

from .service import Facet, SearchHit


class SearchHitOut(Schema):
    type: str
    type_label: str
    title: str = Field(description="HTML: the matched words are in <mark>.")
    snippet: str = Field(description="HTML: the matched words are in <mark>.")
    url: str
    score: float

    @staticmethod
    def resolve_type(hit: SearchHit) -> str:
        return hit.kind

    @staticmethod
    def resolve_type_label(hit: SearchHit) -> str:
        return str(hit.kind_label)


class SearchFacetOut(Schema):
    type: str
    label: str
    count: int

    @staticmethod
    def resolve_type(facet: Facet) -> str:
        return facet.kind

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


class SearchOut(PageOut, QueryNoticeOut):
    query: str
    results: list[SearchHitOut]
    facets: list[SearchFacetOut]
