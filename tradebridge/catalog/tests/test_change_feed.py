"""The change feed: every change of what a buyer could see of a product writes exactly its rows,
in the change's own transaction; a company's change writes a row for each of its products; one
CatalogChanged per transaction; old rows are pruned; the selectors read it in order."""

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from tradebridge.catalog.change_feed import product_changes_record
from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.events import CatalogChanged
from tradebridge.catalog.images import product_image_add, product_image_remove
from tradebridge.catalog.models import Product, ProductChange
from tradebridge.catalog.selectors import (
    ProductChangeRow,
    product_change_latest_id,
    product_change_oldest_id,
    product_changes_after,
)
from tradebridge.catalog.services import (
    product_approve,
    product_changes_prune,
    product_create,
    product_delete,
    product_publish,
    product_reinstate,
    product_submit_for_review,
    product_suspend,
    product_unpublish,
    product_update,
    product_upsert_by_sku,
    supplier_products_changed,
)
from tradebridge.catalog.tests.conftest import SupplierTeam, ball_data, feed_mark, feed_rows
from tradebridge.catalog.tests.factories import ProductFactory
from tradebridge.catalog.tests.test_images import image_bytes
from tradebridge.companies.enums import CompanyKind, VerificationLevel
from tradebridge.companies.services import (
    CompanyChanges,
    company_kind_change_approve,
    company_kind_change_request,
    company_reinstate,
    company_set_verification,
    company_suspend,
    company_update,
)
from tradebridge.core.services.pruning import prune_expired

pytestmark = pytest.mark.usefixtures("categories")


class Rollback(Exception):
    """Raised inside a transaction to roll it back."""


def _rolled_back(write: Callable[[], object]) -> None:
    def write_then_fail() -> None:
        with transaction.atomic():
            write()
            raise Rollback

    with pytest.raises(Rollback):
        write_then_fail()


# --- products ---------------------------------------------------------------------------


def test_create_update_and_delete_each_write_one_row(team: SupplierTeam) -> None:
    product = product_create(actor=team.sales, data=ball_data())
    product_update(actor=team.sales, product_id=product.id, data=ball_data(title="New title"))
    product_delete(actor=team.sales, product_id=product.id)

    assert feed_rows() == [(product.id, team.supplier.id)] * 3


def test_the_importers_upsert_writes_one_row_per_call(team: SupplierTeam) -> None:
    created, _ = product_upsert_by_sku(supplier=team.supplier, data=ball_data(), created_by=None)
    product_upsert_by_sku(supplier=team.supplier, data=ball_data(stock=5), created_by=None)

    assert feed_rows() == [(created.id, team.supplier.id)] * 2


def test_a_write_that_fails_validation_writes_no_row(team: SupplierTeam) -> None:
    product_create(actor=team.sales, data=ball_data())
    mark = feed_mark()

    with pytest.raises(Exception, match="SKU"):
        product_create(actor=team.sales, data=ball_data())  # the same SKU again

    assert feed_rows(mark) == []


@pytest.mark.parametrize(
    "write",
    [
        pytest.param(lambda team: product_create(actor=team.sales, data=ball_data()), id="create"),
        pytest.param(
            lambda team: product_upsert_by_sku(
                supplier=team.supplier, data=ball_data(), created_by=None
            ),
            id="upsert",
        ),
        pytest.param(
            lambda team: product_delete(
                actor=team.sales, product_id=ProductFactory.create(supplier=team.supplier).id
            ),
            id="delete",
        ),
    ],
)
def test_a_rolled_back_write_leaves_no_row(
    team: SupplierTeam, write: Callable[[SupplierTeam], object]
) -> None:
    _rolled_back(lambda: write(team))

    assert feed_rows() == []


def test_every_status_change_writes_one_row(team: SupplierTeam) -> None:
    product = ProductFactory.create(
        supplier=team.supplier, status=ProductStatus.DRAFT, published_at=None
    )
    operator = team.operator

    product_submit_for_review(actor=team.sales, product_id=product.id)
    product_approve(operator=operator, product_id=product.id)
    product_unpublish(actor=team.sales, product_id=product.id)
    product_publish(actor=team.sales, product_id=product.id)  # unverified: back to review
    product_suspend(operator=operator, product_id=product.id, reason="Counterfeit")
    product_reinstate(operator=operator, product_id=product.id)  # published again
    product_unpublish(actor=team.sales, product_id=product.id)
    product_unpublish(actor=team.sales, product_id=product.id)  # already a draft: no change

    assert feed_rows() == [(product.id, team.supplier.id)] * 7


def test_a_rolled_back_status_change_leaves_no_row(team: SupplierTeam) -> None:
    product = ProductFactory.create(supplier=team.supplier)

    _rolled_back(
        lambda: product_suspend(operator=team.operator, product_id=product.id, reason="Checking")
    )

    assert feed_rows() == []


def test_adding_and_removing_an_image_write_one_row_each(team: SupplierTeam) -> None:
    product = ProductFactory.create(supplier=team.supplier)

    image = product_image_add(
        actor=team.sales, product_id=product.id, data=image_bytes(), filename="a.jpg"
    )
    product_image_remove(actor=team.sales, image_id=image.id)
    _rolled_back(
        lambda: product_image_add(
            actor=team.sales, product_id=product.id, data=image_bytes(), filename="b.jpg"
        )
    )

    assert feed_rows() == [(product.id, team.supplier.id)] * 2


# --- companies --------------------------------------------------------------------------


@pytest.fixture
def catalogs(team: SupplierTeam) -> list[Product]:
    """Three products of the supplier (one a draft) and one of another supplier."""
    ProductFactory.create(supplier=team.other_supplier)
    return [
        *ProductFactory.create_batch(2, supplier=team.supplier),
        ProductFactory.create(supplier=team.supplier, status=ProductStatus.DRAFT),
    ]


def _all_of(team: SupplierTeam, products: list[Product]) -> list[tuple[uuid.UUID, uuid.UUID]]:
    return sorted((product.id, team.supplier.id) for product in products)


def test_suspending_and_reinstating_a_supplier_write_a_row_per_product(
    team: SupplierTeam, catalogs: list[Product]
) -> None:
    company_suspend(operator=team.operator, company_id=team.supplier.id, reason="Fraud.")
    assert sorted(feed_rows()) == _all_of(team, catalogs)
    mark = feed_mark()

    company_reinstate(operator=team.operator, company_id=team.supplier.id, reason="Cleared.")

    assert sorted(feed_rows(mark)) == _all_of(team, catalogs)


def test_a_verification_change_writes_a_row_per_product_and_the_same_level_none(
    team: SupplierTeam, catalogs: list[Product]
) -> None:
    level = VerificationLevel.BUSINESS_VERIFIED
    company_set_verification(operator=team.operator, company_id=team.supplier.id, level=level)
    assert sorted(feed_rows()) == _all_of(team, catalogs)
    mark = feed_mark()

    company_set_verification(operator=team.operator, company_id=team.supplier.id, level=level)

    assert feed_rows(mark) == []


@pytest.mark.parametrize(
    "changes",
    [
        CompanyChanges(display_name="Xiamen Balls"),
        CompanyChanges(country="VN"),
        CompanyChanges(province="Guangdong"),
    ],
)
def test_editing_what_products_show_of_the_company_writes_a_row_per_product(
    team: SupplierTeam, catalogs: list[Product], changes: CompanyChanges
) -> None:
    company_update(actor=team.owner, changes=changes)

    assert sorted(feed_rows()) == _all_of(team, catalogs)


def test_editing_anything_else_or_nothing_writes_no_row(
    team: SupplierTeam, catalogs: list[Product]
) -> None:
    company_update(actor=team.owner, changes=CompanyChanges(website="https://balls.example.com"))
    company_update(actor=team.owner, changes=CompanyChanges(province=team.supplier.province))

    assert feed_rows() == []


def test_an_approved_change_of_kind_writes_a_row_per_product_and_a_request_none(
    team: SupplierTeam, catalogs: list[Product]
) -> None:
    change = company_kind_change_request(actor=team.owner, kind=CompanyKind.BUYER)
    assert change is not None
    assert feed_rows() == []

    company_kind_change_approve(operator=team.operator, change_id=change.id)

    assert sorted(feed_rows()) == _all_of(team, catalogs)


def test_a_rolled_back_suspension_leaves_no_row(
    team: SupplierTeam, catalogs: list[Product]
) -> None:
    _rolled_back(
        lambda: company_suspend(operator=team.operator, company_id=team.supplier.id, reason="X.")
    )

    assert feed_rows() == []


def test_a_supplier_without_products_writes_nothing(team: SupplierTeam) -> None:
    assert supplier_products_changed(company_id=team.supplier.id) == 0
    assert feed_rows() == []


def test_all_of_a_suppliers_rows_are_one_statement(
    team: SupplierTeam, catalogs: list[Product], django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        written = supplier_products_changed(company_id=team.supplier.id)

    assert written == 3
    assert sorted(feed_rows()) == _all_of(team, catalogs)
    assert ProductChange.objects.filter(created_at__isnull=True).count() == 0


# --- the announcement -------------------------------------------------------------------


def test_one_announcement_per_transaction_however_many_rows(
    team: SupplierTeam,
    changed: list[CatalogChanged],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        product = product_create(actor=team.sales, data=ball_data())
        product_update(actor=team.sales, product_id=product.id, data=ball_data(stock=1))
        company_suspend(operator=team.operator, company_id=team.supplier.id, reason="Fraud.")

    assert changed == [CatalogChanged()]
    assert len(feed_rows()) == 3


def test_a_rolled_back_savepoint_takes_its_announcement_with_it(
    team: SupplierTeam,
    changed: list[CatalogChanged],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _rolled_back(lambda: product_create(actor=team.sales, data=ball_data()))
        product_create(actor=team.sales, data=ball_data(sku="OTHER"))

    assert changed == [CatalogChanged()]  # the second write announced itself again
    assert len(feed_rows()) == 1


def test_recording_nothing_announces_nothing(
    changed: list[CatalogChanged], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert product_changes_record(changes=[]) == 0

    assert callbacks == []
    assert changed == []


# --- selectors --------------------------------------------------------------------------


def test_the_feed_is_read_in_id_order_after_a_position(team: SupplierTeam) -> None:
    assert (product_change_latest_id(), product_change_oldest_id()) == (0, 0)
    assert product_changes_after(0, limit=10) == []
    ids = [uuid.uuid4() for _ in range(5)]
    product_changes_record(changes=[(product_id, team.supplier.id) for product_id in ids])
    first = product_change_oldest_id()

    page = product_changes_after(first, limit=3)

    assert [row.product_id for row in page] == ids[1:4]
    assert [row.id for row in page] == [first + 1, first + 2, first + 3]
    assert all(isinstance(row, ProductChangeRow) for row in page)
    assert page[0].supplier_id == team.supplier.id
    assert product_change_latest_id() == first + 4
    assert product_changes_after(first + 4, limit=3) == []


# --- pruning ----------------------------------------------------------------------------


def _row(age: timedelta) -> int:
    change = ProductChange.objects.create(
        product_id=uuid.uuid4(), supplier_id=uuid.uuid4(), created_at=timezone.now() - age
    )
    return change.id


def test_pruning_deletes_rows_older_than_seven_days() -> None:
    old = [_row(timedelta(days=9)), _row(timedelta(days=7, minutes=1))]
    recent = [_row(timedelta(days=6, hours=23)), _row(timedelta(0))]

    assert product_changes_prune() == 2

    assert list(ProductChange.objects.values_list("id", flat=True)) == recent
    assert product_change_oldest_id() == recent[0] > old[-1]
    assert product_changes_prune() == 0  # idempotent


def test_pruning_keeps_the_newest_row_so_the_latest_id_never_goes_back() -> None:
    ids = [_row(timedelta(days=30)) for _ in range(3)]

    assert product_changes_prune() == 2

    assert product_change_latest_id() == ids[-1]
    assert product_change_oldest_id() == ids[-1]


def test_pruning_an_empty_feed_does_nothing() -> None:
    assert product_changes_prune() == 0


def test_the_daily_housekeeping_prunes_the_feed() -> None:
    _row(timedelta(days=8))
    newest = _row(timedelta(days=1))

    summary = prune_expired()

    assert summary.registered["catalog change-feed rows"] == 1
    assert list(ProductChange.objects.values_list("id", flat=True)) == [newest]


def test_the_prune_command_reports_the_feed(capsys: pytest.CaptureFixture[str]) -> None:
    _row(timedelta(days=8))
    _row(timedelta(days=8))

    call_command("prune")

    assert "Pruned 1 catalog change-feed rows." in capsys.readouterr().out
