"""Fixtures of the quote tests: a buyer with an open RFQ, two suppliers (A and B), a second
buyer, the ECB rates of the day, and a valid quote input."""

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from tradebridge.catalog.pricing import Tier
from tradebridge.catalog.tests.factories import SupplierFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.models import Membership
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.core import events
from tradebridge.core.events import Event, install, installed_handlers
from tradebridge.core.models import FxRate
from tradebridge.rfq.events import DealAgreed
from tradebridge.rfq.models import RFQ
from tradebridge.rfq.quote_rules import QuoteInput
from tradebridge.rfq.tests.factories import BuyerFactory, RFQFactory


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`@pytest.mark.postgres` concurrency tests run on PostgreSQL only (deselected on SQLite)."""
    if connection.vendor == "postgresql":
        return
    deselected = [item for item in items if item.get_closest_marker("postgres")]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if item not in deselected]


RATES = {"USD": Decimal("1.0800"), "CNY": Decimal("7.6500"), "JPY": Decimal("162.50")}


@dataclass(frozen=True)
class Market:
    """An open RFQ of `buyer` (1000 pieces, EUR); suppliers A and B; another buyer."""

    rfq: RFQ
    buyer: Membership
    buyer_viewer: Membership
    supplier_a: Membership
    supplier_b: Membership
    other_buyer: Membership


def member(company: object, role: Role = Role.OWNER) -> Membership:
    return MembershipFactory.create(company=company, role=role)


@pytest.fixture
def rates(db: None) -> dict[str, Decimal]:
    today = timezone.now().date()
    FxRate.objects.bulk_create(
        FxRate(date=today - timedelta(days=1), currency=code, rate=rate)
        for code, rate in RATES.items()
    )
    return RATES


@pytest.fixture
def market(db: None, rates: dict[str, Decimal]) -> Market:
    buyer_company = BuyerFactory.create()
    buyer = member(buyer_company)
    return Market(
        rfq=RFQFactory.create(buyer=buyer_company, created_by=buyer.user, quantity=1000),
        buyer=buyer,
        buyer_viewer=member(buyer_company, Role.VIEWER),
        supplier_a=member(SupplierFactory.create(slug="supplier-a")),
        supplier_b=member(SupplierFactory.create(slug="supplier-b")),
        other_buyer=member(BuyerFactory.create()),
    )


def quote_input(**overrides: object) -> QuoteInput:
    """A valid quote: USD, 4.20 from 100, 3.90 from 1000, FOB Xiamen, 30 days."""
    data = QuoteInput(
        currency="USD",
        tiers=(Tier(100, Decimal("4.20")), Tier(1000, Decimal("3.90"))),
        moq=100,
        lead_time_days=30,
        incoterm="FOB",
        named_place="Xiamen",
        valid_until=timezone.now().date() + timedelta(days=30),
        deposit_percent=Decimal(30),
    )
    return replace(data, **overrides)  # type: ignore[arg-type]


@pytest.fixture
def agreed() -> Iterator[list[DealAgreed]]:
    """The DealAgreed events published during the test (other handlers still run)."""
    original = installed_handlers()
    received: list[DealAgreed] = []
    handlers: dict[type[Event], list[events.Handler]] = {
        event_type: list(found) for event_type, found in (original or {}).items()
    }
    handlers.setdefault(DealAgreed, []).append(received.append)
    install(handlers)
    yield received
    if original is None:
        events._installed = None  # restore "nothing installed" exactly
    else:
        install(original)
