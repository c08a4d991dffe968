"""A new supplier's dashboard checklist: get verified, add or import products, publish them."""

import pytest

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.tests.factories import ProductFactory
from tradebridge.companies.enums import VerificationLevel
from tradebridge.companies.models import Company
from tradebridge.companies.tests.web.pages import elements

pytestmark = pytest.mark.django_db

SUPPLIER_STEPS = ["profile", "verify", "products", "publish", "invite", "mfa", "token"]


def _steps(market, actor: str) -> dict[str, bool]:
    response = market.client(actor).get("/dashboard/")
    assert response.status_code == 200
    return {
        item["data-step"]: item.get("class") == "is-done"
        for item in elements(response.text, "li")
        if "data-step" in item
    }


def test_a_new_suppliers_owner_sees_the_steps_to_sell_none_done_yet(market):
    steps = _steps(market, "owner")

    assert list(steps) == SUPPLIER_STEPS
    assert (steps["verify"], steps["products"], steps["publish"]) == (False, False, False)


def test_each_step_is_done_once_true(market):
    ProductFactory.create(supplier=market.supplier, status=ProductStatus.DRAFT)
    assert (_steps(market, "owner")["products"], _steps(market, "owner")["publish"]) == (
        True,
        False,
    )

    ProductFactory.create(supplier=market.supplier, status=ProductStatus.PUBLISHED)
    Company.objects.filter(id=market.supplier.id).update(
        verification_level=VerificationLevel.BUSINESS_VERIFIED
    )

    steps = _steps(market, "owner")
    assert (steps["verify"], steps["products"], steps["publish"]) == (True, True, True)


def test_another_suppliers_products_count_for_nothing(market):
    other = Company.objects.get(slug="ningbo-home")
    ProductFactory.create(supplier=other, status=ProductStatus.PUBLISHED)

    steps = _steps(market, "owner")

    assert (steps["products"], steps["publish"]) == (False, False)


@pytest.mark.parametrize(
    ("actor", "expected"),
    [
        ("sales", ["profile", "products", "publish", "mfa", "token"]),
        ("viewer", ["profile", "mfa", "token"]),
        ("buyer", ["profile", "invite", "mfa", "token"]),
    ],
)
def test_steps_follow_the_role_and_the_kind(market, actor, expected):
    assert list(_steps(market, actor)) == expected
