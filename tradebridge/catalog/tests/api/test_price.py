"""`GET /api/v1/products/{id}/price`: tiers, MOQ and order-multiple errors, lead time by
quantity, and conversion at ECB rates loaded from a tiny CSV through core's importer."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.api.helpers import client_as
from tradebridge.catalog.tests.factories import ProductFactory
from tradebridge.core.fx_ecb import parse_ecb_history
from tradebridge.core.services.fx import fx_rates_import

pytestmark = pytest.mark.django_db


def load_rates(*, days_ago: int = 1, usd: str = "1.1000", jpy: str = "160.00", gbp: str = "0.8000"):
    """One ECB publication day, `days_ago` days before today, as the ECB's CSV has it."""
    day = timezone.localdate() - timedelta(days=days_ago)
    text = f"Date,USD,JPY,GBP,\n{day.isoformat()},{usd},{jpy},{gbp},\n"
    fx_rates_import(rates=parse_ecb_history(text))
    return day


@pytest.fixture
def ball(team) -> Product:
    """USD 4.20 from 100, 3.90 from 500, 3.50 from 2000; 15 days, 30 from 5000; 1200 in stock."""
    return ProductFactory.create(
        supplier=team.supplier,
        currency="USD",
        tiers=[(100, "4.20"), (500, "3.90"), (2000, "3.50")],
        lead_time_days=15,
        lead_time_steps=[[5000, 30]],
        stock=1200,
    )


def price(client, product: Product, **params):
    return client.get(f"/api/v1/products/{product.id}/price", params)


@pytest.mark.parametrize(
    ("quantity", "tier", "unit", "total", "lead_time"),
    [
        (100, 100, "4.20", "420.00", 15),
        (499, 100, "4.20", "2095.80", 15),
        (500, 500, "3.90", "1950.00", 15),
        (1999, 500, "3.90", "7796.10", 15),
        (2000, 2000, "3.50", "7000.00", 15),
        (5000, 2000, "3.50", "17500.00", 30),
    ],
)
def test_the_tier_the_quantity_reaches_applies(
    client, ball, quantity, tier, unit, total, lead_time
):
    response = price(client, ball, quantity=quantity)

    body = response.json()
    assert response.status_code == 200
    assert body["quantity"] == quantity
    assert body["tier"]["min_quantity"] == tier
    assert body["unit_price"] == {"amount": unit, "currency": "USD"}
    assert body["total"] == {"amount": total, "currency": "USD"}
    assert body["supplier_total"] == body["total"]
    assert body["conversion"] is None
    assert body["lead_time_days"] == lead_time
    assert (body["moq"], body["order_multiple"], body["unit"]) == (100, 1, "piece")


def test_ready_to_ship_only_when_the_stock_covers_the_quantity(client, ball):
    assert price(client, ball, quantity=1200).json()["ready_to_ship"] is True
    assert price(client, ball, quantity=1300).json()["ready_to_ship"] is False


def test_below_the_moq_is_a_422_with_the_moq(client, ball):
    response = price(client, ball, quantity=99)

    assert response.status_code == 422
    assert response.json() == {
        "code": "below_moq",
        "message": "The quantity is below the minimum order quantity.",
        "details": {"moq": 100, "quantity": 99},
    }


def test_not_a_multiple_of_the_order_multiple_is_a_422_with_the_nearest_quantity(team, client):
    cartons = ProductFactory.create(
        supplier=team.supplier, tiers=[(100, "2.00")], moq=100, order_multiple=50
    )

    response = price(client, cartons, quantity=120)

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "not_order_multiple"
    assert body["details"] == {"order_multiple": 50, "quantity": 120, "nearest": 150}
    assert price(client, cartons, quantity=150).status_code == 200


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"quantity": 0}, "invalid_quantity"),
        ({"quantity": -5}, "invalid_quantity"),
        ({"quantity": "ten"}, "invalid_input"),
        ({"quantity": "1.5"}, "invalid_input"),
        ({}, "invalid_input"),
        ({"quantity": 10**12}, "invalid_input"),
        ({"quantity": 100, "currency": "EURO"}, "invalid_input"),
        ({"quantity": 100, "currency": "QQQ"}, "invalid_input"),  # not in the enum
    ],
)
def test_bad_parameters_are_422(client, ball, params, code):
    response = client.get(f"/api/v1/products/{ball.id}/price", params)

    assert response.status_code == 422
    assert response.json()["code"] == code


def test_conversion_to_euro_records_rate_date_and_source(client, ball):
    day = load_rates(usd="1.1000")

    body = price(client, ball, quantity=600, currency="EUR").json()

    # 600 x 3.90 USD = 2340 USD; / 1.1 USD per EUR = 2127.2727... EUR
    assert body["total"] == {"amount": "2127.27", "currency": "EUR"}
    # 3.90 / 1.1 = 3.545454... EUR: a unit price has at most 4 decimal places
    assert body["unit_price"] == {"amount": "3.5455", "currency": "EUR"}
    assert body["supplier_unit_price"] == {"amount": "3.90", "currency": "USD"}
    assert body["supplier_total"] == {"amount": "2340.00", "currency": "USD"}
    assert body["tier"] == {
        "min_quantity": 500,
        "unit_price": {"amount": "3.90", "currency": "USD"},
    }
    assert body["conversion"]["from_currency"] == "USD"
    assert body["conversion"]["to_currency"] == "EUR"
    assert body["conversion"]["rate"] == "0.90909091"  # 8 significant digits
    assert body["conversion"]["rate_date"] == day.isoformat()
    assert body["conversion"]["rate_source"] == "ECB"


def test_cross_rates_go_through_the_euro_and_round_to_the_target_minor_unit(client, ball):
    load_rates(usd="1.1000", jpy="160.00")

    body = price(client, ball, quantity=600, currency="jpy").json()

    # 2340 USD x 160 / 1.1 = 340363.63... JPY, which has no minor unit
    assert body["total"] == {"amount": "340364", "currency": "JPY"}
    assert body["unit_price"] == {"amount": "567.2727", "currency": "JPY"}
    assert body["conversion"]["rate"] == "145.45455"


def test_a_converted_unit_price_below_a_cent_keeps_4_decimal_places(client, team):
    load_rates(usd="1.1000")
    product = ProductFactory.create(supplier=team.supplier, tiers=[(1000, "0.0042")])

    body = price(client, product, quantity=1000, currency="EUR").json()

    # 0.0042 / 1.1 = 0.003818...; the total 4.20 USD / 1.1 = 3.8181... EUR
    assert body["unit_price"] == {"amount": "0.0038", "currency": "EUR"}
    assert body["total"] == {"amount": "3.82", "currency": "EUR"}
    assert body["supplier_unit_price"] == {"amount": "0.0042", "currency": "USD"}


def test_the_supplier_currency_needs_no_rate(client, ball):
    body = price(client, ball, quantity=100, currency="USD").json()

    assert body["conversion"] is None
    assert body["total"] == {"amount": "420.00", "currency": "USD"}


def test_no_rate_within_a_year_is_a_422(client, ball):
    load_rates(days_ago=400)

    response = price(client, ball, quantity=100, currency="EUR")

    assert response.status_code == 422
    assert response.json()["code"] == "fx_rate_unavailable"


@pytest.mark.parametrize("days_ago", [20, 200])
def test_an_old_rate_still_converts_and_says_its_date(client, ball, days_ago):
    day = load_rates(days_ago=days_ago)

    body = price(client, ball, quantity=100, currency="GBP").json()

    # 420 USD / 1.1 x 0.8 = 305.4545... GBP
    assert body["total"] == {"amount": "305.45", "currency": "GBP"}
    assert body["conversion"]["rate_date"] == day.isoformat()


def test_the_latest_rate_wins_over_older_ones(client, ball):
    load_rates(days_ago=30, usd="2.0000")
    day = load_rates(days_ago=3, usd="1.1000")

    body = price(client, ball, quantity=600, currency="EUR").json()

    assert body["total"] == {"amount": "2127.27", "currency": "EUR"}
    assert body["conversion"]["rate_date"] == day.isoformat()


@pytest.mark.parametrize(
    "hidden", [ProductStatus.DRAFT, ProductStatus.PENDING_REVIEW, ProductStatus.SUSPENDED]
)
def test_an_unpublished_product_has_no_public_price(team, client, hidden):
    product = ProductFactory.create(supplier=team.supplier, status=hidden)

    response = price(client, product, quantity=100)

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_suspended_suppliers_product_has_no_public_price(team, client, ball):
    team.supplier.is_active = False
    team.supplier.save(update_fields=["is_active"])

    assert price(client, ball, quantity=100).status_code == 404


def test_the_price_needs_no_authentication_and_ignores_a_session(team, ball):
    anonymous = price(client_as(team, "anonymous"), ball, quantity=500).json()
    signed_in = price(client_as(team, "buyer_owner"), ball, quantity=500).json()

    assert anonymous == signed_in
    assert anonymous["total"] == {"amount": "1950.00", "currency": "USD"}
