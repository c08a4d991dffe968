"""The RFQ list pages read a constant number of queries whatever their number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tradebridge.rfq.tests.factories import DealFactory, QuoteFactory, RFQFactory

pytestmark = pytest.mark.django_db


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def _more_rows(market, count: int) -> None:
    for _ in range(count):
        rfq = RFQFactory.create(buyer=market.rfq.buyer)
        quote = QuoteFactory.create(rfq=rfq, supplier=market.supplier_a.company)
        DealFactory.create(quote=quote)


@pytest.mark.parametrize(
    ("actor", "path"),
    [("buyer", "/rfqs/"), ("supplier_a", "/supplier/rfqs/"), ("supplier_a", "/deals/")],
)
def test_list_pages_do_not_query_per_row(market, actor, path):
    client = market.client(actor)
    _more_rows(market, 1)
    _queries(client, path)  # the session's first request reads a few things once
    few = _queries(client, path)
    _more_rows(market, 4)
    assert _queries(client, path) == few
