"""RFQ attachments: the file checks (told by bytes, 10 MB), who may attach, and the signed
download links (expiry, binding to one member and one company)."""

import hashlib
import io
import time
import uuid
from datetime import timedelta

import pytest
from django.core.files.storage import storages
from django.utils import timezone
from PIL import Image

from tradebridge.core.errors import NotFound, PermissionDenied
from tradebridge.core.models import AuditEvent
from tradebridge.rfq.downloads import (
    DownloadLinkInvalid,
    FileKind,
    download_token_sign,
    download_token_verify,
    download_url,
)
from tradebridge.rfq.enums import AttachmentContentType, RFQStatus
from tradebridge.rfq.errors import (
    AttachmentTooLarge,
    EmptyAttachment,
    QuoteDeadlinePassed,
    RFQFieldLocked,
    TooManyAttachments,
    UnsupportedAttachment,
)
from tradebridge.rfq.files import MAX_ATTACHMENT_BYTES, attachment_check
from tradebridge.rfq.models import RFQ, RFQAttachment
from tradebridge.rfq.services.attachments import MAX_ATTACHMENTS_PER_RFQ, rfq_attachment_add
from tradebridge.rfq.tests.factories import PDF_BYTES, RFQAttachmentFactory, RFQFactory
from tradebridge.rfq.tests.rfqs.conftest import People

pytestmark = pytest.mark.django_db

EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def image_bytes(image_format: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, format=image_format)
    return buffer.getvalue()


def _rfq(people: People, **fields: object) -> RFQ:
    return RFQFactory.create(buyer=people.buyer, created_by=people.owner.user, **fields)


# --- the checks --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (PDF_BYTES, AttachmentContentType.PDF),
        (image_bytes("JPEG"), AttachmentContentType.JPEG),
        (image_bytes("PNG"), AttachmentContentType.PNG),
        (image_bytes("WEBP"), AttachmentContentType.WEBP),
    ],
)
def test_pdf_and_pictures_are_told_by_their_bytes(
    data: bytes, content_type: AttachmentContentType
) -> None:
    checked = attachment_check(io.BytesIO(data), name="C:\\scans\\spec sheet.bin")

    assert checked.content_type == content_type
    assert checked.filename == "spec sheet.bin"
    assert checked.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    "data",
    [
        EXE_BYTES,
        b"<html><script>alert(1)</script></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg"/>',
        b"PK\x03\x04" + b"\x00" * 100,
        image_bytes("GIF"),
        image_bytes("PNG")[:40],  # a truncated picture
    ],
)
def test_anything_else_is_refused_whatever_its_name(data: bytes) -> None:
    with pytest.raises(UnsupportedAttachment) as caught:
        attachment_check(io.BytesIO(data), name="specification.pdf")

    assert (caught.value.code, caught.value.http_status) == ("unsupported_file_type", 422)


def test_more_than_10_mb_is_refused_with_413() -> None:
    data = PDF_BYTES + b"0" * (MAX_ATTACHMENT_BYTES + 1 - len(PDF_BYTES))

    with pytest.raises(AttachmentTooLarge) as caught:
        attachment_check(io.BytesIO(data), name="big.pdf")

    assert (caught.value.code, caught.value.http_status) == ("file_too_large", 413)
    assert caught.value.details["max_bytes"] == 10 * 1024 * 1024


def test_exactly_10_mb_passes_and_empty_does_not() -> None:
    data = PDF_BYTES + b"0" * (MAX_ATTACHMENT_BYTES - len(PDF_BYTES))
    assert attachment_check(io.BytesIO(data), name="a.pdf").content_type == "application/pdf"
    with pytest.raises(EmptyAttachment):
        attachment_check(io.BytesIO(b""), name="a.pdf")


# --- rfq_attachment_add ------------------------------------------------------------------


def test_the_buyer_attaches_a_file_to_private_storage(people: People) -> None:
    rfq = _rfq(people, status=RFQStatus.DRAFT)

    attachment = rfq_attachment_add(
        actor=people.purchaser, rfq_id=rfq.pk, file=io.BytesIO(PDF_BYTES), filename="spec.pdf"
    )

    attachment.refresh_from_db()
    assert (attachment.original_filename, attachment.size) == ("spec.pdf", len(PDF_BYTES))
    assert attachment.uploaded_by_id == people.purchaser.user_id
    assert attachment.file.storage is storages["private"]
    assert str(attachment.file.name).startswith(f"rfq/{rfq.pk}/")
    assert not str(attachment.file.name).endswith("spec.pdf")  # a random stored name
    assert attachment.file.read() == PDF_BYTES
    assert AuditEvent.objects.filter(action="rfq.attachment_added").count() == 1


def test_an_executable_renamed_pdf_writes_nothing(people: People) -> None:
    rfq = _rfq(people)

    with pytest.raises(UnsupportedAttachment):
        rfq_attachment_add(
            actor=people.owner, rfq_id=rfq.pk, file=io.BytesIO(EXE_BYTES), filename="spec.pdf"
        )

    assert not RFQAttachment.objects.exists()


@pytest.mark.parametrize("role", ["sales", "viewer"])
def test_roles_without_buying_rights_cannot_attach(people: People, role: str) -> None:
    rfq = _rfq(people)

    with pytest.raises(PermissionDenied):
        rfq_attachment_add(
            actor=people.member(role), rfq_id=rfq.pk, file=io.BytesIO(PDF_BYTES), filename="a"
        )
    assert not RFQAttachment.objects.exists()


def test_other_companies_cannot_attach(people: People) -> None:
    rfq = _rfq(people)

    with pytest.raises(NotFound):
        rfq_attachment_add(
            actor=people.other_buyer, rfq_id=rfq.pk, file=io.BytesIO(PDF_BYTES), filename="a"
        )


@pytest.mark.parametrize("status", [RFQStatus.CLOSED, RFQStatus.AWARDED, RFQStatus.CANCELLED])
def test_ended_rfqs_take_no_attachments(people: People, status: RFQStatus) -> None:
    rfq = _rfq(people, status=status)

    with pytest.raises(RFQFieldLocked):
        rfq_attachment_add(
            actor=people.owner, rfq_id=rfq.pk, file=io.BytesIO(PDF_BYTES), filename="a"
        )


def test_an_open_rfq_past_its_deadline_takes_none(people: People) -> None:
    rfq = _rfq(people, quote_deadline=timezone.now() - timedelta(seconds=1))

    with pytest.raises(QuoteDeadlinePassed):
        rfq_attachment_add(
            actor=people.owner, rfq_id=rfq.pk, file=io.BytesIO(PDF_BYTES), filename="a"
        )


def test_at_most_ten_attachments(people: People) -> None:
    rfq = _rfq(people)
    RFQAttachmentFactory.create_batch(MAX_ATTACHMENTS_PER_RFQ, rfq=rfq)

    with pytest.raises(TooManyAttachments):
        rfq_attachment_add(
            actor=people.owner, rfq_id=rfq.pk, file=io.BytesIO(PDF_BYTES), filename="a"
        )
    assert rfq.attachments.count() == MAX_ATTACHMENTS_PER_RFQ


# --- signed links ------------------------------------------------------------------------


def test_a_token_grants_its_member_the_attachment(people: People) -> None:
    attachment_id = uuid.uuid4()
    token = download_token_sign(kind=FileKind.RFQ, attachment_id=attachment_id, actor=people.viewer)

    grant = download_token_verify(token=token, actor=people.viewer)

    assert (grant.kind, grant.attachment_id) == (FileKind.RFQ, attachment_id)
    url = download_url(kind=FileKind.QUOTE, attachment_id=attachment_id, actor=people.viewer)
    assert url.startswith("/api/v1/rfq-files/")


def test_a_token_is_bound_to_the_user_and_the_company(people: People) -> None:
    token = download_token_sign(kind=FileKind.RFQ, attachment_id=uuid.uuid4(), actor=people.owner)

    for other in (people.viewer, people.other_buyer, people.supplier_a):
        with pytest.raises(DownloadLinkInvalid) as caught:
            download_token_verify(token=token, actor=other)
        assert (caught.value.code, caught.value.http_status) == ("download_link_invalid", 404)


def test_a_token_expires_after_ten_minutes(people: People, monkeypatch: pytest.MonkeyPatch) -> None:
    signed_at = time.time()
    attachment_id = uuid.uuid4()
    monkeypatch.setattr("django.core.signing.time.time", lambda: signed_at)
    token = download_token_sign(kind=FileKind.RFQ, attachment_id=attachment_id, actor=people.owner)

    monkeypatch.setattr("django.core.signing.time.time", lambda: signed_at + 599)
    assert download_token_verify(token=token, actor=people.owner).attachment_id == attachment_id
    monkeypatch.setattr("django.core.signing.time.time", lambda: signed_at + 601)
    with pytest.raises(DownloadLinkInvalid):
        download_token_verify(token=token, actor=people.owner)


@pytest.mark.parametrize("token", ["", "garbage", "a:b:c", "x" * 500])
def test_a_forged_token_is_invalid(people: People, token: str) -> None:
    with pytest.raises(DownloadLinkInvalid):
        download_token_verify(token=token, actor=people.owner)


def test_a_tampered_token_is_invalid(people: People) -> None:
    token = download_token_sign(kind=FileKind.RFQ, attachment_id=uuid.uuid4(), actor=people.owner)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")

    with pytest.raises(DownloadLinkInvalid):
        download_token_verify(token=tampered, actor=people.owner)
