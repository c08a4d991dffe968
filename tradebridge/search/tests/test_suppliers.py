"""Supplier search: by name, by what they sell (main products, categories), by place and
verification level; suspended suppliers and buyers are not listed."""

import uuid

import pytest

from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.companies.enums import CompanyKind
from tradebridge.companies.tests.factories import CompanyFactory
from tradebridge.search.engine import InvalidSearch, search_suppliers
from tradebridge.search.services.indexing import search_reindex
from tradebridge.search.types import SupplierQuery

pytestmark = pytest.mark.django_db

SOCCER_BALLS = 1112
SPORTING_GOODS = 988
CANDLE_HOLDERS = 2784


def _ids(query: SupplierQuery) -> set[uuid.UUID]:
    return {hit.company_id for hit in search_suppliers(query).hits}


def test_suppliers_are_found_by_name_products_category_and_place(search_index: object) -> None:
    balls = SupplierFactory.create(
        display_name="Xiamen Sports", province="Fujian", verification_level="audited"
    )
    lights = SupplierFactory.create(
        display_name="Ningbo Homeware",
        province="Zhejiang",
        city="Ningbo",
        verification_level="unverified",
    )
    ProductFactory.create(supplier=balls, title="PU soccer ball", category_id=SOCCER_BALLS)
    ProductFactory.create(
        supplier=lights,
        title="Glass candle holder",
        category_id=CANDLE_HOLDERS,
        translations={"fr": {"title": "Bougeoir en verre"}},
    )
    SupplierFactory.create(display_name="Xiamen Closed", is_active=False)
    CompanyFactory.create(display_name="Xiamen Buyer", kind=CompanyKind.BUYER)
    search_reindex()

    assert _ids(SupplierQuery(text="xiamen")) == {balls.id}
    assert _ids(SupplierQuery(text="soccer balls")) == {balls.id}  # a main product, plural
    assert _ids(SupplierQuery(text="bougeoirs")) == {lights.id}  # French title of a product
    assert _ids(SupplierQuery(category=SPORTING_GOODS)) == {balls.id}  # an ancestor category
    assert _ids(SupplierQuery(province="Zhejiang")) == {lights.id}
    assert _ids(SupplierQuery(verified="business_verified")) == {balls.id}
    assert _ids(SupplierQuery(country="cn")) == {balls.id, lights.id}
    everyone = search_suppliers(SupplierQuery())
    assert everyone.count == 2
    assert {v.value: v.count for v in everyone.facets["province"]} == {"Fujian": 1, "Zhejiang": 1}


def test_bad_supplier_queries_are_refused(search_index: object) -> None:
    with pytest.raises(InvalidSearch) as raised:
        search_suppliers(
            SupplierQuery(page=0, page_size=0, verified="gold", min_response_rate=120, category=0)
        )
    assert set(raised.value.details) == {
        "page",
        "page_size",
        "verified",
        "min_response_rate",
        "category",
    }
