"""Loading the demo orders through the orders and payments services, as their people would.

Each `order_scenes` scene: the buyer fills a cart with one line per supplier (a published
product of the supplier, its minimum order quantity) and checks out, or orders the agreed deal
of the RFQ history; then each step is the verb of the side it belongs to, at its moment
(`now=`): confirmations, bank credits with the instalment's payment reference recorded as a
statement line would be (`payments.services.bank_transfers`), card payments through the
sandbox provider's signed event, production, shipments, deliveries, receipts, cancellations,
disputes with evidence and answers, and the order and dispute timers run at a past moment (so
deadlines pass honestly). Between the scenes the operator runs a payout batch and the bank
pays it; a credit without a reference is held for review. `backdate` moves the stamps the
services write at the real time (event handlers, auto time stamps).

Idempotent as a whole: when any demo PO number is present the orders are left as they are
(the payout batch pays what earlier scenes released, so the scenes are not played apart).
"""

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from uuid import UUID

from tradebridge.accounts.models import User
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Product
from tradebridge.companies.models import Membership
from tradebridge.core.money import Money, minor_units
from tradebridge.demo.history import backdate
from tradebridge.demo.history.actors import membership, supplier
from tradebridge.demo.history.order_payments import (
    card_pay,
    evidence_add,
    payouts_pay,
    transfer_credit,
    transfer_unmatched,
    webhook_endpoint_add,
    webhooks_relay_once,
)
from tradebridge.demo.history.order_scenes import (
    DEMO_ORDERS,
    LATER_ORDERS,
    PAYOUTS_AGO,
    SELLING,
    UNMATCHED_AGO,
    Act,
    OrderScene,
    Step,
)
from tradebridge.demo.history.rfq_scenes import QUOTING
from tradebridge.demo.marketplace import OPERATOR
from tradebridge.orders.models import Order, Purchase
from tradebridge.orders.services.addresses import ShipTo, shipping_address_add
from tradebridge.orders.services.carts import cart_item_add
from tradebridge.orders.services.checkout import checkout_place
from tradebridge.orders.services.lifecycle import (
    order_cancel,
    order_confirm,
    order_confirm_receipt,
    order_dispute_open,
    order_mark_delivered,
    order_production_done,
    order_ship,
)
from tradebridge.orders.services.timers import orders_timers_run
from tradebridge.payments.models import Dispute
from tradebridge.payments.selectors import escrow_summary
from tradebridge.payments.services.disputes import (
    dispute_accept_counter,
    dispute_respond,
    disputes_timers_run,
)
from tradebridge.rfq.models import Deal
from tradebridge.rfq.services.deal_orders import deal_order

SEED = 20261207
ADDRESSES = {
    "rheinsport.example": ShipTo(
        "Rheinsport Handels GmbH, Lager", "Industriestraße 14", "Köln", "DE", postal_code="50735"
    ),
    "maison-lumiere.example": ShipTo(
        "Maison Lumière, Réception", "12 rue de la Charité", "Lyon", "FR", postal_code="69002"
    ),
    "lakeshore-supply.example": ShipTo(
        "Lakeshore Supply Warehouse", "2200 S Halsted St", "Chicago", "US", postal_code="60608"
    ),
}


@dataclass
class OrdersSummary:
    orders: Counter[str] = field(default_factory=Counter)
    disputes: int = 0
    transfers: int = 0
    card_payments: int = 0
    payouts: int = 0
    webhook_deliveries: int = 0

    @property
    def total(self) -> int:
        return sum(self.orders.values())


def demo_orders_present() -> bool:
    scenes = (*DEMO_ORDERS, *LATER_ORDERS)
    return Purchase.objects.filter(po_number__in=[s.po_number for s in scenes]).exists()


def load_orders(*, now: datetime) -> OrdersSummary:
    """Play every scene (see the module); nothing when the demo orders are there already."""
    summary = OrdersSummary()
    if demo_orders_present():
        return summary
    rng = random.Random(SEED)  # noqa: S311 - the demo picks the same products every time
    operator = User.objects.get(email=OPERATOR.email)
    _addresses()
    webhook_endpoint_add(now=now)
    for scene in DEMO_ORDERS:
        _Play(scene, now=now, rng=rng, summary=summary).run()
    summary.payouts = payouts_pay(operator=operator, at=now - PAYOUTS_AGO)
    for scene in LATER_ORDERS:
        _Play(scene, now=now, rng=rng, summary=summary).run()
    transfer_unmatched(at=now - UNMATCHED_AGO)
    summary.transfers += 1
    summary.webhook_deliveries = webhooks_relay_once(now=now)
    for status in Order.objects.filter(purchase__po_number__in=_po_numbers()).values_list(
        "status", flat=True
    ):
        summary.orders[status] += 1
    return summary


def _po_numbers() -> list[str]:
    return [scene.po_number for scene in (*DEMO_ORDERS, *LATER_ORDERS)]


def _addresses() -> None:
    """Each demo buyer's default shipping address (the checkout's ship-to)."""
    for domain, address in ADDRESSES.items():
        owner = membership(next(e for e in _BUYER_OWNERS if e.endswith(domain)))
        if not owner.company.shipping_addresses.exists():
            shipping_address_add(actor=owner, address=address, is_default=True)


_BUYER_OWNERS = (
    "anna.schmidt@rheinsport.example",
    "claire.martin@maison-lumiere.example",
    "mike.johnson@lakeshore-supply.example",
)


class _Play:
    """One scene: its purchase, then its steps in order."""

    def __init__(
        self, scene: OrderScene, *, now: datetime, rng: random.Random, summary: OrdersSummary
    ) -> None:
        self.scene, self.now, self.rng, self.summary = scene, now, rng, summary
        self.buyer = membership(scene.buyer)
        self.orders: dict[str, UUID] = {}  # supplier domain -> order id

    def run(self) -> None:
        placed = self.now - self.scene.placed_ago
        with backdate.stamps(at=placed):
            if self.scene.deal:
                self._deal(placed)
            else:
                self._checkout(placed)
        for step in self.scene.steps:
            at = self.now - step.ago
            with backdate.stamps(at=at):
                self._step(step, at)

    def _checkout(self, at: datetime) -> None:
        for domain in self.scene.suppliers:
            product, variant_id, quantity = _product_for(domain, self.rng)
            cart_item_add(
                actor=self.buyer,
                product_id=product.pk,
                variant_id=variant_id,
                quantity=quantity,
                now=at,
            )
        purchase = checkout_place(
            actor=self.buyer,
            ship_to=None,
            po_number=self.scene.po_number,
            incoterm="FOB" if self.scene.buyer.endswith("lakeshore-supply.example") else "CIF",
            named_place="",
            notes=self.scene.notes,
            now=at,
        )
        for order in purchase.orders.select_related("supplier").all():
            domain = next(d for d in self.scene.suppliers if supplier(d).pk == order.supplier_id)
            self.orders[domain] = order.pk

    def _deal(self, at: datetime) -> None:
        deal = Deal.objects.get(buyer_id=self.buyer.company_id)
        order = deal_order(
            actor=self.buyer,
            deal_id=deal.pk,
            ship_to=None,
            po_number=self.scene.po_number,
            now=at,
        )
        domain = next(d for d in QUOTING if supplier(d).pk == order.supplier_id)
        self.orders[domain] = order.pk

    def _order_id(self, step: Step) -> UUID:
        return self.orders[step.supplier] if step.supplier else next(iter(self.orders.values()))

    def _seller(self, step: Step) -> Membership:
        domain = step.supplier or next(iter(self.orders))
        return membership(SELLING[domain])

    def _step(self, step: Step, at: datetime) -> None:
        order_id, act = self._order_id(step), step.act
        if act == Act.CONFIRM:
            order_confirm(actor=self._seller(step), order_id=order_id, now=at)
        elif act == Act.PAY_TRANSFER:
            transfer_credit(order_id=order_id, share=step.amount, payer=self.buyer, at=at)
            self.summary.transfers += 1
        elif act == Act.PAY_CARD:
            card_pay(actor=self.buyer, order_id=order_id, at=at)
            self.summary.card_payments += 1
        elif act == Act.PRODUCTION_DONE:
            order_production_done(actor=self._seller(step), order_id=order_id, now=at)
        elif act == Act.SHIP:
            carrier, tracking = step.text.split("|")
            order_ship(
                actor=self._seller(step),
                order_id=order_id,
                carrier=carrier,
                tracking_number=tracking,
                now=at,
            )
        elif act == Act.DELIVERED:
            order_mark_delivered(actor=self._seller(step), order_id=order_id, now=at)
        elif act == Act.RECEIPT:
            order_confirm_receipt(actor=self.buyer, order_id=order_id, now=at)
        elif act == Act.CANCEL:
            order_cancel(actor=self.buyer, order_id=order_id, note=step.text, now=at)
        elif act == Act.TIMERS:
            orders_timers_run(now=at)
        elif act == Act.DISPUTE_TIMERS:
            disputes_timers_run(now=at)
        else:
            self._dispute_step(step, order_id, at)

    def _dispute_step(self, step: Step, order_id: UUID, at: datetime) -> None:
        if step.act == Act.DISPUTE:
            reason, description = step.text.split("|")
            dispute = order_dispute_open(
                actor=self.buyer,
                order_id=order_id,
                reason=reason,
                description=description,
                requested_refund=_share_of_held(order_id, step.amount),
                now=at,
            )
            del dispute
            self.summary.disputes += 1
            return
        dispute_id = Dispute.objects.filter(order_id=order_id).values_list("pk", flat=True).get()
        if step.act == Act.EVIDENCE:
            evidence_add(actor=self.buyer, dispute_id=dispute_id, note=step.text, at=at)
        elif step.act == Act.COUNTER:
            dispute_respond(
                actor=self._seller(step),
                dispute_id=dispute_id,
                response="counter",
                counter_refund=_share_of_held(order_id, step.amount),
                note=step.text,
                now=at,
            )
        elif step.act == Act.CONTEST:
            dispute_respond(
                actor=self._seller(step),
                dispute_id=dispute_id,
                response="contest",
                note=step.text,
                now=at,
            )
        elif step.act == Act.ACCEPT_COUNTER:
            dispute_accept_counter(actor=self.buyer, dispute_id=dispute_id, now=at)


def _share_of_held(order_id: UUID, percent: str) -> Money:
    held = escrow_summary(order_id=order_id).held
    quantum = Decimal(1).scaleb(-minor_units(held.currency))
    share = (held.amount * Decimal(percent) / 100).quantize(quantum, rounding=ROUND_HALF_UP)
    return Money(share, held.currency)


def _product_for(domain: str, rng: random.Random) -> tuple[Product, UUID | None, int]:
    """A published, tier-priced product of the supplier (with its first variant that has
    stock for it, if it has variants) and its minimum order quantity, chosen by the seeded
    `rng` among the first by SKU."""
    candidates: list[tuple[Product, UUID | None, int]] = []
    products = (
        Product.objects.filter(supplier=supplier(domain), status=ProductStatus.PUBLISHED)
        .prefetch_related("variants", "tiers")
        .order_by("sku")[:40]
    )
    for product in products:
        quantity = _minimum(product)
        if not product.tiers.all():
            continue
        variants = sorted(product.variants.all(), key=lambda v: v.sku)
        if not variants and (product.stock is None or product.stock >= quantity):
            candidates.append((product, None, quantity))
        fitting = [v for v in variants if v.stock is None or v.stock >= quantity]
        if variants and fitting:
            candidates.append((product, fitting[0].pk, quantity))
    if not candidates:
        raise LookupError(f"No product of {domain} can be ordered for the demo.")
    return rng.choice(candidates)


def _minimum(product: Product) -> int:
    multiple = max(product.order_multiple, 1)
    return -(-max(product.moq, 1) // multiple) * multiple
