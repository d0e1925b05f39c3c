"""The shapes of the practices API: what it answers and what it accepts."""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email
from ninja import Schema
from pydantic import Field, field_validator

from migforum.core.search.schemas import QueryNoticeOut
from migforum.members.choices import OrganizationKind
from migforum.practices.choices import (
    CompactObjective,
    CountryRole,
    Criterion,
    Decision,
    ImplementationStatus,
    Level,
    Rating,
    SdgTarget,
    Theme,
)

#: The six UN languages a practice may be written in.
Language = Literal["ar", "zh-hans", "en", "fr", "ru", "es"]

# Answers


class FacetValueOut(Schema):
    value: str
    label: str
    count: int = Field(description="Practices in the results that have this value.")
    selected: bool


class FacetOut(Schema):
    name: str = Field(description="The query parameter that filters on this facet.")
    label: str
    values: list[FacetValueOut]


class CountryOut(Schema):
    iso3: str
    role: str = Field(description="`origin`, `transit` or `destination`.")


class ImplementerOut(Schema):
    name: str
    kind: str
    organization: str | None = Field(description="Slug, when the implementer is registered.")


class PracticeSummaryOut(Schema):
    id: int
    url: str
    title: str
    summary: str
    themes: list[str]
    countries: list[CountryOut]
    level: str
    implementer: ImplementerOut
    review_status: str
    start_year: int
    end_year: int | None
    language: str = Field(description="The language the title and summary are written in.")


class PracticeListOut(QueryNoticeOut):
    total: int
    offset: int
    limit: int
    facets: list[FacetOut]
    results: list[PracticeSummaryOut]


class OwnerOut(Schema):
    type: str = Field(description="`state` or `organization`.")
    code: str = Field(description="ISO3 of the State, or slug of the organization.")
    name: str


class CallOut(Schema):
    id: int
    title: str


class PartnerOut(Schema):
    name: str
    kind: str
    organization: str | None


class ContactOut(Schema):
    name: str
    function: str
    email: str


class LinkOut(Schema):
    title: str
    url: str


class TranslationOut(Schema):
    language: str
    title: str
    summary: str
    context: str
    description: str
    results: str
    lessons: str
    replication: str


class AttachmentOut(Schema):
    title: str
    url: str
    uploaded_at: datetime.datetime


class VersionOut(Schema):
    number: int
    created_at: datetime.datetime
    url: str = Field(description="The page showing what changed in this version.")


class AnalysisOut(Schema):
    organization: str = Field(description="Slug of the qualified body that reviewed it.")
    organization_name: str
    version: int
    ratings: dict[str, str] = Field(description="Criterion → rating.")
    analysis: str
    created_at: datetime.datetime


class PracticeOut(PracticeSummaryOut):
    owner: OwnerOut
    call: CallOut | None
    context: str
    description: str
    results: str
    lessons: str
    replication: str
    is_global: bool
    objectives: list[int]
    sdg_targets: list[str]
    implementation_status: str
    partners: list[PartnerOut]
    contacts: list[ContactOut]
    links: list[LinkOut]
    translations: list[TranslationOut]
    attachments: list[AttachmentOut]
    versions: list[VersionOut]
    analysis: list[AnalysisOut] = Field(
        description="The reviews that approved the latest version, once it is approved."
    )
    created_at: datetime.datetime
    updated_at: datetime.datetime
    submitted_at: datetime.datetime | None
    published_at: datetime.datetime | None


class AssignmentOut(Schema):
    id: int
    practice: int
    reviewer: str = Field(description="The reviewer's e-mail address.")
    organization: str
    assigned_at: datetime.datetime
    has_conflict: bool | None = Field(description="None until the reviewer declares.")
    conflict_statement: str
    declared_at: datetime.datetime | None


class ReviewOut(Schema):
    id: int
    practice: int
    version: int
    organization: str
    ratings: dict[str, str]
    analysis: str
    decision: str
    created_at: datetime.datetime
    review_status: str = Field(description="Where the practice stands after this review.")


# Requests


class CountryIn(Schema):
    iso3: str = Field(min_length=3, max_length=3)
    role: CountryRole


class PartnerIn(Schema):
    name: str = Field(min_length=1, max_length=300)
    kind: OrganizationKind = OrganizationKind.CIVIL_SOCIETY
    organization: str | None = Field(default=None, description="Slug, if registered.")


class ContactIn(Schema):
    name: str = Field(max_length=300)
    function: str = Field(default="", max_length=300)
    email: str = ""

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        value = value.strip()
        if value:
            try:
                validate_email(value)
            except DjangoValidationError:
                raise ValueError(f"“{value[:100]}” is not an e-mail address.") from None
        return value


class LinkIn(Schema):
    title: str = Field(default="", max_length=300)
    url: str = Field(max_length=2000)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str) -> str:
        value = value.strip()
        try:
            URLValidator(schemes=["http", "https"])(value)
        except DjangoValidationError:
            raise ValueError(f"“{value[:100]}” is not a web address.") from None
        return value


class TranslationIn(Schema):
    language: Language
    title: str = Field(min_length=1, max_length=300)
    summary: str = Field(min_length=1, max_length=2000)
    context: str = Field(default="", max_length=20000)
    description: str = Field(default="", max_length=20000)
    results: str = Field(default="", max_length=20000)
    lessons: str = Field(default="", max_length=20000)
    replication: str = Field(default="", max_length=20000)


class PracticeIn(Schema):
    owner: str | None = Field(
        default=None,
        description="ISO3 of your State or slug of your organization; by default your first.",
    )
    language: Language
    title: str = Field(min_length=1, max_length=300)
    summary: str = Field(min_length=1, max_length=2000)
    context: str = Field(default="", max_length=20000)
    description: str = Field(default="", max_length=20000)
    results: str = Field(default="", max_length=20000)
    lessons: str = Field(default="", max_length=20000)
    replication: str = Field(default="", max_length=20000)
    level: Level
    is_global: bool = False
    implementer_name: str = Field(min_length=1, max_length=300)
    implementer_kind: OrganizationKind
    implementer: str | None = Field(default=None, description="Slug, if registered.")
    themes: list[Theme] = Field(min_length=1)
    objectives: list[CompactObjective] = []
    sdg_targets: list[SdgTarget] = []
    start_year: int = Field(ge=1900, le=2100)
    end_year: int | None = Field(default=None, ge=1900, le=2100)
    implementation_status: ImplementationStatus
    countries: list[CountryIn] = Field(
        default=[], description="Required unless the practice is global."
    )
    partners: list[PartnerIn] = []
    contacts: list[ContactIn] = []
    links: list[LinkIn] = []
    translations: list[TranslationIn] = []
    call: int | None = Field(default=None, description="Id of the open call it answers.")


class PracticePatch(Schema):
    """Only the fields sent change; `countries`, `partners` and `translations` are replaced
    as a whole when sent. `null` is refused except where a field may be empty."""

    language: Language = None  # type: ignore[assignment]
    title: str = Field(default=None, min_length=1, max_length=300)
    summary: str = Field(default=None, min_length=1, max_length=2000)
    context: str = Field(default=None, max_length=20000)
    description: str = Field(default=None, max_length=20000)
    results: str = Field(default=None, max_length=20000)
    lessons: str = Field(default=None, max_length=20000)
    replication: str = Field(default=None, max_length=20000)
    level: Level = None  # type: ignore[assignment]
    is_global: bool = None  # type: ignore[assignment]
    implementer_name: str = Field(default=None, min_length=1, max_length=300)
    implementer_kind: OrganizationKind = None  # type: ignore[assignment]
    implementer: str | None = None
    themes: list[Theme] = Field(default=None, min_length=1)
    objectives: list[CompactObjective] = None  # type: ignore[assignment]
    sdg_targets: list[SdgTarget] = None  # type: ignore[assignment]
    start_year: int = Field(default=None, ge=1900, le=2100)
    end_year: int | None = Field(default=None, ge=1900, le=2100)
    implementation_status: ImplementationStatus = None  # type: ignore[assignment]
    countries: list[CountryIn] = None  # type: ignore[assignment]
    partners: list[PartnerIn] = None  # type: ignore[assignment]
    contacts: list[ContactIn] = None  # type: ignore[assignment]
    links: list[LinkIn] = None  # type: ignore[assignment]
    translations: list[TranslationIn] = None  # type: ignore[assignment]
    call: int | None = None


class AssignmentIn(Schema):
    reviewer: str = Field(
        min_length=3, max_length=254, description="E-mail address of an analyst of a body."
    )


class DeclarationIn(Schema):
    has_conflict: bool
    statement: str = Field(default="", max_length=5000)


class ReviewIn(Schema):
    ratings: dict[Criterion, Rating] = Field(description="A rating for every criterion.")
    analysis: str = Field(max_length=20000)
    decision: Decision


class WithdrawIn(Schema):
    reason: str = Field(default="", max_length=2000)
