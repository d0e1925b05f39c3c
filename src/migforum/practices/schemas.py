"""The shapes of the practices API: what it answers and what it accepts."""

import datetime
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator, validate_email
from django.db.models import IntegerChoices
from ninja import Schema
from pydantic import Field, create_model, field_validator
from pydantic_core import PydanticUndefined

from migforum.core.api.paging import PageOut
from migforum.core.api.responses import Answer
from migforum.core.languages import language_codes
from migforum.core.search.schemas import QueryNoticeOut
from migforum.members.choices import OrganizationKind
from migforum.practices.choices import CountryRole, Criterion, Decision, Rating, Theme
from migforum.practices.fields import BY_NAME, PRACTICE_FIELDS, TEXT_FIELDS
from migforum.practices.models import Practice

#: The six UN languages a practice may be written in.
Language = Literal[language_codes()]  # type: ignore[valid-type]

# Answers


class FacetValueOut(Answer):
    value: str
    label: str
    count: int = Field(description="Practices in the results that have this value.")
    selected: bool


class FacetOut(Answer):
    name: str = Field(description="The query parameter that filters on this facet.")
    label: str
    values: list[FacetValueOut]


class CountryOut(Answer):
    iso3: str
    role: str = Field(description="`origin`, `transit` or `destination`.")


class ImplementerOut(Answer):
    name: str
    kind: str
    organization: str | None = Field(description="Slug, when the implementer is registered.")


class PracticeSummaryOut(Answer):
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


class PracticeListOut(PageOut, QueryNoticeOut):
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


#: A translation as the API answers it: its language and the practice's words in it.
TranslationOut = create_model(
    "TranslationOut",
    __base__=Schema,
    language=(str, ...),
    **dict.fromkeys(TEXT_FIELDS, (str, ...)),
)


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


#: The answer's fields that hold what the owner wrote otherwise than as stored.
ANSWERED_AS: dict[str, Any] = {
    "partners": list[PartnerOut],
    "contacts": list[ContactOut],
    "links": list[LinkOut],
    "translations": list[TranslationOut],
}
#: What the owner wrote that the summary already shows (the implementer as one object) or that
#: the answer shows first (the call, after the owner).
SHOWN_APART = {*PracticeSummaryOut.model_fields, "implementer_name", "implementer_kind", "call"}
#: The practice's fields the answer holds as they are stored, beyond the summary's.
STORED_ANSWERS = tuple(
    f.name
    for f in PRACTICE_FIELDS
    if f.stored and f.name not in SHOWN_APART and f.name not in ANSWERED_AS
)


def _answered(name: str) -> Any:
    """The type in which the API answers a field of the practice as stored."""
    declared, field = BY_NAME[name], Practice._meta.get_field(name)
    kind = field.get_internal_type()
    if kind == "JSONField":
        return list[int] if issubclass(declared.choices, IntegerChoices) else list[str]  # type: ignore[arg-type]
    if kind == "BooleanField":
        return bool
    if declared.min_value is not None:
        return int | None if field.null else int
    return str


_PracticeOutFields = create_model(
    "_PracticeOutFields",
    __base__=PracticeSummaryOut,
    owner=(OwnerOut, ...),
    call=(CallOut | None, ...),
    **{
        f.name: (ANSWERED_AS.get(f.name) or _answered(f.name), ...)
        for f in PRACTICE_FIELDS
        if f.name not in SHOWN_APART
    },
    attachments=(list[AttachmentOut], ...),
    versions=(list[VersionOut], ...),
    analysis=(
        list[AnalysisOut],
        Field(description="The reviews that approved the latest version, once it is approved."),
    ),
    created_at=(datetime.datetime, ...),
    updated_at=(datetime.datetime, ...),
    submitted_at=(datetime.datetime | None, ...),
    published_at=(datetime.datetime | None, ...),
)


class PracticeOut(_PracticeOutFields):  # type: ignore[misc, valid-type]
    pass


class AssignmentOut(Schema):
    id: int
    practice: int
    reviewer: str = Field(description="The reviewer's e-mail address.")
    organization: str
    assigned_at: datetime.datetime
    due_on: datetime.date = Field(description="The day the assessment is due.")
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


@dataclass(frozen=True)
class Accepted:
    """How the API takes one thing the owner writes: its type, its default (none when it is
    required), its limits and what the documentation says of it."""

    annotation: Any
    default: Any = PydanticUndefined
    limits: dict[str, Any] = dataclass_field(default_factory=dict)
    description: str | None = None

    def when_created(self) -> tuple[Any, Any]:
        return self.annotation, Field(self.default, description=self.description, **self.limits)

    def when_changed(self) -> tuple[Any, Any]:
        """Only what is sent changes: every field may be left out, none may be sent empty."""
        return self.annotation, Field(None, **self.limits)


def _accepted(name: str) -> Accepted:
    """How the API takes a field of the practice, by the kind of field the model stores it
    in and the vocabulary and limits `fields` gives it."""
    declared, field = BY_NAME[name], Practice._meta.get_field(name)
    kind = field.get_internal_type()
    if kind == "JSONField":
        return Accepted(list[declared.choices], default=[])  # type: ignore[name-defined]
    default = field.default if field.has_default() else PydanticUndefined
    if declared.choices is not None:
        return Accepted(declared.choices, default=default)
    if kind == "BooleanField":
        return Accepted(bool, default=default)
    if declared.min_value is not None:
        years = {"ge": declared.min_value, "le": declared.max_value}
        if field.null:
            return Accepted(int | None, default=None, limits=years)
        return Accepted(int, limits=years)
    if field.blank:
        return Accepted(str, default="", limits={"max_length": field.max_length})
    return Accepted(str, limits={"min_length": 1, "max_length": field.max_length})


_TranslationInFields = create_model(
    "_TranslationInFields",
    __base__=Schema,
    language=(Language, ...),
    **{name: _accepted(name).when_created() for name in TEXT_FIELDS},
)


class TranslationIn(_TranslationInFields):  # type: ignore[misc, valid-type]
    pass


#: What the API takes otherwise than the model stores it.
ACCEPTED_AS = {
    "language": Accepted(Language),
    "implementer": Accepted(str | None, default=None, description="Slug, if registered."),
    "themes": Accepted(list[Theme], limits={"min_length": 1}),
    "countries": Accepted(
        list[CountryIn], default=[], description="Required unless the practice is global."
    ),
    "partners": Accepted(list[PartnerIn], default=[]),
    "contacts": Accepted(list[ContactIn], default=[]),
    "links": Accepted(list[LinkIn], default=[]),
    "translations": Accepted(list[TranslationIn], default=[]),
    "call": Accepted(int | None, default=None, description="Id of the open call it answers."),
}
ACCEPTED = {f.name: ACCEPTED_AS.get(f.name) or _accepted(f.name) for f in PRACTICE_FIELDS}

_PracticeInFields = create_model(
    "_PracticeInFields",
    __base__=Schema,
    owner=(
        str | None,
        Field(
            default=None,
            description="ISO3 of your State or slug of your organization; by default your first.",
        ),
    ),
    **{name: accepted.when_created() for name, accepted in ACCEPTED.items()},
)


class PracticeIn(_PracticeInFields):  # type: ignore[misc, valid-type]
    pass


_PracticePatchFields = create_model(
    "_PracticePatchFields",
    __base__=Schema,
    **{name: accepted.when_changed() for name, accepted in ACCEPTED.items()},
)


class PracticePatch(_PracticePatchFields):  # type: ignore[misc, valid-type]
    """Only the fields sent change; `countries`, `partners` and `translations` are replaced
    as a whole when sent. `null` is refused except where a field may be empty."""


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
