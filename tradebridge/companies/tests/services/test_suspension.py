"""Operators suspend and reinstate companies, with reasons kept as history."""

import uuid

import pytest
from django.test import Client

from tradebridge.accounts.tests.factories import OperatorFactory, UserFactory
from tradebridge.companies.enums import SuspensionAction
from tradebridge.companies.events import CompanyReinstated, CompanySuspended
from tradebridge.companies.models import Company, CompanySuspension
from tradebridge.companies.selectors import membership_list_for_user, suspension_list_for_user
from tradebridge.companies.services import (
    api_token_authenticate,
    company_reinstate,
    company_suspend,
)
from tradebridge.companies.tests.factories import issue_api_token
from tradebridge.core import events
from tradebridge.core.errors import NotAuthenticated, NotFound, PermissionDenied, ValidationFailed
from tradebridge.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(monkeypatch):
    """The events published after commit, in order."""
    seen: list[events.Event] = []
    handlers = {
        CompanySuspended: [seen.append],
        CompanyReinstated: [seen.append],
    }
    monkeypatch.setattr(events, "_installed", handlers)
    return seen


def test_an_operator_suspends_a_company_with_a_reason(
    team, published, django_capture_on_commit_callbacks
):
    operator = OperatorFactory.create()

    with django_capture_on_commit_callbacks(execute=True):
        company = company_suspend(
            operator=operator, company_id=team.company.id, reason=" Counterfeit listings. "
        )

    company.refresh_from_db()
    assert company.is_active is False
    suspension = CompanySuspension.objects.get()
    assert (suspension.company, suspension.action, suspension.reason, suspension.operator) == (
        team.company,
        SuspensionAction.SUSPENDED,
        "Counterfeit listings.",
        operator,
    )
    assert published == [CompanySuspended(company_id=team.company.id)]
    assert AuditEvent.objects.filter(action="company.suspended").count() == 1


def test_members_of_a_suspended_company_cannot_act_for_it_but_learn_why(team):
    issued = issue_api_token(team.sales)
    company_suspend(
        operator=OperatorFactory.create(), company_id=team.company.id, reason="Fraud reports."
    )

    assert not membership_list_for_user(user=team.sales.user).exists()
    with pytest.raises(NotAuthenticated):
        api_token_authenticate(raw_token=issued.token)
    [suspension] = suspension_list_for_user(user=team.sales.user)
    assert suspension.reason == "Fraud reports."
    assert suspension.company == team.company
    assert suspension_list_for_user(user=team.outsider.user) == []


def test_the_banner_shows_the_latest_suspension_only(team):
    operator = OperatorFactory.create()
    company_suspend(operator=operator, company_id=team.company.id, reason="First.")
    company_reinstate(operator=operator, company_id=team.company.id, reason="Resolved.")
    company_suspend(operator=operator, company_id=team.company.id, reason="Second.")

    assert [s.reason for s in suspension_list_for_user(user=team.owner.user)] == ["Second."]


def test_reinstating_restores_access_and_records_the_reason(
    team, published, django_capture_on_commit_callbacks
):
    operator = OperatorFactory.create()
    company_suspend(operator=operator, company_id=team.company.id, reason="Checking.")

    with django_capture_on_commit_callbacks(execute=True):
        company_reinstate(operator=operator, company_id=team.company.id, reason="Documents OK.")

    team.company.refresh_from_db()
    assert team.company.is_active is True
    history = list(CompanySuspension.objects.order_by("created_at").values_list("action", "reason"))
    assert history == [
        (SuspensionAction.SUSPENDED, "Checking."),
        (SuspensionAction.REINSTATED, "Documents OK."),
    ]
    assert membership_list_for_user(user=team.owner.user).exists()
    assert suspension_list_for_user(user=team.owner.user) == []
    assert published[-1] == CompanyReinstated(company_id=team.company.id)


def test_suspending_twice_or_reinstating_an_active_company_records_nothing(team):
    operator = OperatorFactory.create()
    company_reinstate(operator=operator, company_id=team.company.id, reason="Nothing to do.")
    company_suspend(operator=operator, company_id=team.company.id, reason="Once.")
    company_suspend(operator=operator, company_id=team.company.id, reason="Twice.")

    assert list(CompanySuspension.objects.values_list("reason", flat=True)) == ["Once."]


def test_a_reason_is_required(team):
    with pytest.raises(ValidationFailed):
        company_suspend(operator=OperatorFactory.create(), company_id=team.company.id, reason=" ")

    team.company.refresh_from_db()
    assert team.company.is_active is True
    assert CompanySuspension.objects.count() == 0


@pytest.mark.parametrize("who", ["owner", "outsider", "plain_user", "inactive_operator"])
def test_only_active_operators_suspend_or_reinstate(team, who):
    actor = {
        "owner": team.owner.user,
        "outsider": team.outsider.user,
        "plain_user": UserFactory.create(),
        "inactive_operator": OperatorFactory.create(is_active=False),
    }[who]

    with pytest.raises(PermissionDenied):
        company_suspend(operator=actor, company_id=team.company.id, reason="x")
    Company.objects.filter(id=team.other_company.id).update(is_active=False)
    with pytest.raises(PermissionDenied):
        company_reinstate(operator=actor, company_id=team.other_company.id, reason="x")

    assert Company.objects.get(id=team.company.id).is_active is True
    assert Company.objects.get(id=team.other_company.id).is_active is False
    assert CompanySuspension.objects.count() == 0


def test_suspending_an_unknown_company_is_not_found():
    with pytest.raises(NotFound):
        company_suspend(operator=OperatorFactory.create(), company_id=uuid.uuid4(), reason="x")


def test_the_dashboard_of_a_suspended_companys_member_explains_why(team):
    company_suspend(
        operator=OperatorFactory.create(),
        company_id=team.company.id,
        reason="Listings copied from another brand.",
    )
    client = Client()
    client.force_login(team.viewer.user)

    page = client.get("/dashboard/")

    assert page.status_code == 200
    assert "Listings copied from another brand." in page.text
    assert "was suspended on" in page.text


def test_a_member_of_another_company_sees_no_banner(team):
    company_suspend(
        operator=OperatorFactory.create(), company_id=team.company.id, reason="Secret reason."
    )
    client = Client()
    client.force_login(team.outsider.user)

    page = client.get("/dashboard/")

    assert page.status_code == 200
    assert "Secret reason." not in page.text
