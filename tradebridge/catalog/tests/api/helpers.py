"""Shared pieces of the catalog API tests: actors, clients, request bodies, snapshots."""

from typing import Any

from django.test import Client

from tradebridge.catalog.models import PriceTier, Product, ProductImage, ProductVariant

NOT_FOUND = {"code": "not_found", "message": "Not found.", "details": {}}

WRITERS = ("owner", "admin", "sales")
READ_ONLY = ("purchaser", "viewer")
MEMBERS = (*WRITERS, *READ_ONLY)
STRANGERS = ("other_owner", "buyer_owner")  # another supplier's owner; a buyer company's owner


def client_as(team: Any, actor: str) -> Client:
    """A client with the actor's session (CSRF is tested by companies); anonymous: none."""
    client = Client()
    if actor != "anonymous":
        client.force_login(team.member(actor).user)
    return client


def matrix(ok: int, *, writers_only: bool = True) -> list[tuple[str, int]]:
    """(actor, status): writers (or every member) get `ok`, read-only members 403, members
    of another company 404, anonymous callers 401."""
    allowed = WRITERS if writers_only else MEMBERS
    rows = [(actor, ok if actor in allowed else 403) for actor in MEMBERS]
    return [*rows, *((actor, 404) for actor in STRANGERS), ("anonymous", 401)]


def assert_denial(response: Any, status: int) -> None:
    assert response.status_code == status, response.content
    if status == 404:  # the same body as for an id that does not exist (which it may echo)
        body = response.json()
        assert {**body, "details": {}} == NOT_FOUND
        assert set(body["details"]) <= {"product_id", "image_id"}
    else:
        code = {401: "not_authenticated", 403: "permission_denied"}[status]
        assert response.json()["code"] == code


def product_body(**overrides: Any) -> dict[str, Any]:
    """A complete create body for a soccer ball; override any field."""
    body: dict[str, Any] = {
        "sku": "BALL-5",
        "title": "PU leather soccer ball, size 5",
        "currency": "USD",
        "tiers": [
            {"min_quantity": 100, "unit_price": "4.20"},
            {"min_quantity": 500, "unit_price": "3.90"},
            {"min_quantity": 2000, "unit_price": "3.50"},
        ],
        "description": "Machine-stitched, butyl bladder.",
        "translations": {"fr": {"title": "Ballon de football en cuir PU, taille 5"}},
        "category_id": 1112,
        "attributes": [{"name": "Material", "value": "PU"}, {"name": "Size", "value": "5"}],
        "unit": "piece",
        "lead_time_days": 15,
        "lead_time_steps": [{"min_quantity": 5000, "days": 30}],
        "stock": 1200,
        "sample_available": True,
        "sample_price": "12.00",
        "customization": ["logo", "packaging"],
        "hs_code": "9506.62",
        "origin_country": "CN",
        "weight_kg": "0.42",
        "length_cm": "22",
        "width_cm": "22",
        "height_cm": "22",
        "units_per_carton": 50,
        "certifications": ["CE", "EN 71"],
        "variants": [
            {"sku": "BALL-5-RED", "options": {"Color": "Red"}, "stock": 600},
            {"sku": "BALL-5-BLUE", "options": {"Color": "Blue"}, "stock": None},
        ],
    }
    body.update(overrides)
    return body


def snapshot(product: Product) -> dict[str, Any]:
    """Everything stored about a product, to assert that a refused request changed nothing."""
    fresh = Product.objects.filter(id=product.id).values().first()
    return {
        "product": fresh,
        "tiers": list(
            PriceTier.objects.filter(product_id=product.id).values_list(
                "min_quantity", "unit_price"
            )
        ),
        "variants": list(
            ProductVariant.objects.filter(product_id=product.id).values_list(
                "sku", "options", "stock"
            )
        ),
        "images": list(
            ProductImage.objects.filter(product_id=product.id).values_list("id", "image")
        ),
    }
