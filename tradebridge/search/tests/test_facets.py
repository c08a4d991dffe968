"""Facet counts and filters against a brute-force count over the database.

A seeded catalog of products spread over two category trees, four currencies, suppliers in
several countries and provinces at every verification level, plus hidden products. For each
search, every facet's values and counts must equal what a plain Python loop over the visible
rows computes from the documented rules (docs/search.md): a facet is counted with every filter
but its own; a value's count is the number of results with that value as the filter.
"""

import random
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from tradebridge.catalog.models import Category, Product
from tradebridge.catalog.tests.factories import (
    ProductFactory,
    ProductVariantFactory,
    SupplierFactory,
)
from tradebridge.core.fx import convert
from tradebridge.core.models import FxRate
from tradebridge.core.money import Money
from tradebridge.core.selectors import fx_rate_table_latest
from tradebridge.search import engine
from tradebridge.search.documents import VERIFICATION_ORDER
from tradebridge.search.engine import search_products
from tradebridge.search.facets import LEAD_TIME_STEPS, MOQ_STEPS, price_buckets
from tradebridge.search.services.indexing import search_reindex
from tradebridge.search.types import (
    FacetValue,
    ProductFacet,
    ProductQuery,
    ProductResults,
    ProductSort,
)

pytestmark = pytest.mark.django_db

LEAVES = (1112, 1081, 2784, 2169, 602)  # soccer balls, basketball, candle holders, mugs, vases
SOCCER = 1111
SPORTING_GOODS = 988
RATES = {"USD": "1.0800", "GBP": "0.8500", "CNY": "7.8000"}
CERTIFICATIONS = ("CE", "ISO 9001", "RoHS")
PLACES = (("CN", "Fujian"), ("CN", "Zhejiang"), ("CN", "Guangdong"), ("VN", "Hanoi"), ("DE", ""))


@pytest.fixture
def catalog(search_index: object) -> list[Product]:
    """About 60 visible products and a few hidden ones, then a fresh index."""
    today = timezone.localdate()
    for currency, rate in RATES.items():
        FxRate.objects.create(date=today - timedelta(days=1), currency=currency, rate=Decimal(rate))
    rng = random.Random(20261203)
    suppliers = [
        SupplierFactory.create(
            country=country,
            province=province,
            verification_level=VERIFICATION_ORDER[n % 4],
            default_currency=("USD", "EUR", "GBP", "CNY")[n % 4],
        )
        for n, (country, province) in enumerate(PLACES * 2)
    ]
    for n in range(60):
        _product(rng, suppliers[n % len(suppliers)], n)
    ProductFactory.create(title="Hidden widget draft", status="draft", published_at=None)
    ProductFactory.create(title="Hidden widget suspended", status="suspended")
    ProductFactory.create(
        title="Hidden widget of a suspended supplier",
        supplier=SupplierFactory.create(is_active=False),
    )
    search_reindex()
    return list(
        Product.objects.filter(status="published", supplier__is_active=True).select_related(
            "supplier"
        )
    )


def _product(rng: random.Random, supplier: Any, n: int) -> None:
    low = Decimal(rng.choice(("0.45", "0.95", "3.20", "7.50", "12.00", "48.00", "130.00", "820")))
    tiers = [(q, f"{low * Decimal(f):.2f}") for q, f in ((1, "1.6"), (100, "1.2"), (1000, "1"))]
    product = ProductFactory.create(
        supplier=supplier,
        title=f"{rng.choice(('Alpha', 'Beta', 'Gamma'))} {rng.choice(('widget', 'gadget'))} {n}",
        category_id=rng.choice(LEAVES),
        currency=supplier.default_currency,
        tiers=tiers[rng.randrange(3) :],
        moq=rng.choice((1, 5, 20, 50, 100, 300, 1000, 8000)),
        certifications=rng.sample(CERTIFICATIONS, rng.randrange(3)),
        stock=rng.choice((None, 0, 25)),
        lead_time_days=rng.choice((None, 2, 5, 10, 20, 45, 90)),
        sample_available=rng.random() < 0.4,
    )
    if product.stock in (None, 0) and rng.random() < 0.3:
        ProductVariantFactory.create(product=product, stock=3)


# --- the brute force ----------------------------------------------------------------------


def _ancestors(category_id: int | None) -> list[int]:
    chain = []
    node = Category.objects.filter(id=category_id).first() if category_id else None
    while node is not None:
        chain.append(node.id)
        node = node.parent
    return chain


def _ready(product: Product) -> bool:
    return bool(product.stock) or product.variants.filter(stock__gt=0).exists()


def _moq(product: Product) -> int | None:
    return product.moq


def _lead_time(product: Product) -> int | None:
    days = [int(d) for _, d in product.lead_time_steps or ()]
    if product.lead_time_days is not None:
        days.append(product.lead_time_days)
    return min(days) if days else None


def _in(amount: Decimal, source: str, target: str) -> Decimal:
    rates = fx_rate_table_latest(on=timezone.localdate(), currencies={source, target})
    return convert(Money(amount, source), target, rates).result.amount


def _price_overlaps(product: Product, low: Decimal | None, high: Decimal | None, cur: str) -> bool:
    assert product.min_unit_price is not None
    assert product.max_unit_price is not None
    if high is not None and product.min_unit_price > _in(high, cur, product.currency):
        return False
    return low is None or product.max_unit_price >= _in(low, cur, product.currency)


def _checks(query: ProductQuery) -> dict[str, Callable[[Product], bool]]:
    """Every active filter of `query` as a predicate, by facet name."""
    checks: dict[str, Callable[[Product], bool]] = {}
    if query.category is not None:
        checks["category"] = lambda p: query.category in _ancestors(p.category_id)
    if query.min_price is not None or query.max_price is not None:
        checks["price"] = lambda p: _price_overlaps(
            p, query.min_price, query.max_price, query.currency
        )
    if query.max_moq is not None:
        checks["moq"] = lambda p: p.moq <= query.max_moq  # type: ignore[operator]
    if query.supplier_country:
        checks["supplier_country"] = lambda p: p.supplier.country == query.supplier_country
    if query.supplier_province:
        checks["supplier_province"] = lambda p: p.supplier.province == query.supplier_province
    if query.verified:
        minimum = VERIFICATION_ORDER.index(query.verified)
        checks["verified"] = lambda p: (
            VERIFICATION_ORDER.index(p.supplier.verification_level) >= minimum
        )
    if query.certification:
        checks["certification"] = lambda p: query.certification in p.certifications
    if query.ready_to_ship is not None:
        checks["ready_to_ship"] = lambda p: _ready(p) == query.ready_to_ship
    if query.max_lead_time_days is not None:
        checks["lead_time"] = lambda p: (_lead_time(p) or 10**9) <= query.max_lead_time_days  # type: ignore[operator]
    if query.sample_available is not None:
        checks["sample_available"] = lambda p: p.sample_available == query.sample_available
    return checks


def _matching(
    products: Iterable[Product], query: ProductQuery, *, without: str = ""
) -> list[Product]:
    checks = {name: check for name, check in _checks(query).items() if name != without}
    text = query.text.lower()
    return [
        p
        for p in products
        if (not text or text in p.title.lower().split()) and all(c(p) for c in checks.values())
    ]


def _expected_facet(name: str, products: list[Product], query: ProductQuery) -> dict[str, int]:
    pool = _matching(products, query, without=name)
    counts: Counter[str] = Counter()
    if name == "category":
        for product in pool:
            counts.update(str(c) for c in _ancestors(product.category_id))
    elif name == "price":
        for low, high in price_buckets():
            value = f"{low}-{high}" if high is not None else f"{low}-"
            counts[value] = sum(
                _price_overlaps(
                    p, Decimal(low), Decimal(high) if high is not None else None, query.currency
                )
                for p in pool
            )
    elif name in ("moq", "lead_time"):
        measure: Callable[[Product], int | None] = _moq if name == "moq" else _lead_time
        for step in MOQ_STEPS if name == "moq" else LEAD_TIME_STEPS:
            counts[str(step)] = sum((measure(p) or 10**9) <= step for p in pool)
    elif name == "supplier_country":
        counts.update(p.supplier.country for p in pool)
    elif name == "supplier_province":
        counts.update(p.supplier.province for p in pool if p.supplier.province)
    elif name == "verified":
        for rank, level in enumerate(VERIFICATION_ORDER[1:], start=1):
            counts[level] = sum(
                VERIFICATION_ORDER.index(p.supplier.verification_level) >= rank for p in pool
            )
    elif name == "certification":
        counts.update(c for p in pool for c in p.certifications)
    elif name == "ready_to_ship":
        counts["true"] = sum(_ready(p) for p in pool)
    elif name == "sample_available":
        counts["true"] = sum(p.sample_available for p in pool)
    return {value: count for value, count in counts.items() if count}


def _shown_categories(products: list[Product], query: ProductQuery) -> dict[str, int]:
    """The category tree as the facet shows it: top level, and the children of the selected
    category and of each of its ancestors."""
    every = _expected_facet("category", products, query)
    open_nodes = set(_ancestors(query.category)) if query.category else set()
    shown = {}
    for value, count in every.items():
        node = Category.objects.get(id=int(value))
        if node.parent_id is None or node.parent_id in open_nodes:
            shown[value] = count
    return shown


def _assert_matches_brute_force(catalog: list[Product], query: ProductQuery) -> ProductResults:
    results = search_products(replace(query, page_size=100))
    expected = _matching(catalog, query)
    assert results.count == len(expected)
    assert {hit.product_id for hit in results.hits} == {p.id for p in expected}
    for facet in ProductFacet:
        found = {value.value: value.count for value in results.facets[facet]}
        if facet == ProductFacet.CATEGORY:
            assert found == _shown_categories(catalog, query), facet
        else:
            assert found == _expected_facet(facet, catalog, query), facet
    return results


QUERIES = (
    ProductQuery(),
    ProductQuery(text="widget"),
    ProductQuery(category=SOCCER),
    ProductQuery(text="gadget", category=SPORTING_GOODS, max_moq=100),
    ProductQuery(min_price=Decimal(1), max_price=Decimal(10), currency="USD"),
    ProductQuery(
        min_price=Decimal(5), max_price=Decimal(50), currency="EUR", verified="business_verified"
    ),
    ProductQuery(max_price=Decimal(2), currency="GBP", ready_to_ship=True),
    ProductQuery(supplier_country="CN", supplier_province="Fujian", certification="CE"),
    ProductQuery(sample_available=True, max_lead_time_days=15, category=2784),
    ProductQuery(text="widget", min_price=Decimal(100), currency="CNY", supplier_country="VN"),
    ProductQuery(certification="ISO 9001", verified="email_verified", max_moq=500),
    ProductQuery(min_price=Decimal(100_000), currency="USD", category=SOCCER),  # none at that price
    ProductQuery(
        text="widget",
        category=SPORTING_GOODS,
        min_price=Decimal(1),
        max_price=Decimal(100),
        currency="USD",
        max_lead_time_days=30,
    ),
)


@pytest.mark.parametrize("query", QUERIES, ids=[str(n) for n in range(len(QUERIES))])
def test_counts_and_facets_equal_a_brute_force_count(
    catalog: list[Product], query: ProductQuery
) -> None:
    _assert_matches_brute_force(catalog, query)


@pytest.mark.parametrize("query", QUERIES, ids=[str(n) for n in range(len(QUERIES))])
def test_a_page_that_checks_the_price_itself_equals_a_brute_force_count(
    catalog: list[Product], query: ProductQuery, monkeypatch: Any
) -> None:
    """The same searches with every page checking a price filter itself
    (`engine._price_checked_page`, from PRICE_CHECKED_FROM matches in a large catalog)."""
    monkeypatch.setattr(engine, "PRICE_CHECKED_FROM", 0)
    _assert_matches_brute_force(catalog, query)


def test_the_category_tree_has_counts_at_each_level(catalog: list[Product]) -> None:
    results = _assert_matches_brute_force(catalog, ProductQuery(category=SOCCER))
    tree = results.facets["category"]
    by_id = {value.value: value for value in tree}
    assert by_id[str(SPORTING_GOODS)].depth == 0
    assert by_id[str(SOCCER)] == FacetValue(
        value=str(SOCCER),
        label="Soccer",
        count=sum(p.category_id == 1112 for p in catalog),
        selected=True,
        depth=2,
    )
    assert by_id["1112"].depth == 3
    assert "Home & Garden" in {value.label for value in tree if value.depth == 0}


@pytest.mark.parametrize("sort", [ProductSort.RELEVANCE, ProductSort.MOQ_ASC, ProductSort.NEWEST])
@pytest.mark.parametrize("checked_from", [0, engine.PRICE_CHECKED_FROM])
def test_pages_under_a_price_filter_keep_the_order_of_the_results_without_it(
    catalog: list[Product], sort: ProductSort, checked_from: int, monkeypatch: Any
) -> None:
    """Page after page, a price filter leaves the results in the order they have without
    it, those outside the filter left out, whether the page's search takes the filter or
    checks the prices itself (from PRICE_CHECKED_FROM matches: 0 makes this small catalog
    go that way)."""
    monkeypatch.setattr(engine, "PRICE_CHECKED_FROM", checked_from)
    by_id = {product.id: product for product in catalog}
    bounds = (
        ("USD", Decimal(1), Decimal(10)),
        ("EUR", Decimal(5), None),
        ("GBP", None, Decimal(2)),
    )
    for currency, low, high in bounds:
        everything = search_products(
            ProductQuery(text="widget", sort=sort, currency=currency, page_size=100)
        )
        expected = [
            hit.product_id
            for hit in everything.hits
            if _price_overlaps(by_id[hit.product_id], low, high, currency)
        ]
        assert 8 < len(expected) < everything.count
        paged = []
        for page in range(1, 6):
            found = search_products(
                ProductQuery(
                    text="widget",
                    sort=sort,
                    currency=currency,
                    min_price=low,
                    max_price=high,
                    page=page,
                    page_size=3,
                )
            )
            assert found.count == len(expected)
            paged += [hit.product_id for hit in found.hits]
        assert paged == expected[:15]


def test_a_page_that_checks_prices_leaves_out_a_currency_without_a_rate(
    catalog: list[Product], monkeypatch: Any
) -> None:
    """A product priced in a currency without a rate cannot be compared: a price filter
    leaves it out even when its price fits the bounds of every currency with one (the page
    checking prices itself may not take such a fit as a pass)."""
    monkeypatch.setattr(engine, "PRICE_CHECKED_FROM", 0)
    supplier = SupplierFactory.create(country="JP", default_currency="JPY")
    unrated = {
        ProductFactory.create(
            supplier=supplier,
            title=f"Alpha widget yen {n}",
            category_id=LEAVES[0],
            currency="JPY",
            tiers=[(1, "20.00")],
        ).id
        for n in range(2)
    }
    search_reindex()
    query = ProductQuery(
        text="widget", currency="USD", min_price=Decimal(1), max_price=Decimal(100)
    )
    found = search_products(replace(query, page_size=100))
    assert {hit.product_id for hit in search_products(ProductQuery(text="yen")).hits} == unrated
    assert found.hits
    assert not {hit.product_id for hit in found.hits} & unrated
    assert found.count == len(found.hits) == len(_matching(catalog, query))


def test_a_price_bucket_counts_what_its_filter_returns(catalog: list[Product]) -> None:
    for currency in ("USD", "EUR"):
        facet = search_products(ProductQuery(currency=currency)).facets["price"]
        assert facet
        for value in facet:
            low, _, high = value.value.partition("-")
            narrowed = search_products(
                ProductQuery(
                    currency=currency,
                    min_price=Decimal(low),
                    max_price=Decimal(high) if high else None,
                )
            )
            assert narrowed.count == value.count
            chosen = [v for v in narrowed.facets["price"] if v.selected]
            assert [v.value for v in chosen] == [value.value]


def test_a_filter_value_with_query_language_characters_counts_exactly(
    catalog: list[Product],
) -> None:
    """Facets are counted under each filter written in tantivy's query language: a value
    with quotes, a backslash, brackets and an operator word must still mean only itself."""
    odd = 'Rhône "Alpes" \\ (x) [y] AND z:*'
    supplier = SupplierFactory.create(country="FR", province=odd, default_currency="EUR")
    for n in range(3):
        ProductFactory.create(
            supplier=supplier,
            title=f"Alpha widget odd {n}",
            category_id=LEAVES[n],
            currency="EUR",
            tiers=[(1, "2.00")],
            moq=(1, 50, 500)[n],
        )
    search_reindex()
    visible = list(
        Product.objects.filter(status="published", supplier__is_active=True).select_related(
            "supplier"
        )
    )
    results = _assert_matches_brute_force(
        visible, ProductQuery(supplier_province=odd, max_moq=100, supplier_country="FR")
    )
    assert results.count == 2
