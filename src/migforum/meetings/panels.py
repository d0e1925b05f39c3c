"""What the meetings app shows on other apps' pages."""

from typing import Any

from django.http import HttpRequest

from migforum.core.choices import RoleKind
from migforum.core.permissions import is_secretariat, roles_as
from migforum.members.models import State

from .selectors import (
    meetings_hosted,
    meetings_with_registrations_to_decide,
    minutes_to_circulate,
    open_registrations_for,
)


def state_panel(request: HttpRequest, state: State) -> dict[str, Any]:
    return {"meetings_hosted": meetings_hosted(state=state)}


def work_panel(request: HttpRequest, user: Any) -> dict[str, Any]:
    """What awaits the user in meetings: a focal point, the registrations open to its State
    and where each stands; the secretariat, the registrations to decide and the minutes
    still to circulate."""
    context: dict[str, Any] = {}
    states = [role.state for role in roles_as(user, RoleKind.FOCAL_POINT) if role.state_id]
    if states:
        context["open_registrations"] = open_registrations_for(states=states)
    if is_secretariat(user):
        context["registrations_to_decide"] = meetings_with_registrations_to_decide()
        context["minutes_to_circulate"] = minutes_to_circulate()
    return context
