"""E-mails to companies: invitations, documents reviewed, verification granted, suspended and
reinstated. Who receives them, in which language, with which link."""

import io

import pytest
from django.core import mail
from django.test import Client

from tradebridge.accounts.models import User
from tradebridge.accounts.tests.factories import OperatorFactory
from tradebridge.companies.enums import VerificationLevel
from tradebridge.companies.models import Invitation
from tradebridge.companies.selectors import token_digest
from tradebridge.companies.services import (
    company_reinstate,
    company_set_verification,
    company_suspend,
    verification_document_approve,
    verification_document_reject,
    verification_document_upload,
)
from tradebridge.companies.tests.files import PDF

pytestmark = pytest.mark.django_db

MANAGERS = ["owner@alpha.example.com", "admin@alpha.example.com"]
EVERYONE = [
    f"{role}@alpha.example.com" for role in ("owner", "admin", "purchaser", "sales", "viewer")
]


def _html(message: mail.EmailMessage) -> str:
    (html, _mimetype), *_ = message.alternatives  # type: ignore[attr-defined]
    return str(html)


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """Run the commit callbacks (the e-mail tasks) of the change made inside it."""
    return django_capture_on_commit_callbacks


def _upload(team, name: str = "licence.pdf"):
    return verification_document_upload(
        actor=team.owner, kind="business_licence", file=io.BytesIO(PDF), filename=name
    )


def _prefer(email: str, language: str) -> None:
    User.objects.filter(email=email).update(preferred_language=language)


def test_an_invitation_links_to_the_host_the_inviter_used_in_the_inviters_language(
    team, settings, django_capture_on_commit_callbacks
):
    settings.ALLOWED_HOSTS = ["trade.example.com"]
    _prefer(team.owner.user.email, "de")
    client = Client(HTTP_HOST="trade.example.com")
    client.force_login(User.objects.get(email=team.owner.user.email))

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/company/invitations/", {"email": "neu@example.com", "role": "sales"})

    (message,) = mail.outbox
    assert message.subject == "Einladung zu Alpha Trading GmbH auf Tradebridge"
    assert message.from_email == "Tradebridge <no-reply@tradebridge.local>"
    link = next(line for line in message.body.splitlines() if "/invitations/" in line)
    token = link.removeprefix("http://trade.example.com/invitations/").removesuffix("/")
    assert link == f"http://trade.example.com/invitations/{token}/"
    assert Invitation.objects.get(email="neu@example.com").token_hash == token_digest(token)
    assert f'href="{link}"' in _html(message)
    assert ">Einladung annehmen</a>" in _html(message)


def test_an_approved_document_is_told_to_owners_and_admins_with_the_note(team, after_commit):
    document = _upload(team)
    _prefer("admin@alpha.example.com", "es")

    with after_commit(execute=True):
        verification_document_approve(
            operator=OperatorFactory.create(), document_id=document.id, note="Registry checked."
        )

    assert [message.to for message in mail.outbox] == [[email] for email in MANAGERS]
    english, spanish = mail.outbox
    assert english.subject == "Your document “licence.pdf” was approved"
    assert english.body.splitlines()[:7] == [
        "Hello,",
        "",
        "The operator approved the document “licence.pdf” (Business licence) of "
        "Alpha Trading GmbH.",
        "",
        "Note from the operator:",
        "Registry checked.",
        "",
    ]
    assert "http://127.0.0.1:8000/company/verification/" in english.body.splitlines()
    assert 'href="http://127.0.0.1:8000/company/verification/"' in _html(english)
    assert spanish.subject == "Su documento «licence.pdf» ha sido aprobado"


def test_a_rejected_document_says_why(team, after_commit):
    document = _upload(team, name="scan.pdf")

    with after_commit(execute=True):
        verification_document_reject(
            operator=OperatorFactory.create(), document_id=document.id, note="The scan is blurred."
        )

    assert [message.subject for message in mail.outbox] == [
        "Your document “scan.pdf” was rejected"
    ] * 2
    lines = mail.outbox[0].body.splitlines()
    assert lines[lines.index("The reason:") + 1] == "The scan is blurred."
    assert "The scan is blurred." in _html(mail.outbox[0])


def test_a_granted_verification_level_is_told_and_a_downgrade_is_not(team, after_commit):
    operator = OperatorFactory.create()

    with after_commit(execute=True):
        company_set_verification(
            operator=operator, company_id=team.company.id, level=VerificationLevel.AUDITED
        )
    with after_commit(execute=True):
        company_set_verification(
            operator=operator, company_id=team.company.id, level=VerificationLevel.UNVERIFIED
        )

    assert [message.to for message in mail.outbox] == [[email] for email in MANAGERS]
    assert mail.outbox[0].subject == ("Verification level of Alpha Trading GmbH: Audited")


def test_every_member_hears_of_a_suspension_and_a_reinstatement_with_the_reason(team, after_commit):
    operator = OperatorFactory.create()
    _prefer("viewer@alpha.example.com", "zh-hans")

    with after_commit(execute=True):
        company_suspend(operator=operator, company_id=team.company.id, reason="Fake certificates.")
    with after_commit(execute=True):
        company_reinstate(operator=operator, company_id=team.company.id, reason="Explained.")

    suspended, reinstated = mail.outbox[:5], mail.outbox[5:]
    assert [message.to[0] for message in suspended] == EVERYONE
    assert [message.to[0] for message in reinstated] == EVERYONE
    assert suspended[0].subject == "Alpha Trading GmbH is suspended on Tradebridge"
    assert suspended[4].subject == "Alpha Trading GmbH 已在 Tradebridge 上被暂停"
    assert "Fake certificates." in suspended[0].body.splitlines()
    assert reinstated[0].subject == ("Alpha Trading GmbH is reinstated on Tradebridge")
    assert "Explained." in reinstated[0].body.splitlines()


def test_an_idempotent_suspension_sends_nothing_more(team, after_commit):
    operator = OperatorFactory.create()
    with after_commit(execute=True):
        company_suspend(operator=operator, company_id=team.company.id, reason="Fake certificates.")
    assert len(mail.outbox) == len(EVERYONE)

    with after_commit(execute=True) as callbacks:
        company_suspend(operator=operator, company_id=team.company.id, reason="Again.")

    assert callbacks == []
    assert len(mail.outbox) == len(EVERYONE)
