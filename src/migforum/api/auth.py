"""Bearer tokens for the API: each acts with the role it was created for, until it expires."""

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from migforum.accounts.services import ApiTokenExpired, api_token_user


class TokenExpired(AuthenticationError):
    """A 401 that tells the token's holder why: the token was valid, and is no longer."""


class ApiTokenAuth(HttpBearer):
    openapi_description = (
        "An API token from your account page: `Authorization: Bearer mf_…`. It acts with the "
        "role it was created for and expires (the secretariat's sooner)."
    )

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        try:
            user = api_token_user(token.strip())
        except ApiTokenExpired as expired:
            raise TokenExpired(message=expired.message) from None
        if user is None:
            return None
        request.user = user
        return user
