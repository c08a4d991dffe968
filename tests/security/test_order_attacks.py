"""Attack cases on orders, cart and checkout, payments, disputes, trade documents and
webhook endpoints (reliability anchors, section 8):

- X13: acting on another company's order, dispute, document or webhook endpoint by id.
- X2/X3: prices and quantities slipped into cart and checkout bodies.
- X6/X7: provider webhooks naming another company's instalment; amounts and currencies from
  the client; an operator matching a transfer in another currency.
- X14: own objects pointing at foreign ids (another order's instalment, internal URLs).
- X15: another company's Idempotency-Key on checkout.
- Roles: a viewer, a sales member, a purchaser doing what their role may not.
- X11: formula injection in the payout report.

Every refused attack asserts the exact answer and that nothing changed: the order's status and
timeline, the ledger's postings, the dispute, the outbox.
"""

import uuid
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client, override_settings

from tests.security.trades import (
    DISPUTE,
    delivered,
    disputed,
    login,
    make_parties,
    member,
    post,
    snapshot,
)
from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.companies.enums import CompanyKind, Role
from tradebridge.companies.models import Membership
from tradebridge.companies.tests.factories import CompanyFactory
from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.models import Cart, CartItem, Order, Purchase, ShippingAddress
from tradebridge.orders.tests.buying import default_address
from tradebridge.orders.tests.lifecycle.conftest import Parties, place, set_status
from tradebridge.webhooks.models import WebhookDelivery, WebhookEndpoint
from tradebridge.webhooks.tests.factories import WebhookEndpointFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def parties(db: None) -> Parties:
    return make_parties()


# --- X13: another company's order, by id --------------------------------------------------------

ORDER_ACTIONS = {
    "confirm": (OrderStatus.AWAITING_CONFIRMATION, {}),
    "decline": (OrderStatus.AWAITING_CONFIRMATION, {"note": "No capacity"}),
    "production-done": (OrderStatus.IN_PRODUCTION, {}),
    "ship": (OrderStatus.READY_TO_SHIP, {"carrier": "DHL", "tracking_number": "JD0001"}),
    "mark-delivered": (OrderStatus.SHIPPED, {}),
    "cancel-unpaid": (OrderStatus.AWAITING_BALANCE, {"note": "Balance never paid"}),
    "cancel": (OrderStatus.AWAITING_CONFIRMATION, {"note": "Changed my mind"}),
    "confirm-receipt": (OrderStatus.DELIVERED, {}),
    "dispute": (OrderStatus.DELIVERED, DISPUTE),
}


@pytest.mark.parametrize("action", ORDER_ACTIONS)
@pytest.mark.parametrize("who", ["outsider", "outsider_supplier"])
def test_x13_an_action_on_another_companys_order_is_404_and_changes_nothing(
    parties: Parties, action: str, who: str
) -> None:
    status, body = ORDER_ACTIONS[action]
    order = delivered(parties) if status == OrderStatus.DELIVERED else place(parties)
    order = set_status(order, status)
    before = snapshot()

    api = post(login(getattr(parties, who)), f"/api/v1/orders/{order.pk}/{action}", body)
    page = login(getattr(parties, who)).post(f"/orders/{order.pk}/{action}/", body)

    assert api.status_code == 404
    assert api.json()["code"] == "not_found"
    assert page.status_code == 404
    assert snapshot() == before


@pytest.mark.parametrize("action", ORDER_ACTIONS)
def test_x13_an_anonymous_action_is_401_and_changes_nothing(parties: Parties, action: str) -> None:
    order = place(parties)
    before = snapshot()

    response = post(Client(), f"/api/v1/orders/{order.pk}/{action}", ORDER_ACTIONS[action][1])

    assert response.status_code == 401
    assert snapshot() == before


def test_x13_another_companys_order_reads_are_404(parties: Parties) -> None:
    order = place(parties)
    outsider = login(parties.outsider)

    assert outsider.get(f"/api/v1/orders/{order.pk}").status_code == 404
    assert outsider.get(f"/orders/{order.pk}/").status_code == 404
    assert outsider.get(f"/orders/{order.pk}/confirm/").status_code == 404
    listed = outsider.get("/api/v1/orders", {"q": order.reference}).json()
    assert listed["count"] == 0


@pytest.mark.parametrize("kind", ["proforma-invoice", "commercial-invoice", "packing-list"])
def test_x13_another_companys_trade_document_is_404(parties: Parties, kind: str) -> None:
    order = set_status(place(parties), OrderStatus.AWAITING_CONFIRMATION)
    confirmed = post(login(parties.supplier), f"/api/v1/orders/{order.pk}/confirm")
    assert confirmed.status_code == 200, confirmed.content
    order = set_status(order, OrderStatus.READY_TO_SHIP)
    shipped = post(
        login(parties.supplier),
        f"/api/v1/orders/{order.pk}/ship",
        {"carrier": "DHL", "tracking_number": "JD0001"},
    )
    assert shipped.status_code == 200, shipped.content
    own = login(parties.buyer).get(f"/api/v1/orders/{order.pk}/documents/{kind}.pdf")
    assert own.status_code == 200
    assert own.content.startswith(b"%PDF")

    for who in ("outsider", "outsider_supplier"):
        client = login(getattr(parties, who))
        assert client.get(f"/api/v1/orders/{order.pk}/documents/{kind}.pdf").status_code == 404
        assert client.get(f"/orders/{order.pk}/documents/{kind}.pdf").status_code == 404
    assert Client().get(f"/api/v1/orders/{order.pk}/documents/{kind}.pdf").status_code == 401


# --- roles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "action"),
    [
        ("buyer_viewer", "cancel"),
        ("buyer_viewer", "confirm-receipt"),
        ("buyer_viewer", "dispute"),
        ("supplier_viewer", "confirm"),
        ("supplier_viewer", "ship"),
        ("purchaser", "ship"),
        ("purchaser", "confirm"),
        ("supplier_purchaser", "ship"),
        ("sales", "confirm-receipt"),
        ("sales", "dispute"),
    ],
)
def test_a_role_that_may_not_act_is_refused_and_changes_nothing(
    parties: Parties, who: str, action: str
) -> None:
    status, body = ORDER_ACTIONS[action]
    order = delivered(parties) if status == OrderStatus.DELIVERED else place(parties)
    order = set_status(order, status)
    before = snapshot()

    response = post(login(getattr(parties, who)), f"/api/v1/orders/{order.pk}/{action}", body)
    page = login(getattr(parties, who)).post(f"/orders/{order.pk}/{action}/", body)

    assert response.status_code == 403
    assert page.status_code == 400  # the action's page again, saying why
    assert snapshot() == before


# --- disputes -----------------------------------------------------------------------------------

DISPUTE_ACTIONS = {
    "accept": {},
    "counter": {"counter_refund": {"amount": "10.00", "currency": "EUR"}, "note": "Half."},
    "contest": {"note": "Used wrongly."},
    "accept-counter": {},
    "escalate": {},
    "withdraw": {},
    "decide": {"resolution": "full_refund"},
}


@pytest.mark.parametrize("action", DISPUTE_ACTIONS)
@pytest.mark.parametrize("who", ["outsider", "outsider_supplier"])
def test_x13_another_orders_dispute_is_404_and_changes_nothing(
    parties: Parties, action: str, who: str
) -> None:
    _order, dispute = disputed(parties)
    before = snapshot()
    client = login(getattr(parties, who))

    api = post(client, f"/api/v1/disputes/{dispute.pk}/{action}", DISPUTE_ACTIONS[action])
    page = client.post(f"/disputes/{dispute.pk}/{action}/", DISPUTE_ACTIONS[action])
    nowhere = uuid.uuid4()
    unknown_api = post(client, f"/api/v1/disputes/{nowhere}/{action}", DISPUTE_ACTIONS[action])
    unknown_page = client.post(f"/disputes/{nowhere}/{action}/", DISPUTE_ACTIONS[action])

    # Deciding is the operator's: the API refuses it before the dispute is looked up (403 for
    # any id, so the answer tells nothing); everything else answers as for an unknown dispute.
    assert api.status_code == unknown_api.status_code == (403 if action == "decide" else 404)
    assert page.status_code == unknown_page.status_code == 404
    assert client.get(f"/api/v1/disputes/{dispute.pk}").status_code == 404
    assert client.get(f"/disputes/{dispute.pk}/").status_code == 404
    assert snapshot() == before


def test_x14_evidence_cannot_be_added_to_another_dispute(parties: Parties) -> None:
    """The outsider has a dispute of its own; it posts evidence to the buyer's."""
    _order, dispute = disputed(parties)
    before = snapshot()
    client = login(parties.outsider)
    evidence = {"note": "Look", "file": _pdf()}

    response = client.post(f"/api/v1/disputes/{dispute.pk}/evidence", evidence)
    page = client.post(f"/disputes/{dispute.pk}/evidence/", {"note": "Look", "file": _pdf()})

    assert response.status_code == 404
    assert page.status_code == 404
    assert dispute.evidence.count() == 0
    assert snapshot() == before


def _pdf() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("photo.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF\n")


def test_the_supplier_cannot_decide_its_own_dispute(parties: Parties) -> None:
    _order, dispute = disputed(parties)
    before = snapshot()

    response = post(
        login(parties.supplier), f"/api/v1/disputes/{dispute.pk}/decide", {"resolution": "release"}
    )

    assert response.status_code == 403
    assert snapshot() == before


# --- webhook endpoints -------------------------------------------------------------------------


def _endpoint(member: Membership) -> WebhookEndpoint:
    return WebhookEndpointFactory.create(company=member.company)


@pytest.mark.parametrize("who", ["outsider", "outsider_supplier"])
def test_x13_another_companys_webhook_endpoint_and_deliveries_are_404(
    parties: Parties, who: str
) -> None:
    endpoint = _endpoint(parties.buyer)
    tested = post(login(parties.buyer), f"/api/v1/webhook-endpoints/{endpoint.pk}/test")
    assert tested.status_code in {200, 201, 202}, tested.content
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    before = (snapshot(), list(WebhookEndpoint.objects.values_list("id", "url", "is_active")))
    client = login(getattr(parties, who))
    base = f"/api/v1/webhook-endpoints/{endpoint.pk}"

    answers = [
        client.get(base).status_code,
        client.get(f"{base}/deliveries").status_code,
        post(client, f"{base}/deliveries/{delivery.pk}/resend").status_code,
        post(client, f"{base}/test").status_code,
        post(client, f"{base}/rotate-secret").status_code,
        client.patch(base, {"is_active": False}, content_type="application/json").status_code,
        client.delete(base).status_code,
        client.get(f"/company/webhooks/{endpoint.pk}/").status_code,
        client.post(f"/company/webhooks/{endpoint.pk}/secret/").status_code,
        client.post(f"/company/webhooks/{endpoint.pk}/rotate/").status_code,
        client.post(f"/company/webhooks/{endpoint.pk}/delete/").status_code,
        client.post(f"/company/webhooks/{endpoint.pk}/test/").status_code,
        client.post(
            f"/company/webhooks/{endpoint.pk}/deliveries/{delivery.pk}/resend/"
        ).status_code,
    ]

    assert answers == [404] * len(answers)
    assert before == (
        snapshot(),
        list(WebhookEndpoint.objects.values_list("id", "url", "is_active")),
    )


def test_x13_a_delivery_of_another_endpoint_cannot_be_resent_through_ones_own(
    parties: Parties,
) -> None:
    theirs = _endpoint(parties.buyer)
    post(login(parties.buyer), f"/api/v1/webhook-endpoints/{theirs.pk}/test")
    delivery = WebhookDelivery.objects.get(endpoint=theirs)
    own = _endpoint(parties.outsider)
    before = snapshot()

    response = post(
        login(parties.outsider),
        f"/api/v1/webhook-endpoints/{own.pk}/deliveries/{delivery.pk}/resend",
    )

    assert response.status_code == 404
    assert snapshot() == before


def test_a_viewer_cannot_manage_webhooks(parties: Parties) -> None:
    endpoint = _endpoint(parties.buyer)
    client = login(parties.buyer_viewer)
    base = f"/api/v1/webhook-endpoints/{endpoint.pk}"
    count = WebhookEndpoint.objects.count()

    created = post(client, "/api/v1/webhook-endpoints", {"url": "https://erp.example/hooks"})
    rotated = post(client, f"{base}/rotate-secret")
    removed = client.delete(base)

    assert (created.status_code, rotated.status_code, removed.status_code) == (403, 403, 403)
    assert WebhookEndpoint.objects.count() == count


@override_settings(WEBHOOKS_ALLOW_PRIVATE=False)
@pytest.mark.parametrize(
    "url",
    [
        "https://169.254.169.254/latest/meta-data/",
        "https://localhost:5432/",
        "https://localhost.:5432/",
        "https://LOCALHOST/",
        "https://api.localhost/",
        "https://[::1]/",
        "https://[::ffff:127.0.0.1]/",
        "https://127.0.0.1/",
        "https://10.0.0.8/",
        "https://0.0.0.0/",
        "https://2130706433/",
        "https://0x7f000001/",
        "https://0177.0.0.1/",
        "https://127.1/",
        "https://0/",
        "http://169.254.169.254/",
    ],
)
def test_x14_a_webhook_endpoint_cannot_point_inside(parties: Parties, url: str) -> None:
    client = login(parties.buyer)

    created = post(client, "/api/v1/webhook-endpoints", {"url": url})
    page = client.post("/company/webhooks/", {"url": url, "description": "ERP"})

    assert created.status_code == 422, created.content
    assert page.status_code == 400  # the form again, with its error
    assert WebhookEndpoint.objects.count() == 0


# --- cart and checkout: X2, X3, X15 ------------------------------------------------------------


def _buyer() -> Membership:
    buyer = member(CompanyFactory.create(kind=CompanyKind.BUYER), Role.PURCHASER)
    default_address(buyer)
    return buyer


def _product(**fields: Any) -> Product:
    fields.setdefault("tiers", ((10, "5.00"), (100, "4.50")))
    fields.setdefault("stock", 1000)
    return ProductFactory.create(**fields)


def _add(client: Client, product: Product, quantity: object, **extra: object) -> Any:
    return post(
        client, "/api/v1/cart/items", {"product_id": str(product.pk), "quantity": quantity, **extra}
    )


@pytest.mark.parametrize(
    "extra",
    [
        {"unit_price": "0.01"},
        {"unit_price_seen": {"amount": "0.01", "currency": "USD"}},
        {"total": "1"},
        {"currency": "JPY"},
        {"status": "completed"},
        {"supplier_id": str(uuid.uuid4())},
    ],
)
def test_x2_a_price_or_owner_in_a_cart_body_is_refused(extra: dict[str, object]) -> None:
    client = login(_buyer())
    product = _product()

    response = _add(client, product, 10, **extra)

    assert response.status_code == 422
    assert CartItem.objects.count() == 0


@pytest.mark.parametrize(
    "extra",
    [
        {"unit_price": "0.01"},
        {"total": {"amount": "1.00", "currency": "USD"}},
        {"currency": "JPY"},
        {"status": "completed"},
        {"buyer_id": str(uuid.uuid4())},
        {"supplier_id": str(uuid.uuid4())},
        {"deposit_percent": "0"},
        {"ship_to_id": str(uuid.uuid4())},
    ],
)
def test_x2_extra_fields_in_checkout_are_refused_and_nothing_is_ordered(
    extra: dict[str, object],
) -> None:
    client = login(_buyer())
    assert _add(client, _product(), 10).status_code == 201

    response = post(client, "/api/v1/checkout", extra, **{"Idempotency-Key": "k1"})

    assert response.status_code == 422
    assert Order.objects.count() == Purchase.objects.count() == 0
    assert CartItem.objects.count() == 1


def test_x2_a_patch_of_a_cart_lines_price_is_refused() -> None:
    client = login(_buyer())
    item = _add(client, _product(), 10).json()

    response = client.patch(
        f"/api/v1/cart/items/{item['id']}",
        {"quantity": 10, "unit_price_seen": {"amount": "0.01", "currency": "USD"}},
        content_type="application/json",
    )

    assert response.status_code == 422
    line = CartItem.objects.get()
    assert line.unit_price_seen == Decimal("5.00")


def test_x2_a_price_raised_after_adding_answers_409_first_then_the_new_price() -> None:
    client = login(_buyer())
    product = _product()
    assert _add(client, product, 10).status_code == 201
    product.tiers.filter(min_quantity=10).update(unit_price=Decimal("7.00"))

    first = post(client, "/api/v1/checkout", {}, **{"Idempotency-Key": "a"})
    second = post(client, "/api/v1/checkout", {}, **{"Idempotency-Key": "b"})

    assert first.status_code == 409
    assert first.json()["code"] == "price_changed"
    assert second.status_code == 201, second.content
    assert second.json()["orders"][0]["total"] == {"amount": "70.00", "currency": "USD"}
    assert Order.objects.get().total == Decimal("70.00")


@pytest.mark.parametrize(
    "quantity", [-1, 0, 1.5, "1e3", "10", 2**63, "NaN", None, True, [10], 10**7]
)
def test_x3_absurd_quantities_are_refused(quantity: object) -> None:
    client = login(_buyer())
    product = _product()
    assert _add(client, product, 10).status_code == 201
    item_id = CartItem.objects.get().pk

    added = _add(client, _product(), quantity)
    patched = client.patch(
        f"/api/v1/cart/items/{item_id}", {"quantity": quantity}, content_type="application/json"
    )

    assert added.status_code == 422, added.content
    assert patched.status_code == 422, patched.content
    assert list(CartItem.objects.values_list("quantity", flat=True)) == [10]


def test_x3_nan_in_raw_json_is_refused() -> None:
    client = login(_buyer())
    product = _product()

    response = client.post(
        "/api/v1/cart/items",
        f'{{"product_id": "{product.pk}", "quantity": NaN}}',
        content_type="application/json",
    )

    assert response.status_code in {400, 422}
    assert CartItem.objects.count() == 0


def test_x3_a_cart_holds_a_bounded_number_of_lines() -> None:
    from tradebridge.orders.services.carts import MAX_CART_LINES

    client = login(_buyer())
    supplier = SupplierFactory.create()
    products = [_product(supplier=supplier) for _ in range(MAX_CART_LINES + 1)]
    for product in products[:MAX_CART_LINES]:
        assert _add(client, product, 10).status_code == 201

    response = _add(client, products[-1], 10)

    assert response.status_code == 422
    assert CartItem.objects.count() == MAX_CART_LINES


def test_x3_the_same_product_on_a_sample_line_and_a_normal_line_counts_against_stock() -> None:
    client = login(_buyer())
    product = _product(stock=15, sample_available=True, sample_price=Decimal("9.00"))
    assert _add(client, product, 10).status_code == 201

    response = _add(client, product, 10, is_sample=True)

    assert response.status_code == 409, response.content
    assert response.json()["code"] == "insufficient_stock"
    assert list(CartItem.objects.values_list("quantity", "is_sample")) == [(10, False)]
    product.refresh_from_db()
    assert product.stock == 15


def test_x15_another_companys_idempotency_key_gets_its_own_checkout() -> None:
    a, b = login(_buyer()), login(_buyer())
    assert _add(a, _product(), 10).status_code == 201
    assert _add(b, _product(), 20).status_code == 201

    first = post(a, "/api/v1/checkout", {}, **{"Idempotency-Key": "shared-key"})
    second = post(b, "/api/v1/checkout", {}, **{"Idempotency-Key": "shared-key"})

    assert first.status_code == second.status_code == 201
    assert first.json()["purchase_id"] != second.json()["purchase_id"]
    assert second.json()["orders"][0]["total"] == {"amount": "100.00", "currency": "USD"}
    assert Purchase.objects.count() == 2


@pytest.mark.parametrize("role", [Role.VIEWER, Role.SALES])
def test_a_viewer_or_sales_member_cannot_check_out_on_the_api_or_the_page(role: Role) -> None:
    """Their cart is filled behind the API's back (adding is refused too): checkout is still
    refused."""
    owner = _buyer()
    other = member(owner.company, role)
    client = login(other)
    product = _product()
    cart = Cart.objects.create(membership=other)
    CartItem.objects.create(
        cart=cart,
        product=product,
        quantity=10,
        unit_price_seen=Decimal("5.00"),
        currency_seen="USD",
    )
    address = ShippingAddress.objects.get(company=owner.company)
    before = snapshot()

    api = post(client, "/api/v1/checkout", {}, **{"Idempotency-Key": "k"})
    add = _add(client, _product(), 10)
    page = client.post("/checkout/", {"key": "form-1", "address": str(address.pk)})

    assert api.status_code == 403
    assert add.status_code == 403
    assert page.status_code == 403
    assert Order.objects.count() == Purchase.objects.count() == 0
    assert snapshot() == before


def test_x14_the_checkout_page_refuses_another_companys_saved_address() -> None:
    buyer, other = _buyer(), _buyer()
    client = login(buyer)
    assert _add(client, _product(), 10).status_code == 201
    foreign = ShippingAddress.objects.get(company=other.company)

    page = client.post("/checkout/", {"key": "form-1", "address": str(foreign.pk)})

    assert page.status_code == 400
    assert Order.objects.count() == Purchase.objects.count() == 0


def test_a_cart_line_of_another_member_is_404() -> None:
    a, b = _buyer(), _buyer()
    item = _add(login(a), _product(), 10).json()
    client = login(b)

    patched = client.patch(
        f"/api/v1/cart/items/{item['id']}", {"quantity": 99}, content_type="application/json"
    )
    removed = client.delete(f"/api/v1/cart/items/{item['id']}")

    assert (patched.status_code, removed.status_code) == (404, 404)
    assert CartItem.objects.get().quantity == 10
