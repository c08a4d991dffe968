"""RFQ endpoints: a buyer posts, edits, opens, closes and cancels its RFQs and attaches files;
a supplier reads the RFQs it may see (its inbox is `GET /rfq-inbox`, in matching_endpoints).

The actor is the token's membership (or the session's current company). An RFQ the actor
may not see answers 404 like one that does not exist; a role that may not act answers 403.
`GET /rfqs/{id}` answers the buyer's view (`RFQOut`) to the buyer's members and the
supplier's view (`SupplierRFQOut`) to a supplier who may see it. Attachment downloads go
through signed links (`GET /rfq-files/{token}`), valid 10 minutes for the member they were
made for; the download checks the permission again.
"""

import dataclasses
import uuid

from django.db.models import QuerySet, prefetch_related_objects
from django.http import FileResponse, HttpRequest, JsonResponse
from django.utils.translation import get_language
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from tradebridge.companies.api.auth import auth_membership, auth_user
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import is_operator
from tradebridge.core.api.idempotency import idempotent
from tradebridge.core.api.openapi import error_responses
from tradebridge.core.api.pagination import PagePagination
from tradebridge.core.signed_downloads import file_download_response
from tradebridge.rfq.api.schemas import (
    AttachmentOut,
    RFQCreateIn,
    RFQOpenIn,
    RFQOut,
    RFQPatchIn,
    SupplierRFQOut,
    attachment_out,
    aware,
    rfq_input_from_create,
    rfq_input_patched,
)
from tradebridge.rfq.downloads import FileKind, download_token_verify, download_url
from tradebridge.rfq.enums import RFQStatus
from tradebridge.rfq.errors import AttachmentTooLarge
from tradebridge.rfq.files import MAX_ATTACHMENT_BYTES
from tradebridge.rfq.models import RFQ, QuoteAttachment, RFQAttachment
from tradebridge.rfq.selectors import (
    quote_attachment_get_for_download,
    rfq_attachment_get_for_download,
    rfq_attachment_list,
    rfq_get_for_buyer,
    rfq_get_for_member,
    rfq_get_for_operator,
    rfq_list_for_buyer,
)
from tradebridge.rfq.services.attachments import rfq_attachment_add
from tradebridge.rfq.services.rfq_statuses import rfq_cancel, rfq_close, rfq_open
from tradebridge.rfq.services.rfqs import rfq_create, rfq_input_of, rfq_update

router = Router(tags=["rfq"])


def _buyer_view(request: HttpRequest, actor: Membership, rfq_id: uuid.UUID) -> RFQOut:
    return _as_buyer(request, rfq_get_for_buyer(actor=actor, rfq_id=rfq_id))


def _as_buyer(request: HttpRequest, rfq: RFQ) -> RFQOut:
    prefetch_related_objects([rfq], "invitations__supplier")
    return RFQOut.from_orm(rfq, context={"request": request})


class RFQFilters(Schema):
    status: RFQStatus | None = Field(None, description="Only RFQs in this status.")


@router.post(
    "/rfqs",
    response={201: RFQOut},
    summary="Post an RFQ",
    openapi_extra=error_responses(429),
)
@idempotent
def rfq_post(request: HttpRequest, payload: RFQCreateIn) -> Status[RFQOut]:
    """Post an RFQ for your company (a buyer: owners, admins, purchasers), as a `draft` or
    `open` at once. Any bad field answers 422 with `details.errors` mapping each field to a
    reason (`deadline_in_past`, `unknown_currency`, `unknown_supplier`...); more RFQs than the
    daily limit answer 429 `rfq_limit_reached`. A product's supplier is invited."""
    actor = auth_membership(request)
    data = rfq_input_from_create(payload, language=get_language() or "")
    rfq = rfq_create(actor=actor, data=data, open_now=payload.status == "open")
    return Status(201, _buyer_view(request, actor, rfq.pk))


@router.get("/rfqs", response=list[RFQOut], summary="List your company's RFQs")
@paginate(PagePagination)
def rfq_list(request: HttpRequest, filters: Query[RFQFilters]) -> QuerySet[RFQ]:
    """Your company's RFQs (as a buyer), every status, newest first, each with its
    invitations and quote count. Suppliers find the RFQs they may quote on in
    `GET /rfq-inbox`."""
    actor = auth_membership(request)
    status = filters.status.value if filters.status is not None else None
    return rfq_list_for_buyer(actor=actor, status=status).prefetch_related("invitations__supplier")


@router.get(
    "/rfqs/{rfq_id}",
    response=RFQOut | SupplierRFQOut,
    summary="Read an RFQ",
)
def rfq_read(request: HttpRequest, rfq_id: uuid.UUID) -> JsonResponse:
    """The buyer's members (and the platform's operators) get the whole RFQ with its
    invitations (`RFQOut`); a supplier who may see it (public, or invited) gets the request
    without anything about other suppliers (`SupplierRFQOut`)."""
    # Each view is built by its own schema and sent as is: ninja's re-validation against the
    # union could read a supplier's view through the buyer's schema.
    return JsonResponse(_view(request, rfq_id).model_dump(mode="json"))


def _view(request: HttpRequest, rfq_id: uuid.UUID) -> RFQOut | SupplierRFQOut:
    user = auth_user(request)
    if is_operator(user):
        return _as_buyer(request, rfq_get_for_operator(user=user, rfq_id=rfq_id))
    rfq, is_buyer = rfq_get_for_member(actor=auth_membership(request), rfq_id=rfq_id)
    if is_buyer:
        return _as_buyer(request, rfq)
    return SupplierRFQOut.from_orm(rfq, context={"request": request})


@router.patch(
    "/rfqs/{rfq_id}",
    response=RFQOut,
    summary="Edit an RFQ",
    openapi_extra=error_responses(409),
)
def rfq_patch(request: HttpRequest, rfq_id: uuid.UUID, payload: RFQPatchIn) -> RFQOut:
    """Change the fields sent. A draft changes freely; an open RFQ only takes a later
    `quote_deadline`, `show_quote_count` and more `invited_suppliers` (else 409
    `rfq_field_locked`; past its deadline 409 `quote_deadline_passed`)."""
    actor = auth_membership(request)
    current = rfq_input_of(rfq_get_for_buyer(actor=actor, rfq_id=rfq_id))
    data = dataclasses.replace(current, **rfq_input_patched(current, payload))  # type: ignore[arg-type]
    rfq_update(actor=actor, rfq_id=rfq_id, data=data)
    return _buyer_view(request, actor, rfq_id)


@router.post(
    "/rfqs/{rfq_id}/open",
    response=RFQOut,
    summary="Open an RFQ",
    openapi_extra=error_responses(409),
)
def rfq_open_endpoint(
    request: HttpRequest, rfq_id: uuid.UUID, payload: RFQOpenIn | None = None
) -> RFQOut:
    """Open a draft (optionally with a new `quote_deadline`), or reopen a closed RFQ with a
    new `quote_deadline` ahead. Other statuses answer 409 `invalid_transition`."""
    actor = auth_membership(request)
    deadline = payload.quote_deadline if payload is not None else None
    rfq_open(actor=actor, rfq_id=rfq_id, quote_deadline=aware(deadline) if deadline else None)
    return _buyer_view(request, actor, rfq_id)


@router.post(
    "/rfqs/{rfq_id}/close",
    response=RFQOut,
    summary="Close an RFQ",
    openapi_extra=error_responses(409),
)
def rfq_close_endpoint(request: HttpRequest, rfq_id: uuid.UUID) -> RFQOut:
    """Stop an open RFQ taking quotes; it may still be awarded. Else 409 `invalid_transition`."""
    actor = auth_membership(request)
    rfq_close(actor=actor, rfq_id=rfq_id)
    return _buyer_view(request, actor, rfq_id)


@router.post(
    "/rfqs/{rfq_id}/cancel",
    response=RFQOut,
    summary="Cancel an RFQ",
    openapi_extra=error_responses(409),
)
def rfq_cancel_endpoint(request: HttpRequest, rfq_id: uuid.UUID) -> RFQOut:
    """Cancel a draft, open or closed RFQ. Awarded or cancelled: 409 `invalid_transition`."""
    actor = auth_membership(request)
    rfq_cancel(actor=actor, rfq_id=rfq_id)
    return _buyer_view(request, actor, rfq_id)


@router.post(
    "/rfqs/{rfq_id}/attachments",
    response={201: AttachmentOut},
    summary="Attach a file to an RFQ",
    openapi_extra=error_responses(409),
)
@idempotent
def rfq_attachment_post(
    request: HttpRequest, rfq_id: uuid.UUID, file: File[UploadedFile]
) -> Status[AttachmentOut]:
    """Multipart `file`: a PDF, JPEG, PNG or WebP (told from its bytes, whatever its name) of
    at most 10 MB, on a draft or open RFQ: 413 `file_too_large`, 422 `unsupported_file_type`
    or `file_empty`, 409 `too_many_attachments` (10)."""
    actor = auth_membership(request)
    if file.size is not None and file.size > MAX_ATTACHMENT_BYTES:  # never read a huge upload
        raise AttachmentTooLarge(field="file", max_bytes=MAX_ATTACHMENT_BYTES)
    attachment = rfq_attachment_add(actor=actor, rfq_id=rfq_id, file=file, filename=file.name or "")
    return Status(201, _attachment(actor, attachment))


@router.get(
    "/rfqs/{rfq_id}/attachments",
    response=list[AttachmentOut],
    summary="List an RFQ's attachments",
)
def rfq_attachment_get(request: HttpRequest, rfq_id: uuid.UUID) -> list[AttachmentOut]:
    """The RFQ's files, each with a `download_url` signed for you, valid for 10 minutes.
    For the buyer's members and the suppliers who may see the RFQ."""
    actor = auth_membership(request)
    rfq, _ = rfq_get_for_member(actor=actor, rfq_id=rfq_id)
    return [_attachment(actor, attachment) for attachment in rfq_attachment_list(rfq=rfq)]


def _attachment(actor: Membership, attachment: RFQAttachment) -> AttachmentOut:
    url = download_url(kind=FileKind.RFQ, attachment_id=attachment.pk, actor=actor)
    return attachment_out(attachment, download_url=url)


@router.get(
    "/rfq-files/{token}",
    response={200: None},
    url_name="rfq_file_download",
    summary="Download an RFQ or quote attachment",
)
def rfq_file_download(request: HttpRequest, token: str) -> FileResponse:
    """A signed link from `download_url`: the file, as an attachment, for the member it was
    made for, within 10 minutes, while they may still see it. Else 404
    `download_link_invalid` (or `not_found`)."""
    actor = auth_membership(request)
    grant = download_token_verify(token=token, actor=actor)
    attachment: RFQAttachment | QuoteAttachment
    if grant.kind == FileKind.RFQ:
        attachment = rfq_attachment_get_for_download(actor=actor, attachment_id=grant.attachment_id)
    else:
        attachment = quote_attachment_get_for_download(
            actor=actor, attachment_id=grant.attachment_id
        )
    return file_download_response(
        attachment.file, filename=attachment.original_filename, content_type=attachment.content_type
    )
