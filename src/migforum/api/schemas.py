"""The shape of the API's errors, documented for every operation (`api.openapi`)."""

from ninja import Schema
from pydantic import Field


class ProblemOut(Schema):
    field: str | None = Field(description="The field at fault, as a dotted path.")
    message: str


class ErrorOut(Schema):
    """Every error the API answers: a code for programs and a message for people."""

    code: str = Field(description="`not_found`, `invalid_request`, `out_of_range`, …")
    message: str
    parameter: str | None = Field(
        default=None, description="The query or path parameter at fault, for a 400 about one."
    )
    errors: list[ProblemOut] | None = Field(
        default=None, description="For a 422: each field of the request at fault, and why."
    )
