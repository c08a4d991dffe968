"""The product page and its live price box: tiers, MOQ, lead time, specs, in the visitor's terms.

Published products are public. A supplier's own draft, pending or suspended product opens for
its members as a preview (with a banner); to everyone else it does not exist (404).
"""

import uuid
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_htmx.http import replace_url

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.errors import BelowMinimumOrder, NotOrderMultiple
from tradebridge.catalog.hs_codes import hs_code_describe
from tradebridge.catalog.models import Product
from tradebridge.catalog.pricing import (
    PriceQuote,
    lead_time_for_quantity,
    price_for_quantity,
    price_in_currency,
)
from tradebridge.catalog.selectors import (
    category_ancestors,
    category_get,
    product_get_for_supplier,
    product_get_public,
    product_price_schedule,
)
from tradebridge.catalog.web.display import (
    Converted,
    category_name,
    category_url,
    product_text,
    product_url,
    rates_for,
    to_visitor_currency,
    visitor_locale,
)
from tradebridge.companies.actors import current_membership
from tradebridge.companies.web.choices import country_name
from tradebridge.companies.web.preferences import display_currency_for
from tradebridge.core.errors import DomainError, NotFound, ValidationFailed
from tradebridge.core.fx import RateTable, RateUnavailable
from tradebridge.core.money import Money


def _product_for_visitor(request: HttpRequest, product_id: uuid.UUID) -> tuple[Product, bool]:
    """The product and whether it is the supplier's preview of an unpublished one."""
    try:
        return product_get_public(product_id=product_id), False
    except NotFound:
        pass
    if request.user.is_authenticated:
        try:
            actor = current_membership(request)
            return product_get_for_supplier(actor=actor, product_id=product_id), True
        except NotFound:
            pass
    raise Http404


@dataclass(frozen=True)
class TierRow:
    min_quantity: int
    max_quantity: int | None
    price: str
    converted: str


@dataclass(frozen=True)
class QuoteView:
    """The price box's content for one quantity: a result or an error, never both."""

    quantity_text: str
    quantity: int | None = None
    unit_price: str = ""
    total: str = ""
    unit_price_converted: str = ""
    total_converted: str = ""
    tier_min: int | None = None
    lead_time_days: int | None = None
    error: str = ""


def _shown(converted: Converted, locale: str) -> str:
    return converted.money.format(locale) if converted.money is not None else ""


def _tier_rows(product: Product, currency: str, rates: RateTable, locale: str) -> list[TierRow]:
    tiers = list(product.tiers.all())
    rows = []
    for index, tier in enumerate(tiers):
        price = Money(tier.unit_price, product.currency)
        following = tiers[index + 1].min_quantity - 1 if index + 1 < len(tiers) else None
        rows.append(
            TierRow(
                min_quantity=tier.min_quantity,
                max_quantity=following,
                price=price.format(locale),
                converted=_shown(to_visitor_currency(price, currency, rates), locale),
            )
        )
    return rows


def _error_message(error: DomainError, product: Product) -> str:
    unit = product.get_unit_display()
    if isinstance(error, BelowMinimumOrder):
        moq = error.details.get("moq", product.moq)
        return _("The minimum order is %(moq)s (unit: %(unit)s).") % {"moq": moq, "unit": unit}
    if isinstance(error, NotOrderMultiple):
        return _("Order in multiples of %(multiple)s; the nearest quantity is %(nearest)s.") % {
            "multiple": error.details.get("order_multiple", product.order_multiple),
            "nearest": error.details.get("nearest", ""),
        }
    return _("Enter a whole number of at least 1.")


def _parse_quantity(text: str) -> int | None:
    cleaned = text.strip().replace(" ", "").replace(",", "")
    if not cleaned.isdigit() or len(cleaned) > 9:
        return None
    return int(cleaned)


def quote_for(
    product: Product, quantity_text: str, currency: str, rates: RateTable, locale: str
) -> QuoteView:
    """Price `quantity_text` units of `product` with its tiers; errors as a sentence."""
    quantity = _parse_quantity(quantity_text)
    if quantity is None or quantity < 1:
        return QuoteView(quantity_text, error=_("Enter a whole number of at least 1."))
    tiers = list(product.tiers.all())
    if not tiers:
        return QuoteView(quantity_text, quantity, error=_("This product has no prices yet."))
    try:
        quote = price_for_quantity(product_price_schedule(product=product), quantity)
    except ValidationFailed as error:
        return QuoteView(quantity_text, quantity, error=_error_message(error, product))
    unit_converted, total_converted = _converted(quote, currency, rates, locale)
    steps = [(int(step[0]), int(step[1])) for step in product.lead_time_steps or []]
    return QuoteView(
        quantity_text,
        quantity,
        unit_price=quote.unit_price.format(locale),
        total=quote.total.format(locale),
        unit_price_converted=unit_converted,
        total_converted=total_converted,
        tier_min=quote.tier.min_quantity,
        lead_time_days=lead_time_for_quantity(product.lead_time_days, steps, quantity),
    )


def _converted(quote: PriceQuote, currency: str, rates: RateTable, locale: str) -> tuple[str, str]:
    """The quote's unit price and total in the visitor's currency ("" without a rate)."""
    if currency == quote.unit_price.currency:
        return "", ""
    try:
        converted = price_in_currency(quote, currency, rates)
    except RateUnavailable:
        return "", ""
    return converted.unit_price.format(locale), converted.total.format(locale)


def _breadcrumb(product: Product) -> list[tuple[str, str]]:
    """(name, url) from the top-level category down to the product's own."""
    if product.category_id is None:
        return []
    category = category_get(category_id=product.category_id)
    chain = [*category_ancestors(category=category), category]
    return [(category_name(node), category_url(node)) for node in chain]


def _sample_price(
    product: Product, currency: str, rates: RateTable, locale: str
) -> tuple[str, str]:
    """The sample's price in the supplier's currency and in the visitor's ("" if none)."""
    if product.sample_price is None:
        return "", ""
    price = Money(Decimal(product.sample_price), product.currency)
    return price.format(locale), _shown(to_visitor_currency(price, currency, rates), locale)


def _context(request: HttpRequest, product: Product, preview: bool) -> dict[str, object]:
    currency = display_currency_for(request)
    locale = visitor_locale()
    rates = rates_for({currency, product.currency})
    title, description = product_text(product)
    quantity_text = request.GET.get("quantity", "").strip() or str(product.moq)
    rate_date = to_visitor_currency(Money(Decimal(1), product.currency), currency, rates)
    sample_price, sample_price_converted = _sample_price(product, currency, rates, locale)
    return {
        "product": product,
        "preview": preview,
        "page_url": product_url(product),
        "title": title,
        "description": description,
        "supplier": product.supplier,
        "images": list(product.images.all()),
        "variants": list(product.variants.all()),
        "tier_rows": _tier_rows(product, currency, rates, locale),
        "quote": quote_for(product, quantity_text, currency, rates, locale),
        "currency": currency,
        "converted_rate": rate_date,
        "show_converted": currency != product.currency,
        "category_label": category_name(product.category) if product.category else "",
        "category_link": category_url(product.category) if product.category else "",
        "breadcrumb": _breadcrumb(product),
        "supplier_country": country_name(product.supplier.country),
        "origin_name": country_name(product.origin_country) if product.origin_country else "",
        "hs_description": hs_code_describe(product.hs_code) if product.hs_code else None,
        "sample_price": sample_price,
        "sample_price_converted": sample_price_converted,
        "ready_to_ship": product.stock is not None and product.stock > 0,
        "lead_time_steps": [(int(s[0]), int(s[1])) for s in product.lead_time_steps or []],
        "is_draft": product.status == ProductStatus.DRAFT,
    }


def product_page(request: HttpRequest, product_id: uuid.UUID, slug: str) -> HttpResponse:
    """The product: gallery, price tiers in two currencies, the quantity box, specs, supplier."""
    product, preview = _product_for_visitor(request, product_id)
    return render(request, "catalog/product.html", _context(request, product, preview))


def product_quote(request: HttpRequest, product_id: uuid.UUID, slug: str) -> HttpResponse:
    """The price box alone, for HTMX: unit price, total, tier and lead time for `?quantity=`.

    The page's address follows the quantity (HX-Replace-Url), so a reload, a shared link and
    the currency and language switchers, which return to the current address, keep it.
    A product that went away meanwhile (unpublished, suspended) answers 404 with a sentence
    for the box, not an error page inside it.
    """
    try:
        product, _preview = _product_for_visitor(request, product_id)
    except Http404:
        gone = QuoteView("", error=_("This product is no longer available."))
        return render(request, "catalog/product.html#quote", {"quote": gone}, status=404)
    currency = display_currency_for(request)
    locale = visitor_locale()
    rates = rates_for({currency, product.currency})
    quantity_text = request.GET.get("quantity", "").strip()
    quote = quote_for(product, quantity_text, currency, rates, locale)
    context = {
        "product": product,
        "quote": quote,
        "show_converted": currency != product.currency,
        "tier_rows": _tier_rows(product, currency, rates, locale),
        "oob": True,
    }
    response = render(request, "catalog/product.html#quote", context)
    page = product_url(product)
    query = f"?{urlencode({'quantity': quantity_text})}" if quantity_text else ""
    return replace_url(response, page + query)
