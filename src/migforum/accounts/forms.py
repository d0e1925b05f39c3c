from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from migforum.core.choices import RoleKind
from migforum.core.mail import Mail, mail_on_commit
from migforum.members.models import Organization, State

from . import services
from .models import Role, User, email_key


class LoginForm(AuthenticationForm):
    """Signing in by e-mail address, in any case: the account manager compares them so."""

    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        # Django's own names the username field's verbose name ("username"); people here sign
        # in with their address, whose case does not matter (`email_key`).
        "invalid_login": _(
            "This e-mail address and password do not match an account. Passwords are "
            "case-sensitive; addresses are not."
        ),
    }


class PasswordResetRequestForm(PasswordResetForm):
    """Asking for a link to choose a new password.

    The message is queued with the platform's other e-mails (`core.mail`) once the request's
    transaction commits, and the background worker sends it: the page answers at once, the
    same way whether or not the address has an account. Its link starts with `SITE_URL`, not
    with whatever host the request named.
    """

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        context = {
            **context,
            "site_url": settings.SITE_URL.rstrip("/"),
            "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        }
        # Rendered now, in the reader's language of the request, and queued after commit.
        subject = render_to_string(subject_template_name, context)
        body = render_to_string(email_template_name, context)
        mail_on_commit(lambda: [Mail(subject=subject, body=body, to=[to_email])])


class PasswordResetSetForm(SetPasswordForm):
    """Choosing the new password behind a reset link; saved through `user_password_reset`."""

    def save(self, commit: bool = True) -> Any:
        return services.user_password_reset(
            user=self.user, password=self.cleaned_data["new_password1"]
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


class SecondFactorForm(forms.Form):
    """The second step of signing in: a code from the authenticator app, or a recovery code
    (letters and digits, which is why the field does not ask phones for a numeric keypad)."""

    token = forms.CharField(
        label=_("Code from your authenticator app, or a recovery code"),
        min_length=6,
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "autofocus": True}
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
