"""Reading numbers out of query strings and paths, the same way in every view and endpoint.

`str.isdigit()` accepts "²" and "٣", which `int()` then refuses or misreads, and an unbounded
number overflows the database's integers: every integer parameter goes through `int_param`,
which accepts ASCII digits only and checks the range. A bad value raises `ParameterError`, a
`BadRequest`: pages answer 400 with the site's error page, the API a JSON body with its code.
"""

from enum import StrEnum

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _

#: Years the platform can store and show (a `date` holds 1–9999).
YEAR_MIN, YEAR_MAX = 1, 9999
#: Offsets and page numbers beyond this are nonsense, and beyond 2**63 - 1 crash the database.
OFFSET_MAX = 10_000_000
#: Primary keys and other ids fit the database's 64-bit integers.
ID_MAX = 2**63 - 1
#: More digits than any of these bounds can have: refused before `int()` reads them.
_MAX_DIGITS = 19


class ParameterErrorCode(StrEnum):
    INVALID_INTEGER = "invalid_integer"
    OUT_OF_RANGE = "out_of_range"


class ParameterError(BadRequest):
    """A parameter the platform will not use, with a message naming it."""

    def __init__(self, code: ParameterErrorCode, message: str, parameter: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.parameter = parameter


def int_param(
    value: str | None,
    *,
    name: str,
    default: int | None = None,
    minimum: int = 0,
    maximum: int = ID_MAX,
) -> int | None:
    """The integer in `value` (ASCII digits, a leading minus sign only where `minimum` is
    negative), or `default` when the parameter is absent or empty."""
    if value is None or value == "":
        return default
    digits = value[1:] if value.startswith("-") and minimum < 0 else value
    if not (digits.isascii() and digits.isdigit()) or len(digits) > _MAX_DIGITS:
        raise ParameterError(
            ParameterErrorCode.INVALID_INTEGER,
            _("“%(parameter)s” must be a whole number written with the digits 0–9.")
            % {"parameter": name},
            name,
        )
    number = int(value)
    if not minimum <= number <= maximum:
        raise ParameterError(
            ParameterErrorCode.OUT_OF_RANGE,
            _("“%(parameter)s” must be between %(minimum)d and %(maximum)d.")
            % {"parameter": name, "minimum": minimum, "maximum": maximum},
            name,
        )
    return number


def year_param(value: str | None, *, name: str = "year") -> int | None:
    """A year the platform can store, or None when absent."""
    return int_param(value, name=name, minimum=YEAR_MIN, maximum=YEAR_MAX)


def page_param(value: str | None, *, name: str = "page") -> int:
    """A page number, 1 when absent."""
    page = int_param(value, name=name, default=1, minimum=1, maximum=OFFSET_MAX)
    assert page is not None
    return page
