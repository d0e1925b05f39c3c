"""API errors are JSON with a code and a message, never a stack trace."""

import logging
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from migforum.core.busy import BUSY_MESSAGE, RETRY_AFTER_SECONDS, is_busy
from migforum.core.search import SearchQueryError


class ErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"
    UNAUTHENTICATED = "unauthenticated"
    INVALID_REQUEST = "invalid_request"
    QUERY_TOO_LONG = "query_too_long"
    ERROR = "error"
    BUSY = "busy"


def error_response(
    api: NinjaAPI, request: HttpRequest, status: int, code: str, message: str, **extra: object
) -> HttpResponse:
    return api.create_response(request, {"code": code, "message": message, **extra}, status=status)


logger = logging.getLogger(__name__)


def server_error(api: NinjaAPI, request: HttpRequest) -> HttpResponse:
    """500 for an error the API did not expect, logged with its traceback."""
    logger.exception("API error on %s", request.path)
    return error_response(
        api,
        request,
        500,
        ErrorCode.ERROR,
        "Something went wrong on our side; it has been logged.",
    )


def install(api: NinjaAPI) -> None:
    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        message = str(exc) or "Not found."
        return error_response(api, request, 404, ErrorCode.NOT_FOUND, message)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return error_response(
            api,
            request,
            403,
            ErrorCode.FORBIDDEN,
            str(exc) or "You do not have permission to do this.",
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = error_response(
            api,
            request,
            401,
            ErrorCode.UNAUTHENTICATED,
            "A valid API token is required: send 'Authorization: Bearer <token>'.",
        )
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(NinjaValidationError)
    def invalid(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        problems = [
            {
                "field": ".".join(str(p) for p in e.get("loc", [])[1:]) or None,
                "message": e.get("msg", ""),
            }
            for e in exc.errors
        ]
        summary = "; ".join(
            f"{p['field']}: {p['message']}" if p["field"] else p["message"] for p in problems
        )
        return error_response(
            api,
            request,
            422,
            ErrorCode.INVALID_REQUEST,
            f"The request is not valid: {summary}",
            errors=problems,
        )

    @api.exception_handler(DjangoValidationError)
    def invalid_data(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        fields = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
        problems = [
            {"field": field, "message": message}
            for field, messages in fields.items()
            for message in messages
        ]
        return error_response(
            api, request, 422, ErrorCode.INVALID_REQUEST, " ".join(exc.messages), errors=problems
        )

    @api.exception_handler(SearchQueryError)
    def bad_query(request: HttpRequest, exc: SearchQueryError) -> HttpResponse:
        return error_response(api, request, 400, exc.code, exc.message)

    @api.exception_handler(OperationalError)
    def busy(request: HttpRequest, exc: OperationalError) -> HttpResponse:
        if not is_busy(exc):
            return server_error(api, request)
        response = error_response(api, request, 503, ErrorCode.BUSY, str(BUSY_MESSAGE))
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return error_response(api, request, exc.status_code, ErrorCode.ERROR, str(exc))
