"""The supplier's catalog pages: who may read, who may write, and that a refusal changes nothing."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import PriceTier, Product, ProductImage
from tradebridge.catalog.tests.factories import CategoryFactory, ProductFactory
from tradebridge.catalog.tests.web.conftest import READERS, STRANGERS, WRITERS
from tradebridge.catalog.web.display import product_url
from tradebridge.core.tests.web.html_policy import csp_violations

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "sku": "BALL-5",
        "title": "Match ball size 5",
        "description": "Thermo-bonded, FIFA Basic.",
        "category": "",
        "attributes": "Material: PU\nSize: 5",
        "unit": "piece",
        "currency": "USD",
        "moq": "100",
        "order_multiple": "10",
        "lead_time_days": "15",
        "lead_time_steps": "2000:30",
        "stock": "",
        "sample_available": "on",
        "sample_price": "25",
        "customization": "logo;packaging",
        "hs_code": "9506.62",
        "origin_country": "cn",
        "weight_kg": "0.42",
        "length_cm": "22",
        "width_cm": "22",
        "height_cm": "22",
        "units_per_carton": "50",
        "certifications": "CE;EN 71",
        "variants": "BALL-5-RED | Color=Red | 300\nBALL-5-BLUE | Color=Blue",
        "title_fr": "Ballon de match taille 5",
        "description_fr": "",
        "tiers-TOTAL_FORMS": "3",
        "tiers-INITIAL_FORMS": "0",
        "tiers-MIN_NUM_FORMS": "0",
        "tiers-MAX_NUM_FORMS": "20",
        "tiers-0-min_quantity": "100",
        "tiers-0-unit_price": "4.28",
        "tiers-1-min_quantity": "500",
        "tiers-1-unit_price": "3.21",
        "tiers-2-min_quantity": "",
        "tiers-2-unit_price": "",
    }
    data.update(overrides)
    return data


def _snapshot() -> list[tuple[object, ...]]:
    return sorted(
        Product.objects.values_list("id", "sku", "title", "status", "moq", "min_unit_price")
    ) + sorted(PriceTier.objects.values_list("product_id", "min_quantity", "unit_price"))


# ---------- reading ----------


@pytest.mark.parametrize("actor", WRITERS + READERS)
def test_the_suppliers_members_see_the_catalog(market, actor):
    product = ProductFactory.create(supplier=market.supplier, status=ProductStatus.DRAFT)
    client = market.client(actor)

    listing = client.get("/supplier/catalog/")
    edit = client.get(f"/supplier/catalog/{product.pk}/")

    assert listing.status_code == 200
    assert product.sku in listing.text
    assert edit.status_code == 200
    assert csp_violations(listing.text) == []
    assert csp_violations(edit.text) == []
    writable = actor in WRITERS
    assert ("Add a product" in listing.text) is writable
    assert ("<fieldset disabled>" in edit.text) is not writable


@pytest.mark.parametrize("actor", STRANGERS)
def test_other_companies_find_nothing(market, actor):
    product = ProductFactory.create(supplier=market.supplier)
    client = market.client(actor)

    assert client.get(f"/supplier/catalog/{product.pk}/").status_code == 404
    assert client.get(f"/supplier/catalog/{product.pk}/delete/").status_code == 404
    if actor == "buyer":
        assert client.get("/supplier/catalog/").status_code == 404
        assert client.get("/supplier/catalog/new/").status_code == 404
    else:
        listing = client.get("/supplier/catalog/")
        assert listing.status_code == 200
        assert product.sku not in listing.text


def test_anonymous_visitors_are_sent_to_sign_in(market):
    product = ProductFactory.create(supplier=market.supplier)
    client = market.client("anonymous")

    paths = ("/supplier/catalog/", "/supplier/catalog/new/", f"/supplier/catalog/{product.pk}/")
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_the_list_filters_by_status_and_searches_sku_and_title(market):
    ProductFactory.create(supplier=market.supplier, sku="GLOVE-1", title="Goalkeeper glove")
    ProductFactory.create(
        supplier=market.supplier, sku="BALL-9", title="Futsal ball", status=ProductStatus.DRAFT
    )
    client = market.client("sales")

    drafts = client.get("/supplier/catalog/", {"status": "draft"})
    by_sku = client.get("/supplier/catalog/", {"q": "glove-1"})
    by_title = client.get("/supplier/catalog/", {"q": "futsal"})

    assert "BALL-9" in drafts.text
    assert "GLOVE-1" not in drafts.text
    assert "GLOVE-1" in by_sku.text
    assert "BALL-9" not in by_sku.text
    assert "BALL-9" in by_title.text
    assert "GLOVE-1" not in by_title.text


# ---------- writing ----------


def test_a_product_round_trips_through_the_form(market):
    category = CategoryFactory.create(name="Soccer Balls")
    client = market.client("sales")

    created = client.post("/supplier/catalog/new/", _form(category=str(category.pk)))

    assert created.status_code == 302
    product = Product.objects.get(supplier=market.supplier, sku="BALL-5")
    assert created["Location"] == f"/supplier/catalog/{product.pk}/"
    assert product.status == ProductStatus.DRAFT
    assert product.category_id == category.pk
    assert product.moq == 100
    assert product.order_multiple == 10
    assert product.attributes == [["Material", "PU"], ["Size", "5"]]
    assert product.lead_time_steps == [[2000, 30]]
    assert product.hs_code == "950662"
    assert product.origin_country == "CN"
    assert product.sample_price == Decimal(25)
    assert product.customization == ["logo", "packaging"]
    assert product.certifications == ["CE", "EN 71"]
    assert product.translations["fr"]["title"] == "Ballon de match taille 5"
    assert [(t.min_quantity, t.unit_price) for t in product.tiers.all()] == [
        (100, Decimal("4.28")),
        (500, Decimal("3.21")),
    ]
    assert sorted(v.sku for v in product.variants.all()) == ["BALL-5-BLUE", "BALL-5-RED"]

    edit = client.get(f"/supplier/catalog/{product.pk}/")
    assert 'value="BALL-5"' in edit.text
    assert 'value="4.2800"' in edit.text or 'value="4.28"' in edit.text
    assert "Soccer Balls" in edit.text
    assert "BALL-5-RED | Color=Red | 300" in edit.text

    updated = client.post(
        f"/supplier/catalog/{product.pk}/",
        _form(title="Match ball size 5 (2026)", **{"tiers-1-unit_price": "3.00"}),
    )
    assert updated.status_code == 302
    product.refresh_from_db()
    assert product.title == "Match ball size 5 (2026)"
    assert product.max_unit_price == Decimal("4.28")
    assert product.min_unit_price == Decimal("3.00")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"hs_code": "123"}, "HS"),
        ({"tiers-1-unit_price": "5.00"}, "tier"),
        ({"attributes": "no colon here"}, "Name: value"),
        ({"tiers-0-min_quantity": "", "tiers-1-min_quantity": ""}, ""),
    ],
)
def test_bad_input_comes_back_as_form_errors_and_saves_nothing(market, overrides, message):
    client = market.client("owner")
    before = _snapshot()

    response = client.post("/supplier/catalog/new/", _form(**overrides))

    assert response.status_code == 400
    assert "errorlist" in response.text
    assert message.lower() in response.text.lower()
    assert _snapshot() == before


@pytest.mark.parametrize("actor", READERS)
def test_members_without_the_catalog_permission_cannot_write(market, actor):
    product = ProductFactory.create(supplier=market.supplier, status=ProductStatus.DRAFT)
    client = market.client(actor)
    before = _snapshot()

    responses = [
        client.post("/supplier/catalog/new/", _form(sku="NEW-1")),
        client.post(f"/supplier/catalog/{product.pk}/", _form(title="Changed")),
        client.post(f"/supplier/catalog/{product.pk}/status/publish/"),
        client.post(f"/supplier/catalog/{product.pk}/delete/"),
    ]

    assert [response.status_code for response in responses] == [403, 403, 403, 403]
    assert _snapshot() == before


@pytest.mark.parametrize("actor", STRANGERS)
def test_other_companies_cannot_write(market, actor):
    product = ProductFactory.create(supplier=market.supplier, status=ProductStatus.DRAFT)
    client = market.client(actor)
    before = _snapshot()

    responses = [
        client.post(f"/supplier/catalog/{product.pk}/", _form(title="Changed")),
        client.post(f"/supplier/catalog/{product.pk}/status/publish/"),
        client.post(f"/supplier/catalog/{product.pk}/delete/"),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404]
    assert _snapshot() == before


def test_publish_unpublish_and_delete(market):
    product = ProductFactory.create(supplier=market.supplier, status=ProductStatus.DRAFT)
    client = market.client("owner")

    published = client.post(f"/supplier/catalog/{product.pk}/status/publish/")
    product.refresh_from_db()
    status_after_publish = product.status
    unpublished = client.post(f"/supplier/catalog/{product.pk}/status/unpublish/")
    product.refresh_from_db()
    status_after_unpublish = product.status
    confirm = client.get(f"/supplier/catalog/{product.pk}/delete/")
    deleted = client.post(f"/supplier/catalog/{product.pk}/delete/")

    assert published.status_code == unpublished.status_code == 302
    # An unverified supplier's product waits for review; withdrawing makes it a draft again.
    assert status_after_publish == ProductStatus.PENDING_REVIEW
    assert status_after_unpublish == ProductStatus.DRAFT
    assert confirm.status_code == 200
    assert product.sku in confirm.text
    assert csp_violations(confirm.text) == []
    assert deleted.status_code == 302
    assert not Product.objects.filter(pk=product.pk).exists()


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_images_upload_and_remove(market, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    product = ProductFactory.create(supplier=market.supplier)
    client = market.client("sales")

    uploaded = client.post(
        f"/supplier/catalog/{product.pk}/images/",
        {"image": SimpleUploadedFile("ball.png", _png()), "alt_text": "Red ball"},
    )
    image = ProductImage.objects.get(product=product)
    page = client.get(f"/supplier/catalog/{product.pk}/")
    public = client.get(product_url(product))
    removed = client.post(f"/supplier/catalog/{product.pk}/images/{image.pk}/remove/")

    assert uploaded.status_code == 302
    assert (image.width, image.height) == (640, 480)
    assert "Red ball" in page.text
    assert f'<img id="image-1" src="{image.image.url}" alt="Red ball"' in public.text
    assert removed.status_code == 302
    assert not ProductImage.objects.filter(product=product).exists()


def test_an_svg_upload_is_refused_with_a_message(market, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    product = ProductFactory.create(supplier=market.supplier)
    client = market.client("sales")
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

    response = client.post(
        f"/supplier/catalog/{product.pk}/images/",
        {"image": SimpleUploadedFile("x.png", svg, content_type="image/png")},
        follow=True,
    )

    assert response.status_code == 200
    assert "alert--error" in response.text
    assert not ProductImage.objects.filter(product=product).exists()


# ---------- HTMX helpers ----------


def test_the_category_autocomplete_offers_matching_categories(market):
    CategoryFactory.create(name="Soccer Balls")
    CategoryFactory.create(name="Tennis Rackets")
    client = market.client("sales")

    response = client.get("/supplier/catalog/categories/", {"category_q": "soccer"}, headers=HTMX)

    assert response.status_code == 200
    assert "Soccer Balls" in response.text
    assert "Tennis Rackets" not in response.text
    assert 'type="radio" name="category"' in response.text


def test_adding_a_tier_row_returns_the_row_and_the_new_total(market):
    client = market.client("sales")

    response = client.get("/supplier/catalog/tier-row/", {"index": "3"}, headers=HTMX)

    assert response.status_code == 200
    assert 'name="tiers-3-min_quantity"' in response.text
    assert 'name="tiers-TOTAL_FORMS"' in response.text
    assert 'value="4"' in response.text
    assert 'hx-swap-oob="true"' in response.text


def test_the_new_product_page_obeys_the_csp(market):
    response = market.client("sales").get("/supplier/catalog/new/")

    assert response.status_code == 200
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert csp_violations(response.text) == []


@pytest.mark.parametrize(("actor", "status"), [("viewer", 403), ("other_supplier", 404)])
def test_images_cannot_be_added_or_removed_by_others(market, settings, tmp_path, actor, status):
    settings.MEDIA_ROOT = tmp_path
    product = ProductFactory.create(supplier=market.supplier)
    owner = market.client("owner")
    owner.post(
        f"/supplier/catalog/{product.pk}/images/",
        {"image": SimpleUploadedFile("ball.png", _png())},
    )
    image = ProductImage.objects.get(product=product)
    client = market.client(actor)

    added = client.post(
        f"/supplier/catalog/{product.pk}/images/",
        {"image": SimpleUploadedFile("other.png", _png())},
    )
    removed = client.post(f"/supplier/catalog/{product.pk}/images/{image.pk}/remove/")

    assert added.status_code == status
    assert removed.status_code == status
    assert list(ProductImage.objects.filter(product=product)) == [image]


def test_a_sku_in_use_is_a_form_error_on_the_sku(market):
    ProductFactory.create(supplier=market.supplier, sku="BALL-5")
    client = market.client("sales")
    before = _snapshot()

    response = client.post("/supplier/catalog/new/", _form())

    assert response.status_code == 400
    sku_field = response.text.split('id="id_sku"')[1].split("</div>")[0]
    assert "errorlist" in sku_field
    assert _snapshot() == before


def test_publishing_twice_explains_instead_of_failing(market):
    product = ProductFactory.create(supplier=market.supplier)  # published already
    client = market.client("owner")

    response = client.post(f"/supplier/catalog/{product.pk}/status/publish/", follow=True)

    assert response.status_code == 200
    assert "alert--error" in response.text
    product.refresh_from_db()
    assert product.status == ProductStatus.PUBLISHED


def test_the_catalog_list_does_not_query_per_product(market):
    client = market.client("sales")
    ProductFactory.create(supplier=market.supplier)
    client.get("/supplier/catalog/")  # the first request of a session stores the company
    with CaptureQueriesContext(connection) as few:
        client.get("/supplier/catalog/")

    for _ in range(6):
        ProductFactory.create(supplier=market.supplier, status=ProductStatus.DRAFT)
    with CaptureQueriesContext(connection) as many:
        client.get("/supplier/catalog/")

    assert len(many) == len(few)
