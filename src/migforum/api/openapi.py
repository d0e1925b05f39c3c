"""Which errors each operation of the API can answer, stated once for all of them in the
OpenAPI description, from what the operation takes: a client (or a fuzzer) reading the
description meets no status it does not list.

- Every operation: 400, since a NUL character or an unreadable value is refused in any query
  string (`core.middleware`, `core.params`).
- With parameters or a body: 422, a value that does not match the schema.
- With path parameters: 404, no such record (or one the caller may not see).
- With a body: 413, larger than the platform reads.
- With a token, required or optional: 401, no valid token; and 403, not allowed to its holder.
"""

from typing import Any

from .schemas import ErrorOut

ERROR_SCHEMA = "ErrorOut"
DESCRIPTIONS = {
    400: "A parameter or body the platform will not read; `code` says why and `parameter` which.",
    401: "No valid API token: send `Authorization: Bearer <token>`.",
    403: "The token's holder may not do this.",
    404: "No such record, or one the caller may not see.",
    413: "The body is larger than the platform reads.",
    422: "The request does not match the operation's schema; `errors` lists each field at fault.",
}
_METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


def operation_errors(operation: dict[str, Any]) -> set[int]:
    """The 4xx statuses an operation can answer, from what it takes."""
    parameters = operation.get("parameters", [])
    has_body = "requestBody" in operation
    statuses = {400}
    if parameters or has_body:
        statuses.add(422)
    if any(p.get("in") == "path" for p in parameters):
        statuses.add(404)
    if has_body:
        statuses.add(413)
    if operation.get("security"):
        statuses |= {401, 403}
    return statuses


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add to every operation the errors it can answer, each with the error schema."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    error_schema = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(error_schema.pop("$defs", {}))
    components[ERROR_SCHEMA] = error_schema
    reference = {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"}
    for path_item in schema.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in _METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for status in sorted(operation_errors(operation)):
                responses[str(status)] = {
                    "description": DESCRIPTIONS[status],
                    "content": {"application/json": {"schema": reference}},
                }
    return schema
