"""Verification documents: upload (owners and admins, sniffed, capped), operator review."""

import io
import uuid

import pytest

from tradebridge.accounts.tests.factories import OperatorFactory, UserFactory
from tradebridge.companies.documents import MAX_DOCUMENT_BYTES, document_filename
from tradebridge.companies.enums import DocumentStatus, VerificationLevel
from tradebridge.companies.models import CompanyVerificationEvent, VerificationDocument
from tradebridge.companies.services import (
    MAX_PENDING_DOCUMENTS,
    verification_document_approve,
    verification_document_reject,
    verification_document_upload,
)
from tradebridge.companies.tests.files import HTML, PDF, SVG, image_bytes, jpeg, png
from tradebridge.core.errors import (
    Conflict,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from tradebridge.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _upload(actor, data: bytes = PDF, *, kind: str = "business_licence", name: str = "a.pdf"):
    return verification_document_upload(
        actor=actor, kind=kind, file=io.BytesIO(data), filename=name
    )


@pytest.mark.parametrize(
    ("data", "content_type"),
    [(PDF, "application/pdf"), (jpeg(), "image/jpeg"), (png(), "image/png")],
)
def test_an_owner_uploads_a_document_pending_review_typed_by_its_bytes(team, data, content_type):
    document = _upload(team.owner, data, name="licence.bin")

    stored = VerificationDocument.objects.get()
    assert stored == document
    assert stored.company == team.company
    assert stored.content_type == content_type
    assert stored.status == DocumentStatus.PENDING
    assert stored.size == len(data)
    assert stored.original_filename == "licence.bin"
    assert stored.uploaded_by == team.owner.user
    assert (stored.reviewed_by, stored.reviewed_at, stored.review_note) == (None, None, "")
    assert stored.file.read() == data
    stored_name = str(stored.file.name)
    assert "licence" not in stored_name  # stored under a random name
    assert stored_name.startswith(f"verification/{team.company.id}/")
    assert AuditEvent.objects.filter(action="verification_document.uploaded").count() == 1


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [
        ("owner", True),
        ("admin", True),
        ("purchaser", False),
        ("sales", False),
        ("viewer", False),
    ],
)
def test_only_owners_and_admins_upload(team, actor, allowed):
    membership = team.member(actor)
    if allowed:
        _upload(membership)
        assert VerificationDocument.objects.filter(company=team.company).count() == 1
    else:
        with pytest.raises(PermissionDenied):
            _upload(membership)
        assert VerificationDocument.objects.count() == 0


def test_an_outsider_uploads_only_to_its_own_company(team):
    _upload(team.outsider)

    assert list(VerificationDocument.objects.values_list("company", flat=True)) == [
        team.other_company.id
    ]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (HTML, "file_type"),
        (SVG, "file_type"),
        (b"PK\x03\x04 a zip or an office file", "file_type"),
        (image_bytes("GIF"), "file_type"),
        (image_bytes("WEBP"), "file_type"),
        (jpeg()[:200], "file_type"),  # a truncated JPEG does not verify
        (b"", "file_empty"),
        (b"%PDF-" + b"0" * MAX_DOCUMENT_BYTES, "file_too_large"),
    ],
)
def test_anything_but_a_pdf_jpeg_or_png_up_to_10_mb_is_refused(team, data, reason):
    with pytest.raises(ValidationFailed) as raised:
        _upload(team.owner, data, name="licence.pdf")

    assert raised.value.details["reason"] == reason
    assert raised.value.details["field"] == "file"
    assert VerificationDocument.objects.count() == 0


def test_a_file_of_exactly_10_mb_is_accepted(team):
    data = PDF + b"0" * (MAX_DOCUMENT_BYTES - len(PDF))

    document = _upload(team.owner, data)

    assert document.size == MAX_DOCUMENT_BYTES


def test_an_unknown_kind_is_refused(team):
    with pytest.raises(ValidationFailed):
        _upload(team.owner, kind="passport")
    assert VerificationDocument.objects.count() == 0


def test_at_most_20_documents_wait_for_review(team):
    for _ in range(MAX_PENDING_DOCUMENTS):
        _upload(team.owner)

    with pytest.raises(Conflict):
        _upload(team.owner)

    assert VerificationDocument.objects.count() == MAX_PENDING_DOCUMENTS


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\lin\\licence 2024.pdf", "licence 2024.pdf"),
        ("evil\x00name\r\n.pdf", "evilname.pdf"),
        ("...", "document"),
        ("营业执照.pdf", "营业执照.pdf"),
        ("a" * 300 + ".pdf", "a" * 251 + ".pdf"),
    ],
)
def test_the_original_file_name_loses_folders_and_control_characters(name, kept):
    assert document_filename(name) == kept


def test_an_operator_approves_and_grants_a_level_recorded_in_the_history(team):
    operator = OperatorFactory.create()
    document = _upload(team.owner, name="licence.pdf")

    approved = verification_document_approve(
        operator=operator,
        document_id=document.id,
        note=" Licence matches the registry. ",
        grant_level=VerificationLevel.BUSINESS_VERIFIED,
    )

    approved.refresh_from_db()
    team.company.refresh_from_db()
    assert approved.status == DocumentStatus.APPROVED
    assert approved.reviewed_by == operator
    assert approved.reviewed_at is not None
    assert approved.review_note == "Licence matches the registry."
    assert team.company.verification_level == VerificationLevel.BUSINESS_VERIFIED
    event = CompanyVerificationEvent.objects.get()
    assert (event.operator, event.from_level, event.to_level) == (
        operator,
        VerificationLevel.UNVERIFIED,
        VerificationLevel.BUSINESS_VERIFIED,
    )
    assert "licence.pdf" in event.note
    assert "Licence matches the registry." in event.note
    assert AuditEvent.objects.filter(action="verification_document.approved").count() == 1


def test_approving_without_a_level_leaves_the_level_alone(team):
    document = _upload(team.owner)

    verification_document_approve(operator=OperatorFactory.create(), document_id=document.id)

    team.company.refresh_from_db()
    assert team.company.verification_level == VerificationLevel.UNVERIFIED
    assert CompanyVerificationEvent.objects.count() == 0


@pytest.mark.parametrize("level", ["unverified", "email_verified", "gold"])
def test_a_document_grants_business_verified_or_audited_only(team, level):
    document = _upload(team.owner)

    with pytest.raises(ValidationFailed):
        verification_document_approve(
            operator=OperatorFactory.create(), document_id=document.id, grant_level=level
        )

    document.refresh_from_db()
    assert document.status == DocumentStatus.PENDING
    assert CompanyVerificationEvent.objects.count() == 0


def test_an_operator_rejects_with_a_note(team):
    operator = OperatorFactory.create()
    document = _upload(team.owner)

    verification_document_reject(
        operator=operator, document_id=document.id, note="The licence has expired."
    )

    document.refresh_from_db()
    assert document.status == DocumentStatus.REJECTED
    assert document.review_note == "The licence has expired."
    assert document.reviewed_by == operator


def test_a_rejection_needs_a_note(team):
    document = _upload(team.owner)

    with pytest.raises(ValidationFailed):
        verification_document_reject(
            operator=OperatorFactory.create(), document_id=document.id, note="  "
        )

    document.refresh_from_db()
    assert document.status == DocumentStatus.PENDING


@pytest.mark.parametrize("first", ["approve", "reject"])
def test_a_reviewed_document_cannot_be_reviewed_again(team, first):
    operator = OperatorFactory.create()
    document = _upload(team.owner)
    review = {
        "approve": lambda: verification_document_approve(
            operator=operator, document_id=document.id
        ),
        "reject": lambda: verification_document_reject(
            operator=operator, document_id=document.id, note="no"
        ),
    }
    review[first]()
    document.refresh_from_db()
    decided = (document.status, document.reviewed_at)

    with pytest.raises(InvalidTransition):
        verification_document_approve(
            operator=operator,
            document_id=document.id,
            grant_level=VerificationLevel.AUDITED,
        )
    with pytest.raises(InvalidTransition):
        verification_document_reject(operator=operator, document_id=document.id, note="again")

    document.refresh_from_db()
    team.company.refresh_from_db()
    assert (document.status, document.reviewed_at) == decided
    assert team.company.verification_level == VerificationLevel.UNVERIFIED


@pytest.mark.parametrize("who", ["member", "staff_inactive", "plain_user"])
def test_only_active_operators_review(team, who):
    document = _upload(team.owner)
    reviewer = {
        "member": team.owner.user,
        "staff_inactive": OperatorFactory.create(is_active=False),
        "plain_user": UserFactory.create(),
    }[who]

    with pytest.raises(PermissionDenied):
        verification_document_approve(
            operator=reviewer,
            document_id=document.id,
            grant_level=VerificationLevel.AUDITED,
        )
    with pytest.raises(PermissionDenied):
        verification_document_reject(operator=reviewer, document_id=document.id, note="x")

    document.refresh_from_db()
    team.company.refresh_from_db()
    assert document.status == DocumentStatus.PENDING
    assert team.company.verification_level == VerificationLevel.UNVERIFIED


def test_reviewing_an_unknown_document_is_not_found():
    with pytest.raises(NotFound):
        verification_document_approve(operator=OperatorFactory.create(), document_id=uuid.uuid4())
