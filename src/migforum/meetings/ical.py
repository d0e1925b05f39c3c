"""Meetings as iCalendar (RFC 5545), each in the time zone of its venue."""

import datetime
import zoneinfo
from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from .models import Meeting, MeetingSession

PRODUCT_ID = "-//Migration Forum//Meetings//EN"


def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def _local_midnight(day: datetime.date, zone: zoneinfo.ZoneInfo) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(0, 0), tzinfo=zone)


def meeting_event(meeting: Meeting, *, url: str, domain: str) -> Event:
    """A meeting spans whole local days: from midnight of its first day to midnight after its
    last, in its own time zone, so that calendars elsewhere show it on the right days."""
    zone = _zone(meeting.timezone)
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{domain}")
    event.add("dtstamp", timezone.now())
    event.add("summary", meeting.title)
    event.add("dtstart", _local_midnight(meeting.start_date, zone))
    event.add("dtend", _local_midnight(meeting.end_date + datetime.timedelta(days=1), zone))
    place = ", ".join(
        p
        for p in (meeting.venue, meeting.city, meeting.country.name if meeting.country else "")
        if p
    )
    if place:
        event.add("location", place)
    if meeting.theme:
        event.add("description", meeting.theme)
    event.add("url", url)
    event.add("categories", [meeting.get_kind_display()])
    return event


def session_event(session: MeetingSession, *, url: str, domain: str) -> Event:
    """A session at its times, written in the meeting's time zone."""
    zone = _zone(session.meeting.timezone)
    event = Event()
    event.add("uid", f"meeting-session-{session.pk}@{domain}")
    event.add("dtstamp", timezone.now())
    event.add("summary", f"{session.title} — {session.meeting.title}")
    event.add("dtstart", session.starts_at.astimezone(zone))
    event.add("dtend", session.ends_at.astimezone(zone))
    if session.room:
        event.add("location", session.room)
    if session.speakers:
        event.add("description", "\n".join(session.speaker_list()))
    event.add("url", url)
    return event


def calendar_of(meetings: Iterable[Meeting], *, absolute_url, domain: str, name: str) -> bytes:  # noqa: ANN001
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        url = absolute_url(meeting)
        calendar.add_component(meeting_event(meeting, url=url, domain=domain))
        for session in meeting.sessions.all():
            calendar.add_component(session_event(session, url=url, domain=domain))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def calendar_response(request: HttpRequest, meetings: Iterable[Meeting], name: str) -> HttpResponse:
    """An .ics download of these meetings, linking back to their pages on this site."""
    body = calendar_of(
        meetings,
        absolute_url=lambda m: request.build_absolute_uri(m.get_absolute_url()),
        domain=request.get_host().split(":")[0],
        name=name,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="meetings.ics"'
    return response
