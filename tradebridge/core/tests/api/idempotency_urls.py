"""A tiny API mounted only in the idempotency tests: real URL routing, ninja and middleware."""

import threading
import uuid
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import path
from ninja import File, Form, NinjaAPI, Router, Schema, Status, UploadedFile

from tradebridge.core.api.idempotency import idempotent
from tradebridge.core.errors import BadRequest, Conflict, DomainError, NotFound, ValidationFailed
from tradebridge.core.services.audit import audit_record


@dataclass(frozen=True)
class Actor:
    """Stands in for a Membership: what `@idempotent` reads from `request.auth`."""

    company_id: uuid.UUID
    user_id: uuid.UUID


def header_actor(request: HttpRequest) -> Actor | None:
    company, user = request.headers.get("X-Company"), request.headers.get("X-User")
    if not company or not user:
        return None
    return Actor(company_id=uuid.UUID(company), user_id=uuid.UUID(user))


class OrderIn(Schema):
    reference: str
    quantity: int


class OrderOut(Schema):
    id: str
    reference: str
    quantity: int


# The concurrency test holds the first request inside the view until it has seen the second.
slow_request_entered = threading.Event()
slow_request_release = threading.Event()

router = Router(auth=header_actor)


def _create(request: HttpRequest, payload: OrderIn) -> dict[str, Any]:
    event = audit_record(
        action="order.created", object_type="order", object_id=payload.reference, data={}
    )
    return {"id": str(event.pk), "reference": payload.reference, "quantity": payload.quantity}


@router.post("/orders", response={201: OrderOut})
@idempotent
def create_order(request: HttpRequest, payload: OrderIn) -> Status[dict[str, Any]]:
    return Status(201, _create(request, payload))


@router.post("/orders-status", response={201: OrderOut})
@idempotent
def create_order_status(request: HttpRequest, payload: OrderIn) -> Status[dict[str, Any]]:
    return Status(201, _create(request, payload))


@router.post("/orders-upload", response={201: OrderOut})
@idempotent
def upload_order(
    request: HttpRequest, reference: Form[str], file: File[UploadedFile]
) -> Status[dict[str, Any]]:
    quantity = len(file.read().splitlines()) - 1
    return Status(201, _create(request, OrderIn(reference=reference, quantity=quantity)))


@router.post("/orders/{reference}/cancel", response={200: OrderOut})
@idempotent
def cancel_order(request: HttpRequest, reference: str) -> HttpResponse:
    audit_record(action="order.cancelled", object_type="order", object_id=reference)
    raise NotFound(entity="order", entity_id=reference)


@router.post("/crash", response={201: OrderOut})
@idempotent
def crash(request: HttpRequest, payload: OrderIn) -> dict[str, Any]:
    _create(request, payload)
    raise RuntimeError("boom")


@router.post("/slow", response={201: OrderOut})
@idempotent
def slow(request: HttpRequest, payload: OrderIn) -> Status[dict[str, Any]]:
    slow_request_entered.set()
    slow_request_release.wait(timeout=10)
    return Status(201, _create(request, payload))


@router.post("/public", response={201: OrderOut}, auth=None)
@idempotent
def public(request: HttpRequest, payload: OrderIn) -> Status[dict[str, Any]]:
    return Status(201, _create(request, payload))


@router.post("/export", auth=None)
@idempotent
def export(request: HttpRequest) -> StreamingHttpResponse:
    audit_record(action="export.started", object_type="export", object_id="e1")
    return StreamingHttpResponse(iter([b"a,b\n", b"1,2\n"]), content_type="text/csv")


@router.post("/echo", auth=None)
@idempotent
def echo(request: HttpRequest) -> dict[str, Any]:
    event = audit_record(action="echo", object_type="echo", object_id="e1")
    return {"id": str(event.pk)}


api = NinjaAPI(urls_namespace="idempotency-test")
api.add_router("/", router)

_STATUS = ((BadRequest, 400), (NotFound, 404), (Conflict, 409), (ValidationFailed, 422))


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    status = next((code for cls, code in _STATUS if isinstance(exc, cls)), 422)
    body = {"code": exc.code, "message": exc.message, "details": exc.details}
    return api.create_response(request, body, status=status)


urlpatterns = [path("api/", api.urls)]
