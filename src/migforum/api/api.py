"""The open data API under /api/v1/: everything published, readable by anyone; writes by token.

OpenAPI at /api/v1/openapi.json, interactive documentation at /api/v1/docs.
"""

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import register_converter
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import File, Form, NinjaAPI, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.openapi.schema import OpenAPISchema
from pydantic import Field

from migforum import __version__
from migforum.core.cache import cached_until_change
from migforum.core.languages import language_codes
from migforum.core.search import search as run_search
from migforum.documents import selectors as documents_selectors
from migforum.documents.choices import DocumentKind
from migforum.documents.models import Document
from migforum.documents.services import document_import_upload
from migforum.documents.symbols import SymbolError, parse_symbol
from migforum.meetings import selectors as meetings_selectors
from migforum.meetings import services as meetings_services
from migforum.meetings.choices import MeetingKind, MeetingMode
from migforum.meetings.ical import calendar_response
from migforum.meetings.models import Meeting
from migforum.members import selectors, services
from migforum.members.choices import OrganizationKind, StateStatus
from migforum.members.models import Group, Organization, State

from . import errors
from .auth import ApiTokenAuth
from .openapi import document_errors
from .params import BodyDate, Offset, QueryDate, Year, limit_of
from .parser import InputParser
from .schemas import (
    DocumentOut,
    GroupOut,
    MeetingOut,
    OrganizationOut,
    OrganizationPatch,
    SearchOut,
    StateOut,
    StatePatch,
)
from .serializers import (
    document_data,
    group_data,
    meeting_data,
    organization_data,
    state_data,
)


class MigforumApi(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        """The description, with the errors each operation can answer (`api.openapi`)."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_errors(schema)
        return schema


api = MigforumApi(
    title="Migration Forum API",
    version=__version__,
    description=(
        "Open data of the Global Forum on Migration and Development: States, organizations, "
        "groups and search. Reading needs no account. Writing needs an API token, created on "
        "your account page, sent as `Authorization: Bearer <token>`; a token can change only "
        "what its holder may change on the site. Errors are JSON: `{code, message}`."
    ),
    urls_namespace="api",
    docs_url="/docs",
    parser=InputParser(),
)
errors.install(api)
token_auth = ApiTokenAuth()
LANGUAGES = language_codes()
api.add_router("/practices", "migforum.api.practices.router")
api.add_router("", "migforum.api.evidence.router")


def json_response(body: bytes, status: int = 200) -> HttpResponse:
    return HttpResponse(body, status=status, content_type="application/json")


def encode(data: object) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


class StateFilters(Schema):
    member_on: QueryDate = Field(
        default=None, description="YYYY-MM-DD: the States that were UN Members that day."
    )
    region: str | None = None
    status: StateStatus | None = None


def _state(iso3: str) -> State:
    try:
        return selectors.state_get(iso3=iso3)
    except State.DoesNotExist:
        raise Http404(f"No State has the ISO 3166 alpha-3 code '{iso3[:10]}'.") from None


@api.get(
    "/states", response=list[StateOut], tags=["States"], summary="Member States and observer States"
)
def list_states(request: HttpRequest, filters: Query[StateFilters]) -> HttpResponse:
    """Every State, or those that were UN Member States on `member_on` (YYYY-MM-DD)."""
    key = f"states:{filters.member_on}:{filters.region}:{filters.status}"
    return json_response(
        cached_until_change(
            key,
            lambda: encode(
                [
                    state_data(s)
                    for s in selectors.state_list(
                        member_on=filters.member_on, region=filters.region, status=filters.status
                    )
                ]
            ),
        )
    )


@api.get("/states/{iso3}", response=StateOut, tags=["States"])
def get_state(request: HttpRequest, iso3: str) -> HttpResponse:
    return json_response(encode(state_data(_state(iso3))))


@api.patch(
    "/states/{iso3}",
    response=StateOut,
    auth=token_auth,
    tags=["States"],
    summary="Change what a delegation keeps about its State",
)
def patch_state(request: HttpRequest, iso3: str, payload: StatePatch) -> HttpResponse:
    """Allowed to the State's own focal points and to the secretariat."""
    changes = {
        k: v if v is not None else "" for k, v in payload.model_dump(exclude_unset=True).items()
    }
    state = services.state_update(state=_state(iso3), by=request.auth, data=changes)
    return json_response(encode(state_data(state)))


def _organization(slug: str) -> Organization:
    try:
        return selectors.organization_get(slug=slug)
    except Organization.DoesNotExist:
        raise Http404(f"No organization has the identifier '{slug[:50]}'.") from None


@api.get("/organizations", response=list[OrganizationOut], tags=["Organizations"])
def list_organizations(request: HttpRequest, type: OrganizationKind | None = None) -> HttpResponse:  # noqa: A002
    return json_response(
        cached_until_change(
            f"organizations:{type}",
            lambda: encode([organization_data(o) for o in selectors.organization_list(kind=type)]),
        )
    )


@api.get("/organizations/{slug}", response=OrganizationOut, tags=["Organizations"])
def get_organization(request: HttpRequest, slug: str) -> HttpResponse:
    return json_response(encode(organization_data(_organization(slug))))


@api.patch(
    "/organizations/{slug}",
    response=OrganizationOut,
    auth=token_auth,
    tags=["Organizations"],
)
def patch_organization(request: HttpRequest, slug: str, payload: OrganizationPatch) -> HttpResponse:
    """Allowed to the organization's own analysts and to the secretariat."""
    changes = {
        k: v if v is not None else "" for k, v in payload.model_dump(exclude_unset=True).items()
    }
    organization = services.organization_update(
        organization=_organization(slug), by=request.auth, data=changes
    )
    return json_response(encode(organization_data(organization)))


@api.get("/groups", response=list[GroupOut], tags=["Groups"])
def list_groups(request: HttpRequest) -> HttpResponse:
    return json_response(
        cached_until_change(
            "groups", lambda: encode([group_data(g) for g in selectors.group_list()])
        )
    )


@api.get("/groups/{slug}", response=GroupOut, tags=["Groups"])
def get_group(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        group = selectors.group_get(slug=slug)
    except Group.DoesNotExist:
        raise Http404(f"No group has the identifier '{slug[:50]}'.") from None
    return json_response(encode(group_data(group)))


class DocumentFilters(Schema):
    kind: DocumentKind | None = None
    year: Year = None
    state: str | None = None
    limit: limit_of(500) = 100  # type: ignore[valid-type]
    offset: Offset = 0


@api.get("/documents", response=list[DocumentOut], tags=["Documents"])
def list_documents(request: HttpRequest, filters: Query[DocumentFilters]) -> list[dict]:
    """Documents, newest first, filtered by type, year or State (ISO3); paged."""
    documents = documents_selectors.document_list(
        kind=filters.kind, year=filters.year, state=filters.state
    ).prefetch_related("versions", "citations")
    offset, limit = filters.offset, filters.limit
    return [document_data(d) for d in documents[offset : offset + limit]]


class ImportOut(Schema):
    document: DocumentOut
    #: "pending" for a PDF, whose pages are read in the background; "done" for text.
    extraction: str
    changed: bool
    citations: list[str]
    meetings: list[int]
    skipped: list[str]


@api.post(
    "/documents",
    response={200: ImportOut, 202: ImportOut},
    auth=token_auth,
    tags=["Documents"],
    summary="Import a document (PDF or text); the secretariat only",
)
def import_document(
    request: HttpRequest,
    file: UploadedFile = File(...),  # noqa: B008  ninja's way of declaring an upload
    symbol: Form[str] = "",
    title: Form[str] = "",
    kind: Form[DocumentKind] = DocumentKind.REPORT,
    language: Form[str] = "en",
) -> dict:
    """Reads the text, links the symbols it cites and creates the meetings its annex lists;
    importing the same file again changes nothing. Lines it could not read are in `skipped`."""
    result = document_import_upload(
        upload=file, by=request.auth, symbol=symbol, title=title, kind=kind, language=language
    )
    report = result.report
    if report is None:  # a PDF: its pages are read in the background
        document = documents_selectors.document_get(pk=result.document.pk)
        return Status(
            202,
            {
                "document": document_data(document),
                "extraction": "pending",
                "changed": True,
                "citations": [],
                "meetings": [],
                "skipped": [],
            },
        )
    return {
        "document": document_data(report.document),
        "extraction": "done",
        "changed": report.changed,
        "citations": report.citations,
        "meetings": [m.pk for m in report.meetings],
        "skipped": report.skipped,
    }


@api.get("/documents/{path:symbol}", response=DocumentOut, tags=["Documents"])
def get_document(request: HttpRequest, symbol: str) -> dict:
    """One document by its UN symbol (slashes may be URL-encoded: A%2F61%2F230)."""
    try:
        document = documents_selectors.document_by_symbol(symbol=str(parse_symbol(symbol)))
    except SymbolError as error:
        raise Http404(error.message) from None
    except Document.DoesNotExist:
        raise Http404(f"No document with the symbol '{symbol[:100]}' is recorded.") from None
    cited_by = [str(d) for d in documents_selectors.document_cited_by(document=document)]
    return document_data(document, cited_by=cited_by)


class MeetingFilters(Schema):
    when: str | None = Field(default=None, pattern="^(upcoming|past)$")
    kind: MeetingKind | None = None
    year: Year = None
    country: str | None = None


@api.get("/meetings", response=list[MeetingOut], tags=["Meetings"])
def list_meetings(request: HttpRequest, filters: Query[MeetingFilters]) -> list[dict]:
    meetings = meetings_selectors.meeting_list(
        when=filters.when, kind=filters.kind, year=filters.year, country=filters.country
    ).prefetch_related("hosts__state", "hosts__organization", "meeting_documents__document")
    return [meeting_data(m) for m in meetings]


@api.get(
    "/meetings.ics",
    tags=["Meetings"],
    summary="Meetings as iCalendar",
    openapi_extra={
        "responses": {
            "200": {
                "description": "An iCalendar file (RFC 5545).",
                "content": {"text/calendar": {"schema": {"type": "string"}}},
            }
        }
    },
)
def meetings_calendar(request: HttpRequest, filters: Query[MeetingFilters]) -> HttpResponse:
    """The same meetings as `/meetings`, as an iCalendar file; each keeps its time zone."""
    meetings = meetings_selectors.meeting_list(
        when=filters.when, kind=filters.kind, year=filters.year, country=filters.country
    )
    return calendar_response(request, meetings, name="Migration Forum meetings")


class MeetingIn(Schema):
    kind: MeetingKind
    title: str = Field(max_length=500)
    start_date: BodyDate
    end_date: BodyDate
    timezone: str | None = Field(default=None, description="IANA zone; else the venue's.")
    city: str = Field(default="", max_length=200)
    venue: str = Field(default="", max_length=300)
    country: str | None = Field(default=None, description="ISO3 of the host State.")
    mode: MeetingMode = MeetingMode.IN_PERSON
    theme: str = Field(default="", max_length=500)
    description: str = ""


class MeetingPatch(Schema):
    kind: MeetingKind | None = None
    title: str | None = Field(default=None, max_length=500)
    start_date: BodyDate | None = None
    end_date: BodyDate | None = None
    timezone: str | None = None
    city: str | None = Field(default=None, max_length=200)
    venue: str | None = Field(default=None, max_length=300)
    country: str | None = None
    mode: MeetingMode | None = None
    theme: str | None = Field(default=None, max_length=500)
    description: str | None = None


@api.post(
    "/meetings",
    response={201: MeetingOut},
    auth=token_auth,
    tags=["Meetings"],
    summary="Create a meeting; the secretariat only",
)
def create_meeting(request: HttpRequest, payload: MeetingIn) -> Status:
    data = payload.model_dump(exclude_none=True)
    meeting = meetings_services.meeting_create(by=request.auth, data=data)
    return Status(201, meeting_data(meetings_selectors.meeting_get(pk=meeting.pk)))


@api.patch(
    "/meetings/{int:meeting_id}",
    response=MeetingOut,
    auth=token_auth,
    tags=["Meetings"],
    summary="Change a meeting; the secretariat only",
)
def patch_meeting(request: HttpRequest, meeting_id: int, payload: MeetingPatch) -> dict:
    try:
        meeting = meetings_selectors.meeting_get(pk=meeting_id)
    except Meeting.DoesNotExist:
        raise Http404(f"No meeting has the id {meeting_id}.") from None
    data = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    meetings_services.meeting_update(meeting=meeting, by=request.auth, data=data)
    return meeting_data(meetings_selectors.meeting_get(pk=meeting_id))


@api.get("/meetings/{int:meeting_id}", response=MeetingOut, tags=["Meetings"])
def get_meeting(request: HttpRequest, meeting_id: int) -> dict:
    try:
        return meeting_data(meetings_selectors.meeting_get(pk=meeting_id))
    except Meeting.DoesNotExist:
        raise Http404(f"No meeting has the id {meeting_id}.") from None


class SearchParams(Schema):
    q: str
    type: str | None = None
    lang: str = "en"
    limit: limit_of(100) = 20  # type: ignore[valid-type]
    offset: Offset = 0


@api.get("/search", response=SearchOut, tags=["Search"])
def search(request: HttpRequest, params: Query[SearchParams]) -> dict:
    """Full-text search over everything, in every language; titles in `lang`.

    Only the first 12 distinct words (by default) are searched, `words_left_out` names the
    others; words of one or two letters match only themselves, longer ones also the words
    they begin. A search that runs out of time answers 503 with the code `search_timeout`."""
    language = params.lang if params.lang in LANGUAGES else "en"
    with translation.override(language):
        results = run_search(
            params.q,
            language=language,
            kinds=[params.type] if params.type else None,
            limit=params.limit,
            offset=params.offset,
        )
        return {
            "query": results.query,
            "total": results.total,
            "results": [
                {
                    "type": h.kind,
                    "type_label": h.kind_label,
                    "title": str(h.title),
                    "snippet": str(h.snippet),
                    "url": h.url,
                    "score": h.score,
                }
                for h in results.hits
            ],
            "facets": [
                {"type": f.kind, "label": f.label, "count": f.count} for f in results.facets
            ],
            "words_left_out": list(results.left_out),
            "notice": results.notice,
        }


@api.exception_handler(Exception)
def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    return errors.server_error(api, request)


#: Any address under /api/v1/ that no operation has — a misspelt path, an id that is not a
#: number, a trailing slash — answers the API's JSON 404 rather than the site's page. Added
#: last, so that every operation's address is tried before it.
unknown_addresses = Router()
_ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


class AnyRestConverter:
    """What is left of an address, whatever it holds: Django's `path` converter stops at a
    line break (a `%0A` in the address), and such an address would get the site's HTML 404."""

    regex = r"[\s\S]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(AnyRestConverter, "anyrest")


@unknown_addresses.api_operation(_ALL_METHODS, "", include_in_schema=False)
def api_root(request: HttpRequest) -> HttpResponse:
    raise Http404(
        _("No operation of the API has this address; the operations are listed at %(url)s.")
        % {"url": "/api/v1/docs"}
    )


@unknown_addresses.api_operation(_ALL_METHODS, "/{anyrest:rest}", include_in_schema=False)
def unknown_address(request: HttpRequest, rest: str) -> HttpResponse:
    return api_root(request)


api.add_router("", unknown_addresses)
