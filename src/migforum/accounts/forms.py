from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from migforum.core.choices import RoleKind
from migforum.members.models import Organization, State

from .models import Role, User, email_key


class LoginForm(AuthenticationForm):
    """Signing in by e-mail address, in any case: the account manager compares them so."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


def lockout_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> Any:
    """The name django-axes counts failed sign-ins under (`AXES_USERNAME_CALLABLE`): the
    address as accounts compare it, so that `Focal@Example.org` and `focal@example.org`
    share one count and one lockout."""
    source = credentials or getattr(request, "data", None) or request.POST
    username = source.get("username")
    return email_key(username) if isinstance(username, str) else username


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]*",
                "autofocus": True,
            }
        ),
    )


class InvitationAcceptForm(forms.Form):
    display_name = forms.CharField(label=_("Your name"), max_length=200)
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    kind = forms.ChoiceField(label=_("Role"), choices=RoleKind.choices)
    state = forms.ModelChoiceField(
        label=_("State (for a focal point)"),
        required=False,
        queryset=State.objects.order_by("name"),
        to_field_name="iso3",
    )
    organization = forms.ModelChoiceField(
        label=_("Organization (for the other roles)"),
        required=False,
        queryset=Organization.objects.order_by("name"),
        to_field_name="slug",
    )


class RoleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        scope = obj.state or obj.organization
        label = str(obj.get_kind_display())
        return f"{label} — {scope.localized_name}" if scope else label


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("What the token is for"), max_length=100)
    role = RoleChoiceField(
        label=_("The role it acts with"), queryset=Role.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = user.roles.select_related(  # type: ignore[attr-defined]
            "state", "organization"
        ).order_by("pk")
