"""Writes to States, organizations and groups: permission, validation, audit, index."""

from typing import Any

from django.db import transaction

from migforum.core.audit import record_update
from migforum.core.permissions import Action, require
from migforum.core.search import index_object

from .models import Organization, State

#: What a delegation keeps up to date about its own State; the rest is reference data.
STATE_EDITABLE_FIELDS = ("website", "summary")
ORGANIZATION_EDITABLE_FIELDS = ("website", "description")


def _editable(data: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    return data


@transaction.atomic
def state_update(*, state: State, by: Any, data: dict[str, Any]) -> State:
    """Change what a delegation keeps about its State; only its focal points or the secretariat."""
    require(by, Action.CHANGE, state)
    state, changed = record_update(
        instance=state, data=_editable(data, STATE_EDITABLE_FIELDS), by=by
    )
    if changed:
        index_object(state)
    return state


@transaction.atomic
def organization_update(
    *, organization: Organization, by: Any, data: dict[str, Any]
) -> Organization:
    """Change an organization's own description; only its analysts or the secretariat."""
    require(by, Action.CHANGE, organization)
    organization, changed = record_update(
        instance=organization, data=_editable(data, ORGANIZATION_EDITABLE_FIELDS), by=by
    )
    if changed:
        index_object(organization)
    return organization
