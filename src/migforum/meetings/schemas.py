"""The shapes in which the API gives and takes meetings."""

import datetime

from ninja import Schema
from pydantic import Field

from migforum.core.api.paging import PageOut
from migforum.core.api.params import BodyDate

from .choices import MeetingKind, MeetingMode
from .models import Meeting, MeetingDocument, MeetingHost


class MeetingHostOut(Schema):
    role: str
    name: str
    state: str | None
    organization: str | None

    @staticmethod
    def resolve_state(host: MeetingHost) -> str | None:
        return host.state.iso3 if host.state else None

    @staticmethod
    def resolve_organization(host: MeetingHost) -> str | None:
        return host.organization.slug if host.organization else None


class MeetingDocumentOut(Schema):
    role: str
    symbol: str
    title: str
    url: str

    @staticmethod
    def resolve_symbol(link: MeetingDocument) -> str:
        return link.document.symbol

    @staticmethod
    def resolve_title(link: MeetingDocument) -> str:
        return link.document.title

    @staticmethod
    def resolve_url(link: MeetingDocument) -> str:
        return link.document.get_absolute_url()


class MeetingOut(Schema):
    id: int
    kind: str
    title: str
    titles: dict[str, str] = Field(description="The title in the other languages, where given.")
    series: str | None
    number: int | None
    theme: str
    themes: dict[str, str] = Field(description="The theme in the other languages, where given.")
    start_date: datetime.date
    end_date: datetime.date
    timezone: str
    city: str
    venue: str
    country: str | None
    mode: str
    hosts: list[MeetingHostOut]
    documents: list[MeetingDocumentOut]
    url: str

    @staticmethod
    def resolve_series(meeting: Meeting) -> str | None:
        return meeting.series.slug if meeting.series else None

    @staticmethod
    def resolve_country(meeting: Meeting) -> str | None:
        return meeting.country.iso3 if meeting.country else None

    @staticmethod
    def resolve_hosts(meeting: Meeting) -> list[MeetingHost]:
        return list(meeting.hosts.all())

    @staticmethod
    def resolve_documents(meeting: Meeting) -> list[MeetingDocument]:
        return list(meeting.meeting_documents.all())

    @staticmethod
    def resolve_url(meeting: Meeting) -> str:
        return meeting.get_absolute_url()


class MeetingListOut(PageOut):
    results: list[MeetingOut]


#: The title in the other languages: `{"fr": "…", "ar": "…"}` (English is `title`).
TITLES = 'The title in the other languages, by language code: `{"fr": "…"}`.'
THEMES = 'The theme in the other languages, by language code: `{"fr": "…"}`.'


class MeetingIn(Schema):
    kind: MeetingKind
    title: str = Field(max_length=500)
    titles: dict[str, str] = Field(default_factory=dict, description=TITLES)
    start_date: BodyDate
    end_date: BodyDate
    timezone: str | None = Field(default=None, description="IANA zone; else the venue's.")
    city: str = Field(default="", max_length=200)
    venue: str = Field(default="", max_length=300)
    country: str | None = Field(default=None, description="ISO3 of the host State.")
    mode: MeetingMode = MeetingMode.IN_PERSON
    theme: str = Field(default="", max_length=500)
    themes: dict[str, str] = Field(default_factory=dict, description=THEMES)
    description: str = ""


class MeetingPatch(Schema):
    kind: MeetingKind | None = None
    title: str | None = Field(default=None, max_length=500)
    titles: dict[str, str] | None = Field(default=None, description=TITLES)
    start_date: BodyDate | None = None
    end_date: BodyDate | None = None
    timezone: str | None = None
    city: str | None = Field(default=None, max_length=200)
    venue: str | None = Field(default=None, max_length=300)
    country: str | None = None
    mode: MeetingMode | None = None
    theme: str | None = Field(default=None, max_length=500)
    themes: dict[str, str] | None = Field(default=None, description=THEMES)
    description: str | None = None
