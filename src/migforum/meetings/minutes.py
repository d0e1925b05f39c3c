"""Minutes and the Chair's summary: drafted in versions, circulated to the participants for
their comments, approved, then locked and published as a document of the meeting."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from migforum.core.audit import record_create, record_update
from migforum.core.choices import RoleKind
from migforum.core.permissions import Action, can, require, roles_as
from migforum.core.versioning import version_create
from migforum.documents.choices import DocumentKind
from migforum.documents.services import document_import_text

from .choices import DocumentRole
from .errors import MeetingError
from .models import (
    Meeting,
    MeetingDocument,
    Minutes,
    MinutesComment,
    MinutesKind,
    MinutesStatus,
    MinutesVersion,
)
from .permissions import visible_minutes


def _text(text: str) -> str:
    text = text.replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError(_("The text is empty."), code=MeetingError.EMPTY_MINUTES)
    return text


@transaction.atomic
def minutes_create(*, meeting: Meeting, kind: str, title: str, text: str, by: Any) -> Minutes:
    """Start the minutes (or the Chair's summary) of a meeting with a first draft."""
    require(by, Action.MANAGE_MEETINGS, meeting)
    minutes = record_create(
        model=Minutes,
        by=by,
        data={
            "meeting": meeting,
            "kind": kind,
            "title": title.strip()[:500],
            "status": MinutesStatus.DRAFT,
        },
    )
    version_create(
        model=MinutesVersion, record=minutes, by=by, data={"text": _text(text), "author": by}
    )
    return minutes


@transaction.atomic
def minutes_revise(*, minutes: Minutes, text: str, by: Any) -> MinutesVersion:
    """A new version of the text; approved minutes are locked."""
    require(by, Action.MANAGE_MEETINGS, minutes.meeting)
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.is_locked:
        raise ValidationError(
            _("Approved minutes are locked: they cannot be changed."),
            code=MeetingError.MINUTES_LOCKED,
        )
    latest = minutes.latest_version()
    text = _text(text)
    if latest and latest.text == text:
        return latest
    return version_create(
        model=MinutesVersion, record=minutes, by=by, data={"text": text, "author": by}
    )


@transaction.atomic
def minutes_circulate(*, minutes: Minutes, by: Any) -> Minutes:
    """Send the draft to the participants for their comments."""
    require(by, Action.MANAGE_MEETINGS, minutes.meeting)
    if minutes.is_locked:
        raise ValidationError(
            _("Approved minutes are locked: they cannot be changed."),
            code=MeetingError.MINUTES_LOCKED,
        )
    minutes, _changed = record_update(
        instance=minutes, by=by, data={"status": MinutesStatus.CIRCULATED}
    )
    return minutes


@transaction.atomic
def minutes_comment(*, minutes: Minutes, text: str, by: Any) -> MinutesComment:
    """A participant's comment on the version in circulation."""
    if not can(by, Action.COMMENT, minutes):
        raise PermissionDenied(_("Only the participants comment, while the draft circulates."))
    readers = minutes.reader_state_ids
    state = next(
        (role.state for role in roles_as(by, RoleKind.FOCAL_POINT) if role.state_id in readers),
        None,
    )
    return record_create(
        model=MinutesComment,
        by=by,
        data={
            "minutes": minutes,
            "version": minutes.latest_version(),
            "author": by,
            "state": state,
            "text": _text(text)[:5000],
        },
    )


@transaction.atomic
def minutes_approve(*, minutes: Minutes, by: Any, symbol: str = "") -> Minutes:
    """Approve the latest version: the minutes are locked and published as a document."""
    require(by, Action.MANAGE_MEETINGS, minutes.meeting)
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.is_locked:
        raise ValidationError(
            _("These minutes are approved already."), code=MeetingError.MINUTES_ALREADY_APPROVED
        )
    summary = minutes.kind == MinutesKind.CHAIRS_SUMMARY
    published = document_import_text(
        text=minutes.latest_version().text,
        by=by,
        symbol=symbol,
        title=minutes.title,
        kind=DocumentKind.CHAIRS_SUMMARY if summary else DocumentKind.MINUTES,
        source=str(minutes.meeting),
        # Without a symbol, the minutes are their own document (none yet: a new one), not
        # whichever document has the same text: two meetings may approve the same words.
        identity={"pk": minutes.document_id},
        extra={"date": minutes.meeting.end_date},
    ).document
    record_create(
        model=MeetingDocument,
        by=by,
        data={
            "meeting": minutes.meeting,
            "document": published,
            "role": DocumentRole.OUTCOME if summary else DocumentRole.REPORT,
        },
    )
    minutes, _changed = record_update(
        instance=minutes, by=by, data={"status": MinutesStatus.APPROVED, "document": published}
    )
    return minutes


def minutes_visible(*, meeting: Meeting, user: Any) -> list[Minutes]:
    return list(meeting.minutes.filter(visible_minutes(user)))
