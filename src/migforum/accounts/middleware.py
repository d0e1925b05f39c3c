"""Secretariat accounts must pass a second factor before doing anything else."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from migforum.core.choices import RoleKind
from migforum.core.permissions import has_role, second_factor_verified

from .selectors import user_has_confirmed_device

#: Paths a secretariat user may reach before the second factor: the factor pages themselves,
#: logging out, choosing a language, static files.
OPEN_PATH_NAMES = ("accounts:second_factor", "accounts:second_factor_setup", "accounts:logout")


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not second_factor_verified(user)
            and has_role(user, RoleKind.SECRETARIAT)
            and not self._is_open(request)
        ):
            if request.path.startswith("/api/"):
                return self.get_response(request)  # the API authenticates by token, not session
            name = (
                "accounts:second_factor"
                if user_has_confirmed_device(user=user)
                else "accounts:second_factor_setup"
            )
            return redirect(f"{reverse(name)}?next={request.get_full_path()}")
        return self.get_response(request)

    @staticmethod
    def _is_open(request: HttpRequest) -> bool:
        if request.path.startswith(("/static/", "/i18n/", "/health/")):
            return True
        return any(request.path == reverse(name) for name in OPEN_PATH_NAMES)
