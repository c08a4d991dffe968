"""Evidence files: sniffed from their bytes, 10 MB at most, private, from either side while
the dispute is open; signed short-lived download links bound to one user."""

import io

import pytest
from django.core import signing
from PIL import Image

from tradebridge.core.errors import DomainError
from tradebridge.payments.dispute_downloads import evidence_link, evidence_link_read
from tradebridge.payments.models import DisputeEvent, DisputeEvidence
from tradebridge.payments.services.dispute_evidence import dispute_evidence_add
from tradebridge.payments.services.disputes import dispute_withdraw
from tradebridge.payments.tests.disputes.conftest import day

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def add(actor, dispute, data, filename="photo.png", note=""):
    return dispute_evidence_add(
        actor=actor, dispute_id=dispute.pk, file=io.BytesIO(data), filename=filename, note=note
    )


def test_either_side_adds_evidence(case, dispute):
    photo = add(case.purchaser, dispute, png_bytes(), "../../torn mat.png", note="Torn corner")
    report = add(case.sales, dispute, b"%PDF-1.7\n...", "inspection.pdf")

    assert (photo.content_type, photo.original_filename, photo.note) == (
        "image/png",
        "torn mat.png",
        "Torn corner",
    )
    assert photo.company_id == case.buyer.pk
    assert report.company_id == case.supplier.pk
    assert photo.file.name.startswith(f"disputes/{dispute.pk}/")
    assert photo.file.name.endswith(".png")
    assert "torn" not in photo.file.name
    with photo.file.open("rb") as stored:
        assert stored.read() == png_bytes()
    kinds = DisputeEvent.objects.filter(dispute=dispute).values_list("data__side", flat=True)
    assert sorted(str(side) for side in kinds if side) == ["buyer", "supplier"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html><script>alert(1)</script></html>", "file_type"),
        (b"<svg onload=alert(1)>", "file_type"),
        (b"", "file_empty"),
        (b"%PDF-" + b"0" * (10 * 1024 * 1024), "file_too_large"),
    ],
)
def test_only_small_pdfs_and_images(case, dispute, data, reason):
    with pytest.raises(DomainError) as error:
        add(case.purchaser, dispute, data, "photo.png")

    assert error.value.details["reason"] == reason
    assert DisputeEvidence.objects.count() == 0


def test_no_evidence_once_the_dispute_is_closed(case, dispute):
    dispute_withdraw(actor=case.purchaser, dispute_id=dispute.pk, now=day(1))

    with pytest.raises(DomainError) as error:
        add(case.purchaser, dispute, png_bytes())

    assert error.value.code == "invalid_transition"
    assert DisputeEvidence.objects.count() == 0


def test_a_link_is_bound_to_its_user_and_expires(case, dispute):
    evidence = add(case.purchaser, dispute, png_bytes())
    link = evidence_link(evidence_id=evidence.pk, user_id=case.purchaser.user_id)
    token = link.rstrip("/").rsplit("/", 1)[-1]

    assert evidence_link_read(token, user_id=case.purchaser.user_id) == evidence.pk
    assert evidence_link_read(token, user_id=case.sales.user_id) is None
    assert evidence_link_read(token, user_id=case.purchaser.user_id, max_age=-1) is None
    assert evidence_link_read(token + "x", user_id=case.purchaser.user_id) is None
    forged = signing.TimestampSigner(salt="other").sign(f"{evidence.pk}:{case.sales.user_id}")
    assert evidence_link_read(forged, user_id=case.sales.user_id) is None
