"""What the meetings app shows on other apps' pages."""

from typing import Any

from django.http import HttpRequest

from migforum.members.models import State

from .selectors import meetings_hosted


def state_panel(request: HttpRequest, state: State) -> dict[str, Any]:
    return {"meetings_hosted": meetings_hosted(state=state)}
