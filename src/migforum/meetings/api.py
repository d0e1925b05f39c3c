"""Meetings through the API: listed and read by anyone, also as iCalendar; created and changed
by the secretariat with a token."""

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Schema, Status
from pydantic import Field

from migforum.core.api.auth import token_auth
from migforum.core.api.paging import page
from migforum.core.api.params import Offset, Year, limit_of

from . import selectors, services
from .choices import MeetingKind
from .ical import calendar_response
from .models import Meeting
from .schemas import MeetingIn, MeetingListOut, MeetingOut, MeetingPatch

router = Router(tags=["Meetings"])


class MeetingFilters(Schema):
    when: str | None = Field(default=None, pattern="^(upcoming|past)$")
    kind: MeetingKind | None = None
    year: Year = None
    country: str | None = None


class MeetingListParams(MeetingFilters):
    limit: limit_of(500) = 100  # type: ignore[valid-type]
    offset: Offset = 0


def _meetings(filters: MeetingFilters):  # noqa: ANN202  a queryset of meetings
    return selectors.meeting_list(
        when=filters.when, kind=filters.kind, year=filters.year, country=filters.country
    )


@router.get("/meetings", response=MeetingListOut)
def list_meetings(request: HttpRequest, params: Query[MeetingListParams]) -> dict:
    meetings = _meetings(params).prefetch_related(
        "hosts__state", "hosts__organization", "meeting_documents__document"
    )
    return page(request.path, meetings, params=params)


@router.get(
    "/meetings.ics",
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
    return calendar_response(request, _meetings(filters), name="Migration Forum meetings")


@router.post(
    "/meetings",
    response={201: MeetingOut},
    auth=token_auth,
    summary="Create a meeting; the secretariat only",
)
def create_meeting(request: HttpRequest, payload: MeetingIn) -> Status:
    data = payload.model_dump(exclude_none=True)
    meeting = services.meeting_create(by=request.auth, data=data)
    return Status(201, selectors.meeting_get(pk=meeting.pk))


def _meeting(meeting_id: int) -> Meeting:
    try:
        return selectors.meeting_get(pk=meeting_id)
    except Meeting.DoesNotExist:
        raise Http404(f"No meeting has the id {meeting_id}.") from None


@router.patch(
    "/meetings/{int:meeting_id}",
    response=MeetingOut,
    auth=token_auth,
    summary="Change a meeting; the secretariat only",
)
def patch_meeting(request: HttpRequest, meeting_id: int, payload: MeetingPatch) -> Meeting:
    meeting = _meeting(meeting_id)
    data = {k: v for k, v in payload.model_dump(exclude_unset=True).items() if v is not None}
    services.meeting_update(meeting=meeting, by=request.auth, data=data)
    return selectors.meeting_get(pk=meeting_id)


@router.get("/meetings/{int:meeting_id}", response=MeetingOut)
def get_meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    return _meeting(meeting_id)
