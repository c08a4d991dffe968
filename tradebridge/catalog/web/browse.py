"""Public catalog pages: the category tree and a supplier's storefront. (A category's page
is a product search narrowed to it: `search.web`.)"""

from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tradebridge.catalog.models import Category, Product
from tradebridge.catalog.selectors import (
    category_tree_with_counts,
    product_list_public,
    supplier_storefront,
)
from tradebridge.catalog.web.display import (
    ProductCard,
    category_name,
    category_url,
    product_cards,
    visitor_locale,
    with_card_data,
)
from tradebridge.companies.web.choices import country_name
from tradebridge.companies.web.preferences import display_currency_for
from tradebridge.core.errors import NotFound

PAGE_SIZE = 24


@dataclass(frozen=True)
class CategoryRow:
    name: str
    url: str
    count: int


def _rows(counted: list[tuple[Category, int]]) -> list[CategoryRow]:
    return [
        CategoryRow(category_name(category), category_url(category), count)
        for category, count in counted
    ]


def _page(
    request: HttpRequest, products: QuerySet[Product]
) -> tuple[Page[Product], list[ProductCard]]:
    page = Paginator(with_card_data(products), PAGE_SIZE).get_page(request.GET.get("page"))
    return page, product_cards(list(page.object_list), display_currency_for(request))


def categories(request: HttpRequest) -> HttpResponse:
    """Every top-level category with the number of public products in it (and below)."""
    rows = _rows(category_tree_with_counts(parent_id=None, include_empty=True))
    return render(request, "catalog/categories.html", {"rows": rows})


def _language_names(codes: list[str]) -> list[str]:
    """Language codes as names in the visitor's language ("zh-hans" -> "Chinese")."""
    try:
        locale = Locale.parse(visitor_locale())
    except (ValueError, UnknownLocaleError):
        locale = Locale("en")
    return [str(locale.languages.get(code.split("-")[0], code)) for code in codes]


def storefront(request: HttpRequest, slug: str) -> HttpResponse:
    """A supplier's public page: profile, badge, main categories, products. Suspended: 404."""
    try:
        store = supplier_storefront(slug=slug)
    except NotFound:
        raise Http404 from None
    supplier = store.supplier
    page, cards = _page(request, product_list_public(supplier_id=supplier.pk))
    context = {
        "supplier": supplier,
        "country": country_name(supplier.country),
        "year": supplier.created_at.year,
        "languages": _language_names(list(supplier.languages or [])),
        "main_categories": _rows(list(store.main_categories)),
        "page": page,
        "cards": cards,
    }
    return render(request, "catalog/storefront.html", context)
