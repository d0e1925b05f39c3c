"""What the evidence app shows on other apps' pages."""

from typing import Any

from django.http import HttpRequest

from migforum.members.models import State

from .selectors import state_evidence


def state_panel(request: HttpRequest, state: State) -> dict[str, Any]:
    """Three figures about a State, each with its vintage."""
    return {"evidence": state_evidence(iso3=state.iso3)}
