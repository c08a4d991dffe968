"""GET /api/v1/orders/{id}/documents/{kind}.pdf and its page twin: the order's two companies
only (X13: another company 404, not issued 404, anonymous 401)."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client

from tradebridge.companies.enums import Role
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.orders.enums import TradeDocumentKind
from tradebridge.orders.services.documents import document_issue
from tradebridge.orders.tests.documents.conftest import ISSUED, german_buyer

pytestmark = pytest.mark.django_db


def client_for(membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


def api_url(order, kind="proforma-invoice"):
    return f"/api/v1/orders/{order.pk}/documents/{kind}.pdf"


def page_url(order, kind="proforma-invoice"):
    return f"/orders/{order.pk}/documents/{kind}.pdf"


@pytest.fixture
def issued(order):
    return document_issue(order_id=order.pk, kind=TradeDocumentKind.PROFORMA_INVOICE, now=ISSUED)


@pytest.mark.parametrize("url", [api_url, page_url])
@pytest.mark.parametrize("side", ["buyer_member", "supplier_member"])
def test_both_parties_download_the_pdf(request, order, issued, url, side):
    response = client_for(request.getfixturevalue(side)).get(url(order))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="PI-2026-000001.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize("url", [api_url, page_url])
def test_another_company_gets_404(order, issued, url):
    stranger = MembershipFactory.create(company=german_buyer(), role=Role.OWNER)

    response = client_for(stranger).get(url(order))

    assert response.status_code == 404


@pytest.mark.parametrize(
    "kind", ["commercial-invoice", "packing-list", "invoice", "proforma_invoice"]
)
def test_not_issued_or_unknown_kind_is_404(order, issued, buyer_member, kind):
    response = client_for(buyer_member).get(api_url(order, kind))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_anonymous_api_401_and_page_to_sign_in(order, issued):
    assert Client().get(api_url(order)).status_code == 401
    page = Client().get(page_url(order))
    assert page.status_code == 302
    assert page["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?next=")
