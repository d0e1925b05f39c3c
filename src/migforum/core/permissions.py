"""Who may do what to which record: the platform's object permissions, in one place.

Every view, API endpoint and service asks `can()` or `require()`; nothing else decides.
A record says whose it is through `scope_state_id` (the State whose delegation edits it) or
`scope_organization_id` (the organization whose analysts edit it).
"""

from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from migforum.core.choices import RoleKind


class Action(StrEnum):
    VIEW = "view"
    VIEW_HISTORY = "view_history"
    #: See a record's history whole: the accounts that acted and every field (the secretariat).
    VIEW_WHOLE_HISTORY = "view_whole_history"
    CHANGE = "change"
    DELETE = "delete"
    MANAGE_ACCOUNTS = "manage_accounts"
    #: Open registration, approve or return delegations, export badges.
    MANAGE_MEETINGS = "manage_meetings"
    #: Import and publish documents.
    MANAGE_DOCUMENTS = "manage_documents"
    #: Comment on a draft circulated for comments (minutes, a Chair's summary).
    COMMENT = "comment"
    #: Assess a practice as one of its assigned reviewers.
    REVIEW = "review"
    #: Assign reviewers, publish practices, open and close calls for practices.
    MANAGE_PRACTICES = "manage_practices"
    #: Take a practice out of review or publication.
    WITHDRAW = "withdraw"
    #: Add or correct a practice's text in another language.
    TRANSLATE = "translate"
    #: Import a publisher's dataset into the evidence (the secretariat and analysts).
    IMPORT_DATA = "import_data"


def roles_of(user: Any) -> list[Any]:
    """The user's roles, read once per request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_migforum_roles", None)
    if cached is None:
        cached = list(user.roles.all())
        user._migforum_roles = cached
    return cached


def act_with_roles(user: Any, roles: list[Any]) -> None:
    """Let the user act with these of their roles only, for as long as this user object lives
    (one request): an API token acts with the role it was created for, not the account's."""
    user._migforum_roles = list(roles)


def has_role(user: Any, kind: RoleKind) -> bool:
    return any(role.kind == kind for role in roles_of(user))


def second_factor_verified(user: Any) -> bool:
    """django-otp marks a session verified once the user has entered a valid TOTP code."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def is_secretariat(user: Any) -> bool:
    """Secretariat powers need the role and a second factor verified in this session."""
    return has_role(user, RoleKind.SECRETARIAT) and second_factor_verified(user)


def acts_for(user: Any, obj: Any) -> bool:
    """Whether the user's delegation or organization is the one this record belongs to."""
    state_id = getattr(obj, "scope_state_id", None)
    organization_id = getattr(obj, "scope_organization_id", None)
    for role in roles_of(user):
        if role.kind == RoleKind.FOCAL_POINT and state_id and role.state_id == state_id:
            return True
        if (
            role.kind == RoleKind.ANALYST
            and organization_id
            and role.organization_id == organization_id
        ):
            return True
    return False


def _reads_drafts(user: Any, obj: Any) -> bool:
    """A delegation reads an unpublished record circulated to its State (`reader_state_ids`)."""
    readers = getattr(obj, "reader_state_ids", None)
    return bool(readers) and any(
        role.kind == RoleKind.FOCAL_POINT and role.state_id in readers for role in roles_of(user)
    )


def owns_practice(user: Any, practice: Any) -> bool:
    """Whether the user answers for the practice: its State's delegation, or any member of the
    organization that submitted it (civil society and other observers share practices too)."""
    if acts_for(user, practice):
        return True
    organization_id = getattr(practice, "owner_organization_id", None)
    return bool(organization_id) and any(
        role.kind == RoleKind.OBSERVER and role.organization_id == organization_id
        for role in roles_of(user)
    )


def _can_on_practice(user: Any, action: Action, practice: Any) -> bool:
    """Practices are stricter than other records: only the owner edits the content, and only
    while it is open for changes; the secretariat steers the review but does not rewrite the
    text; reviewers read and assess but never edit."""
    owner = owns_practice(user, practice)
    reviewer = getattr(user, "pk", None) in practice.reviewer_user_ids
    if action in (Action.VIEW, Action.VIEW_HISTORY):
        return practice.is_published or owner or reviewer or is_secretariat(user)
    if action == Action.CHANGE:
        return owner and practice.open_for_changes
    if action == Action.REVIEW:
        return any(
            a.reviewer_id == user.pk and a.may_assess
            for a in practice.assignments.all()
            if getattr(user, "pk", None)
        )
    if action == Action.WITHDRAW:
        return owner or is_secretariat(user)
    if action == Action.TRANSLATE:
        # The Forum's translators (the secretariat) translate published practices too.
        return (owner and practice.open_for_changes) or is_secretariat(user)
    return is_secretariat(user)


def can(user: Any, action: Action | str, obj: Any = None) -> bool:
    action = Action(action)
    if obj is not None and getattr(obj, "_meta", None) and obj._meta.label == "practices.Practice":
        return _can_on_practice(user, action, obj)
    if action in (Action.VIEW, Action.VIEW_HISTORY):
        # What is published the public reads, with its history; drafts their circle only.
        if getattr(obj, "is_published", True):
            return True
        return is_secretariat(user) or _reads_drafts(user, obj)
    if action == Action.COMMENT:
        return bool(getattr(obj, "open_for_comments", False)) and (
            is_secretariat(user) or _reads_drafts(user, obj)
        )
    if is_secretariat(user):
        return True
    if action == Action.IMPORT_DATA:
        # The qualified bodies publish evidence, as they analyse practices.
        return has_role(user, RoleKind.ANALYST)
    if action == Action.CHANGE and obj is not None:
        return acts_for(user, obj)
    return False


def require(user: Any, action: Action | str, obj: Any = None) -> None:
    """Raise PermissionDenied unless the user may do this."""
    if not can(user, action, obj):
        raise PermissionDenied(_("You do not have permission to do this."))
