"""The back office decides a company's change of kind: approve, or reject with a note."""

import pytest
from django.test import Client

from tradebridge.accounts.tests.factories import OperatorFactory, UserFactory
from tradebridge.companies.enums import CompanyKind, KindChangeStatus
from tradebridge.companies.models import Company, CompanyKindChange
from tradebridge.companies.services import company_kind_change_request

pytestmark = pytest.mark.django_db

CHANGES = "/admin/companies/companykindchange/"


def _request(team) -> CompanyKindChange:
    Company.objects.filter(id=team.company.id).update(kind=CompanyKind.BUYER)
    change = company_kind_change_request(actor=team.owner, kind=CompanyKind.SUPPLIER)
    assert change is not None
    return change


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _action(client: Client, action: str, change: CompanyKindChange, **form):
    data = {"action": action, "_selected_action": [str(change.id)], **form}
    return client.post(CHANGES, data, follow=True)


def test_the_queue_lists_the_request(team):
    change = _request(team)

    page = _client(OperatorFactory.create()).get(CHANGES)

    assert page.status_code == 200
    assert f"{CHANGES}{change.id}/change/" in page.text


def test_approving_changes_the_kind(team):
    change = _request(team)
    client = _client(OperatorFactory.create())

    page = _action(client, "approve", change, apply="1", note="Licence checked.")

    assert page.status_code == 200
    change.refresh_from_db()
    assert (change.status, change.review_note) == (KindChangeStatus.APPROVED, "Licence checked.")
    assert Company.objects.get(id=team.company.id).kind == CompanyKind.SUPPLIER


def test_rejecting_asks_for_a_note_then_keeps_the_kind(team):
    change = _request(team)
    client = _client(OperatorFactory.create())

    asked = _action(client, "reject", change, apply="1", note="")
    change.refresh_from_db()
    assert 'name="note"' in asked.text
    assert change.status == KindChangeStatus.PENDING

    _action(client, "reject", change, apply="1", note="No business licence.")

    change.refresh_from_db()
    assert (change.status, change.review_note) == (
        KindChangeStatus.REJECTED,
        "No business licence.",
    )
    assert Company.objects.get(id=team.company.id).kind == CompanyKind.BUYER


def test_someone_who_is_not_staff_cannot_approve(team):
    change = _request(team)

    response = _action(_client(UserFactory.create()), "approve", change, apply="1", note="")

    assert response.redirect_chain[-1][0].startswith("/admin/login/")
    change.refresh_from_db()
    assert change.status == KindChangeStatus.PENDING
    assert Company.objects.get(id=team.company.id).kind == CompanyKind.BUYER
