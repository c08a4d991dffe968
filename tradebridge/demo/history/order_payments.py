"""The money steps of the demo orders, each through the payments services as it happens for
real: a bank credit recorded as a statement line, a card payment through the sandbox
provider's signed event, dispute evidence, the operator's payout batch, and a supplier's
webhook endpoint whose deliveries the relay tries (nothing listens at its local address)."""

import random
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO
from pathlib import Path
from uuid import UUID

from django.test import override_settings

from tradebridge.accounts.models import User
from tradebridge.companies.models import Membership
from tradebridge.core.money import Money, minor_units
from tradebridge.demo.history import backdate
from tradebridge.demo.history.actors import membership, supplier
from tradebridge.demo.history.order_scenes import (
    UNMATCHED_AMOUNT,
    UNMATCHED_PAYER,
    UNMATCHED_TEXT,
    WEBHOOK_SUPPLIER,
    WEBHOOK_URL,
    Amount,
)
from tradebridge.demo.marketplace import DEMO_COMPANIES
from tradebridge.payments.enums import (
    InstalmentStatus,
    PaymentProvider,
    TransferSource,
)
from tradebridge.payments.models import DisputeEvidence
from tradebridge.payments.providers.registry import sandbox_provider
from tradebridge.payments.selectors import escrow_summary
from tradebridge.payments.services.bank_transfers import transfer_record
from tradebridge.payments.services.dispute_evidence import dispute_evidence_add
from tradebridge.payments.services.payouts import payout_mark_paid, payouts_run
from tradebridge.payments.services.provider_payments import (
    provider_payment_start,
    provider_webhook_receive,
)
from tradebridge.payments.statements.lines import StatementLine
from tradebridge.webhooks.models import WebhookDelivery
from tradebridge.webhooks.services.delivery import deliveries_relay
from tradebridge.webhooks.services.endpoints import webhook_endpoint_create

_PHOTO = Path(__file__).resolve().parents[1] / "data" / "tabler-icons" / "png" / "ball-football.png"
_UNPAID = {InstalmentStatus.PENDING, InstalmentStatus.PARTIALLY_PAID}
# The demo's endpoint is on this machine: allowed for development (DEBUG) only, so the demo
# allows it while it adds the endpoint and runs the relay once (`tradebridge serve` then
# retries under the deployment's own settings, which refuse plain http: the log says so).
_LOCAL_WEBHOOKS = {"WEBHOOKS_ALLOW_HTTP": True, "WEBHOOKS_ALLOW_PRIVATE": True}


def _due(order_id: UUID) -> tuple[UUID, str, Money]:
    """The first unpaid instalment of the order: (id, payment reference, amount left)."""
    for view in escrow_summary(order_id=order_id).instalments:
        if view.status in _UNPAID:
            return view.id, view.reference, view.amount - view.paid_amount
    raise LookupError(f"Order {order_id} has nothing to pay.")


def _scaled(amount: Money, factor: str) -> Money:
    quantum = Decimal(1).scaleb(-minor_units(amount.currency))
    value = (amount.amount * Decimal(factor)).quantize(quantum, rounding=ROUND_HALF_UP)
    return Money(value, amount.currency)


_FACTOR = {Amount.EXACT: "1", Amount.PART: "0.4", Amount.OVER: "1.05"}


def transfer_credit(*, order_id: UUID, share: str, payer: Membership, at: datetime) -> None:
    """The buyer's bank transfer of the next instalment (all of it, a part, or more), read
    from the platform's bank statement and matched by the reference in its text."""
    instalment_id, reference, left = _due(order_id)
    amount = _scaled(left, _FACTOR[Amount(share)])
    line = StatementLine(
        source_ref=f"DEMO-{instalment_id.hex[:12]}-{at:%Y%m%d}",
        amount=amount,
        value_date=at.date(),
        reference_text=f"{reference} {payer.company.legal_name}",
        payer_name=payer.company.legal_name.upper(),
    )
    transfer_record(line=line, source=TransferSource.CAMT053, now=at)


def transfer_unmatched(*, at: datetime) -> None:
    """A credit whose text names no payment reference: held for the operator's review."""
    amount, currency = UNMATCHED_AMOUNT
    line = StatementLine(
        source_ref=f"DEMO-UNMATCHED-{at:%Y%m%d}",
        amount=Money(Decimal(amount), currency),
        value_date=date(at.year, at.month, at.day),
        reference_text=UNMATCHED_TEXT,
        payer_name=UNMATCHED_PAYER,
    )
    with backdate.stamps(at=at):
        transfer_record(line=line, source=TransferSource.CAMT053, now=at)


def card_pay(*, actor: Membership, order_id: UUID, at: datetime) -> None:
    """The buyer pays the next instalment by card: the sandbox's page is "clicked" (its
    signed event goes through the provider webhook path, as on the site)."""
    instalment_id, _reference, _left = _due(order_id)
    payment = provider_payment_start(
        actor=actor,
        order_id=order_id,
        instalment_id=instalment_id,
        provider=PaymentProvider.SANDBOX,
    )
    raw_body, headers = sandbox_provider().decide(
        payment_id=payment.provider_payment_id, pay=True, now=at
    )
    provider_webhook_receive(
        provider=PaymentProvider.SANDBOX, raw_body=raw_body, headers=headers, now=at
    )


def evidence_add(*, actor: Membership, dispute_id: UUID, note: str, at: datetime) -> None:
    """A photo the buyer adds to the dispute."""
    if DisputeEvidence.objects.filter(dispute_id=dispute_id, note=note).exists():
        return
    dispute_evidence_add(
        actor=actor,
        dispute_id=dispute_id,
        file=BytesIO(_PHOTO.read_bytes()),
        filename="photo.png",
        note=note,
        now=at,
    )


def payouts_pay(*, operator: User, at: datetime) -> int:
    """The operator runs the payouts (a batch per currency of everything owed to suppliers
    then) and marks them paid when the bank has sent them, a day later. Returns the payouts."""
    with backdate.stamps(at=at):
        batches = payouts_run(operator=operator, now=at)
    paid_at = at + timedelta(days=1)
    for batch in batches:
        with backdate.stamps(at=paid_at):
            payout_mark_paid(operator=operator, batch_id=batch.pk, now=paid_at)
    return sum(batch.count for batch in batches)


def webhook_endpoint_add(*, now: datetime) -> None:
    """The webhook supplier's owner adds an endpoint for every event type, at a local
    address (a closed port), before the orders: their events fill its delivery log."""
    owner_email = next(
        c.people[0].email for c in DEMO_COMPANIES if c.people[0].email.endswith(WEBHOOK_SUPPLIER)
    )
    owner = membership(owner_email)
    if supplier(WEBHOOK_SUPPLIER).webhook_endpoints.exists():
        return
    with override_settings(**_LOCAL_WEBHOOKS):
        webhook_endpoint_create(
            actor=owner, url=WEBHOOK_URL, description="ERP integration (test system)"
        )


def webhooks_relay_once(*, now: datetime) -> int:
    """The relay tries every due delivery once (refused at once: nothing listens there);
    each is then due again after its backoff. Returns how many were tried."""
    jitter = random.Random(7).random  # noqa: S311 - a fixed seed: the same backoff each load
    with override_settings(**_LOCAL_WEBHOOKS):
        report = deliveries_relay(now=now, limit=500, unit=jitter)
    del report
    return WebhookDelivery.objects.filter(attempts__gt=0).count()
