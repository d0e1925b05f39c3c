"""What the documents app shows on other apps' pages."""

from typing import Any

from django.http import HttpRequest

from migforum.members.models import State

from .selectors import state_documents


def state_panel(request: HttpRequest, state: State) -> dict[str, Any]:
    return {"statements": state_documents(state=state)}
