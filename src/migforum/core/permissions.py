"""Who may do what to which record: the platform's object permissions.

Every view, API endpoint and service asks `can()` or `require()`; nothing else decides. The
rule for most records is the one below (`default_rule`): what is published the public reads,
the secretariat does the rest, and a record's own delegation or organization changes it. A
record says whose it is through `scope_state_id` (the State whose delegation edits it) or
`scope_organization_id` (the organization whose analysts edit it).

An app whose records follow a rule of their own (practices, minutes, registrations) writes it
in its `permissions.py`, with its queryset form, and registers both from its
`AppConfig.ready()`: core never imports the apps above it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
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
    (one request)."""
    user._migforum_roles = list(roles)


def act_with_token(user: Any, token: Any) -> None:
    """Sign the user in with an API token for as long as this user object lives (one
    request): they act with the token's role only, and pass the second factor only if the
    token stands for one (`token.stands_for_second_factor`)."""
    act_with_roles(user, [token.role])
    user.api_token = token


def signed_in_with_token(user: Any) -> bool:
    return getattr(user, "api_token", None) is not None


def roles_as(user: Any, kind: RoleKind) -> list[Any]:
    """The user's roles of one kind."""
    return [role for role in roles_of(user) if role.kind == kind]


def has_role(user: Any, kind: RoleKind) -> bool:
    return bool(roles_as(user, kind))


def delegation_state_ids(user: Any) -> set[int]:
    """The States whose delegation the user belongs to (as a focal point)."""
    return {role.state_id for role in roles_as(user, RoleKind.FOCAL_POINT) if role.state_id}


def needs_second_factor(role: Any) -> bool:
    """Whether a role's powers need a second factor: the secretariat's do."""
    return role.kind == RoleKind.SECRETARIAT


def second_factor_verified(user: Any) -> bool:
    """Whether the user passed the second factor: in a session, django-otp marks it verified
    once a valid TOTP code is entered; with an API token, the token says whether it was
    created in a session that had (the session's own state does not reach a token)."""
    if signed_in_with_token(user):
        return bool(user.api_token.stands_for_second_factor)
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def is_secretariat(user: Any) -> bool:
    """Secretariat powers need the role and a second factor verified in this session."""
    return has_role(user, RoleKind.SECRETARIAT) and second_factor_verified(user)


#: The organization roles that act for their organization's records: its analysts.
ACTS_FOR_ORGANIZATION = (RoleKind.ANALYST,)


def acts_for(
    user: Any, obj: Any, *, organization_roles: tuple[RoleKind, ...] = ACTS_FOR_ORGANIZATION
) -> bool:
    """Whether the user's delegation, or their organization (through one of
    `organization_roles`), is the one this record belongs to."""
    state_id = getattr(obj, "scope_state_id", None)
    organization_id = getattr(obj, "scope_organization_id", None)
    for role in roles_of(user):
        if role.kind == RoleKind.FOCAL_POINT and state_id and role.state_id == state_id:
            return True
        if (
            role.kind in organization_roles
            and organization_id
            and role.organization_id == organization_id
        ):
            return True
    return False


def acts_for_filter(
    user: Any,
    *,
    state: str,
    organization: str | None = None,
    organization_roles: tuple[RoleKind, ...] = ACTS_FOR_ORGANIZATION,
) -> Q:
    """The queryset form of `acts_for`: the records whose `state` field is the user's
    delegation's State, or whose `organization` field their organization."""
    organizations = {
        role.organization_id
        for role in roles_of(user)
        if role.kind in organization_roles and role.organization_id
    }
    scope = Q(**{f"{state}__in": sorted(delegation_state_ids(user))})
    if organization is not None:
        scope |= Q(**{f"{organization}__in": sorted(organizations)})
    return scope


def default_rule(user: Any, action: Action, obj: Any = None) -> bool:
    """The rule for records whose app declares none, and for the actions a declared rule
    leaves to it."""
    if action in (Action.VIEW, Action.VIEW_HISTORY):
        # What is published the public reads, with its history; drafts the secretariat.
        return getattr(obj, "is_published", True) or is_secretariat(user)
    if action == Action.COMMENT:
        return False  # only records whose app says who comments on them take comments
    if is_secretariat(user):
        return True
    if action in _action_rules:
        return _action_rules[action](user)
    if action == Action.CHANGE and obj is not None:
        return acts_for(user, obj)
    return False


@dataclass(frozen=True)
class Policy:
    """How an app decides about its own records."""

    model: type[models.Model]
    #: The object rule: whether the user may do the action to this record.
    rule: Callable[[Any, Action, Any], bool]
    #: Its queryset form for `Action.VIEW`: the records of `model` the user may see.
    visible: Callable[[Any], Q]

    @property
    def key(self) -> str:
        return self.model._meta.label_lower


_policies: dict[str, Policy] = {}


def register(
    model: type[models.Model],
    *,
    rule: Callable[[Any, Action, Any], bool],
    visible: Callable[[Any], Q],
) -> None:
    """Decide about this model's records by `rule`, and filter them by `visible`."""
    policy = Policy(model=model, rule=rule, visible=visible)
    _policies[policy.key] = policy


#: Who besides the secretariat may do an action that belongs to one app (importing a dataset),
#: whatever record it is asked about, as that app says.
_action_rules: dict[Action, Callable[[Any], bool]] = {}


def register_action(action: Action, rule: Callable[[Any], bool]) -> None:
    """Let the users for whom `rule(user)` holds do `action`, besides the secretariat."""
    _action_rules[action] = rule


def policy_for(model: type[models.Model]) -> Policy | None:
    return _policies.get(model._meta.label_lower)


def visible_filter(user: Any, model: type[models.Model]) -> Q:
    """The records of `model` the user may see, as a filter; for a model with a policy."""
    policy = policy_for(model)
    if policy is None:
        raise LookupError(f"No permission policy is registered for {model._meta.label}.")
    return policy.visible(user)


def can(user: Any, action: Action | str, obj: Any = None) -> bool:
    action = Action(action)
    meta = getattr(obj, "_meta", None)
    policy = _policies.get(meta.label_lower) if meta is not None else None
    if policy is not None:
        return policy.rule(user, action, obj)
    return default_rule(user, action, obj)


def require(user: Any, action: Action | str, obj: Any = None) -> None:
    """Raise PermissionDenied unless the user may do this."""
    if not can(user, action, obj):
        raise PermissionDenied(_("You do not have permission to do this."))
