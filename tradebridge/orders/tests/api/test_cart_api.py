"""The cart, checkout and shipping-address API: shapes, bad input, authorization, replays."""

import json
import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from tradebridge.catalog.models import Product
from tradebridge.companies.enums import Role
from tradebridge.companies.models import Membership
from tradebridge.orders.models import CartItem, Order, Purchase, ShippingAddress
from tradebridge.orders.services.carts import cart_item_add
from tradebridge.orders.tests.buying import buyer_member, product, supplier_company

pytestmark = pytest.mark.django_db

SHIP_TO = {"name": "Rhein Sport", "line1": "Hafenstr. 4", "city": "Duisburg", "country": "DE"}


def _client(member: Membership) -> Client:
    client = Client()
    client.force_login(member.user)
    return client


def _post(client: Client, path: str, body: Any, **headers: str) -> Any:
    return client.post(path, json.dumps(body), content_type="application/json", headers=headers)


def _cart(member: Membership) -> list[tuple[uuid.UUID, int]]:
    return list(
        CartItem.objects.filter(cart__membership=member).values_list("product_id", "quantity")
    )


def test_a_cart_with_two_suppliers_reads_grouped_and_checks_out() -> None:
    member = buyer_member()
    client = _client(member)
    first, second = supplier_company(display_name="Xiamen Balls"), supplier_company()
    ball = product(first, stock=500)
    net = product(second, tiers=((1, "80.00"),))

    added = _post(client, "/api/v1/cart/items", {"product_id": str(ball.pk), "quantity": 100})
    _post(client, "/api/v1/cart/items", {"product_id": str(net.pk), "quantity": 2})
    cart = client.get("/api/v1/cart").json()

    assert added.status_code == 201
    assert added.json()["unit_price_seen"] == {"amount": "4.50", "currency": "USD"}
    assert (cart["groups"][0]["supplier"]["name"], cart["groups"][0]["total"]) == (
        "Xiamen Balls",
        {"amount": "450.00", "currency": "USD"},
    )
    line = cart["groups"][0]["lines"][0]
    assert (line["quantity"], line["stock_available"], line["problems"], line["price_changed"]) == (
        100,
        500,
        [],
        False,
    )
    response = _post(client, "/api/v1/checkout", {"ship_to": SHIP_TO, "po_number": "PO-1"})

    assert response.status_code == 201, response.content
    body = response.json()
    purchase = Purchase.objects.get()
    assert (body["purchase_id"], body["reference"]) == (str(purchase.pk), purchase.reference)
    assert sorted(
        (o["supplier"]["id"], o["status"], o["total"]["amount"]) for o in body["orders"]
    ) == sorted(
        [
            (str(first.pk), "awaiting_confirmation", "450.00"),
            (str(second.pk), "awaiting_confirmation", "160.00"),
        ]
    )
    assert client.get("/api/v1/cart").json()["groups"] == []


@pytest.mark.parametrize(
    ("quantity", "status", "code"),
    [
        (-1, 422, "invalid_quantity"),
        (0, 422, "invalid_quantity"),
        (1.5, 422, "invalid_input"),
        ("1e3", 422, "invalid_input"),
        ("10", 422, "invalid_input"),
        (2**63, 422, "quantity_too_large"),
        (5, 422, "below_moq"),
        (600, 409, "insufficient_stock"),
    ],
)
def test_bad_quantities_answer_with_their_codes_and_add_nothing(
    quantity: object, status: int, code: str
) -> None:
    member = buyer_member()
    ball = product(stock=500)

    response = _post(
        _client(member), "/api/v1/cart/items", {"product_id": str(ball.pk), "quantity": quantity}
    )

    assert (response.status_code, response.json()["code"]) == (status, code)
    assert _cart(member) == []


def test_the_same_sku_twice_is_summed_against_the_stock() -> None:
    member = buyer_member()
    client = _client(member)
    ball = product(stock=150)
    body = {"product_id": str(ball.pk), "quantity": 100}

    assert _post(client, "/api/v1/cart/items", body).status_code == 201
    second = _post(client, "/api/v1/cart/items", body)

    assert (second.status_code, second.json()["code"]) == (409, "insufficient_stock")
    assert second.json()["details"]["requested"] == 200
    assert _cart(member) == [(ball.pk, 100)]


def test_a_price_cannot_be_slipped_in() -> None:
    member = buyer_member()
    ball = product()

    response = _post(
        _client(member),
        "/api/v1/cart/items",
        {"product_id": str(ball.pk), "quantity": 10, "unit_price": "0.01"},
    )

    assert (response.status_code, response.json()["code"]) == (422, "invalid_input")
    assert _cart(member) == []


def test_another_companys_cart_item_is_not_found_and_unchanged() -> None:
    owner = buyer_member()
    stranger = _client(buyer_member())
    item = cart_item_add(actor=owner, product_id=product().pk, quantity=10)
    path = f"/api/v1/cart/items/{item.pk}"

    patched = stranger.patch(path, json.dumps({"quantity": 20}), content_type="application/json")
    deleted = stranger.delete(path)

    assert [(r.status_code, r.json()["code"]) for r in (patched, deleted)] == [
        (404, "not_found")
    ] * 2
    assert _cart(owner) == [(item.product_id, 10)]
    assert stranger.get("/api/v1/cart").json()["groups"] == []


def test_patch_and_delete_a_line() -> None:
    member = buyer_member()
    client = _client(member)
    item = cart_item_add(actor=member, product_id=product().pk, quantity=10)
    path = f"/api/v1/cart/items/{item.pk}"

    patched = client.patch(path, json.dumps({"quantity": 100}), content_type="application/json")
    assert (patched.status_code, patched.json()["quantity"]) == (200, 100)
    assert patched.json()["unit_price_seen"]["amount"] == "4.50"
    assert client.delete(path).status_code == 204
    assert client.delete(path).status_code == 404
    assert _cart(member) == []


@pytest.mark.parametrize("role", [Role.VIEWER, Role.SALES])
def test_viewers_and_sales_cannot_check_out(role: Role) -> None:
    purchaser = buyer_member()
    member = buyer_member(role, company=purchaser.company)
    cart_item_add(actor=purchaser, product_id=product().pk, quantity=10)

    response = _post(_client(member), "/api/v1/checkout", {"ship_to": SHIP_TO})
    added = _post(
        _client(member), "/api/v1/cart/items", {"product_id": str(product().pk), "quantity": 10}
    )

    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
    assert added.status_code == 403
    assert Purchase.objects.count() == 0
    assert _cart(member) == []


def test_anonymous_callers_are_refused() -> None:
    client = Client()

    assert client.get("/api/v1/cart").status_code == 401
    assert _post(client, "/api/v1/checkout", {"ship_to": SHIP_TO}).status_code == 401


def test_checkout_replays_its_answer_for_the_same_key_and_body() -> None:
    member = buyer_member()
    client = _client(member)
    cart_item_add(actor=member, product_id=product().pk, quantity=10)
    body = {"ship_to": SHIP_TO}

    first = _post(client, "/api/v1/checkout", body, **{"Idempotency-Key": "k-1"})
    again = _post(client, "/api/v1/checkout", body, **{"Idempotency-Key": "k-1"})
    other = _post(
        client, "/api/v1/checkout", {**body, "po_number": "X"}, **{"Idempotency-Key": "k-1"}
    )

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert (other.status_code, other.json()["code"]) == (422, "idempotency_key_reused")
    assert Purchase.objects.count() == 1
    assert Order.objects.count() == 1


def test_checkout_conflicts_answer_409_with_their_codes() -> None:
    member = buyer_member()
    client = _client(member)
    ball = product(stock=100)
    cart_item_add(actor=member, product_id=ball.pk, quantity=100)
    ball.tiers.filter(min_quantity=100).update(unit_price=Decimal("4.90"))

    changed = _post(client, "/api/v1/checkout", {"ship_to": SHIP_TO})
    Product.objects.filter(pk=ball.pk).update(stock=50)
    short = _post(client, "/api/v1/checkout", {"ship_to": SHIP_TO})

    assert (changed.status_code, changed.json()["code"]) == (409, "price_changed")
    assert changed.json()["details"]["lines"][0]["new"] == {"amount": "4.90", "currency": "USD"}
    assert (short.status_code, short.json()["code"]) == (409, "insufficient_stock")
    assert Purchase.objects.count() == 0


def test_empty_cart_and_missing_address_answer_422() -> None:
    member = buyer_member()
    client = _client(member)

    empty = _post(client, "/api/v1/checkout", {"ship_to": SHIP_TO})
    cart_item_add(actor=member, product_id=product().pk, quantity=10)
    no_address = _post(client, "/api/v1/checkout", {})

    assert (empty.status_code, empty.json()["code"]) == (422, "cart_empty")
    assert (no_address.status_code, no_address.json()["code"]) == (422, "ship_to_required")


def test_shipping_addresses_are_the_companys_own() -> None:
    member = buyer_member()
    client = _client(member)
    stranger = _client(buyer_member())

    first = _post(client, "/api/v1/shipping-addresses", SHIP_TO)
    second = _post(client, "/api/v1/shipping-addresses", {**SHIP_TO, "name": "Depot 2"})
    made_default = client.post(f"/api/v1/shipping-addresses/{second.json()['id']}/default")
    foreign = stranger.post(f"/api/v1/shipping-addresses/{first.json()['id']}/default")

    assert (first.status_code, first.json()["is_default"]) == (201, True)
    assert (made_default.status_code, made_default.json()["is_default"]) == (200, True)
    assert foreign.status_code == 404
    listed = client.get("/api/v1/shipping-addresses").json()
    assert [(a["name"], a["is_default"]) for a in listed] == [
        ("Depot 2", True),
        ("Rhein Sport", False),
    ]
    assert stranger.get("/api/v1/shipping-addresses").json() == []
    assert ShippingAddress.objects.filter(is_default=True).count() == 1


def test_the_openapi_document_names_every_answer_of_checkout_and_cart_writes() -> None:
    document = Client().get("/api/v1/openapi.json").json()
    paths = document["paths"]

    checkout = paths["/api/v1/checkout"]["post"]
    add = paths["/api/v1/cart/items"]["post"]
    assert sorted(checkout["responses"]) == [
        "201", "400", "401", "403", "409", "413", "422", "503",
    ]  # fmt: skip
    assert sorted(add["responses"]) == ["201", "400", "401", "403", "404", "409", "413", "422"]
    assert "Idempotency-Key" in {p["name"] for p in checkout["parameters"]}
    schemas = document["components"]["schemas"]
    assert sorted(schemas["CartItemIn"]["properties"]) == [
        "is_sample", "product_id", "quantity", "variant_id",
    ]  # fmt: skip
