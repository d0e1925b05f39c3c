"""Signing in, the second factor, password resets, invitations, and one's own account."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from segno import make_qr

from migforum.core.permissions import Action, can, require, second_factor_verified

from . import selectors, services
from .forms import (
    ApiTokenForm,
    InvitationAcceptForm,
    InvitationForm,
    LoginForm,
    PasswordResetRequestForm,
    PasswordResetSetForm,
    SecondFactorForm,
    TokenForm,
)
from .models import ApiToken, User


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    """Asking for a reset link by e-mail. Whether the address has an account or not, the
    answer is the same page; too many requests for one address, or from one client, are
    refused alike (`services.password_reset_request_admit`)."""

    template_name = "accounts/password_reset.html"
    form_class = PasswordResetRequestForm
    subject_template_name = "accounts/password_reset_subject.txt"
    email_template_name = "accounts/password_reset_email.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        if not services.password_reset_request_admit(
            email=form.cleaned_data["email"], client=get_client_ip_address(self.request)
        ):
            return render(self.request, "accounts/password_reset_limited.html", status=429)
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choosing a new password behind the link. It does not sign in: the reader signs in with
    the new password, and the secretariat passes its second factor as always."""

    template_name = "accounts/password_reset_confirm.html"
    form_class = PasswordResetSetForm
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def _site_link(path: str) -> str:
    """A link for an e-mail or to pass on: the platform's public address (`SITE_URL`), not the
    host a request happened to name."""
    return settings.SITE_URL.rstrip("/") + path


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


@login_required
@require_http_methods(["GET", "POST"])
def second_factor(request: HttpRequest) -> HttpResponse:
    if not selectors.user_has_confirmed_device(user=request.user):
        return redirect("accounts:second_factor_setup")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.second_factor_verify(user=request.user, code=form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = selectors.user_recovery_codes_left(user=request.user)
                messages.warning(
                    request,
                    ngettext(
                        "You signed in with a recovery code; %(count)d is left. If you lost "
                        "your authenticator app, set up a new one from your account page.",
                        "You signed in with a recovery code; %(count)d are left. If you lost "
                        "your authenticator app, set up a new one from your account page.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(_next_url(request))
        form.add_error(
            "token",
            _("This code is not valid. Codes change every 30 seconds; a recovery code works once."),
        )
    return render(
        request, "accounts/second_factor.html", {"form": form, "next": _next_url(request)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    if selectors.user_has_confirmed_device(user=request.user):
        return redirect("accounts:second_factor")
    device = selectors.user_pending_device(user=request.user)
    if device is None:
        device = services.totp_device_start(user=request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.totp_device_confirm(device=device, token=form.cleaned_data["token"])
        if codes is not None:
            otp_login(request, device)
            messages.success(request, _("Your authenticator app is set up."))
            # Shown in the answer itself, never stored where a later page could show them.
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error("token", _("This code is not valid. Codes change every 30 seconds."))
    return render(
        request,
        "accounts/second_factor_setup.html",
        {
            "form": form,
            "next": _next_url(request),
            "qr_svg": make_qr(device.config_url).svg_data_uri(scale=5),
            "secret": device.config_url.split("secret=")[1].split("&")[0],
        },
    )


@login_required
@require_POST
def recovery_codes_renew(request: HttpRequest) -> HttpResponse:
    """New recovery codes for one's own account, the old ones no longer working; only in a
    session that passed the second factor."""
    if not second_factor_verified(request.user):
        raise PermissionDenied(_("Confirm your second factor first."))
    codes = services.recovery_codes_create(user=request.user)
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": reverse("accounts:account")},
    )


@login_required
@require_POST
def second_factor_replace(request: HttpRequest) -> HttpResponse:
    """Drop one's own authenticator app (a lost or changed phone) and set up a new one; only
    in a session that passed the second factor, with the app or a recovery code."""
    if not second_factor_verified(request.user):
        raise PermissionDenied(_("Confirm your second factor first."))
    services.second_factor_reset(user=request.user, by=request.user)
    return redirect("accounts:second_factor_setup")


@login_required
@require_http_methods(["GET"])
def second_factor_accounts(request: HttpRequest) -> HttpResponse:
    """The accounts with a second factor, each with a button to reset it; the secretariat."""
    require(request.user, Action.MANAGE_ACCOUNTS)
    return render(
        request,
        "accounts/second_factor_accounts.html",
        {"accounts": selectors.accounts_with_second_factor()},
    )


@login_required
@require_POST
def second_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.MANAGE_ACCOUNTS)
    user = get_object_or_404(User, pk=pk)
    try:
        services.second_factor_reset(user=user, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "The second factor of %(account)s is reset: they set up a new authenticator "
                "app at their next sign-in."
            )
            % {"account": user.username},
        )
    return redirect("accounts:second_factor_accounts")


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.invitation_by_token(token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = InvitationAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                token=token,
                display_name=form.cleaned_data["display_name"],
                password=form.cleaned_data["password"],
            )
        except ValidationError as error:
            form.add_error("password", error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to Migration Forum."))
            return redirect("accounts:account")
    return render(
        request, "accounts/invitation_accept.html", {"form": form, "invitation": invitation}
    )


@login_required
@require_http_methods(["GET", "POST"])
def invitation_new(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.MANAGE_ACCOUNTS)
    form = InvitationForm(request.POST or None)
    link = None
    if request.method == "POST" and form.is_valid():
        try:
            _invitation, token = services.invitation_create(
                by=request.user,
                email=form.cleaned_data["email"],
                kind=form.cleaned_data["kind"],
                state=form.cleaned_data["state"],
                organization=form.cleaned_data["organization"],
                accept_url=lambda t: _site_link(reverse("accounts:invitation_accept", args=[t])),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            link = _site_link(reverse("accounts:invitation_accept", args=[token]))
            form = InvitationForm()
    return render(
        request,
        "accounts/invitation_new.html",
        {
            "form": form,
            "link": link,
            "invitations": selectors.open_invitations()[:50],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None, user=request.user)
    new_key = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_key = services.api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                role=form.cleaned_data["role"],
                second_factor=second_factor_verified(request.user),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = ApiTokenForm(user=request.user)
    return render(
        request,
        "accounts/account.html",
        {
            "roles": selectors.user_roles(user=request.user),
            "tokens": selectors.user_api_tokens(user=request.user),
            "form": form,
            "new_key": new_key,
            "token_days": settings.API_TOKEN_VALID_DAYS,
            "secretariat_token_days": settings.API_TOKEN_SECRETARIAT_VALID_DAYS,
            "has_second_factor": selectors.user_has_confirmed_device(user=request.user),
            "second_factor_verified": second_factor_verified(request.user),
            "recovery_codes_left": selectors.user_recovery_codes_left(user=request.user),
            "manages_accounts": can(request.user, Action.MANAGE_ACCOUNTS),
        },
    )


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user, revoked_at__isnull=True)
    services.api_token_revoke(token=token, by=request.user)
    messages.success(request, _("The token is revoked."))
    return redirect("accounts:account")
