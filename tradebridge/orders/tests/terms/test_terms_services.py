"""A supplier's payment terms: the default, setting them (role, company kind, validation,
audit), and checkout taking them: a 30 % deposit makes two instalments whose due dates the
lifecycle sets (deposit on confirmation, balance when production is done)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.models import Membership
from tradebridge.companies.tests.factories import CompanyFactory, MembershipFactory
from tradebridge.core.errors import PermissionDenied, ValidationFailed
from tradebridge.core.models import AuditEvent
from tradebridge.core.money import Money
from tradebridge.orders.enums import BalanceDue, OrderStatus
from tradebridge.orders.models import SupplierTerms
from tradebridge.orders.services.carts import cart_item_add
from tradebridge.orders.services.checkout import checkout_place
from tradebridge.orders.services.deal_orders import order_create_from_deal
from tradebridge.orders.services.lifecycle import order_confirm, order_production_done
from tradebridge.orders.services.terms import (
    DEFAULT_TERMS,
    Terms,
    supplier_terms_get,
    supplier_terms_set,
)
from tradebridge.orders.tests.buying import SHIP_TO, buyer_member, product, supplier_company
from tradebridge.payments.enums import InstalmentKind, InstalmentStatus
from tradebridge.payments.models import Instalment
from tradebridge.payments.selectors import payment_settings
from tradebridge.payments.services.escrow import instalment_payment_apply

pytestmark = pytest.mark.django_db


def _seller(role: Role = Role.OWNER, kind: CompanyKind = CompanyKind.SUPPLIER) -> Membership:
    return MembershipFactory.create(company=supplier_company(kind=kind), role=role)


def test_a_supplier_without_terms_asks_full_prepayment() -> None:
    supplier = supplier_company()

    assert supplier_terms_get(supplier.pk) == DEFAULT_TERMS
    assert Terms(Decimal(100), "before_shipment", is_default=True) == DEFAULT_TERMS
    assert DEFAULT_TERMS.full_prepayment is True


@pytest.mark.parametrize("kind", [CompanyKind.SUPPLIER, CompanyKind.BOTH])
@pytest.mark.parametrize("role", [Role.OWNER, Role.ADMIN])
def test_owner_or_admin_of_a_seller_sets_terms_audited(kind: CompanyKind, role: Role) -> None:
    actor = _seller(role, kind)

    terms = supplier_terms_set(actor=actor, deposit_percent="30", balance_due="against_documents")

    assert terms == Terms(Decimal("30.00"), "against_documents")
    assert supplier_terms_get(actor.company_id) == terms
    row = SupplierTerms.objects.get(company=actor.company)
    assert (row.deposit_percent, row.balance_due, row.updated_by_id) == (
        Decimal("30.00"),
        "against_documents",
        actor.user_id,
    )
    event = AuditEvent.objects.get(action="supplier_terms.set")
    assert (event.company_id, event.actor_user_id, event.object_id) == (
        actor.company_id,
        actor.user_id,
        str(row.pk),
    )
    assert event.data == {
        "deposit_percent": "30.00",
        "balance_due": "against_documents",
        "before": None,
    }


def test_setting_again_updates_the_one_row_and_audits_what_it_was() -> None:
    actor = _seller()
    supplier_terms_set(actor=actor, deposit_percent=Decimal(30), balance_due="before_shipment")

    terms = supplier_terms_set(actor=actor, deposit_percent=Decimal("12.5"), balance_due="net_30")

    assert terms == Terms(Decimal("12.50"), "net_30")
    assert SupplierTerms.objects.count() == 1
    last = AuditEvent.objects.filter(action="supplier_terms.set").order_by("-occurred_at", "-pk")
    assert last.count() == 2
    assert {"deposit_percent": "30.00", "balance_due": "before_shipment"} in [
        event.data["before"] for event in last
    ]


@pytest.mark.parametrize("value", ["0", "100", "0.01", "99.99", "45.50"])
def test_deposits_from_0_to_100_with_two_decimals_are_taken(value: str) -> None:
    actor = _seller()

    terms = supplier_terms_set(actor=actor, deposit_percent=value, balance_due="on_delivery")

    assert terms.deposit_percent == Decimal(value)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("-1", "range"),
        ("100.01", "range"),
        ("101", "range"),
        ("abc", "range"),
        ("NaN", "range"),
        ("Infinity", "range"),
        ("", "range"),
        ("30.005", "decimals"),
        ("0.001", "decimals"),
    ],
)
def test_a_deposit_outside_0_to_100_or_with_three_decimals_is_refused(
    value: str, reason: str
) -> None:
    actor = _seller()

    with pytest.raises(ValidationFailed) as error:
        supplier_terms_set(actor=actor, deposit_percent=value, balance_due="net_30")

    assert error.value.details == {"field": "deposit_percent", "reason": reason}
    assert SupplierTerms.objects.count() == 0
    assert not AuditEvent.objects.filter(action="supplier_terms.set").exists()


def test_an_unknown_balance_term_is_refused() -> None:
    actor = _seller()

    with pytest.raises(ValidationFailed) as error:
        supplier_terms_set(actor=actor, deposit_percent="30", balance_due="net_90")

    assert error.value.details["field"] == "balance_due"
    assert SupplierTerms.objects.count() == 0


def test_a_company_that_only_buys_has_no_terms() -> None:
    actor = MembershipFactory.create(
        company=CompanyFactory.create(kind=CompanyKind.BUYER), role=Role.OWNER
    )

    with pytest.raises(PermissionDenied) as error:
        supplier_terms_set(actor=actor, deposit_percent="30", balance_due="net_30")

    assert error.value.details == {"reason": "not_a_supplier"}
    assert SupplierTerms.objects.count() == 0


@pytest.mark.parametrize("role", [Role.VIEWER, Role.SALES, Role.PURCHASER])
def test_members_below_admin_may_not_set_terms(role: Role) -> None:
    actor = _seller(role)

    with pytest.raises(PermissionDenied):
        supplier_terms_set(actor=actor, deposit_percent="30", balance_due="net_30")

    assert SupplierTerms.objects.count() == 0
    assert supplier_terms_get(actor.company_id) == DEFAULT_TERMS


def test_an_inactive_owner_may_not_set_terms() -> None:
    actor = _seller()
    Membership.objects.filter(pk=actor.pk).update(is_active=False)
    actor.refresh_from_db()

    with pytest.raises(PermissionDenied):
        supplier_terms_set(actor=actor, deposit_percent="30", balance_due="net_30")

    assert SupplierTerms.objects.count() == 0


def _pay(instalment: Instalment, key: str) -> None:
    instalment_payment_apply(
        instalment_id=instalment.pk,
        amount=Money(instalment.amount, instalment.currency),
        key=key,
        source="manual",
    )


def test_checkout_takes_each_suppliers_terms_and_the_lifecycle_dates_the_instalments() -> None:
    seller = _seller()
    supplier_terms_set(actor=seller, deposit_percent="30", balance_due=BalanceDue.BEFORE_SHIPMENT)
    prepaid = supplier_company()
    buyer = buyer_member()
    cart_item_add(
        actor=buyer, product_id=product(seller.company, tiers=((1, "33.33"),)).pk, quantity=10
    )
    cart_item_add(actor=buyer, product_id=product(prepaid).pk, quantity=10)
    placed = timezone.now()

    purchase = checkout_place(
        actor=buyer, ship_to=SHIP_TO, po_number="", incoterm="", named_place="", now=placed
    )

    orders = {order.supplier_id: order for order in purchase.orders.all()}
    order = orders[seller.company_id]
    assert (order.deposit_percent, order.balance_due, order.total) == (
        Decimal("30.00"),
        "before_shipment",
        Decimal("333.3000"),
    )
    deposit, balance = Instalment.objects.filter(hold__order_id=order.pk).order_by("position")
    assert (deposit.kind, deposit.amount, balance.kind, balance.amount) == (
        InstalmentKind.DEPOSIT,
        Decimal("99.9900"),  # 333.30 x 30 %
        InstalmentKind.BALANCE,
        Decimal("233.3100"),
    )
    assert balance.due_at is None
    other = orders[prepaid.pk]
    assert (other.deposit_percent, other.balance_due) == (Decimal(100), "")
    assert list(
        Instalment.objects.filter(hold__order_id=other.pk).values_list("kind", flat=True)
    ) == [InstalmentKind.FULL]

    settings = payment_settings()
    confirmed = placed + timedelta(hours=1)
    order_confirm(actor=seller, order_id=order.pk, now=confirmed)
    deposit.refresh_from_db()
    expected_deposit_due = placed + timedelta(
        hours=settings.supplier_confirmation_hours, days=settings.deposit_deadline_days
    )
    assert deposit.due_at == expected_deposit_due
    _pay(deposit, "deposit-1")
    order.refresh_from_db()
    assert order.status == OrderStatus.IN_PRODUCTION
    done = placed + timedelta(days=20)
    order_production_done(actor=seller, order_id=order.pk, now=done)
    order.refresh_from_db()
    balance.refresh_from_db()
    assert order.status == OrderStatus.AWAITING_BALANCE
    assert balance.due_at == done + timedelta(days=settings.deposit_deadline_days)
    assert balance.status == InstalmentStatus.PENDING
    _pay(balance, "balance-1")
    order.refresh_from_db()
    assert order.status == OrderStatus.READY_TO_SHIP


def test_a_deal_order_keeps_the_deals_frozen_terms_not_the_suppliers() -> None:
    seller = _seller()
    supplier_terms_set(actor=seller, deposit_percent="10", balance_due="net_30")

    order = order_create_from_deal(
        actor=buyer_member(),
        deal_reference="DEAL-TERMS001",
        supplier_id=seller.company_id,
        product_id=None,
        title="Custom match balls",
        quantity=100,
        unit="piece",
        unit_price=Money(Decimal("4.00"), "USD"),
        incoterm="FOB",
        named_place="Xiamen",
        deposit_percent=Decimal(40),
        balance_due="against_documents",
        lead_time_days=30,
        fx={},
        ship_to=SHIP_TO,
    )

    assert (order.deposit_percent, order.balance_due) == (Decimal(40), "against_documents")
    deposit = Instalment.objects.get(hold__order_id=order.pk, kind=InstalmentKind.DEPOSIT)
    assert deposit.amount == Decimal("160.0000")


def test_the_operator_reads_suppliers_terms_in_the_back_office_read_only() -> None:
    from django.test import Client

    from tradebridge.accounts.tests.factories import UserFactory

    seller = _seller()
    supplier_terms_set(actor=seller, deposit_percent="30", balance_due="net_30")
    client = Client()
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    row = SupplierTerms.objects.get()

    listed = client.get("/admin/orders/supplierterms/").content.decode()
    changed = client.post(
        f"/admin/orders/supplierterms/{row.pk}/change/",
        {"deposit_percent": "90", "balance_due": "net_30", "company": str(seller.company_id)},
    )

    assert seller.company.display_name in listed
    assert "30.00" in listed
    assert changed.status_code == 403
    assert client.get("/admin/orders/supplierterms/add/").status_code == 403
    row.refresh_from_db()
    assert row.deposit_percent == Decimal("30.00")
