"""API errors are JSON with a code and a message, never a stack trace."""

import json
import logging
from enum import StrEnum

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from migforum.core.busy import BUSY_MESSAGE, RETRY_AFTER_SECONDS, is_busy
from migforum.core.errors import ServiceErrorCode
from migforum.core.middleware import RequestErrorCode, too_large_message
from migforum.core.params import ParameterError
from migforum.core.search import SearchQueryError

from .auth import TokenExpired


class ErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"
    UNAUTHENTICATED = "unauthenticated"
    TOKEN_EXPIRED = "token_expired"  # noqa: S105 (an error code, not a secret)
    INVALID_REQUEST = "invalid_request"
    INVALID_JSON = "invalid_json"
    INVALID_BODY = "invalid_body"
    ERROR = "error"
    BUSY = "busy"


class BodyError(Exception):
    """A request body the API will not read, with its code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


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


def service_error_code(exc: DjangoValidationError) -> str:
    """The code a service gave its refusal (the first, when it names several fields), or
    `invalid_request` for one without a code of an app's enum (`core.errors`)."""
    errors = (
        [error for field_errors in exc.error_dict.values() for error in field_errors]
        if hasattr(exc, "error_dict")
        else exc.error_list
    )
    for error in errors:
        if isinstance(error.code, ServiceErrorCode):
            return error.code
    return ErrorCode.INVALID_REQUEST


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

    @api.exception_handler(TokenExpired)
    def expired(request: HttpRequest, exc: TokenExpired) -> HttpResponse:
        response = error_response(api, request, 401, ErrorCode.TOKEN_EXPIRED, exc.message)
        response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
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
            api, request, 422, service_error_code(exc), " ".join(exc.messages), errors=problems
        )

    @api.exception_handler(SearchQueryError)
    def bad_query(request: HttpRequest, exc: SearchQueryError) -> HttpResponse:
        return error_response(api, request, exc.status, exc.code, exc.message)

    @api.exception_handler(ParameterError)
    def bad_parameter(request: HttpRequest, exc: ParameterError) -> HttpResponse:
        return error_response(api, request, 400, exc.code, exc.message, parameter=exc.parameter)

    @api.exception_handler(RequestDataTooBig)
    def too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return error_response(api, request, 413, RequestErrorCode.TOO_LARGE, too_large_message())

    def unreadable_form(request: HttpRequest, exc: Exception) -> HttpResponse:
        return error_response(
            api,
            request,
            400,
            RequestErrorCode.MALFORMED_BODY,
            _("The form data sent could not be read."),
        )

    for unreadable in (MultiPartParserError, TooManyFieldsSent, TooManyFilesSent):
        api.add_exception_handler(unreadable, unreadable_form)

    @api.exception_handler(OperationalError)
    def busy(request: HttpRequest, exc: OperationalError) -> HttpResponse:
        if not is_busy(exc):
            return server_error(api, request)
        response = error_response(api, request, 503, ErrorCode.BUSY, str(BUSY_MESSAGE))
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # ninja turns whatever its parser raises into "400 Cannot parse request body".
        cause = exc.__cause__
        if isinstance(cause, ParameterError):
            return bad_parameter(request, cause)
        if isinstance(cause, BodyError):
            return error_response(api, request, 400, cause.code, cause.message)
        if isinstance(cause, RequestDataTooBig):
            return too_large(request, cause)
        if isinstance(cause, json.JSONDecodeError):
            message = _("The body is not valid JSON: %(problem)s.") % {"problem": cause.msg}
            return error_response(api, request, 400, ErrorCode.INVALID_JSON, message)
        if isinstance(cause, ValueError | RecursionError):  # not UTF-8, or nested too deep
            message = _("The body is not valid JSON.")
            return error_response(api, request, 400, ErrorCode.INVALID_JSON, message)
        return error_response(api, request, exc.status_code, ErrorCode.ERROR, str(exc))
