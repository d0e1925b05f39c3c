"""Reads of meetings."""

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from migforum.members.models import State

from .models import Meeting, Minutes, MinutesStatus, Registration, RegistrationStatus


def meeting_list(
    *,
    when: str | None = None,
    kind: str | None = None,
    year: int | None = None,
    country: str | None = None,
) -> QuerySet[Meeting]:
    """Meetings, filtered; upcoming ones soonest first, past ones latest first."""
    meetings = Meeting.objects.select_related("country", "series")
    today = timezone.localdate()
    if when == "upcoming":
        meetings = meetings.filter(end_date__gte=today).order_by("start_date")
    elif when == "past":
        meetings = meetings.filter(end_date__lt=today).order_by("-start_date")
    else:
        meetings = meetings.order_by("-start_date")
    if kind:
        meetings = meetings.filter(kind=kind)
    if year:
        meetings = meetings.filter(start_date__year=year)
    if country:
        meetings = meetings.filter(country__iso3=country.upper())
    return meetings


def meeting_get(*, pk: int) -> Meeting:
    return (
        Meeting.objects.select_related("country", "series")
        .prefetch_related("hosts__state", "hosts__organization", "meeting_documents__document")
        .get(pk=pk)
    )


def meetings_hosted(*, state: State, limit: int = 10) -> QuerySet[Meeting]:
    """The meetings held in a State, latest first."""
    return Meeting.objects.filter(country=state).order_by("-start_date")[:limit]


@dataclass(frozen=True)
class OpenRegistration:
    meeting: Meeting
    state: State
    #: The State's registration, if it has one.
    registration: Registration | None


def open_registrations_for(*, states: list[State]) -> list[OpenRegistration]:
    """The meetings taking registrations now, with where each State's registration stands,
    soonest deadline first."""
    now = timezone.now()
    candidates = (
        Meeting.objects.filter(registration_open=True, end_date__gte=now.date())
        .filter(Q(registration_deadline__isnull=True) | Q(registration_deadline__gt=now))
        .order_by(F("registration_deadline").asc(nulls_last=True), "start_date")[:20]
    )
    # The day ends at the venue: a meeting's last day may be over there and not here.
    meetings = [meeting for meeting in candidates if not meeting.is_over]
    registrations = {
        (r.meeting_id, r.state_id): r
        for r in Registration.objects.filter(meeting__in=meetings, state__in=states)
    }
    return [
        OpenRegistration(meeting, state, registrations.get((meeting.pk, state.pk)))
        for meeting in meetings
        for state in states
    ]


def meetings_with_registrations_to_decide() -> QuerySet[Meeting]:
    """Meetings with registrations submitted and not yet approved or returned, each with
    `waiting`, their number."""
    return (
        Meeting.objects.filter(registrations__status=RegistrationStatus.SUBMITTED)
        .annotate(waiting=Count("registrations"))
        .order_by("start_date")[:20]
    )


def minutes_to_circulate() -> QuerySet[Minutes]:
    """Minutes and Chair's summaries drafted and not yet circulated to the participants."""
    return (
        Minutes.objects.filter(status=MinutesStatus.DRAFT)
        .select_related("meeting")
        .order_by("meeting__start_date")[:20]
    )
