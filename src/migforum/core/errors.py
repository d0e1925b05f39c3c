"""Stable codes for the errors a service raises, one enum per app.

A service refuses what it will not do with a `ValidationError` whose `code` is a member of its
app's enum (`class PracticeError(ServiceErrorCode)`): pages show the message, and the API
answers it with that code in place of the generic `invalid_request` (`api.errors`), so that a
program can tell one refusal from another without reading a translated message. The codes are
listed in the README's API section; a code, once published, keeps its meaning."""

from enum import StrEnum


class ServiceErrorCode(StrEnum):
    """The base of each app's enum of error codes."""


def service_error_codes() -> list[type[ServiceErrorCode]]:
    """Every app's enum of error codes (those imported so far: each app's services import
    theirs)."""
    return ServiceErrorCode.__subclasses__()
