"""The quantity box: the HTMX partial and the no-JavaScript form price the same way."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from tradebridge.catalog.tests.factories import ProductFactory
from tradebridge.catalog.web.display import product_url
from tradebridge.core.models import FxRate
from tradebridge.core.tests.web.html_policy import csp_violations

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def ball(market):
    return ProductFactory.create(
        supplier=market.supplier,
        currency="USD",
        tiers=[(100, "4.28"), (500, "3.21"), (2000, "2.14")],
        order_multiple=10,
        lead_time_days=15,
        lead_time_steps=[[2000, 30]],
    )


def _quote(client: Client, product, quantity: str) -> str:
    response = client.get(product_url(product) + "price/", {"quantity": quantity}, headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="quote"')
    assert "<html" not in response.text
    return response.text


@pytest.mark.parametrize(
    ("quantity", "unit", "total", "tier", "days"),
    [
        ("100", "$4.28", "$428.00", "from 100", "15 days"),
        ("490", "$4.28", "$2,097.20", "from 100", "15 days"),
        ("500", "$3.21", "$1,605.00", "from 500", "15 days"),
        ("2000", "$2.14", "$4,280.00", "from 2000", "30 days"),
        ("1,000", "$3.21", "$3,210.00", "from 500", "15 days"),
    ],
)
def test_the_partial_prices_each_tier(market, rates, ball, quantity, unit, total, tier, days):
    text = _quote(Client(), ball, quantity)

    assert unit in text
    assert total in text
    assert '<tbody id="tier-body" hx-swap-oob="true">' in text  # the table highlights the tier
    assert tier in text
    assert days in text


def test_the_partial_converts_into_the_visitors_currency(market, rates, ball):
    client = Client()
    client.post("/preferences/currency/", {"currency": "EUR", "next": "/"})

    text = _quote(client, ball, "500")

    # 3.21 USD / 1.07 = 3.00 EUR; 500 x 3.00 = 1,500.00 EUR
    assert "$3.21" in text
    assert "€3.00" in text
    assert "$1,605.00" in text
    assert "€1,500.00" in text


def test_the_partial_uses_the_currencys_minor_units(market, rates, ball):
    client = Client()
    client.post("/preferences/currency/", {"currency": "JPY", "next": "/"})

    text = _quote(client, ball, "100")

    # 428 USD x 168.23 / 1.07 = 67,292 JPY (no minor unit)
    assert "¥67,292" in text


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("50", "The minimum order is 100 (unit: piece)."),
        ("105", "Order in multiples of 10; the nearest quantity is 110."),
        ("0", "Enter a whole number of at least 1."),
        ("-5", "Enter a whole number of at least 1."),
        ("ten", "Enter a whole number of at least 1."),
        ("", "Enter a whole number of at least 1."),
    ],
)
def test_errors_show_inline(market, rates, ball, quantity, message):
    text = _quote(Client(), ball, quantity)

    assert message in text
    assert 'role="alert"' in text
    assert "Total" not in text


def test_without_javascript_the_form_reloads_the_page_with_the_same_result(market, rates, ball):
    response = Client().get(product_url(ball), {"quantity": "2000"})

    assert response.status_code == 200
    assert "$4,280.00" in response.text
    assert 'class="is-applied"' in response.text
    assert csp_violations(response.text) == []


def test_the_page_starts_at_the_moq(market, rates, ball):
    response = Client().get(product_url(ball))

    assert 'value="100"' in response.text
    assert "$428.00" in response.text


def test_an_old_rate_still_converts_and_the_page_names_its_day(market, ball):
    day = timezone.localdate() - timedelta(days=200)
    FxRate.objects.create(date=day, currency="USD", rate=Decimal("1.0700"))
    client = Client()
    client.post("/preferences/currency/", {"currency": "EUR", "next": "/"})

    page = client.get(product_url(ball), {"quantity": "500"})

    assert "€1,500.00" in page.text
    assert f"Converted at the rate of {date_format(day, 'DATE_FORMAT')}" in page.text


def test_without_any_rate_prices_stay_in_the_suppliers_currency(market, ball):
    client = Client()
    client.post("/preferences/currency/", {"currency": "EUR", "next": "/"})

    page = client.get(product_url(ball), {"quantity": "500"})

    assert "$1,605.00" in page.text
    assert "€" not in page.text.split('id="quote"')[1].split("</div>")[0]
    assert "No exchange rate is available today" in page.text


def test_a_draft_without_tiers_previews_without_prices(market, rates):
    draft = ProductFactory.create(supplier=market.supplier, status="draft", tiers=[])

    response = market.client("owner").get(product_url(draft))

    assert response.status_code == 200
    assert "This product has no prices yet." in response.text


# --- issue 9, item 13: the buyer's currency, the typed quantity, the sample price ------------


def test_the_partial_puts_the_typed_quantity_in_the_pages_address(market, rates, ball):
    response = Client().get(product_url(ball) + "price/", {"quantity": "600"}, headers=HTMX)

    assert response["HX-Replace-Url"] == product_url(ball) + "?quantity=600"


def test_a_signed_in_buyer_sees_prices_in_the_companys_currency_by_default(market, rates, ball):
    market.buyer.company.default_currency = "GBP"
    market.buyer.company.save(update_fields=["default_currency"])

    text = _quote(market.client("buyer"), ball, "500")

    # 1,605.00 USD / 1.07 x 0.8425 = 1,263.75 GBP
    assert "$1,605.00" in text
    assert "£1,263.75" in text


def test_switching_currency_returns_to_the_typed_quantity_in_the_new_currency(market, rates, ball):
    client = Client()
    address = _quote_address(client, ball, "600")

    response = client.post("/preferences/currency/", {"currency": "EUR", "next": address})
    page = client.get(response["Location"])

    assert response["Location"] == product_url(ball) + "?quantity=600"
    assert 'value="600"' in page.text
    assert "€1,800.00" in page.text  # 600 x 3.21 USD / 1.07


def _quote_address(client: Client, product, quantity: str) -> str:
    response = client.get(product_url(product) + "price/", {"quantity": quantity}, headers=HTMX)
    return str(response["HX-Replace-Url"])


def test_the_sample_price_is_converted_too(market, rates):
    ball = ProductFactory.create(
        supplier=market.supplier, currency="USD", sample_available=True, sample_price="10.70"
    )
    client = Client()
    client.post("/preferences/currency/", {"currency": "EUR", "next": "/"})

    page = client.get(product_url(ball))

    assert '$10.70 <span class="muted sample-converted">≈ €10.00</span>' in page.text
