"""Reads of quotes, counter-offers and deals. Tenant scoping lives here: "not yours" raises
the same `NotFound` as "does not exist".

- The buyer's members (active membership) see every quote on their company's RFQs, with their
  revisions, counter-offers and attachments, and the comparison.
- A supplier's members see their company's own quote only: never another supplier's quote,
  price, attachment, nor how many quotes came in (unless the buyer chose `show_quote_count`).
- A deal is seen by the members of its two companies.

For pages and the API alike (`rfq.web`, `rfq.api`).
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from uuid import UUID

from django.db.models import Count, Prefetch, Q, QuerySet

from tradebridge.catalog.enums import ProductStatus
from tradebridge.catalog.models import Product
from tradebridge.companies.models import Membership
from tradebridge.core.errors import NotFound
from tradebridge.core.money import minor_units
from tradebridge.core.selectors import fx_rate_table_latest
from tradebridge.messaging.selectors import supplier_response_stats
from tradebridge.rfq.comparison import (
    Column,
    Comparison,
    FrozenRate,
    QuoteTerms,
    QuoteTier,
    SupplierFacts,
    compare_quotes,
)
from tradebridge.rfq.enums import CounterOfferStatus
from tradebridge.rfq.models import RFQ, CounterOffer, Deal, Quote, QuoteAttachment, QuoteRevision
from tradebridge.rfq.selectors import rfq_get_for_buyer
from tradebridge.rfq.transitions import QUOTE_LIVE_STATUSES


def quote_list_for_buyer(*, actor: Membership, rfq_id: UUID) -> QuerySet[Quote]:
    """Every quote on the actor's company's RFQ, oldest first, with supplier and revisions.
    Raises NotFound for an RFQ that is not the actor's company's."""
    rfq = rfq_get_for_buyer(actor=actor, rfq_id=rfq_id)
    return _with_details(Quote.objects.filter(rfq=rfq))


def quote_list_for_supplier(*, actor: Membership, rfq_id: UUID | None = None) -> QuerySet[Quote]:
    """The actor's company's own quotes (on one RFQ when `rfq_id` is given), newest first.
    Never another supplier's, whatever the RFQ."""
    if not actor.is_active:
        return Quote.objects.none()
    quotes = Quote.objects.filter(supplier_id=actor.company_id)
    if rfq_id is not None:
        quotes = quotes.filter(rfq_id=rfq_id)
    return _with_details(quotes).order_by("-created_at", "-id")


QUOTES_COUNTERED = "countered"  # the "my quotes" filter: a counter-offer awaits an answer


def quote_list_for_supplier_page(*, actor: Membership, status: str = "") -> QuerySet[Quote]:
    """The actor's company's own quotes on every RFQ (open, closed or awarded), those with a
    counter-offer awaiting the supplier's answer first, then newest first. Each quote carries
    `open_counter_offers`. `status` narrows to one `QuoteStatus` or to `QUOTES_COUNTERED`."""
    waiting = Count("counter_offers", filter=Q(counter_offers__status=CounterOfferStatus.OPEN))
    quotes = (
        quote_list_for_supplier(actor=actor)
        .select_related("deal")
        .annotate(open_counter_offers=waiting)
    )
    if status == QUOTES_COUNTERED:
        quotes = quotes.filter(open_counter_offers__gt=0)
    elif status:
        quotes = quotes.filter(status=status)
    return quotes.order_by("-open_counter_offers", "-created_at", "-id")


def quote_get_for_buyer(*, actor: Membership, quote_id: UUID) -> Quote:
    """A quote on one of the actor's company's RFQs. Raises NotFound otherwise."""
    return _one(Quote.objects.filter(rfq__buyer_id=actor.company_id), actor, quote_id)


def quote_get_for_supplier(*, actor: Membership, quote_id: UUID) -> Quote:
    """The actor's company's own quote. Raises NotFound otherwise (another supplier's too)."""
    return _one(Quote.objects.filter(supplier_id=actor.company_id), actor, quote_id)


def quote_get_for_member(*, actor: Membership, quote_id: UUID) -> tuple[Quote, bool]:
    """The quote as the RFQ's buyer sees it (`(quote, True)`) or as its own supplier
    (`(quote, False)`). Raises NotFound for anyone else."""
    mine = Q(rfq__buyer_id=actor.company_id) | Q(supplier_id=actor.company_id)
    quote = _one(Quote.objects.filter(mine), actor, quote_id)
    return quote, quote.rfq.buyer_id == actor.company_id


def quote_current_revision(*, quote: Quote) -> QuoteRevision:
    """The quote's current revision (from the prefetched revisions when present)."""
    for revision in quote.revisions.all():
        if revision.number == quote.current_revision_number:
            return revision
    raise NotFound()  # a quote always has its current revision; unreachable in practice


def quote_revision_list(*, quote: Quote) -> QuerySet[QuoteRevision]:
    """The quote's revisions, first to latest, with their attachments (call it with a quote
    the actor may see: `quote_get_for_member`)."""
    return quote.revisions.prefetch_related("attachments").order_by("number")


def counter_offer_list(*, quote: Quote) -> QuerySet[CounterOffer]:
    """The quote's counter-offers, oldest first: the thread of offers (a visible quote only)."""
    return quote.counter_offers.select_related("revision").order_by("created_at", "id")


def counter_offer_get_for_member(*, actor: Membership, offer_id: UUID) -> CounterOffer:
    """A counter-offer on a quote the actor's company may see (the RFQ's buyer or the quoting
    supplier). Raises NotFound otherwise."""
    mine = Q(quote__rfq__buyer_id=actor.company_id) | Q(quote__supplier_id=actor.company_id)
    offer = (
        CounterOffer.objects.filter(mine, pk=offer_id).select_related("revision").first()
        if actor.is_active
        else None
    )
    if offer is None:
        raise NotFound()
    return offer


def quote_attachment_list(*, quote: Quote) -> QuerySet[QuoteAttachment]:
    """Every attachment of the quote's revisions (a visible quote only), oldest first."""
    return QuoteAttachment.objects.filter(revision__quote=quote).order_by("created_at", "id")


def quote_count_visible_to_supplier(*, rfq: RFQ) -> int | None:
    """How many live quotes the RFQ has, when its buyer chose to show it; else None."""
    if not rfq.show_quote_count:
        return None
    return Quote.objects.filter(rfq=rfq, status__in=QUOTE_LIVE_STATUSES).count()


def deal_list_for_actor(*, actor: Membership) -> QuerySet[Deal]:
    """The deals the actor's company is a party to (buyer or supplier), newest first."""
    if not actor.is_active:
        return Deal.objects.none()
    parties = Q(buyer_id=actor.company_id) | Q(supplier_id=actor.company_id)
    return (
        Deal.objects.filter(parties)
        .select_related("rfq", "revision", "buyer", "supplier")
        .order_by("-created_at", "-id")
    )


def deal_get_for_party(*, actor: Membership, deal_id: UUID) -> Deal:
    """A deal of the actor's company (either side). Raises NotFound otherwise."""
    deal = deal_list_for_actor(actor=actor).filter(pk=deal_id).first()
    if deal is None:
        raise NotFound()
    return deal


def quote_comparison_for_buyer(
    *,
    actor: Membership,
    rfq_id: UUID,
    currency: str | None = None,
    sort_by: Column = Column.TOTAL,
    reverse: bool = False,
    today: date,
) -> Comparison:
    """The RFQ's live quotes side by side (`rfq.comparison`), in `currency` (default: the
    buyer's default currency), at the RFQ's quantity and each revision's frozen rates; a
    currency a revision did not freeze takes the latest rate. Raises NotFound (not the
    actor's RFQ), InvalidCurrency or RateUnavailable (422)."""
    rfq = rfq_get_for_buyer(actor=actor, rfq_id=rfq_id)
    target = currency or rfq.buyer.default_currency or rfq.currency
    minor_units(target)  # an unknown currency raises InvalidCurrency before any query
    quotes = list(_with_details(Quote.objects.filter(rfq=rfq, status__in=QUOTE_LIVE_STATUSES)))
    terms = quote_terms_for(quotes, required=rfq.certifications or [])
    wanted = {target} | {t.currency for t in terms}
    return compare_quotes(
        terms,
        quantity=rfq.quantity,
        currency=target,
        fallback=fx_rate_table_latest(on=today, currencies=wanted),
        sort_by=sort_by,
        reverse=reverse,
    )


def quote_terms_for(quotes: list[Quote], *, required: Iterable[str]) -> list[QuoteTerms]:
    """The comparison's input for `quotes` (with `_with_details` prefetches): 2 queries."""
    supplier_ids = {quote.supplier_id for quote in quotes}
    stats = supplier_response_stats(supplier_ids=supplier_ids)
    held = _certifications_held(supplier_ids, required=required)
    return [
        _terms(quote, quote_current_revision(quote=quote), stats.get(quote.supplier_id), held)
        for quote in quotes
    ]


def _terms(
    quote: Quote, revision: QuoteRevision, stats: object, held: dict[UUID, tuple[str, ...]]
) -> QuoteTerms:
    supplier = quote.supplier
    rate = getattr(stats, "response_rate", None)
    return QuoteTerms(
        quote_id=quote.pk,
        revision=revision.number,
        submitted_at=quote.created_at,
        supplier=SupplierFacts(
            name=supplier.display_name,
            slug=supplier.slug,
            verification_level=supplier.verification_level,
            certifications=held.get(supplier.pk, ()),
            response_rate=None if rate is None else Decimal(rate),
            median_response_seconds=getattr(stats, "median_first_response_seconds", None),
        ),
        currency=revision.currency,
        tiers=tuple(
            QuoteTier(int(tier["min_quantity"]), Decimal(str(tier["unit_price"])))
            for tier in revision.tiers
        ),
        moq=revision.moq,
        lead_time_days=revision.lead_time_days,
        incoterm=revision.incoterm,
        named_place=revision.named_place,
        deposit_percent=revision.deposit_percent,
        balance_due=revision.balance_due,
        valid_until=revision.valid_until,
        rates=_frozen_rates(revision),
    )


def _frozen_rates(revision: QuoteRevision) -> tuple[FrozenRate, ...]:
    day = revision.fx_rate_date or revision.created_at.date()
    source = revision.fx_source or "ECB"
    return tuple(
        FrozenRate(code, Decimal(str(rate)), day, source)
        for code, rate in sorted(revision.fx_rates.items())
    )


def _certifications_held(
    supplier_ids: set[UUID], *, required: Iterable[str]
) -> dict[UUID, tuple[str, ...]]:
    """Per supplier, which of the RFQ's required certifications its published products carry."""
    wanted = {" ".join(str(name).split()).upper(): str(name) for name in required if name}
    if not wanted or not supplier_ids:
        return {}
    held: dict[UUID, set[str]] = defaultdict(set)
    rows = (
        Product.objects.filter(status=ProductStatus.PUBLISHED, supplier_id__in=supplier_ids)
        .exclude(certifications=[])
        .values_list("supplier_id", "certifications")
    )
    for supplier_id, names in rows.iterator(chunk_size=2000):
        for name in names if isinstance(names, list) else ():
            key = " ".join(str(name).split()).upper()
            if key in wanted:
                held[supplier_id].add(wanted[key])
    return {supplier_id: tuple(sorted(names)) for supplier_id, names in held.items()}


def _with_details(quotes: QuerySet[Quote]) -> QuerySet[Quote]:
    return quotes.select_related("supplier", "rfq", "rfq__buyer").prefetch_related(
        Prefetch(
            "revisions",
            queryset=QuoteRevision.objects.order_by("number").prefetch_related("attachments"),
        )
    )


def _one(quotes: QuerySet[Quote], actor: Membership, quote_id: UUID) -> Quote:
    quote = _with_details(quotes).filter(pk=quote_id).first() if actor.is_active else None
    if quote is None:
        raise NotFound()
    return quote
