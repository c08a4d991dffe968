"""Fixtures of the provider payment tests: an order's escrow hold (1,000.00 EUR, 30 %
deposit: a 300.00 deposit and a 700.00 balance) between a buyer and a supplier, members of
each role, another buyer company, both providers enabled with Stripe pointed at a fake
Stripe on 127.0.0.1, and the payments events recorded instead of the orders handlers (the
order behind the hold is not made here)."""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from tradebridge.companies.enums import Role
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.core import events
from tradebridge.core.events import Event, install, installed_handlers
from tradebridge.core.money import Money
from tradebridge.payments import events as payments_events
from tradebridge.payments.models import EscrowHold, Instalment
from tradebridge.payments.services.escrow import escrow_open
from tradebridge.payments.tests.providers.fake_stripe import FakeStripe, fake_stripe_server
from tradebridge.payments.tests.providers.stripe_events import TEST_WEBHOOK_SECRET


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`@pytest.mark.postgres` concurrency tests run on PostgreSQL only (deselected on SQLite)."""
    if connection.vendor == "postgresql":
        return
    deselected = [item for item in items if item.get_closest_marker("postgres")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]


@dataclass(frozen=True)
class Trade:
    hold: EscrowHold
    deposit: Instalment
    balance: Instalment
    buyer: Membership  # owner
    purchaser: Membership
    sales: Membership
    viewer: Membership
    supplier: Membership
    outsider: Membership  # owner of another buyer company

    @property
    def order_id(self) -> uuid.UUID:
        return self.hold.order_id


def trade_open(
    buyer_company: Company, supplier_company: Company, total: str = "1000.00"
) -> EscrowHold:
    return escrow_open(
        order_id=uuid.uuid4(),
        order_reference=f"ORD-{uuid.uuid4().hex[:8].upper()}",
        buyer_id=buyer_company.pk,
        supplier_id=supplier_company.pk,
        total=Money.of(total, "EUR"),
        deposit_percent=Decimal(30),
        commission_percent=Decimal(3),
        deposit_due_at=timezone.now() + timedelta(days=7),
    )


@pytest.fixture
def trade(db: None) -> Trade:
    buyer_company, supplier_company = CompanyFactory.create(), CompanyFactory.create()
    hold = trade_open(buyer_company, supplier_company)
    deposit, balance = hold.instalments.order_by("position")
    return Trade(
        hold=hold,
        deposit=deposit,
        balance=balance,
        buyer=MembershipFactory.create(company=buyer_company, role=Role.OWNER),
        purchaser=MembershipFactory.create(company=buyer_company, role=Role.PURCHASER),
        sales=MembershipFactory.create(company=buyer_company, role=Role.SALES),
        viewer=MembershipFactory.create(company=buyer_company, role=Role.VIEWER),
        supplier=MembershipFactory.create(company=supplier_company, role=Role.OWNER),
        outsider=MembershipFactory.create(role=Role.OWNER),
    )


@pytest.fixture
def fake_stripe() -> Iterator[FakeStripe]:
    with fake_stripe_server() as fake:
        yield fake


@pytest.fixture(autouse=True)
def providers(fake_stripe: FakeStripe) -> Iterator[None]:
    with override_settings(
        PAYMENT_PROVIDERS=["sandbox", "stripe"],
        STRIPE_SECRET_KEY="sk_test_fake",
        STRIPE_WEBHOOK_SECRET=TEST_WEBHOOK_SECRET,
        STRIPE_API_BASE=fake_stripe.base_url,
        PAYMENTS_SANDBOX_SECRET="sandbox-test-secret",
    ):
        yield


_PAYMENTS_EVENTS = [
    value
    for value in vars(payments_events).values()
    if isinstance(value, type) and issubclass(value, Event) and value is not Event
]


@pytest.fixture(autouse=True)
def published() -> Iterator[list[Event]]:
    """The payments events published during the test, in place of their handlers."""
    original = installed_handlers()
    received: list[Event] = []
    handlers: dict[type[Event], list[events.Handler]] = {
        event_type: list(found) for event_type, found in (original or {}).items()
    }
    for event_type in _PAYMENTS_EVENTS:
        handlers[event_type] = [received.append]
    install(handlers)
    yield received
    if original is None:
        events._installed = None  # restore "nothing installed" exactly
    else:
        install(original)
