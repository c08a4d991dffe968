"""E-mails about order events (`orders.emails`): who gets which, after the commit only, in
their language, with the order's link, never to a deactivated member, once per event."""

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from tradebridge.core.money import Money
from tradebridge.orders.emails import _rule, order_event_email_send
from tradebridge.orders.models import Order, OrderEvent, OrderEventEmail
from tradebridge.orders.services.lifecycle import (
    order_cancel,
    order_confirm,
    order_decline,
    order_dispute_open,
    order_production_done,
    order_ship,
)
from tradebridge.orders.services.order_moves import SYSTEM, order_note
from tradebridge.orders.services.timers import orders_timers_run
from tradebridge.orders.tests.lifecycle.conftest import (
    DAY,
    HOUR,
    T0,
    Parties,
    pay,
    place,
    reload,
)

pytestmark = pytest.mark.django_db

CANCEL_REASONS = (
    "declined",
    "buyer_cancelled",
    "ship_by_passed",
    "confirmation_expired",
    "deposit_expired",
    "balance_unpaid",
)
DISPUTE_STATUSES = ("supplier_countered", "escalated", "awaiting_supplier", "other")

type Capture = Callable[..., AbstractContextManager[list[Callable[[], None]]]]


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Capture) -> Capture:
    mail.outbox.clear()
    return django_capture_on_commit_callbacks


def sent_to() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def emails(*members: Any) -> list[str]:
    return sorted(member.user.email for member in members)


def test_a_confirmation_tells_the_buyers_who_may_order_with_the_link_to_the_order(
    parties: Parties, committed: Capture
) -> None:
    order = place(parties)

    with committed(execute=True):
        order_confirm(actor=parties.supplier, order_id=order.pk, now=T0 + HOUR)

    assert sent_to() == emails(parties.buyer, parties.purchaser)  # not the viewer, not sales
    message = mail.outbox[0]
    assert message.subject == f"Order {order.reference} confirmed"
    assert "Please pay the deposit by" in message.body
    assert f"{reverse('orders_detail', args=[order.pk])}\n" in message.body


def test_nothing_is_sent_when_the_transaction_rolls_back(
    parties: Parties, committed: Capture
) -> None:
    order = place(parties)

    with committed(execute=True), pytest.raises(RuntimeError), transaction.atomic():  # noqa: PT012
        order_confirm(actor=parties.supplier, order_id=order.pk, now=T0 + HOUR)
        raise RuntimeError

    assert mail.outbox == []
    assert reload(order).status == "awaiting_confirmation"


def test_each_member_gets_it_in_their_language(parties: Parties, committed: Capture) -> None:
    order = place(parties)
    for member, language in ((parties.buyer, "fr"), (parties.purchaser, "zh-hans")):
        member.user.preferred_language = language
        member.user.save(update_fields=["preferred_language"])

    with committed(execute=True):
        order_confirm(actor=parties.supplier, order_id=order.pk, now=T0 + HOUR)

    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {
        parties.buyer.user.email: f"Commande {order.reference} confirmée",
        parties.purchaser.user.email: f"订单 {order.reference} 已确认",
    }
    french = next(m for m in mail.outbox if m.to == [parties.buyer.user.email])
    assert "Voir la commande" in french.body


def test_deactivated_members_and_users_get_nothing(parties: Parties, committed: Capture) -> None:
    order = place(parties)
    parties.purchaser.is_active = False
    parties.purchaser.save(update_fields=["is_active"])
    parties.buyer.user.is_active = False
    parties.buyer.user.save(update_fields=["is_active"])

    with committed(execute=True):
        order_confirm(actor=parties.supplier, order_id=order.pk, now=T0 + HOUR)

    assert mail.outbox == []


def test_an_event_is_emailed_once_however_often_the_task_runs(
    parties: Parties, committed: Capture
) -> None:
    order = place(parties)
    with committed(execute=True):
        order_confirm(actor=parties.supplier, order_id=order.pk, now=T0 + HOUR)
    event = OrderEvent.objects.get(order=order, kind="confirmed")
    assert len(mail.outbox) == 2

    assert order_event_email_send.call(event_id=event.pk) == 0

    assert len(mail.outbox) == 2
    assert OrderEventEmail.objects.filter(event=event).count() == 2


def test_a_new_order_tells_the_suppliers_who_fulfil_orders(
    parties: Parties, committed: Capture
) -> None:
    order = place(parties)

    with committed(execute=True):
        order_note(order, "placed", doer=SYSTEM, now=T0)

    assert sent_to() == emails(parties.supplier, parties.sales)
    assert mail.outbox[0].subject == (
        f"New order {order.reference} from {order.buyer.display_name}"
    )


def test_a_cancellation_tells_both_sides_but_not_the_member_who_cancelled(
    parties: Parties, committed: Capture
) -> None:
    order = place(parties)

    with committed(execute=True):
        order_cancel(actor=parties.buyer, order_id=order.pk, now=T0 + HOUR)

    assert sent_to() == emails(parties.purchaser, parties.supplier, parties.sales)
    assert {m.subject for m in mail.outbox} == {f"Order {order.reference} cancelled"}
    assert "The buyer cancelled the order" in mail.outbox[0].body


def test_a_decline_tells_the_buyer_only(parties: Parties, committed: Capture) -> None:
    order = place(parties)

    with committed(execute=True):
        order_decline(actor=parties.sales, order_id=order.pk, now=T0 + HOUR)

    assert sent_to() == emails(parties.buyer, parties.purchaser)
    assert mail.outbox[0].subject == f"Order {order.reference} declined"


def in_production(parties: Parties) -> Order:
    order = place(parties)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0 + HOUR)
    return order


def test_a_payment_tells_both_sides(parties: Parties, committed: Capture) -> None:
    order = in_production(parties)

    with committed(execute=True):
        pay(order, "deposit", now=T0 + DAY)

    assert sent_to() == emails(parties.buyer, parties.purchaser, parties.supplier, parties.sales)
    assert "€300.00 was paid into escrow" in mail.outbox[0].body


def test_the_balance_due_its_reminder_and_the_grace_end_go_to_the_right_side(
    parties: Parties, committed: Capture
) -> None:
    order = in_production(parties)
    pay(order, "deposit", now=T0 + DAY)

    with committed(execute=True):
        order_production_done(actor=parties.supplier, order_id=order.pk, now=T0 + 10 * DAY)
    assert sent_to() == emails(parties.buyer, parties.purchaser)
    assert mail.outbox[0].subject == f"Balance due for order {order.reference}"

    mail.outbox.clear()
    with committed(execute=True):
        orders_timers_run(now=T0 + 17 * DAY)
    assert sent_to() == emails(parties.buyer, parties.purchaser)
    assert "is overdue" in mail.outbox[0].subject

    mail.outbox.clear()
    with committed(execute=True):
        orders_timers_run(now=T0 + 24 * DAY)
        orders_timers_run(now=T0 + 25 * DAY)  # nothing new: no second e-mail
    assert sent_to() == emails(parties.supplier, parties.sales)
    assert "keep the deposit" in mail.outbox[0].body


def test_a_shipment_tells_the_buyer_its_tracking(parties: Parties, committed: Capture) -> None:
    order = place(parties, deposit_percent="100")
    pay(order, "full", now=T0)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0 + HOUR)
    order_production_done(actor=parties.supplier, order_id=order.pk, now=T0 + DAY)

    with committed(execute=True):
        order_ship(
            actor=parties.supplier,
            order_id=order.pk,
            carrier="DHL",
            tracking_number="JD0001",
            now=T0 + 2 * DAY,
        )

    assert sent_to() == emails(parties.buyer, parties.purchaser)
    assert "Carrier: DHL. Tracking number: JD0001." in mail.outbox[0].body


@override_settings(SITE_URL="https://tradebridge.example")
def test_a_dispute_tells_both_sides(parties: Parties, committed: Capture) -> None:
    order = place(parties, deposit_percent="100")
    pay(order, "full", now=T0)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0 + HOUR)
    order_production_done(actor=parties.supplier, order_id=order.pk, now=T0 + DAY)
    order_ship(
        actor=parties.supplier, order_id=order.pk, carrier="DHL", tracking_number="1", now=T0
    )

    with committed(execute=True):
        order_dispute_open(
            actor=parties.buyer,
            order_id=order.pk,
            reason="quality",
            description="Torn.",
            requested_refund=Money.of("100", "EUR"),
            now=T0 + 3 * DAY,
        )

    assert sent_to() == emails(parties.purchaser, parties.supplier, parties.sales)
    assert {m.subject for m in mail.outbox} == {f"Dispute on order {order.reference}"}
    link = f"https://tradebridge.example{reverse('orders_detail', args=[order.pk])}"
    assert link in mail.outbox[0].body


def test_events_that_need_nobody_send_nothing(parties: Parties, committed: Capture) -> None:
    order = place(parties)

    with committed(execute=True):
        order_note(order, "stock_released", doer=SYSTEM, now=T0)

    assert mail.outbox == []


SAMPLES: list[tuple[str, dict[str, Any]]] = [
    ("placed", {}),
    ("confirmed", {"deposit_due_at": "2026-03-11T09:00:00+00:00"}),
    ("confirmed", {}),
    *[("cancelled", {"reason": reason}) for reason in CANCEL_REASONS],
    ("deposit_paid", {"amount": "300.00", "currency": "EUR"}),
    ("production_done", {"balance_due_at": "2026-03-19T09:00:00+00:00"}),
    ("shipped", {"carrier": "DHL", "tracking_number": "JD1"}),
    ("delivered", {"protection_ends_at": "2026-04-19T09:00:00+00:00"}),
    ("receipt_confirmed", {}),
    ("completed", {"by": "protection_ended"}),
    ("ship_deadline_missed", {"ship_by": "2026-04-01T09:00:00+00:00"}),
    ("balance_overdue", {"grace_ends_at": "2026-03-26T09:00:00+00:00"}),
    ("balance_grace_ended", {}),
    ("dispute_opened", {}),
    *[("dispute_updated", {"status": status}) for status in DISPUTE_STATUSES],
    ("dispute_withdrawn", {}),
    ("dispute_resolved", {"amount": "100.00", "currency": "EUR"}),
]


@pytest.mark.parametrize("language", ["fr", "de", "es", "zh-hans"])
def test_every_e_mail_is_translated(parties: Parties, language: str) -> None:
    order = place(parties)
    for kind, data in SAMPLES:
        event = OrderEvent(order=order, kind=kind, data=data)
        rule = _rule(event)
        assert rule is not None, kind
        english = rule.texts(order, data)
        with translation.override(language):
            translated = rule.texts(order, data)
        assert translated[0] != english[0], (kind, data)
        assert translated[1] != english[1] or not english[1], (kind, data)
