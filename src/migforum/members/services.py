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


def _update(record: Any, *, by: Any, data: dict[str, Any], editable: tuple[str, ...]) -> Any:
    require(by, Action.CHANGE, record)
    unknown = set(data) - set(editable)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    record, changed = record_update(instance=record, data=data, by=by)
    if changed:
        index_object(record)
    return record


@transaction.atomic
def state_update(*, state: State, by: Any, data: dict[str, Any]) -> State:
    """Change what a delegation keeps about its State; only its focal points or the secretariat."""
    return _update(state, by=by, data=data, editable=STATE_EDITABLE_FIELDS)


@transaction.atomic
def organization_update(
    *, organization: Organization, by: Any, data: dict[str, Any]
) -> Organization:
    """Change an organization's own description; only its analysts or the secretariat."""
    return _update(organization, by=by, data=data, editable=ORGANIZATION_EDITABLE_FIELDS)
