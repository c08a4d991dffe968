"""The back office: the operator edits the one row of RFQ settings; RFQs, quotes and deals are
read-only there (they change through the services only; a deal never changes)."""

import pytest
from django.test import Client

from tradebridge.accounts.tests.factories import OperatorFactory
from tradebridge.rfq.models import RFQSettings
from tradebridge.rfq.selectors import rfq_settings
from tradebridge.rfq.tests.factories import DealFactory, RFQFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client() -> Client:
    client = Client()
    client.force_login(OperatorFactory.create())
    return client


def test_the_operator_edits_the_settings(operator_client: Client) -> None:
    rfq_settings()
    fields = {
        "suppliers_notified_per_rfq": "12",
        "quotes_per_supplier_per_day": "40",
        "rfqs_per_company_per_day": "5",
    }

    response = operator_client.post("/admin/rfq/rfqsettings/1/change/", fields)

    assert response.status_code == 302
    row = RFQSettings.objects.get()
    assert (row.suppliers_notified_per_rfq, row.quotes_per_supplier_per_day) == (12, 40)
    assert row.rfqs_per_company_per_day == 5
    assert operator_client.get("/admin/rfq/rfqsettings/add/").status_code == 403
    assert operator_client.post("/admin/rfq/rfqsettings/1/delete/").status_code == 403


def test_rfqs_and_deals_are_read_only(operator_client: Client) -> None:
    rfq = RFQFactory.create(title="Match balls")
    deal = DealFactory.create()

    assert "Match balls" in operator_client.get("/admin/rfq/rfq/").content.decode()
    change = operator_client.post(f"/admin/rfq/rfq/{rfq.pk}/change/", {"title": "Changed"})
    assert change.status_code == 403
    edit = operator_client.post(f"/admin/rfq/deal/{deal.pk}/change/", {"unit_price": "0.01"})
    assert edit.status_code == 403
    assert operator_client.get("/admin/rfq/deal/add/").status_code == 403
    rfq.refresh_from_db()
    deal.refresh_from_db()
    assert (rfq.title, str(deal.unit_price)) == ("Match balls", "3.9000")
