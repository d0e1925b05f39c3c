"""A meeting as schema.org Event metadata, for search engines and calendars."""

import json
from typing import Any

from .choices import MeetingMode
from .models import Meeting

ATTENDANCE = {
    MeetingMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    MeetingMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    MeetingMode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def meeting_event(meeting: Meeting, url: str) -> dict[str, Any]:
    event: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": meeting.title,
        "startDate": meeting.start_date.isoformat(),
        "endDate": meeting.end_date.isoformat(),
        "eventAttendanceMode": ATTENDANCE[MeetingMode(meeting.mode)],
        "eventStatus": "https://schema.org/EventScheduled",
        "url": url,
    }
    if meeting.theme:
        event["description"] = meeting.theme
    if meeting.city or meeting.country:
        event["location"] = {
            "@type": "Place",
            "name": meeting.venue or meeting.city,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": meeting.city,
                **({"addressCountry": meeting.country.iso2} if meeting.country else {}),
            },
        }
    organizers = [
        {
            "@type": "GovernmentOrganization" if host.state else "Organization",
            "name": host.participant.name if host.participant else host.name,
        }
        for host in meeting.hosts.all()
        if host.role == "organizer"
    ]
    if organizers:
        event["organizer"] = organizers
    return event


def meeting_event_script(meeting: Meeting, url: str) -> str:
    """The JSON-LD, safe to place inside a <script> element."""
    # "<" escaped as JSON allows, so that no text in the data can close the element.
    return json.dumps(meeting_event(meeting, url), ensure_ascii=False).replace("<", "\\u003c")
