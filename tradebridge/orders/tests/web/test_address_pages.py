"""The company's shipping addresses: the list, adding one, choosing the default; another
company's address does not exist; a viewer reads only."""

import pytest

from tradebridge.orders.models import ShippingAddress

pytestmark = pytest.mark.django_db

NEW = {
    "name": "Lager Süd",
    "line1": "Ring 2",
    "city": "München",
    "postal_code": "80331",
    "country": "DE",
}


def test_adding_the_first_address_makes_it_the_default(shop):
    client = shop.client("buyer")
    response = client.post("/company/addresses/", NEW)
    assert response.status_code == 302
    address = ShippingAddress.objects.get(company=shop.buyer.company)
    assert (address.city, address.is_default) == ("München", True)
    page = client.get("/company/addresses/").content.decode()
    assert f'data-address="{address.pk}"' in page
    assert "Default" in page


def test_a_missing_field_is_said_beside_it(shop):
    response = shop.client("buyer").post("/company/addresses/", dict(NEW, city=""))
    assert response.status_code == 400
    assert "field--error" in response.content.decode()
    assert ShippingAddress.objects.count() == 0


def test_choosing_another_default(shop, default_address):
    client = shop.client("purchaser")
    client.post("/company/addresses/", NEW)
    second = ShippingAddress.objects.get(city="München")
    assert second.is_default is False
    client.post(f"/company/addresses/{second.pk}/default/")
    defaults = ShippingAddress.objects.filter(is_default=True).values_list("city", flat=True)
    assert list(defaults) == ["München"]


def test_another_companys_address_does_not_exist(shop, default_address):
    response = shop.client("other_buyer").post(f"/company/addresses/{default_address.pk}/default/")
    assert response.status_code == 404
    assert ShippingAddress.objects.get(pk=default_address.pk).is_default is True
    page = shop.client("other_buyer").get("/company/addresses/").content.decode()
    assert "Hafenstrasse" not in page


def test_a_viewer_reads_but_cannot_add(shop, default_address):
    client = shop.client("buyer_viewer")
    page = client.get("/company/addresses/").content.decode()
    assert "Hafenstrasse 1" in page
    assert 'id="address-form"' not in page
    response = client.post("/company/addresses/", NEW)
    assert response.status_code == 403
    assert ShippingAddress.objects.count() == 1
