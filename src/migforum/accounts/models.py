"""Accounts exist by invitation only; what an account may do comes from its roles."""

import hashlib
import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from migforum.core.choices import RoleKind
from migforum.core.permissions import needs_second_factor
from migforum.members.models import state_and_organization_keys


def token_digest(raw: str) -> str:
    """Tokens are stored only as their SHA-256 digest: a leaked table reveals no token."""
    return hashlib.sha256(raw.encode()).hexdigest()


def email_key(address: str) -> str:
    """How accounts compare e-mail addresses: `Focal@Example.org` is `focal@example.org`.

    The username of every account is its address in this form, so that signing in, the
    lockout after failed attempts and invitations all agree on who is meant.
    """
    return address.strip().lower()


class AccountManager(UserManager["User"]):
    def get_by_natural_key(self, username: str | None) -> "User":
        """Signing in finds the account whatever the case of the address typed."""
        return self.get(**{self.model.USERNAME_FIELD: email_key(username or "")})


class User(AbstractUser):
    """A person with an account; their e-mail address, in lower case, is their username."""

    display_name = models.CharField(_("name"), max_length=200, blank=True)

    objects = AccountManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username

    @classmethod
    def normalize_username(cls, username: str) -> str:
        # Used by the admin's forms and `create_user`: every path stores the same key.
        return email_key(super().normalize_username(username))


class RoleScope(models.Model):
    """A kind of role and what it acts for: a State for a focal point, else an organization."""

    kind = models.CharField(_("role"), max_length=20, choices=RoleKind.choices)
    #: `state` is set for a focal point: the State whose delegation the user belongs to;
    #: `organization` for secretariat, analyst and observer roles: the body the user acts for.
    state, organization = state_and_organization_keys(on_delete=models.CASCADE)

    class Meta:
        abstract = True


#: Focal points act for a State and nothing else; the other roles never for a State.
SCOPE_MATCHES_KIND = Q(
    kind=RoleKind.FOCAL_POINT, state__isnull=False, organization__isnull=True
) | (~Q(kind=RoleKind.FOCAL_POINT) & Q(state__isnull=True))


class Role(RoleScope):
    """A role held by a user, scoped to the State or organization it acts for."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="roles"
    )
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.CheckConstraint(name="role_scope_matches_kind", condition=SCOPE_MATCHES_KIND),
            models.UniqueConstraint(
                fields=["user", "kind", "state"],
                name="role_unique_state",
                condition=Q(state__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "kind", "organization"],
                name="role_unique_organization",
                condition=Q(organization__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        scope = self.state or self.organization
        return f"{self.get_kind_display()} — {scope}" if scope else str(self.get_kind_display())


class Invitation(RoleScope):
    """An invitation to open an account with one role; the link carries a single-use token."""

    email = models.EmailField(_("e-mail address"))
    token_hash = models.CharField(_("token digest"), max_length=64, unique=True)
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                name="invitation_scope_matches_kind", condition=SCOPE_MATCHES_KIND
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_kind_display()})"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class ApiToken(models.Model):
    """A bearer token for the API; shown once, stored as a digest.

    A token acts with one of its owner's roles, the one it was created for, and nothing else:
    a role the owner receives later never reaches it, and it stops working when that role is
    taken away. It counts as having passed the second factor only if it was created in a
    session that had, and only for the secretariat.
    """

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    #: The role the token acts with. Emptied when the role is removed; the token is then revoked.
    role = models.ForeignKey(
        Role,
        verbose_name=_("role"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(_("token digest"), max_length=64, unique=True)
    #: The first characters of the token, so its owner can tell tokens apart.
    prefix = models.CharField(_("prefix"), max_length=12)
    #: Whether the session that created the token had passed the second factor.
    second_factor = models.BooleanField(_("created with the second factor"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    #: Set at creation from the settings: `API_TOKEN_SECRETARIAT_VALID_DAYS` for the
    #: secretariat, `API_TOKEN_VALID_DAYS` for the other roles.
    expires_at = models.DateTimeField(_("expires"))
    #: Usage telemetry, to the hour: not recorded on every request, nor in the audit trail.
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def generate_key() -> str:
        return "mf_" + secrets.token_urlsafe(32)

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def stands_for_second_factor(self) -> bool:
        """Whether whoever signs in with the token counts as having passed the second factor
        (see `second_factor_verified`)."""
        return self.second_factor and self.role is not None and needs_second_factor(self.role)
