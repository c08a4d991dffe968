"""The back office: reviewing verification documents and suspending companies, with a note or a
reason asked for on an intermediate page before the service runs."""

import io

import pytest
from django.test import Client

from tradebridge.accounts.models import User
from tradebridge.accounts.tests.factories import OperatorFactory, UserFactory
from tradebridge.companies.enums import (
    DocumentStatus,
    Role,
    SuspensionAction,
    VerificationLevel,
)
from tradebridge.companies.models import (
    Company,
    CompanySuspension,
    CompanyVerificationEvent,
    VerificationDocument,
)
from tradebridge.companies.services import company_suspend, verification_document_upload
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.companies.tests.files import PDF

pytestmark = pytest.mark.django_db

DOCUMENTS = "/admin/companies/verificationdocument/"
COMPANIES = "/admin/companies/company/"


def _document(membership) -> VerificationDocument:
    return verification_document_upload(
        actor=membership, kind="business_licence", file=io.BytesIO(PDF), filename="licence.pdf"
    )


def _operator_client() -> tuple[Client, User]:
    operator = OperatorFactory.create()
    client = Client()
    client.force_login(operator)
    return client, operator


def _action(client: Client, url: str, action: str, ids, **form):
    data = {"action": action, "_selected_action": [str(i) for i in ids], **form}
    return client.post(url, data, follow=True)


def test_approving_asks_for_a_level_and_a_note_first(team):
    client, _ = _operator_client()
    document = _document(team.owner)

    page = _action(client, DOCUMENTS, "approve", [document.id])

    assert page.status_code == 200
    assert 'name="grant_level"' in page.text
    assert "licence.pdf" in page.text
    document.refresh_from_db()
    assert document.status == DocumentStatus.PENDING


def test_approving_grants_the_level_with_history(team):
    client, operator = _operator_client()
    document = _document(team.owner)

    _action(
        client,
        DOCUMENTS,
        "approve",
        [document.id],
        apply="1",
        grant_level=VerificationLevel.AUDITED,
        note="Audit by SGS, 2026.",
    )

    document.refresh_from_db()
    team.company.refresh_from_db()
    assert document.status == DocumentStatus.APPROVED
    assert document.reviewed_by == operator
    assert team.company.verification_level == VerificationLevel.AUDITED
    assert CompanyVerificationEvent.objects.get().to_level == VerificationLevel.AUDITED


def test_rejecting_needs_a_note(team):
    client, _ = _operator_client()
    document = _document(team.owner)

    page = _action(client, DOCUMENTS, "reject", [document.id], apply="1", note="")
    document.refresh_from_db()
    assert document.status == DocumentStatus.PENDING
    assert 'name="note"' in page.text

    _action(client, DOCUMENTS, "reject", [document.id], apply="1", note="Blurred scan.")
    document.refresh_from_db()
    assert document.status == DocumentStatus.REJECTED
    assert document.review_note == "Blurred scan."


def test_the_document_page_links_the_checked_download_not_a_media_url(team):
    client, _ = _operator_client()
    document = _document(team.owner)

    page = client.get(f"{DOCUMENTS}{document.id}/change/")

    assert page.status_code == 200
    assert f"/company/verification/documents/{document.id}/download/" in page.text
    assert "/media/" not in page.text
    assert client.get(f"{DOCUMENTS}add/").status_code == 403


def test_suspending_asks_for_a_reason_then_suspends(team):
    client, operator = _operator_client()

    asked = _action(client, COMPANIES, "suspend", [team.company.id])
    assert 'name="reason"' in asked.text
    assert Company.objects.get(id=team.company.id).is_active is True

    _action(client, COMPANIES, "suspend", [team.company.id], apply="1", reason="Fake licence.")

    team.company.refresh_from_db()
    assert team.company.is_active is False
    suspension = CompanySuspension.objects.get()
    assert (suspension.action, suspension.reason, suspension.operator) == (
        SuspensionAction.SUSPENDED,
        "Fake licence.",
        operator,
    )
    history = client.get(f"{COMPANIES}{team.company.id}/change/")
    assert "Fake licence." in history.text


def test_reinstating_with_a_reason(team):
    client, operator = _operator_client()
    company_suspend(operator=operator, company_id=team.company.id, reason="Check.")

    _action(client, COMPANIES, "reinstate", [team.company.id], apply="1", reason="Cleared.")

    team.company.refresh_from_db()
    assert team.company.is_active is True
    assert CompanySuspension.objects.filter(action=SuspensionAction.REINSTATED).count() == 1


@pytest.mark.parametrize(
    ("url", "action", "form"),
    [
        (COMPANIES, "suspend", {"reason": "x"}),
        (DOCUMENTS, "approve", {"grant_level": "audited", "note": ""}),
        (DOCUMENTS, "reject", {"note": "x"}),
    ],
)
def test_non_operators_cannot_reach_the_actions(team, url, action, form):
    document = _document(team.owner)
    target = team.company.id if url == COMPANIES else document.id
    client = Client()
    client.force_login(UserFactory.create())

    response = _action(client, url, action, [target], apply="1", **form)

    assert response.redirect_chain[0][0].startswith("/admin/login/")
    team.company.refresh_from_db()
    document.refresh_from_db()
    assert team.company.is_active is True
    assert team.company.verification_level == VerificationLevel.UNVERIFIED
    assert document.status == DocumentStatus.PENDING
    assert CompanySuspension.objects.count() == 0


def test_several_companies_are_suspended_at_once(team):
    client, _ = _operator_client()
    other = CompanyFactory.create()

    response = _action(
        client, COMPANIES, "suspend", [team.company.id, other.id], apply="1", reason="Sweep."
    )

    assert response.status_code == 200
    assert not Company.objects.filter(id__in=[team.company.id, other.id], is_active=True).exists()


def _success_messages(page) -> list[str]:
    return [str(message) for message in page.context["messages"] if message.level_tag == "success"]


def test_the_messages_name_what_was_done(team):
    client, _ = _operator_client()
    document = _document(team.owner)
    other = CompanyFactory.create(display_name="Gamma Imports")

    approved = _action(client, DOCUMENTS, "approve", [document.id], apply="1", grant_level="")
    suspended = _action(
        client, COMPANIES, "suspend", [team.company.id, other.id], apply="1", reason="Fraud."
    )
    verified = _action(client, COMPANIES, "mark_audited", [other.id])

    assert _success_messages(approved) == ["Document “licence.pdf” of Alpha Trading GmbH approved."]
    assert _success_messages(suspended) == [
        "2 companies suspended: “Alpha Trading GmbH”, “Gamma Imports”."
    ]
    assert _success_messages(verified) == ["Company “Gamma Imports” set to Audited."]


def test_the_confirm_page_names_each_documents_company(team):
    client, _ = _operator_client()
    document = _document(team.owner)

    page = _action(client, DOCUMENTS, "approve", [document.id])

    assert "<li>Business licence: licence.pdf, of Alpha Trading GmbH</li>" in page.text
    assert f'<input type="hidden" name="_selected_action" value="{document.id}">' in page.text


@pytest.mark.parametrize(
    ("level", "sentence"),
    [
        (VerificationLevel.BUSINESS_VERIFIED, "Alpha Trading GmbH is now business verified."),
        (VerificationLevel.AUDITED, "Alpha Trading GmbH is now audited."),
    ],
)
def test_approving_with_a_level_names_the_company_and_its_new_level(team, level, sentence):
    client, _ = _operator_client()
    document = _document(team.owner)

    approved = _action(client, DOCUMENTS, "approve", [document.id], apply="1", grant_level=level)

    assert _success_messages(approved) == [
        f"Document “licence.pdf” of Alpha Trading GmbH approved. {sentence}"
    ]


def test_approving_documents_of_two_companies_names_both(team):
    client, _ = _operator_client()
    other = CompanyFactory.create(display_name="Gamma Imports")
    owner = MembershipFactory.create(company=other, role=Role.OWNER)
    documents = [_document(team.owner), _document(owner)]

    approved = _action(
        client,
        DOCUMENTS,
        "approve",
        [document.id for document in documents],
        apply="1",
        grant_level=VerificationLevel.BUSINESS_VERIFIED,
    )

    assert _success_messages(approved) == [
        "2 documents approved: “licence.pdf” of Alpha Trading GmbH, “licence.pdf” of Gamma"
        " Imports. Alpha Trading GmbH, Gamma Imports are now business verified."
    ]
