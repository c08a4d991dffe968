"""E-mails about order timeline events: one place decides who hears of what.

`order_event_email_schedule` is called for every timeline event (`order_moves.order_note`);
for the events that need a person (the table `_RULES`) it enqueues `order_event_email_send`
after the commit (never when the transaction rolls back). The task e-mails the active members
of the side(s) concerned whose role may act on orders (buyer: PLACE_ORDERS, supplier:
FULFIL_ORDERS), except the member who caused the event, each in their own language, with a
link to the order page. Each (event, member) is claimed once (`OrderEventEmail`), in the same
transaction as the sending, so a task run twice sends nothing twice and a failed send is
retried.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.tasks import task
from django.urls import reverse
from django.utils import formats, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from tradebridge.accounts.models import User
from tradebridge.companies.enums import Role
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import ROLE_PERMISSIONS, Permission
from tradebridge.core.emails import current_request_base_url, email_language, email_send
from tradebridge.core.money import Money
from tradebridge.core.tasks import enqueue_on_commit
from tradebridge.orders.models import Order, OrderEvent, OrderEventEmail

BUYER, SUPPLIER = "buyer", "supplier"
BOTH = (BUYER, SUPPLIER)
_PERMISSION = {BUYER: Permission.PLACE_ORDERS, SUPPLIER: Permission.FULFIL_ORDERS}

type Texts = Callable[[Order, dict[str, Any]], tuple[str, str]]


@dataclass(frozen=True, slots=True)
class _Rule:
    sides: tuple[str, ...]
    texts: Texts  # (subject, body), called in the recipient's language


def _date(value: object) -> str:
    parsed = parse_datetime(value) if isinstance(value, str) else None
    return formats.date_format(parsed, "DATE_FORMAT") if parsed else ""


def _money(amount: object, currency: object) -> str:
    """Rounded and written the recipient's way (`1.234,50 €` in German)."""
    if not amount or not currency:
        return ""
    locale = translation.to_locale(translation.get_language() or "en")
    return Money.of(str(amount), str(currency)).format(locale)


def _amount(data: dict[str, Any]) -> str:
    return _money(data.get("amount"), data.get("currency"))


def _placed(order: Order, data: dict[str, Any]) -> tuple[str, str]:
    return (
        _("New order %(reference)s from %(buyer)s")
        % {"reference": order.reference, "buyer": order.buyer.display_name},
        _("%(buyer)s placed an order of %(total)s. Please confirm or decline it by %(date)s.")
        % {
            "buyer": order.buyer.display_name,
            "total": _money(order.total, order.currency),
            "date": _date(order.confirm_by.isoformat() if order.confirm_by else None),
        },
    )


def _confirmed(order: Order, data: dict[str, Any]) -> tuple[str, str]:
    subject = _("Order %(reference)s confirmed") % {"reference": order.reference}
    if data.get("deposit_due_at"):
        body = _("%(supplier)s confirmed your order. Please pay the deposit by %(date)s.") % {
            "supplier": order.supplier.display_name,
            "date": _date(data["deposit_due_at"]),
        }
    else:
        body = _("%(supplier)s confirmed your order.") % {"supplier": order.supplier.display_name}
    return subject, body


def _cancelled(order: Order, data: dict[str, Any]) -> tuple[str, str]:
    reasons = {
        "declined": _("The supplier declined the order. Anything paid is refunded."),
        "buyer_cancelled": _("The buyer cancelled the order. Anything paid is refunded."),
        "ship_by_passed": _(
            "The buyer cancelled the order after the shipping date passed. Everything paid is "
            "refunded."
        ),
        "confirmation_expired": _("The supplier did not confirm the order in time."),
        "deposit_expired": _("The deposit was not paid in time. Anything paid is refunded."),
        "balance_unpaid": _(
            "The balance was not paid after the grace period: the supplier cancelled the order "
            "and keeps the deposit."
        ),
    }
    reason = data.get("reason", "")
    subject = (
        _("Order %(reference)s declined")
        if reason == "declined"
        else _("Order %(reference)s cancelled")
    )
    return subject % {"reference": order.reference}, reasons.get(reason, "")


def _paid(order: Order, data: dict[str, Any]) -> tuple[str, str]:
    return (
        _("Payment received for order %(reference)s") % {"reference": order.reference},
        _("%(amount)s was paid into escrow for this order.") % {"amount": _amount(data)},
    )


def _balance_due(order: Order, data: dict[str, Any]) -> tuple[str, str]:
    return (
        _("Balance due for order %(reference)s") % {"reference": order.reference},
        _("Production is finished. Please pay the balance by %(date)s so that the goods ship.")
        % {"date": _date(data.get("balance_due_at"))},
    )


def _shipped(order: Order, data: dict[str, Any]) -> tuple[str, str]:
    return (
        _("Order %(reference)s shipped") % {"reference": order.reference},
        _("Carrier: %(carrier)s. Tracking number: %(tracking)s.")
        % {"carrier": data.get("carrier", ""), "tracking": data.get("tracking_number", "")},
    )


def _delivered(order: Order, data: dict[str, Any]) -> tuple[str, str]:
    return (
        _("Order %(reference)s delivered") % {"reference": order.reference},
        _(
            "Please check the goods and confirm receipt, or open a dispute by %(date)s; after "
            "that the payment is released to the supplier."
        )
        % {"date": _date(data.get("protection_ends_at"))},
    )


def _released(order: Order, data: dict[str, Any]) -> tuple[str, str]:
    lead = (
        _("The buyer protection window closed.")
        if data.get("by") == "protection_ended"
        else _("The buyer confirmed receipt.")
    )
    return (
        _("Funds released for order %(reference)s") % {"reference": order.reference},
        lead + " " + _("The payment held in escrow is released to you, less the commission."),
    )


def _ship_deadline_missed(order: Order, data: dict[str, Any]) -> tuple[str, str]:
    return (
        _("Order %(reference)s missed its shipping date") % {"reference": order.reference},
        _("The supplier did not ship by %(date)s. You may cancel the order with a full refund.")
        % {"date": _date(data.get("ship_by"))},
    )


def _balance_overdue(order: Order, data: dict[str, Any]) -> tuple[str, str]:
    return (
        _("Reminder: the balance of order %(reference)s is overdue")
        % {"reference": order.reference},
        _(
            "The balance is past its due date. If it is still unpaid on %(date)s, the supplier "
            "may cancel the order and keep the deposit."
        )
        % {"date": _date(data.get("grace_ends_at"))},
    )


def _balance_grace_ended(order: Order, data: dict[str, Any]) -> tuple[str, str]:
    return (
        _("The balance of order %(reference)s is still unpaid") % {"reference": order.reference},
        _(
            "The grace period has ended. You may wait for the payment, or cancel the order "
            "and keep the deposit."
        ),
    )


def _dispute(order: Order, data: dict[str, Any], kind: str) -> tuple[str, str]:
    updates = {
        "supplier_countered": _("The supplier answered the dispute."),
        "escalated": _("The dispute was escalated to Tradebridge, who will decide."),
        "resolved": _("The dispute is resolved."),
        "awaiting_supplier": _("The dispute awaits the supplier's answer."),
    }
    bodies = {
        "dispute_opened": _("The buyer opened a dispute; the supplier is asked to answer."),
        "dispute_updated": updates.get(data.get("status", ""), _("The dispute was updated.")),
        "dispute_withdrawn": _("The buyer withdrew the dispute."),
        "dispute_resolved": _("The dispute is decided: %(refund)s refunded to the buyer.")
        % {"refund": _amount(data)},
    }
    return (
        _("Dispute on order %(reference)s") % {"reference": order.reference},
        bodies[kind],
    )


def _dispute_rule(kind: str) -> _Rule:
    return _Rule(BOTH, lambda order, data: _dispute(order, data, kind))


def _rule(event: OrderEvent) -> _Rule | None:
    """Who hears of `event`, and what; None: nobody (the timeline is enough)."""
    data = event.data or {}
    if event.kind == "production_done" and data.get("balance_due_at"):
        return _Rule((BUYER,), _balance_due)
    if event.kind == "cancelled":
        sides = (BUYER,) if data.get("reason") == "declined" else BOTH
        return _Rule(sides, _cancelled)
    if event.kind == "dispute_updated":
        return _Rule(_DISPUTE_UPDATE_SIDES.get(data.get("status", ""), BOTH), _dispute_updated)
    if event.kind == "completed" and data.get("by") == "protection_ended":
        return _Rule((SUPPLIER,), _released)
    return _RULES.get(event.kind)


# A dispute moved by one party is news for the other; escalation concerns both.
_DISPUTE_UPDATE_SIDES = {"supplier_countered": (BUYER,), "awaiting_supplier": (SUPPLIER,)}
_dispute_updated = _dispute_rule("dispute_updated").texts

_RULES: dict[str, _Rule] = {
    "placed": _Rule((SUPPLIER,), _placed),
    "confirmed": _Rule((BUYER,), _confirmed),
    "deposit_paid": _Rule(BOTH, _paid),
    "balance_paid": _Rule(BOTH, _paid),
    "full_paid": _Rule(BOTH, _paid),
    "shipped": _Rule((BUYER,), _shipped),
    "delivered": _Rule((BUYER,), _delivered),
    "receipt_confirmed": _Rule((SUPPLIER,), _released),
    "ship_deadline_missed": _Rule((BUYER,), _ship_deadline_missed),
    "balance_overdue": _Rule((BUYER,), _balance_overdue),
    "balance_grace_ended": _Rule((SUPPLIER,), _balance_grace_ended),
    **{
        kind: _dispute_rule(kind)
        for kind in ("dispute_opened", "dispute_withdrawn", "dispute_resolved")
    },
}


def order_event_email_schedule(event: OrderEvent) -> None:
    """After the commit, e-mail the people `event` concerns (nothing for other events)."""
    if _rule(event) is not None:
        enqueue_on_commit(
            order_event_email_send, event_id=event.pk, base_url=current_request_base_url()
        )


@task()
def order_event_email_send(*, event_id: int, base_url: str = "") -> int:
    """E-mail each member concerned by the event who was not e-mailed about it yet; returns
    how many were sent. Idempotent."""
    event = OrderEvent.objects.select_related("order__buyer", "order__supplier").filter(pk=event_id)
    found = event.first()
    rule = _rule(found) if found is not None else None
    if found is None or rule is None:
        return 0
    sent = 0
    for user in _recipients(found, rule.sides):
        sent += _send_once(found, rule, user, base_url)
    return sent


def _recipients(event: OrderEvent, sides: tuple[str, ...]) -> list[User]:
    order = event.order
    companies = {BUYER: order.buyer_id, SUPPLIER: order.supplier_id}
    users: dict[Any, User] = {}
    for side in sides:
        roles = [role for role in Role if _PERMISSION[side] in ROLE_PERMISSIONS[role]]
        members = Membership.objects.filter(
            company_id=companies[side],
            company__is_active=True,
            is_active=True,
            role__in=roles,
            user__is_active=True,
        ).select_related("user")
        for member in members.order_by("user__email"):
            users.setdefault(member.user_id, member.user)
    return [user for uid, user in users.items() if uid != event.actor_user_id]


def _send_once(event: OrderEvent, rule: _Rule, user: User, base_url: str) -> int:
    try:
        with transaction.atomic():
            OrderEventEmail.objects.create(event=event, user=user)
            _send(event, rule, user, base_url)
    except IntegrityError:  # claimed by an earlier run
        return 0
    return 1


def _send(event: OrderEvent, rule: _Rule, user: User, base_url: str) -> None:
    order = event.order
    with translation.override(email_language(user.preferred_language)):
        subject, body = rule.texts(order, dict(event.data or {}))
    email_send(
        to=user.email,
        language=user.preferred_language,
        template="orders/email/event",
        context={
            "order": order,
            "subject": subject,
            "body": body,
            "path": reverse("orders_detail", args=[order.pk]),
        },
        base_url=base_url or None,
    )
