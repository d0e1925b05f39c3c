"""States, organizations and groups through the API: read by anyone, changed by token by those
who keep them."""

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import Field

from migforum.core.api.auth import token_auth
from migforum.core.api.params import Offset, QueryDate, limit_of
from migforum.core.api.responses import cached_page

from . import selectors, services
from .choices import OrganizationKind, StateStatus
from .models import Group, Organization, State
from .schemas import (
    GroupListOut,
    GroupOut,
    OrganizationListOut,
    OrganizationOut,
    OrganizationPatch,
    StateListOut,
    StateOut,
    StatePatch,
)

router = Router()

#: These lists are short (195 States): by default one page holds each whole.
MAX_LIMIT = 500


class StateFilters(Schema):
    member_on: QueryDate = Field(
        default=None, description="YYYY-MM-DD: the States that were UN Members that day."
    )
    region: str | None = None
    status: StateStatus | None = None
    limit: limit_of(MAX_LIMIT) = MAX_LIMIT  # type: ignore[valid-type]
    offset: Offset = 0


def _state(iso3: str) -> State:
    try:
        return selectors.state_get(iso3=iso3)
    except State.DoesNotExist:
        raise Http404(f"No State has the ISO 3166 alpha-3 code '{iso3[:10]}'.") from None


def _changes(payload: Schema) -> dict[str, str]:
    """The fields a PATCH sends; `null` empties a field."""
    return {
        k: v if v is not None else "" for k, v in payload.model_dump(exclude_unset=True).items()
    }


@router.get(
    "/states", response=StateListOut, tags=["States"], summary="Member States and observer States"
)
def list_states(request: HttpRequest, filters: Query[StateFilters]) -> HttpResponse:
    """Every State, or those that were UN Member States on `member_on` (YYYY-MM-DD)."""
    states = selectors.state_list(
        member_on=filters.member_on, region=filters.region, status=filters.status
    )
    return cached_page("states", request.path, states, params=filters, out=StateListOut)


@router.get("/states/{iso3}", response=StateOut, tags=["States"])
def get_state(request: HttpRequest, iso3: str) -> State:
    return _state(iso3)


@router.patch(
    "/states/{iso3}",
    response=StateOut,
    auth=token_auth,
    tags=["States"],
    summary="Change what a delegation keeps about its State",
)
def patch_state(request: HttpRequest, iso3: str, payload: StatePatch) -> State:
    """Allowed to the State's own focal points and to the secretariat."""
    return services.state_update(state=_state(iso3), by=request.auth, data=_changes(payload))


def _organization(slug: str) -> Organization:
    try:
        return selectors.organization_get(slug=slug)
    except Organization.DoesNotExist:
        raise Http404(f"No organization has the identifier '{slug[:50]}'.") from None


class OrganizationFilters(Schema):
    type: OrganizationKind | None = None
    limit: limit_of(MAX_LIMIT) = MAX_LIMIT  # type: ignore[valid-type]
    offset: Offset = 0


@router.get("/organizations", response=OrganizationListOut, tags=["Organizations"])
def list_organizations(request: HttpRequest, filters: Query[OrganizationFilters]) -> HttpResponse:
    organizations = selectors.organization_list(kind=filters.type)
    return cached_page(
        "organizations", request.path, organizations, params=filters, out=OrganizationListOut
    )


@router.get("/organizations/{slug}", response=OrganizationOut, tags=["Organizations"])
def get_organization(request: HttpRequest, slug: str) -> Organization:
    return _organization(slug)


@router.patch(
    "/organizations/{slug}",
    response=OrganizationOut,
    auth=token_auth,
    tags=["Organizations"],
)
def patch_organization(request: HttpRequest, slug: str, payload: OrganizationPatch) -> Organization:
    """Allowed to the organization's own analysts and to the secretariat."""
    return services.organization_update(
        organization=_organization(slug), by=request.auth, data=_changes(payload)
    )


class GroupParams(Schema):
    limit: limit_of(MAX_LIMIT) = MAX_LIMIT  # type: ignore[valid-type]
    offset: Offset = 0


@router.get("/groups", response=GroupListOut, tags=["Groups"])
def list_groups(request: HttpRequest, paging: Query[GroupParams]) -> HttpResponse:
    groups = selectors.group_list()
    return cached_page("groups", request.path, groups, params=paging, out=GroupListOut)


@router.get("/groups/{slug}", response=GroupOut, tags=["Groups"])
def get_group(request: HttpRequest, slug: str) -> Group:
    try:
        return selectors.group_get(slug=slug)
    except Group.DoesNotExist:
        raise Http404(f"No group has the identifier '{slug[:50]}'.") from None
