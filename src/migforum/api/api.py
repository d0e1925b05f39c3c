"""The open data API under /api/v1/: everything published, readable by anyone; writes by token.

OpenAPI at /api/v1/openapi.json, interactive documentation at /api/v1/docs. Each app answers
for its own records through its router (`<app>/api.py`); this module builds the API from them,
with the token reader, the errors and their documentation.
"""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import register_converter
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from migforum import __version__
from migforum.core.api.auth import token_reader_register
from migforum.core.page_cache import kept_for_anonymous

from . import errors
from .auth import ApiTokenAuth
from .openapi import document_errors
from .parser import InputParser


class MigforumApi(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        """The description, with the errors each operation can answer (`api.openapi`)."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_errors(schema)
        return schema

    def get_openapi_operation_id(self, operation: Operation) -> str:
        """The view's name, unique across the API (it names the operation's URL too), so that
        the id a client generates code from does not change when the view moves."""
        return operation.view_func.__name__


api = MigforumApi(
    title="Migration Forum API",
    version=__version__,
    description=(
        "Open data of the Global Forum on Migration and Development: States, organizations, "
        "groups and search. Reading needs no account. Writing needs an API token, created on "
        "your account page, sent as `Authorization: Bearer <token>`; a token can change only "
        "what its holder may change on the site. Errors are JSON: `{code, message}`."
    ),
    urls_namespace="api",
    docs_url="/docs",
    parser=InputParser(),
)
errors.install(api)
token_reader_register(ApiTokenAuth())
# An anonymous reader's answer is kept until the data change: during a Summit many ask the same.
api.add_decorator(kept_for_anonymous(), mode="view")
api.add_router("", "migforum.members.api.router")
api.add_router("", "migforum.documents.api.router")
api.add_router("", "migforum.meetings.api.router")
api.add_router("", "migforum.core.search.api.router")
api.add_router("/practices", "migforum.practices.api.router")
api.add_router("", "migforum.evidence.api.router")


@api.exception_handler(Exception)
def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    return errors.server_error(api, request)


#: Any address under /api/v1/ that no operation has — a misspelt path, an id that is not a
#: number, a trailing slash — answers the API's JSON 404 rather than the site's page. Added
#: last, so that every operation's address is tried before it.
unknown_addresses = Router()
_ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


class AnyRestConverter:
    """What is left of an address, whatever it holds: Django's `path` converter stops at a
    line break (a `%0A` in the address), and such an address would get the site's HTML 404."""

    regex = r"[\s\S]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(AnyRestConverter, "anyrest")


@unknown_addresses.api_operation(_ALL_METHODS, "", include_in_schema=False)
def api_root(request: HttpRequest) -> HttpResponse:
    raise Http404(
        _("No operation of the API has this address; the operations are listed at %(url)s.")
        % {"url": "/api/v1/docs"}
    )


@unknown_addresses.api_operation(_ALL_METHODS, "/{anyrest:rest}", include_in_schema=False)
def unknown_address(request: HttpRequest, rest: str) -> HttpResponse:
    return api_root(request)


api.add_router("", unknown_addresses)
