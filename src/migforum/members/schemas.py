"""The shapes in which the API gives States, organizations and groups, read from the records."""

import datetime

from ninja import Schema
from pydantic import Field

from migforum.core.api.paging import PageOut

from .models import Group, GroupMembership, Organization, State


class StateOut(Schema):
    iso3: str
    iso2: str
    m49: str
    name: str = Field(description="The UN's English short name.")
    names: dict[str, str] = Field(description="Names in the six UN languages, by language code.")
    status: str = Field(description="`member` or `observer`.")
    is_member: bool
    admission_date: datetime.date | None
    region: str
    sub_region: str
    intermediate_region: str
    is_ldc: bool
    is_lldc: bool
    is_sids: bool
    website: str
    summary: str
    url: str

    @staticmethod
    def resolve_url(state: State) -> str:
        return state.get_absolute_url()


class StateListOut(PageOut):
    results: list[StateOut]


class StatePatch(Schema):
    website: str | None = Field(default=None, max_length=200)
    summary: str | None = Field(default=None, max_length=5000)


class OrganizationOut(Schema):
    slug: str
    acronym: str
    name: str
    names: dict[str, str]
    kind: str
    state: str | None = Field(description="ISO3 of the State, for a government.")
    website: str
    description: str
    url: str

    @staticmethod
    def resolve_names(organization: Organization) -> dict[str, str]:
        return organization.all_names()

    @staticmethod
    def resolve_state(organization: Organization) -> str | None:
        return organization.state.iso3 if organization.state else None

    @staticmethod
    def resolve_url(organization: Organization) -> str:
        return organization.get_absolute_url()


class OrganizationListOut(PageOut):
    results: list[OrganizationOut]


class OrganizationPatch(Schema):
    website: str | None = Field(default=None, max_length=200)
    description: str | None = Field(default=None, max_length=5000)


class MembershipOut(Schema):
    state: str | None = Field(description="ISO3, when the participant is a State.")
    organization: str | None = Field(description="Slug, when the participant is an organization.")
    name: str
    role: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    as_of: str
    source: str

    @staticmethod
    def resolve_state(membership: GroupMembership) -> str | None:
        return membership.state.iso3 if membership.state else None

    @staticmethod
    def resolve_organization(membership: GroupMembership) -> str | None:
        return membership.organization.slug if membership.organization else None

    @staticmethod
    def resolve_name(membership: GroupMembership) -> str:
        return str(membership.participant)


class GroupOut(Schema):
    slug: str
    acronym: str
    name: str
    names: dict[str, str]
    kind: str
    established_year: int | None
    description: str
    url: str
    memberships: list[MembershipOut]

    @staticmethod
    def resolve_names(group: Group) -> dict[str, str]:
        return group.all_names()

    @staticmethod
    def resolve_url(group: Group) -> str:
        return group.get_absolute_url()

    @staticmethod
    def resolve_memberships(group: Group) -> list[GroupMembership]:
        return list(group.memberships.all())


class GroupListOut(PageOut):
    results: list[GroupOut]
