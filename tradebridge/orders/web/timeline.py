"""An order's timeline as the reader sees it: each OrderEvent as a sentence in the reader's
language, with its time and who did it (a person of either company, or the platform)."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext

from tradebridge.orders.enums import TradeDocumentKind
from tradebridge.orders.models import Order, OrderEvent
from tradebridge.orders.web.display import money_text


@dataclass(frozen=True)
class TimelineEntry:
    kind: str
    at: datetime
    text: str
    actor: str  # the company that acted, or "Tradebridge" (timers, payments)
    note: str = ""


def _amount(data: Mapping[str, Any], order: Order) -> str:
    raw = data.get("amount")
    if isinstance(raw, Mapping):
        currency = str(raw.get("currency") or order.currency)
        raw = raw.get("amount")
    else:
        currency = str(data.get("currency") or order.currency)
    try:
        return money_text(Decimal(str(raw)), currency) if raw is not None else ""
    except (InvalidOperation, ValueError):
        return ""


def _with_amount(with_text: str, without_text: str) -> Callable[[Mapping[str, Any], Order], str]:
    def sentence(data: Mapping[str, Any], order: Order) -> str:
        amount = _amount(data, order)
        return with_text % {"amount": amount} if amount else without_text

    return sentence


def _fixed(text: str) -> Callable[[Mapping[str, Any], Order], str]:
    return lambda data, order: text


def _shipped(data: Mapping[str, Any], order: Order) -> str:
    carrier = str(data.get("carrier") or "")
    tracking = str(data.get("tracking_number") or "")
    if carrier and tracking:
        return gettext("Shipped with %(carrier)s, tracking number %(tracking)s.") % {
            "carrier": carrier,
            "tracking": tracking,
        }
    return gettext("Shipped.")


def _cancelled(data: Mapping[str, Any], order: Order) -> str:
    reasons = {
        "declined": gettext("Cancelled: the supplier declined the order."),
        "confirmation_expired": gettext(
            "Cancelled: the supplier did not confirm the order in time."
        ),
        "deposit_expired": gettext("Cancelled: the deposit was not paid in time."),
        "ship_by_passed": gettext("Cancelled by the buyer after the shipping deadline passed."),
        "buyer_cancelled": gettext("Cancelled by the buyer."),
        "balance_unpaid": gettext(
            "Cancelled by the supplier: the balance was not paid; the supplier keeps the deposit."
        ),
    }
    return reasons.get(str(data.get("reason") or ""), gettext("Order cancelled."))


def _part_paid(data: Mapping[str, Any], order: Order) -> str:
    amount = _amount(data, order)
    left = _amount({"amount": data.get("left"), "currency": data.get("currency")}, order)
    if not amount or not left:
        return gettext("Part payment received in escrow.")
    return gettext("Part payment of %(amount)s received; %(left)s still due.") % {
        "amount": amount,
        "left": left,
    }


def _dispute_resolved(data: Mapping[str, Any], order: Order) -> str:
    amount = _amount(data, order)
    if data.get("resolution") == "release" or not amount:
        return gettext("Dispute resolved: the payment goes to the supplier.")
    return gettext("Dispute resolved: %(amount)s refunded to the buyer.") % {"amount": amount}


def _document_issued(data: Mapping[str, Any], order: Order) -> str:
    kind = str(data.get("kind") or "")
    label = TradeDocumentKind(kind).label if kind in TradeDocumentKind.values else ""
    number = str(data.get("number") or "")
    if not label:
        return gettext("A trade document was issued.")
    return gettext("%(document)s %(number)s issued.") % {"document": label, "number": number}


def _sentences() -> dict[str, Callable[[Mapping[str, Any], Order], str]]:
    """Built per call: gettext must run in the reader's active language. The kinds are those
    `orders.services` writes (lifecycle, payment events, timers, documents)."""
    return {
        "placed": _fixed(gettext("Order placed.")),
        "confirmed": _fixed(gettext("The supplier confirmed the order.")),
        "deposit_paid": _with_amount(
            gettext("Deposit of %(amount)s received in escrow."),
            gettext("Deposit received in escrow."),
        ),
        "balance_paid": _with_amount(
            gettext("Balance of %(amount)s received in escrow."),
            gettext("Balance received in escrow."),
        ),
        "full_paid": _with_amount(
            gettext("Payment of %(amount)s received in escrow."),
            gettext("Payment received in escrow."),
        ),
        "part_paid": _part_paid,
        "production_started": _fixed(gettext("Production started.")),
        "production_done": _fixed(gettext("Production finished.")),
        "ready_to_ship": _fixed(gettext("Ready to ship.")),
        "ship_deadline_missed": _fixed(
            gettext(
                "The shipping deadline passed without a shipment: the buyer may cancel with a "
                "full refund."
            )
        ),
        "balance_overdue": _fixed(gettext("The balance is overdue: the buyer was reminded.")),
        "balance_grace_ended": _fixed(
            gettext(
                "The balance is still unpaid after the grace period: the supplier may cancel "
                "and keep the deposit."
            )
        ),
        "shipped": _shipped,
        "delivered": _fixed(gettext("Marked as delivered.")),
        "receipt_confirmed": _fixed(gettext("The buyer confirmed receipt.")),
        "completed": _fixed(gettext("Order completed.")),
        "escrow_released": _with_amount(
            gettext("%(amount)s released to the supplier."),
            gettext("Escrow released to the supplier."),
        ),
        "escrow_refunded": _with_amount(
            gettext("%(amount)s refunded to the buyer."), gettext("Refund to the buyer.")
        ),
        "cancelled": _cancelled,
        "stock_released": _fixed(gettext("Reserved stock released.")),
        "dispute_opened": _fixed(gettext("The buyer opened a dispute.")),
        "dispute_updated": _fixed(gettext("The dispute was updated.")),
        "dispute_withdrawn": _fixed(gettext("The buyer withdrew the dispute.")),
        "dispute_resolved": _dispute_resolved,
        "document_issued": _document_issued,
    }


def event_sentence(event: OrderEvent, order: Order) -> str:
    """The event as a sentence; an event kind this page does not know yet says so plainly."""
    sentence = _sentences().get(event.kind)
    data = event.data if isinstance(event.data, Mapping) else {}
    if sentence is None:
        return gettext("Order updated (%(kind)s).") % {"kind": event.kind.replace("_", " ")}
    return sentence(data, order)


def timeline_entries(events: Iterable[OrderEvent], order: Order) -> list[TimelineEntry]:
    """Oldest first, each with the company that acted (or the platform, for timers and
    payments)."""
    entries = []
    for event in events:
        data = event.data if isinstance(event.data, Mapping) else {}
        entries.append(
            TimelineEntry(
                kind=event.kind,
                at=event.created_at,
                text=event_sentence(event, order),
                actor=_actor(event, order),
                note=str(data.get("note") or ""),
            )
        )
    return entries


def _actor(event: OrderEvent, order: Order) -> str:
    if event.company_id == order.buyer_id:
        return order.buyer.display_name
    if event.company_id == order.supplier_id:
        return order.supplier.display_name
    return "Tradebridge"
