"""Suppliers' response rates reach their search documents: `min_response_rate` finds the
suppliers who answer, once messaging's stats change (through the catalog's change feed)."""

import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.companies.models import Company
from tradebridge.companies.tests.factories import CompanyFactory
from tradebridge.messaging.models import ResponseRequest
from tradebridge.messaging.services import supplier_response_stats_refresh
from tradebridge.search.engine import search_suppliers
from tradebridge.search.services.indexing import search_reindex
from tradebridge.search.types import SupplierQuery

pytestmark = pytest.mark.django_db


def _answers(supplier: Company, buyer: Company, pattern: list[bool]) -> None:
    now = timezone.now()
    for days, answered in enumerate(pattern, start=1):
        asked = now - timedelta(days=days)
        ResponseRequest.objects.create(
            kind="thread",
            ref_id=uuid.uuid4(),
            supplier=supplier,
            buyer=buyer,
            asked_at=asked,
            answered_at=asked + timedelta(hours=3) if answered else None,
        )


def test_min_response_rate_finds_the_suppliers_who_answer(
    search_index: object, django_capture_on_commit_callbacks: Any
) -> None:
    fast = SupplierFactory.create(display_name="Fast Answers")
    slow = SupplierFactory.create(display_name="Slow Answers")
    silent = SupplierFactory.create(display_name="No Data")
    for supplier in (fast, slow, silent):
        ProductFactory.create(supplier=supplier, title="PU soccer ball")
    search_reindex()
    buyer = CompanyFactory.create(kind="buyer")
    _answers(fast, buyer, [True, True, True, True, False])  # 80 %
    _answers(slow, buyer, [True, False, False, False, False])  # 20 %
    assert search_suppliers(SupplierQuery()).count == 3
    assert search_suppliers(SupplierQuery(min_response_rate=50)).count == 0  # nothing fed yet

    with django_capture_on_commit_callbacks(execute=True):  # the feed reaches the index
        for supplier in (fast, slow):
            supplier_response_stats_refresh(supplier_id=supplier.id, now=timezone.now())

    found = search_suppliers(SupplierQuery(min_response_rate=50))
    assert {hit.company_id for hit in found.hits} == {fast.id}
    everyone = search_suppliers(SupplierQuery(min_response_rate=10))
    assert {hit.company_id for hit in everyone.hits} == {fast.id, slow.id}

    page = Client().get("/search/suppliers/", {"min_response_rate": "50"}).content.decode()
    assert "Fast Answers" in page
    assert "Slow Answers" not in page
    assert "Response rate 80%" in page
    assert "usually replies within 3 h" in page
