"""The API's integer and date parameters, read by `migforum.core.params` as the pages read
theirs: ASCII digits only (pydantic alone takes "1_000", " 12 " and "12.0"), ranges checked,
and a refusal answers 400 with its code and the parameter's name. The bounds are also declared
in the OpenAPI description.

Dates in JSON bodies are written YYYY-MM-DD too (pydantic alone reads 0 as 1970-01-01); a body
that breaks this is refused with the other problems of its body (422)."""

import datetime
from typing import Annotated, Any

from django.utils.translation import gettext as _
from pydantic import BeforeValidator, Field, ValidationInfo

from migforum.core.params import (
    ID_MAX,
    OFFSET_MAX,
    YEAR_MAX,
    YEAR_MIN,
    ParameterError,
    date_param,
    int_param,
)


def query_int(
    *,
    minimum: int = 0,
    maximum: int = ID_MAX,
    optional: bool = False,
    description: str | None = None,
) -> Any:
    """An integer query parameter between `minimum` and `maximum`; an `optional` one is None
    when absent or empty."""

    def parse(value: object, info: ValidationInfo) -> object:
        if isinstance(value, str):
            return int_param(value, name=info.field_name or "", minimum=minimum, maximum=maximum)
        return value

    bounded = Annotated[int, Field(ge=minimum, le=maximum)]
    return Annotated[
        bounded | None if optional else bounded,  # type: ignore[operator]
        BeforeValidator(parse),
        Field(description=description),
    ]


def _query_date(value: object, info: ValidationInfo) -> object:
    if isinstance(value, str):
        return date_param(value, name=info.field_name or "")
    return value


def _body_date(value: object) -> object:
    if isinstance(value, datetime.date):
        return value
    try:
        day = date_param(value, name="date") if isinstance(value, str) else None
    except ParameterError:
        day = None
    if day is None:
        raise ValueError(_("A date is written YYYY-MM-DD, such as 2026-05-14."))
    if not BODY_YEARS[0] <= day.year <= BODY_YEARS[1]:
        raise ValueError(
            _("A date must fall in the years %(first)d–%(last)d.")
            % {"first": BODY_YEARS[0], "last": BODY_YEARS[1]}
        )
    return day


#: Years a date sent in a body may fall in: meetings and practices of the Forum's time, with
#: room to spare, and far enough from 9999 that a day can still be added to them.
BODY_YEARS = (1900, 2200)

#: `?offset=`: how many results to skip.
Offset = query_int(minimum=0, maximum=OFFSET_MAX, description="How many results to skip.")
#: `?year=`: a year the platform can store, or None.
Year = query_int(minimum=YEAR_MIN, maximum=YEAR_MAX, optional=True)
#: A date in a query string, YYYY-MM-DD, or None.
QueryDate = Annotated[datetime.date | None, BeforeValidator(_query_date)]
#: A date in a JSON body, YYYY-MM-DD, in `BODY_YEARS`.
BodyDate = Annotated[datetime.date, BeforeValidator(_body_date)]


def limit_of(maximum: int) -> Any:
    """`?limit=`: how many results at most, up to `maximum`."""
    return query_int(minimum=1, maximum=maximum, description=f"At most {maximum}.")
