"""The demo catalogs: real categories and HS codes, sensible tiers, loaded through the catalog
services, published, idempotent, and hidden when their supplier is suspended."""

import itertools
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from PIL import Image

from tradebridge.accounts.models import User
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.hs_codes import hs_code_is_valid
from tradebridge.catalog.images import image_prepare
from tradebridge.catalog.models import PriceTier, Product, ProductImage, ProductVariant
from tradebridge.catalog.selectors import category_lookup, product_list_public
from tradebridge.catalog.services.product_data import validated
from tradebridge.companies.models import Company
from tradebridge.companies.services import company_reinstate, company_suspend
from tradebridge.demo.catalogs.generated import generated_products
from tradebridge.demo.catalogs.giftware import DEFAULT_RULE, RULES, giftware_rows, rule_for
from tradebridge.demo.catalogs.icons import CATEGORY_ICONS, ICON_SIZE, ICONS_DIR, MOTIF_ICONS
from tradebridge.demo.catalogs.loader import DEMO_SEED, _generated_data, load_catalogs
from tradebridge.demo.catalogs.pictures import (
    COLOURS,
    SIZE,
    TONES,
    Picture,
    picture_for,
    picture_render,
)
from tradebridge.demo.catalogs.vocabulary import PRODUCT_TYPES
from tradebridge.demo.marketplace import DEMO_COMPANIES, OPERATOR

_DARK = (42, 46, 53)  # the ink on light colours
OWNERS = {
    company.people[0].email.split("@")[1]: company.people[0].email for company in DEMO_COMPANIES
}


@pytest.mark.django_db
def test_every_category_path_is_in_the_taxonomy_and_every_hs_code_in_hs_2022():
    categories = category_lookup()
    paths = {t.category for t in PRODUCT_TYPES} | {r.category for r in (*RULES, DEFAULT_RULE)}
    codes = {t.hs_code for t in PRODUCT_TYPES} | {r.hs_code for r in (*RULES, DEFAULT_RULE)}

    assert sorted(path for path in paths if path.casefold() not in categories) == []
    assert sorted(code for code in codes if not hs_code_is_valid(code)) == []


def test_the_generator_is_reproducible_and_gives_each_supplier_a_few_hundred_products():
    first = list(generated_products(DEMO_SEED))
    again = list(generated_products(DEMO_SEED))
    other_seed = list(generated_products(DEMO_SEED + 1))

    assert first == again
    assert [p.title for p in first] != [p.title for p in other_seed]
    per_supplier: dict[str, int] = {}
    for product in first:
        per_supplier[product.supplier] = per_supplier.get(product.supplier, 0) + 1
    assert len(per_supplier) == 6
    assert all(count >= 150 for count in per_supplier.values()), per_supplier
    assert len({p.sku for p in first}) == len(first)


def test_generated_tiers_fall_with_quantity_and_lead_times_grow():
    for product in generated_products(DEMO_SEED):
        quantities = [tier.min_quantity for tier in product.tiers]
        prices = [tier.unit_price for tier in product.tiers]
        assert 3 <= len(product.tiers) <= 4, product.sku
        assert quantities == sorted(set(quantities))
        assert all(a > b for a, b in itertools.pairwise(prices)), product.sku
        assert {type(price) for price in prices} == {Decimal}
        assert all(price > 0 for price in prices)
        assert all(q % product.order_multiple == 0 for q in quantities)
        days = [product.lead_time_days, *(d for _, d in product.lead_time_steps)]
        assert days == sorted(days)


def test_some_titles_are_translated_into_french_german_spanish_and_chinese():
    translated = [p for p in generated_products(DEMO_SEED) if p.translations]

    assert len(translated) >= 100
    ball = next(p for p in translated if p.sku.startswith("SOCCER-BALL"))
    assert set(ball.translations) == {"fr", "de", "es", "zh"}
    assert "足球" in ball.translations["zh"]["title"]
    assert ball.translations["de"]["title"].startswith("Fußball Größe")


def test_every_generated_product_passes_the_catalog_rules():
    categories = category_lookup
    del categories  # validated() needs no database: it checks each field on its own

    lookup = {t.category.casefold(): number for number, t in enumerate(PRODUCT_TYPES, 1)}
    for product in generated_products(DEMO_SEED):
        validated(_generated_data(product, lookup))


def test_the_wholesaler_prices_sit_around_the_real_median_minimum_and_maximum():
    holder = next(row for row in giftware_rows(DEMO_SEED) if row.sku == "ALB-85123A")

    # UCI: median 2.95, min 2.40, max 5.91 GBP; the case pack of a 2.95 item is 12.
    assert holder.title == "White Hanging Heart T-Light Holder"
    assert holder.moq == 12
    assert [(t.min_quantity, t.unit_price) for t in holder.tiers] == [
        (12, Decimal("3.69")),
        (120, Decimal("2.95")),
        (480, Decimal("2.66")),
        (1200, Decimal("2.40")),
    ]
    assert holder.category.endswith("Candle Holders")
    assert holder.hs_code == "940550"


def test_non_product_rows_are_left_out_and_keywords_pick_categories():
    skus = {row.sku for row in giftware_rows(DEMO_SEED)}

    assert not {"ALB-POST", "ALB-DOT", "ALB-M", "ALB-AMAZONFEE"} & skus
    assert len(skus) == 2542
    assert rule_for("JUMBO BAG RED RETROSPOT").category == "Luggage & Bags > Shopping Totes"
    assert rule_for("PACK OF 72 RETROSPOT CAKE CASES").category.endswith("Bakeware")
    assert rule_for("SOMETHING ELSE ENTIRELY") is DEFAULT_RULE
    assert rule_for("SET OF 3 CAKE TINS PANTRY DESIGN").category.endswith("Bakeware")
    assert rule_for("METAL SIGN HOME SWEET HOME").category.endswith("Decorative Plaques")


@pytest.fixture
def demo_people(db):
    call_command(
        "demo", "--skip-fx-rates", "--skip-catalogs", "--skip-search-index", stdout=StringIO()
    )


def _small_load():
    return load_catalogs(owners=OWNERS, per_type=2, giftware_limit=10)


def test_loading_creates_and_publishes_products_through_the_services(demo_people):
    summary = _small_load()

    assert summary.total_created == Product.objects.count() == 2 * len(PRODUCT_TYPES) + 10
    assert set(Product.objects.values_list("status", flat=True)) == {ProductStatus.PUBLISHED}
    assert product_list_public().count() == Product.objects.count()
    albion = Company.objects.get(display_name="Albion Giftware")
    assert set(albion.products.values_list("currency", flat=True)) == {"GBP"}
    brightway = Company.objects.get(display_name="Brightway Yiwu")
    assert set(brightway.products.values_list("currency", flat=True)) == {"CNY"}
    assert not Product.objects.filter(min_unit_price__isnull=True).exists()
    assert ProductVariant.objects.filter(sku__startswith="RUNNING-SHOE").exists()


def test_a_second_load_changes_nothing(demo_people):
    _small_load()
    before = (
        list(Product.objects.order_by("id").values_list("id", "updated_at", "status")),
        PriceTier.objects.count(),
    )

    summary = _small_load()

    after = (
        list(Product.objects.order_by("id").values_list("id", "updated_at", "status")),
        PriceTier.objects.count(),
    )
    assert summary.total_created == 0
    assert summary.present == 2 * len(PRODUCT_TYPES) + 10
    assert after == before


def test_suspending_a_supplier_hides_its_products_everywhere_and_reinstating_shows_them(
    demo_people,
):
    _small_load()
    operator = User.objects.get(email=OPERATOR.email)
    lumen = Company.objects.get(display_name="Lumen Electronics")
    visible = product_list_public().count()
    lumen_count = lumen.products.count()

    company_suspend(operator=operator, company_id=lumen.id, reason="Counterfeit chargers.")

    assert product_list_public().count() == visible - lumen_count
    assert not product_list_public(supplier_id=lumen.id).exists()

    company_reinstate(operator=operator, company_id=lumen.id, reason="Cleared.")

    assert product_list_public().count() == visible


def test_every_demo_category_has_an_icon_shipped_as_svg_and_rendered_mask():
    paths = {t.category for t in PRODUCT_TYPES} | {r.category for r in (*RULES, DEFAULT_RULE)}
    icons = {*CATEGORY_ICONS.values(), *(icon for _, icon in MOTIF_ICONS)}

    assert sorted(paths - set(CATEGORY_ICONS)) == []
    assert sorted(set(CATEGORY_ICONS) - paths) == []
    assert sorted(i for i in icons if not (ICONS_DIR / "svg" / f"{i}.svg").is_file()) == []
    for icon in icons:
        with Image.open(ICONS_DIR / "png" / f"{icon}.png") as mask:
            assert (mask.mode, mask.size) == ("L", (ICON_SIZE, ICON_SIZE)), icon
    assert "MIT License" in (ICONS_DIR / "LICENSE").read_text()


def test_a_picture_takes_the_named_colour_and_the_more_legible_ink():
    polo = picture_for(
        title="Dri-fit Polyester Polo Shirt, Knitted Collar, Red",
        category="Apparel & Accessories > Clothing > Shirts & Tops",
        attributes=(("Fabric", "Dri-fit Polyester"), ("Colour", "Red")),
    )
    holder = picture_for(
        title="White Hanging Heart T-Light Holder",
        category="Home & Garden > Decor > Home Fragrance Accessories > Candle Holders",
    )
    heart = picture_for(title="Heart Of Wicker Small", category="Home & Garden > Decor")
    other_heart = picture_for(title="Heart Of Wicker Large", category="Home & Garden > Decor")

    assert polo == Picture(icon="shirt", background=COLOURS["red"], ink=(255, 255, 255))
    assert (holder.icon, holder.background, holder.ink) == ("candle", COLOURS["white"], _DARK)
    assert heart.icon == "heart"
    assert heart.ink in TONES
    assert heart == other_heart  # same icon, no colour: one shared picture


def test_a_rendered_picture_is_a_square_jpeg_the_pipeline_accepts():
    picture = picture_for(
        title="Jumbo Bag Pink Polkadot", category="Luggage & Bags > Shopping Totes"
    )

    prepared = image_prepare(picture_render(picture))

    assert (prepared.format, prepared.width, prepared.height) == ("JPEG", SIZE, SIZE)
    assert (prepared.thumbnail_width, prepared.thumbnail_height) == (400, 400)


def test_every_loaded_product_gets_one_picture_through_the_image_pipeline(demo_people):
    summary = _small_load()

    images = ProductImage.objects.values_list(
        "product__supplier_id", "product__title", "product__category__path", "alt_text"
    )
    assert summary.pictured == images.count() == Product.objects.count()
    assert summary.pictures == len(
        {(supplier, picture_for(title=title, category=path)) for supplier, title, path, _ in images}
    )
    assert all(alt_text == title for _, title, _, alt_text in images)
    stored = ProductImage.objects.values_list("position", "width", "height", "image", "thumbnail")
    assert {(position, width, height) for position, width, height, *_ in stored} == {
        (0, SIZE, SIZE)
    }
    assert all(image.endswith(".jpg") for *_, image, _ in stored)
    assert all(thumbnail.endswith("-thumb.webp") for *_, thumbnail in stored)
    assert len({image for *_, image, _ in stored}) == stored.count()


def test_a_second_load_adds_no_picture_and_a_product_without_one_gets_one(demo_people):
    _small_load()
    before = set(ProductImage.objects.values_list("id", "image"))

    assert _small_load().pictured == 0
    assert set(ProductImage.objects.values_list("id", "image")) == before

    removed = ProductImage.objects.order_by("id").first()
    assert removed is not None
    removed.delete()
    again = _small_load()
    assert (again.total_created, again.pictured, again.pictures) == (0, 1, 1)
    assert ProductImage.objects.filter(product_id=removed.product_id).count() == 1
