"""The steps every dispute verb shares (`payments.services.disputes`): lock the escrow hold
after the dispute, check a refund against what the hold holds, move the status through the
table with its timeline entry, audit event, webhooks and domain event, and settle the money.

Everything here runs inside the verb's transaction, after the dispute's row was locked.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Final
from uuid import UUID

from django.utils import timezone

from tradebridge.core.events import publish
from tradebridge.core.money import CurrencyMismatch, Money
from tradebridge.core.services.audit import audit_record
from tradebridge.core.transitions import ensure_transition
from tradebridge.payments.dispute_errors import RefundExceedsHeld
from tradebridge.payments.dispute_transitions import DISPUTE_TRANSITIONS
from tradebridge.payments.enums import DisputeResolution, DisputeStatus
from tradebridge.payments.events import DisputeResolved, DisputeUpdated
from tradebridge.payments.ledger import from_minor, to_minor
from tradebridge.payments.models import Dispute, DisputeEvent, EscrowHold
from tradebridge.payments.services.escrow import escrow_refund, escrow_release
from tradebridge.webhooks.services import outbox_add

REFUND_REASON: Final = "dispute"


@dataclass(frozen=True, slots=True)
class Who:
    """Who moved a dispute: a member of one of its companies, an operator (no company), or
    the system (a timer: neither)."""

    user_id: UUID | None = None
    company_id: UUID | None = None


SYSTEM: Final = Who()


def refund_key(dispute: Dispute) -> str:
    return f"dispute:{dispute.pk}:refund"


def release_key(dispute: Dispute) -> str:
    return f"dispute:{dispute.pk}:release"


def hold_lock(dispute: Dispute) -> EscrowHold:
    """Lock the dispute's escrow hold (always after the dispute's row: one lock order)."""
    return EscrowHold.objects.select_for_update().get(pk=dispute.hold_id)


def held(hold: EscrowHold) -> Money:
    return from_minor(hold.held_minor, hold.currency)


def refund_check(amount: Money, hold: EscrowHold) -> Money:
    """`amount` if it is in the hold's currency, in whole minor units and at most what the
    hold holds. Raises CurrencyMismatch, InvalidAmount, RefundExceedsHeld (all 422)."""
    if amount.currency != hold.currency:
        raise CurrencyMismatch(left=hold.currency, right=amount.currency)
    if to_minor(amount) > hold.held_minor:
        raise RefundExceedsHeld(
            held=held(hold).as_dict()["amount"],
            requested=amount.as_dict()["amount"],
            currency=hold.currency,
        )
    return amount


def dispute_move(
    dispute: Dispute,
    target: DisputeStatus,
    *,
    kind: str,
    who: Who,
    now: datetime,
    data: dict[str, Any] | None = None,
    **fields: Any,
) -> None:
    """Check the table, write the status and `fields`, the timeline entry, the audit event,
    the webhooks to both companies and (but for a resolution, which `dispute_settle`
    announces with its money) `DisputeUpdated`. Raises InvalidTransition, nothing written."""
    ensure_transition(DISPUTE_TRANSITIONS, current=DisputeStatus(dispute.status), target=target)
    previous = dispute.status
    dispute.status = target
    for name, value in fields.items():
        setattr(dispute, name, value)
    dispute.save(update_fields=["status", *fields, "updated_at"])
    dispute_record(dispute, kind, who=who, now=now, data={"from": previous, **(data or {})})
    if target == DisputeStatus.RESOLVED:
        dispute_announce(dispute, "dispute.resolved")
        return
    dispute_announce(dispute, "dispute.updated")
    publish(DisputeUpdated(order_id=dispute.order_id, dispute_id=dispute.pk, status=target))


def dispute_record(
    dispute: Dispute, kind: str, *, who: Who, now: datetime, data: dict[str, Any]
) -> None:
    """One timeline entry and one audit event (`dispute.<kind>`)."""
    DisputeEvent.objects.create(dispute=dispute, kind=kind, actor_user_id=who.user_id, data=data)
    audit_record(
        action=f"dispute.{kind}",
        object_type="payments.dispute",
        object_id=dispute.pk,
        actor_user_id=who.user_id,
        company_id=who.company_id,
        data={"order_id": str(dispute.order_id), **data},
        occurred_at=now,
    )


def dispute_announce(dispute: Dispute, event_type: str) -> None:
    """The webhook `event_type` to the buyer's and the supplier's endpoints (outbox rows in
    this transaction)."""
    payload = dispute_payload(dispute)
    for company_id in (dispute.buyer_id, dispute.supplier_id):
        outbox_add(company_id=company_id, event_type=event_type, payload=payload)


def dispute_payload(dispute: Dispute) -> dict[str, Any]:
    """What integrators receive: the dispute's state, amounts as `{"amount", "currency"}`."""
    return {
        "dispute_id": str(dispute.pk),
        "order_id": str(dispute.order_id),
        "order_reference": dispute.order_reference,
        "status": dispute.status,
        "reason": dispute.reason,
        "requested_refund": _money(dispute.requested_refund, dispute.currency),
        "supplier_response": dispute.supplier_response,
        "counter_refund": _money(dispute.counter_refund, dispute.currency),
        "resolution": dispute.resolution,
        "refund_amount": _money(dispute.refund_amount, dispute.currency),
        "respond_by": dispute.respond_by.isoformat(),
        "escalate_by": dispute.escalate_by.isoformat(),
    }


def _money(amount: Decimal | None, currency: str) -> dict[str, str] | None:
    return None if amount is None else Money(amount, currency).rounded().as_dict()


def dispute_settle(
    dispute: Dispute,
    hold: EscrowHold,
    *,
    refund: Money,
    kind: str,
    who: Who,
    now: datetime | None = None,
    note: str = "",
) -> None:
    """Refund `refund` (checked against what is held) to the buyer, release the rest to the
    supplier (less commission), resolve the dispute and publish DisputeResolved. The money
    moves under deterministic keys (`dispute:<id>:refund` / `:release`), so a replay posts
    nothing twice."""
    now = now or timezone.now()
    refund = refund_check(refund, hold).rounded()  # whole minor units: rounding is exact
    if not refund.is_zero():
        escrow_refund(
            order_id=dispute.order_id, key=refund_key(dispute), amount=refund, reason=REFUND_REASON
        )
    hold.refresh_from_db()
    released = held(hold)
    if not released.is_zero():
        escrow_release(
            order_id=dispute.order_id, key=release_key(dispute), amount=None, reason=REFUND_REASON
        )
    resolution = _resolution(refund, released)
    dispute_move(
        dispute,
        DisputeStatus.RESOLVED,
        kind=kind,
        who=who,
        now=now,
        data={"resolution": resolution, "refund": refund.as_dict(), "released": released.as_dict()},
        resolution=resolution,
        refund_amount=refund.amount,
        resolved_at=now,
        resolved_by_id=who.user_id,
        decision_note=note,
    )
    publish(
        DisputeResolved(
            order_id=dispute.order_id,
            dispute_id=dispute.pk,
            resolution=resolution,
            refund_amount=refund.as_dict()["amount"],
            currency=refund.currency,
        )
    )


def _resolution(refund: Money, released: Money) -> DisputeResolution:
    if refund.is_zero():
        return DisputeResolution.RELEASE
    if released.is_zero():
        return DisputeResolution.FULL_REFUND
    return DisputeResolution.PARTIAL_REFUND
