"""The importer with an images zip: files looked up by name, processed by catalog.images."""

import io
import zipfile

import pytest

from tradebridge.catalog.importing.archive import ImageArchive
from tradebridge.catalog.importing.rows import RowError
from tradebridge.catalog.models import Product, ProductImage
from tradebridge.catalog.tests.importing.catalog_files import (
    GOOD,
    HEADER,
    csv_bytes,
    image_zip,
    run_import,
)

pytestmark = pytest.mark.usefixtures("categories")


def test_images_come_from_the_zip_and_replace_on_reimport(team):
    header = [*HEADER, "images"]
    rows = [[*GOOD[0], "ball.jpg;photos/ball-2.jpg"], [*GOOD[1], "missing.jpg"]]
    archive = image_zip("ball.jpg", "photos/ball-2.jpg")

    first = run_import(team.supplier, csv_bytes(rows, header), images=archive)
    second = run_import(team.supplier, csv_bytes(rows, header), images=archive)

    assert (
        first.errors
        == second.errors
        == [RowError(3, "images", "not in the images zip: missing.jpg")]
    )
    ball = Product.objects.get(sku="BALL-5")
    assert ProductImage.objects.filter(product=ball).count() == 2
    assert sorted(ball.images.values_list("width", "height")) == [(64, 48), (64, 48)]


def test_a_bad_image_keeps_its_row_out_and_the_batch_lands(team):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("broken.jpg", b"\xff\xd8\xff\xe0 not really a JPEG")
    buffer.seek(0)
    header = [*HEADER, "images"]
    third = ["CONE-1", "Training cone", "1112", "50:0.80", "", "10", ""]
    rows = [[*GOOD[0], ""], [*GOOD[1], "broken.jpg"], [*third, ""]]

    summary = run_import(team.supplier, csv_bytes(rows, header), images=ImageArchive(buffer))

    assert [(error.line, error.column) for error in summary.errors] == [(3, "images")]
    assert (summary.created, summary.updated, summary.error_count) == (2, 0, 1)
    assert sorted(Product.objects.values_list("sku", flat=True)) == ["BALL-5", "CONE-1"]
