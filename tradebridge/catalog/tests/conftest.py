"""Fixtures of the catalog tests: a supplier team with one member per role, the real category
tree, a recorder of the `CatalogChanged` events a test publishes, and the change feed."""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import pytest

from tradebridge.accounts.models import User
from tradebridge.accounts.tests.factories import OperatorFactory, UserFactory
from tradebridge.catalog.events import CatalogChanged
from tradebridge.catalog.models import Category, ProductChange
from tradebridge.catalog.pricing import Tier
from tradebridge.catalog.services import ProductData, categories_load
from tradebridge.catalog.taxonomy import read_taxonomy
from tradebridge.catalog.tests.factories import SupplierFactory
from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.models import Company, Membership
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.core import events
from tradebridge.core.events import Event, install, installed_handlers

SOCCER_BALLS = 1112  # "Sporting Goods > Athletics > Soccer > Soccer Balls"
SOCCER = 1111
SPORTING_GOODS = 988  # top level


@dataclass(frozen=True)
class SupplierTeam:
    """Supplier A with one member per role; supplier B's owner; a buyer company's owner."""

    supplier: Company
    owner: Membership
    admin: Membership
    purchaser: Membership
    sales: Membership
    viewer: Membership
    other_supplier: Company
    other_owner: Membership
    buyer: Company
    buyer_owner: Membership
    operator: User

    def member(self, label: str) -> Membership:
        return getattr(self, label)  # type: ignore[no-any-return]


def _member(company: Company, role: Role) -> Membership:
    user = UserFactory.create(email=f"{role}@{company.slug}.example.com")
    return MembershipFactory.create(company=company, user=user, role=role)


@pytest.fixture
def team(db: None) -> SupplierTeam:
    supplier = SupplierFactory.create(slug="xiamen-balls", legal_name="Xiamen Balls Co., Ltd.")
    other = SupplierFactory.create(slug="yiwu-goods", legal_name="Yiwu Goods Trading Co.")
    buyer = CompanyFactory.create(slug="berlin-buyer", kind=CompanyKind.BUYER)
    return SupplierTeam(
        supplier=supplier,
        owner=_member(supplier, Role.OWNER),
        admin=_member(supplier, Role.ADMIN),
        purchaser=_member(supplier, Role.PURCHASER),
        sales=_member(supplier, Role.SALES),
        viewer=_member(supplier, Role.VIEWER),
        other_supplier=other,
        other_owner=_member(other, Role.OWNER),
        buyer=buyer,
        buyer_owner=_member(buyer, Role.OWNER),
        operator=OperatorFactory.create(email="operator@tradebridge.example.com"),
    )


@pytest.fixture
def categories(db: None) -> None:
    """The real Google taxonomy. The migration loads it; a flushed database (after a
    transactional test) gets it again here."""
    if not Category.objects.filter(id=SOCCER_BALLS).exists():
        categories_load(nodes=read_taxonomy())


@pytest.fixture
def changed() -> Iterator[list[CatalogChanged]]:
    """The CatalogChanged events published during the test (handlers still run)."""
    original = installed_handlers()
    received: list[CatalogChanged] = []
    handlers: dict[type[Event], list[events.Handler]] = {
        event_type: list(found) for event_type, found in (original or {}).items()
    }
    handlers.setdefault(CatalogChanged, []).append(received.append)
    install(handlers)
    yield received
    if original is None:
        events._installed = None  # restore "nothing installed" exactly
    else:
        install(original)


def feed_rows(after_id: int = 0) -> list[tuple[uuid.UUID, uuid.UUID]]:
    """The change feed's (product_id, supplier_id) rows after `after_id`, in order."""
    rows = ProductChange.objects.filter(id__gt=after_id).order_by("id")
    return list(rows.values_list("product_id", "supplier_id"))


def feed_mark() -> int:
    """The feed's latest id now: pass it to `feed_rows` to see only what follows."""
    return ProductChange.objects.order_by("-id").values_list("id", flat=True).first() or 0


def ball_data(**overrides: object) -> ProductData:
    """A complete, valid soccer-ball product; override any field."""
    fields: dict[str, object] = {
        "sku": "BALL-5",
        "title": "PU leather soccer ball, size 5",
        "currency": "USD",
        "tiers": (
            Tier(100, Decimal("4.20")),
            Tier(500, Decimal("3.90")),
            Tier(2000, Decimal("3.50")),
        ),
        "description": "Machine-stitched, butyl bladder.",
        "translations": {"fr": {"title": "Ballon de football en cuir PU, taille 5"}},
        "category_id": SOCCER_BALLS,
        "attributes": (("Material", "PU"), ("Size", "5")),
        "lead_time_days": 15,
        "lead_time_steps": ((5000, 30),),
        "stock": 1200,
        "sample_available": True,
        "sample_price": Decimal("12.00"),
        "customization": ("logo", "packaging"),
        "hs_code": "9506.62",
        "origin_country": "cn",
        "weight_kg": Decimal("0.42"),
        "length_cm": Decimal(22),
        "width_cm": Decimal(22),
        "height_cm": Decimal(22),
        "units_per_carton": 50,
        "certifications": ("CE", "EN 71"),
    }
    fields.update(overrides)
    return ProductData(**fields)  # type: ignore[arg-type]
