"""The audit trail: every write records who, when, what, before and after.

Domain services call `record_create`, `record_update` and `record_delete` rather than
`Model.save()`; those write the change and its event in one transaction.
"""

import datetime
import decimal
import hashlib
import uuid
from collections.abc import Mapping
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from .models import AuditAction, AuditEvent

M = TypeVar("M", bound=models.Model)

#: Fields whose values never enter the trail; a short fingerprint still shows that they changed.
SECRET_FIELDS = frozenset({"password", "key_hash", "token_hash", "key"})

#: Label recorded when the platform itself changes data (reference data loads, migrations).
SYSTEM_ACTOR = "system"


def serialisable(value: Any) -> Any:
    """A JSON-friendly form of a model field value."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, Mapping):
        return {str(k): serialisable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [serialisable(v) for v in value]
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The record's concrete field values (foreign keys by id), as stored."""
    data = {}
    for field in instance._meta.concrete_fields:
        value = serialisable(getattr(instance, field.attname))
        if field.attname in SECRET_FIELDS and value:
            value = "secret:" + hashlib.sha256(str(value).encode()).hexdigest()[:8]
        data[field.attname] = value
    return data


def actor_label(actor: Any) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return SYSTEM_ACTOR
    return actor.get_username()


def audit_event_build(
    *,
    instance: models.Model,
    action: AuditAction,
    actor: Any,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    actor_name: str | None = None,
) -> AuditEvent:
    """The audit event of a change to `instance`, not yet saved (a bulk write saves many)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent(
        actor=user,
        actor_label=actor_name or actor_label(actor),
        action=action,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        before=before,
        after=after,
    )


def audit_event_record(
    *,
    instance: models.Model,
    action: AuditAction,
    actor: Any,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    actor_name: str | None = None,
) -> AuditEvent:
    """Write one audit event for a change already made to `instance`."""
    event = audit_event_build(
        instance=instance,
        action=action,
        actor=actor,
        before=before,
        after=after,
        actor_name=actor_name,
    )
    event.save()
    return event


@transaction.atomic
def record_create(
    *, model: type[M], data: Mapping[str, Any], by: Any, actor_name: str | None = None
) -> M:
    """Create a record from validated data and audit it."""
    instance = model(**data)
    instance.full_clean()
    instance.save()
    audit_event_record(
        instance=instance,
        action=AuditAction.CREATE,
        actor=by,
        before=None,
        after=snapshot(instance),
        actor_name=actor_name,
    )
    return instance


@transaction.atomic
def record_update(
    *, instance: M, data: Mapping[str, Any], by: Any, actor_name: str | None = None
) -> tuple[M, bool]:
    """Apply validated changes to a record; audit and save only if something changed."""
    before = snapshot(instance)
    for name, value in data.items():
        setattr(instance, name, value)
    after = snapshot(instance)
    if after == before:
        return instance, False
    instance.full_clean()
    instance.save()
    audit_event_record(
        instance=instance,
        action=AuditAction.UPDATE,
        actor=by,
        before=before,
        after=snapshot(instance),
        actor_name=actor_name,
    )
    return instance, True


@transaction.atomic
def record_save(*, instance: M, by: Any) -> M:
    """Save a record already changed in memory (as the admin's forms do), auditing the change
    against what the database held."""
    stored = type(instance)._default_manager.filter(pk=instance.pk).first() if instance.pk else None
    if stored is None:
        instance.save()
        audit_event_record(
            instance=instance,
            action=AuditAction.CREATE,
            actor=by,
            before=None,
            after=snapshot(instance),
        )
        return instance
    before = snapshot(stored)
    instance.save()
    after = snapshot(instance)
    if after != before:
        audit_event_record(
            instance=instance, action=AuditAction.UPDATE, actor=by, before=before, after=after
        )
    return instance


@transaction.atomic
def record_upsert(
    *,
    model: type[M],
    lookup: Mapping[str, Any],
    data: Mapping[str, Any],
    by: Any,
    actor_name: str | None = None,
) -> tuple[M, bool]:
    """Create the record found by `lookup`, or bring it up to `data`; True if anything changed."""
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        return record_create(
            model=model, data={**lookup, **data}, by=by, actor_name=actor_name
        ), True
    return record_update(instance=instance, data=data, by=by, actor_name=actor_name)


@transaction.atomic
def record_delete(*, instance: models.Model, by: Any, actor_name: str | None = None) -> None:
    """Delete a record, keeping its last state in the audit trail."""
    before = snapshot(instance)
    pk = instance.pk
    audit_event_record(
        instance=instance,
        action=AuditAction.DELETE,
        actor=by,
        before=before,
        after=None,
        actor_name=actor_name,
    )
    instance.delete()
    instance.pk = pk


def history_for(instance: models.Model) -> models.QuerySet[AuditEvent]:
    """The audit events of one record, newest first."""
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
    ).select_related("actor")
