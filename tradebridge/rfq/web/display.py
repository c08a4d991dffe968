"""What a member sees of RFQs, quotes and deals: amounts in their locale, match reasons in
their language, a quote's revisions and counter-offers as rows. Pure presentation over the
models the selectors return; no rule of the RFQ domain lives here."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from urllib.parse import urlencode

from babel.numbers import format_currency
from django.urls import reverse

from tradebridge.catalog.web.display import (
    category_name,
    product_text,
    product_url,
    visitor_locale,
)
from tradebridge.companies.web.choices import country_name
from tradebridge.core.money import Money, minor_units
from tradebridge.rfq.matching.reasons import reason_text, reasons_from_json
from tradebridge.rfq.models import RFQ, CounterOffer, Quote, QuoteRevision
from tradebridge.rfq.quote_rules import tiers_from_json

UNIT_PRICE_DECIMALS = 4


def money_text(amount: Decimal | None, currency: str) -> str:
    """A total or price rounded to the currency's minor unit, in the visitor's locale."""
    if amount is None:
        return ""
    return Money(Decimal(amount), currency).format(visitor_locale())


def unit_price_text(amount: Decimal | None, currency: str) -> str:
    """A unit price with up to four decimals (a 0.012 USD screw stays 0.012), localised."""
    if amount is None:
        return ""
    value = Decimal(amount).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP).normalize()
    digits = max(minor_units(currency), -min(value.as_tuple().exponent, 0))  # type: ignore[operator]
    shown = value.quantize(Decimal(1).scaleb(-digits))
    return str(format_currency(shown, currency, locale=visitor_locale(), currency_digits=False))


def reasons_texts(stored: object) -> list[str]:
    """A stored match's reasons as sentences in the active language (unknown ones skipped)."""
    return [text for reason in reasons_from_json(stored) if (text := reason_text(reason))]


def rfq_facts(rfq: RFQ) -> dict[str, Any]:
    """The context `rfq/_rfq_facts.html` reads beside `rfq` itself."""
    product = rfq.product
    return {
        "target_price": unit_price_text(rfq.target_unit_price, rfq.currency),
        "destination_country": country_name(rfq.destination_country),
        "category_label": category_name(rfq.category) if rfq.category else "",
        "product_title": product_text(product)[0] if product else "",
        "product_link": product_url(product) if product else "",
    }


@dataclass(frozen=True)
class TierRow:
    min_quantity: int
    unit_price: str


@dataclass(frozen=True)
class RevisionView:
    """One revision of a quote, as shown in the terms box and in the history."""

    revision: QuoteRevision
    number: int
    created_at: datetime
    tiers: list[TierRow]
    from_price: str
    sample_price: str
    answers_counter_offer: bool
    attachments: list[Any] = field(default_factory=list)


@dataclass(frozen=True)
class CounterOfferView:
    offer: CounterOffer
    target_price: str
    is_open: bool


@dataclass(frozen=True)
class QuoteView:
    """A quote with its current terms, its history (newest first) and its counter-offers."""

    quote: Quote
    current: RevisionView
    history: list[RevisionView]
    counter_offers: list[CounterOfferView]
    open_counter_offer: CounterOfferView | None
    message_url: str = ""


def revision_view(revision: QuoteRevision, attachments: Iterable[Any] = ()) -> RevisionView:
    tiers = tiers_from_json(revision.tiers)
    rows = [
        TierRow(t.min_quantity, unit_price_text(t.unit_price, revision.currency)) for t in tiers
    ]
    return RevisionView(
        revision=revision,
        number=revision.number,
        created_at=revision.created_at,
        tiers=rows,
        from_price=rows[-1].unit_price if rows else "",
        sample_price=unit_price_text(revision.sample_price, revision.currency),
        answers_counter_offer=revision.answers_counter_offer_id is not None,
        attachments=list(attachments),
    )


def quote_view(
    quote: Quote,
    revisions: Iterable[QuoteRevision],
    counter_offers: Iterable[CounterOffer],
    attachment_links: dict[Any, list[Any]] | None = None,
) -> QuoteView:
    """`revisions` in any order; the current one is the quote's `current_revision_number`."""
    links = attachment_links or {}
    views = sorted(
        (revision_view(r, links.get(r.pk, ())) for r in revisions),
        key=lambda view: view.number,
        reverse=True,
    )
    current = next(v for v in views if v.number == quote.current_revision_number)
    offers = [
        CounterOfferView(
            offer=offer,
            target_price=unit_price_text(offer.target_unit_price, offer.currency),
            is_open=offer.status == "open",
        )
        for offer in sorted(counter_offers, key=lambda offer: offer.created_at)
    ]
    open_offer = next((offer for offer in offers if offer.is_open), None)
    return QuoteView(quote, current, views, offers, open_offer)


def message_link(*, counterpart: dict[str, str], subject_kind: str, subject_id: object) -> str:
    """The messaging page that starts (or reopens) the thread with a company about a subject:
    `counterpart` is `{"supplier": slug}` (to a supplier) or `{"buyer": id}` (to a buyer)."""
    query = urlencode({**counterpart, "subject_kind": subject_kind, "subject_id": subject_id})
    return f"{reverse('messaging_new')}?{query}"


def is_past(day: date | None, today: date) -> bool:
    return day is not None and day < today
