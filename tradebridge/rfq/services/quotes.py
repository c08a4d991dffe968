"""Quotes: a supplier submits one per RFQ and revises it; it ends withdrawn, rejected, expired
or accepted (`rfq.services.deals`).

Rules:

- Only an active supplier company's member with SUBMIT_QUOTES quotes, on an RFQ it may see,
  while the RFQ takes quotes: open, before its deadline and, for a new quote, under its cap
  (live quotes only). One quote per supplier and RFQ: a second answers 409 `quote_exists`.
- A supplier sends at most `RFQSettings.quotes_per_supplier_per_day` new quotes in 24 hours
  (429 `quote_limit_reached`). Two submissions on different RFQs at the same instant may
  each pass the count: a spam limit, not a ledger.
- Every revision is a new row (`QuoteRevision`, append-only) and freezes the FX rates (per EUR)
  of its currency, the RFQ's and the buyer's, from the latest rate table.
- A quote is revised while the RFQ takes quotes, or, once it closed at its deadline, to answer
  the buyer's open counter-offer; never once the buyer accepted or rejected it.
- Locks: the RFQ row, then the quote row (parent before child), in every transition.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from uuid import UUID

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from tradebridge.companies.enums import CompanyKind
from tradebridge.companies.models import Membership
from tradebridge.companies.permissions import Permission, ensure_can
from tradebridge.core.errors import NotFound, PermissionDenied
from tradebridge.core.fx import BASE_CURRENCY, RateUnavailable
from tradebridge.core.selectors import fx_rate_table_latest
from tradebridge.core.services.audit import AuditEntry, audit_record, audit_record_many
from tradebridge.core.transitions import ensure_transition
from tradebridge.messaging.enums import ResponseRequestKind
from tradebridge.messaging.services.response import response_request_answer
from tradebridge.rfq.enums import CounterOfferStatus, QuoteStatus, RFQStatus
from tradebridge.rfq.errors import QuoteDeadlinePassed
from tradebridge.rfq.models import RFQ, CounterOffer, Quote, QuoteRevision, RFQInvitation
from tradebridge.rfq.quote_errors import (
    QuoteAlreadySubmitted,
    QuoteLimitReached,
    RFQNotTakingQuotes,
)
from tradebridge.rfq.quote_rules import QuoteInput, tiers_as_json, validate_quote_input
from tradebridge.rfq.selectors import rfq_get_for_supplier, rfq_settings
from tradebridge.rfq.services.rfq_statuses import rfq_close_for_cap
from tradebridge.rfq.transitions import (
    COUNTER_OFFER_TRANSITIONS,
    QUOTE_LIVE_STATUSES,
    QUOTE_TRANSITIONS,
)

__all__ = [
    "FrozenFx",
    "quote_reject",
    "quote_revise",
    "quote_submit",
    "quote_withdraw",
    "quotes_expire",
]

LIMIT_WINDOW = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class FrozenFx:
    """The rates a revision records: `rates` maps currency -> units per EUR (decimal string),
    published `on` (the oldest of them) by `source`."""

    rates: dict[str, str]
    on: date
    source: str


def quote_submit(
    *, actor: Membership, rfq_id: UUID, data: QuoteInput, now: datetime | None = None
) -> Quote:
    """Submit the actor's company's quote on the RFQ, with its first revision.

    Raises PermissionDenied (role, or not an active supplier), NotFound (an RFQ the supplier
    may not see), the `quote_rules` errors and RateUnavailable (422, nothing written),
    RFQNotTakingQuotes, QuoteDeadlinePassed or QuoteAlreadySubmitted (409), QuoteLimitReached (429).
    Not idempotent by itself: the API's Idempotency-Key covers retries.
    """
    now = now or timezone.now()
    ensure_supplier(actor)
    rfq = rfq_get_for_supplier(actor=actor, rfq_id=rfq_id)
    validate_quote_input(data, today=now.date())
    fx = freeze_fx(rfq=rfq, currency=data.currency, today=now.date())
    with transaction.atomic():
        rfq = RFQ.objects.select_for_update().get(pk=rfq.pk)
        _ensure_takes_quotes(rfq, now=now)
        _ensure_first_quote(rfq, supplier_id=actor.company_id)
        _ensure_under_cap(rfq)
        _ensure_under_daily_limit(actor.company_id, now=now)
        quote = Quote.objects.create(
            rfq=rfq,
            supplier_id=actor.company_id,
            created_by=actor.user,
            status=QuoteStatus.SUBMITTED,
        )
        revision = _revision_add(quote=quote, number=1, data=data, fx=fx, actor=actor)
        _record_response(rfq=rfq, supplier_id=actor.company_id, now=now)
        _audit(actor, "quote.submitted", quote, revision=revision.number, rfq_id=str(rfq.pk))
        rfq_close_for_cap(rfq_id=rfq.pk)
    return quote


def quote_revise(
    *, actor: Membership, quote_id: UUID, data: QuoteInput, now: datetime | None = None
) -> QuoteRevision:
    """Add a revision to the actor's company's quote; it answers the open counter-offer if any.

    Raises PermissionDenied, NotFound (not the actor's quote), the `quote_rules` errors and
    RateUnavailable (422), InvalidTransition (409: accepted, rejected, withdrawn, expired),
    RFQNotTakingQuotes (409).
    """
    now = now or timezone.now()
    quote = own_quote(actor, quote_id)
    ensure_supplier(actor)
    validate_quote_input(data, today=now.date())
    fx = freeze_fx(rfq=quote.rfq, currency=data.currency, today=now.date())
    with transaction.atomic():
        rfq, quote = lock_rfq_and_quote(quote)
        ensure_transition(
            QUOTE_TRANSITIONS, current=QuoteStatus(quote.status), target=QuoteStatus.REVISED
        )
        counter_offer = _open_counter_offer(quote)
        _ensure_revisable(rfq, now=now, answering=counter_offer is not None)
        number = quote.current_revision_number + 1
        revision = _revision_add(
            quote=quote, number=number, data=data, fx=fx, actor=actor, answers=counter_offer
        )
        quote.status, quote.current_revision_number = QuoteStatus.REVISED, number
        quote.save(update_fields=["status", "current_revision_number", "updated_at"])
        if counter_offer is not None:
            counter_offer_close(counter_offer, status=CounterOfferStatus.ANSWERED, now=now)
        _audit(actor, "quote.revised", quote, revision=number)
    return revision


def quote_withdraw(*, actor: Membership, quote_id: UUID) -> Quote:
    """The supplier withdraws its live quote. Raises PermissionDenied, NotFound,
    InvalidTransition (409) for a quote no longer live. Not idempotent (409 the second time)."""
    quote = own_quote(actor, quote_id)
    ensure_supplier(actor)
    return _quote_end(actor, quote, target=QuoteStatus.WITHDRAWN, action="quote.withdrawn")


def quote_reject(*, actor: Membership, quote_id: UUID) -> Quote:
    """The buyer rejects a live quote on its RFQ. Raises PermissionDenied (ACCEPT_QUOTES),
    NotFound (not a quote on the actor's RFQ), InvalidTransition (409)."""
    ensure_can(actor, Permission.ACCEPT_QUOTES)
    quote = quote_for_buyer(actor, quote_id)
    return _quote_end(actor, quote, target=QuoteStatus.REJECTED, action="quote.rejected")


def quotes_expire(*, now: datetime) -> int:
    """Expire every live quote whose current revision's validity ended before `now`'s day.

    For the deadline task (with an injectable clock). Idempotent: an expired quote is not
    live any more. Returns how many quotes expired.
    """
    current = QuoteRevision.objects.filter(
        quote=OuterRef("pk"), number=OuterRef("current_revision_number")
    )
    due = Quote.objects.filter(status__in=QUOTE_LIVE_STATUSES).filter(
        Exists(current.filter(valid_until__lt=now.date()))
    )
    expired = 0
    for quote in due.only("pk", "rfq_id").order_by("rfq_id", "pk"):
        expired += _quote_expire_one(quote, now=now)
    return expired


def freeze_fx(*, rfq: RFQ, currency: str, today: date) -> FrozenFx:
    """The rates a new revision records: its currency's, the RFQ's and the buyer's default
    currency's (those with a rate), from the latest table. Raises RateUnavailable when the
    quote's own currency has no rate and differs from the RFQ's (it could not be compared)."""
    wanted = {currency, rfq.currency, rfq.buyer.default_currency} - {""}
    table = fx_rate_table_latest(on=today, currencies=wanted)
    rates: dict[str, str] = {}
    days: list[date] = []
    for code in sorted(wanted):
        try:
            point = table.rate_for(code, on=today)
        except RateUnavailable:
            if code == currency and currency != rfq.currency:
                raise
            continue
        rates[code] = format(point.rate.normalize(), "f")
        if code != BASE_CURRENCY:
            days.append(point.on)
    return FrozenFx(rates=rates, on=min(days, default=today), source=table.source)


def lock_rfq_and_quote(quote: Quote) -> tuple[RFQ, Quote]:
    """Lock the RFQ row, then the quote row (the one lock order), and return fresh copies."""
    rfq = RFQ.objects.select_for_update().select_related("buyer").get(pk=quote.rfq_id)
    locked = Quote.objects.select_for_update().get(pk=quote.pk)
    return rfq, locked


def current_revision(quote: Quote) -> QuoteRevision:
    """The quote's current revision (every quote has one)."""
    return QuoteRevision.objects.get(quote=quote, number=quote.current_revision_number)


def counter_offer_close(
    offer: CounterOffer, *, status: CounterOfferStatus, now: datetime | None = None
) -> None:
    """Move a locked open counter-offer to answered, declined or withdrawn."""
    ensure_transition(
        COUNTER_OFFER_TRANSITIONS, current=CounterOfferStatus(offer.status), target=status
    )
    offer.status, offer.answered_at = status, now or timezone.now()
    offer.save(update_fields=["status", "answered_at"])


def counter_offers_close_for_quotes(quote_ids: list[UUID], *, now: datetime) -> None:
    """Withdraw the open counter-offers of quotes that stopped being live (one UPDATE)."""
    CounterOffer.objects.filter(quote_id__in=quote_ids, status=CounterOfferStatus.OPEN).update(
        status=CounterOfferStatus.WITHDRAWN, answered_at=now
    )


def quote_for_buyer(actor: Membership, quote_id: UUID) -> Quote:
    """A quote on one of the actor's company's RFQs; NotFound otherwise (never told apart)."""
    quote = (
        Quote.objects.select_related("rfq", "rfq__buyer")
        .filter(pk=quote_id, rfq__buyer_id=actor.company_id)
        .first()
    )
    if quote is None:
        raise NotFound()
    return quote


def own_quote(actor: Membership, quote_id: UUID) -> Quote:
    """The actor's company's own quote; NotFound otherwise (another supplier's too)."""
    quote = (
        Quote.objects.select_related("rfq", "rfq__buyer")
        .filter(pk=quote_id, supplier_id=actor.company_id)
        .first()
    )
    if quote is None:
        raise NotFound()
    return quote


def ensure_supplier(actor: Membership) -> None:
    """Raise PermissionDenied unless the actor may quote for an active supplier company."""
    ensure_can(actor, Permission.SUBMIT_QUOTES)
    company = actor.company
    if not company.is_active or company.kind not in {CompanyKind.SUPPLIER, CompanyKind.BOTH}:
        raise PermissionDenied("Only an active supplier company quotes.", reason="not_supplier")


def _ensure_takes_quotes(rfq: RFQ, *, now: datetime) -> None:
    if rfq.status != RFQStatus.OPEN:
        raise RFQNotTakingQuotes(reason="status", status=rfq.status)
    if rfq.quote_deadline <= now:
        raise QuoteDeadlinePassed(quote_deadline=rfq.quote_deadline.isoformat())


def _ensure_revisable(rfq: RFQ, *, now: datetime, answering: bool) -> None:
    """While the RFQ takes quotes; on an RFQ closed at its deadline, only to answer a
    counter-offer (the negotiation the buyer started goes on)."""
    if answering and rfq.status in {RFQStatus.OPEN, RFQStatus.CLOSED}:
        return
    _ensure_takes_quotes(rfq, now=now)


def _ensure_first_quote(rfq: RFQ, *, supplier_id: UUID) -> None:
    existing = Quote.objects.filter(rfq=rfq, supplier_id=supplier_id).values_list("pk", flat=True)
    if (quote_id := existing.first()) is not None:
        raise QuoteAlreadySubmitted(quote_id=str(quote_id))


def _ensure_under_cap(rfq: RFQ) -> None:
    if rfq.quote_cap is None:
        return
    if Quote.objects.filter(rfq=rfq, status__in=QUOTE_LIVE_STATUSES).count() >= rfq.quote_cap:
        # No reason given: "the cap is reached" would tell a supplier how many quotes came in.
        raise RFQNotTakingQuotes()


def _ensure_under_daily_limit(supplier_id: UUID, *, now: datetime) -> None:
    limit = rfq_settings().quotes_per_supplier_per_day
    sent = Quote.objects.filter(supplier_id=supplier_id, created_at__gt=now - LIMIT_WINDOW)
    if sent.count() >= limit:
        raise QuoteLimitReached(limit=limit)


def _revision_add(
    *,
    quote: Quote,
    number: int,
    data: QuoteInput,
    fx: FrozenFx,
    actor: Membership,
    answers: CounterOffer | None = None,
) -> QuoteRevision:
    return QuoteRevision.objects.create(
        quote=quote,
        number=number,
        currency=data.currency,
        tiers=tiers_as_json(data.tiers),
        moq=data.moq,
        lead_time_days=data.lead_time_days,
        incoterm=data.incoterm,
        named_place=data.named_place.strip(),
        valid_until=data.valid_until,
        sample_price=data.sample_price,
        sample_days=data.sample_days,
        deposit_percent=data.deposit_percent,
        balance_due=data.balance_due,
        notes=data.notes,
        fx_rates=fx.rates,
        fx_rate_date=fx.on,
        fx_source=fx.source,
        answers_counter_offer=answers,
        created_by=actor.user,
    )


def _open_counter_offer(quote: Quote) -> CounterOffer | None:
    return (
        CounterOffer.objects.select_for_update()
        .filter(quote=quote, status=CounterOfferStatus.OPEN)
        .first()
    )


def _record_response(*, rfq: RFQ, supplier_id: UUID, now: datetime) -> None:
    """The supplier answered the RFQ: its invitation, and the response-metrics ledger."""
    RFQInvitation.objects.filter(rfq=rfq, supplier_id=supplier_id, responded_at=None).update(
        responded_at=now
    )
    response_request_answer(
        kind=ResponseRequestKind.RFQ_INVITATION,
        ref_id=rfq.pk,
        supplier_id=supplier_id,
        answered_at=now,
    )


def _quote_end(actor: Membership, quote: Quote, *, target: QuoteStatus, action: str) -> Quote:
    now = timezone.now()
    with transaction.atomic():
        _rfq, quote = lock_rfq_and_quote(quote)
        ensure_transition(QUOTE_TRANSITIONS, current=QuoteStatus(quote.status), target=target)
        quote.status = target
        quote.save(update_fields=["status", "updated_at"])
        counter_offers_close_for_quotes([quote.pk], now=now)
        _audit(actor, action, quote)
    return quote


def _quote_expire_one(quote: Quote, *, now: datetime) -> int:
    with transaction.atomic():
        _rfq, quote = lock_rfq_and_quote(quote)
        if quote.status not in QUOTE_LIVE_STATUSES:
            return 0
        revision = current_revision(quote)
        if revision.valid_until >= now.date():
            return 0  # revised meanwhile with a later validity
        ensure_transition(
            QUOTE_TRANSITIONS, current=QuoteStatus(quote.status), target=QuoteStatus.EXPIRED
        )
        quote.status = QuoteStatus.EXPIRED
        quote.save(update_fields=["status", "updated_at"])
        counter_offers_close_for_quotes([quote.pk], now=now)
        audit_record(
            action="quote.expired",
            object_type="rfq.quote",
            object_id=quote.pk,
            company_id=quote.supplier_id,
            data={"valid_until": revision.valid_until.isoformat()},
            occurred_at=now,
        )
    return 1


def quotes_reject_others(
    *, actor: Membership, rfq: RFQ, accepted_id: UUID, now: datetime
) -> list[UUID]:
    """Reject the RFQ's other live quotes (the RFQ row is locked by the caller); returns them."""
    others = list(
        Quote.objects.select_for_update()
        .filter(rfq=rfq, status__in=QUOTE_LIVE_STATUSES)
        .exclude(pk=accepted_id)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    Quote.objects.filter(pk__in=others).update(status=QuoteStatus.REJECTED, updated_at=now)
    audit_record_many(
        entries=[
            AuditEntry(
                action="quote.rejected",
                object_type="rfq.quote",
                object_id=quote_id,
                actor_user_id=actor.user_id,
                company_id=actor.company_id,
                data={"reason": "another_quote_accepted", "accepted_quote_id": str(accepted_id)},
            )
            for quote_id in others
        ]
    )
    return others


def _audit(actor: Membership, action: str, quote: Quote, **data: object) -> None:
    audit_record(
        action=action,
        object_type="rfq.quote",
        object_id=quote.pk,
        actor_user_id=actor.user_id,
        company_id=actor.company_id,
        data={"status": quote.status, **data},
    )
