"""The images zip: lookups by name, and the zip-bomb caps."""

import io
import zipfile

import pytest

from tradebridge.catalog.importing import archive as archive_module
from tradebridge.catalog.importing.archive import ArchiveUnreadable, ImageArchive


def make_zip(files: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def test_images_by_name_or_last_path_part():
    images = ImageArchive(make_zip({"photos/Ball.JPG": b"jpeg", "net.png": b"png"}))

    assert "ball.jpg" in images
    assert "photos/ball.jpg" in images
    assert "../net.png" not in images
    assert images.read("Ball.jpg") == b"jpeg"
    assert images.read("net.png") == b"png"


def test_not_a_zip():
    with pytest.raises(ArchiveUnreadable) as caught:
        ImageArchive(io.BytesIO(b"not a zip"))

    assert caught.value.details["reason"] == "format"


def test_too_many_entries(monkeypatch):
    monkeypatch.setattr(archive_module, "MAX_ENTRIES", 3)

    with pytest.raises(ArchiveUnreadable) as caught:
        ImageArchive(make_zip({f"{n}.jpg": b"x" for n in range(4)}))

    assert caught.value.details["reason"] == "too_many_entries"


def test_a_bomb_is_refused_from_its_declared_size(monkeypatch):
    monkeypatch.setattr(archive_module, "MAX_INFLATED_BYTES", 1_000_000)

    with pytest.raises(ArchiveUnreadable) as caught:
        ImageArchive(make_zip({"bomb.jpg": b"\0" * 2_000_000}))  # deflates to ~2 KB

    assert caught.value.details["reason"] == "too_large"


def test_an_image_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr(archive_module, "MAX_IMAGE_BYTES", 1000)
    images = ImageArchive(make_zip({"big.jpg": b"\0" * 5000}))

    with pytest.raises(ArchiveUnreadable) as caught:
        images.read("big.jpg")

    assert caught.value.details["reason"] == "too_large"


def test_a_forged_size_is_caught_while_reading(monkeypatch):
    monkeypatch.setattr(archive_module, "MAX_IMAGE_BYTES", 1000)
    buffer = make_zip({"big.jpg": b"\0" * 5000})
    images = ImageArchive(buffer)
    images._entries["big.jpg"].file_size = 10  # a forged header

    with pytest.raises(ArchiveUnreadable) as caught:
        images.read("big.jpg")

    assert caught.value.details["reason"] in {"too_large", "format"}
