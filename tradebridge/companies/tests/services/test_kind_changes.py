"""A company changes between buyer and supplier only when an operator approves its request."""

import pytest

from tradebridge.accounts.tests.factories import OperatorFactory, UserFactory
from tradebridge.companies.enums import CompanyKind, KindChangeStatus
from tradebridge.companies.events import CompanyKindChanged
from tradebridge.companies.models import Company, CompanyKindChange
from tradebridge.companies.selectors import company_kind_change_pending
from tradebridge.companies.services import (
    CompanyChanges,
    company_kind_change_approve,
    company_kind_change_reject,
    company_kind_change_request,
    company_update,
)
from tradebridge.core import events
from tradebridge.core.errors import (
    InvalidTransition,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from tradebridge.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(monkeypatch):
    seen: list[events.Event] = []
    monkeypatch.setattr(events, "_installed", {CompanyKindChanged: [seen.append]})
    return seen


@pytest.fixture
def buyer(team):
    Company.objects.filter(id=team.company.id).update(kind=CompanyKind.BUYER)
    team.company.refresh_from_db()
    return team


def _kind(company: Company) -> str:
    return Company.objects.get(id=company.id).kind


def test_a_buyer_asking_to_sell_stays_a_buyer_until_approved(buyer, published):
    company = company_update(actor=buyer.owner, changes=CompanyChanges(kind=CompanyKind.BOTH))

    assert (company.kind, _kind(company)) == (CompanyKind.BUYER, CompanyKind.BUYER)
    change = CompanyKindChange.objects.get()
    assert (change.from_kind, change.to_kind, change.status, change.requested_by) == (
        CompanyKind.BUYER,
        CompanyKind.BOTH,
        KindChangeStatus.PENDING,
        buyer.owner.user,
    )
    assert company_kind_change_pending(company_id=company.id) == change
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [
        "company_kind_change.requested"
    ]
    assert published == []


def test_the_operator_approves_and_the_kind_changes_with_an_event(buyer, published):
    change = company_kind_change_request(actor=buyer.admin, kind=CompanyKind.SUPPLIER)
    assert change is not None
    operator = OperatorFactory.create()

    approved = company_kind_change_approve(operator=operator, change_id=change.id, note=" ok ")

    assert _kind(buyer.company) == CompanyKind.SUPPLIER
    assert (approved.status, approved.reviewed_by, approved.review_note) == (
        KindChangeStatus.APPROVED,
        operator,
        "ok",
    )
    assert approved.decided_at is not None
    assert published == [CompanyKindChanged(company_id=buyer.company.id)]
    assert company_kind_change_pending(company_id=buyer.company.id) is None
    assert AuditEvent.objects.filter(
        action="company_kind_change.approved", actor_user_id=operator.id
    ).exists()


def test_the_operator_rejects_with_a_note_and_the_kind_stays(buyer, published):
    change = company_kind_change_request(actor=buyer.owner, kind=CompanyKind.BOTH)
    assert change is not None

    with pytest.raises(ValidationFailed) as error:
        company_kind_change_reject(operator=OperatorFactory.create(), change_id=change.id, note=" ")
    assert error.value.details == {"field": "note"}

    rejected = company_kind_change_reject(
        operator=OperatorFactory.create(), change_id=change.id, note="No trade licence."
    )

    assert (rejected.status, rejected.review_note) == (
        KindChangeStatus.REJECTED,
        "No trade licence.",
    )
    assert _kind(buyer.company) == CompanyKind.BUYER
    assert published == []


def test_a_decided_request_cannot_be_decided_again(buyer):
    change = company_kind_change_request(actor=buyer.owner, kind=CompanyKind.BOTH)
    assert change is not None
    operator = OperatorFactory.create()
    company_kind_change_reject(operator=operator, change_id=change.id, note="No.")

    with pytest.raises(InvalidTransition):
        company_kind_change_approve(operator=operator, change_id=change.id)

    assert _kind(buyer.company) == CompanyKind.BUYER


def test_asking_again_is_idempotent_and_another_kind_withdraws_the_first(buyer):
    first = company_kind_change_request(actor=buyer.owner, kind=CompanyKind.BOTH)
    again = company_kind_change_request(actor=buyer.owner, kind=CompanyKind.BOTH)
    second = company_kind_change_request(actor=buyer.owner, kind=CompanyKind.SUPPLIER)

    assert first is not None
    assert second is not None
    assert again == first
    first.refresh_from_db()
    assert first.status == KindChangeStatus.WITHDRAWN
    assert company_kind_change_pending(company_id=buyer.company.id) == second


def test_asking_for_the_current_kind_withdraws_the_pending_request(buyer):
    change = company_kind_change_request(actor=buyer.owner, kind=CompanyKind.BOTH)
    assert change is not None

    assert company_kind_change_request(actor=buyer.owner, kind=CompanyKind.BUYER) is None

    change.refresh_from_db()
    assert change.status == KindChangeStatus.WITHDRAWN
    assert CompanyKindChange.objects.count() == 1


@pytest.mark.parametrize("role_case", ["purchaser", "sales", "viewer"])
def test_only_owners_and_admins_may_ask(buyer, role_case):
    with pytest.raises(PermissionDenied):
        company_kind_change_request(actor=buyer.member(role_case), kind=CompanyKind.SUPPLIER)

    assert CompanyKindChange.objects.count() == 0


def test_an_unknown_kind_is_refused(buyer):
    with pytest.raises(ValidationFailed) as error:
        company_kind_change_request(actor=buyer.owner, kind="reseller")

    assert error.value.details == {"field": "kind"}


def test_only_operators_decide(buyer):
    change = company_kind_change_request(actor=buyer.owner, kind=CompanyKind.SUPPLIER)
    assert change is not None

    with pytest.raises(PermissionDenied):
        company_kind_change_approve(operator=UserFactory.create(), change_id=change.id)
    with pytest.raises(PermissionDenied):
        company_kind_change_reject(operator=UserFactory.create(), change_id=change.id, note="x")

    change.refresh_from_db()
    assert change.status == KindChangeStatus.PENDING
    assert _kind(buyer.company) == CompanyKind.BUYER


def test_an_unknown_request_is_not_found():
    with pytest.raises(NotFound):
        company_kind_change_approve(operator=OperatorFactory.create(), change_id=Company().id)
