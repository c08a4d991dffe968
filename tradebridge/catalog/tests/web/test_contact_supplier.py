"""Product pages and storefronts offer "Contact supplier" (with the product as the subject)
to everyone but the supplier's own members, and show its response figures."""

import pytest
from django.test import Client
from django.utils import timezone

from tradebridge.catalog.tests.factories import ProductFactory
from tradebridge.catalog.web.display import product_url
from tradebridge.companies.enums import Role
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.messaging.models import SupplierResponseStats

pytestmark = pytest.mark.django_db


def test_the_product_page_and_storefront_offer_contact_and_response_figures() -> None:
    ball = ProductFactory.create(title="PU soccer ball")
    SupplierResponseStats.objects.create(
        supplier=ball.supplier,
        response_rate=86,
        median_first_response_seconds=3 * 3600 - 60,
        requests_count=14,
        computed_at=timezone.now(),
    )
    visitor = Client()
    page = visitor.get(product_url(ball)).content.decode()
    subject = f"&amp;subject_kind=product&amp;subject_id={ball.id}"
    assert f"/messages/new/?supplier={ball.supplier.slug}{subject}" in page
    assert "Response rate 86%" in page
    assert "usually replies within 3 h" in page
    store = visitor.get(f"/suppliers/{ball.supplier.slug}/").content.decode()
    assert f'/messages/new/?supplier={ball.supplier.slug}"' in store
    assert "86%" in store

    own = Client()
    own.force_login(MembershipFactory.create(company=ball.supplier, role=Role.SALES).user)
    assert "Contact supplier" not in own.get(product_url(ball)).content.decode()
    assert "Contact supplier" not in own.get(f"/suppliers/{ball.supplier.slug}/").content.decode()
