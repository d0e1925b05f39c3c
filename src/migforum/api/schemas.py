"""The shapes of the API's answers."""

import datetime

from ninja import Schema
from pydantic import Field


class StateOut(Schema):
    iso3: str
    iso2: str
    m49: str
    name: str = Field(description="The UN's English short name.")
    names: dict[str, str] = Field(description="Names in the six UN languages, by language code.")
    status: str = Field(description="`member` or `observer`.")
    is_member: bool
    admission_date: datetime.date | None
    region: str
    sub_region: str
    intermediate_region: str
    is_ldc: bool
    is_lldc: bool
    is_sids: bool
    website: str
    summary: str
    url: str


class StatePatch(Schema):
    website: str | None = Field(default=None, max_length=200)
    summary: str | None = Field(default=None, max_length=5000)


class OrganizationOut(Schema):
    slug: str
    acronym: str
    name: str
    names: dict[str, str]
    kind: str
    state: str | None = Field(description="ISO3 of the State, for a government.")
    website: str
    description: str
    url: str


class OrganizationPatch(Schema):
    website: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=5000)


class MembershipOut(Schema):
    state: str | None = Field(description="ISO3, when the participant is a State.")
    organization: str | None = Field(description="Slug, when the participant is an organization.")
    name: str
    role: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    as_of: str
    source: str


class GroupOut(Schema):
    slug: str
    acronym: str
    name: str
    names: dict[str, str]
    kind: str
    established_year: int | None
    description: str
    url: str
    memberships: list[MembershipOut]


class SearchHitOut(Schema):
    type: str
    type_label: str
    title: str = Field(description="HTML: the matched words are in <mark>.")
    snippet: str = Field(description="HTML: the matched words are in <mark>.")
    url: str
    score: float


class SearchFacetOut(Schema):
    type: str
    label: str
    count: int


class QueryNoticeOut(Schema):
    """What an answer to a text query says about the words it did not search."""

    words_left_out: list[str] = Field(
        default_factory=list,
        description="Words of `q` not searched: a query searches its first 12 distinct words "
        "(by default).",
    )
    notice: str = Field("", description="What to tell the reader about words left out, if any.")


class SearchOut(QueryNoticeOut):
    query: str
    total: int
    results: list[SearchHitOut]
    facets: list[SearchFacetOut]


class ProblemOut(Schema):
    field: str | None = Field(description="The field at fault, as a dotted path.")
    message: str


class ErrorOut(Schema):
    """Every error the API answers: a code for programs and a message for people."""

    code: str = Field(description="`not_found`, `invalid_request`, `out_of_range`, …")
    message: str
    parameter: str | None = Field(
        default=None, description="The query or path parameter at fault, for a 400 about one."
    )
    errors: list[ProblemOut] | None = Field(
        default=None, description="For a 422: each field of the request at fault, and why."
    )


class DocumentOut(Schema):
    id: int
    symbol: str
    title: str
    kind: str
    date: datetime.date | None
    year: int | None
    state: str | None = Field(description="ISO3 of the State, for a statement.")
    session: int | None
    languages: list[str]
    cites: list[str] = Field(description="The UN symbols the document cites.")
    cited_by: list[str] = Field(description="Symbols (or addresses) of the documents citing it.")
    url: str


class MeetingHostOut(Schema):
    role: str
    name: str
    state: str | None
    organization: str | None


class MeetingDocumentOut(Schema):
    role: str
    symbol: str
    title: str
    url: str


class MeetingOut(Schema):
    id: int
    kind: str
    title: str
    series: str | None
    number: int | None
    theme: str
    start_date: datetime.date
    end_date: datetime.date
    timezone: str
    city: str
    venue: str
    country: str | None
    mode: str
    hosts: list[MeetingHostOut]
    documents: list[MeetingDocumentOut]
    url: str
