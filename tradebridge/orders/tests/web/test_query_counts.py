"""The two order lists read a constant number of queries whatever their number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("actor", "path"), [("buyer", "/orders/"), ("supplier_b", "/supplier/orders/")]
)
def test_order_lists_do_not_query_per_row(shop, actor, path):
    client = shop.client(actor)
    shop.place()
    _queries(client, path)  # the session's first request reads a few things once
    few = _queries(client, path)
    shop.place()
    shop.place()
    assert _queries(client, path) == few


def test_the_cart_does_not_query_per_line(shop):
    client = shop.client("buyer")
    shop.add()
    _queries(client, "/cart/")
    few = _queries(client, "/cart/")
    shop.add(product=shop.gloves, quantity=60, variant_id=shop.glove_s.pk)
    shop.add(product=shop.gloves, quantity=40, variant_id=shop.glove_m.pk)
    assert _queries(client, "/cart/") == few
