"""Writes to accounts: invitations, roles, API tokens and second factors, all audited."""

import datetime
import hashlib
import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import match_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from migforum.core.audit import audit_event_record, record_create, record_delete, record_update
from migforum.core.choices import RoleKind
from migforum.core.mail import Mail, mail_on_commit
from migforum.core.models import AuditAction
from migforum.core.permissions import Action, act_with_token, needs_second_factor, require

from .errors import AccountError
from .models import ApiToken, Invitation, Role, User, email_key, token_digest

logger = logging.getLogger(__name__)

#: How precisely a token's last use is known. Recording every use would make every API read a
#: write, and on SQLite a read would then wait behind a long import's write lock.
LAST_USE_PRECISION = datetime.timedelta(hours=1)
#: How long recording a token's use waits for a lock held by another writer before giving up.
LAST_USE_LOCK_WAIT_MS = 200
#: How many recovery codes an account receives with its authenticator; each works once.
RECOVERY_CODE_COUNT = 10
#: Requests for a password reset link, per address and per client, within
#: `PASSWORD_RESET_REQUEST_WINDOW`: enough for a lost message or two, too few to flood a
#: mailbox. The address is counted whether or not it has an account, so that being refused
#: tells nothing either.
PASSWORD_RESET_REQUESTS_PER_ADDRESS = 3
PASSWORD_RESET_REQUESTS_PER_CLIENT = 10
PASSWORD_RESET_REQUEST_WINDOW = datetime.timedelta(hours=1)


def _role_scope(kind: str, state: Any, organization: Any) -> dict[str, Any]:
    """The scope a role of this kind needs: a State for focal points, else an organization."""
    if kind == RoleKind.FOCAL_POINT:
        if state is None:
            raise ValidationError(
                _("A focal point acts for a State: choose the State."),
                code=AccountError.ROLE_NEEDS_STATE,
            )
        return {"state": state, "organization": None}
    if organization is None:
        raise ValidationError(
            _("This role acts for an organization: choose the organization."),
            code=AccountError.ROLE_NEEDS_ORGANIZATION,
        )
    return {"state": None, "organization": organization}


@transaction.atomic
def invitation_create(
    *,
    email: str,
    kind: str,
    by: Any,
    state: Any = None,
    organization: Any = None,
    accept_url: Any = None,
) -> tuple[Invitation, str]:
    """Invite someone to open an account with one role; returns the invitation and its token.

    The token is in the link only: the platform keeps its digest. `accept_url` turns the
    token into the link sent by e-mail once the transaction commits. `by=None` is the operator
    of the installation at the command line (`migforum invite`), who needs no account.
    """
    if by is not None:
        require(by, Action.MANAGE_ACCOUNTS)
    email = email_key(User.objects.normalize_email(email))
    if User.objects.filter(username__iexact=email).exists():
        raise ValidationError(
            _("An account with this e-mail address exists already."),
            code=AccountError.ACCOUNT_EXISTS,
        )
    token = secrets.token_urlsafe(32)
    invitation = record_create(
        model=Invitation,
        by=by,
        data={
            "email": email,
            "kind": kind,
            **_role_scope(kind, state, organization),
            "token_hash": token_digest(token),
            "invited_by": by,
            "expires_at": timezone.now() + datetime.timedelta(days=settings.INVITATION_VALID_DAYS),
        },
    )
    if accept_url is not None:
        link = accept_url(token)
        mail_on_commit(
            lambda: [
                Mail(
                    subject=_("Your invitation to Migration Forum"),
                    body=_(
                        "You are invited to Migration Forum as %(role)s. Open this link to "
                        "choose your password: %(link)s"
                    )
                    % {"role": invitation.get_kind_display(), "link": link},
                    to=[email],
                )
            ]
        )
    return invitation, token


def invitation_by_token(token: str) -> Invitation | None:
    """The open invitation this token belongs to, if any."""
    invitation = Invitation.objects.filter(token_hash=token_digest(token)).first()
    return invitation if invitation and invitation.is_open else None


@transaction.atomic
def invitation_accept(*, token: str, display_name: str, password: str) -> User:
    """Open the invited account, with its role; the invitation can be used only once."""
    invitation = invitation_by_token(token)
    if invitation is None:
        raise ValidationError(
            _("This invitation is not valid: it was used, or it expired."),
            code=AccountError.INVITATION_INVALID,
        )
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(
            _("This invitation is not valid: it was used, or it expired."),
            code=AccountError.INVITATION_INVALID,
        )
    candidate = User(username=invitation.email, email=invitation.email, display_name=display_name)
    password_validation.validate_password(password, candidate)
    user = record_create(
        model=User,
        by=None,
        actor_name=invitation.email,
        data={
            "username": invitation.email,
            "email": invitation.email,
            "display_name": display_name,
            "password": make_password(password),
        },
    )
    record_create(
        model=Role,
        by=user,
        data={
            "user": user,
            "kind": invitation.kind,
            "state": invitation.state,
            "organization": invitation.organization,
        },
    )
    record_update(instance=invitation, by=user, data={"accepted_at": timezone.now()})
    return user


@transaction.atomic
def role_grant(
    *, user: User, kind: str, by: Any, state: Any = None, organization: Any = None
) -> Role:
    """Give an existing account one more role; the secretariat only.

    The account's existing API tokens do not gain it: each acts with the role it was made for.
    """
    require(by, Action.MANAGE_ACCOUNTS)
    return record_create(
        model=Role,
        by=by,
        data={
            "user": user,
            "kind": kind,
            **_role_scope(kind, state, organization),
        },
    )


@transaction.atomic
def role_revoke(*, role: Role, by: Any) -> None:
    """Take a role away from an account; the API tokens that acted with it are revoked."""
    require(by, Action.MANAGE_ACCOUNTS)
    now = timezone.now()
    for token in ApiToken.objects.filter(role=role, revoked_at__isnull=True):
        record_update(instance=token, by=by, data={"revoked_at": now})
    record_delete(instance=role, by=by)


@transaction.atomic
def role_change(
    *, role: Role, kind: str, by: Any, state: Any = None, organization: Any = None
) -> Role:
    """Change what a role is or whom it acts for. A role never changes in place: the old one
    ends, with the tokens that acted with it, and the new one begins with none."""
    scope = _role_scope(kind, state, organization)
    if (role.kind, role.state_id, role.organization_id) == (
        kind,
        getattr(scope["state"], "pk", None),
        getattr(scope["organization"], "pk", None),
    ):
        return role
    user = role.user
    role_revoke(role=role, by=by)
    return role_grant(user=user, kind=kind, by=by, **scope)


def _token_role(user: User, role: Role | None) -> Role:
    """The role a new token acts with: the one asked for, or the account's only role."""
    if role is not None:
        if role.user_id != user.pk:
            raise ValidationError(
                _("A token acts with one of your own roles."), code=AccountError.TOKEN_ROLE_NOT_OWN
            )
        return role
    roles = list(user.roles.all()[:2])
    if not roles:
        raise ValidationError(
            _("Your account has no role: a token would have nothing to act with."),
            code=AccountError.NO_ROLE,
        )
    if len(roles) > 1:
        raise ValidationError(
            _("Choose the role the token acts with."), code=AccountError.TOKEN_ROLE_NEEDED
        )
    return roles[0]


def api_token_valid_days(role: Role) -> int:
    """How long a token of this role works, from the settings: the secretariat's for less."""
    if needs_second_factor(role):
        return int(settings.API_TOKEN_SECRETARIAT_VALID_DAYS)
    return int(settings.API_TOKEN_VALID_DAYS)


@transaction.atomic
def api_token_create(
    *, user: User, name: str, role: Role | None = None, second_factor: bool = False
) -> tuple[ApiToken, str]:
    """A new API token for the user's own use; the key is returned once and never stored.

    The token acts with `role` only (by default the account's only role). `second_factor`
    says whether the session asking for it passed the second factor: a secretariat token
    needs it, and stands for it until it expires.
    """
    role = _token_role(user, role)
    if needs_second_factor(role) and not second_factor:
        raise ValidationError(
            _(
                "A token for the secretariat needs the second factor: enter a code from your "
                "authenticator app, then create the token."
            ),
            code=AccountError.SECOND_FACTOR_NEEDED,
        )
    key = ApiToken.generate_key()
    now = timezone.now()
    token = record_create(
        model=ApiToken,
        by=user,
        data={
            "user": user,
            "role": role,
            "name": name.strip() or _("API token"),
            "key_hash": token_digest(key),
            "prefix": key[:10],
            "second_factor": second_factor,
            "created_at": now,
            "expires_at": now + datetime.timedelta(days=api_token_valid_days(role)),
        },
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    """Stop a token from working; its owner, or the secretariat."""
    if token.user_id != by.pk:
        require(by, Action.MANAGE_ACCOUNTS)
    token, _changed = record_update(instance=token, by=by, data={"revoked_at": timezone.now()})
    return token


class ApiTokenExpired(Exception):
    """A token that was valid until its expiry date; the API says so rather than 'invalid'."""

    def __init__(self, token: ApiToken) -> None:
        self.token = token
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _("This API token expired on %(date)s. Create a new one on your account page.") % {
            "date": self.token.expires_at.date().isoformat()
        }


def api_token_user(key: str) -> User | None:
    """The user a bearer key belongs to, acting with the token's role only; None for an
    unknown or revoked key, an inactive account or a role taken away since. Raises
    `ApiTokenExpired` for an expired token.

    The user is marked as signed in with the token (`core.permissions.act_with_token`): they
    count as having passed the second factor only through a secretariat token created in a
    session that had (`ApiToken.stands_for_second_factor`).
    """
    if not key or len(key) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user", "role")
        .filter(key_hash=token_digest(key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    role = token.role
    if role is None or role.user_id != token.user_id:
        return None
    if token.is_expired:
        raise ApiTokenExpired(token)
    user = token.user
    act_with_token(user, token)
    _note_token_use(token)
    return user


def _note_token_use(token: ApiToken) -> None:
    """Record the token's use at most once per `LAST_USE_PRECISION`, after the request's
    transaction if there is one, so that reading with a token does not write."""
    now = timezone.now()
    if token.last_used_at is not None and token.last_used_at > now - LAST_USE_PRECISION:
        return
    transaction.on_commit(partial(_record_token_use, token_id=token.pk, now=now))


def _record_token_use(*, token_id: int, now: datetime.datetime) -> None:
    # Usage telemetry, not a change to the token: kept out of the audit trail on purpose.
    # The condition keeps concurrent requests from writing the same hour twice. A failure
    # ("database is locked" behind an import) costs one hour's telemetry, never the request.
    try:
        with _waiting_briefly_for_locks():
            ApiToken.objects.filter(
                Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USE_PRECISION),
                pk=token_id,
            ).update(last_used_at=now)
    except DatabaseError as error:
        logger.warning("The use of API token %s was not recorded: %s", token_id, error)


@contextmanager
def _waiting_briefly_for_locks() -> Iterator[None]:
    """A transaction that gives up after `LAST_USE_LOCK_WAIT_MS` when another writer holds the
    lock it needs, instead of the connection's usual patience."""
    if connection.vendor != "sqlite":
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT set_config('lock_timeout', %s, true)",
                        [f"{LAST_USE_LOCK_WAIT_MS}ms"],
                    )
            yield
        return
    # SQLite takes its write lock when the transaction begins: shorten the wait before that.
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (usual,) = cursor.fetchone()
        cursor.execute(f"PRAGMA busy_timeout = {int(LAST_USE_LOCK_WAIT_MS)}")
    try:
        with transaction.atomic():
            yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(usual)}")


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed authenticator for the user, replacing any earlier unconfirmed one."""
    for stale in TOTPDevice.objects.filter(user=user, confirmed=False):
        record_delete(instance=stale, by=user)
    return record_create(
        model=TOTPDevice,
        by=user,
        data={"user": user, "name": _("Authenticator app"), "confirmed": False},
    )


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm an authenticator with a code it shows, and give the account new recovery codes,
    returned to be shown once; None if the code is wrong."""
    if not device.verify_token(token):
        return None
    record_update(instance=device, by=device.user, data={"confirmed": True})
    return recovery_codes_create(user=device.user)


@transaction.atomic
def recovery_codes_create(*, user: User) -> list[str]:
    """New recovery codes for the account, replacing any it had; returned to be shown once.

    The device is audited; the codes are not: the trail is read by the secretariat, and a
    code in it would let a reader pass someone else's second factor.
    """
    for stale in StaticDevice.objects.filter(user=user):
        record_delete(instance=stale, by=user)
    device = record_create(
        model=StaticDevice, by=user, data={"user": user, "name": _("Recovery codes")}
    )
    codes = [StaticToken.random_token() for _index in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_code_normalize(code: str) -> str:
    """A code as stored: the codes are lower case, and readers may copy them with spaces."""
    return "".join(code.split()).replace("-", "").lower()


@transaction.atomic
def second_factor_verify(*, user: User, code: str) -> Device | None:
    """The device that accepts this code, None if none does: the authenticator's current code,
    or one of the account's recovery codes, which is then used up (the use is audited)."""
    device = match_token(user, recovery_code_normalize(code))
    if isinstance(device, StaticDevice):
        left = device.token_set.count()
        audit_event_record(
            instance=device,
            action=AuditAction.UPDATE,
            actor=user,
            before={"recovery_codes_left": left + 1},
            after={"recovery_codes_left": left},
        )
    return device


@transaction.atomic
def second_factor_reset(*, user: User, by: User) -> None:
    """Take away the account's authenticator and recovery codes: the secretariat for a member
    who lost both, or the member replacing their own authenticator (in a session that passed
    the second factor: the view's to check). At the next sign-in the member sets up a new
    authenticator, as after their invitation."""
    if by.pk != user.pk:
        require(by, Action.MANAGE_ACCOUNTS)
    devices: list[Device] = [
        *TOTPDevice.objects.filter(user=user),
        *StaticDevice.objects.filter(user=user),
    ]
    if not devices:
        raise ValidationError(
            _("This account has no second factor to reset."),
            code=AccountError.NO_SECOND_FACTOR,
        )
    for device in devices:
        record_delete(instance=device, by=by)


@transaction.atomic
def user_password_reset(*, user: User, password: str) -> User:
    """Give the account the password chosen through an e-mailed reset link.

    Completing a reset lifts the lockout that failed sign-ins put on the address (django-axes),
    from every client: the link proves that its holder reads the account's mailbox, which is
    more than a guessed password, and the owner of an account someone tried to break into
    would otherwise be locked out with the intruder. The reset never signs in, and so never
    passes the second factor; the other sessions of the account end, as the password changed.
    """
    password_validation.validate_password(password, user)
    user, _changed = record_update(
        instance=user, by=user, data={"password": make_password(password)}
    )
    AxesProxyHandler.reset_attempts(username=user.get_username())
    return user


def password_reset_request_admit(*, email: str, client: str | None) -> bool:
    """Count one request for a password reset link to `email` from the client at address
    `client`; False once either asked more often than the limits allow within the window.

    Counted in the cache: with an in-process cache each server process counts for itself.
    """
    window = int(PASSWORD_RESET_REQUEST_WINDOW.total_seconds())
    address = hashlib.sha256(email_key(email).encode()).hexdigest()
    by_address = _count_in_window(f"password-reset:address:{address}", window)
    by_client = _count_in_window(f"password-reset:client:{client or 'unknown'}", window)
    return (
        by_address <= PASSWORD_RESET_REQUESTS_PER_ADDRESS
        and by_client <= PASSWORD_RESET_REQUESTS_PER_CLIENT
    )


def _count_in_window(key: str, window: int) -> int:
    """One more for `key`, counted from its first time within the last `window` seconds."""
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # the count expired between the two calls
        cache.set(key, 1, timeout=window)
        return 1
