import uuid
from decimal import Decimal

import pytest

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Category
from tradebridge.catalog.pricing import PriceSchedule, Tier
from tradebridge.catalog.selectors import (
    category_ancestors,
    category_counts,
    category_get,
    category_lookup,
    category_search,
    category_tree,
    category_tree_with_counts,
    import_job_get_for_supplier,
    import_job_list_for_supplier,
    product_get_for_supplier,
    product_get_public,
    product_list_for_supplier,
    product_list_public,
    product_price_schedule,
    supplier_storefront,
)
from tradebridge.catalog.tests.conftest import SOCCER, SOCCER_BALLS, SPORTING_GOODS, SupplierTeam
from tradebridge.catalog.tests.factories import (
    CategoryFactory,
    ImportJobFactory,
    ProductFactory,
    SupplierFactory,
)
from tradebridge.companies.enums import CompanyKind
from tradebridge.companies.models import Company
from tradebridge.companies.tests.factories import CompanyFactory
from tradebridge.core.errors import NotFound

pytestmark = pytest.mark.usefixtures("categories")

ATHLETICS = 499713  # Sporting Goods > Athletics
BASKETBALLS = 499751  # Sporting Goods > Athletics > Basketball > Basketballs


# --- public visibility ------------------------------------------------------------------


def test_only_published_products_of_active_suppliers_are_public(team: SupplierTeam) -> None:
    visible = ProductFactory.create(supplier=team.supplier)
    hidden = [
        ProductFactory.create(supplier=team.supplier, status=status)
        for status in (
            ProductStatus.DRAFT,
            ProductStatus.PENDING_REVIEW,
            ProductStatus.SUSPENDED,
        )
    ]
    suspended_supplier = SupplierFactory.create(is_active=False)
    hidden.append(ProductFactory.create(supplier=suspended_supplier))

    assert list(product_list_public()) == [visible]
    assert product_get_public(product_id=visible.id) == visible
    for product in hidden:
        with pytest.raises(NotFound):
            product_get_public(product_id=product.id)


def test_suspending_a_supplier_hides_all_its_products_at_once(team: SupplierTeam) -> None:
    products = ProductFactory.create_batch(3, supplier=team.supplier)
    assert product_list_public(supplier_id=team.supplier.id).count() == 3

    Company.objects.filter(id=team.supplier.id).update(is_active=False)

    assert product_list_public(supplier_id=team.supplier.id).count() == 0
    with pytest.raises(NotFound):
        product_get_public(product_id=products[0].id)
    assert category_counts() == {}


def test_a_company_that_stopped_being_a_supplier_shows_no_product(team: SupplierTeam) -> None:
    products = ProductFactory.create_batch(2, supplier=team.supplier, category_id=SOCCER_BALLS)
    ProductFactory.create(supplier=team.other_supplier, category_id=SOCCER)

    Company.objects.filter(id=team.supplier.id).update(kind=CompanyKind.BUYER)

    assert product_list_public(supplier_id=team.supplier.id).count() == 0
    assert product_list_public().count() == 1
    with pytest.raises(NotFound):
        product_get_public(product_id=products[0].id)
    assert (category_counts().get(SOCCER_BALLS), category_counts()[SOCCER]) == (None, 1)
    assert category_counts(supplier_id=team.supplier.id) == {}

    Company.objects.filter(id=team.supplier.id).update(kind=CompanyKind.BOTH)

    assert product_list_public(supplier_id=team.supplier.id).count() == 2
    assert category_counts()[SOCCER] == 3


def test_public_list_filters_by_category_subtree_and_supplier(team: SupplierTeam) -> None:
    ball = ProductFactory.create(supplier=team.supplier, category_id=SOCCER_BALLS)
    soccer = ProductFactory.create(supplier=team.supplier, category_id=SOCCER)
    basket = ProductFactory.create(supplier=team.other_supplier, category_id=BASKETBALLS)
    ProductFactory.create(supplier=team.supplier, category_id=None)

    assert set(product_list_public(category_id=SOCCER)) == {ball, soccer}
    assert set(product_list_public(category_id=SPORTING_GOODS)) == {ball, soccer, basket}
    assert set(product_list_public(category_id=SOCCER_BALLS)) == {ball}
    assert set(product_list_public(supplier_id=team.other_supplier.id)) == {basket}
    assert set(product_list_public(product_ids=[ball.id, basket.id])) == {ball, basket}


def test_public_list_loads_supplier_category_and_tiers_in_constant_queries(
    team: SupplierTeam, django_assert_num_queries: object
) -> None:
    for _ in range(5):
        ProductFactory.create(supplier=team.supplier, category_id=SOCCER_BALLS)
    category_tree()  # warm the per-process tree cache

    with django_assert_num_queries(2):  # type: ignore[operator]  # products, then tiers
        rows = [
            (
                p.supplier.slug,
                p.category.name if p.category else "",
                [t.unit_price for t in p.tiers.all()],
            )
            for p in product_list_public()
        ]

    assert len(rows) == 5


# --- supplier scoping -------------------------------------------------------------------


def test_a_supplier_sees_all_its_own_products_and_never_anothers(team: SupplierTeam) -> None:
    own = [ProductFactory.create(supplier=team.supplier, status=status) for status in ProductStatus]
    theirs = ProductFactory.create(supplier=team.other_supplier)

    assert set(product_list_for_supplier(actor=team.viewer)) == set(own)
    assert set(product_list_for_supplier(actor=team.viewer, status="draft")) == {own[0]}
    assert product_get_for_supplier(actor=team.viewer, product_id=own[3].id) == own[3]
    with pytest.raises(NotFound) as theirs_error:
        product_get_for_supplier(actor=team.viewer, product_id=theirs.id)
    with pytest.raises(NotFound) as missing_error:
        product_get_for_supplier(actor=team.viewer, product_id=uuid.uuid4())
    assert theirs_error.value.message == missing_error.value.message
    assert list(product_list_for_supplier(actor=team.other_owner)) == [theirs]


def test_an_inactive_membership_sees_nothing(team: SupplierTeam) -> None:
    product = ProductFactory.create(supplier=team.supplier)
    team.sales.is_active = False

    assert not product_list_for_supplier(actor=team.sales).exists()
    with pytest.raises(NotFound):
        product_get_for_supplier(actor=team.sales, product_id=product.id)


def test_import_jobs_are_scoped_to_the_supplier(team: SupplierTeam) -> None:
    mine = ImportJobFactory.create(supplier=team.supplier)
    theirs = ImportJobFactory.create(supplier=team.other_supplier)

    assert list(import_job_list_for_supplier(actor=team.sales)) == [mine]
    assert import_job_get_for_supplier(actor=team.sales, job_id=mine.id) == mine
    with pytest.raises(NotFound):
        import_job_get_for_supplier(actor=team.sales, job_id=theirs.id)


# --- categories -------------------------------------------------------------------------


def test_a_product_counts_in_its_category_and_every_ancestor(team: SupplierTeam) -> None:
    ProductFactory.create_batch(2, supplier=team.supplier, category_id=SOCCER_BALLS)
    ProductFactory.create(supplier=team.other_supplier, category_id=SOCCER)
    ProductFactory.create(supplier=team.other_supplier, category_id=BASKETBALLS)
    ProductFactory.create(supplier=team.supplier, category_id=SOCCER_BALLS, status="draft")

    counts = category_counts()

    assert counts[SOCCER_BALLS] == 2
    assert counts[SOCCER] == 3
    assert counts[ATHLETICS] == 4
    assert counts[SPORTING_GOODS] == 4
    assert counts[BASKETBALLS] == 1
    assert category_counts(supplier_id=team.supplier.id)[SPORTING_GOODS] == 2

    Company.objects.filter(id=team.other_supplier.id).update(is_active=False)
    after = category_counts()

    assert (after[SOCCER], after[SPORTING_GOODS], after.get(BASKETBALLS)) == (2, 2, None)
    assert category_counts(supplier_id=team.other_supplier.id) == {}


def test_counts_match_a_brute_force_count_over_the_tree(team: SupplierTeam) -> None:
    paths = dict(
        Category.objects.filter(path__startswith="Sporting Goods").values_list("id", "path")
    )
    used = sorted(paths)[:40]
    for index, category_id in enumerate(used):
        ProductFactory.create_batch(index % 3, supplier=team.supplier, category_id=category_id)

    counts = category_counts()

    for category_id, path in paths.items():
        expected = sum(
            index % 3
            for index, used_id in enumerate(used)
            if paths[used_id] == path or paths[used_id].startswith(path + " > ")
        )
        assert counts.get(category_id, 0) == expected, path


def test_category_counts_take_a_constant_number_of_queries(
    team: SupplierTeam, django_assert_max_num_queries: object
) -> None:
    for category_id in (SOCCER_BALLS, SOCCER, BASKETBALLS):
        ProductFactory.create(supplier=team.supplier, category_id=category_id)
    category_tree()

    Company.objects.filter(id=team.other_supplier.id).update(is_active=False)

    # tree version, counts, inactive suppliers, their counts, the top-level rows
    with django_assert_max_num_queries(5):  # type: ignore[operator]
        rows = category_tree_with_counts(parent_id=None)

    assert [(category.id, count) for category, count in rows] == [(SPORTING_GOODS, 3)]


def test_tree_with_counts_lists_children_by_name_and_may_include_empty_ones(
    team: SupplierTeam,
) -> None:
    ProductFactory.create(supplier=team.supplier, category_id=SOCCER_BALLS)

    children = category_tree_with_counts(parent_id=SPORTING_GOODS)
    with_empty = category_tree_with_counts(parent_id=SPORTING_GOODS, include_empty=True)

    assert [(c.id, n) for c, n in children] == [(ATHLETICS, 1)]
    assert len(with_empty) == Category.objects.filter(parent_id=SPORTING_GOODS).count()
    assert [c.name for c, _ in with_empty] == sorted(c.name for c, _ in with_empty)


def test_the_tree_cache_follows_new_categories(team: SupplierTeam) -> None:
    before = category_tree()
    child = CategoryFactory.create(parent=Category.objects.get(id=SOCCER))
    ProductFactory.create(supplier=team.supplier, category=child)

    after = category_tree()

    assert child.id not in before.parents
    assert after.parents[child.id] == SOCCER
    assert category_counts()[SPORTING_GOODS] == 1


def test_category_get_loads_ancestors_without_more_queries(
    django_assert_num_queries: object,
) -> None:
    with django_assert_num_queries(1):  # type: ignore[operator]
        ball = category_get(category_id=SOCCER_BALLS)
        chain = [category.name for category in category_ancestors(category=ball)]

    assert chain == ["Sporting Goods", "Athletics", "Soccer"]
    assert ball.path == "Sporting Goods > Athletics > Soccer > Soccer Balls"
    assert ball.depth == 3
    with pytest.raises(NotFound):
        category_get(category_id=424242424)


def test_category_search_and_lookup() -> None:
    found = [category.id for category in category_search(query="soccer balls")]
    lookup = category_lookup()

    assert found == [SOCCER_BALLS]
    assert lookup[str(SOCCER_BALLS)] == SOCCER_BALLS
    assert lookup["sporting goods > athletics > soccer > soccer balls"] == SOCCER_BALLS
    assert len(lookup) == 2 * Category.objects.count()


# --- storefronts and schedules ----------------------------------------------------------


def test_storefront_of_an_active_supplier_with_main_categories(team: SupplierTeam) -> None:
    ProductFactory.create_batch(3, supplier=team.supplier, category_id=SOCCER_BALLS)
    ProductFactory.create(supplier=team.supplier, category_id=BASKETBALLS)
    ProductFactory.create(supplier=team.supplier, category_id=None)
    ProductFactory.create(supplier=team.supplier, status="draft", category_id=SOCCER)

    store = supplier_storefront(slug="xiamen-balls")

    assert store.supplier == team.supplier
    assert store.product_count == 5
    assert [(category.id, count) for category, count in store.main_categories] == [(ATHLETICS, 4)]


@pytest.mark.parametrize("case", ["unknown", "suspended", "buyer"])
def test_storefront_is_not_found_for_unknown_suspended_or_buyer_companies(
    team: SupplierTeam, case: str
) -> None:
    slug = {"unknown": "nobody", "suspended": "yiwu-goods", "buyer": "berlin-buyer"}[case]
    Company.objects.filter(id=team.other_supplier.id).update(is_active=False)

    with pytest.raises(NotFound):
        supplier_storefront(slug=slug)


def test_a_company_that_both_buys_and_sells_has_a_storefront() -> None:
    CompanyFactory.create(slug="both-ways", kind=CompanyKind.BOTH)

    assert supplier_storefront(slug="both-ways").product_count == 0


def test_price_schedule_of_a_product(team: SupplierTeam) -> None:
    product = ProductFactory.create(
        supplier=team.supplier, tiers=[(500, "3.90"), (100, "4.20")], order_multiple=10
    )

    schedule = product_price_schedule(product=product_get_public(product_id=product.id))

    assert schedule == PriceSchedule(
        currency="USD",
        tiers=(Tier(100, Decimal("4.2")), Tier(500, Decimal("3.9"))),
        moq=100,
        order_multiple=10,
    )
