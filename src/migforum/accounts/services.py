"""Writes to accounts: invitations, roles, API tokens and second factors, all audited."""

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from migforum.core.audit import record_create, record_delete, record_update
from migforum.core.mail import Mail, mail_on_commit
from migforum.core.permissions import Action, require

from .choices import RoleKind
from .models import ApiToken, Invitation, Role, User, token_digest


def _role_scope(kind: str, state: Any, organization: Any) -> dict[str, Any]:
    """The scope a role of this kind needs: a State for focal points, else an organization."""
    if kind == RoleKind.FOCAL_POINT:
        if state is None:
            raise ValidationError(_("A focal point acts for a State: choose the State."))
        return {"state": state, "organization": None}
    if organization is None:
        raise ValidationError(_("This role acts for an organization: choose the organization."))
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
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(username__iexact=email).exists():
        raise ValidationError(_("An account with this e-mail address exists already."))
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
        raise ValidationError(_("This invitation is not valid: it was used, or it expired."))
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("This invitation is not valid: it was used, or it expired."))
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
    """Give an existing account one more role; the secretariat only."""
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
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new API token for the user's own use; the key is returned once and never stored."""
    key = ApiToken.generate_key()
    token = record_create(
        model=ApiToken,
        by=user,
        data={
            "user": user,
            "name": name.strip() or _("API token"),
            "key_hash": token_digest(key),
            "prefix": key[:10],
        },
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    if token.user_id != by.pk:
        require(by, Action.MANAGE_ACCOUNTS)
    token, _changed = record_update(instance=token, by=by, data={"revoked_at": timezone.now()})
    return token


def api_token_user(key: str) -> User | None:
    """The active user a bearer key belongs to, or None for an unknown or revoked key."""
    if not key or len(key) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_digest(key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    # Usage telemetry, not a change to the token: kept out of the audit trail on purpose.
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


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
def totp_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirm an authenticator with a code it shows; False if the code is wrong."""
    if not device.verify_token(token):
        return False
    record_update(instance=device, by=device.user, data={"confirmed": True})
    return True
