"""Gap-free numbering under real concurrency (PostgreSQL): 20 parallel issues for 20 orders of
one supplier take exactly the numbers 1..20; parallel issues of one order's document make one
document."""

import pytest

from tradebridge.core.tests.concurrency import race
from tradebridge.orders.enums import TradeDocumentKind
from tradebridge.orders.models import DocumentSequence, TradeDocument
from tradebridge.orders.services.documents import document_issue
from tradebridge.orders.tests.documents.conftest import (
    ISSUED,
    chinese_supplier,
    german_buyer,
    make_order,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
PI = TradeDocumentKind.PROFORMA_INVOICE


def issue(order_id):
    return lambda: document_issue(order_id=order_id, kind=PI, now=ISSUED)


def test_twenty_parallel_issues_take_numbers_one_to_twenty():
    supplier, buyer = chinese_supplier(), german_buyer()
    orders = [make_order(supplier, buyer) for _ in range(20)]

    outcomes = race([issue(order.pk) for order in orders])

    assert outcomes == ["ok"] * 20
    numbers = sorted(TradeDocument.objects.values_list("number", flat=True))
    assert numbers == [f"PI-2026-{n:06d}" for n in range(1, 21)]
    assert DocumentSequence.objects.get(supplier=supplier, kind=PI).next_number == 21


def test_parallel_issues_of_one_document_make_one():
    order = make_order(chinese_supplier(), german_buyer())

    outcomes = race([issue(order.pk) for _ in range(8)])

    assert outcomes == ["ok"] * 8
    assert list(TradeDocument.objects.values_list("number", flat=True)) == ["PI-2026-000001"]
