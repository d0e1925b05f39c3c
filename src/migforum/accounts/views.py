"""Signing in, the second factor, invitations, and one's own account."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token
from segno import make_qr

from migforum.core.permissions import Action, require, second_factor_verified

from . import selectors, services
from .forms import ApiTokenForm, InvitationAcceptForm, InvitationForm, LoginForm, TokenForm
from .models import ApiToken


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


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
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("This code is not valid. Codes change every 30 seconds."))
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
        if services.totp_device_confirm(device=device, token=form.cleaned_data["token"]):
            otp_login(request, device)
            messages.success(request, _("Your authenticator app is set up."))
            return redirect(_next_url(request))
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
                accept_url=lambda t: request.build_absolute_uri(
                    reverse("accounts:invitation_accept", args=[t])
                ),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            link = request.build_absolute_uri(reverse("accounts:invitation_accept", args=[token]))
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
        },
    )


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user, revoked_at__isnull=True)
    services.api_token_revoke(token=token, by=request.user)
    messages.success(request, _("The token is revoked."))
    return redirect("accounts:account")
