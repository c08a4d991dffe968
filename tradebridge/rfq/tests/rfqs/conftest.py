"""Fixtures of the RFQ tests: a buyer company with one member per role, another buyer,
active suppliers, a suspended one and a buyer-only company, an RFQ input that passes every
rule, and a recorder of the RFQ events a test publishes."""

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import partial

import pytest
from django.utils import timezone

from tradebridge.accounts.models import User
from tradebridge.accounts.tests.factories import OperatorFactory, UserFactory
from tradebridge.catalog.tests.factories import SupplierFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.core import events
from tradebridge.core.events import Event, install, installed_handlers
from tradebridge.rfq.events import RFQAwarded, RFQCancelled, RFQClosed, RFQOpened
from tradebridge.rfq.services.rfq_input import RFQInput
from tradebridge.rfq.tests.factories import BuyerFactory

RFQ_EVENTS = (RFQOpened, RFQClosed, RFQCancelled, RFQAwarded)


@dataclass(frozen=True)
class People:
    """The buyer company (a member per role), another buyer's owner, supplier A's and B's
    owners and sales, a suspended supplier's owner, an operator."""

    buyer: Company
    owner: Membership
    admin: Membership
    purchaser: Membership
    sales: Membership
    viewer: Membership
    other_buyer: Membership
    supplier_a: Membership
    supplier_a_sales: Membership
    supplier_b: Membership
    suspended_supplier: Membership
    operator: User

    def member(self, label: str) -> Membership:
        return getattr(self, label)  # type: ignore[no-any-return]


def _member(company: Company, role: Role) -> Membership:
    user = UserFactory.create(email=f"{role}@{company.slug}.example.com")
    return MembershipFactory.create(company=company, user=user, role=role)


@pytest.fixture
def people(db: None) -> People:
    buyer = BuyerFactory.create(slug="lyon-sports", legal_name="Lyon Sports SARL")
    supplier_a = SupplierFactory.create(slug="xiamen-balls")
    suspended = SupplierFactory.create(slug="gone-trading", is_active=False)
    return People(
        buyer=buyer,
        owner=_member(buyer, Role.OWNER),
        admin=_member(buyer, Role.ADMIN),
        purchaser=_member(buyer, Role.PURCHASER),
        sales=_member(buyer, Role.SALES),
        viewer=_member(buyer, Role.VIEWER),
        other_buyer=_member(BuyerFactory.create(slug="madrid-retail"), Role.OWNER),
        supplier_a=_member(supplier_a, Role.OWNER),
        supplier_a_sales=_member(supplier_a, Role.SALES),
        supplier_b=_member(SupplierFactory.create(slug="ningbo-sport"), Role.OWNER),
        suspended_supplier=_member(suspended, Role.OWNER),
        operator=OperatorFactory.create(email="operator@tradebridge.example.com"),
    )


def rfq_input(**overrides: object) -> RFQInput:
    """A valid RFQ: 5,000 match balls to Le Havre, FOB, EUR, deadline in 7 days."""
    data = RFQInput(
        title="Match footballs size 5",
        description="Thermo-bonded PU, FIFA Quality Pro, custom print on two panels.",
        quantity=5000,
        unit="piece",
        currency="EUR",
        destination_country="FR",
        destination_place="Le Havre",
        quote_deadline=timezone.now() + timedelta(days=7),
        incoterm="FOB",
        certifications=("EN 71",),
        specs=(("Size", "5"), ("Material", "PU")),
        language="fr",
    )
    return replace(data, **overrides)  # type: ignore[arg-type]


@pytest.fixture
def recording() -> Iterator[None]:
    """Only a recorder handles the RFQ events during the test, so that `scheduled` finds
    every event published after the commit without running any other app's reaction."""
    original = installed_handlers()
    handlers: dict[type[Event], list[events.Handler]] = {
        event_type: list(found) for event_type, found in (original or {}).items()
    }
    for event_type in RFQ_EVENTS:
        handlers[event_type] = [_ignore]
    install(handlers)
    yield
    if original is None:
        events._installed = None  # restore "nothing installed" exactly
    else:
        install(original)


def _ignore(event: Event) -> None:
    return None


def scheduled(callbacks: Sequence[Callable[[], object]]) -> list[Event]:
    """The RFQ events among commit callbacks captured by `django_capture_on_commit_callbacks`
    (with the `recording` fixture), in order."""
    return [
        callback.args[0]
        for callback in callbacks
        if isinstance(callback, partial) and callback.func is _ignore
    ]
