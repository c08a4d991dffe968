"""Fixtures of the dispute tests: a delivered order's escrow holding 1,000.00 EUR (paid in
full, 3 % commission), its buyer's and supplier's members, an operator, and the payments
events published (instead of the orders handlers, which would look for orders these tests
never make)."""

import datetime
import uuid
from dataclasses import dataclass

import pytest

from tradebridge.accounts.models import User
from tradebridge.accounts.tests.factories import OperatorFactory
from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.core.events import Event, install, installed_handlers
from tradebridge.core.models import NIL_UUID
from tradebridge.core.money import Money
from tradebridge.payments.enums import AccountKind
from tradebridge.payments.models import Dispute, EscrowHold, LedgerAccount
from tradebridge.payments.services.disputes import dispute_open
from tradebridge.payments.services.ledger import ledger_check
from tradebridge.payments.tests.factories import instalments, open_hold, pay

OPENED = datetime.datetime(2027, 1, 10, 9, 0, tzinfo=datetime.UTC)


def day(n: float) -> datetime.datetime:
    """`n` days after the dispute opened."""
    return OPENED + datetime.timedelta(days=n)


@dataclass(frozen=True)
class Case:
    hold: EscrowHold
    buyer: Company
    supplier: Company
    purchaser: Membership
    sales: Membership

    @property
    def order_id(self) -> uuid.UUID:
        return self.hold.order_id


def paid_case(total: str = "1000.00", currency: str = "EUR") -> Case:
    buyer = CompanyFactory.create(kind=CompanyKind.BUYER)
    supplier = CompanyFactory.create(kind=CompanyKind.SUPPLIER)
    hold = open_hold(total, currency, deposit_percent="100", buyer=buyer, supplier=supplier)
    for instalment in instalments(hold):
        pay(instalment)
    hold.refresh_from_db()
    return Case(
        hold=hold,
        buyer=buyer,
        supplier=supplier,
        purchaser=MembershipFactory.create(company=buyer, role=Role.PURCHASER),
        sales=MembershipFactory.create(company=supplier, role=Role.SALES),
    )


def open_dispute(case: Case, requested: str = "400.00", *, now=OPENED) -> Dispute:
    return dispute_open(
        order_id=case.order_id,
        order_reference=case.hold.order_reference,
        buyer_id=case.buyer.pk,
        supplier_id=case.supplier.pk,
        opened_by_user_id=case.purchaser.user_id,
        reason="quality",
        description="Half the mats are torn.",
        requested_refund=Money.of(requested, case.hold.currency),
        now=now,
    )


def balance(kind: AccountKind, currency: str = "EUR", *, company_id=None, order_id=None) -> int:
    account = LedgerAccount.objects.filter(
        kind=kind,
        currency=currency,
        company_id=company_id or NIL_UUID,
        order_id=order_id or NIL_UUID,
    ).first()
    return account.balance_minor if account is not None else 0


def assert_ledger_balanced() -> None:
    assert ledger_check().differences == []


@pytest.fixture(autouse=True)
def published():
    original = installed_handlers()
    seen: list[Event] = []
    install({kind: [seen.append] for kind in _payments_events()})
    yield seen
    install(original or {})


def _payments_events() -> list[type[Event]]:
    from tradebridge.payments import events

    return [
        value
        for value in vars(events).values()
        if isinstance(value, type) and issubclass(value, Event) and value is not Event
    ]


@pytest.fixture
def case(db: None, published: list[Event]) -> Case:
    made = paid_case()
    published.clear()  # the payment's events: the tests look at what comes after
    return made


@pytest.fixture
def dispute(case: Case, published: list[Event]) -> Dispute:
    opened = open_dispute(case)
    published.clear()
    return opened


@pytest.fixture
def operator(db: None) -> User:
    return OperatorFactory.create()
