"""Records as the API presents them."""

from typing import Any

from migforum.documents.models import Document
from migforum.meetings.models import Meeting
from migforum.members.models import Group, GroupMembership, Organization, State


def state_data(state: State) -> dict[str, Any]:
    return {
        "iso3": state.iso3,
        "iso2": state.iso2,
        "m49": state.m49,
        "name": state.name,
        "names": state.names,
        "status": state.status,
        "is_member": state.is_member,
        "admission_date": state.admission_date,
        "region": state.region,
        "sub_region": state.sub_region,
        "intermediate_region": state.intermediate_region,
        "is_ldc": state.is_ldc,
        "is_lldc": state.is_lldc,
        "is_sids": state.is_sids,
        "website": state.website,
        "summary": state.summary,
        "url": state.get_absolute_url(),
    }


def organization_data(organization: Organization) -> dict[str, Any]:
    return {
        "slug": organization.slug,
        "acronym": organization.acronym,
        "name": organization.name,
        "names": organization.all_names(),
        "kind": organization.kind,
        "state": organization.state.iso3 if organization.state else None,
        "website": organization.website,
        "description": organization.description,
        "url": organization.get_absolute_url(),
    }


def membership_data(membership: GroupMembership) -> dict[str, Any]:
    return {
        "state": membership.state.iso3 if membership.state else None,
        "organization": membership.organization.slug if membership.organization else None,
        "name": str(membership.participant),
        "role": membership.role,
        "start_date": membership.start_date,
        "end_date": membership.end_date,
        "as_of": membership.as_of,
        "source": membership.source,
    }


def group_data(group: Group) -> dict[str, Any]:
    return {
        "slug": group.slug,
        "acronym": group.acronym,
        "name": group.name,
        "names": group.all_names(),
        "kind": group.kind,
        "established_year": group.established_year,
        "description": group.description,
        "url": group.get_absolute_url(),
        "memberships": [membership_data(m) for m in group.memberships.all()],
    }


def document_data(document: Document, *, cited_by: list[str] | None = None) -> dict[str, Any]:
    return {
        "id": document.pk,
        "symbol": document.symbol,
        "title": document.title,
        "kind": document.kind,
        "date": document.date,
        "year": document.year,
        "state": document.state.iso3 if document.state else None,
        "session": document.session,
        "languages": [v.language for v in document.versions.all()],
        "cites": [c.symbol for c in document.citations.all()],
        "cited_by": cited_by or [],
        "url": document.get_absolute_url(),
    }


def meeting_data(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "kind": meeting.kind,
        "title": meeting.title,
        "series": meeting.series.slug if meeting.series else None,
        "number": meeting.number,
        "theme": meeting.theme,
        "start_date": meeting.start_date,
        "end_date": meeting.end_date,
        "timezone": meeting.timezone,
        "city": meeting.city,
        "venue": meeting.venue,
        "country": meeting.country.iso3 if meeting.country else None,
        "mode": meeting.mode,
        "hosts": [
            {
                "role": h.role,
                "name": h.name,
                "state": h.state.iso3 if h.state else None,
                "organization": h.organization.slug if h.organization else None,
            }
            for h in meeting.hosts.all()
        ],
        "documents": [
            {
                "role": link.role,
                "symbol": link.document.symbol,
                "title": link.document.title,
                "url": link.document.get_absolute_url(),
            }
            for link in meeting.meeting_documents.all()
        ],
        "url": meeting.get_absolute_url(),
    }
