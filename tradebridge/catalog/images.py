"""Product images: sniff, re-encode, thumbnail, store; never keep the uploaded bytes.

An upload is trusted for nothing, not even its name. Pillow decides what it is, from its
content, among JPEG, PNG and WebP only (SVG, HTML, GIF, PDF or anything renamed `.png` is
`unsupported_image`). Size is capped twice before decoding: bytes (`MAX_IMAGE_BYTES`) and
pixels read from the header (`MAX_IMAGE_PIXELS`, the decompression-bomb guard), both
`image_too_large`. The image is then fully decoded (a truncated file is refused), turned
upright by its EXIF orientation, converted to sRGB (CMYK, palette and 16-bit modes included)
and encoded again from pixels alone, so no EXIF, GPS, XMP, ICC or comment survives, nor any
byte of a polyglot file. The result and a `THUMBNAIL_SIZE` thumbnail are stored under a random
name with the extension of what they really are; the web serves them with that type
(`catalog/web/media.py`).

`image_prepare` is the pure part (bytes in, bytes out); `image_ingest` / `image_delete` store
and remove (`image_ingest_many`: one picture for several products, prepared once);
`product_image_add` / `product_image_remove` are the services the API, the pages and the
importer call (MANAGE_CATALOG, the actor's own products only).
"""

import io
import secrets
import uuid
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from PIL import Image, ImageCms, ImageFile, ImageOps

from tradebridge.catalog.change_feed import product_changes_record
from tradebridge.catalog.models import Product, ProductImage
from tradebridge.catalog.selectors import product_get_for_supplier
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.errors import NotFound, PermissionDenied, ValidationFailed

MAX_IMAGE_BYTES: Final = 10 * 1024 * 1024
MAX_IMAGE_PIXELS: Final = 40_000_000
MAX_STORED_SIDE: Final = 4096  # larger pictures are scaled down to this longest side
THUMBNAIL_SIZE: Final = 400
MAX_IMAGES_PER_PRODUCT: Final = 20
JPEG_QUALITY: Final = 85
WEBP_QUALITY: Final = 85

# What Pillow may recognise, and the extension a stored file of that format gets.
_EXTENSIONS: Final = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


class UnsupportedImage(ValidationFailed):
    code = "unsupported_image"
    default_message = "Upload a JPEG, PNG or WebP image."


class ImageTooLarge(ValidationFailed):
    code = "image_too_large"
    default_message = (
        f"The image is too large (at most {MAX_IMAGE_BYTES // (1024 * 1024)} MB "
        f"and {MAX_IMAGE_PIXELS // 1_000_000} megapixels)."
    )


class TooManyImages(ValidationFailed):
    code = "too_many_images"
    default_message = f"A product has at most {MAX_IMAGES_PER_PRODUCT} images."


@dataclass(frozen=True, slots=True)
class PreparedImage:
    """A re-encoded image and its thumbnail, ready to store."""

    format: str  # JPEG, PNG or WEBP: the format of `data`
    extension: str  # ".jpg", ".png" or ".webp"
    data: bytes
    width: int
    height: int
    thumbnail: bytes  # always WebP
    thumbnail_width: int
    thumbnail_height: int


def image_prepare(data: bytes) -> PreparedImage:
    """Check and re-encode an uploaded image. Pure: no database, no storage.

    Raises ImageTooLarge (bytes or pixels over the caps) and UnsupportedImage (not a
    complete JPEG/PNG/WebP image).
    """
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageTooLarge(size_bytes=len(data), max_bytes=MAX_IMAGE_BYTES)
    if not data:
        raise UnsupportedImage(reason="empty")
    image_format = _sniff(data)
    image = _decode(data)
    image = _upright_srgb(image, image_format)
    if max(image.size) > MAX_STORED_SIDE:
        image.thumbnail((MAX_STORED_SIDE, MAX_STORED_SIDE), Image.Resampling.LANCZOS)
    thumbnail = image.copy()
    thumbnail.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE), Image.Resampling.LANCZOS)
    return PreparedImage(
        format=image_format,
        extension=_EXTENSIONS[image_format],
        data=_encode(image, image_format),
        width=image.width,
        height=image.height,
        thumbnail=_encode(thumbnail, "WEBP"),
        thumbnail_width=thumbnail.width,
        thumbnail_height=thumbnail.height,
    )


def image_ingest(
    *, product: Product, data: bytes, filename: str, alt_text: str = ""
) -> ProductImage:
    """Store a checked, re-encoded copy of `data` and its thumbnail as the product's last image.

    `filename` is the uploader's name for the file: used for nothing but the default alt text
    (the stored name is random). No permission check: callers do it (services below, the
    importer once per job). Raises what `image_prepare` raises and TooManyImages.
    """
    return _store(product, image_prepare(data), alt_text or _alt_from_filename(filename))


def image_ingest_many(
    *, products: Sequence[tuple[Product, str]], data: bytes
) -> list[ProductImage]:
    """Store one picture as the last image of each (product, alt text): checked and re-encoded
    once, then stored as each product's own files (deleting one image leaves the others').

    No permission check: callers do it. Raises what `image_prepare` raises (before storing
    anything) and TooManyImages (the products before the full one keep their image).
    """
    prepared = image_prepare(data)
    return [_store(product, prepared, alt_text) for product, alt_text in products]


def image_delete(*, image: ProductImage) -> None:
    """Remove the image's row, then (once committed) its files. No permission check."""
    product_id = image.product_id
    owner = Product.objects.filter(id=product_id).values_list("supplier_id", flat=True).first()
    with transaction.atomic():
        image.delete()
        if owner is not None:
            product_changes_record(changes=[(product_id, owner)])
    names = (image.image.name, image.thumbnail.name)
    transaction.on_commit(lambda: _delete_names(image, names))


def image_files_delete_on_commit(*, product_id: uuid.UUID) -> None:
    """Schedule the deletion of every stored file of a product's images, once the current
    transaction commits (call it inside the transaction that deletes the product: the rows
    go by cascade, the files would stay). No permission check."""
    names = [
        name
        for pair in ProductImage.objects.filter(product_id=product_id).values_list(
            "image", "thumbnail"
        )
        for name in pair
        if name
    ]
    if names:
        transaction.on_commit(lambda: _delete_stored(names))


def product_image_add(
    *, actor: Membership, product_id: uuid.UUID, data: bytes, filename: str, alt_text: str = ""
) -> ProductImage:
    """Add an image to one of the actor's company's products.

    Raises PermissionDenied (role without MANAGE_CATALOG, or a suspended company), NotFound
    (no such product, or another supplier's), and the validation errors of `image_ingest`.
    """
    ensure_can(actor, Permission.MANAGE_CATALOG)
    if not actor.company.is_active:
        raise PermissionDenied("The company is suspended.")
    product = product_get_for_supplier(actor=actor, product_id=product_id)
    return image_ingest(product=product, data=data, filename=filename, alt_text=alt_text)


def product_image_remove(
    *, actor: Membership, image_id: uuid.UUID, product_id: uuid.UUID | None = None
) -> None:
    """Delete an image of one of the actor's company's products (of `product_id` when given).

    Raises PermissionDenied (role), NotFound (no such image, another supplier's, or not of
    that product).
    """
    ensure_can(actor, Permission.MANAGE_CATALOG)
    images = ProductImage.objects.filter(product__supplier_id=actor.company_id)
    if product_id is not None:
        images = images.filter(product_id=product_id)
    try:
        image = images.get(pk=image_id)
    except ProductImage.DoesNotExist:
        raise NotFound() from None
    image_delete(image=image)


# --- internals -------------------------------------------------------------------------------


def _store(product: Product, prepared: PreparedImage, alt_text: str) -> ProductImage:
    """Save a prepared image and its thumbnail under a random name as the product's last image."""
    stem = secrets.token_hex(16)
    with transaction.atomic():
        locked = Product.objects.select_for_update().only("id", "supplier_id").get(pk=product.pk)
        existing = ProductImage.objects.filter(product=locked)
        if existing.count() >= MAX_IMAGES_PER_PRODUCT:
            raise TooManyImages(max_images=MAX_IMAGES_PER_PRODUCT)
        last = existing.aggregate(last=Max("position"))["last"]
        image = ProductImage(
            product=locked,
            width=prepared.width,
            height=prepared.height,
            position=0 if last is None else last + 1,
            alt_text=alt_text[:200],
        )
        image.image.save(f"{stem}{prepared.extension}", ContentFile(prepared.data), save=False)
        image.thumbnail.save(f"{stem}-thumb.webp", ContentFile(prepared.thumbnail), save=False)
        # Assigning a file makes ImageField re-measure it into width/height (not always
        # successfully with every storage): we know the dimensions, so set them last.
        image.width, image.height = prepared.width, prepared.height
        try:
            image.save()
            product_changes_record(changes=[(locked.id, locked.supplier_id)])
        except BaseException:
            _delete_files(image)
            raise
    return image


def _sniff(data: bytes) -> str:
    """The format from the content (header only; `verify` checks the structure)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=list(_EXTENSIONS)) as probe:
                image_format = str(probe.format)
                width, height = probe.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise ImageTooLarge(width=width, height=height, max_pixels=MAX_IMAGE_PIXELS)
                probe.verify()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageTooLarge(max_pixels=MAX_IMAGE_PIXELS) from None
        except ImageTooLarge:
            raise
        except Exception as error:  # not an image, or a malformed one (any decoder path)
            raise UnsupportedImage(reason=type(error).__name__) from None
    if image_format not in _EXTENSIONS:
        raise UnsupportedImage(reason="format", format=image_format)
    return image_format


def _decode(data: bytes) -> Image.Image:
    """Decode every pixel of the first frame; a truncated or corrupt file is refused."""
    if ImageFile.LOAD_TRUNCATED_IMAGES:  # a process-wide switch: never decode half a file
        raise RuntimeError("PIL.ImageFile.LOAD_TRUNCATED_IMAGES must stay False")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=list(_EXTENSIONS)) as image:
                if image.format == "JPEG":  # decode big photos at 1/2..1/8 scale: less memory
                    image.draft(None, _stored_size(image.size))
                image.load()
                oriented = ImageOps.exif_transpose(image)
                if image.info.get("icc_profile"):
                    oriented.info["icc_profile"] = image.info["icc_profile"]
                return oriented
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ImageTooLarge(max_pixels=MAX_IMAGE_PIXELS) from None
        except Exception as error:  # truncated data, bad chunks, decoder errors
            raise UnsupportedImage(reason=type(error).__name__) from None


def _stored_size(size: tuple[int, int]) -> tuple[int, int]:
    """`size` scaled down (never up) so that its longer side is at most MAX_STORED_SIDE."""
    scale = min(1.0, MAX_STORED_SIDE / max(size))
    return (max(1, round(size[0] * scale)), max(1, round(size[1] * scale)))


def _upright_srgb(image: Image.Image, image_format: str) -> Image.Image:
    """Pixels only, in sRGB, 8 bits: RGB or RGBA, or L for greyscale (no alpha in JPEG)."""
    has_alpha = image_format != "JPEG" and (
        "A" in image.mode or (image.mode == "P" and "transparency" in image.info)
    )
    if image.mode.startswith("I"):  # 16-bit greyscale PNG: scale, do not clip, to 8 bits
        image = image.convert("I").point(lambda value: value * (1 / 256))
    icc = image.info.get("icc_profile")
    if icc and image.mode in {"RGB", "RGBA", "CMYK"}:
        image = _to_srgb(image, icc)
    if image.mode in {"L", "F", "I", "1"} or (image.mode == "LA" and not has_alpha):
        clean = image.convert("L")
    elif image.mode == "LA":
        clean = image.copy()
    else:
        clean = image.convert("RGBA" if has_alpha else "RGB")
    clean.info = {}
    return clean


def _to_srgb(image: Image.Image, icc: bytes) -> Image.Image:
    """Colour-manage an image with an embedded profile into sRGB (CMYK photos need it)."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        output_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode=output_mode)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # a broken profile: the plain conversion follows
    return converted if converted is not None else image


def _encode(image: Image.Image, image_format: str) -> bytes:
    out = io.BytesIO()
    if image_format == "JPEG":
        rgb = image if image.mode in {"RGB", "L"} else image.convert("RGB")
        rgb.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif image_format == "PNG":
        image.save(out, "PNG", optimize=True)
    else:
        webp = image if image.mode in {"RGB", "RGBA"} else image.convert("RGBA")
        webp.save(out, "WEBP", quality=WEBP_QUALITY, method=4)
    return out.getvalue()


def _alt_from_filename(filename: str) -> str:
    stem = filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0]
    return " ".join(stem.replace("_", " ").replace("-", " ").split())


def _delete_stored(names: list[str]) -> None:
    storage = ProductImage._meta.get_field("image").storage
    for name in names:
        storage.delete(name)


def _delete_files(image: ProductImage) -> None:
    _delete_names(image, (image.image.name, image.thumbnail.name))


def _delete_names(image: ProductImage, names: tuple[str | None, ...]) -> None:
    storage = image.image.storage
    for name in names:
        if name:
            storage.delete(name)
