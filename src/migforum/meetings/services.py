"""Writes to meetings: creation from a report's annex or a list of Summits, all audited."""

import datetime
import zoneinfo
from dataclasses import dataclass
from typing import Any

from babel.core import get_global
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from migforum.core.audit import record_create, record_delete, record_update, record_upsert
from migforum.core.permissions import Action, require
from migforum.core.search import index_object
from migforum.documents.choices import DocumentKind
from migforum.documents.models import Document
from migforum.documents.services import ImportReport, clean_text, document_import_text
from migforum.members.matching import match_organization, match_state
from migforum.members.models import State

from .annex import AnnexEntry, read_annex
from .choices import DocumentRole, HostRole, MeetingKind
from .errors import MeetingError
from .models import Meeting, MeetingDocument, MeetingHost, MeetingSeries, MeetingSession
from .titles import kind_title, summit_title

#: The zone of the seat of government, for States that span several zones (CLDR's "primary
#: zones"): a meeting in a city without a zone of its own is most likely on that time.
PRIMARY_ZONES = {
    "AR": "America/Buenos_Aires",
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "CD": "Africa/Kinshasa",
    "CL": "America/Santiago",
    "CN": "Asia/Shanghai",
    "CY": "Asia/Nicosia",
    "DE": "Europe/Berlin",
    "EC": "America/Guayaquil",
    "ES": "Europe/Madrid",
    "FM": "Pacific/Pohnpei",
    "ID": "Asia/Jakarta",
    "KI": "Pacific/Tarawa",
    "KZ": "Asia/Almaty",
    "MH": "Pacific/Majuro",
    "MN": "Asia/Ulaanbaatar",
    "MX": "America/Mexico_City",
    "MY": "Asia/Kuala_Lumpur",
    "NZ": "Pacific/Auckland",
    "PG": "Pacific/Port_Moresby",
    "PT": "Europe/Lisbon",
    "RU": "Europe/Moscow",
    "UA": "Europe/Kiev",
    "US": "America/New_York",
    "UZ": "Asia/Tashkent",
}


def timezone_for(city: str, country: State | None) -> str:
    """The IANA time zone of a city: the country's zone named after the city, else the
    country's primary zone, else its only one."""
    if country is None:
        return "UTC"
    zones = get_global("territory_zones").get(country.iso2, [])
    wanted = city.replace(" ", "_").lower()
    for zone in zones:
        if zone.rsplit("/", 1)[-1].lower() == wanted:
            return zone
    if country.iso2 in PRIMARY_ZONES:
        return PRIMARY_ZONES[country.iso2]
    return zones[0] if zones else "UTC"


def _hosts_replace(
    *, meeting: Meeting, role: HostRole, names: list[str], by: Any, actor_name: str | None = None
) -> None:
    """Make the meeting's organizers (or chairs) exactly these, matched where possible."""
    wanted = []
    for position, name in enumerate(names):
        state = match_state(name)
        organization = None if state else match_organization(name)
        wanted.append((name[:500], state, organization, position))
    keep = {name for name, *_rest in wanted}
    for stale in meeting.hosts.filter(role=role).exclude(name__in=keep):
        record_delete(instance=stale, by=by, actor_name=actor_name)
    for name, state, organization, position in wanted:
        record_upsert(
            model=MeetingHost,
            by=by,
            actor_name=actor_name,
            lookup={"meeting": meeting, "role": role, "name": name},
            data={"state": state, "organization": organization, "position": position},
        )


def _attach(*, meeting: Meeting, document: Document, role: DocumentRole, by: Any) -> None:
    record_upsert(
        model=MeetingDocument,
        by=by,
        lookup={"meeting": meeting, "document": document, "role": role},
        data={},
    )


@transaction.atomic
def meeting_from_annex_entry(
    *, entry: AnnexEntry, kind: MeetingKind, by: Any, source: str
) -> Meeting:
    """The meeting an annex entry describes, created or brought up to date."""
    country = match_state(entry.country) if entry.country else None
    meeting, changed = record_upsert(
        model=Meeting,
        by=by,
        lookup={"kind": kind, "start_date": entry.start_date, "city": entry.city},
        data={
            "title": kind_title(kind, entry.city),
            "end_date": entry.end_date,
            "country": country,
            "timezone": timezone_for(entry.city, country),
            "source": source[:1000],
        },
    )
    _hosts_replace(meeting=meeting, role=HostRole.ORGANIZER, names=entry.organizers, by=by)
    if entry.letter:
        letter, _changed = record_upsert(
            model=Document,
            by=by,
            lookup={"symbol": entry.letter.symbol},
            data={
                "title": entry.letter.title[:1000],
                "date": entry.letter.date,
                "kind": DocumentKind.NOTE if entry.letter.kind == "note" else DocumentKind.LETTER,
            },
        )
        index_object(letter)
        _attach(meeting=meeting, document=letter, role=DocumentRole.TRANSMITTING_LETTER, by=by)
    index_object(meeting)
    return meeting


@transaction.atomic
def meetings_from_annex(*, text: str, source: str, by: Any) -> tuple[list[Meeting], list[str]]:
    """The preparatory meetings a report's annex lists, created or brought up to date, and a
    note for each line that could not be read."""
    reading = read_annex(text)
    meetings, skipped = [], list(reading.skipped)
    for entry in reading.entries:
        if not entry.city:
            skipped.append(f"line {entry.line}: meeting skipped, no venue")
            continue
        meetings.append(
            meeting_from_annex_entry(
                entry=entry, kind=MeetingKind.PREPARATORY, by=by, source=source
            )
        )
    return meetings, skipped


@transaction.atomic
def document_import_with_meetings(*, text: str, by: Any, **document: Any) -> ImportReport:
    """Import a report as a document, then the meetings its annex lists: all or nothing.
    `document` is what `document_import_text` takes besides the text and the author."""
    report = document_import_text(text=text, by=by, **document)
    report.meetings, report.skipped = meetings_from_annex(
        text=clean_text(text), source=report.document.title, by=by
    )
    return report


@transaction.atomic
def summit_upsert(
    *,
    number: int,
    year: int,
    chairs: list[str],
    city: str,
    country: str,
    start_date: datetime.date,
    end_date: datetime.date,
    theme: str,
    venue: str,
    mode: str,
    source: str,
    by: Any,
    actor_name: str | None = None,
) -> Meeting:
    """One Summit of the Forum, in the series of yearly Summits."""
    series, _changed = record_upsert(
        model=MeetingSeries,
        by=by,
        actor_name=actor_name,
        lookup={"slug": "gfmd-summits"},
        data={"name": "Summits of the Global Forum on Migration and Development"},
    )
    state = match_state(country)
    meeting, _changed = record_upsert(
        model=Meeting,
        by=by,
        actor_name=actor_name,
        lookup={"series": series, "number": number},
        data={
            "kind": MeetingKind.SUMMIT,
            "title": summit_title(year),
            "theme": theme[:500],
            "start_date": start_date,
            "end_date": end_date,
            "city": city,
            "venue": venue[:300],
            "country": state,
            "mode": mode,
            "timezone": timezone_for(city or (state.name if state else ""), state),
            "source": source[:1000],
        },
    )
    _hosts_replace(meeting=meeting, role=HostRole.CHAIR, names=chairs, by=by, actor_name=actor_name)
    index_object(meeting)
    return meeting


def _validated(data: dict[str, Any]) -> dict[str, Any]:
    """Check what people send: a known time zone, a known State, ordered dates."""
    data = dict(data)
    if "timezone" in data:
        try:
            zoneinfo.ZoneInfo(data["timezone"])
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValidationError(
                {
                    "timezone": ValidationError(
                        _("Unknown time zone: %(zone)s.") % {"zone": str(data["timezone"])[:64]},
                        code=MeetingError.UNKNOWN_TIMEZONE,
                    )
                }
            ) from None
    if "country" in data:
        iso3 = data.pop("country")
        data["country"] = State.objects.filter(iso3=str(iso3).upper()).first() if iso3 else None
        if iso3 and data["country"] is None:
            raise ValidationError(
                {
                    "country": ValidationError(
                        _("No State has the code %(code)s.") % {"code": str(iso3)[:10]},
                        code=MeetingError.UNKNOWN_COUNTRY,
                    )
                }
            )
    return data


@transaction.atomic
def meeting_create(*, by: Any, data: dict[str, Any]) -> Meeting:
    """A new meeting; the secretariat only."""
    require(by, Action.MANAGE_MEETINGS)
    data = _validated(data)
    if "timezone" not in data:
        data["timezone"] = timezone_for(data.get("city", ""), data.get("country"))
    meeting = record_create(model=Meeting, by=by, data=data)
    index_object(meeting)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, by: Any, data: dict[str, Any]) -> Meeting:
    require(by, Action.MANAGE_MEETINGS, meeting)
    meeting, changed = record_update(instance=meeting, by=by, data=_validated(data))
    if changed:
        index_object(meeting)
    return meeting


# The secretariat's form: a meeting with its hosts, timetable and documents in one change.

#: Bounds on what one form may send: more than any meeting has.
MAX_HOSTS = 50
MAX_SESSIONS = 200
MAX_DOCUMENTS = 100


@dataclass(frozen=True)
class SessionEntry:
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    room: str = ""
    speakers: str = ""


def _session_problems(meeting: Meeting, sessions: list[SessionEntry]) -> list[ValidationError]:
    """Sessions that end before they start or fall outside the meeting's days, at the venue."""
    problems = []
    first = datetime.datetime.combine(meeting.start_date, datetime.time(), tzinfo=meeting.zone)
    for number, session in enumerate(sessions, start=1):
        if session.ends_at <= session.starts_at:
            problems.append(
                ValidationError(
                    _("Session %(n)d, “%(title)s”, ends before it starts.")
                    % {"n": number, "title": session.title[:100]},
                    code=MeetingError.SESSION_TIMES,
                )
            )
        elif session.starts_at < first or session.ends_at > meeting.ends_at:
            problems.append(
                ValidationError(
                    _("Session %(n)d, “%(title)s”, is outside the meeting's days.")
                    % {"n": number, "title": session.title[:100]},
                    code=MeetingError.SESSION_OUTSIDE_MEETING,
                )
            )
    return problems


def _sessions_replace(*, meeting: Meeting, sessions: list[SessionEntry], by: Any) -> None:
    """Make the timetable exactly these sessions, changing the stored ones in order."""
    stored = list(meeting.sessions.order_by("starts_at", "id"))
    for session, entry in zip(stored, sessions, strict=False):
        record_update(instance=session, by=by, data=_session_data(entry))
    for entry in sessions[len(stored) :]:
        record_create(
            model=MeetingSession, by=by, data={"meeting": meeting, **_session_data(entry)}
        )
    for session in stored[len(sessions) :]:
        record_delete(instance=session, by=by)


def _session_data(entry: SessionEntry) -> dict[str, Any]:
    return {
        "title": entry.title.strip()[:500],
        "starts_at": entry.starts_at,
        "ends_at": entry.ends_at,
        "room": entry.room.strip()[:200],
        "speakers": entry.speakers.strip()[:5000],
    }


def _documents_replace(
    *, meeting: Meeting, documents: list[tuple[str, str]], by: Any
) -> list[ValidationError]:
    """Link the documents named by their symbols; the symbols no document has are returned
    as problems, and nothing is linked then."""
    found = {
        document.symbol.upper(): document
        for document in Document.objects.filter(symbol__in=[symbol for symbol, _role in documents])
    }
    unknown = [symbol for symbol, _role in documents if symbol.upper() not in found]
    if unknown:
        return [
            ValidationError(
                _("No document has the symbol %(symbol)s.") % {"symbol": symbol[:100]},
                code=MeetingError.UNKNOWN_DOCUMENT,
            )
            for symbol in unknown
        ]
    wanted = {(found[symbol.upper()].pk, role) for symbol, role in documents}
    for link in meeting.meeting_documents.all():
        if (link.document_id, link.role) not in wanted:
            record_delete(instance=link, by=by)
    for document_id, role in sorted(wanted):
        record_upsert(
            model=MeetingDocument,
            by=by,
            lookup={"meeting": meeting, "document_id": document_id, "role": role},
            data={},
        )
    return []


@transaction.atomic
def meeting_save(
    *,
    meeting: Meeting | None,
    by: Any,
    data: dict[str, Any],
    organizers: list[str],
    chairs: list[str],
    sessions: list[SessionEntry],
    documents: list[tuple[str, str]],
) -> Meeting:
    """Create or change a meeting with its organizers, chairs, timetable and documents, all
    or nothing, every problem reported at once; the secretariat only. A meeting with
    registration open keeps its deadline before its end."""
    if meeting is None:
        meeting = meeting_create(by=by, data=data)
    else:
        meeting = meeting_update(meeting=meeting, by=by, data=data)
    problems = _session_problems(meeting, sessions)
    problems += _documents_replace(meeting=meeting, documents=documents, by=by)
    deadline = meeting.registration_deadline
    if meeting.registration_open and deadline and deadline > meeting.ends_at:
        problems.append(
            ValidationError(
                _(
                    "Registration closes on %(deadline)s, after the meeting ends: move the "
                    "deadline first."
                )
                % {"deadline": meeting.at_venue(deadline)},
                code=MeetingError.DEADLINE_AFTER_MEETING,
            )
        )
    if problems:
        raise ValidationError(problems)
    _sessions_replace(meeting=meeting, sessions=sessions, by=by)
    _hosts_replace(meeting=meeting, role=HostRole.ORGANIZER, names=organizers, by=by)
    _hosts_replace(meeting=meeting, role=HostRole.CHAIR, names=chairs, by=by)
    index_object(meeting)
    return meeting
