"""The order API: the list with its filters and search, one order, every action, the
authorization matrix of the actions (X13: another company's order answers 404 and nothing
changes), idempotent replays."""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tradebridge.companies.models import Membership
from tradebridge.orders.enums import OrderStatus
from tradebridge.orders.models import Order, OrderLine
from tradebridge.orders.tests.lifecycle.conftest import (
    DAY,
    Parties,
    pay,
    place,
    reload,
    set_status,
)

pytestmark = pytest.mark.django_db


def client_for(membership: Membership) -> Client:
    client = Client()
    client.force_login(membership.user)
    return client


def prepaid(parties: Parties, status: OrderStatus, **fields: object) -> Order:
    """A fully paid order (1000 EUR held) put in `status`."""
    order = place(parties, deposit_percent="100")
    pay(order, "full")
    return set_status(order, status, **fields)


def post(member: Membership, order: Order, action: str, body: dict[str, Any] | None = None,
         **headers: str) -> Any:  # fmt: skip
    return client_for(member).post(
        f"/api/v1/orders/{order.pk}/{action}", body or {}, content_type="application/json",
        headers=headers,
    )  # fmt: skip


# --- reading -----------------------------------------------------------------------------------


def test_each_company_lists_its_orders_on_its_side(parties: Parties) -> None:
    order = place(parties)

    bought = client_for(parties.buyer_viewer).get("/api/v1/orders").json()
    sold = client_for(parties.sales).get("/api/v1/orders?role=supplier").json()
    none = client_for(parties.outsider).get("/api/v1/orders").json()

    assert bought["count"] == sold["count"] == 1
    assert bought["results"][0]["role"] == "buyer"
    assert sold["results"][0]["role"] == "supplier"
    assert bought["results"][0]["total"] == {"amount": "1000.00", "currency": "EUR"}
    assert bought["results"][0]["reference"] == order.reference
    assert none == {"count": 0, "page": 1, "page_size": 20, "results": []}
    as_supplier = client_for(parties.buyer).get("/api/v1/orders?role=supplier").json()
    assert as_supplier["count"] == 0


@pytest.mark.parametrize(
    ("q", "found"),
    [("PO-1", 1), ("match BALL", 1), ("nothing-like-it", 0), ("Rhein", 0)],
)
def test_the_list_searches_reference_po_lines_and_the_other_company(
    parties: Parties, q: str, found: int
) -> None:
    place(parties)

    body = client_for(parties.buyer).get("/api/v1/orders", {"q": q}).json()

    assert body["count"] == found


def test_the_list_searches_the_other_companys_name_and_filters_by_status(
    parties: Parties,
) -> None:
    order = place(parties)
    supplier_name = parties.supplier.company.display_name
    buyer_name = parties.buyer.company.display_name

    assert (
        client_for(parties.buyer).get("/api/v1/orders", {"q": supplier_name}).json()["count"] == 1
    )
    assert client_for(parties.buyer).get("/api/v1/orders", {"q": buyer_name}).json()["count"] == 0
    assert client_for(parties.sales).get("/api/v1/orders", {"q": buyer_name}).json()["count"] == 1
    assert (
        client_for(parties.buyer).get("/api/v1/orders", {"q": order.reference[4:]}).json()["count"]
        == 1
    )
    cancelled = client_for(parties.buyer).get("/api/v1/orders?status=cancelled").json()
    assert cancelled["count"] == 0
    assert client_for(parties.buyer).get("/api/v1/orders?status=nope").status_code == 422


def test_the_list_costs_the_same_queries_for_one_order_or_many(parties: Parties) -> None:
    place(parties)
    client = client_for(parties.buyer)
    client.get("/api/v1/orders")  # warm the session

    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/orders")
    for _ in range(4):
        place(parties)
    with CaptureQueriesContext(connection) as five:
        assert client.get("/api/v1/orders").json()["count"] == 5

    assert len(five) == len(one)


def test_an_order_reads_with_lines_timeline_payments_and_actions(parties: Parties) -> None:
    order = place(parties)

    body = client_for(parties.supplier_viewer).get(f"/api/v1/orders/{order.pk}").json()

    assert body["status"] == "awaiting_confirmation"
    assert body["role"] == "supplier"
    assert body["actions"] == ["confirm", "decline"]
    [line] = body["lines"]
    assert (line["title"], line["quantity"]) == ("Match ball, size 5", 100)
    assert line["unit_price"] == {"amount": "10.00", "currency": "EUR"}
    assert [event["kind"] for event in body["timeline"]] == ["placed"]
    payments = body["payments"]
    assert payments["total"] == {"amount": "1000.00", "currency": "EUR"}
    assert [(i["kind"], i["amount"]["amount"]) for i in payments["instalments"]] == [
        ("deposit", "300.00"),
        ("balance", "700.00"),
    ]
    assert payments["instalments"][0]["reference"].startswith("TB-")
    assert (body["documents"], body["dispute"]) == ([], None)
    assert body["ship_to"]["city"] == "Duisburg"
    buyer_view = client_for(parties.buyer).get(f"/api/v1/orders/{order.pk}").json()
    assert buyer_view["actions"] == ["cancel"]


def test_another_companys_order_does_not_exist(parties: Parties) -> None:
    order = place(parties)

    for outsider in (parties.outsider, parties.outsider_supplier):
        response = client_for(outsider).get(f"/api/v1/orders/{order.pk}")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


# --- acting ------------------------------------------------------------------------------------

SHIP = {"carrier": "DHL", "tracking_number": "1Z999"}
DISPUTE = {
    "reason": "quality",
    "description": "Seams split.",
    "requested_refund": {"amount": "100.00", "currency": "EUR"},
}


def _fresh(parties: Parties) -> Order:
    return place(parties)


def _at(status: OrderStatus, **fields: object) -> Callable[[Parties], Order]:
    return lambda parties: prepaid(parties, status, **fields)


# action, its body, a setup where it is allowed, the side, the answer, the status after.
CASES: list[tuple[str, dict[str, Any], Callable[[Parties], Order], str, int, str]] = [
    ("confirm", {}, _fresh, "supplier", 200, "awaiting_deposit"),
    ("decline", {"note": "No capacity"}, _fresh, "supplier", 200, "cancelled"),
    ("production-done", {}, _at(OrderStatus.IN_PRODUCTION), "supplier", 200, "ready_to_ship"),
    ("ship", SHIP, _at(OrderStatus.READY_TO_SHIP), "supplier", 200, "shipped"),
    ("mark-delivered", {}, _at(OrderStatus.SHIPPED), "supplier", 200, "delivered"),
    ("cancel", {"note": ""}, _fresh, "buyer", 200, "cancelled"),
    ("confirm-receipt", {}, _at(OrderStatus.SHIPPED), "buyer", 200, "completed"),
    ("dispute", DISPUTE, _at(OrderStatus.SHIPPED), "buyer", 201, "disputed"),
]


def _members(parties: Parties, side: str) -> tuple[Membership, list[tuple[Membership, int]]]:
    """The member who may act, and (member, expected status) for everyone else."""
    if side == "supplier":
        allowed = parties.sales
        own_side_refused = [parties.supplier_viewer, parties.supplier_purchaser]
        other_side = [parties.buyer, parties.purchaser]
    else:
        allowed = parties.purchaser
        own_side_refused = [parties.buyer_viewer, parties.buyer_sales]
        other_side = [parties.supplier, parties.sales]
    refused = [(m, 403) for m in own_side_refused + other_side]
    return allowed, [(parties.outsider, 404), (parties.outsider_supplier, 404), *refused]


@pytest.mark.parametrize(("action", "body", "setup", "side", "code", "after"), CASES)
def test_the_authorization_matrix_of_every_action(
    parties: Parties,
    action: str,
    body: dict[str, Any],
    setup: Callable[[Parties], Order],
    side: str,
    code: int,
    after: str,
) -> None:
    order = setup(parties)
    before = (order.status, order.events.count())
    allowed, refused = _members(parties, side)

    for member, expected in refused:
        response = post(member, order, action, body)
        assert response.status_code == expected, (member.role, response.json())
        assert (reload(order).status, order.events.count()) == before

    response = post(allowed, order, action, body)
    assert response.status_code == code, response.json()
    assert response.json()["status"] == after
    assert reload(order).status == after


@pytest.mark.parametrize(("action", "body", "setup", "side", "code", "after"), CASES)
def test_an_action_not_allowed_now_answers_409(
    parties: Parties,
    action: str,
    body: dict[str, Any],
    setup: Callable[[Parties], Order],
    side: str,
    code: int,
    after: str,
) -> None:
    order = prepaid(parties, OrderStatus.COMPLETED)
    member = parties.supplier if side == "supplier" else parties.buyer

    response = post(member, order, action, body)

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    assert response.json()["details"]["current"] == "completed"
    assert reload(order).status == OrderStatus.COMPLETED


def test_an_unknown_action_is_not_found(parties: Parties) -> None:
    order = place(parties)

    response = post(parties.supplier, order, "approve")

    assert response.status_code == 404
    assert reload(order).status == OrderStatus.AWAITING_CONFIRMATION


def test_an_action_replays_with_its_idempotency_key(parties: Parties) -> None:
    order = prepaid(parties, OrderStatus.READY_TO_SHIP)

    first = post(parties.supplier, order, "ship", SHIP, **{"Idempotency-Key": "ship-1"})
    again = post(parties.supplier, order, "ship", SHIP, **{"Idempotency-Key": "ship-1"})
    other = post(
        parties.supplier, order, "ship", {**SHIP, "carrier": "UPS"}, **{"Idempotency-Key": "ship-1"}
    )

    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert other.status_code == 422
    assert order.events.filter(kind="shipped").count() == 1


def test_extra_fields_are_refused(parties: Parties) -> None:
    order = prepaid(parties, OrderStatus.READY_TO_SHIP)

    response = post(parties.supplier, order, "ship", {**SHIP, "status": "completed"})

    assert response.status_code == 422
    assert reload(order).status == OrderStatus.READY_TO_SHIP


def test_a_dispute_answers_with_the_dispute(parties: Parties) -> None:
    order = prepaid(parties, OrderStatus.DELIVERED)

    body = post(parties.buyer, order, "dispute", DISPUTE).json()

    assert body["dispute"]["status"] == body["dispute"]["stage"] == "awaiting_supplier"
    assert body["dispute"]["requested_refund"] == {"amount": "100.00", "currency": "EUR"}
    assert body["dispute"]["url"] == f"/api/v1/disputes/{body['dispute']['id']}"
    assert body["actions"] == []


def test_a_contested_dispute_shows_its_stage_on_the_order(parties: Parties) -> None:
    order = prepaid(parties, OrderStatus.DELIVERED)
    dispute_id = post(parties.buyer, order, "dispute", DISPUTE).json()["dispute"]["id"]
    contested = client_for(parties.supplier).post(
        f"/api/v1/disputes/{dispute_id}/contest",
        {"note": "Checked before packing."},
        content_type="application/json",
    )

    body = client_for(parties.buyer).get(f"/api/v1/orders/{order.pk}").json()

    assert contested.status_code == 200
    assert (body["dispute"]["status"], body["dispute"]["stage"]) == (
        "supplier_countered",
        "supplier_contested",
    )


def test_cancel_in_production_before_the_deadline_answers_409(parties: Parties) -> None:
    from django.utils import timezone

    order = prepaid(parties, OrderStatus.IN_PRODUCTION, ship_by=timezone.now() + DAY)

    response = post(parties.buyer, order, "cancel")

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    assert "ship_by" in response.json()["details"]


def test_line_titles_do_not_widen_the_search_to_other_orders(parties: Parties) -> None:
    """A title search matches the actor's company's orders only (X1-style scoping)."""
    mine = place(parties)
    OrderLine.objects.filter(order=mine).update(title="Futsal ball")

    found = client_for(parties.outsider).get("/api/v1/orders", {"q": "Futsal"}).json()

    assert found["count"] == 0


def test_a_search_with_a_nul_character_is_refused(parties: Parties) -> None:
    response = client_for(parties.buyer).get("/api/v1/orders", {"q": "ball\x00"})

    assert response.status_code == 422
