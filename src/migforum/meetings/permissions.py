"""Who may see minutes and registrations, and who comments on a draft: each object rule with
its queryset form. Registered with core's permissions in `MeetingsConfig.ready()`; the other
actions on them follow core's default rule.
"""

from typing import Any

from django.db.models import Q

from migforum.core.permissions import (
    Action,
    acts_for,
    acts_for_filter,
    default_rule,
    delegation_state_ids,
    is_secretariat,
)

from .models import MinutesStatus, Registration, RegistrationStatus

# Minutes and the Chair's summary: published once approved; before that, the secretariat
# drafts them and, once circulated, the participants' delegations read and comment on them.


def reads_draft(user: Any, minutes: Any) -> bool:
    """Whether the user's delegation is among those the draft is circulated to: the States
    whose registration to the meeting is approved (`Minutes.reader_state_ids`)."""
    states = delegation_state_ids(user)
    return bool(states) and bool(states & minutes.reader_state_ids)


def minutes_rule(user: Any, action: Action, minutes: Any) -> bool:
    if action in (Action.VIEW, Action.VIEW_HISTORY):
        return minutes.is_published or is_secretariat(user) or reads_draft(user, minutes)
    if action == Action.COMMENT:
        return minutes.open_for_comments and (is_secretariat(user) or reads_draft(user, minutes))
    return default_rule(user, action, minutes)


def visible_minutes(user: Any) -> Q:
    """The queryset form of `minutes_rule` for `VIEW`."""
    if is_secretariat(user):
        return Q()
    participating = Registration.objects.filter(
        status=RegistrationStatus.APPROVED, state__in=sorted(delegation_state_ids(user))
    )
    return Q(status=MinutesStatus.APPROVED) | (
        ~Q(status=MinutesStatus.DRAFT) & Q(meeting__in=participating.values("meeting_id"))
    )


# Registrations: the secretariat, and the delegation of the State registered.


def registration_rule(user: Any, action: Action, registration: Any) -> bool:
    if action in (Action.VIEW, Action.VIEW_HISTORY):
        return is_secretariat(user) or acts_for(user, registration)
    return default_rule(user, action, registration)


def visible_registrations(user: Any) -> Q:
    """The queryset form of `registration_rule` for `VIEW`."""
    if is_secretariat(user):
        return Q()
    return acts_for_filter(user, state="state")
