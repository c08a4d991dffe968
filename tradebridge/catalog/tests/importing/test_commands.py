"""`tradebridge import-catalog` and `export-catalog`: summary, exit codes, dry run."""

import io

import pytest
from django.core.management import CommandError, call_command

from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.importing.catalog_files import GOOD, csv_bytes

pytestmark = pytest.mark.usefixtures("categories")


def run(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("import-catalog", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def catalog_csv(tmp_path):
    path = tmp_path / "catalog.csv"
    path.write_bytes(csv_bytes([*GOOD, ["BAD", "Ball", "", "10:x", "", "", ""]]))
    return path


def test_import_lists_errors_and_summarises(team, catalog_csv):
    out, err = run(str(catalog_csv), supplier=team.supplier.slug)

    assert "line 4, price_tiers: x is not a number (use a dot as decimal separator)" in err
    assert "Importing [" in err
    assert "3 rows, 2 created, 0 updated, 1 errors in" in out
    assert "rows/s" in out
    assert Product.objects.filter(supplier=team.supplier).count() == 2


def test_fail_on_errors_exits_2_after_importing_the_good_rows(team, catalog_csv):
    with pytest.raises(CommandError) as caught:
        run(str(catalog_csv), supplier=team.supplier.slug, fail_on_errors=True)

    assert caught.value.returncode == 2
    assert Product.objects.filter(supplier=team.supplier).count() == 2


def test_dry_run_changes_nothing(team, catalog_csv):
    out, _ = run(str(catalog_csv), supplier=team.supplier.slug, dry_run=True)

    assert out.startswith("Dry run, nothing written: 3 rows, 2 created")
    assert not Product.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("sku,title\nA,café\n".encode("latin-1"), "is not UTF-8 or UTF-16 with a byte-order"),
        (b"", "The file is empty"),
        (b"sku,price\n", "Unknown columns: price"),
    ],
)
def test_an_unreadable_file_exits_1_and_imports_nothing(team, tmp_path, data, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(data)

    with pytest.raises(CommandError) as caught:
        run(str(path), supplier=team.supplier.slug)

    assert caught.value.returncode == 1
    assert message in str(caught.value)
    assert not Product.objects.exists()


def test_unknown_supplier_and_extension(team, tmp_path):
    other = tmp_path / "catalog.txt"
    other.write_bytes(b"sku,title\n")

    with pytest.raises(CommandError, match="No company with the slug 'nope'"):
        run(str(other), supplier="nope")
    with pytest.raises(CommandError, match=r"Upload a \.csv, \.xlsx or \.jsonl file"):
        run(str(other), supplier=team.supplier.slug)
    run(str(other), supplier=team.supplier.slug, format="csv")


def test_a_bad_images_zip_exits_1(team, catalog_csv, tmp_path):
    images = tmp_path / "images.zip"
    images.write_bytes(b"not a zip")

    with pytest.raises(CommandError, match="The images file is not a zip"):
        run(str(catalog_csv), supplier=team.supplier.slug, images=str(images))
    assert not Product.objects.exists()


def test_export_to_a_file_reimports(team, tmp_path):
    run_path = tmp_path / "catalog.csv"
    run_path.write_bytes(csv_bytes(GOOD))
    run(str(run_path), supplier=team.supplier.slug)
    exported = tmp_path / "export.xlsx"
    err = io.StringIO()

    call_command(
        "export-catalog",
        supplier=team.supplier.slug,
        format="xlsx",
        output=str(exported),
        stderr=err,
    )

    assert err.getvalue().strip() == "Exported 2 rows (products and variants)."
    out, _ = run(str(exported), supplier=team.supplier.slug)
    assert "2 rows, 0 created, 2 updated, 0 errors" in out
