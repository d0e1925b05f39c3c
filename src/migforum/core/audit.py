"""The audit trail: every write records who, when, what, before and after.

Domain services call `record_create`, `record_update` and `record_delete` rather than
`Model.save()`; those write the change and its event in one transaction.

Each event also records what the account acted for (the State or organization of the role it
used), so that the public history names that body and never the account. Which fields the
public sees is declared once on each model (see `public_fields`); the verified secretariat sees
every event whole.
"""

import datetime
import decimal
import functools
import hashlib
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from migforum.core.choices import RoleKind

from .models import AuditAction, AuditEvent
from .permissions import roles_of
from .text import text_fields_clean

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


#: Which role speaks for an account where the record is not its own body's: the secretariat
#: acts for the Forum's support unit, an analyst for its agency, and so on.
ROLE_PRECEDENCE = (RoleKind.SECRETARIAT, RoleKind.ANALYST, RoleKind.OBSERVER, RoleKind.FOCAL_POINT)


def acting_for(actor: Any, instance: models.Model) -> models.Model | None:
    """The State or organization an account acts for in changing a record: the record's own
    State or organization when the account has a role for it, else the body of its leading
    role; None for an account without a role."""
    roles = roles_of(actor)
    if not roles:
        return None
    states = {getattr(instance, name, None) for name in ("scope_state_id", "owner_state_id")}
    organizations = {
        getattr(instance, name, None) for name in ("scope_organization_id", "owner_organization_id")
    }
    for role in roles:
        if role.state_id is not None and role.state_id in states:
            return role.state
        if role.organization_id is not None and role.organization_id in organizations:
            return role.organization
    rank = {kind: position for position, kind in enumerate(ROLE_PRECEDENCE)}
    leading = min(roles, key=lambda role: rank.get(role.kind, len(rank)))
    return leading.state or leading.organization


def _platform_label(name: str) -> str:
    """What the public history calls a change made without an account: the command named.
    A name that is an e-mail address belongs to an account (one accepting its invitation)
    and is never shown."""
    try:
        validate_email(name)
    except ValidationError:
        return name
    return ""


def audit_event_build(
    *,
    instance: models.Model,
    action: AuditAction,
    actor: Any,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    actor_name: str | None = None,
) -> AuditEvent:
    """The audit event of a change to `instance`, with the State or organization the account
    acted for, not yet saved (a bulk write saves many)."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    label = actor_name or actor_label(actor)
    body = acting_for(user, instance) if user is not None else None
    if body is not None:
        public_label = str(body)
    else:
        public_label = "" if user is not None else _platform_label(label)
    return AuditEvent(
        actor=user,
        actor_label=label,
        acting_for_type=ContentType.objects.get_for_model(body) if body is not None else None,
        acting_for_id=str(body.pk) if body is not None else "",
        acting_for_label=public_label[:300],
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
    """Write one audit event for a change already made to `instance`, with the State or
    organization the account acted for."""
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
    text_fields_clean(instance)
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
    text_fields_clean(instance)
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
    text_fields_clean(instance)
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


# The history page


@functools.cache
def public_fields(model: type[models.Model]) -> frozenset[str]:
    """The fields (as the trail names them) whose changes the public history of a record of
    this model shows.

    A model declares it once, in one of two ways: `history_internal_fields`, the fields the
    public never sees (every other field is shown), or, for a record with private parts,
    `history_public_fields`, the only fields shown (a field added later stays hidden until
    someone decides otherwise). A model that declares neither shows no values at all. Secrets
    and fields that no longer exist are never shown.
    """
    names = {field.attname for field in model._meta.concrete_fields} - SECRET_FIELDS

    def attnames(declared: Iterable[str]) -> set[str]:
        fields = [model._meta.get_field(name) for name in declared]
        return {field.attname for field in fields if isinstance(field, models.Field)}

    shown = getattr(model, "history_public_fields", None)
    internal = getattr(model, "history_internal_fields", None)
    if shown is not None and internal is not None:
        raise TypeError(f"{model.__name__} declares both its public and its internal fields")
    if shown is not None:
        return frozenset(names & attnames(shown))
    if internal is not None:
        return frozenset(names - attnames(internal))
    return frozenset()


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: Any
    after: Any


@dataclass(frozen=True)
class HistoryEntry:
    """One event as a reader of the history sees it."""

    at: datetime.datetime
    action: str
    #: The State or organization that acted (in the reader's language), or the platform.
    actor: str
    actor_url: str
    #: The account that acted, for those who see the whole trail; empty for everyone else.
    account: str
    changes: list[FieldChange]


def _bodies(events: list[AuditEvent]) -> dict[tuple[int, str], models.Model]:
    """The States and organizations the events were made for, as they are now, by type."""
    ids: dict[int, set[str]] = defaultdict(set)
    for event in events:
        if event.acting_for_type_id and event.acting_for_id:
            ids[event.acting_for_type_id].add(event.acting_for_id)
    found = {}
    for type_id, pks in ids.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        for body in model._default_manager.filter(pk__in=pks):
            found[type_id, str(body.pk)] = body
    return found


def _related_names(
    events: list[AuditEvent], fields: dict[str, models.Field]
) -> dict[tuple[str, Any], str]:
    """The names of the records the events' foreign keys point to, by (field, id)."""
    keys = {name for name, field in fields.items() if field.many_to_one or field.one_to_one}
    wanted: dict[str, set[Any]] = defaultdict(set)
    for event in events:
        for name, before, after in event.changed_fields():
            if name in keys:
                wanted[name].update(value for value in (before, after) if value is not None)
    names = {}
    for name, ids in wanted.items():
        related = fields[name].related_model
        if not isinstance(related, type):
            continue
        for record in related._default_manager.filter(pk__in=ids):
            names[name, record.pk] = getattr(record, "localized_name", None) or str(record)
    return names


def readable_value(field: models.Field | None, stored: Any) -> Any:
    """A stored value as a reader of the page's language reads it: a choice by its label, yes
    or no, a date or time in the reader's format, a list as a list."""
    if stored is None or field is None:
        return stored
    if field.choices and not isinstance(stored, list | dict):
        return dict(field.flatchoices).get(stored, stored)
    if isinstance(stored, bool):
        return _("Yes") if stored else _("No")
    if isinstance(stored, list):
        return ", ".join(str(item) for item in stored)
    if isinstance(stored, str) and isinstance(field, models.DateTimeField):
        moment = parse_datetime(stored)
        return date_format(localtime(moment), "DATETIME_FORMAT") if moment else stored
    if isinstance(stored, str) and isinstance(field, models.DateField):
        day = parse_date(stored)
        return date_format(day, "DATE_FORMAT") if day else stored
    return stored


def history_entries(
    events: Iterable[AuditEvent], *, model: type[models.Model], whole: bool
) -> list[HistoryEntry]:
    """A record's events for its history page: for the public, changes to public fields only,
    named after the State or organization that made them; `whole` (the verified secretariat)
    adds the account and every field. Records a field points to are shown by their names."""
    events = list(events)
    bodies = _bodies(events)
    shown = public_fields(model)
    fields = {field.attname: field for field in model._meta.concrete_fields}
    labels = {attname: str(field.verbose_name) for attname, field in fields.items()}
    related = _related_names(
        events, {name: field for name, field in fields.items() if whole or name in shown}
    )

    def value(name: str, stored: Any) -> Any:
        if isinstance(stored, int | str) and (name, stored) in related:
            return related[name, stored]
        return readable_value(fields.get(name), stored)

    entries = []
    for event in events:
        body = bodies.get((event.acting_for_type_id or 0, event.acting_for_id))
        if body is not None:
            actor = getattr(body, "localized_name", None) or str(body)
            url = body.get_absolute_url() if hasattr(body, "get_absolute_url") else ""
        else:
            actor = event.acting_for_label or _("a registered user")
            url = ""
        changes = [
            FieldChange(labels.get(name, name), value(name, before), value(name, after))
            for name, before, after in event.changed_fields()
            # The record's own database id says nothing to a reader.
            if (whole or name in shown) and not (name == model._meta.pk.attname and not whole)
        ]
        if event.action == AuditAction.UPDATE and not changes:
            continue  # nothing the reader may see changed
        entries.append(
            HistoryEntry(
                at=event.at,
                action=event.get_action_display(),
                actor=actor,
                actor_url=url,
                # The account's name as it was, also when the account is gone.
                account=event.actor_label if whole and event.actor_label != actor else "",
                changes=changes,
            )
        )
    return entries
