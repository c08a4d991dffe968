"""Product pictures through the API: upload (multipart) and delete, the authorization
matrix, and hostile files refused with nothing stored (attack case X10)."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.images import image_ingest
from tradebridge.catalog.models import Product, ProductImage
from tradebridge.catalog.tests.api.helpers import assert_denial, client_as, matrix, snapshot
from tradebridge.catalog.tests.factories import ProductFactory
from tradebridge.catalog.tests.test_images import (
    HTML_AS_PNG,
    SVG_WITH_SCRIPT,
    image_bytes,
    jpeg_with_exif,
    png_bomb,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def product(team) -> Product:
    return ProductFactory.create(supplier=team.supplier, sku="PIC-1")


@pytest.fixture
def image(product) -> ProductImage:
    return image_ingest(product=product, data=image_bytes("PNG"), filename="first.png")


def images_url(team, product: Product, suffix: str = "") -> str:
    return f"/api/v1/companies/{team.supplier.id}/products/{product.id}/images{suffix}"


def upload(data: bytes, name: str = "ball.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored_names() -> set[str]:
    names: set[str] = set()
    for directory in ("catalog/images", "catalog/thumbnails"):
        try:
            names |= {f"{directory}/{name}" for name in default_storage.listdir(directory)[1]}
        except FileNotFoundError:
            continue
    return names


@pytest.mark.parametrize(("actor", "status"), matrix(201))
def test_upload_matrix(team, product, actor, status):
    before = snapshot(product)

    response = client_as(team, actor).post(
        images_url(team, product), {"file": upload(jpeg_with_exif()), "alt_text": "Red ball"}
    )

    if status == 201:
        assert response.status_code == 201, response.content
        images = response.json()["images"]
        assert len(images) == 1
        assert images[0]["alt_text"] == "Red ball"
        assert images[0]["url"].startswith("http://testserver/media/catalog/images/")
        assert images[0]["url"].endswith(".jpg")
        assert images[0]["thumbnail_url"].endswith("-thumb.webp")
        assert (images[0]["width"], images[0]["height"]) == (200, 100)
    else:
        assert_denial(response, status)
        assert snapshot(product) == before


@pytest.mark.parametrize(("actor", "status"), matrix(204))
def test_delete_matrix(team, product, image, actor, status):
    before = snapshot(product)

    response = client_as(team, actor).delete(images_url(team, product, f"/{image.id}"))

    if status == 204:
        assert response.status_code == 204
        assert not ProductImage.objects.filter(id=image.id).exists()
    else:
        assert_denial(response, status)
        assert snapshot(product) == before


def test_another_suppliers_images_are_not_found(team):
    theirs = ProductFactory.create(supplier=team.other_supplier)
    their_image = image_ingest(product=theirs, data=image_bytes(), filename="theirs.jpg")
    mine = ProductFactory.create(supplier=team.supplier)
    before = snapshot(theirs)
    client = client_as(team, "owner")

    responses = [
        client.post(images_url(team, theirs), {"file": upload(image_bytes())}),
        client.delete(images_url(team, theirs, f"/{their_image.id}")),
        # their image id under my own product's URL
        client.delete(images_url(team, mine, f"/{their_image.id}")),
    ]

    for response in responses:
        assert_denial(response, 404)
    assert snapshot(theirs) == before
    assert not mine.images.exists()


def test_an_image_of_another_product_of_mine_is_not_found_under_this_one(team, product, image):
    other = ProductFactory.create(supplier=team.supplier)

    response = client_as(team, "owner").delete(images_url(team, other, f"/{image.id}"))

    assert_denial(response, 404)
    assert ProductImage.objects.filter(id=image.id).exists()


@pytest.mark.parametrize(
    ("data", "name", "content_type", "code"),
    [
        (SVG_WITH_SCRIPT, "logo.svg", "image/svg+xml", "unsupported_image"),
        (SVG_WITH_SCRIPT, "logo.png", "image/png", "unsupported_image"),
        (HTML_AS_PNG, "photo.png", "image/png", "unsupported_image"),
        (image_bytes("GIF", mode="P", color=1), "anim.gif", "image/gif", "unsupported_image"),
        (jpeg_with_exif()[:900], "cut.jpg", "image/jpeg", "unsupported_image"),
        (png_bomb(50_000, 50_000), "bomb.png", "image/png", "image_too_large"),
    ],
)
def test_hostile_uploads_are_refused_and_nothing_is_stored(
    team, product, data, name, content_type, code
):
    before, files_before = snapshot(product), stored_names()

    response = client_as(team, "owner").post(
        images_url(team, product), {"file": upload(data, name, content_type)}
    )

    assert response.status_code == 422
    assert response.json()["code"] == code
    assert snapshot(product) == before
    assert stored_names() == files_before


def test_a_50_megabyte_upload_is_refused_before_it_is_read(team, product):
    big = image_bytes("PNG") + b"\x00" * (50 * 1024 * 1024)

    response = client_as(team, "owner").post(images_url(team, product), {"file": upload(big)})

    assert response.status_code == 422
    assert response.json()["code"] == "image_too_large"
    assert not product.images.exists()


def test_the_stored_file_is_the_re_encoded_one_not_the_upload(team, product):
    original = jpeg_with_exif(orientation=6)

    response = client_as(team, "owner").post(
        images_url(team, product), {"file": upload(original, "IMG_0001.JPG")}
    )

    stored = ProductImage.objects.get(product=product)
    data = default_storage.open(str(stored.image.name)).read()
    assert data != original
    assert b"SpyCam" not in data
    assert Image.open(io.BytesIO(data)).size == (100, 200)  # turned upright
    assert stored.alt_text == "IMG 0001"  # from the file name when none is given
    assert response.json()["images"][0]["alt_text"] == "IMG 0001"


def test_images_appear_in_order_on_the_public_product(team, product, client):
    first = image_ingest(product=product, data=image_bytes(), filename="a.jpg")
    second = image_ingest(product=product, data=image_bytes("WEBP"), filename="b.webp")

    body = client.get(f"/api/v1/products/{product.id}").json()

    assert [image["id"] for image in body["images"]] == [str(first.id), str(second.id)]
    assert body["images"][1]["url"].endswith(".webp")


def test_deleting_an_image_removes_its_files_after_the_commit(
    team, product, image, django_capture_on_commit_callbacks
):
    names = {image.image.name, image.thumbnail.name}
    assert names <= stored_names()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(team, "sales").delete(images_url(team, product, f"/{image.id}"))

    assert response.status_code == 204
    assert not names & stored_names()


def test_a_suspended_products_images_can_still_be_managed_by_its_supplier(team):
    suspended = ProductFactory.create(
        supplier=team.supplier, status=ProductStatus.SUSPENDED, status_reason="Check"
    )

    response = client_as(team, "owner").post(
        images_url(team, suspended), {"file": upload(image_bytes())}
    )

    assert response.status_code == 201
