"""The index follows the catalog's change feed: every committed change through the catalog and
company services is searchable (or gone) right after the commit, a retried or repeated sync
changes nothing, late-committed feed rows inside the look-back window are applied, and a
rebuild from scratch equals the incrementally maintained index."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import pytest

from tradebridge.accounts.tests.factories import OperatorFactory, UserFactory
from tradebridge.catalog.models import Product, ProductChange
from tradebridge.catalog.services import (
    product_approve,
    product_create,
    product_delete,
    product_publish,
    product_reinstate,
    product_suspend,
    product_update,
)
from tradebridge.catalog.tests.conftest import ball_data
from tradebridge.catalog.tests.factories import ProductFactory, SupplierFactory
from tradebridge.companies.enums import Role
from tradebridge.companies.models import Membership
from tradebridge.companies.services.suspension import company_reinstate, company_suspend
from tradebridge.companies.tests.factories import MembershipFactory
from tradebridge.search.engine import search_products, search_suppliers
from tradebridge.search.schema import SCHEMA_VERSION
from tradebridge.search.services.indexing import LOOK_BACK, search_reindex, search_sync
from tradebridge.search.store import IndexState, current_generation
from tradebridge.search.tasks import search_sync_task
from tradebridge.search.types import ProductQuery, SupplierQuery

pytestmark = pytest.mark.django_db
T = TypeVar("T")


@pytest.fixture
def owner(db: None) -> Membership:
    supplier = SupplierFactory.create(
        slug="ningbo-lights", display_name="Ningbo Lights", verification_level="audited"
    )
    user = UserFactory.create(email="owner@ningbo.example.com")
    return MembershipFactory.create(company=supplier, user=user, role=Role.OWNER)


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[[Callable[[], T]], T]:
    """Run a change and its commit callbacks (the feed's announcement, the sync task)."""

    def run(change: Callable[[], T]) -> T:
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    return run


def _titles_found(text: str) -> int:
    return search_products(ProductQuery(text=text)).count


def test_every_committed_change_is_in_the_index(
    search_index: object, owner: Membership, committed: Any
) -> None:
    operator = OperatorFactory.create()
    data = ball_data(sku="LAMP-1", title="Paper lantern", translations={})
    product = committed(lambda: product_create(actor=owner, data=data))
    assert _titles_found("lantern") == 0  # a draft
    committed(lambda: product_publish(actor=owner, product_id=product.id))  # audited: direct
    assert _titles_found("lantern") == 1

    committed(
        lambda: product_update(
            actor=owner, product_id=product.id, data=ball_data(sku="LAMP-1", title="Brass lamp")
        )
    )
    assert (_titles_found("lantern"), _titles_found("brass")) == (0, 1)

    committed(lambda: product_suspend(operator=operator, product_id=product.id, reason="Fake"))
    assert _titles_found("brass") == 0
    committed(lambda: product_reinstate(operator=operator, product_id=product.id))
    assert _titles_found("brass") == 1

    company = owner.company
    committed(lambda: company_suspend(operator=operator, company_id=company.id, reason="Fraud"))
    assert _titles_found("brass") == 0
    assert search_suppliers(SupplierQuery(text="ningbo")).count == 0
    committed(lambda: company_reinstate(operator=operator, company_id=company.id, reason="OK"))
    assert _titles_found("brass") == 1
    assert search_suppliers(SupplierQuery(text="ningbo")).count == 1

    committed(lambda: product_delete(actor=owner, product_id=product.id))
    assert _titles_found("brass") == 0


def test_a_product_under_review_appears_once_approved(search_index: object, committed: Any) -> None:
    newcomer = MembershipFactory.create(
        company=SupplierFactory.create(verification_level="unverified"), role=Role.OWNER
    )
    product = committed(
        lambda: product_create(actor=newcomer, data=ball_data(title="Copper kettle"))
    )
    committed(lambda: product_publish(actor=newcomer, product_id=product.id))
    assert Product.objects.get(id=product.id).status == "pending_review"
    assert _titles_found("kettle") == 0
    operator = OperatorFactory.create()
    committed(lambda: product_approve(operator=operator, product_id=product.id))
    assert _titles_found("kettle") == 1


def test_a_retried_sync_changes_nothing(
    search_index: object, owner: Membership, committed: Any
) -> None:
    vase = committed(lambda: product_create(actor=owner, data=ball_data(title="Glass vase")))
    committed(lambda: product_publish(actor=owner, product_id=vase.id))
    generation = current_generation()
    assert generation is not None
    before = generation.read_state()

    assert search_sync_task.call() == {"applied": 0, "watermark": before.watermark}
    assert search_sync_task.call() == {"applied": 0, "watermark": before.watermark}
    assert _titles_found("vase") == 1

    # A crash after the tantivy commit and before the state file: the rows are applied again.
    generation.write_state(before.__class__(watermark=0))
    assert search_sync().applied == ProductChange.objects.count()
    assert _titles_found("vase") == 1


def test_a_late_committed_change_inside_the_look_back_is_applied(
    search_index: object, owner: Membership, committed: Any
) -> None:
    late = ProductFactory.create(supplier=owner.company, title="Late jug")  # not indexed yet
    reserved = ProductChange.objects.create(product_id=late.id, supplier_id=owner.company_id)
    reserved_id = reserved.id
    reserved.delete()  # its transaction has taken an id and not committed yet
    early = committed(
        lambda: product_create(actor=owner, data=ball_data(sku="E", title="Early jug"))
    )
    committed(lambda: product_publish(actor=owner, product_id=early.id))
    assert _titles_found("jug") == 1
    generation = current_generation()
    assert generation is not None
    assert generation.read_state().watermark > reserved_id

    ProductChange.objects.create(id=reserved_id, product_id=late.id, supplier_id=owner.company_id)
    assert search_sync().applied == 1  # now it commits, below the watermark
    assert _titles_found("jug") == 2


def test_a_change_older_than_the_look_back_waits_for_a_rebuild(
    search_index: object, owner: Membership, committed: Any
) -> None:
    product = committed(lambda: product_create(actor=owner, data=ball_data(title="Tin box")))
    committed(lambda: product_publish(actor=owner, product_id=product.id))
    first = ProductChange.objects.order_by("id").first()
    assert first is not None
    # Far ahead: the watermark jumps past the look-back window of the rows above.
    ProductChange.objects.create(
        id=first.id + LOOK_BACK + 100, product_id=product.id, supplier_id=owner.company_id
    )
    search_sync()
    Product.objects.filter(id=product.id).update(title="Tin can")
    ProductChange.objects.create(
        id=first.id + 50, product_id=product.id, supplier_id=owner.company_id
    )  # committed more than LOOK_BACK rows late
    assert search_sync().applied == 0
    assert _titles_found("can") == 0
    search_reindex()
    assert _titles_found("can") == 1


QUERIES = (
    ProductQuery(),
    ProductQuery(text="ball"),
    ProductQuery(text="lamp", category=1112),
    ProductQuery(min_price=Decimal(1), max_price=Decimal(4), currency="USD"),
)


def _snapshot() -> list[tuple[int, list[Any], dict[str, Any]]]:
    found = []
    for query in QUERIES:
        results = search_products(query)
        hits = sorted(str(hit.product_id) for hit in results.hits)
        facets = {
            name: sorted((v.value, v.count) for v in values)
            for name, values in results.facets.items()
        }
        found.append((results.count, hits, facets))
    return found


def test_a_rebuild_equals_the_incremental_index(
    search_index: object, owner: Membership, committed: Any
) -> None:
    operator = OperatorFactory.create()
    made = [
        committed(
            lambda n=n: product_create(actor=owner, data=ball_data(sku=f"B{n}", title=f"Ball {n}"))
        )
        for n in range(6)
    ]
    for product in made[:5]:
        committed(lambda p=product: product_publish(actor=owner, product_id=p.id))
    committed(
        lambda: product_update(
            actor=owner, product_id=made[0].id, data=ball_data(sku="B0", title="Table lamp")
        )
    )
    committed(lambda: product_suspend(operator=operator, product_id=made[1].id, reason="No"))
    committed(lambda: product_delete(actor=owner, product_id=made[2].id))
    incremental = _snapshot()
    assert incremental[1][0] == 3

    search_reindex()
    assert _snapshot() == incremental


def test_an_index_of_an_older_schema_waits_for_a_rebuild(
    search_index: object, owner: Membership, committed: Any
) -> None:
    generation = current_generation()
    assert generation is not None
    generation.write_state(IndexState(watermark=0, schema=SCHEMA_VERSION - 1))
    product = committed(lambda: product_create(actor=owner, data=ball_data(title="Oak stool")))
    committed(lambda: product_publish(actor=owner, product_id=product.id))

    assert search_sync().needs_rebuild
    assert _titles_found("stool") == 0  # its documents would not fit the old fields
    search_reindex()
    assert _titles_found("stool") == 1


def test_the_meaning_vectors_follow_the_catalog(
    search_index_with_vectors: object, owner: Membership, committed: Any
) -> None:
    product = committed(lambda: product_create(actor=owner, data=ball_data(title="Wool scarf")))
    committed(lambda: product_publish(actor=owner, product_id=product.id))
    assert product.id in _vectors()

    operator = OperatorFactory.create()
    committed(lambda: product_suspend(operator=operator, product_id=product.id, reason="Copy"))
    assert product.id not in _vectors()
    committed(lambda: product_reinstate(operator=operator, product_id=product.id))
    assert product.id in _vectors()


def _vectors() -> Any:
    generation = current_generation()
    assert generation is not None
    return generation.open_vectors(read_only=True)
