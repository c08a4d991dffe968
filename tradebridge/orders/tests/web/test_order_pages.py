"""The order lists and the order page: scoping (another company's order does not exist),
the buttons each side and role sees, the actions through their confirmation pages, the
timeline as sentences, the deadlines."""

import pytest
from django.utils import translation

from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.models import Order, OrderEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed(shop):
    return shop.orders(shop.place())


def _page(client, path: str, status: int = 200) -> str:
    response = client.get(path)
    assert response.status_code == status, path
    return str(response.content.decode())


def _actions(page: str) -> list[str]:
    block = page[
        page.index('id="order-actions"') : page.index("</div>", page.index('id="order-actions"'))
    ]
    return [part.split('"')[0] for part in block.split('data-action="')[1:]]


def test_anonymous_visitors_are_sent_to_sign_in(client, placed):
    ball_order, _ = placed
    for path in ("/orders/", "/supplier/orders/", f"/orders/{ball_order.pk}/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")


def test_my_orders_lists_the_buyers_orders(shop, placed):
    page = _page(shop.client("buyer"), "/orders/")
    assert page.count("data-order=") == 2
    assert "Xiamen Balls" in page
    assert "Porto Gloves" in page
    assert 'data-status="awaiting_confirmation"' in page
    assert "PO PO-4711" in page


def test_the_supplier_lists_only_its_own_orders(shop, placed):
    ball_order, gloves_order = placed
    page = _page(shop.client("supplier_a"), "/supplier/orders/")
    assert ball_order.reference in page
    assert gloves_order.reference not in page
    assert "Confirm order" in page  # the next step hint
    assert _page(shop.client("supplier_a"), "/orders/", 404)  # a supplier-only company buys nothing


def test_status_chips_count_and_filter(shop, placed):
    ball_order, gloves_order = placed
    client = shop.client("buyer")
    shop.client("supplier_a").post(f"/orders/{ball_order.pk}/confirm/")
    page = _page(client, "/orders/")
    assert 'data-status="all"' in page
    chips = page[
        page.index('id="status-chips"') : page.index("</ul>", page.index('id="status-chips"'))
    ]
    assert 'Awaiting deposit <span class="status-chip__count">1</span>' in chips
    assert 'Awaiting supplier confirmation <span class="status-chip__count">1</span>' in chips
    filtered = _page(client, "/orders/?status=awaiting_deposit")
    assert ball_order.reference in filtered
    assert gloves_order.reference not in filtered
    assert "Pay deposit" in filtered


@pytest.mark.parametrize("q", ["gloves", "porto", "PO-4711"])
def test_the_search_box_finds_by_product_company_or_po(shop, placed, q):
    ball_order, gloves_order = placed
    page = _page(shop.client("buyer"), f"/orders/?q={q}")
    assert gloves_order.reference in page
    if q != "PO-4711":
        assert ball_order.reference not in page


def test_another_companys_order_does_not_exist(shop, placed):
    ball_order, _ = placed
    _page(shop.client("other_buyer"), f"/orders/{ball_order.pk}/", 404)
    _page(shop.client("supplier_b"), f"/orders/{ball_order.pk}/", 404)
    response = shop.client("supplier_b").post(f"/orders/{ball_order.pk}/confirm/")
    assert response.status_code == 404
    assert Order.objects.get(pk=ball_order.pk).status == OrderStatus.AWAITING_CONFIRMATION


def test_each_side_sees_its_own_actions_and_viewers_none(shop, placed):
    ball_order, _ = placed
    path = f"/orders/{ball_order.pk}/"
    assert _actions(_page(shop.client("supplier_a"), path)) == ["confirm", "decline"]
    assert _actions(_page(shop.client("buyer"), path)) == ["cancel"]
    assert _actions(_page(shop.client("purchaser"), path)) == ["cancel"]
    assert _actions(_page(shop.client("buyer_viewer"), path)) == []
    assert _actions(_page(shop.client("supplier_a_viewer"), path)) == []


def test_the_order_page_shows_lines_terms_deadline_and_timeline(shop, placed):
    _, gloves_order = placed
    page = _page(shop.client("buyer"), f"/orders/{gloves_order.pk}/")
    assert gloves_order.reference in page
    assert 'data-sku="GL-S"' in page
    assert 'data-sku="GL-M"' in page
    assert 'data-label="Quantity">60\u00a0pieces</td>' in page
    assert 'id="order-total">€1,000.00' in page
    assert 'data-deadline="confirm_by"' in page
    assert "The supplier confirms by" in page
    assert 'data-event="placed"' in page
    assert "Order placed." in page
    assert 'id="message-other"' in page
    assert "subject_kind=order" in page


def test_confirming_through_the_confirmation_page(shop, placed):
    ball_order, _ = placed
    client = shop.client("supplier_a")
    page = _page(client, f"/orders/{ball_order.pk}/confirm/")
    assert 'id="confirm-action"' in page
    response = client.post(f"/orders/{ball_order.pk}/confirm/")
    assert response.status_code == 302
    assert response["Location"] == f"/orders/{ball_order.pk}/"
    assert Order.objects.get(pk=ball_order.pk).status == OrderStatus.AWAITING_DEPOSIT
    detail = _page(client, f"/orders/{ball_order.pk}/")
    assert "The supplier confirmed the order." in detail


def test_the_buyer_cannot_take_the_suppliers_action(shop, placed):
    ball_order, _ = placed
    response = shop.client("buyer").post(f"/orders/{ball_order.pk}/confirm/")
    assert response.status_code == 400
    assert "Your role in the company does not allow this." in response.content.decode()
    assert Order.objects.get(pk=ball_order.pk).status == OrderStatus.AWAITING_CONFIRMATION


def test_a_viewer_cannot_cancel(shop, placed):
    ball_order, _ = placed
    response = shop.client("buyer_viewer").post(f"/orders/{ball_order.pk}/cancel/")
    assert response.status_code == 400
    assert Order.objects.get(pk=ball_order.pk).status == OrderStatus.AWAITING_CONFIRMATION


def test_the_buyer_cancels_with_a_reason(shop, placed):
    ball_order, _ = placed
    client = shop.client("buyer")
    client.post(f"/orders/{ball_order.pk}/cancel/", {"note": "Ordered twice"})
    assert Order.objects.get(pk=ball_order.pk).status == OrderStatus.CANCELLED
    page = _page(client, f"/orders/{ball_order.pk}/")
    assert "Cancelled by the buyer." in page
    assert "Ordered twice" in page
    assert _actions(page) == []


def test_an_unknown_action_does_not_exist(shop, placed):
    ball_order, _ = placed
    _page(shop.client("supplier_a"), f"/orders/{ball_order.pk}/explode/", 404)


def test_the_timeline_speaks_the_readers_language(shop, placed):
    ball_order, _ = placed
    shop.client("supplier_a").post(f"/orders/{ball_order.pk}/confirm/")
    client = shop.client("buyer")
    client.cookies["django_language"] = "fr"
    with translation.override("fr"):
        page = _page(client, f"/orders/{ball_order.pk}/")
    assert "Le fournisseur a confirmé la commande." in page
    assert OrderEvent.objects.filter(order=ball_order, kind="confirmed").count() == 1


def test_a_company_that_buys_and_sells_switches_between_its_two_lists(shop, placed):
    company = shop.supplier_a.company
    company.kind = "both"
    company.save(update_fields=["kind"])
    client = shop.client("supplier_a")
    bought = _page(client, "/orders/")
    assert 'id="order-sides"' in bought
    assert 'href="/supplier/orders/"' in bought
    sold = _page(client, "/supplier/orders/")
    assert placed[0].reference in sold
    assert 'href="/orders/"' in sold
    assert 'id="order-sides"' not in _page(shop.client("buyer"), "/orders/")
