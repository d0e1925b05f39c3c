"""Reads of accounts and roles."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from migforum.core.choices import RoleKind

from .models import ApiToken, Invitation, Role, User


def user_roles(*, user: User) -> QuerySet[Role]:
    return user.roles.select_related("state", "organization")


def user_api_tokens(*, user: User) -> QuerySet[ApiToken]:
    """The user's tokens that were not revoked, expired ones included, newest first."""
    return (
        user.api_tokens.filter(revoked_at__isnull=True)
        .select_related("role__state", "role__organization")
        .order_by("-created_at")
    )


def user_has_confirmed_device(*, user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def user_pending_device(*, user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()


def user_recovery_codes_left(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def accounts_with_second_factor() -> QuerySet[User]:
    """The accounts with an authenticator, set up or being set up, by address, each with
    `recovery_codes_left`: those whose second factor the secretariat can reset."""
    return (
        User.objects.filter(Exists(TOTPDevice.objects.filter(user=OuterRef("pk"))))
        .annotate(
            recovery_codes_left=Count(
                "staticdevice__token_set", filter=Q(staticdevice__confirmed=True)
            ),
            has_confirmed_device=Exists(
                TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
            ),
        )
        .order_by("username")
    )


def open_invitations() -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(accepted_at__isnull=True)
        .select_related("state", "organization", "invited_by")
        .order_by("-created_at")
    )


def focal_point_addresses(*, state_id: int) -> list[str]:
    """The e-mail addresses of a State's active focal points: the people who answer for its
    delegation."""
    return list(
        User.objects.filter(is_active=True, roles__kind=RoleKind.FOCAL_POINT, roles__state=state_id)
        .values_list("email", flat=True)
        .distinct()
    )
