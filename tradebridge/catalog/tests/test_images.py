"""Product images: type sniffing, size caps, re-encoding, thumbnails (attack case X10)."""

import io
import struct
import zlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image, PngImagePlugin

from tradebridge.catalog.events import CatalogChanged
from tradebridge.catalog.images import (
    MAX_IMAGE_BYTES,
    MAX_IMAGES_PER_PRODUCT,
    MAX_STORED_SIDE,
    THUMBNAIL_SIZE,
    ImageTooLarge,
    PreparedImage,
    TooManyImages,
    UnsupportedImage,
    image_delete,
    image_files_delete_on_commit,
    image_ingest,
    image_ingest_many,
    image_prepare,
    product_image_add,
    product_image_remove,
)
from tradebridge.catalog.models import Product, ProductImage
from tradebridge.catalog.tests.conftest import feed_mark, feed_rows
from tradebridge.catalog.tests.factories import ProductFactory
from tradebridge.core.errors import NotFound, PermissionDenied

# --- sample files, made in memory --------------------------------------------------------------

SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)
HTML_AS_PNG = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def image_bytes(
    image_format: str = "JPEG",
    *,
    size: tuple[int, int] = (64, 48),
    mode: str = "RGB",
    color: Any = (200, 30, 30),
    **save: Any,
) -> bytes:
    """An image of one colour in `image_format`."""
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, image_format, **save)
    return out.getvalue()


def jpeg_with_exif(*, orientation: int = 1, size: tuple[int, int] = (200, 100)) -> bytes:
    """A JPEG whose left half is red and right half blue, with camera, GPS and text EXIF."""
    image = Image.new("RGB", size, (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "SpyCam Inc."  # Make
    exif[0x010E] = "secret factory floor"  # ImageDescription
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (52.0, 31.0, 12.0), 3: "E", 4: (13.0, 24.0, 36.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=95)
    return out.getvalue()


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def png_bomb(width: int, height: int) -> bytes:
    """A greyscale PNG claiming width x height pixels, in a few hundred bytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width + 1) * 4, 9)  # a few rows; the rest never comes
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", rows)
        + _png_chunk(b"IEND", b"")
    )


def png_with_metadata() -> bytes:
    """A PNG carrying tEXt chunks (one holding a script) and an eXIf chunk."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    info.add_text("Author", "Jane Secret")
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc."
    out = io.BytesIO()
    Image.new("RGB", (32, 32), (0, 128, 0)).save(out, "PNG", pnginfo=info, exif=exif)
    return out.getvalue()


def reopen(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def assert_colour(pixel: Any, expected: tuple[int, int, int], tolerance: int = 40) -> None:
    """The RGB pixel is within `tolerance` of `expected` on every channel (JPEG is lossy)."""
    assert isinstance(pixel, tuple)
    assert max(abs(got - want) for got, want in zip(pixel[:3], expected, strict=True)) <= tolerance


def assert_no_metadata(data: bytes) -> None:
    image = reopen(data)
    assert dict(image.getexif()) == {}
    assert not {"exif", "icc_profile", "xmp", "comment", "Comment", "Author"} & set(image.info)
    for marker in (b"Exif", b"SpyCam", b"secret", b"<script", b"Jane"):
        assert marker not in data


# --- refused -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("svg with script", SVG_WITH_SCRIPT),
        ("html renamed .png", HTML_AS_PNG),
        ("gif", image_bytes("GIF", mode="P", color=1)),
        ("bmp", image_bytes("BMP")),
        ("tiff", image_bytes("TIFF")),
        ("pdf", b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"),
        ("empty", b""),
        ("png magic then html", b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>"),
    ],
)
def test_anything_but_jpeg_png_webp_is_unsupported(label: str, data: bytes) -> None:
    with pytest.raises(UnsupportedImage) as caught:
        image_prepare(data)
    assert caught.value.code == "unsupported_image"


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_a_truncated_file_is_unsupported(image_format: str) -> None:
    complete = jpeg_with_exif() if image_format == "JPEG" else image_bytes(image_format)
    noisy = Image.effect_noise((300, 300), 80).convert("RGB")  # does not compress away
    out = io.BytesIO()
    noisy.save(out, image_format)
    for data in (complete[: len(complete) // 2], out.getvalue()[: len(out.getvalue()) * 2 // 3]):
        with pytest.raises(UnsupportedImage):
            image_prepare(data)


def test_a_file_over_the_byte_cap_is_too_large_before_any_decoding() -> None:
    fifty_megabytes = image_bytes("PNG") + b"\x00" * (50 * 1024 * 1024)
    with pytest.raises(ImageTooLarge) as caught:
        image_prepare(fifty_megabytes)
    assert caught.value.code == "image_too_large"
    assert caught.value.details["max_bytes"] == MAX_IMAGE_BYTES


@pytest.mark.parametrize(
    ("width", "height"),
    [
        (8_000, 8_000),  # 64 MP: over our 40 MP cap, under Pillow's own warning threshold
        (12_000, 12_000),  # 144 MP: Pillow would warn
        (100_000, 100_000),  # 10 GP: Pillow would refuse on its own
    ],
)
def test_a_decompression_bomb_is_too_large(width: int, height: int) -> None:
    bomb = png_bomb(width, height)
    assert len(bomb) < 200_000
    with pytest.raises(ImageTooLarge) as caught:
        image_prepare(bomb)
    assert caught.value.code == "image_too_large"


# --- re-encoded ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("image_format", "extension", "mode"),
    [("JPEG", ".jpg", "RGB"), ("PNG", ".png", "RGB"), ("WEBP", ".webp", "RGB")],
)
def test_jpeg_png_and_webp_keep_their_format(image_format: str, extension: str, mode: str) -> None:
    prepared = image_prepare(image_bytes(image_format, size=(640, 480)))
    assert (prepared.format, prepared.extension) == (image_format, extension)
    stored = reopen(prepared.data)
    assert (stored.format, stored.mode, stored.size) == (image_format, mode, (640, 480))
    assert (prepared.width, prepared.height) == (640, 480)


def test_exif_and_gps_are_stripped() -> None:
    original = jpeg_with_exif()
    assert b"SpyCam" in original
    prepared = image_prepare(original)
    assert_no_metadata(prepared.data)
    assert_no_metadata(prepared.thumbnail)


def test_png_text_chunks_are_stripped() -> None:
    prepared = image_prepare(png_with_metadata())
    assert_no_metadata(prepared.data)


def test_an_exif_rotated_jpeg_is_stored_upright() -> None:
    # Orientation 6: the camera was turned; viewers rotate 90 degrees clockwise, so the
    # stored 200x100 picture shows as 100x200 with its left (red) half on top.
    prepared = image_prepare(jpeg_with_exif(orientation=6))
    stored = reopen(prepared.data)
    assert stored.size == (100, 200)
    assert_colour(stored.getpixel((50, 20)), (255, 0, 0))  # red on top
    assert_colour(stored.getpixel((50, 180)), (0, 0, 255))  # blue below


def test_a_cmyk_jpeg_becomes_rgb() -> None:
    cmyk_red = image_bytes("JPEG", mode="CMYK", color=(0, 255, 255, 0))
    assert reopen(cmyk_red).mode == "CMYK"
    prepared = image_prepare(cmyk_red)
    stored = reopen(prepared.data)
    assert stored.mode == "RGB"
    assert_colour(stored.getpixel((10, 10)), (255, 0, 0))


def test_a_palette_png_with_transparency_keeps_its_alpha() -> None:
    image = Image.new("P", (20, 20), 0)
    image.putpalette([255, 0, 0, 0, 0, 255] + [0] * 762)
    image.paste(1, (10, 0, 20, 20))
    out = io.BytesIO()
    image.save(out, "PNG", transparency=0)
    stored = reopen(image_prepare(out.getvalue()).data)
    assert stored.mode == "RGBA"
    assert stored.getpixel((2, 2)) == (255, 0, 0, 0)
    assert stored.getpixel((15, 2)) == (0, 0, 255, 255)


def test_a_16_bit_greyscale_png_is_scaled_not_clipped() -> None:
    mid_grey = image_bytes("PNG", mode="I;16", color=32768)
    stored = reopen(image_prepare(mid_grey).data)
    assert stored.mode == "L"
    assert stored.getpixel((0, 0)) == 128


def test_a_polyglot_keeps_only_its_pixels() -> None:
    polyglot = image_bytes("JPEG") + b"<html><script>alert(document.cookie)</script></html>"
    prepared = image_prepare(polyglot)
    assert b"<script" not in prepared.data
    assert reopen(prepared.data).format == "JPEG"


def test_a_huge_picture_is_scaled_down_to_the_stored_maximum() -> None:
    prepared = image_prepare(image_bytes("JPEG", size=(6000, 3000)))
    assert (prepared.width, prepared.height) == (MAX_STORED_SIDE, MAX_STORED_SIDE // 2)


def test_the_thumbnail_is_a_small_webp_of_the_same_shape() -> None:
    prepared: PreparedImage = image_prepare(image_bytes("PNG", size=(1200, 600)))
    thumbnail = reopen(prepared.thumbnail)
    assert thumbnail.format == "WEBP"
    assert thumbnail.size == (THUMBNAIL_SIZE, THUMBNAIL_SIZE // 2)
    assert (prepared.thumbnail_width, prepared.thumbnail_height) == thumbnail.size


def test_a_small_picture_is_not_enlarged_for_its_thumbnail() -> None:
    prepared = image_prepare(image_bytes("WEBP", size=(120, 90)))
    assert reopen(prepared.thumbnail).size == (120, 90)


# --- serving -------------------------------------------------------------------------------------


@pytest.fixture
def stored_media() -> Iterator[dict[str, str]]:
    """A stored image, thumbnail and import file, as the catalog stores them."""
    names = {
        "image": default_storage.save("catalog/images/abc123.jpg", ContentFile(image_bytes())),
        "thumbnail": default_storage.save(
            "catalog/thumbnails/abc123-thumb.webp", ContentFile(image_bytes("WEBP"))
        ),
        "import": default_storage.save("catalog/imports/prices.csv", ContentFile(b"sku,title\n")),
        "html": default_storage.save("catalog/images/evil.html", ContentFile(HTML_AS_PNG)),
        "png_named_html": default_storage.save("catalog/images/evil.png", ContentFile(HTML_AS_PNG)),
    }
    yield names
    for name in names.values():
        default_storage.delete(name)


@pytest.mark.parametrize(
    ("key", "content_type"), [("image", "image/jpeg"), ("thumbnail", "image/webp")]
)
def test_stored_images_are_served_inline_with_their_type_and_a_sandbox(
    client: Client, stored_media: dict[str, str], key: str, content_type: str
) -> None:
    response = client.get(f"/media/{stored_media[key]}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline;")
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    served = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert served == default_storage.open(stored_media[key]).read()


def test_a_png_named_file_is_served_as_png_whatever_it_holds(
    client: Client, stored_media: dict[str, str]
) -> None:
    response = client.get(f"/media/{stored_media['png_named_html']}")
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "path",
    [
        "/media/catalog/imports/prices.csv",  # a supplier's import file is private
        "/media/catalog/images/evil.html",  # never served as HTML
        "/media/catalog/images/missing.jpg",
        "/media/catalog/images/../imports/prices.csv",
        "/media/catalog/images/%2e%2e/imports/prices.csv",
        "/media/catalog/images/./abc123.jpg",
        "/media/catalog/images",
        "/media/catalog/images/",
        "/media/catalog/other/abc123.jpg",
        "/media/catalog/images/sub/abc123.jpg",
    ],
)
def test_anything_else_under_media_is_not_found(
    client: Client, stored_media: dict[str, str], path: str
) -> None:
    assert client.get(path).status_code == 404


def test_media_is_read_only(client: Client, stored_media: dict[str, str]) -> None:
    assert client.post(f"/media/{stored_media['image']}").status_code == 405


# --- storing, and the services -----------------------------------------------------------------


@pytest.fixture
def product(team: Any) -> Product:
    return ProductFactory.create(supplier=team.supplier, sku="IMG-1")


def _stored(name: str | None) -> bytes:
    assert name is not None
    with default_storage.open(name) as stored:
        data: bytes = stored.read()
    return data


def _name(name: str | None) -> str:
    assert name is not None
    return name


@pytest.mark.django_db
def test_ingest_stores_the_re_encoded_image_and_a_thumbnail_under_random_names(
    product: Product,
) -> None:
    upload = jpeg_with_exif(size=(1000, 500))

    first = image_ingest(product=product, data=upload, filename="../../etc/passwd.html")
    second = image_ingest(product=product, data=image_bytes("PNG"), filename="b.png")

    assert _name(first.image.name).startswith("catalog/images/")
    assert _name(first.image.name).endswith(".jpg")
    assert "passwd" not in _name(first.image.name)
    assert _name(first.thumbnail.name).startswith("catalog/thumbnails/")
    assert _name(first.thumbnail.name).endswith(".webp")
    assert _name(second.image.name).endswith(".png")
    assert first.image.name != second.image.name
    assert _stored(first.image.name) != upload
    assert_no_metadata(_stored(first.image.name))
    assert reopen(_stored(first.thumbnail.name)).size == (THUMBNAIL_SIZE, THUMBNAIL_SIZE // 2)
    assert (first.width, first.height, first.position) == (1000, 500, 0)
    assert second.position == 1
    assert first.alt_text == "passwd"


@pytest.mark.django_db
def test_a_refused_upload_stores_nothing(product: Product) -> None:
    before = set(default_storage.listdir("catalog/images")[1]) if _has_images() else set()

    with pytest.raises(UnsupportedImage):
        image_ingest(product=product, data=HTML_AS_PNG, filename="x.png")

    assert not ProductImage.objects.exists()
    after = set(default_storage.listdir("catalog/images")[1]) if _has_images() else set()
    assert after == before


def _has_images() -> bool:
    try:
        default_storage.listdir("catalog/images")
    except FileNotFoundError:
        return False
    return True


@pytest.mark.django_db
def test_a_product_holds_at_most_twenty_images(product: Product) -> None:
    small = image_bytes(size=(4, 4))
    for _ in range(MAX_IMAGES_PER_PRODUCT):
        image_ingest(product=product, data=small, filename="x.jpg")

    with pytest.raises(TooManyImages) as caught:
        image_ingest(product=product, data=small, filename="x.jpg")

    assert caught.value.code == "too_many_images"
    assert product.images.count() == MAX_IMAGES_PER_PRODUCT


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "allowed"),
    [("owner", True), ("admin", True), ("sales", True), ("purchaser", False), ("viewer", False)],
)
def test_product_image_add_needs_manage_catalog(
    team: Any, product: Product, role: str, allowed: bool
) -> None:
    actor = team.member(role)
    if allowed:
        image = product_image_add(
            actor=actor, product_id=product.id, data=image_bytes(), filename="a.jpg"
        )
        assert image.product_id == product.id
    else:
        with pytest.raises(PermissionDenied):
            product_image_add(
                actor=actor, product_id=product.id, data=image_bytes(), filename="a.jpg"
            )
        assert not product.images.exists()


@pytest.mark.django_db
def test_product_image_services_never_reach_another_suppliers_product(
    team: Any, product: Product
) -> None:
    image = image_ingest(product=product, data=image_bytes(), filename="a.jpg")

    with pytest.raises(NotFound):
        product_image_add(
            actor=team.other_owner, product_id=product.id, data=image_bytes(), filename="b.jpg"
        )
    with pytest.raises(NotFound):
        product_image_remove(actor=team.other_owner, image_id=image.id)
    with pytest.raises(NotFound):
        product_image_remove(actor=team.buyer_owner, image_id=image.id)

    assert list(product.images.values_list("id", flat=True)) == [image.id]


@pytest.mark.django_db
def test_a_suspended_supplier_cannot_add_images(team: Any, product: Product) -> None:
    team.supplier.is_active = False
    team.supplier.save(update_fields=["is_active"])
    team.owner.refresh_from_db()

    with pytest.raises(PermissionDenied):
        product_image_add(
            actor=team.owner, product_id=product.id, data=image_bytes(), filename="a.jpg"
        )


@pytest.mark.django_db
def test_adding_and_removing_images_announce_the_product_change(
    team: Any,
    product: Product,
    changed: list[CatalogChanged],
    django_capture_on_commit_callbacks: Any,
) -> None:
    mark = feed_mark()
    with django_capture_on_commit_callbacks(execute=True):
        image = product_image_add(
            actor=team.sales, product_id=product.id, data=image_bytes(), filename="a.jpg"
        )
    assert feed_rows(mark) == [(product.id, product.supplier_id)]
    assert changed == [CatalogChanged()]
    mark = feed_mark()
    with django_capture_on_commit_callbacks(execute=True):
        product_image_remove(actor=team.sales, image_id=image.id, product_id=product.id)

    assert feed_rows(mark) == [(product.id, product.supplier_id)]
    assert changed == [CatalogChanged()] * 2
    assert not default_storage.exists(_name(image.image.name))
    assert not default_storage.exists(_name(image.thumbnail.name))


@pytest.mark.django_db
def test_a_deleted_products_image_files_go_once_the_deletion_commits(
    product: Product, django_capture_on_commit_callbacks: Any
) -> None:
    images = [
        image_ingest(product=product, data=image_bytes(), filename=f"{n}.jpg") for n in range(2)
    ]
    names = [_name(f.name) for image in images for f in (image.image, image.thumbnail)]
    other = image_ingest(
        product=ProductFactory.create(supplier=product.supplier), data=image_bytes(), filename="o"
    )

    with django_capture_on_commit_callbacks(execute=True):
        image_files_delete_on_commit(product_id=product.id)
        assert all(default_storage.exists(name) for name in names)  # not before the commit
        product.delete()

    assert not any(default_storage.exists(name) for name in names)
    assert default_storage.exists(_name(other.image.name))


@pytest.mark.django_db
def test_ingest_many_stores_one_checked_picture_as_each_products_own_files(
    product: Product, django_capture_on_commit_callbacks: Any
) -> None:
    other = ProductFactory.create(supplier=product.supplier)

    first, second = image_ingest_many(
        products=[(product, "Red ball"), (other, "Red ball, size 4")],
        data=jpeg_with_exif(size=(1000, 500)),
    )

    assert (first.product_id, first.alt_text, first.position) == (product.id, "Red ball", 0)
    assert (second.product_id, second.alt_text) == (other.id, "Red ball, size 4")
    assert first.image.name != second.image.name
    assert first.thumbnail.name != second.thumbnail.name
    assert _stored(first.image.name) == _stored(second.image.name)
    assert_no_metadata(_stored(second.image.name))
    with django_capture_on_commit_callbacks(execute=True):
        image_delete(image=first)
    assert not default_storage.exists(_name(first.image.name))
    assert default_storage.exists(_name(second.image.name))
    assert default_storage.exists(_name(second.thumbnail.name))


@pytest.mark.django_db
def test_ingest_many_refuses_a_bad_picture_before_storing_anything(product: Product) -> None:
    with pytest.raises(UnsupportedImage):
        image_ingest_many(products=[(product, "x")], data=HTML_AS_PNG)

    assert not ProductImage.objects.exists()
