"""`@idempotent`: Stripe-style `Idempotency-Key` handling for django-ninja operations.

Usage (the decorator goes *below* the router's)::

    @router.post("/companies", response={201: CompanyOut})
    @idempotent
    def create_company(request: HttpRequest, payload: CompanyIn) -> Status[Company]: ...

Without the header the operation runs as usual. With it, the first request claims the key
(scoped by company, user, method and route) and its final response, 4xx and 5xx included,
is replayed to retries with the header `Idempotent-Replayed: true`. The same key with
another body answers 422 `idempotency_key_reused`; a retry while the first is still
running answers 409 `idempotency_request_in_progress`; a key longer than 255 characters
answers 400 `idempotency_key_invalid`. Input that fails schema validation is answered
before the key is claimed, so it is never stored (as with Stripe).

How it hooks into ninja: the key is claimed inside the operation's view function, where
`request.auth` is known; the response is stored by a wrapper around `Operation.run`
(applied with ninja's own `decorate_view`), where the final HttpResponse exists, however
the view returned its result (a schema object, `(201, obj)`, a raised DomainError).
Sync operations only.
"""

import functools
import hashlib
import inspect
import json
import logging
from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from ninja.decorators import decorate_view

from tradebridge.core.errors import BadRequest
from tradebridge.core.services.idempotency import (
    IdempotencyScope,
    StoredResponse,
    idempotency_claim,
    idempotency_complete,
    idempotency_release,
)

logger = logging.getLogger(__name__)

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 255
_CLAIM_ATTRIBUTE = "_tradebridge_idempotency_record_id"
IDEMPOTENT_MARK = "tradebridge_idempotent"  # on the view: the OpenAPI document names the header
_INTERNAL_ERROR = {"code": "internal_error", "message": "Internal server error.", "details": {}}


class IdempotencyKeyInvalid(BadRequest):
    code = "idempotency_key_invalid"
    default_message = f"The Idempotency-Key header must be 1 to {MAX_KEY_LENGTH} characters."


def idempotent[F: Callable[..., Any]](view_func: F) -> F:
    """Make a ninja POST/PUT/PATCH/DELETE operation honour the `Idempotency-Key` header."""
    if inspect.iscoroutinefunction(view_func):
        raise TypeError("@idempotent supports sync operations only")

    @functools.wraps(view_func)
    def claiming_view(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        key = request.headers.get(HEADER)
        if key is None:
            return view_func(request, *args, **kwargs)
        if not 0 < len(key) <= MAX_KEY_LENGTH:
            raise IdempotencyKeyInvalid(length=len(key))
        claim = idempotency_claim(
            scope=_scope_of(request), key=key, fingerprint=request_fingerprint(request)
        )
        if claim.replay is not None:
            return _replay(claim.replay)
        setattr(request, _CLAIM_ATTRIBUTE, claim.record_id)
        return view_func(request, *args, **kwargs)

    setattr(claiming_view, IDEMPOTENT_MARK, True)
    return decorate_view(_storing_run)(claiming_view)  # type: ignore[return-value]


def _storing_run(run: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @functools.wraps(run)
    def storing_run(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            response = run(request, *args, **kwargs)
        except Exception:
            record_id = getattr(request, _CLAIM_ATTRIBUTE, None)
            if record_id is None:
                raise
            logger.exception("Unhandled error in an idempotent request; storing a 500")
            response = HttpResponse(
                json.dumps(_INTERNAL_ERROR), status=500, content_type="application/json"
            )
        _store(request, response)
        return response

    return storing_run


def _store(request: HttpRequest, response: HttpResponseBase) -> None:
    record_id: UUID | None = getattr(request, _CLAIM_ATTRIBUTE, None)
    if record_id is None:
        return
    delattr(request, _CLAIM_ATTRIBUTE)
    if not isinstance(response, HttpResponse):  # a stream cannot be replayed
        idempotency_release(record_id=record_id)
        return
    stored = StoredResponse(
        status=response.status_code,
        body=response.content,
        content_type=response.get("Content-Type", ""),
    )
    idempotency_complete(record_id=record_id, response=stored)


def _replay(stored: StoredResponse) -> HttpResponse:
    response = HttpResponse(stored.body, status=stored.status, content_type=stored.content_type)
    response[REPLAYED_HEADER] = "true"
    return response


def _scope_of(request: HttpRequest) -> IdempotencyScope:
    """Company and user from `request.auth` (a Membership), else the session user."""
    auth = getattr(request, "auth", None)
    user_id = getattr(auth, "user_id", None)
    if user_id is None and getattr(request, "user", None) and request.user.is_authenticated:
        user_id = request.user.pk
    match = request.resolver_match
    return IdempotencyScope(
        company_id=getattr(auth, "company_id", None),
        user_id=user_id,
        method=request.method or "",
        route=match.route if match is not None else request.path,
    )


def request_fingerprint(request: HttpRequest) -> str:
    """sha256 of method, path, sorted query and canonical body (JSON keys sorted)."""
    digest = hashlib.sha256()
    query = sorted(request.GET.lists())
    digest.update(f"{request.method}\n{request.path}\n{json.dumps(query)}\n".encode())
    digest.update(_canonical_body(request))
    return digest.hexdigest()


def _canonical_body(request: HttpRequest) -> bytes:
    if request.content_type == "multipart/form-data":
        return _canonical_form(request)
    if request.content_type == "application/x-www-form-urlencoded":
        return json.dumps(sorted(request.POST.lists())).encode()
    body = request.body
    if request.content_type == "application/json" and body:
        try:
            parsed = json.loads(body)
        except ValueError:
            return body
        return json.dumps(parsed, sort_keys=True, separators=(",", ":")).encode()
    return body


def _canonical_form(request: HttpRequest) -> bytes:
    """Fields plus each file's name and content hash: the multipart boundary varies per try."""
    files = []
    for field, uploads in sorted(request.FILES.lists()):
        for upload in uploads:
            content = hashlib.sha256()
            for chunk in upload.chunks():
                content.update(chunk)
            upload.seek(0)
            files.append([field, upload.name, content.hexdigest()])
    return json.dumps([sorted(request.POST.lists()), files]).encode()
