"""The verification page (upload, list, history) and document downloads (members, operators)."""

import io
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tradebridge.accounts.tests.factories import OperatorFactory, UserFactory
from tradebridge.companies.enums import VerificationLevel
from tradebridge.companies.models import VerificationDocument
from tradebridge.companies.services import (
    company_set_verification,
    company_suspend,
    verification_document_approve,
    verification_document_reject,
    verification_document_upload,
)
from tradebridge.companies.tests.files import HTML, PDF, png
from tradebridge.companies.tests.web.pages import MANAGERS, MEMBERS, NON_MANAGERS, client_as

pytestmark = pytest.mark.django_db

PAGE = "/company/verification/"


def _download_url(document: VerificationDocument) -> str:
    return f"/company/verification/documents/{document.id}/download/"


def _stored(membership, data: bytes = PDF, name: str = "licence.pdf") -> VerificationDocument:
    return verification_document_upload(
        actor=membership, kind="business_licence", file=io.BytesIO(data), filename=name
    )


@pytest.mark.parametrize("actor", MANAGERS)
def test_owners_and_admins_upload_a_document(team, actor):
    upload = SimpleUploadedFile("licence.png", png(), content_type="image/png")

    response = client_as(team, actor).post(PAGE, {"kind": "certificate", "file": upload})

    assert response.status_code == 302
    assert response["Location"] == PAGE
    document = VerificationDocument.objects.get()
    assert (document.company, document.kind, document.content_type) == (
        team.company,
        "certificate",
        "image/png",
    )
    page = client_as(team, actor).get(PAGE)
    assert "licence.png" in page.text
    assert "Pending review" in page.text


@pytest.mark.parametrize("actor", NON_MANAGERS)
def test_other_members_see_no_form_and_cannot_post(team, actor):
    client = client_as(team, actor)
    upload = SimpleUploadedFile("licence.pdf", PDF, content_type="application/pdf")

    page = client.get(PAGE)
    response = client.post(PAGE, {"kind": "certificate", "file": upload})

    assert 'enctype="multipart/form-data"' not in page.text
    assert response.status_code == 403
    assert VerificationDocument.objects.count() == 0


def test_a_disguised_html_file_is_refused_with_a_form_error(team):
    upload = SimpleUploadedFile("licence.pdf", HTML, content_type="application/pdf")

    response = client_as(team, "owner").post(PAGE, {"kind": "business_licence", "file": upload})

    assert response.status_code == 400
    assert "Upload a PDF, JPEG or PNG file." in response.text
    assert VerificationDocument.objects.count() == 0


@pytest.mark.parametrize("actor", MEMBERS)
def test_members_see_documents_notes_level_and_history(team, actor):
    operator = OperatorFactory.create()
    approved = _stored(team.owner, name="licence.pdf")
    rejected = _stored(team.owner, name="iso9001.pdf")
    verification_document_approve(
        operator=operator,
        document_id=approved.id,
        note="Matches the registry.",
        grant_level=VerificationLevel.BUSINESS_VERIFIED,
    )
    verification_document_reject(
        operator=operator, document_id=rejected.id, note="Certificate expired in 2023."
    )
    _stored(team.outsider, name="beta-secret.pdf")

    page = client_as(team, actor).get(PAGE)

    assert page.status_code == 200
    assert "licence.pdf" in page.text
    assert "Certificate expired in 2023." in page.text
    assert "Business verified" in page.text
    assert "Unverified → <strong>Business verified</strong>" in page.text
    assert "beta-secret.pdf" not in page.text
    assert _download_url(approved) in page.text


@pytest.mark.parametrize("actor", MEMBERS)
def test_members_download_their_documents_as_attachments_that_never_render(team, actor):
    document = _stored(team.owner, name="licence.pdf")

    response = client_as(team, actor).get(_download_url(document))

    assert response.status_code == 200
    assert response.getvalue() == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="licence.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert "no-store" in response["Cache-Control"]


def test_an_operator_downloads_any_companys_document(team, client_for):
    document = _stored(team.outsider)

    response = client_for(OperatorFactory.create()).get(_download_url(document))

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")


def test_members_of_a_suspended_company_still_download_its_documents(team):
    document = _stored(team.owner)
    company_suspend(operator=OperatorFactory.create(), company_id=team.company.id, reason="x")

    response = client_as(team, "viewer").get(_download_url(document))

    assert response.status_code == 200


@pytest.mark.parametrize("who", ["outsider", "former_member", "plain_user"])
def test_anyone_else_gets_not_found(team, client_for, who):
    document = _stored(team.owner)
    team.sales.is_active = False
    team.sales.save()
    user = {
        "outsider": team.outsider.user,
        "former_member": team.sales.user,
        "plain_user": UserFactory.create(),
    }[who]

    response = client_for(user).get(_download_url(document))

    assert response.status_code == 404
    assert response.get("Content-Disposition") is None


def test_a_deactivated_operator_is_signed_out_and_gets_nothing(team, client_for):
    document = _stored(team.owner)

    response = client_for(OperatorFactory.create(is_active=False)).get(_download_url(document))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_anonymous_visitors_are_sent_to_sign_in(team, client_for):
    document = _stored(team.owner)

    response = client_for(None).get(_download_url(document))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_an_unknown_document_is_not_found(team):
    response = client_as(team, "owner").get(
        f"/company/verification/documents/{uuid.uuid4()}/download/"
    )

    assert response.status_code == 404


def test_the_page_shows_the_current_badge(team):
    company_set_verification(
        operator=OperatorFactory.create(),
        company_id=team.company.id,
        level=VerificationLevel.AUDITED,
    )

    page = client_as(team, "viewer").get(PAGE)

    assert 'class="badge badge--success">Audited</span>' in page.text
    assert "No documents uploaded yet." in page.text
