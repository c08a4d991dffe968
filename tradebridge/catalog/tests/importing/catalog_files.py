"""Helpers for importer tests: catalog files from rows, in any format, and an import call."""

import csv
import io
import json
import zipfile

from openpyxl import Workbook
from PIL import Image

from tradebridge.catalog.importing.archive import ImageArchive
from tradebridge.catalog.importing.readers import CatalogFile, FileFormat
from tradebridge.catalog.importing.runner import catalog_import

HEADER = ["sku", "title", "category", "price_tiers", "moq", "lead_time_days", "stock"]
GOOD = [
    ["BALL-5", "Soccer ball", "1112", "100:4.20;500:3.90", "", "15", "1200"],
    ["NET-1", "Goal net", "Sporting Goods > Athletics > Soccer", "10:30", "20", "1:10;500:20", ""],
]


def csv_bytes(rows: list[list[str]], header: list[str] = HEADER) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode()


def xlsx_bytes(rows: list[list[str]], header: list[str] = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def jsonl_bytes(rows: list[list[str]], header: list[str] = HEADER) -> bytes:
    return b"".join(
        json.dumps(dict(zip(header, row, strict=True))).encode() + b"\n" for row in rows
    )


def image_zip(*names: str) -> ImageArchive:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index, name in enumerate(names):
            picture = io.BytesIO()
            Image.new("RGB", (64, 48), (200, index * 40, 10)).save(picture, "JPEG")
            archive.writestr(name, picture.getvalue())
    buffer.seek(0)
    return ImageArchive(buffer)


def run_import(supplier, data: bytes, file_format: FileFormat = FileFormat.CSV, **options):
    catalog = CatalogFile(io.BytesIO(data), file_format)
    return catalog_import(supplier=supplier, catalog=catalog, **options)
