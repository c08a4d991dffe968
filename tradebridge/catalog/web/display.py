"""What a visitor sees of catalog data: names in their language, prices in their currency.

Pure presentation over models the selectors return; no rule of the catalog lives here.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language, ngettext, to_locale

from tradebridge.catalog.enums import Unit
from tradebridge.catalog.models import Category, Product, ProductImage
from tradebridge.catalog.services import publishes_directly
from tradebridge.companies.enums import VerificationLevel
from tradebridge.companies.models import Company
from tradebridge.core.fx import RateTable, RateUnavailable, convert
from tradebridge.core.money import Money
from tradebridge.core.selectors import fx_rate_table_latest


def visitor_language() -> str:
    """The active language's base code: "de", "es", "fr", "zh" (from "zh-hans"), "en"."""
    return (get_language() or "en").split("-")[0].lower()


def visitor_locale() -> str:
    """The active language as a Babel locale for money formatting ("de", "zh_Hans")."""
    return to_locale(get_language() or "en")


def category_name(category: Category, language: str | None = None) -> str:
    """German and Spanish names where the taxonomy has them, else the English name."""
    language = language or visitor_language()
    localized = {"de": category.name_de, "es": category.name_es}.get(language, "")
    return localized or category.name


def product_text(product: Product, language: str | None = None) -> tuple[str, str]:
    """(title, description) in the visitor's language when translated, else the original."""
    language = language or visitor_language()
    translated = (product.translations or {}).get(language) or {}
    title = translated.get("title") or product.title
    description = translated.get("description") or product.description
    return title, description


def product_url(product: Product, title: str | None = None) -> str:
    slug = slugify(title or product.title) or "product"
    return reverse("catalog_product", args=[product.pk, slug])


def category_url(category: Category) -> str:
    return reverse("catalog_category", args=[category.pk, slugify(category.name) or "category"])


def rates_for(currencies: Iterable[str]) -> RateTable:
    """The latest ECB rates (at most a year old) for the given currencies."""
    return fx_rate_table_latest(on=timezone.localdate(), currencies=currencies)


@dataclass(frozen=True)
class Converted:
    """An amount in the visitor's currency and the rate behind it (None: no rate known)."""

    money: Money | None
    rate_date: date | None = None
    rate_source: str = "ECB"


def to_visitor_currency(money: Money, currency: str, rates: RateTable) -> Converted:
    if money.currency == currency:
        return Converted(money)
    try:
        conversion = convert(money, currency, rates)
    except RateUnavailable:
        return Converted(None)
    return Converted(conversion.result, conversion.rate_date, conversion.rate_source)


def price_range(product: Product, currency: str, rates: RateTable, locale: str) -> str:
    """ "$1.20 to $2.40" in `currency` (in the supplier's currency when no rate is known)."""
    low, high = product.min_unit_price, product.max_unit_price
    if low is None or high is None:
        return ""
    bounds = [Money(low, product.currency), Money(high, product.currency)]
    converted = [to_visitor_currency(bound, currency, rates).money for bound in bounds]
    shown = bounds if any(value is None for value in converted) else converted
    texts = [money.format(locale) for money in shown if money is not None]
    return texts[0] if texts[0] == texts[1] else f"{texts[0]} \u2013 {texts[1]}"


@dataclass(frozen=True)
class ProductCard:
    """One product as a card: what `catalog/_product_card.html` shows."""

    product: Product
    title: str
    url: str
    thumbnail_url: str
    price: str
    ready_to_ship: bool
    unit: str  # the unit's label, translated once a list (see product_cards)
    verification: str  # the supplier's verification level's label, likewise


def with_card_data(products: QuerySet[Product]) -> QuerySet[Product]:
    """The rows a card needs in a constant number of queries (supplier, first images)."""
    images = ProductImage.objects.order_by("position", "created_at")
    return products.select_related("supplier").prefetch_related(Prefetch("images", images))


def product_cards(products: Sequence[Product], currency: str) -> list[ProductCard]:
    """Cards for `products` (loaded with `with_card_data`), priced in `currency`."""
    rates = rates_for({currency} | {product.currency for product in products})
    locale, language = visitor_locale(), visitor_language()
    # Labels translated once a list: `get_FOO_display` translates every choice on each call
    # (17 units: some 400 lookups for a page of 24 cards).
    units = {value: str(label) for value, label in Unit.choices}
    levels = {value: str(label) for value, label in VerificationLevel.choices}
    cards = []
    for product in products:
        title, _description = product_text(product, language)
        images = list(product.images.all())
        cards.append(
            ProductCard(
                product=product,
                title=title,
                url=product_url(product, title),
                thumbnail_url=images[0].thumbnail.url if images and images[0].thumbnail else "",
                price=price_range(product, currency, rates, locale),
                ready_to_ship=product.stock is not None and product.stock > 0,
                unit=units.get(product.unit, product.unit),
                verification=levels.get(
                    product.supplier.verification_level, product.supplier.verification_level
                ),
            )
        )
    return cards


def published_message(company: Company, count: int) -> str:
    """What a bulk publish did: published, or sent for review (suppliers not yet verified)."""
    if publishes_directly(company):
        text = ngettext("%(count)d product published.", "%(count)d products published.", count)
    else:
        text = ngettext(
            "%(count)d product sent for review: it will be public once approved.",
            "%(count)d products sent for review: they will be public once approved.",
            count,
        )
    return text % {"count": count}
