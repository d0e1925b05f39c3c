"""Pages for meetings: upcoming and past with filters, and one meeting."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import selectors
from .choices import MeetingKind
from .jsonld import meeting_event_script
from .models import Meeting


@require_GET
def meeting_list(request: HttpRequest) -> HttpResponse:
    when = request.GET.get("when", "")
    kind = request.GET.get("kind", "")
    year = request.GET.get("year", "")
    meetings = selectors.meeting_list(
        when=when if when in ("upcoming", "past") else None,
        kind=kind if kind in MeetingKind.values else None,
        year=int(year) if year.isdigit() else None,
    )
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "meetings": meetings,
            "when": when,
            "kind": kind,
            "year": year,
            "kinds": MeetingKind.choices,
        },
    )


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        meeting = selectors.meeting_get(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404(_("No meeting has this address.")) from None
    url = request.build_absolute_uri(meeting.get_absolute_url())
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "json_ld": mark_safe(meeting_event_script(meeting, url)),  # noqa: S308  "<" escaped
        },
    )
