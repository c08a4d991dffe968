"""`tradebridge demo` leaves a search index of the demo catalog, which then follows the
catalog's changes (the change feed: here run at once by the tests' immediate task backend,
when serving by the task worker of `tradebridge serve`)."""

from io import StringIO

import pytest
from django.core.management import call_command

from tradebridge.catalog.selectors import product_list_public
from tradebridge.catalog.services import product_delete
from tradebridge.companies.enums import Role
from tradebridge.companies.models import Membership
from tradebridge.demo.catalogs.loader import load_catalogs
from tradebridge.demo.marketplace import DEMO_COMPANIES
from tradebridge.search.engine import search_products
from tradebridge.search.types import ProductQuery

OWNERS = {
    company.people[0].email.split("@")[1]: company.people[0].email for company in DEMO_COMPANIES
}


def _demo(*options: str) -> str:
    out = StringIO()
    call_command("demo", "--skip-fx-rates", "--skip-catalogs", *options, stdout=out)
    return out.getvalue()


@pytest.fixture
def small_demo_catalog(db, settings, tmp_path, django_capture_on_commit_callbacks):
    """The demo's people and a small slice of its catalogs, committed, without an index yet
    (their change announcements find no index to sync)."""
    settings.SEARCH_INDEX_DIR = tmp_path / "search"
    with django_capture_on_commit_callbacks(execute=True):
        _demo("--skip-search-index")
        load_catalogs(owners=OWNERS, per_type=1, giftware_limit=5)


def test_the_demo_builds_the_search_index_once(small_demo_catalog):
    visible = product_list_public().count()

    first = _demo()
    second = _demo()

    assert search_products(ProductQuery()).count == visible > 0
    mug = product_list_public().order_by("sku").first()
    assert mug is not None
    found = search_products(ProductQuery(text=mug.title))
    assert mug.id in [hit.product_id for hit in found.hits]
    assert "Planner statistics refreshed" in first
    assert f"Indexed {visible:,} products" in first
    assert "the search index (keywords)" in first
    assert "Search index present; the task worker keeps it up to date." in second
    assert "Demo marketplace already present; nothing changed." in second


def test_a_product_change_after_the_demo_reaches_the_index(
    small_demo_catalog, django_capture_on_commit_callbacks
):
    _demo()
    product = product_list_public().order_by("sku").first()
    assert product is not None
    owner = Membership.objects.get(company_id=product.supplier_id, role=Role.OWNER)
    before = search_products(ProductQuery()).count

    with django_capture_on_commit_callbacks(execute=True):
        product_delete(actor=owner, product_id=product.id)

    assert search_products(ProductQuery()).count == before - 1
    found = search_products(ProductQuery(text=product.title))
    assert product.id not in [hit.product_id for hit in found.hits]
