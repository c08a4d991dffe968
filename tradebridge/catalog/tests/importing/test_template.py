"""The import page links the file format and a CSV template that imports as it is."""

import pytest
from django.urls import reverse

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.file_format import TEMPLATE_COLUMNS
from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.importing.catalog_files import run_import
from tradebridge.catalog.tests.importing.test_pages import MANAGERS, NOT_MANAGERS, client_for
from tradebridge.core.tests.web.html_policy import csp_violations

pytestmark = pytest.mark.usefixtures("categories")

FORMAT_URL = reverse("catalog_import_format")
TEMPLATE_URL = reverse("catalog_import_template")


def test_the_import_page_links_the_format_and_the_template(team):
    html = client_for(team, "sales").get(reverse("catalog_import")).content.decode()

    assert f'href="{FORMAT_URL}"' in html
    assert f'href="{TEMPLATE_URL}" download' in html


@pytest.mark.parametrize("actor", MANAGERS)
def test_the_format_page_lists_every_column(team, actor):
    response = client_for(team, actor).get(FORMAT_URL)

    assert response.status_code == 200
    html = response.content.decode()
    for column in TEMPLATE_COLUMNS:
        assert f"<code>{column}" in html or f", {column}" in html, column
    assert csp_violations(html) == []


@pytest.mark.parametrize("actor", NOT_MANAGERS)
def test_format_and_template_do_not_exist_for_others(team, actor):
    client = client_for(team, actor)

    assert client.get(FORMAT_URL).status_code == 404
    assert client.get(TEMPLATE_URL).status_code == 404


def test_the_template_is_a_header_and_two_rows_that_import_cleanly(team):
    response = client_for(team, "owner").get(TEMPLATE_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="catalog-template.csv"'
    lines = response.content.decode().splitlines()
    assert len(lines) == 3
    assert lines[0] == ",".join(f'"{column}"' for column in TEMPLATE_COLUMNS)

    summary = run_import(team.supplier, response.content)

    assert (summary.errors, summary.created, summary.error_count) == ([], 1, 0)
    product = Product.objects.get()
    assert (product.sku, product.status, product.category_id, product.moq) == (
        "BALL-5",
        ProductStatus.DRAFT,
        1112,
        200,
    )
    assert list(product.variants.values_list("sku", "options", "stock")) == [
        ("BALL-5-RED", {"Color": "Red"}, 300)
    ]
