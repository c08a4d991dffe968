"""The order page's documents card: links to what is issued, a line about what comes next."""

import pytest
from django.template.loader import render_to_string

from tradebridge.orders.enums import TradeDocumentKind
from tradebridge.orders.services.documents import document_issue, documents_issue_on_ship
from tradebridge.orders.tests.documents.conftest import ISSUED

pytestmark = pytest.mark.django_db


def panel(order, member):
    return render_to_string("orders/documents_panel.html", {"actor": member, "order": order})


def test_before_confirmation_the_card_says_when_the_proforma_comes(order, buyer_member):
    html = panel(order, buyer_member)

    assert "/documents/" not in html
    assert "issued when the supplier confirms the order" in html


def test_the_proforma_link_then_all_three(order, buyer_member, supplier_member):
    document_issue(order_id=order.pk, kind=TradeDocumentKind.PROFORMA_INVOICE, now=ISSUED)
    html = panel(order, supplier_member)
    assert f'href="/orders/{order.pk}/documents/proforma-invoice.pdf"' in html
    assert "PI-2026-000001.pdf" in html
    assert "issued when the order ships" in html

    documents_issue_on_ship(order.pk, now=ISSUED)
    html = panel(order, buyer_member)
    for slug in ("proforma-invoice", "commercial-invoice", "packing-list"):
        assert f'href="/orders/{order.pk}/documents/{slug}.pdf"' in html
    assert "issued when" not in html


def test_another_company_sees_no_document(order, buyer_member):
    from tradebridge.companies.tests.factories import MembershipFactory
    from tradebridge.orders.tests.documents.conftest import german_buyer

    documents_issue_on_ship(order.pk, now=ISSUED)
    stranger = MembershipFactory.create(company=german_buyer())

    assert "/documents/" not in panel(order, stranger)
