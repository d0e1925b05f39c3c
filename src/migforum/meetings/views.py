"""Pages for meetings: upcoming and past with filters, one meeting, and iCalendar."""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from migforum.core.choices import RoleKind
from migforum.core.page_cache import kept_for_anonymous
from migforum.core.params import year_param
from migforum.core.permissions import Action, can, has_role

from . import selectors
from .choices import MeetingKind
from .ical import calendar_response
from .jsonld import meeting_event_script
from .minutes import minutes_visible
from .models import Meeting
from .registration import places_left


def _filtered(request: HttpRequest) -> tuple[QuerySet[Meeting], dict[str, str]]:
    when = request.GET.get("when", "")
    kind = request.GET.get("kind", "")
    year = request.GET.get("year", "")
    meetings = selectors.meeting_list(
        when=when if when in ("upcoming", "past") else None,
        kind=kind if kind in MeetingKind.values else None,
        year=year_param(year),
    )
    return meetings, {"when": when, "kind": kind, "year": year}


def _meeting_or_404(pk: int) -> Meeting:
    try:
        return selectors.meeting_get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404(_("No meeting has this address.")) from None


@require_GET
@kept_for_anonymous()
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings, filters = _filtered(request)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "meetings": meetings,
            **filters,
            "kinds": MeetingKind.choices,
            "query": request.GET.urlencode(),
        },
    )


@require_GET
def meeting_list_calendar(request: HttpRequest) -> HttpResponse:
    """The meetings the list shows with the same filters, as iCalendar."""
    meetings, _filters = _filtered(request)
    return calendar_response(request, meetings, name=_("Migration Forum meetings"))


@require_GET
@kept_for_anonymous()
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    url = request.build_absolute_uri(meeting.get_absolute_url())
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "json_ld": mark_safe(meeting_event_script(meeting, url)),  # noqa: S308  "<" escaped
            "places_left": places_left(meeting),
            "minutes": minutes_visible(meeting=meeting, user=request.user),
            "manages": can(request.user, Action.MANAGE_MEETINGS, meeting),
            "is_delegation": has_role(request.user, RoleKind.FOCAL_POINT),
        },
    )


@require_GET
def meeting_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    return calendar_response(request, [meeting], name=meeting.title)
