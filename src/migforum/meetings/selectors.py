"""Reads of meetings."""

from django.db.models import QuerySet
from django.utils import timezone

from migforum.members.models import State

from .models import Meeting


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
