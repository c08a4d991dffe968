"""Disputes (buyer protection), one locked service per verb (`payments.dispute_transitions`).

Orders opens a dispute (`order_dispute_open` calls `dispute_open`); everything after that is
here. Each verb runs in one transaction: lock the dispute's row (through the tenant-scoped
selector: another company's dispute is NotFound), then the escrow hold; check the side (a
buyer's verb by the supplier: PermissionDenied, reason `wrong_side`), the role
(FULFIL_ORDERS for the supplier, PLACE_ORDERS for the buyer), the table and the clock; then
write the status, a timeline entry (DisputeEvent), an audit event, the `dispute.*` webhooks
to both companies and `DisputeUpdated` / `DisputeResolved`, which orders maps onto the order
in the same transaction. Money moves only through `escrow_refund` / `escrow_release` with the
keys `dispute:<id>:refund` / `dispute:<id>:release`, never more than the hold holds.

Timers (Trade Assurance's): the supplier answers within `respond_by` (the operator's
dispute-response days, 3); the buyer may escalate from then on (or as soon as the supplier
answered with less than asked); `disputes_timers_run` escalates what is still open and
unescalated at `escalate_by` (auto-escalation days, 7).
"""

from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone

from tradebridge.accounts.models import User
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can, ensure_operator
from tradebridge.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from tradebridge.core.events import publish
from tradebridge.core.money import Money
from tradebridge.payments.dispute_errors import (
    DisputeAlreadyOpen,
    DisputeEscalationEarly,
    DisputeNoCounterOffer,
    DisputeResponseLate,
)
from tradebridge.payments.dispute_selectors import (
    dispute_get_for_company,
    dispute_get_for_operator,
)
from tradebridge.payments.dispute_transitions import AUTO_ESCALATE_FROM, OPEN_STATUSES
from tradebridge.payments.enums import DisputeReason, DisputeStatus, SupplierResponse
from tradebridge.payments.errors import EscrowNotFound
from tradebridge.payments.events import DisputeOpened
from tradebridge.payments.models import Dispute, EscrowHold
from tradebridge.payments.selectors import payment_settings
from tradebridge.payments.services.dispute_steps import (
    SYSTEM,
    Who,
    dispute_announce,
    dispute_move,
    dispute_record,
    dispute_settle,
    held,
    hold_lock,
    refund_check,
)

MAX_TEXT = 5000


class Side(StrEnum):
    BUYER = "buyer"
    SUPPLIER = "supplier"


class DisputeDecision(StrEnum):
    """What the operator decides (the API's `resolution`)."""

    FULL_REFUND = "full_refund"
    PARTIAL_REFUND = "partial_refund"
    RELEASE = "release"


# --- opening ----------------------------------------------------------------------------------


def dispute_open(
    *,
    order_id: UUID,
    order_reference: str,
    buyer_id: UUID,
    supplier_id: UUID,
    opened_by_user_id: UUID,
    reason: str,
    description: str,
    requested_refund: Money,
    now: datetime | None = None,
) -> Dispute:
    """Open a dispute on an order (orders checked the buyer, the status and the protection
    window). The requested refund must be positive and at most what the escrow holds. Sets
    `respond_by` / `escalate_by` from the payment settings, writes the timeline, the
    `dispute.opened` webhooks and publishes DisputeOpened. Raises ValidationFailed (`reason`,
    `description`, `requested_refund`), CurrencyMismatch, InvalidAmount, RefundExceedsHeld
    (422), EscrowNotFound (404), DisputeAlreadyOpen (409)."""
    now = now or timezone.now()
    _check_claim(reason, description, requested_refund)
    with transaction.atomic():
        hold = EscrowHold.objects.select_for_update().filter(order_id=order_id).first()
        if hold is None or (hold.buyer_id, hold.supplier_id) != (buyer_id, supplier_id):
            raise EscrowNotFound(order_id=str(order_id))
        refund_check(requested_refund, hold)
        _ensure_none_open(order_id)
        dispute = _dispute_create(
            hold,
            order_reference=order_reference,
            opened_by_user_id=opened_by_user_id,
            reason=reason,
            description=description.strip(),
            requested_refund=requested_refund,
            now=now,
        )
        who = Who(user_id=opened_by_user_id, company_id=buyer_id)
        data = {"reason": reason, "requested_refund": requested_refund.as_dict()}
        dispute_record(dispute, "opened", who=who, now=now, data=data)
        dispute_announce(dispute, "dispute.opened")
        publish(DisputeOpened(order_id=order_id, dispute_id=dispute.pk))
    return dispute


def _check_claim(reason: str, description: str, requested_refund: Money) -> None:
    if reason not in DisputeReason.values:
        raise ValidationFailed("Choose a reason.", field="reason", reason="invalid_choice")
    if not description.strip():
        raise ValidationFailed("Describe the problem.", field="description", reason="required")
    if len(description) > MAX_TEXT:
        raise ValidationFailed(field="description", reason="too_long", max_length=MAX_TEXT)
    if requested_refund.amount <= 0:
        raise ValidationFailed(
            "Ask for a refund above zero.", field="requested_refund", reason="not_positive"
        )


def _ensure_none_open(order_id: UUID) -> None:
    existing = Dispute.objects.filter(order_id=order_id, status__in=OPEN_STATUSES).first()
    if existing is not None:
        raise DisputeAlreadyOpen(order_id=str(order_id), dispute_id=str(existing.pk))


def _dispute_create(
    hold: EscrowHold,
    *,
    order_reference: str,
    opened_by_user_id: UUID,
    reason: str,
    description: str,
    requested_refund: Money,
    now: datetime,
) -> Dispute:
    settings = payment_settings()
    try:
        with transaction.atomic():  # the partial unique index is the last word on a race
            return Dispute.objects.create(
                order_id=hold.order_id,
                order_reference=order_reference,
                hold=hold,
                buyer_id=hold.buyer_id,
                supplier_id=hold.supplier_id,
                reason=reason,
                description=description,
                requested_refund=requested_refund.amount,
                currency=requested_refund.currency,
                respond_by=now + timedelta(days=settings.dispute_response_days),
                escalate_by=now + timedelta(days=settings.auto_escalation_days),
                opened_by_id=opened_by_user_id,
            )
    except IntegrityError:
        raise DisputeAlreadyOpen(order_id=str(hold.order_id)) from None


# --- the supplier -----------------------------------------------------------------------------


def dispute_respond(
    *,
    actor: Membership,
    dispute_id: UUID,
    response: str,
    counter_refund: Money | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Dispute:
    """The supplier answers. `accept`: the requested refund is paid and the rest released
    (resolved; allowed while the dispute is open). `counter` (a `counter_refund` above zero and
    below the request) or `contest`: `supplier_countered`, only while awaiting the supplier and
    before `respond_by`. Raises NotFound, PermissionDenied, InvalidTransition,
    DisputeResponseLate (409), ValidationFailed, RefundExceedsHeld (422)."""
    now = now or timezone.now()
    if response not in SupplierResponse.values:
        raise ValidationFailed(field="response", reason="invalid_choice")
    note = _text("note", note)
    with transaction.atomic():
        dispute, hold, who = _locked(actor, dispute_id, Side.SUPPLIER)
        if response == SupplierResponse.ACCEPT:
            _ensure_open(dispute)
            requested = Money(dispute.requested_refund, dispute.currency)
            dispute.supplier_response, dispute.supplier_note = response, note
            dispute.save(update_fields=["supplier_response", "supplier_note", "updated_at"])
            dispute_settle(dispute, hold, refund=requested, kind="accepted", who=who, now=now)
            return dispute
        _ensure_answerable(dispute, now)
        counter = _counter(dispute, hold, response, counter_refund)
        dispute_move(
            dispute,
            DisputeStatus.SUPPLIER_COUNTERED,
            kind="countered" if response == SupplierResponse.COUNTER else "contested",
            who=who,
            now=now,
            data={"counter_refund": counter.as_dict() if counter else None, "note": note},
            supplier_response=response,
            counter_refund=counter.amount if counter else None,
            supplier_note=note,
        )
    return dispute


def _ensure_answerable(dispute: Dispute, now: datetime) -> None:
    if dispute.status != DisputeStatus.AWAITING_SUPPLIER:
        raise InvalidTransition(
            "The supplier has already answered this dispute.",
            current=dispute.status,
            target=DisputeStatus.SUPPLIER_COUNTERED,
            allowed=[],
        )
    if now >= dispute.respond_by:
        raise DisputeResponseLate(respond_by=dispute.respond_by.isoformat())


def _counter(
    dispute: Dispute, hold: EscrowHold, response: str, counter_refund: Money | None
) -> Money | None:
    if response == SupplierResponse.CONTEST:
        return None
    if counter_refund is None:
        raise ValidationFailed(field="counter_refund", reason="required")
    refund_check(counter_refund, hold)
    if not 0 < counter_refund.amount < dispute.requested_refund:
        raise ValidationFailed(
            "Offer a refund above zero and below what the buyer asked for.",
            field="counter_refund",
            reason="out_of_range",
            requested_refund=str(dispute.requested_refund),
        )
    return counter_refund


# --- the buyer --------------------------------------------------------------------------------


def dispute_accept_counter(
    *, actor: Membership, dispute_id: UUID, now: datetime | None = None
) -> Dispute:
    """The buyer takes the supplier's counter-offer: that refund is paid, the rest released
    (resolved). Raises NotFound, PermissionDenied, InvalidTransition, DisputeNoCounterOffer."""
    now = now or timezone.now()
    with transaction.atomic():
        dispute, hold, who = _locked(actor, dispute_id, Side.BUYER)
        if dispute.status != DisputeStatus.SUPPLIER_COUNTERED:
            raise InvalidTransition(
                current=dispute.status,
                target=DisputeStatus.RESOLVED,
                allowed=[DisputeStatus.SUPPLIER_COUNTERED.value],
            )
        if dispute.counter_refund is None:
            raise DisputeNoCounterOffer()
        refund = Money(dispute.counter_refund, dispute.currency)
        dispute_settle(dispute, hold, refund=refund, kind="counter_accepted", who=who, now=now)
    return dispute


def dispute_escalate(
    *, actor: Membership, dispute_id: UUID, now: datetime | None = None
) -> Dispute:
    """The buyer asks the operator to decide: once the supplier answered with less than asked,
    or from `respond_by` on. Raises NotFound, PermissionDenied, InvalidTransition,
    DisputeEscalationEarly (409)."""
    now = now or timezone.now()
    with transaction.atomic():
        dispute, _hold, who = _locked(actor, dispute_id, Side.BUYER)
        if dispute.status == DisputeStatus.AWAITING_SUPPLIER and now < dispute.respond_by:
            raise DisputeEscalationEarly(respond_by=dispute.respond_by.isoformat())
        _escalate(dispute, who=who, now=now, by="buyer")
    return dispute


def dispute_withdraw(
    *, actor: Membership, dispute_id: UUID, now: datetime | None = None
) -> Dispute:
    """The buyer drops the claim: nothing is refunded; orders returns the order to where it
    was (DisputeUpdated with status `withdrawn`). Raises NotFound, PermissionDenied,
    InvalidTransition."""
    now = now or timezone.now()
    with transaction.atomic():
        dispute, _hold, who = _locked(actor, dispute_id, Side.BUYER)
        dispute_move(dispute, DisputeStatus.WITHDRAWN, kind="withdrawn", who=who, now=now)
    return dispute


# --- the operator -----------------------------------------------------------------------------


def dispute_decide(
    *,
    operator: User,
    dispute_id: UUID,
    resolution: str,
    refund_amount: Money | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Dispute:
    """The operator settles an open dispute: `full_refund` (everything held goes back),
    `partial_refund` (`refund_amount`, above zero and below what is held; the rest released),
    or `release` (everything to the supplier). Raises PermissionDenied (not an operator),
    NotFound, InvalidTransition (409: already resolved or withdrawn), ValidationFailed,
    RefundExceedsHeld (422)."""
    ensure_operator(operator)
    now = now or timezone.now()
    if resolution not in {decision.value for decision in DisputeDecision}:
        raise ValidationFailed(field="resolution", reason="invalid_choice")
    note = _text("note", note)
    with transaction.atomic():
        dispute = dispute_get_for_operator(dispute_id=dispute_id, for_update=True)
        _ensure_open(dispute)
        hold = hold_lock(dispute)
        refund = _decided_refund(DisputeDecision(resolution), refund_amount, hold)
        who = Who(user_id=operator.pk)
        dispute_settle(dispute, hold, refund=refund, kind="decided", who=who, now=now, note=note)
    return dispute


def _decided_refund(
    decision: DisputeDecision, refund_amount: Money | None, hold: EscrowHold
) -> Money:
    if decision == DisputeDecision.FULL_REFUND:
        return held(hold)
    if decision == DisputeDecision.RELEASE:
        return Money.zero(hold.currency)
    if refund_amount is None:
        raise ValidationFailed(field="refund_amount", reason="required")
    refund_check(refund_amount, hold)
    if not 0 < refund_amount.amount < held(hold).amount:
        raise ValidationFailed(
            "A partial refund is above zero and below what the escrow holds.",
            field="refund_amount",
            reason="out_of_range",
            held=held(hold).as_dict()["amount"],
        )
    return refund_amount


# --- the timer --------------------------------------------------------------------------------


def disputes_timers_run(*, now: datetime | None = None) -> int:
    """Escalate every dispute still awaiting the supplier or the buyer's answer to a
    counter-offer at its `escalate_by`. Idempotent: each dispute is re-checked under its lock
    and escalated once. Returns how many were escalated."""
    now = now or timezone.now()
    due = Dispute.objects.filter(status__in=AUTO_ESCALATE_FROM, escalate_by__lte=now)
    escalated = 0
    for dispute_id in due.order_by("escalate_by", "id").values_list("pk", flat=True):
        with transaction.atomic():
            dispute = (
                Dispute.objects.select_for_update(skip_locked=True)
                .filter(pk=dispute_id, status__in=AUTO_ESCALATE_FROM, escalate_by__lte=now)
                .first()
            )
            if dispute is None:
                continue
            hold_lock(dispute)
            _escalate(dispute, who=SYSTEM, now=now, by="timer")
            escalated += 1
    return escalated


# --- shared -----------------------------------------------------------------------------------


def _locked(actor: Membership, dispute_id: UUID, side: Side) -> tuple[Dispute, EscrowHold, Who]:
    """Lock the actor's company's dispute, then its hold; check the side and the role."""
    dispute = dispute_get_for_company(actor=actor, dispute_id=dispute_id, for_update=True)
    actual = Side.BUYER if dispute.buyer_id == actor.company_id else Side.SUPPLIER
    if actual != side:
        raise PermissionDenied(reason="wrong_side", side=side.value)
    ensure_can(actor, Permission.PLACE_ORDERS if side == Side.BUYER else Permission.FULFIL_ORDERS)
    hold = hold_lock(dispute)
    return dispute, hold, Who(user_id=actor.user_id, company_id=actor.company_id)


def _ensure_open(dispute: Dispute) -> None:
    if dispute.status not in OPEN_STATUSES:
        raise InvalidTransition(
            f"The dispute is {dispute.status}.",
            current=dispute.status,
            target=DisputeStatus.RESOLVED,
            allowed=[],
        )


def _escalate(dispute: Dispute, *, who: Who, now: datetime, by: str) -> None:
    dispute_move(
        dispute,
        DisputeStatus.ESCALATED,
        kind="escalated",
        who=who,
        now=now,
        data={"by": by},
        escalated_at=now,
    )


def _text(field: str, value: str) -> str:
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise ValidationFailed(field=field, reason="too_long", max_length=MAX_TEXT)
    return value
