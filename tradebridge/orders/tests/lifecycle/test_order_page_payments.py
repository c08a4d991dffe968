"""The order page while the buyer's money is due: the reminder (what, how much, by when, how
to pay) to the buyer and a neutral line to the supplier, part payments on the timeline, paid
instalments with the day they were paid, deadline sentences with one full stop, and the French
page's wording and spacing."""

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.utils import translation
from django.utils.formats import date_format

from tradebridge.companies.models import Membership
from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.models import Order
from tradebridge.orders.services.lifecycle import order_confirm, order_production_done
from tradebridge.orders.tests.lifecycle.conftest import DAY, T0, Parties, pay, place, set_status
from tradebridge.payments.selectors import escrow_summary

pytestmark = pytest.mark.django_db


def _page(member: Membership, order: Order, language: str = "en") -> str:
    client = Client()
    client.force_login(member.user)
    client.cookies["django_language"] = language
    with translation.override(language):
        response = client.get(f"/orders/{order.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def _awaiting_balance_part_paid(parties: Parties) -> Order:
    """1000.00 EUR: the 300.00 deposit paid, production done, 200.00 of the 700.00 balance
    received."""
    order = place(parties)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0)
    pay(order, "deposit", now=T0 + DAY)
    order_production_done(actor=parties.supplier, order_id=order.pk, now=T0 + 10 * DAY)
    pay(order, "balance", amount="200.00", now=T0 + 11 * DAY)
    return order


def _part(page: str, marker: str, end: str) -> str:
    """The page from `marker` to the next `end`."""
    start = page.index(marker)
    return page[start : page.index(end, start)]


def test_the_buyer_is_reminded_of_the_balance_with_how_to_pay(parties: Parties) -> None:
    order = _awaiting_balance_part_paid(parties)
    page = _page(parties.buyer, order)
    banner = _part(page, 'id="payment-due"', "</div>")
    assert 'data-instalment="balance"' in banner
    assert "Balance due: €500.00" in banner
    assert "€200.00 of €700.00 already received." in banner
    assert "quoting the payment reference" in banner
    assert 'href="#bank-transfer-instructions"' in banner
    assert 'id="bank-transfer-instructions"' in page
    assert page.index('id="payment-due"') < page.index('id="order-lines"')


def test_the_supplier_sees_a_neutral_line_while_the_balance_is_due(parties: Parties) -> None:
    order = _awaiting_balance_part_paid(parties)
    page = _page(parties.supplier, order)
    assert "Waiting for the buyer's balance: €500.00 left to pay." in page
    assert "How to pay" not in page


def test_the_deposit_reminder_replaces_the_deposit_deadline(parties: Parties) -> None:
    order = place(parties)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0)
    page = _page(parties.buyer, order)
    assert "Deposit due: €300.00" in page
    assert "Unpaid by then, the order is cancelled." in page
    assert 'data-deadline="deposit_due"' not in page


def test_no_reminder_once_nothing_is_due(parties: Parties) -> None:
    order = place(parties)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0)
    pay(order, "deposit", now=T0 + DAY)
    assert 'id="payment-due"' not in _page(parties.buyer, order)


def test_a_part_payment_is_on_the_timeline(parties: Parties) -> None:
    order = _awaiting_balance_part_paid(parties)
    page = _page(parties.buyer, order)
    assert 'data-event="part_paid"' in page
    assert "Part payment of €200.00 received; €500.00 still due." in page
    page = _page(parties.buyer, order, "fr")
    assert "Paiement partiel de 200,00\u00a0€ reçu\u202f; il reste 500,00\u00a0€ à payer." in page


def test_a_paid_instalment_shows_the_day_it_was_paid_not_its_due_date(parties: Parties) -> None:
    order = _awaiting_balance_part_paid(parties)
    page = _page(parties.buyer, order)
    row = _part(page, '<tr data-instalment="deposit"', "</tr>")
    deposit = next(v for v in escrow_summary(order_id=order.pk).instalments if v.kind == "deposit")
    assert deposit.due_at is not None
    assert "Paid on March 3, 2026" in row
    assert date_format(deposit.due_at, "DATE_FORMAT") not in row


def test_deadline_sentences_end_with_one_full_stop(parties: Parties) -> None:
    order = place(parties)
    order_confirm(actor=parties.supplier, order_id=order.pk, now=T0)
    pay(order, "deposit", now=T0 + DAY)
    order = set_status(
        order, OrderStatus.IN_PRODUCTION, ship_by=datetime(2099, 3, 30, 17, 0, tzinfo=UTC)
    )
    page = _page(parties.buyer, order)
    deadline = _part(page, 'id="deadline"', "</p>")
    assert "Ships by March 30, 2099, 5 p.m." in deadline
    assert ".." not in deadline


def test_the_french_page_tells_instalment_from_due_and_keeps_numbers_with_their_signs(
    parties: Parties,
) -> None:
    order = _awaiting_balance_part_paid(parties)
    page = _page(parties.buyer, order, "fr")
    headers = _part(page, 'id="instalments"', "</thead>")
    assert "Versement" in headers
    assert headers.count("Échéance") == 1
    assert "Acompte de 30\u202f%" in page
