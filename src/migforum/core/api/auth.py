"""The API token that writes (and reads by a token's holder) require, as the apps' routers
declare it: `auth=token_auth`.

How a token is read and checked belongs to the API (`migforum.api.auth`), which the routers of
the domain apps do not import: the API registers its reader when it is built, and `token_auth`
hands every request to it. The OpenAPI description names the scheme after this class, as it
names the reader's."""

from typing import Any

from django.http import HttpRequest

_reader: Any = None


def token_reader_register(reader: Any) -> None:
    """Install the ninja authentication object that reads `Authorization: Bearer <token>`."""
    global _reader  # noqa: PLW0603  one reader for the process, installed once at start-up
    _reader = reader


def _registered() -> Any:
    if _reader is None:
        raise RuntimeError("No API token reader is registered: the API is not built yet.")
    return _reader


class ApiTokenAuth:
    """Delegates to the registered reader, under the same scheme name."""

    @property
    def openapi_security_schema(self) -> Any:
        return _registered().openapi_security_schema

    def __call__(self, request: HttpRequest) -> Any:
        return _registered()(request)


token_auth = ApiTokenAuth()
