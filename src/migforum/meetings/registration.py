"""Registering delegations for a meeting: the secretariat opens registration; a State's focal
point registers its delegates with a note verbale; the secretariat approves or returns it."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from migforum.accounts.selectors import focal_point_addresses
from migforum.core.audit import record_create, record_delete, record_update
from migforum.core.mail import Mail, mail_on_commit
from migforum.core.permissions import Action, require

from .errors import MeetingError
from .models import (
    STATUSES_HOLDING_PLACES,
    Delegate,
    Meeting,
    Registration,
    RegistrationStatus,
)
from .permissions import visible_registrations

#: Notes verbales are scanned letters: a few pages of PDF.
MAX_CREDENTIAL_BYTES = 10 * 1024 * 1024
#: Registrations approved in one go: more than the Forum's States and observers together.
MAX_BULK = 300


#: What one delegate is registered with.
@dataclass(frozen=True)
class DelegateEntry:
    name: str
    function: str
    email: str
    is_head: bool = False


def opening_problems(meeting: Meeting, deadline: datetime.datetime | None) -> list[ValidationError]:
    """Why registration cannot open (or stay open) with this deadline: a meeting that is over,
    a deadline past, or one after the meeting ends."""
    if meeting.is_over:
        return [
            ValidationError(
                _("This meeting is over: registration can only open before it ends."),
                code=MeetingError.MEETING_OVER,
            )
        ]
    if deadline is None:
        return []
    if deadline <= timezone.now():
        return [
            ValidationError(
                _("The deadline %(deadline)s has already passed.")
                % {"deadline": meeting.at_venue(deadline)},
                code=MeetingError.DEADLINE_PASSED,
            )
        ]
    if deadline > meeting.ends_at:
        return [
            ValidationError(
                _("The deadline must come before the meeting ends, on %(end)s.")
                % {"end": meeting.at_venue(meeting.ends_at)},
                code=MeetingError.DEADLINE_AFTER_MEETING,
            )
        ]
    return []


@transaction.atomic
def registration_open(
    *,
    meeting: Meeting,
    by: Any,
    capacity: int | None,
    deadline: datetime.datetime | None,
    participants_public: bool,
    delegation_quota: int | None = None,
) -> Meeting:
    """Open (or change) registration for a meeting that has not ended; the secretariat only."""
    require(by, Action.MANAGE_MEETINGS, meeting)
    problems = opening_problems(meeting, deadline)
    if problems:
        raise ValidationError(problems)
    data: dict[str, Any] = {
        "registration_open": True,
        "registration_capacity": capacity,
        "registration_deadline": deadline,
        "participants_public": participants_public,
    }
    if delegation_quota is not None:
        data["delegation_quota"] = delegation_quota
    meeting, _changed = record_update(instance=meeting, by=by, data=data)
    return meeting


@transaction.atomic
def registration_close(*, meeting: Meeting, by: Any) -> Meeting:
    require(by, Action.MANAGE_MEETINGS, meeting)
    meeting, _changed = record_update(instance=meeting, by=by, data={"registration_open": False})
    return meeting


def places_taken(meeting: Meeting, *, besides: Registration | None = None) -> int:
    """Delegates of every registration submitted or approved: they hold their places. The
    delegates of `besides`, a registration being changed, are left out."""
    delegates = Delegate.objects.filter(
        registration__meeting=meeting, registration__status__in=STATUSES_HOLDING_PLACES
    )
    if besides is not None:
        delegates = delegates.exclude(registration=besides)
    return delegates.count()


def places_left(meeting: Meeting, *, besides: Registration | None = None) -> int | None:
    if meeting.registration_capacity is None:
        return None
    return max(0, meeting.registration_capacity - places_taken(meeting, besides=besides))


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


def delegation_problems(delegates: list[DelegateEntry], quota: int) -> list[ValidationError]:
    """What is wrong with a list of delegates as a whole, every problem at once: none named,
    more than the quota, no head of delegation or several, an e-mail given twice."""
    problems = []
    if not delegates:
        problems.append(
            ValidationError(_("Name at least one delegate."), code=MeetingError.NO_DELEGATE)
        )
    if len(delegates) > quota:
        problems.append(
            ValidationError(
                ngettext(
                    "A delegation has at most %(quota)d delegate at this meeting.",
                    "A delegation has at most %(quota)d delegates at this meeting.",
                    quota,
                )
                % {"quota": quota},
                code=MeetingError.OVER_QUOTA,
            )
        )
    heads = sum(1 for delegate in delegates if delegate.is_head)
    if delegates and heads != 1:
        problems.append(
            ValidationError(
                _("Mark one delegate, and only one, as head of delegation."),
                code=MeetingError.HEAD_OF_DELEGATION,
            )
        )
    addresses = [delegate.email.strip().lower() for delegate in delegates]
    twice = sorted({address for address in addresses if address and addresses.count(address) > 1})
    if twice:
        problems.append(
            ValidationError(
                _("Each delegate needs an e-mail of their own: %(addresses)s is given twice.")
                % {"addresses": ", ".join(twice)},
                code=MeetingError.EMAIL_TWICE,
            )
        )
    return problems


def registration_problems(meeting: Meeting) -> list[ValidationError]:
    """Whether the meeting takes registrations, or changes to them, now."""
    if not meeting.registration_open:
        return [
            ValidationError(
                _("Registration for this meeting is not open."),
                code=MeetingError.REGISTRATION_NOT_OPEN,
            )
        ]
    if meeting.is_over:
        return [ValidationError(_("This meeting is over."), code=MeetingError.MEETING_OVER)]
    if meeting.registration_deadline and timezone.now() > meeting.registration_deadline:
        return [
            ValidationError(
                _("Registration closed on %(deadline)s.")
                % {"deadline": meeting.at_venue(meeting.registration_deadline)},
                code=MeetingError.REGISTRATION_CLOSED,
            )
        ]
    return []


def registration_of(*, meeting: Meeting, state: Any) -> Registration | None:
    """The State's registration for the meeting, whatever its status."""
    return Registration.objects.filter(meeting=meeting, state=state).first()


@transaction.atomic
def registration_save(
    *,
    meeting: Meeting,
    state: Any,
    by: Any,
    delegates: list[DelegateEntry],
    credential: UploadedFile | None,
) -> Registration:
    """Register a State's delegation, or change its registration, which sends it to the
    secretariat again; its focal points (or the secretariat) only. A State has one
    registration per meeting; its note verbale is needed the first time, and replaced when
    another is attached."""
    require(by, Action.CHANGE, state)
    # Locking the meeting row makes concurrent registrations take places one at a time.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    registration = registration_of(meeting=meeting, state=state)
    problems = registration_problems(meeting)
    delegates = [entry for entry in delegates if entry.name.strip()]
    problems += delegation_problems(delegates, meeting.delegation_quota)
    if credential is not None or registration is None:
        try:
            _check_credential(credential)
        except ValidationError as error:
            problems.append(error)
    left = places_left(meeting, besides=registration)
    if left is not None and len(delegates) > left:
        problems.append(
            ValidationError(
                _(
                    "The meeting is full: %(left)d places are left and this registration names "
                    "%(asked)d delegates."
                )
                % {"left": left, "asked": len(delegates)},
                code=MeetingError.MEETING_FULL,
            )
        )
    if problems:
        raise ValidationError(problems)
    came_from = registration.status if registration else None
    data: dict[str, Any] = {
        "submitted_by": by,
        "status": RegistrationStatus.SUBMITTED,
        "return_reason": "",
        "decided_by": None,
        "decided_at": None,
    }
    if credential is not None:
        data["credential"] = credential
    if registration is None:
        registration = record_create(
            model=Registration, by=by, data={"meeting": meeting, "state": state, **data}
        )
    else:
        registration, _changed = record_update(instance=registration, by=by, data=data)
    _delegates_replace(registration=registration, delegates=delegates, by=by)
    _tell_delegation(registration, came_from=came_from)
    return registration


def _delegates_replace(
    *, registration: Registration, delegates: list[DelegateEntry], by: Any
) -> None:
    """Make the registration's delegates exactly these. A delegate known by the same e-mail is
    changed in place, so that its history reads as one person's."""
    wanted = {
        entry.email.strip().lower(): {
            "name": entry.name.strip()[:200],
            "function": entry.function.strip()[:200],
            "email": entry.email.strip()[:254],
            "is_head": entry.is_head,
        }
        for entry in delegates
    }
    stored = {}
    for delegate in registration.delegates.all():
        address = delegate.email.lower()
        if address and address in wanted and address not in stored:
            stored[address] = delegate
        else:
            record_delete(instance=delegate, by=by)
    # The head stepping down is changed first, so that there is never a second head.
    for address, delegate in stored.items():
        if delegate.is_head and not wanted[address]["is_head"]:
            record_update(instance=delegate, by=by, data={"is_head": False})
    for address, data in wanted.items():
        if address in stored:
            record_update(instance=stored[address], by=by, data=data)
        else:
            record_create(model=Delegate, by=by, data={"registration": registration, **data})


@transaction.atomic
def registration_withdraw(*, registration: Registration, by: Any) -> Registration:
    """The delegation will not come: its places are freed; it may register again while
    registration is open."""
    require(by, Action.CHANGE, registration.state)
    if registration.status == RegistrationStatus.WITHDRAWN:
        return registration
    came_from = registration.status
    registration, _changed = record_update(
        instance=registration, by=by, data={"status": RegistrationStatus.WITHDRAWN}
    )
    _tell_delegation(registration, came_from=came_from)
    return registration


def _decidable(registration: Registration) -> None:
    if registration.status != RegistrationStatus.SUBMITTED:
        raise ValidationError(
            _("Only a submitted registration is approved or returned; this one is %(status)s.")
            % {"status": registration.get_status_display().lower()},
            code=MeetingError.REGISTRATION_NOT_SUBMITTED,
        )


@transaction.atomic
def registration_approve(*, registration: Registration, by: Any) -> Registration:
    require(by, Action.MANAGE_MEETINGS, registration.meeting)
    _decidable(registration)
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
    _tell_delegation(registration, came_from=RegistrationStatus.SUBMITTED)
    return registration


@transaction.atomic
def registrations_approve(*, meeting: Meeting, ids: list[int], by: Any) -> list[Registration]:
    """Approve several submitted registrations of one meeting at once: all or none."""
    require(by, Action.MANAGE_MEETINGS, meeting)
    registrations = list(
        meeting.registrations.filter(pk__in=ids[:MAX_BULK]).select_related("state", "meeting")
    )
    return [registration_approve(registration=r, by=by) for r in registrations]


@transaction.atomic
def registration_return(*, registration: Registration, by: Any, reason: str) -> Registration:
    """Send a registration back to the delegation, saying why; its places are freed."""
    require(by, Action.MANAGE_MEETINGS, registration.meeting)
    _decidable(registration)
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
    _tell_delegation(registration, came_from=RegistrationStatus.SUBMITTED)
    return registration


# Notifications


def _tell_delegation(registration: Registration, *, came_from: str | None) -> None:
    """Once committed, tell the State's focal points where their registration stands."""
    pk = registration.pk
    mail_on_commit(lambda: notify_registration(Registration.objects.get(pk=pk), came_from))


def notify_registration(registration: Registration, came_from: str | None) -> list[Mail]:
    with translation.override(settings.LANGUAGE_CODE):
        meeting = registration.meeting
        status = registration.get_status_display()
        subject = _("Registration to %(meeting)s: %(status)s") % {
            "meeting": meeting.title,
            "status": status,
        }
        lines = [
            _("The registration of the delegation of %(state)s to %(meeting)s is now: %(status)s.")
            % {"state": registration.state.name, "meeting": meeting.title, "status": status},
            _("Reference: %(reference)s") % {"reference": registration.reference},
        ]
        if came_from is None:
            lines.insert(0, _("Your delegation is registered; the secretariat will confirm it."))
        if registration.return_reason:
            lines += ["", _("Why it is returned:"), registration.return_reason]
        lines += [
            "",
            _("Delegates:"),
            *(
                f"- {delegate.name}, {delegate.function}"
                + (f" ({_('head of delegation')})" if delegate.is_head else "")
                for delegate in registration.delegates.all()
            ),
            "",
            settings.SITE_URL.rstrip("/") + reverse("meetings:register", args=[meeting.pk]),
        ]
    return [
        Mail(
            subject=subject,
            body="\n".join(lines),
            to=focal_point_addresses(state_id=registration.state_id),
        )
    ]


def registrations_for(*, meeting: Meeting, user: Any, status: str | None = None):  # noqa: ANN201
    """The registrations a user may see: all for the secretariat, its own State's for a focal
    point; of one status if asked."""
    registrations = meeting.registrations.filter(visible_registrations(user))
    if status:
        registrations = registrations.filter(status=status)
    return (
        registrations.select_related("state").prefetch_related("delegates").order_by("state__name")
    )


def approved_delegates(meeting: Meeting):  # noqa: ANN201
    return (
        Delegate.objects.filter(
            registration__meeting=meeting, registration__status=RegistrationStatus.APPROVED
        )
        .select_related("registration__state")
        .order_by("registration__state__name", "-is_head", "id")
    )


@dataclass(frozen=True)
class Badge:
    """What one delegate's badge says."""

    reference: str
    meeting: str
    state_iso3: str
    state: str
    name: str
    function: str
    category: str


#: The columns of the badges file, in the order of `Badge`'s fields.
BADGE_COLUMNS = tuple(Badge.__dataclass_fields__)


def badges_of(*, meeting: Meeting, by: Any) -> list[Badge]:
    """One badge per approved delegate, by delegation; the secretariat only. Categories are
    in the Forum's working language, like the rest of the badge."""
    require(by, Action.MANAGE_MEETINGS, meeting)
    with translation.override(settings.LANGUAGE_CODE):
        head, delegate_label = _("Head of delegation"), _("Delegate")
        title = meeting.localized_name
    return [
        Badge(
            reference=delegate.registration.reference,
            meeting=title,
            state_iso3=delegate.registration.state.iso3,
            state=delegate.registration.state.name,
            name=delegate.name,
            function=delegate.function,
            category=head if delegate.is_head else delegate_label,
        )
        for delegate in approved_delegates(meeting)
    ]
