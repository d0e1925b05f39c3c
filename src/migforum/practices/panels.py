"""What the practices app shows on other apps' pages."""

from typing import Any

from django.http import HttpRequest

from migforum.members.models import State

from .finder import find_practices


def state_panel(request: HttpRequest, state: State) -> dict[str, Any]:
    """The newest practices involving a State that this reader may see."""
    return {
        "practices": find_practices(
            user=request.user, filters={"country": [state.iso3]}, sort="newest", limit=5
        )
    }
