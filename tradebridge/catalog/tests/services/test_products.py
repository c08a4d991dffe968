import dataclasses
import io
import uuid
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.errors import DuplicateSku
from tradebridge.catalog.events import CatalogChanged
from tradebridge.catalog.images import image_ingest
from tradebridge.catalog.models import PriceTier, Product, ProductVariant
from tradebridge.catalog.pricing import Tier
from tradebridge.catalog.services import (
    VariantData,
    product_create,
    product_delete,
    product_update,
    product_upsert_by_sku,
)
from tradebridge.catalog.tests.conftest import (
    SOCCER_BALLS,
    SupplierTeam,
    ball_data,
    feed_mark,
    feed_rows,
)
from tradebridge.catalog.tests.factories import ProductFactory, ProductVariantFactory
from tradebridge.core.errors import NotFound, PermissionDenied, ValidationFailed
from tradebridge.core.models import AuditEvent

pytestmark = pytest.mark.usefixtures("categories")


def _snapshot() -> list[tuple[object, ...]]:
    """Everything a product write could touch, to assert that a denial changed nothing."""
    return [
        *Product.objects.order_by("id").values_list("id", "sku", "title", "status", "moq"),
        *PriceTier.objects.order_by("id").values_list("id", "product_id", "unit_price"),
        *ProductVariant.objects.order_by("id").values_list("id", "sku", "stock"),
        (AuditEvent.objects.count(),),
    ]


# --- create -----------------------------------------------------------------------------


def test_create_stores_every_field_normalised(
    team: SupplierTeam, changed: list[CatalogChanged], django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        product = product_create(actor=team.sales, data=ball_data())

    product.refresh_from_db()
    assert product.supplier_id == team.supplier.id
    assert product.status == ProductStatus.DRAFT
    assert (product.sku, product.title, product.currency) == (
        "BALL-5",
        "PU leather soccer ball, size 5",
        "USD",
    )
    assert product.moq == 100  # defaults to the lowest tier
    assert (product.min_unit_price, product.max_unit_price) == (Decimal("3.5"), Decimal("4.2"))
    assert [(t.min_quantity, t.unit_price) for t in product.tiers.all()] == [
        (100, Decimal("4.2")),
        (500, Decimal("3.9")),
        (2000, Decimal("3.5")),
    ]
    assert product.hs_code == "950662"
    assert product.origin_country == "CN"
    assert product.category_id == SOCCER_BALLS
    assert product.attributes == [["Material", "PU"], ["Size", "5"]]
    assert product.lead_time_steps == [[5000, 30]]
    assert product.translations == {"fr": {"title": "Ballon de football en cuir PU, taille 5"}}
    assert (product.stock, product.sample_price, product.units_per_carton) == (
        1200,
        Decimal(12),
        50,
    )
    assert product.is_ready_to_ship
    assert AuditEvent.objects.filter(
        action="product.created", object_id=str(product.id), company_id=team.supplier.id
    ).exists()
    assert changed == [CatalogChanged()]
    assert feed_rows() == [(product.id, team.supplier.id)]


def test_no_event_is_published_when_the_transaction_rolls_back(
    team: SupplierTeam, changed: list[CatalogChanged], django_capture_on_commit_callbacks: object
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:  # type: ignore[operator]
        product_create(actor=team.sales, data=ball_data())

    assert changed == []  # only after the commit
    assert len(callbacks) == 1


def test_an_explicit_moq_above_the_lowest_tier_is_kept(team: SupplierTeam) -> None:
    product = product_create(actor=team.owner, data=ball_data(moq=300))

    assert product.moq == 300


def test_variants_are_stored_in_order_with_their_own_skus(team: SupplierTeam) -> None:
    variants = (
        VariantData(sku="BALL-5-RED", options={"Color": "Red"}, stock=10),
        VariantData(sku="BALL-5-BLUE", options={"Color": "Blue"}),
    )

    product = product_create(actor=team.owner, data=ball_data(variants=variants))

    assert list(product.variants.values_list("sku", "options", "stock", "position")) == [
        ("BALL-5-RED", {"Color": "Red"}, 10, 0),
        ("BALL-5-BLUE", {"Color": "Blue"}, None, 1),
    ]


@pytest.mark.parametrize("role", ["owner", "admin", "sales"])
def test_roles_that_sell_may_create(team: SupplierTeam, role: str) -> None:
    product = product_create(actor=team.member(role), data=ball_data())

    assert product.supplier_id == team.supplier.id


@pytest.mark.parametrize("role", ["purchaser", "viewer", "buyer_owner"])
def test_others_cannot_create_and_nothing_is_written(team: SupplierTeam, role: str) -> None:
    before = _snapshot()

    with pytest.raises(PermissionDenied):
        product_create(actor=team.member(role), data=ball_data())

    assert _snapshot() == before


def test_an_inactive_membership_or_suspended_supplier_cannot_create(team: SupplierTeam) -> None:
    team.sales.is_active = False
    team.sales.save()
    team.other_supplier.is_active = False
    team.other_supplier.save()
    before = _snapshot()

    with pytest.raises(PermissionDenied):
        product_create(actor=team.sales, data=ball_data())
    with pytest.raises(PermissionDenied):
        product_create(actor=team.other_owner, data=ball_data())

    assert _snapshot() == before


# --- validation -------------------------------------------------------------------------

_TIERS = (Tier(100, Decimal("4.20")), Tier(500, Decimal("3.90")))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"sku": "  "}, "sku"),
        ({"sku": "X" * 65}, "sku"),
        ({"sku": "BALL\n5"}, "sku"),
        ({"title": ""}, "title"),
        ({"title": "T" * 301}, "title"),
        ({"description": "bad \x00 byte"}, "description"),
        ({"currency": "XYZ"}, "currency"),
        *(
            ({"currency": code}, "currency")
            for code in ("XXX", "XAU", "XAG", "XPT", "XPD", "XTS", "XDR", "XBA", "XBD", "XSU")
        ),
        ({"currency": "XUA"}, "currency"),
        ({"currency": "usd "}, None),
        ({"tiers": ()}, "tiers"),
        ({"tiers": (Tier(100, Decimal(4)), Tier(500, Decimal("4.5")))}, "tiers"),
        ({"tiers": (Tier(100, Decimal(4)), Tier(100, Decimal(3)))}, "tiers"),
        ({"tiers": (Tier(100, Decimal(-1)),)}, "tiers"),
        ({"tiers": (Tier(100, Decimal("1.00001")),)}, "tiers"),
        ({"moq": 50}, "moq"),
        ({"moq": 0}, "moq"),
        ({"order_multiple": 0}, "order_multiple"),
        ({"order_multiple": 12}, "moq"),
        ({"unit": "barrel"}, "unit"),
        ({"lead_time_days": -1}, "lead_time_days"),
        ({"lead_time_days": 4000}, "lead_time_days"),
        ({"lead_time_steps": ((500, 10),)}, "lead_time_steps"),
        ({"lead_time_steps": ((500, 20), (400, 30))}, "lead_time_steps"),
        ({"stock": -1}, "stock"),
        ({"sample_available": False}, "sample_price"),
        ({"sample_price": Decimal(-1)}, "sample_price"),
        ({"hs_code": "950680"}, "hs_code"),
        ({"hs_code": "95"}, "hs_code"),
        ({"origin_country": "XX"}, "origin_country"),
        ({"weight_kg": Decimal(0)}, "weight_kg"),
        ({"length_cm": Decimal("1.234")}, "length_cm"),
        ({"height_cm": Decimal("NaN")}, "height_cm"),
        ({"units_per_carton": 0}, "units_per_carton"),
        ({"attributes": (("", "PU"),)}, "attributes"),
        ({"attributes": tuple((f"A{i}", "v") for i in range(51))}, "attributes"),
        ({"certifications": ("CE", "ce")}, "certifications"),
        ({"customization": ("x" * 101,)}, "customization"),
        ({"translations": {"not a language": {"title": "x"}}}, "translations"),
        ({"translations": {"fr": {"price": "1"}}}, "translations"),
        ({"translations": {"de": {"title": "T" * 301}}}, "title_de"),
        ({"variants": (VariantData(sku="BALL-5", options={"Size": "4"}),)}, "variants"),
        ({"variants": (VariantData(sku="V1", options={}),)}, "variants"),
        (
            {
                "variants": (
                    VariantData(sku="V1", options={"Size": "4"}),
                    VariantData(sku="v1", options={"Size": "3"}),
                )
            },
            "variants",
        ),
        ({"variants": (VariantData(sku="V1", options={"Size": "4"}, stock=-2),)}, "variants"),
        ({"variants": (VariantData(sku="V1", options={"Size": ""}),)}, "variants"),
        (
            {
                "variants": tuple(
                    VariantData(sku=f"V{i}", options={"N": str(i)}) for i in range(201)
                )
            },
            "variants",
        ),
        ({"description": "D" * 20_001}, "description"),
        ({"translations": {f"l{chr(97 + i)}": {"title": "x"} for i in range(21)}}, "translations"),
        ({"tiers": (Tier(3_000_000_000, Decimal(1)),), "moq": None}, "tiers"),
        ({"lead_time_steps": ((500, 4000),)}, "lead_time_steps"),
        ({"certifications": tuple(f"C{i}" for i in range(31))}, "certifications"),
        ({"weight_kg": Decimal(10_000_000)}, "weight_kg"),
    ],
)
def test_each_bad_field_is_named_and_nothing_is_written(
    team: SupplierTeam, overrides: dict[str, object], field: str | None
) -> None:
    before = _snapshot()
    data = dataclasses.replace(ball_data(tiers=_TIERS), **overrides)  # type: ignore[arg-type]

    if field is None:  # normalised, valid
        assert product_create(actor=team.sales, data=data).currency == "USD"
        return
    with pytest.raises(ValidationFailed) as caught:
        product_create(actor=team.sales, data=data)

    assert caught.value.details["field"] == field
    assert field in caught.value.details["errors"]
    assert _snapshot() == before


@pytest.mark.parametrize("code", ["XOF", "XAF", "XCD", "XPF", "CHF"])
def test_real_currencies_starting_with_x_are_prices(team: SupplierTeam, code: str) -> None:
    assert product_create(actor=team.sales, data=ball_data(currency=code)).currency == code


def test_every_bad_field_is_listed_at_once(team: SupplierTeam) -> None:
    data = ball_data(title="", currency="XYZ", hs_code="1", stock=-5)

    with pytest.raises(ValidationFailed) as caught:
        product_create(actor=team.sales, data=data)

    assert set(caught.value.details["errors"]) == {"title", "currency", "hs_code", "stock"}


def test_an_unknown_category_is_refused(team: SupplierTeam) -> None:
    with pytest.raises(ValidationFailed) as caught:
        product_create(actor=team.sales, data=ball_data(category_id=99_999_999))

    assert caught.value.details["field"] == "category"
    assert not Product.objects.exists()


def test_a_float_amount_or_count_is_a_type_error(team: SupplierTeam) -> None:
    with pytest.raises(TypeError):
        ball_data(sample_price=12.0)
    with pytest.raises(TypeError):
        ball_data(weight_kg=0.42)
    with pytest.raises(TypeError):
        product_create(actor=team.sales, data=ball_data(stock=12.0))
    with pytest.raises(TypeError):
        ball_data(tiers=((100, Decimal(1)),))
    assert not Product.objects.exists()


# --- SKUs -------------------------------------------------------------------------------


def test_a_sku_is_unique_per_supplier_across_products_and_variants(team: SupplierTeam) -> None:
    ProductFactory.create(supplier=team.supplier, sku="BALL-5")
    ProductVariantFactory.create(product__supplier=team.supplier, sku="BALL-4-RED")
    before = _snapshot()

    with pytest.raises(DuplicateSku) as same_product:
        product_create(actor=team.sales, data=ball_data())
    with pytest.raises(DuplicateSku) as product_vs_variant:
        product_create(actor=team.sales, data=ball_data(sku="BALL-4-RED"))
    variant = VariantData(sku="BALL-5", options={"Size": "5"})
    with pytest.raises(DuplicateSku) as variant_vs_product:
        product_create(actor=team.sales, data=ball_data(sku="NEW", variants=(variant,)))

    assert same_product.value.details == {"field": "sku", "sku": "BALL-5"}
    assert product_vs_variant.value.details == {"field": "sku", "sku": "BALL-4-RED"}
    assert variant_vs_product.value.details == {"field": "variants", "sku": "BALL-5"}
    assert same_product.value.code == "duplicate_sku"
    assert _snapshot() == before


def test_another_supplier_may_use_the_same_sku(team: SupplierTeam) -> None:
    ProductFactory.create(supplier=team.other_supplier, sku="BALL-5")

    assert product_create(actor=team.sales, data=ball_data()).sku == "BALL-5"


# --- update and delete ------------------------------------------------------------------


def test_update_replaces_fields_tiers_and_variants_keeping_status_and_variant_ids(
    team: SupplierTeam,
) -> None:
    red = VariantData(sku="RED", options={"Color": "Red"})
    blue = VariantData(sku="BLUE", options={"Color": "Blue"})
    product = product_create(actor=team.sales, data=ball_data(variants=(red, blue)))
    Product.objects.filter(id=product.id).update(status=ProductStatus.PUBLISHED)
    red_id = product.variants.get(sku="RED").id
    new_data = ball_data(
        title="Match ball, size 5",
        tiers=(Tier(50, Decimal("6.00")), Tier(1000, Decimal("5.00"))),
        variants=(dataclasses.replace(red, stock=7), VariantData(sku="GREEN", options={"C": "G"})),
    )

    updated = product_update(actor=team.admin, product_id=product.id, data=new_data)

    updated.refresh_from_db()
    assert updated.title == "Match ball, size 5"
    assert updated.status == ProductStatus.PUBLISHED
    assert (updated.moq, updated.min_unit_price, updated.max_unit_price) == (
        50,
        Decimal(5),
        Decimal(6),
    )
    assert list(updated.tiers.values_list("min_quantity", flat=True)) == [50, 1000]
    assert list(updated.variants.values_list("id", "sku", "stock", "position")) == [
        (red_id, "RED", 7, 0),
        (updated.variants.get(sku="GREEN").id, "GREEN", None, 1),
    ]
    assert AuditEvent.objects.filter(action="product.updated", object_id=str(product.id)).exists()


@pytest.mark.parametrize("role", ["other_owner", "buyer_owner"])
def test_another_company_cannot_update_or_delete_and_gets_not_found(
    team: SupplierTeam, role: str
) -> None:
    product = ProductFactory.create(supplier=team.supplier, sku="BALL-5")
    before = _snapshot()

    with pytest.raises((NotFound, PermissionDenied)) as updating:
        product_update(actor=team.member(role), product_id=product.id, data=ball_data(sku="X"))
    with pytest.raises((NotFound, PermissionDenied)) as deleting:
        product_delete(actor=team.member(role), product_id=product.id)

    if role == "other_owner":  # a supplier: "not yours" is "does not exist"
        assert isinstance(updating.value, NotFound)
        assert isinstance(deleting.value, NotFound)
    assert _snapshot() == before


@pytest.mark.parametrize("role", ["purchaser", "viewer"])
def test_members_without_the_catalog_permission_cannot_update_or_delete(
    team: SupplierTeam, role: str
) -> None:
    product = ProductFactory.create(supplier=team.supplier, sku="BALL-5")
    before = _snapshot()

    with pytest.raises(PermissionDenied):
        product_update(actor=team.member(role), product_id=product.id, data=ball_data())
    with pytest.raises(PermissionDenied):
        product_delete(actor=team.member(role), product_id=product.id)

    assert _snapshot() == before


def test_updating_a_missing_product_is_not_found(team: SupplierTeam) -> None:
    with pytest.raises(NotFound):
        product_update(actor=team.owner, product_id=uuid.uuid4(), data=ball_data())


def test_renaming_a_sku_onto_a_sibling_is_a_duplicate(team: SupplierTeam) -> None:
    ProductFactory.create(supplier=team.supplier, sku="TAKEN")
    product = product_create(actor=team.sales, data=ball_data())
    before = _snapshot()

    with pytest.raises(DuplicateSku):
        product_update(actor=team.sales, product_id=product.id, data=ball_data(sku="TAKEN"))

    assert _snapshot() == before


def test_delete_removes_the_product_tiers_and_variants_and_audits(
    team: SupplierTeam, changed: list[CatalogChanged], django_capture_on_commit_callbacks: object
) -> None:
    variant = VariantData(sku="RED", options={"Color": "Red"})
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        product = product_create(actor=team.sales, data=ball_data(variants=(variant,)))
    changed.clear()
    mark = feed_mark()

    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        product_delete(actor=team.sales, product_id=product.id)

    assert not Product.objects.exists()
    assert not PriceTier.objects.exists()
    assert not ProductVariant.objects.exists()
    assert AuditEvent.objects.filter(action="product.deleted", object_id=str(product.id)).exists()
    assert changed == [CatalogChanged()]
    assert feed_rows(mark) == [(product.id, team.supplier.id)]


# --- the importer's upsert --------------------------------------------------------------


def test_upsert_creates_then_updates_in_place_by_sku(team: SupplierTeam) -> None:
    first, created = product_upsert_by_sku(
        supplier=team.supplier, data=ball_data(), created_by=None
    )
    Product.objects.filter(id=first.id).update(status=ProductStatus.PUBLISHED)

    second, created_again = product_upsert_by_sku(
        supplier=team.supplier, data=ball_data(title="Renamed ball"), created_by=None
    )

    assert (created, created_again) == (True, False)
    assert second.id == first.id
    assert Product.objects.get().title == "Renamed ball"
    assert Product.objects.get().status == ProductStatus.PUBLISHED
    assert PriceTier.objects.count() == 3


def test_upsert_twice_with_the_same_data_changes_nothing_visible(team: SupplierTeam) -> None:
    product_upsert_by_sku(supplier=team.supplier, data=ball_data(), created_by=None)
    before = list(Product.objects.values_list("id", "title", "moq", "min_unit_price"))

    product_upsert_by_sku(supplier=team.supplier, data=ball_data(), created_by=None)

    assert list(Product.objects.values_list("id", "title", "moq", "min_unit_price")) == before
    assert PriceTier.objects.count() == 3


def test_upsert_validates_like_create(team: SupplierTeam) -> None:
    with pytest.raises(ValidationFailed) as caught:
        product_upsert_by_sku(supplier=team.supplier, data=ball_data(hs_code="12"), created_by=None)

    assert caught.value.details["field"] == "hs_code"
    assert not Product.objects.exists()


def test_deleting_a_product_removes_its_image_files_once_committed(
    team: SupplierTeam, django_capture_on_commit_callbacks
) -> None:
    product = ProductFactory.create(supplier=team.supplier, sku="BALL-5")
    picture = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(picture, "JPEG")
    image = image_ingest(product=product, data=picture.getvalue(), filename="ball.jpg")
    names = [str(image.image.name), str(image.thumbnail.name)]
    assert all(default_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        product_delete(actor=team.owner, product_id=product.id)

    assert not Product.objects.filter(pk=product.pk).exists()
    assert not any(default_storage.exists(name) for name in names)
