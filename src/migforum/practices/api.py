"""Promising policy practices through the API: finding them with the page's filters and facets,
reading one, and the review cycle — drafting, submission, assignment, declaration, review,
publication and withdrawal — by token.

Reads need no token: without one the caller sees published practices only; with one, what its
holder may see on the site. A practice the caller may not see answers 404, as if it did not
exist.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.errors import AuthenticationError
from pydantic import Field, create_model

from migforum.core.api.auth import token_auth
from migforum.core.api.paging import filters_of, paging
from migforum.core.api.params import Offset, limit_of
from migforum.core.permissions import Action, can, require
from migforum.members.models import Organization, State

from . import finder, services
from .choices import ReviewStatus
from .errors import PracticeError
from .fields import TEXT_FIELDS
from .models import CallForPractices, Practice, Review, ReviewAssignment
from .schemas import (
    STORED_ANSWERS,
    AssignmentIn,
    AssignmentOut,
    DeclarationIn,
    PracticeIn,
    PracticeListOut,
    PracticeOut,
    PracticePatch,
    ReviewIn,
    ReviewOut,
    WithdrawIn,
)

router = Router(tags=["Practices"])
#: Reads take a token if one is sent, and answer anonymously otherwise.
OPTIONAL_TOKEN = {"security": [{}, {"ApiTokenAuth": []}]}
MAX_LIMIT = 100


def _reader(request: HttpRequest) -> Any:
    """The token's holder, or an anonymous reader when no token is sent; a token that is sent
    must be valid (401 otherwise), so that a mistyped one does not silently hide drafts."""
    if not request.headers.get("Authorization"):
        return AnonymousUser()
    user = token_auth(request)
    if user is None:
        raise AuthenticationError()
    return user


# Reading


class _ListParams(Schema):
    q: str = Field(default="", description="Words to find, in any of the six languages.")
    sort: str = Field(default="", description=f"One of: {', '.join(finder.SORTS)}.")
    limit: limit_of(MAX_LIMIT) = 20  # type: ignore[valid-type]
    offset: Offset = 0


#: Each facet is a repeatable parameter: `?theme=remittances&theme=diaspora&country=MAR`.
PracticeListParams = create_model(  # type: ignore[call-overload]
    "PracticeListParams",
    __base__=_ListParams,
    **{
        spec.name: (
            list[str],
            Field(default=[], description=f"{spec.label} (repeatable; values combine with AND)."),
        )
        for spec in finder.FACETS
    },
)
KNOWN_PARAMS = {"q", "sort", "limit", "offset", *finder.FACET_NAMES}


def _owner_data(practice: Practice) -> dict[str, Any]:
    if practice.owner_state_id:
        state = practice.owner_state
        return {"type": "state", "code": state.iso3, "name": state.localized_name}
    organization = practice.owner_organization
    return {
        "type": "organization",
        "code": organization.slug,
        "name": organization.localized_name,
    }


def summary_data(practice: Practice | finder.ListedPractice) -> dict[str, Any]:
    """What a list says of a practice; the answer about one practice begins with the same."""
    return {
        "id": practice.pk,
        "url": practice.get_absolute_url(),
        "title": practice.title,
        "summary": practice.summary,
        "themes": list(practice.themes),
        "countries": [{"iso3": iso3, "role": role} for iso3, role in practice.country_roles],
        "level": practice.level,
        "implementer": {
            "name": practice.implementer_name,
            "kind": practice.implementer_kind,
            "organization": practice.implementer_slug,
        },
        "review_status": practice.review_status,
        "start_year": practice.start_year,
        "end_year": practice.end_year,
        "language": practice.language,
    }


def practice_data(practice: Practice) -> dict[str, Any]:
    """Everything about a practice its reader may see."""
    analysis = (
        services.published_analysis(practice)
        if practice.review_status in (ReviewStatus.APPROVED, ReviewStatus.PUBLISHED)
        else []
    )
    return {
        **summary_data(practice),
        **{name: getattr(practice, name) for name in STORED_ANSWERS},
        "owner": _owner_data(practice),
        "call": {"id": practice.call.pk, "title": practice.call.title} if practice.call else None,
        "partners": [
            {
                "name": p.name,
                "kind": p.kind,
                "organization": p.organization.slug if p.organization_id else None,
            }
            for p in practice.partners.all()
        ],
        "contacts": [
            {
                "name": c.get("name", ""),
                "function": c.get("function", ""),
                "email": c.get("email", ""),
            }
            for c in practice.contacts
        ],
        "links": [{"title": link.get("title", ""), "url": link["url"]} for link in practice.links],
        "translations": [
            {"language": t.language, **{name: getattr(t, name) for name in TEXT_FIELDS}}
            for t in practice.translations.all()
        ],
        "attachments": [
            {
                "title": a.title,
                "url": reverse("practices:attachment_download", args=[practice.pk, a.pk]),
                "uploaded_at": a.uploaded_at,
            }
            for a in practice.attachments.all()
        ],
        "versions": [
            {
                "number": v.number,
                "created_at": v.created_at,
                "url": reverse("practices:version_diff", args=[practice.pk, v.number]),
            }
            for v in sorted(practice.versions.all(), key=lambda v: v.number)
        ],
        "analysis": [
            {
                "organization": r.assignment.organization.slug,
                "organization_name": r.assignment.organization.localized_name,
                "version": r.version.number,
                "ratings": r.ratings,
                "analysis": r.analysis,
                "created_at": r.created_at,
            }
            for r in analysis
        ],
        "created_at": practice.created_at,
        "updated_at": practice.updated_at,
        "submitted_at": practice.submitted_at,
        "published_at": practice.published_at,
    }


def _load(practice_id: int) -> Practice | None:
    return (
        Practice.objects.select_related("owner_state", "owner_organization", "call", "implementer")
        .prefetch_related(
            "translations",
            "partners__organization",
            "attachments",
            "versions",
            "countries__state",
            Prefetch(
                "assignments",
                queryset=ReviewAssignment.objects.select_related("reviewer", "organization"),
            ),
        )
        .filter(pk=practice_id)
        .first()
    )


def _visible(practice_id: int, user: Any) -> Practice:
    """The practice, if this user may see it; else 404, the same as for one that does not
    exist, so that drafts do not leak."""
    practice = _load(practice_id)
    if practice is None or not can(user, Action.VIEW, practice):
        raise Http404(_("No practice has the id %(id)s.") % {"id": practice_id})
    return practice


def _fresh(practice: Practice) -> dict[str, Any]:
    """The practice as it is now, after a change."""
    practice = _load(practice.pk)
    assert practice is not None
    return practice_data(practice)


@router.get(
    "",
    response=PracticeListOut,
    openapi_extra=OPTIONAL_TOKEN,
    summary="Find practices, with the same filters and facets as the page",
)
def list_practices(request: HttpRequest, params: Query[PracticeListParams]) -> dict:  # type: ignore[valid-type]
    """Published practices, or with a token also those its holder may see. Filters combine
    with AND, also within a facet: applying a value shown with count n yields n practices.
    An unknown parameter is refused (400), so that a misspelt filter does not go unnoticed.
    `q` is read as on the search endpoint; a search that runs out of time answers 503."""
    user = _reader(request)
    filters: dict[str, list[str]] = {
        name: list(getattr(params, name)) for name in finder.FACET_NAMES
    }
    filters.update(
        {key: request.GET.getlist(key) for key in request.GET if key not in KNOWN_PARAMS}
    )
    results = finder.find_practices(
        user=user,
        query=params.q.strip(),
        filters=filters,
        sort=params.sort,
        offset=params.offset,
        limit=params.limit,
    )
    return {
        **paging(
            request.path,
            filters_of(params),
            offset=params.offset,
            limit=params.limit,
            total=results.total,
        ),
        "facets": [
            {
                "name": facet.name,
                "label": facet.label,
                "values": [
                    {
                        "value": v.value,
                        "label": v.label,
                        "count": v.count,
                        "selected": v.selected,
                    }
                    for v in facet.values
                ],
            }
            for facet in results.facets
        ],
        "results": [summary_data(p) for p in results.practices],
        "words_left_out": list(results.left_out),
        "notice": results.notice,
    }


@router.get(
    "/{int:practice_id}",
    response=PracticeOut,
    openapi_extra=OPTIONAL_TOKEN,
    summary="One practice, with its translations, versions and published analysis",
)
def get_practice(request: HttpRequest, practice_id: int) -> dict:
    return practice_data(_visible(practice_id, _reader(request)))


# Drafting


def _owner(user: Any, code: str | None) -> State | Organization:
    owners = services.owner_choices(user)
    if not owners:
        raise PermissionDenied(_("Practices are submitted by a State's focal point or a body."))
    if not code:
        return owners[0]
    for owner in owners:
        if (isinstance(owner, State) and owner.iso3 == code.upper()) or (
            isinstance(owner, Organization) and owner.slug == code
        ):
            return owner
    if State.objects.filter(iso3=code.upper()).exists() or (
        Organization.objects.filter(slug=code).exists()
    ):
        raise PermissionDenied(_("You may submit practices only for your own State or body."))
    raise ValidationError(
        {
            "owner": ValidationError(
                _("No State or organization has the code “%s”.") % code[:50],
                code=PracticeError.UNKNOWN_OWNER,
            )
        }
    )


def _organization(slug: str | None, field: str) -> Organization | None:
    if not slug:
        return None
    organization = Organization.objects.filter(slug=slug).first()
    if organization is None:
        raise ValidationError(
            {
                field: ValidationError(
                    _("No organization has the identifier “%s”.") % slug[:50],
                    code=PracticeError.UNKNOWN_ORGANIZATION,
                )
            }
        )
    return organization


def _countries(items: list[dict[str, str]]) -> list[tuple[State, str]]:
    codes = {item["iso3"].upper() for item in items}
    states = {s.iso3: s for s in State.objects.filter(iso3__in=codes)}
    unknown = sorted(codes - set(states))
    if unknown:
        raise ValidationError(
            {
                "countries": ValidationError(
                    _("Unknown ISO 3166 alpha-3 codes: %s.") % ", ".join(unknown),
                    code=PracticeError.UNKNOWN_COUNTRIES,
                )
            }
        )
    return [(states[item["iso3"].upper()], item["role"]) for item in items]


def _content(data: dict[str, Any], practice: Practice | None = None) -> services.PracticeContent:
    """What the request sends, as the services take it; for a change, the countries and
    partners not sent stay as they are."""
    countries = data.pop("countries", None)
    partners = data.pop("partners", None)
    translations = data.pop("translations", None)
    data.pop("owner", None)
    if "implementer" in data:
        data["implementer"] = _organization(data["implementer"], "implementer")
    if "call" in data and data["call"] is not None:
        call = CallForPractices.objects.filter(pk=data["call"]).first()
        if call is None:
            raise ValidationError(
                {
                    "call": ValidationError(
                        _("No call for practices has this id."), code=PracticeError.UNKNOWN_CALL
                    )
                }
            )
        data["call"] = call
    if countries is not None:
        country_rows = _countries(countries)
    elif practice is not None:
        country_rows = [(c.state, c.role) for c in practice.countries.all()]
    else:
        country_rows = []
    if partners is not None:
        partner_rows = [
            {**p, "organization": _organization(p.get("organization"), "partners")}
            for p in partners
        ]
    elif practice is not None:
        partner_rows = [
            {"name": p.name, "kind": p.kind, "organization": p.organization}
            for p in practice.partners.all()
        ]
    else:
        partner_rows = []
    return services.PracticeContent(
        fields=data, countries=country_rows, partners=partner_rows, translations=translations
    )


@router.post(
    "",
    response={201: PracticeOut},
    auth=token_auth,
    summary="Create a draft for your State or organization",
)
def create_practice(request: HttpRequest, payload: PracticeIn) -> Status:
    """Focal points draft for their State, analysts and observers for their organization."""
    user = request.auth
    owner = _owner(user, payload.owner)
    data = payload.model_dump(mode="json")
    if not data["translations"]:
        data["translations"] = None
    practice = services.practice_create(by=user, owner=owner, content=_content(data))
    return Status(201, _fresh(practice))


@router.patch(
    "/{int:practice_id}",
    response=PracticeOut,
    auth=token_auth,
    summary="Change a draft, or a practice whose reviewers asked for changes; the owner only",
)
def patch_practice(request: HttpRequest, practice_id: int, payload: PracticePatch) -> dict:
    practice = _visible(practice_id, request.auth)
    require(request.auth, Action.CHANGE, practice)
    content = _content(payload.model_dump(mode="json", exclude_unset=True), practice)
    practice = services.practice_update(practice=practice, by=request.auth, content=content)
    return _fresh(practice)


@router.post(
    "/{int:practice_id}/submit",
    response=PracticeOut,
    auth=token_auth,
    summary="Submit a draft, or resubmit after changes; the owner only",
)
def submit_practice(request: HttpRequest, practice_id: int) -> dict:
    """The text is kept as a new version; a resubmission goes straight back to its reviewers."""
    practice = _visible(practice_id, request.auth)
    return _fresh(services.practice_submit(practice=practice, by=request.auth))


# Review


def assignment_data(assignment: ReviewAssignment) -> dict[str, Any]:
    return {
        "id": assignment.pk,
        "practice": assignment.practice_id,
        "reviewer": assignment.reviewer.email,
        "organization": assignment.organization.slug,
        "assigned_at": assignment.assigned_at,
        "due_on": assignment.due_on,
        "has_conflict": assignment.has_conflict,
        "conflict_statement": assignment.conflict_statement,
        "declared_at": assignment.declared_at,
    }


@router.post(
    "/{int:practice_id}/assignments",
    response={201: AssignmentOut},
    auth=token_auth,
    summary="Assign a reviewer from a qualified body; the secretariat only",
)
def assign_reviewer(request: HttpRequest, practice_id: int, payload: AssignmentIn) -> Status:
    practice = _visible(practice_id, request.auth)
    require(request.auth, Action.MANAGE_PRACTICES, practice)
    reviewer = (
        get_user_model()
        .objects.filter(email__iexact=payload.reviewer.strip(), is_active=True)
        .first()
    )
    if reviewer is None:
        raise ValidationError(
            {
                "reviewer": ValidationError(
                    _("No active account has this e-mail address."),
                    code=PracticeError.UNKNOWN_REVIEWER,
                )
            }
        )
    assignment = services.reviewer_assign(practice=practice, reviewer=reviewer, by=request.auth)
    return Status(201, assignment_data(assignment))


@router.post(
    "/{int:practice_id}/declaration",
    response=AssignmentOut,
    auth=token_auth,
    summary="Declare whether you have a conflict of interest; the assigned reviewer only",
)
def declare_conflict(request: HttpRequest, practice_id: int, payload: DeclarationIn) -> dict:
    practice = _visible(practice_id, request.auth)
    assignment = next(
        (
            a
            for a in practice.assignments.all()
            if a.reviewer_id == request.auth.pk and a.withdrawn_at is None
        ),
        None,
    )
    if assignment is None:
        raise PermissionDenied(_("You are not a reviewer of this practice."))
    assignment = services.conflict_declare(
        assignment=assignment,
        by=request.auth,
        has_conflict=payload.has_conflict,
        statement=payload.statement,
    )
    return assignment_data(assignment)


@router.post(
    "/{int:practice_id}/reviews",
    response={201: ReviewOut},
    auth=token_auth,
    summary="Assess the latest version: a rating per criterion, an analysis and a decision",
)
def submit_review(request: HttpRequest, practice_id: int, payload: ReviewIn) -> Status:
    """Only an assigned reviewer who declared no conflict of interest."""
    practice = _visible(practice_id, request.auth)
    data = payload.model_dump(mode="json")
    review: Review = services.review_submit(
        practice=practice,
        by=request.auth,
        ratings=data["ratings"],
        analysis=data["analysis"],
        decision=data["decision"],
    )
    return Status(
        201,
        {
            "id": review.pk,
            "practice": practice.pk,
            "version": review.version.number,
            "organization": review.assignment.organization.slug,
            "ratings": review.ratings,
            "analysis": review.analysis,
            "decision": review.decision,
            "created_at": review.created_at,
            "review_status": Practice.objects.values_list("review_status", flat=True).get(
                pk=practice.pk
            ),
        },
    )


@router.post(
    "/{int:practice_id}/publish",
    response=PracticeOut,
    auth=token_auth,
    summary="Publish an approved practice; the secretariat only",
)
def publish_practice(request: HttpRequest, practice_id: int) -> dict:
    practice = _visible(practice_id, request.auth)
    return _fresh(services.practice_publish(practice=practice, by=request.auth))


@router.post(
    "/{int:practice_id}/withdraw",
    response=PracticeOut,
    auth=token_auth,
    summary="Take a practice out of review or publication; its owner or the secretariat",
)
def withdraw_practice(
    request: HttpRequest, practice_id: int, payload: WithdrawIn | None = None
) -> dict:
    practice = _visible(practice_id, request.auth)
    reason = payload.reason.strip() if payload else ""
    return _fresh(services.practice_withdraw(practice=practice, by=request.auth, reason=reason))
