"""The importer's batch upsert: one query per table per batch, failures per item, nothing
written for what did not change."""

from decimal import Decimal
from typing import Any

import pytest

from tradebridge.catalog.errors import DuplicateSku
from tradebridge.catalog.models import PriceTier, Product, ProductVariant
from tradebridge.catalog.pricing import Tier
from tradebridge.catalog.services import (
    ProductData,
    VariantData,
    product_upsert_by_sku,
    product_upsert_many,
)
from tradebridge.catalog.tests.conftest import SupplierTeam, ball_data, feed_mark, feed_rows
from tradebridge.catalog.tests.factories import ProductFactory, ProductVariantFactory
from tradebridge.core.errors import ValidationFailed

pytestmark = pytest.mark.usefixtures("categories")


def _item(number: int, **overrides: object) -> ProductData:
    fields: dict[str, object] = {"sku": f"SKU-{number}", "title": f"Ball {number}", **overrides}
    return ball_data(**fields)


def _variants(*skus: str) -> tuple[VariantData, ...]:
    return tuple(VariantData(sku=sku, options={"Color": sku}) for sku in skus)


def _upsert(team: SupplierTeam, items: list[ProductData]) -> list[Any]:
    return product_upsert_many(supplier=team.supplier, items=items, created_by=None)


def test_a_batch_reports_each_failure_on_its_item_and_writes_the_good_ones(
    team: SupplierTeam,
) -> None:
    other = ProductFactory.create(supplier=team.supplier, sku="OTHER")
    ProductVariantFactory.create(product=other, sku="OTHER-RED")
    items = [
        _item(1),
        _item(2, hs_code="12"),  # validation
        _item(3, category_id=987_654_321),  # unknown category
        ball_data(sku="OTHER-RED", title="Clashes with another product's variant"),
        _item(5, variants=_variants("OTHER")),  # a variant SKU that is another product's
        _item(6, variants=_variants("OTHER-RED")),  # a variant SKU of another's variant
        _item(7, variants=_variants("SKU-7-RED")),
    ]

    outcomes = _upsert(team, items)

    errors = [outcome.error for outcome in outcomes]
    assert [outcome.created for outcome in outcomes] == [
        True,
        False,
        False,
        False,
        False,
        False,
        True,
    ]
    assert errors[0] is None
    assert errors[6] is None
    assert isinstance(errors[1], ValidationFailed)
    assert errors[1].details["field"] == "hs_code"
    assert isinstance(errors[2], ValidationFailed)
    assert errors[2].details == {"field": "category", "errors": {"category": "Unknown category."}}
    assert [(type(error), error.details) for error in errors[3:6] if error is not None] == [
        (DuplicateSku, {"field": "sku", "sku": "OTHER-RED"}),
        (DuplicateSku, {"field": "variants", "sku": "OTHER"}),
        (DuplicateSku, {"field": "variants", "sku": "OTHER-RED"}),
    ]
    assert sorted(Product.objects.values_list("sku", flat=True)) == ["OTHER", "SKU-1", "SKU-7"]
    assert outcomes[0].product_id == Product.objects.get(sku="SKU-1").id
    assert ProductVariant.objects.get(sku="SKU-7-RED").product_id == outcomes[6].product_id


def test_a_batch_writes_one_query_per_table(
    team: SupplierTeam, django_assert_num_queries: Any
) -> None:
    items = [_item(number, variants=_variants(f"V-{number}")) for number in range(50)]

    # a savepoint around: lock by SKU, categories, products by SKU, variants by SKU, insert
    # products, tiers, variants, the feed; the same for 50 products as for one
    with django_assert_num_queries(10):
        outcomes = _upsert(team, items)

    assert all(outcome.created for outcome in outcomes)
    assert PriceTier.objects.count() == 150
    assert ProductVariant.objects.count() == 50


def test_re_upserting_the_same_batch_writes_nothing(
    team: SupplierTeam, django_assert_num_queries: Any
) -> None:
    items = [_item(number, variants=_variants(f"V-{number}", f"W-{number}")) for number in range(5)]
    _upsert(team, items)
    before = list(Product.objects.order_by("sku").values_list("id", "updated_at"))
    tiers = list(PriceTier.objects.order_by("id").values_list("id", flat=True))
    variants = list(ProductVariant.objects.order_by("id").values_list("id", "updated_at"))
    mark = feed_mark()

    # a savepoint around: lock, categories, products and variants by SKU, the variants'
    # owners, stored tiers, stored variants; reads only
    with django_assert_num_queries(9):
        outcomes = _upsert(team, items)

    assert [outcome.created for outcome in outcomes] == [False] * 5
    assert list(Product.objects.order_by("sku").values_list("id", "updated_at")) == before
    assert list(PriceTier.objects.order_by("id").values_list("id", flat=True)) == tiers
    assert list(ProductVariant.objects.order_by("id").values_list("id", "updated_at")) == variants
    assert feed_rows(mark) == []


def test_only_the_changed_products_and_their_tiers_are_rewritten(team: SupplierTeam) -> None:
    items = [_item(number) for number in range(3)]
    _upsert(team, items)
    kept = set(PriceTier.objects.exclude(product__sku="SKU-1").values_list("id", flat=True))
    mark = feed_mark()
    cheaper = (Tier(100, Decimal("4.00")), Tier(500, Decimal("3.90")))

    _upsert(team, [items[0], _item(1, tiers=cheaper), items[2]])

    changed = Product.objects.get(sku="SKU-1")
    assert feed_rows(mark) == [(changed.id, team.supplier.id)]
    assert set(PriceTier.objects.exclude(product=changed).values_list("id", flat=True)) == kept
    assert list(changed.tiers.values_list("min_quantity", "unit_price")) == [
        (100, Decimal("4.00")),
        (500, Decimal("3.90")),
    ]
    assert (changed.min_unit_price, changed.max_unit_price) == (Decimal("3.9"), Decimal(4))


def test_variants_are_matched_by_sku_and_keep_their_ids(team: SupplierTeam) -> None:
    _upsert(team, [_item(1, variants=_variants("RED", "BLUE"))])
    red = ProductVariant.objects.get(sku="RED")

    again = (
        VariantData(sku="GREEN", options={"Color": "Green"}),
        VariantData(sku="RED", options={"Color": "Red"}, stock=7),
    )
    _upsert(team, [_item(1, variants=again)])

    assert list(ProductVariant.objects.order_by("position").values_list("id", "sku", "stock")) == [
        (ProductVariant.objects.get(sku="GREEN").id, "GREEN", None),
        (red.id, "RED", 7),
    ]
    assert not ProductVariant.objects.filter(sku="BLUE").exists()


def test_a_sku_repeated_in_a_batch_is_written_in_order(team: SupplierTeam) -> None:
    outcomes = _upsert(team, [_item(1), _item(1, title="Second title"), _item(2)])

    assert [(outcome.created, outcome.error) for outcome in outcomes] == [
        (True, None),
        (False, None),
        (True, None),
    ]
    assert outcomes[0].product_id == outcomes[1].product_id
    assert Product.objects.get(sku="SKU-1").title == "Second title"


def test_existing_products_keep_their_status_and_new_ones_are_drafts(team: SupplierTeam) -> None:
    published = ProductFactory.create(supplier=team.supplier, sku="SKU-1")

    outcomes = _upsert(team, [_item(1), _item(2)])

    assert outcomes[0].product_id == published.id
    assert dict(Product.objects.values_list("sku", "status")) == {
        "SKU-1": "published",
        "SKU-2": "draft",
    }


def test_another_suppliers_skus_do_not_count(team: SupplierTeam) -> None:
    theirs = ProductFactory.create(supplier=team.other_supplier, sku="SKU-1")
    ProductVariantFactory.create(product=theirs, sku="SKU-2")

    outcomes = _upsert(team, [_item(1), _item(2)])

    assert [(outcome.created, outcome.error) for outcome in outcomes] == [(True, None)] * 2


def test_the_one_item_form_raises_the_items_error(team: SupplierTeam) -> None:
    ProductVariantFactory.create(product=ProductFactory.create(supplier=team.supplier), sku="X")

    with pytest.raises(DuplicateSku) as caught:
        product_upsert_by_sku(
            supplier=team.supplier, data=_item(1, variants=_variants("X")), created_by=None
        )

    assert caught.value.details == {"field": "variants", "sku": "X"}
