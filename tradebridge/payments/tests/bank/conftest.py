"""Fixtures of the bank transfer, statement and payout tests: an order's escrow (a 30 %
deposit of 1,000.00 EUR), an operator, and readers of the ledger."""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from tradebridge.accounts.models import User
from tradebridge.accounts.tests.factories import OperatorFactory, UserFactory
from tradebridge.companies.models import Company
from tradebridge.companies.tests.factories import CompanyFactory
from tradebridge.core.models import NIL_UUID
from tradebridge.core.money import Money
from tradebridge.payments.enums import AccountKind
from tradebridge.payments.models import EscrowHold, Instalment, LedgerAccount
from tradebridge.payments.services.escrow import escrow_open
from tradebridge.payments.services.ledger import ledger_check
from tradebridge.payments.statements.lines import StatementLine

NOW = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@dataclass(frozen=True)
class Escrow:
    hold: EscrowHold
    deposit: Instalment  # the first instalment (the only one when paid in full)
    balance: Instalment  # the last
    buyer: Company
    supplier: Company


def open_escrow(
    total: str = "1000.00",
    currency: str = "EUR",
    deposit_percent: str = "30",
    *,
    buyer: Company | None = None,
    supplier: Company | None = None,
) -> Escrow:
    """A new order's escrow (new companies unless given)."""
    buyer = buyer or CompanyFactory.create()
    supplier = supplier or CompanyFactory.create()
    hold = escrow_open(
        order_id=uuid.uuid4(),
        order_reference=f"ORD-{uuid.uuid4().hex[:8].upper()}",
        buyer_id=buyer.pk,
        supplier_id=supplier.pk,
        total=Money.of(total, currency),
        deposit_percent=Decimal(deposit_percent),
        commission_percent=Decimal("3.00"),
        deposit_due_at=timezone.now() + datetime.timedelta(days=7),
    )
    instalments = list(hold.instalments.order_by("position"))
    return Escrow(hold, instalments[0], instalments[-1], buyer, supplier)


@pytest.fixture
def escrow(db: None) -> Escrow:
    return open_escrow()


@pytest.fixture
def operator(db: None) -> User:
    return OperatorFactory.create()


@pytest.fixture
def member(db: None) -> User:
    return UserFactory.create()


def statement_line(
    text: str, amount: str, currency: str = "EUR", source_ref: str | None = None
) -> StatementLine:
    return StatementLine(
        source_ref=source_ref or uuid.uuid4().hex,
        amount=Money.of(amount, currency),
        value_date=datetime.date(2026, 3, 2),
        reference_text=text,
        payer_name="Nordlicht Sportartikel GmbH",
    )


def balance(
    kind: AccountKind,
    currency: str = "EUR",
    *,
    company_id: uuid.UUID | None = None,
    order_id: uuid.UUID | None = None,
) -> int:
    """An account's balance in minor units (0 when it was never used)."""
    account = LedgerAccount.objects.filter(
        kind=kind,
        currency=currency,
        company_id=company_id or NIL_UUID,
        order_id=order_id or NIL_UUID,
    ).first()
    return account.balance_minor if account is not None else 0


def assert_ledger_balanced() -> None:
    report = ledger_check()
    assert report.differences == []
