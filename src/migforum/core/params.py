"""Reading numbers out of query strings and paths, the same way in every view and endpoint.

`str.isdigit()` accepts "²" and "٣", which `int()` then refuses or misreads, and an unbounded
number overflows the database's integers: every integer parameter goes through `int_param`,
which accepts ASCII digits only and checks the range. A bad value raises `ParameterError`, a
`BadRequest`: pages answer 400 with the site's error page, the API a JSON body with its code.
"""

import datetime
import re
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


#: A date as the API and the pages write it: four ASCII digits for the year, then month and day.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class ParameterErrorCode(StrEnum):
    INVALID_INTEGER = "invalid_integer"
    OUT_OF_RANGE = "out_of_range"
    INVALID_DATE = "invalid_date"
    NUL_CHARACTER = "nul_character"


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
    """The integer in `value` (ASCII digits, perhaps after a minus sign), or `default` when
    the parameter is absent or empty."""
    if value is None or value == "":
        return default
    digits = value[1:] if value.startswith("-") else value
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


def id_param(value: str | None, *, name: str) -> int | None:
    """A record's id (1 or more), or None when absent."""
    return int_param(value, name=name, minimum=1, maximum=ID_MAX)


def date_param(value: str | None, *, name: str) -> datetime.date | None:
    """The date in `value`, written YYYY-MM-DD with the digits 0–9 (not a timestamp, which
    `0` would be), or None when the parameter is absent or empty."""
    if value is None or value == "":
        return None
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ParameterError(
            ParameterErrorCode.INVALID_DATE,
            _("“%(parameter)s” must be a date written YYYY-MM-DD, such as 2006-06-27.")
            % {"parameter": name},
            name,
        ) from None


def nul_refuse(value: str, *, name: str) -> str:
    """`value` itself, unless it holds a NUL character, which no text column can store
    (PostgreSQL refuses it) and no reader means to send."""
    if "\x00" in value:
        shown = name[:100].replace("\x00", "\\0")
        raise ParameterError(
            ParameterErrorCode.NUL_CHARACTER,
            _("“%(parameter)s” contains a NUL character (\\0), which is not accepted.")
            % {"parameter": shown},
            shown,
        )
    return value
