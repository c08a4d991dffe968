"""Error answers in the OpenAPI document: one shared `Error` schema, on every operation.

`document_errors` runs over the finished document (`config/api.py` calls it from
`NinjaAPI.get_openapi_schema`), so an operation added later is described the same way without
touching its decorator. The statuses come from what the operation has, and are the ones it can
really answer:

- any parameter or body: 422 `invalid_input` (the schema's validation);
- query parameters or a body: 400 `bad_request` (more than 1,000 fields, an unparsable body);
- a body: 413 `request_too_large`;
- a path parameter: 404 `not_found` (unknown, or not yours);
- authentication: 401 `not_authenticated`; on writes also 403 (`csrf_failed` for the session,
  `permission_denied` for a role that may not do it);
- `@idempotent`: 400 `idempotency_key_invalid`, 409 `idempotency_request_in_progress`,
  422 `idempotency_key_reused`, and the `Idempotency-Key` header parameter.

Statuses an operation adds by its own rules (409 `duplicate_sku`, 404 for an unknown category
filter...) are declared on its decorator: `openapi_extra=error_responses(404, 409)`.
"""

from typing import Any, Final

from ninja import Field, Schema

from tradebridge.core.api.idempotency import HEADER as IDEMPOTENCY_HEADER
from tradebridge.core.api.idempotency import MAX_KEY_LENGTH
from tradebridge.core.api.params import NO_NUL

ERROR_SCHEMA: Final = "Error"
SAFE_METHODS: Final = frozenset({"get", "head", "options"})

DESCRIPTIONS: Final = {
    400: "Malformed request: too many query or form fields, an unparsable body, a bad header "
    "(`bad_request`, `idempotency_key_invalid`).",
    401: "Missing or bad credentials (`not_authenticated`).",
    403: "Not allowed: your role may not do this (`permission_denied`), or the session's CSRF "
    "token is missing (`csrf_failed`).",
    404: "Does not exist, or is not yours to see (`not_found`); the two are never told apart.",
    409: "Conflicts with the current state (`conflict`, `duplicate_sku`, `invalid_transition`, "
    "`idempotency_request_in_progress`...).",
    413: "The body is larger than the server accepts (`request_too_large`).",
    422: "Parameters or body break the schema (`invalid_input`, `details.errors` names each) or "
    "a business rule (`validation_failed` and more specific codes).",
    429: "Too many requests of this kind for now (`rate_limited`; `details` says the limit).",
}


class ErrorOut(Schema):
    """Every error the API answers: a stable code, a message and the details the code needs."""

    code: str = Field(..., description="Stable, machine-readable.", examples=["not_found"])
    message: str = Field(..., description="For people, in English.", examples=["Not found."])
    details: dict[str, Any] = Field(
        ..., description="Depends on `code`, e.g. `errors` for `invalid_input`."
    )


def error_responses(*statuses: int) -> dict[str, Any]:
    """`openapi_extra` for the errors an operation answers beyond those derived here."""
    return {"responses": {str(status): _error_response(status) for status in statuses}}


def document_errors(document: dict[str, Any], *, idempotent: set[str]) -> None:
    """Add the `Error` schema and each operation's error responses to `document` in place.

    `idempotent` holds the operationIds of the `@idempotent` operations.
    """
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas[ERROR_SCHEMA] = ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
    for methods in document.get("paths", {}).values():
        for method, operation in methods.items():
            is_idempotent = operation.get("operationId") in idempotent
            if is_idempotent:
                operation.setdefault("parameters", []).append(_idempotency_header())
            responses = operation.setdefault("responses", {})
            declared = {str(status) for status in responses}  # ninja's keys are ints
            for status in sorted(error_statuses(method, operation, idempotent=is_idempotent)):
                if str(status) not in declared:
                    responses[str(status)] = _error_response(status)


def document_text_without_nul(document: dict[str, Any]) -> None:
    """Say in `document` that no text of an input body may hold NUL (U+0000), as `StrictIn`
    refuses it: every free string of an `...In` schema, and its map keys, gets `NO_NUL`."""
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        if name.endswith("In"):
            _strings_without_nul(schema)


def _strings_without_nul(node: Any) -> None:
    if isinstance(node, list):
        for item in node:
            _strings_without_nul(item)
        return
    if not isinstance(node, dict):
        return
    if node.get("type") == "string" and not {"enum", "const", "pattern", "format"} & node.keys():
        node["pattern"] = NO_NUL
    if isinstance(node.get("propertyNames"), dict):
        node["propertyNames"].setdefault("pattern", NO_NUL)
    for value in node.values():
        _strings_without_nul(value)


def error_statuses(method: str, operation: dict[str, Any], *, idempotent: bool) -> set[int]:
    """The error statuses the operation can answer, from its parameters, body and security."""
    places = {parameter["in"] for parameter in operation.get("parameters", [])}
    has_body = "requestBody" in operation
    statuses: set[int] = set()
    if places or has_body:
        statuses.add(422)
    if "query" in places or has_body or idempotent:
        statuses.add(400)
    if has_body:
        statuses.add(413)
    if "path" in places:
        statuses.add(404)
    if operation.get("security"):
        statuses.add(401)
        if method not in SAFE_METHODS:
            statuses.add(403)
    if idempotent:
        statuses.add(409)
    return statuses


def _error_response(status: int) -> dict[str, Any]:
    return {
        "description": DESCRIPTIONS[status],
        "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"}}
        },
    }


def _idempotency_header() -> dict[str, Any]:
    return {
        "in": "header",
        "name": IDEMPOTENCY_HEADER,
        "required": False,
        "description": "Makes retries safe: the first answer to a key is replayed to every "
        "retry with the same body (header `Idempotent-Replayed: true`).",
        "schema": {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_KEY_LENGTH,
        },
    }
