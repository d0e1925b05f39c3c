"""Pages for meetings: upcoming and past with filters, one meeting, and iCalendar."""

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from migforum.core.choices import RoleKind
from migforum.core.page_cache import kept_for_anonymous
from migforum.core.params import year_param
from migforum.core.permissions import Action, can, has_role, require
from migforum.members.models import State

from . import selectors, services
from .choices import MeetingKind
from .forms import DocumentLinkFormSet, MeetingForm, SessionFormSet
from .ical import calendar_response
from .jsonld import meeting_event_script
from .minutes import minutes_visible
from .models import Meeting, zone_named
from .registration import places_left
from .services import timezone_for


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
            "manages": can(request.user, Action.MANAGE_MEETINGS),
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
            "outcomes": meeting.outcome_links(),
            "minutes": minutes_visible(meeting=meeting, user=request.user),
            "manages": can(request.user, Action.MANAGE_MEETINGS, meeting),
            "is_delegation": has_role(request.user, RoleKind.FOCAL_POINT),
        },
    )


@require_GET
def meeting_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    return calendar_response(request, [meeting], name=meeting.title)


def _zone_of(form: MeetingForm, meeting: Meeting | None) -> datetime.tzinfo:
    """The zone the timetable's times are read in: the one chosen, else the meeting's, else
    the city's."""
    data = form.cleaned_data if form.is_valid() else {}
    name = data.get("timezone") or (meeting.timezone if meeting else "")
    if not name and data:
        country = State.objects.filter(iso3=data.get("country") or "").first()
        name = timezone_for(data.get("city", ""), country)
    return zone_named(name)


def _session_rows(meeting: Meeting | None) -> list[dict[str, Any]]:
    if meeting is None:
        return []
    return [
        {
            "title": session.title,
            "starts_at": session.starts_at,
            "ends_at": session.ends_at,
            "room": session.room,
            "speakers": session.speakers,
        }
        for session in meeting.sessions.all()
    ]


def _document_rows(meeting: Meeting | None) -> list[dict[str, Any]]:
    if meeting is None:
        return []
    return [
        {"symbol": link.document.symbol, "role": link.role}
        for link in meeting.meeting_documents.select_related("document")
        if link.document.symbol
    ]


def _meeting_form_page(request: HttpRequest, meeting: Meeting | None) -> HttpResponse:
    require(request.user, Action.MANAGE_MEETINGS, meeting)
    posted = request.method == "POST"
    form = MeetingForm(
        request.POST if posted else None,
        initial=MeetingForm.initial_of(meeting) if meeting else {},
    )
    zone = _zone_of(form, meeting) if posted else (meeting.zone if meeting else datetime.UTC)
    errors: list[str] = []
    with timezone.override(zone):
        sessions = SessionFormSet(
            request.POST if posted else None, prefix="sessions", initial=_session_rows(meeting)
        )
        documents = DocumentLinkFormSet(
            request.POST if posted else None, prefix="documents", initial=_document_rows(meeting)
        )
        if posted and all([form.is_valid(), sessions.is_valid(), documents.is_valid()]):
            try:
                saved = services.meeting_save(
                    meeting=meeting,
                    by=request.user,
                    data=form.meeting_data(),
                    organizers=form.host_names("organizers"),
                    chairs=form.host_names("chairs"),
                    sessions=sessions.entries(),
                    documents=documents.entries(),
                )
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(
                    request,
                    _("The meeting is saved.") if meeting else _("The meeting is created."),
                )
                return redirect(saved)
        return render(
            request,
            "meetings/meeting_form.html",
            {
                "meeting": meeting,
                "form": form,
                "sessions": sessions,
                "documents": documents,
                "errors": errors,
                "zone": zone,
            },
        )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest) -> HttpResponse:
    return _meeting_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form_page(request, _meeting_or_404(pk))
