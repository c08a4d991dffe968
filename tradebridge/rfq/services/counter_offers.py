"""Counter-offers: the buyer answers a quote's current revision with the price, quantity and
terms it wants; the supplier revises (`quote_revise` marks the offer answered) or declines; the
buyer may withdraw it. One open counter-offer per quote at a time; the thread is kept.

Locks: the RFQ row, then the quote row, then the counter-offer row.
"""

from datetime import datetime
from decimal import Decimal
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.errors import NotFound
from tradebridge.core.money import is_currency
from tradebridge.core.services.audit import audit_record
from tradebridge.core.transitions import ensure_transition
from tradebridge.rfq.enums import CounterOfferStatus, QuoteStatus, RFQStatus
from tradebridge.rfq.models import CounterOffer, Quote
from tradebridge.rfq.quote_errors import (
    CounterOfferPending,
    InvalidCounterOffer,
    RFQNotTakingQuotes,
)
from tradebridge.rfq.services.quotes import (
    counter_offer_close,
    current_revision,
    lock_rfq_and_quote,
    quote_for_buyer,
)
from tradebridge.rfq.transitions import QUOTE_TRANSITIONS

MAX_TERMS_LENGTH = 2000
_MAX_PRICE = Decimal("1e14")


def counter_offer_create(
    *,
    actor: Membership,
    quote_id: UUID,
    target_unit_price: Decimal,
    currency: str,
    quantity: int | None = None,
    terms: str = "",
) -> CounterOffer:
    """The buyer counters a live quote on its RFQ (open or closed at its deadline).

    Raises PermissionDenied (ACCEPT_QUOTES), NotFound (not a quote on the actor's RFQ),
    InvalidCounterOffer (422), InvalidTransition (409: the quote is no longer live),
    RFQNotTakingQuotes (409: awarded or cancelled), CounterOfferPending (409).
    """
    ensure_can(actor, Permission.ACCEPT_QUOTES)
    quote = quote_for_buyer(actor, quote_id)
    _validate(target_unit_price, currency, quantity, terms)
    with transaction.atomic():
        rfq, quote = lock_rfq_and_quote(quote)
        # A counter-offer asks for a revision: only a quote that may still be revised.
        ensure_transition(
            QUOTE_TRANSITIONS, current=QuoteStatus(quote.status), target=QuoteStatus.REVISED
        )
        if rfq.status not in {RFQStatus.OPEN, RFQStatus.CLOSED}:
            raise RFQNotTakingQuotes(reason="status", status=rfq.status)
        pending = CounterOffer.objects.filter(quote=quote, status=CounterOfferStatus.OPEN).first()
        if pending is not None:
            raise CounterOfferPending(counter_offer_id=str(pending.pk))
        offer = CounterOffer.objects.create(
            quote=quote,
            revision=current_revision(quote),
            target_unit_price=target_unit_price,
            currency=currency,
            quantity=quantity,
            terms=terms.strip(),
            created_by=actor.user,
        )
        _audit(actor, "counter_offer.created", offer, price=str(target_unit_price))
    return offer


def counter_offer_decline(
    *, actor: Membership, counter_offer_id: UUID, now: datetime | None = None
) -> CounterOffer:
    """The supplier declines an open counter-offer on its quote. Raises PermissionDenied
    (SUBMIT_QUOTES), NotFound (not on the actor's quote), InvalidTransition (409)."""
    ensure_can(actor, Permission.SUBMIT_QUOTES)
    offer = _offer(counter_offer_id, quote_filter={"supplier_id": actor.company_id})
    return _close(actor, offer, status=CounterOfferStatus.DECLINED, now=now)


def counter_offer_withdraw(
    *, actor: Membership, counter_offer_id: UUID, now: datetime | None = None
) -> CounterOffer:
    """The buyer withdraws its open counter-offer. Raises PermissionDenied (ACCEPT_QUOTES),
    NotFound (not on the actor's RFQ), InvalidTransition (409)."""
    ensure_can(actor, Permission.ACCEPT_QUOTES)
    offer = _offer(counter_offer_id, quote_filter={"rfq__buyer_id": actor.company_id})
    return _close(actor, offer, status=CounterOfferStatus.WITHDRAWN, now=now)


def _offer(counter_offer_id: UUID, *, quote_filter: dict[str, object]) -> CounterOffer:
    quotes = Quote.objects.filter(**quote_filter)
    offer = CounterOffer.objects.filter(pk=counter_offer_id, quote__in=quotes).first()
    if offer is None:
        raise NotFound()
    return offer


def _close(
    actor: Membership, offer: CounterOffer, *, status: CounterOfferStatus, now: datetime | None
) -> CounterOffer:
    with transaction.atomic():
        lock_rfq_and_quote(offer.quote)
        offer = CounterOffer.objects.select_for_update().get(pk=offer.pk)
        counter_offer_close(offer, status=status, now=now or timezone.now())
        _audit(actor, f"counter_offer.{status}", offer)
    return offer


def _validate(price: Decimal, currency: str, quantity: int | None, terms: str) -> None:
    if not price.is_finite() or not 0 < price < _MAX_PRICE:
        raise InvalidCounterOffer("The target price must be above zero.", field="target_unit_price")
    if price.normalize().as_tuple().exponent < -4:  # type: ignore[operator]  # finite: an int
        raise InvalidCounterOffer("At most four decimal places.", field="target_unit_price")
    if not is_currency(currency):
        raise InvalidCounterOffer("Not an ISO 4217 currency code.", field="currency")
    if quantity is not None and (isinstance(quantity, bool) or quantity < 1):
        raise InvalidCounterOffer("The quantity must be at least 1.", field="quantity")
    if len(terms) > MAX_TERMS_LENGTH:
        raise InvalidCounterOffer(f"At most {MAX_TERMS_LENGTH} characters.", field="terms")


def _audit(actor: Membership, action: str, offer: CounterOffer, **data: object) -> None:
    audit_record(
        action=action,
        object_type="rfq.counteroffer",
        object_id=offer.pk,
        actor_user_id=actor.user_id,
        company_id=actor.company_id,
        data={"quote_id": str(offer.quote_id), "status": offer.status, **data},
    )
