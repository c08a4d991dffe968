"""Accepting a quote: its current revision's terms are frozen into an agreed deal.

In one transaction, under the RFQ's then the quote's row lock: the deal is written (price of
the tier for the quantity, the revision's frozen FX rates, Incoterm, payment terms), the quote
becomes accepted, the RFQ's other live quotes rejected, open counter-offers withdrawn, and the
RFQ awarded (`rfq_award`). `DealAgreed` is published after the commit.

A deal is written once and never updated: there is no update path, and an accepted quote
cannot be revised, withdrawn, rejected or countered (409 `invalid_transition`).
"""

from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.events import publish
from tradebridge.core.fx import RatePoint, RateTable, convert
from tradebridge.core.money import Money
from tradebridge.core.services.audit import audit_record
from tradebridge.core.transitions import ensure_transition
from tradebridge.rfq.enums import QuoteStatus
from tradebridge.rfq.events import DealAgreed
from tradebridge.rfq.models import RFQ, Deal, Quote, QuoteRevision
from tradebridge.rfq.quote_errors import (
    DealQuantityBelowMoq,
    QuoteChanged,
    QuoteValidityExpired,
)
from tradebridge.rfq.quote_rules import tier_for_quantity, tiers_from_json
from tradebridge.rfq.services.quotes import (
    counter_offers_close_for_quotes,
    current_revision,
    lock_rfq_and_quote,
    quote_for_buyer,
    quotes_reject_others,
)
from tradebridge.rfq.services.rfq_statuses import rfq_award
from tradebridge.rfq.transitions import QUOTE_TRANSITIONS


def quote_accept(
    *,
    actor: Membership,
    quote_id: UUID,
    expected_revision: int,
    quantity: int | None = None,
    now: datetime | None = None,
) -> Deal:
    """Accept the quote exactly as the buyer saw it (`expected_revision`) and return the deal.

    `quantity` defaults to the RFQ's (the MOQ when that is higher); a given one must reach
    the MOQ. Raises PermissionDenied (ACCEPT_QUOTES), NotFound (not a quote on the actor's
    RFQ), InvalidTransition (409: not live; the RFQ not awardable), QuoteChanged (409),
    QuoteValidityExpired (409), DealQuantityBelowMoq (422). Not idempotent: a second accept
    answers 409.
    """
    ensure_can(actor, Permission.ACCEPT_QUOTES)
    now = now or timezone.now()
    quote = quote_for_buyer(actor, quote_id)
    with transaction.atomic():
        rfq, quote = lock_rfq_and_quote(quote)
        ensure_transition(
            QUOTE_TRANSITIONS, current=QuoteStatus(quote.status), target=QuoteStatus.ACCEPTED
        )
        if quote.current_revision_number != expected_revision:
            raise QuoteChanged(expected=expected_revision, current=quote.current_revision_number)
        revision = current_revision(quote)
        if revision.valid_until < now.date():
            raise QuoteValidityExpired(valid_until=revision.valid_until.isoformat())
        deal = _deal_create(actor, rfq=rfq, quote=quote, revision=revision, quantity=quantity)
        quote.status = QuoteStatus.ACCEPTED
        quote.save(update_fields=["status", "updated_at"])
        rejected = quotes_reject_others(actor=actor, rfq=rfq, accepted_id=quote.pk, now=now)
        counter_offers_close_for_quotes([quote.pk, *rejected], now=now)
        rfq_award(actor=actor, rfq_id=rfq.pk, deal_id=deal.pk)
        _audit(actor, deal, revision=revision.number, rejected=[str(pk) for pk in rejected])
        publish(_agreed(deal), after_commit=True)
    return deal


def _deal_create(
    actor: Membership, *, rfq: RFQ, quote: Quote, revision: QuoteRevision, quantity: int | None
) -> Deal:
    if quantity is not None and quantity < revision.moq:
        raise DealQuantityBelowMoq(moq=revision.moq, quantity=quantity)
    priced = quantity if quantity is not None else max(rfq.quantity, revision.moq)
    tier = tier_for_quantity(tiers_from_json(revision.tiers), priced)
    return Deal.objects.create(
        rfq=rfq,
        quote=quote,
        revision=revision,
        buyer_id=rfq.buyer_id,
        supplier_id=quote.supplier_id,
        currency=revision.currency,
        unit_price=tier.unit_price,
        quantity=priced,
        total=tier.unit_price * priced,
        incoterm=revision.incoterm,
        named_place=revision.named_place,
        lead_time_days=revision.lead_time_days,
        deposit_percent=revision.deposit_percent,
        balance_due=revision.balance_due,
        valid_until=revision.valid_until,
        fx=_frozen_fx(revision, buyer_currency=rfq.buyer.default_currency),
        accepted_by=actor.user,
    )


def _frozen_fx(revision: QuoteRevision, *, buyer_currency: str) -> dict[str, Any]:
    """The revision's frozen rates, and the one rate from the deal's currency into the
    buyer's (`rate`, buyer currency per deal currency; empty when either was not frozen)."""
    on = revision.fx_rate_date
    fx: dict[str, Any] = {
        "rates": dict(revision.fx_rates),
        "date": on.isoformat() if on else "",
        "source": revision.fx_source,
        "buyer_currency": buyer_currency,
        "rate": "",
    }
    rates = {code: Decimal(str(rate)) for code, rate in revision.fx_rates.items()}
    rates["EUR"] = Decimal(1)
    if on is not None and revision.currency in rates and buyer_currency in rates:
        points = {code: [RatePoint(on=on, rate=rate)] for code, rate in rates.items()}
        table = RateTable(source=revision.fx_source, as_of=on, points=points)
        one = Money(Decimal(1), revision.currency)
        fx["rate"] = f"{convert(one, buyer_currency, table).rate.normalize():f}"
    return fx


def _agreed(deal: Deal) -> DealAgreed:
    return DealAgreed(
        deal_id=deal.pk,
        reference=deal.reference,
        rfq_id=deal.rfq_id,
        quote_id=deal.quote_id,
        buyer_id=deal.buyer_id,
        supplier_id=deal.supplier_id,
    )


def _audit(actor: Membership, deal: Deal, **data: object) -> None:
    audit_record(
        action="quote.accepted",
        object_type="rfq.deal",
        object_id=deal.pk,
        actor_user_id=actor.user_id,
        company_id=actor.company_id,
        data={
            "reference": deal.reference,
            "quote_id": str(deal.quote_id),
            "unit_price": str(deal.unit_price),
            "currency": deal.currency,
            "quantity": deal.quantity,
            **data,
        },
    )
