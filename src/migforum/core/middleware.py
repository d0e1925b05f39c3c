"""What every request goes through first and every response last: input the platform refuses
before any view reads it, a request body no view read, and headers that keep pages safe to
embed nowhere and to run only our own code."""

import json
from collections.abc import Callable, Iterable
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _

from .cache import versions_read_once
from .params import ParameterError, nul_refuse

#: Every asset is served by the platform itself, so nothing else needs to be allowed.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
#: The Django admin and the API documentation page use inline styles and scripts.
RELAXED_POLICY = CONTENT_SECURITY_POLICY.replace(
    "style-src 'self'", "style-src 'self' 'unsafe-inline'"
).replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

#: Under this prefix errors are JSON, as the API answers them; elsewhere they are pages.
API_PREFIX = "/api/"
#: A request body no view read is read to its end, up to this size, so that the connection
#: can carry the client's next request; past it, the response says the connection closes.
DRAIN_MAX_BYTES = 4 * 1024 * 1024
_DRAIN_CHUNK = 64 * 1024


class RequestErrorCode(StrEnum):
    TOO_LARGE = "request_too_large"
    MALFORMED_BODY = "malformed_body"


def error_response(
    request: HttpRequest,
    status: int,
    code: str,
    message: str,
    *,
    parameter: str | None = None,
    template: str = "400.html",
) -> HttpResponse:
    """An error as the API answers it (JSON with a code) or as a page, by where it was asked."""
    if request.path.startswith(API_PREFIX):
        body: dict[str, Any] = {"code": code, "message": message}
        if parameter is not None:
            body["parameter"] = parameter
        return HttpResponse(
            json.dumps(body, ensure_ascii=False), status=status, content_type="application/json"
        )
    return render(request, template, {"error": message}, status=status)


def _nul_refuse_all(pairs: Iterable[tuple[str, list[Any]]]) -> None:
    for name, values in pairs:
        nul_refuse(name, name=name)
        for value in values:
            if isinstance(value, str):
                nul_refuse(value, name=name)


def too_large_message() -> str:
    return _("The request is too large: at most %(size)d MB of data is accepted.") % {
        "size": max(1, settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024))
    }


class RequestInputMiddleware:
    """Input no view is meant to see, refused before it reaches one, the same way on every
    database: a NUL character in the path, the query or a form field (400; PostgreSQL cannot
    store one and would fail the request), a body larger than Django reads (413) or a form
    body that cannot be read (400). The API checks the JSON it reads in its own parser.

    Form fields are checked for the views that Django's CSRF check reads them for anyway; a
    view exempt from it (the API, an upload that sets its own handlers) reads them its own
    way. Last, a body that no view read is drained (see `DRAIN_MAX_BYTES`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self._refusal(request) or self.get_response(request)
        self._finish_body(request, response)
        return response

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponse],
        view_args: object,
        view_kwargs: object,
    ) -> HttpResponse | None:
        if request.method != "POST" or getattr(view_func, "csrf_exempt", False):
            return None
        return self._checked(request, lambda: _nul_refuse_all(request.POST.lists()))

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A parameter a view refused: the site's 400 page, saying which and why."""
        if isinstance(exception, ParameterError):
            return error_response(
                request, 400, exception.code, exception.message, parameter=exception.parameter
            )
        return None

    def _refusal(self, request: HttpRequest) -> HttpResponse | None:
        def check() -> None:
            nul_refuse(request.path, name="path")
            _nul_refuse_all(request.GET.lists())
            # Django refuses to read such a body (RequestDataTooBig) wherever a view asks for
            # it; it is refused here, before anything reads it. Multipart bodies are limited by
            # their form fields alone, since files go to disk.
            length = request.META.get("CONTENT_LENGTH") or "0"
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            multipart = request.content_type == "multipart/form-data"
            if (
                limit is not None
                and not multipart
                and length.isascii()
                and length.isdigit()
                and int(length) > limit
            ):
                raise RequestDataTooBig

        return self._checked(request, check)

    def _checked(self, request: HttpRequest, check: Callable[[], None]) -> HttpResponse | None:
        try:
            check()
        except ParameterError as error:
            return error_response(
                request, 400, error.code, error.message, parameter=error.parameter
            )
        except RequestDataTooBig:
            return error_response(
                request, 413, RequestErrorCode.TOO_LARGE, too_large_message(), template="413.html"
            )
        except (MultiPartParserError, TooManyFieldsSent, TooManyFilesSent):
            return error_response(
                request,
                400,
                RequestErrorCode.MALFORMED_BODY,
                _("The form data sent could not be read."),
            )
        return None

    @staticmethod
    def _finish_body(request: HttpRequest, response: HttpResponse) -> None:
        """granian, like most servers, closes a keep-alive connection whose request body was
        not read to its end, without saying so: the client learns it when its next request
        fails. So the rest of the body is read here, up to `DRAIN_MAX_BYTES`; past that the
        response carries `Connection: close`, which granian honours and sends."""
        stream = request.__dict__.get("_stream")
        if not isinstance(stream, LimitedStream):
            return  # no body, or one read whole into memory
        drained = 0
        while drained <= DRAIN_MAX_BYTES:
            try:
                chunk = stream.read(_DRAIN_CHUNK)
            except OSError:  # the client went away
                return
            if not chunk:
                return
            drained += len(chunk)
        response["Connection"] = "close"


class VersionsReadOnceMiddleware:
    """A request that writes nothing (GET, HEAD) reads each version of the data once
    (`versions_read_once`): a page asks it of every part it keeps, a round trip each."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        with versions_read_once():
            return self.get_response(request)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        relaxed = request.path.startswith(("/admin/", "/api/v1/docs"))
        response.headers.setdefault(
            "Content-Security-Policy", RELAXED_POLICY if relaxed else CONTENT_SECURITY_POLICY
        )
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
