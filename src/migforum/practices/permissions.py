"""Who may do what to a practice, and which practices a user may see: the object rule and its
queryset form, side by side so that they stay one rule. Registered with core's permissions in
`PracticesConfig.ready()`; the finder's visibility is the queryset form read from its bitsets.

Practices are stricter than other records: only the owner edits the content, and only while
it is open for changes; the secretariat steers the review but does not rewrite the text;
reviewers read and assess but never edit.
"""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from migforum.core.choices import RoleKind
from migforum.core.permissions import (
    Action,
    acts_for,
    acts_for_filter,
    is_secretariat,
    roles_of,
)
from migforum.members.models import Organization, State

from .choices import ReviewStatus
from .models import ReviewAssignment

#: The organization roles that answer for their organization's practices: its analysts, and
#: the members of civil society and other observers, who share practices too.
OWNING_ORGANIZATION_ROLES = (RoleKind.ANALYST, RoleKind.OBSERVER)


def owns_practice(user: Any, practice: Any) -> bool:
    """Whether the user answers for the practice (or a practice import): its State's
    delegation, or any member of the organization that submitted it."""
    return acts_for(user, practice, organization_roles=OWNING_ORGANIZATION_ROLES)


def owned_practices(user: Any) -> Q:
    """The queryset form of `owns_practice`."""
    return acts_for_filter(
        user,
        state="owner_state",
        organization="owner_organization",
        organization_roles=OWNING_ORGANIZATION_ROLES,
    )


def owner_choices(user: Any) -> list[State | Organization]:
    """Whom the user may submit practices for: their State, or their organization."""
    owners: list[State | Organization] = []
    for role in roles_of(user):
        if role.kind == RoleKind.FOCAL_POINT and role.state:
            owners.append(role.state)
        elif role.kind in OWNING_ORGANIZATION_ROLES and role.organization:
            owners.append(role.organization)
    return owners


def reviewed_practices(user: Any) -> Q:
    """The practices the user is an assigned reviewer of (an assignment not withdrawn)."""
    assignments = ReviewAssignment.objects.filter(
        reviewer_id=getattr(user, "pk", None), withdrawn_at__isnull=True
    )
    return Q(pk__in=assignments.values("practice_id"))


def visible_practices(user: Any) -> Q:
    """The queryset form of `can(user, VIEW, practice)`: everything published, and what the
    user owns or reviews; the secretariat sees everything."""
    if is_secretariat(user):
        return Q()
    published = Q(review_status=ReviewStatus.PUBLISHED)
    if not getattr(user, "is_authenticated", False):
        return published
    return published | owned_practices(user) | reviewed_practices(user)


def who_sees_unpublished(owner: State | Organization) -> str:
    """Who sees a practice of this owner before it is published, in the reader's words: what
    `visible_practices` and `practice_rule` allow, said where the owner writes it."""
    if isinstance(owner, State):
        return _(
            "Until the practice is published, only your delegation's focal points, the "
            "Forum's secretariat and the reviewers the secretariat assigns to it see it."
        )
    return _(
        "Until the practice is published, only the analysts and observers of %(organization)s, "
        "the Forum's secretariat and the reviewers the secretariat assigns to it see it."
    ) % {"organization": owner.localized_name}


def practice_rule(user: Any, action: Action, practice: Any) -> bool:
    """The object rule for practices."""
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
