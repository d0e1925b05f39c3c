"""Registering delegations for a meeting: the secretariat opens registration; a State's focal
point registers its delegates with a note verbale; the secretariat approves or returns it."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from migforum.core.audit import record_create, record_update
from migforum.core.permissions import Action, require

from .errors import MeetingError
from .models import Delegate, Meeting, Registration, RegistrationStatus
from .permissions import visible_registrations

#: Notes verbales are scanned letters: a few pages of PDF.
MAX_CREDENTIAL_BYTES = 10 * 1024 * 1024


@transaction.atomic
def registration_open(
    *,
    meeting: Meeting,
    by: Any,
    capacity: int | None,
    deadline: datetime.datetime | None,
    participants_public: bool,
) -> Meeting:
    """Open (or change) registration for a meeting; the secretariat only."""
    require(by, Action.MANAGE_MEETINGS, meeting)
    meeting, _changed = record_update(
        instance=meeting,
        by=by,
        data={
            "registration_open": True,
            "registration_capacity": capacity,
            "registration_deadline": deadline,
            "participants_public": participants_public,
        },
    )
    return meeting


@transaction.atomic
def registration_close(*, meeting: Meeting, by: Any) -> Meeting:
    require(by, Action.MANAGE_MEETINGS, meeting)
    meeting, _changed = record_update(instance=meeting, by=by, data={"registration_open": False})
    return meeting


def places_taken(meeting: Meeting) -> int:
    """Delegates of every registration not returned: they hold their places."""
    return (
        Delegate.objects.filter(registration__meeting=meeting)
        .exclude(registration__status=RegistrationStatus.RETURNED)
        .count()
    )


def places_left(meeting: Meeting) -> int | None:
    if meeting.registration_capacity is None:
        return None
    return max(0, meeting.registration_capacity - places_taken(meeting))


def _check_credential(credential: UploadedFile | None) -> None:
    if credential is None:
        raise ValidationError(
            _("Attach the note verbale that accredits the delegation."),
            code=MeetingError.NOTE_VERBALE_MISSING,
        )
    if credential.size and credential.size > MAX_CREDENTIAL_BYTES:
        raise ValidationError(
            _("The note verbale is larger than 10 MB."), code=MeetingError.NOTE_VERBALE_TOO_LARGE
        )
    head = credential.read(5)
    credential.seek(0)
    if head != b"%PDF-":
        raise ValidationError(
            _("The note verbale must be a PDF file."), code=MeetingError.NOTE_VERBALE_NOT_PDF
        )


@transaction.atomic
def registration_submit(
    *,
    meeting: Meeting,
    state: Any,
    by: Any,
    delegates: list[tuple[str, str]],
    credential: UploadedFile | None,
) -> Registration:
    """Register a State's delegates; its focal points (or the secretariat) only."""
    require(by, Action.CHANGE, state)
    # Locking the meeting row makes concurrent registrations take places one at a time.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.registration_open:
        raise ValidationError(
            _("Registration for this meeting is not open."), code=MeetingError.REGISTRATION_NOT_OPEN
        )
    if meeting.end_date < timezone.localdate():
        raise ValidationError(_("This meeting is over."), code=MeetingError.MEETING_OVER)
    if meeting.registration_deadline and timezone.now() > meeting.registration_deadline:
        raise ValidationError(
            _("Registration closed on %(deadline)s.")
            % {
                "deadline": formats.date_format(
                    timezone.localtime(meeting.registration_deadline), "DATETIME_FORMAT"
                )
            },
            code=MeetingError.REGISTRATION_CLOSED,
        )
    delegates = [(n.strip(), f.strip()) for n, f in delegates if n.strip()]
    if not delegates:
        raise ValidationError(_("Name at least one delegate."), code=MeetingError.NO_DELEGATE)
    _check_credential(credential)
    left = places_left(meeting)
    if left is not None and len(delegates) > left:
        raise ValidationError(
            _(
                "The meeting is full: %(left)d places are left and this registration names "
                "%(asked)d delegates."
            )
            % {"left": left, "asked": len(delegates)},
            code=MeetingError.MEETING_FULL,
        )
    registration = record_create(
        model=Registration,
        by=by,
        data={
            "meeting": meeting,
            "state": state,
            "credential": credential,
            "submitted_by": by,
            "status": RegistrationStatus.SUBMITTED,
        },
    )
    for name, function in delegates:
        record_create(
            model=Delegate,
            by=by,
            data={"registration": registration, "name": name[:200], "function": function[:200]},
        )
    return registration


@transaction.atomic
def registration_approve(*, registration: Registration, by: Any) -> Registration:
    require(by, Action.MANAGE_MEETINGS, registration.meeting)
    registration, _changed = record_update(
        instance=registration,
        by=by,
        data={
            "status": RegistrationStatus.APPROVED,
            "decided_by": by,
            "decided_at": timezone.now(),
            "return_reason": "",
        },
    )
    return registration


@transaction.atomic
def registration_return(*, registration: Registration, by: Any, reason: str) -> Registration:
    """Send a registration back to the delegation, saying why; its places are freed."""
    require(by, Action.MANAGE_MEETINGS, registration.meeting)
    if not reason.strip():
        raise ValidationError(
            _("Say why the registration is returned."), code=MeetingError.RETURN_REASON_NEEDED
        )
    registration, _changed = record_update(
        instance=registration,
        by=by,
        data={
            "status": RegistrationStatus.RETURNED,
            "decided_by": by,
            "decided_at": timezone.now(),
            "return_reason": reason.strip()[:2000],
        },
    )
    return registration


def registrations_for(*, meeting: Meeting, user: Any):  # noqa: ANN201
    """The registrations a user may see: all for the secretariat, its own State's for a focal
    point."""
    return (
        meeting.registrations.filter(visible_registrations(user))
        .select_related("state")
        .prefetch_related("delegates")
    )


def approved_delegates(meeting: Meeting):  # noqa: ANN201
    return (
        Delegate.objects.filter(
            registration__meeting=meeting, registration__status=RegistrationStatus.APPROVED
        )
        .select_related("registration__state")
        .order_by("registration__state__name", "id")
    )


#: The columns of the badges file.
BADGE_COLUMNS = ("state_iso3", "state", "name", "function")


def badge_rows(*, meeting: Meeting, by: Any) -> list[tuple[str, str, str, str]]:
    """The approved delegates, one row per badge (`BADGE_COLUMNS`)."""
    require(by, Action.MANAGE_MEETINGS, meeting)
    return [
        (
            delegate.registration.state.iso3,
            delegate.registration.state.name,
            delegate.name,
            delegate.function,
        )
        for delegate in approved_delegates(meeting)
    ]
