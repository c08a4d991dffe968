import pytest
from django.test import Client

from tradebridge.accounts.tests.factories import OperatorFactory, UserFactory
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Product
from tradebridge.catalog.tests.factories import ImportJobFactory, ProductFactory
from tradebridge.core.models import AuditEvent

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/catalog/product/"


@pytest.fixture
def operator_client() -> Client:
    client = Client()
    client.force_login(OperatorFactory.create())
    return client


def _act(client: Client, action: str, *products: Product, **extra: str) -> object:
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [str(p.id) for p in products], **extra},
        follow=True,
    )


def test_suspend_asks_for_a_reason_then_suspends_through_the_service(
    operator_client: Client,
) -> None:
    products = ProductFactory.create_batch(2)

    asked = operator_client.post(
        CHANGELIST,
        {"action": "suspend", "_selected_action": [str(p.id) for p in products]},
    )
    assert asked.status_code == 200
    assert "Reason" in asked.text
    for product in products:  # the confirm page posts the same products back
        hidden = f'<input type="hidden" name="_selected_action" value="{product.id}">'
        assert hidden in asked.text
        assert f"<li>{product}</li>" in asked.text
    assert set(Product.objects.values_list("status", flat=True)) == {"published"}

    _act(operator_client, "suspend", *products, apply="1", reason="Counterfeit brand")

    assert set(Product.objects.values_list("status", "status_reason")) == {
        ("suspended", "Counterfeit brand")
    }
    assert AuditEvent.objects.filter(action="product.suspended").count() == 2


def test_reinstate_and_approve_report_products_that_cannot_move(operator_client: Client) -> None:
    suspended = ProductFactory.create(status=ProductStatus.SUSPENDED)
    waiting = ProductFactory.create(status=ProductStatus.PENDING_REVIEW, published_at=None)
    published = ProductFactory.create()

    reinstated = _act(operator_client, "reinstate", suspended, published)
    approved = _act(operator_client, "approve", waiting)

    suspended.refresh_from_db()
    waiting.refresh_from_db()
    assert suspended.status == ProductStatus.PUBLISHED
    assert waiting.status == ProductStatus.PUBLISHED
    assert "Cannot go from published to published." in reinstated.text  # type: ignore[attr-defined]
    assert f"Product “{waiting.title}” approved." in approved.text  # type: ignore[attr-defined]
    assert f"Product “{suspended.title}” reinstated." in reinstated.text  # type: ignore[attr-defined]


def test_operators_filter_by_status_and_supplier_and_cannot_edit(operator_client: Client) -> None:
    product = ProductFactory.create(status=ProductStatus.DRAFT)
    ProductFactory.create()

    listed = operator_client.get(CHANGELIST, {"status__exact": "draft"})
    by_supplier = operator_client.get(CHANGELIST, {"supplier__id__exact": str(product.supplier_id)})
    edit = operator_client.post(f"{CHANGELIST}{product.id}/change/", {"title": "Hacked"})
    add = operator_client.get(f"{CHANGELIST}add/")

    assert listed.status_code == by_supplier.status_code == 200
    assert listed.context["cl"].result_count == 1
    assert by_supplier.context["cl"].result_count == 1
    assert edit.status_code == 403
    assert add.status_code == 403
    product.refresh_from_db()
    assert product.title != "Hacked"


def test_categories_and_import_jobs_are_read_only(operator_client: Client) -> None:
    ImportJobFactory.create()

    categories = operator_client.get("/admin/catalog/category/", {"q": "Soccer Balls"})
    jobs = operator_client.get("/admin/catalog/importjob/")
    change = operator_client.post("/admin/catalog/category/1112/change/", {"name": "x"})

    assert categories.status_code == jobs.status_code == 200
    assert categories.context["cl"].result_count == 1
    assert change.status_code == 403


def test_non_operators_cannot_reach_the_catalog_admin() -> None:
    product = ProductFactory.create()
    client = Client()
    client.force_login(UserFactory.create())

    response = _act(client, "suspend", product, apply="1", reason="x")

    product.refresh_from_db()
    assert product.status == ProductStatus.PUBLISHED
    assert "/admin/login/" in response.redirect_chain[0][0]  # type: ignore[attr-defined]
