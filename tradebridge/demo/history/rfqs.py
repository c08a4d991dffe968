"""Loading the demo RFQs through the rfq services, as their buyers and suppliers would.

For each `rfq_data.DEMO_RFQS` not yet posted (by its buyer, with its title): the buyer posts
and opens it, matching ranks and notifies the suppliers at the moment it opened (lexically
while the search index has no meaning vectors: `rfq.matching.similarity`), the suppliers
quote, an RFQ whose deadline passed is closed by the deadline run, the buyer counters, the
supplier revises, and the buyer accepts one quote into a deal. `backdate` moves the stamps
the services could not take. Idempotent: a posted RFQ is left as it is.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from uuid import UUID

from tradebridge.catalog.pricing import Tier
from tradebridge.catalog.selectors import category_lookup
from tradebridge.companies.models import Membership
from tradebridge.demo.history import backdate
from tradebridge.demo.history.actors import membership, product_id, supplier
from tradebridge.demo.history.rfq_data import DEMO_RFQS
from tradebridge.demo.history.rfq_scenes import QUOTING, DemoQuote, DemoRFQ, Outcome, Revision
from tradebridge.rfq.models import RFQ, Quote
from tradebridge.rfq.quote_rules import QuoteInput
from tradebridge.rfq.services.counter_offers import counter_offer_create
from tradebridge.rfq.services.deals import quote_accept
from tradebridge.rfq.services.matching import rfq_invitation_mark_seen, rfq_match
from tradebridge.rfq.services.quotes import quote_revise, quote_submit
from tradebridge.rfq.services.rfq_input import RFQInput
from tradebridge.rfq.services.rfq_statuses import rfq_deadlines_close
from tradebridge.rfq.services.rfqs import rfq_create


@dataclass
class RFQSummary:
    rfqs: int = 0
    quotes: int = 0
    deals: int = 0
    still_open: list[UUID] = field(default_factory=list)


def load_rfqs(*, now: datetime) -> RFQSummary:
    """Post the missing demo RFQs with their quotes; count what was created."""
    categories = category_lookup()
    summary = RFQSummary()
    for scene in DEMO_RFQS:
        buyer = membership(scene.buyer)
        if RFQ.objects.filter(buyer_id=buyer.company_id, title=scene.title).exists():
            continue
        _play(scene, buyer, categories[scene.category.casefold()], now=now, summary=summary)
    return summary


def _play(
    scene: DemoRFQ, buyer: Membership, category_id: int, *, now: datetime, summary: RFQSummary
) -> None:
    opened = now - scene.opened_ago
    rfq = rfq_create(actor=buyer, data=_rfq_input(scene, category_id, now=now), open_now=True)
    backdate.rfq_posted(rfq.pk, at=opened)
    rfq_match(rfq_id=rfq.pk, now=opened)
    quotes = {q.supplier: _quote(q, rfq.pk, opened=opened) for q in scene.quotes}
    if scene.outcome != Outcome.OPEN:  # its deadline passed: the scheduled run closed it
        deadline = _on_the_hour(now + scene.deadline)
        backdate.rfq_deadline_passed(rfq.pk, deadline=deadline)
        rfq_deadlines_close(now=deadline)
    for quote_scene in scene.quotes:
        if quote_scene.counter is not None:
            _negotiate(quote_scene, quotes[quote_scene.supplier], buyer, opened=opened)
    if scene.accepted is not None:
        domain, after = scene.accepted
        quote = Quote.objects.get(pk=quotes[domain])
        deal = quote_accept(
            actor=buyer,
            quote_id=quote.pk,
            expected_revision=quote.current_revision_number,
            now=opened + after,
        )
        backdate.rfq_awarded(rfq.pk, deal.pk, at=opened + after)
        summary.deals += 1
    summary.rfqs += 1
    summary.quotes += len(quotes)
    if scene.outcome == Outcome.OPEN:
        summary.still_open.append(rfq.pk)


def rfqs_rematch(rfq_ids: list[UUID], *, now: datetime) -> None:
    """Rank the open RFQs' suppliers again, now that their response stats exist (the reasons
    then tell how fast each replies); nobody is notified twice (`rfq_match`)."""
    for rfq_id in rfq_ids:
        rfq_match(rfq_id=rfq_id, now=now)


def _rfq_input(scene: DemoRFQ, category_id: int, *, now: datetime) -> RFQInput:
    # A deadline ahead for the service; a passed one is set once the quotes are in.
    deadline = now + max(scene.deadline, timedelta(days=1))
    about = None
    if scene.product_of is not None:
        about = product_id(scene.product_of, category_id, scene.product_words)
    return RFQInput(
        title=scene.title,
        description=scene.description,
        quantity=scene.quantity,
        unit=scene.unit,
        currency=scene.currency,
        destination_country=scene.destination_country,
        destination_place=scene.destination_place,
        quote_deadline=_on_the_hour(deadline),
        product_id=about,
        category_id=category_id,
        specs=scene.specs,
        target_unit_price=scene.target,
        incoterm=scene.incoterm,
        certifications=scene.certifications,
        sample_needed=scene.sample_needed,
        needed_by=(now + timedelta(days=scene.needed_in_days)).date(),
        visibility="invited" if scene.invited else "public",
        invited_suppliers=tuple(supplier(domain).slug for domain in scene.invited),
        language=scene.language,
    )


def _on_the_hour(moment: datetime) -> datetime:
    """Buyers set deadlines on the hour."""
    return moment.replace(minute=0, second=0, microsecond=0)


def _quote(scene: DemoQuote, rfq_id: UUID, *, opened: datetime) -> UUID:
    at = opened + scene.after
    actor = membership(QUOTING[scene.supplier])
    # The supplier read the RFQ before quoting (the inbox stops calling it new).
    rfq_invitation_mark_seen(actor=actor, rfq_id=rfq_id, now=at - timedelta(minutes=40))
    quote = quote_submit(actor=actor, rfq_id=rfq_id, data=_terms(scene, at=at), now=at)
    backdate.quote_submitted(quote.pk, at=at)
    return quote.pk


def _negotiate(scene: DemoQuote, quote_id: UUID, buyer: Membership, *, opened: datetime) -> None:
    counter = scene.counter
    assert counter is not None  # noqa: S101 - the caller checked
    at = opened + scene.after + counter.after
    offer = counter_offer_create(
        actor=buyer,
        quote_id=quote_id,
        target_unit_price=Decimal(counter.target_unit_price),
        currency=counter.currency,
        quantity=counter.quantity,
        terms=counter.terms,
    )
    backdate.counter_offer_made(offer.pk, at=at)
    if counter.revision is not None:
        _revise(scene, counter.revision, quote_id, at=at + counter.revision.after)


def _revise(scene: DemoQuote, revision: Revision, quote_id: UUID, *, at: datetime) -> None:
    lead_time = revision.lead_time_days or scene.lead_time_days
    terms = _terms(scene, at=at, tiers=revision.tiers, notes=revision.notes, lead_time=lead_time)
    actor = membership(QUOTING[scene.supplier])
    written = quote_revise(actor=actor, quote_id=quote_id, data=terms, now=at)
    backdate.quote_revised(written.pk, at=at)


def _terms(
    scene: DemoQuote,
    *,
    at: datetime,
    tiers: tuple[tuple[int, str], ...] | None = None,
    notes: str | None = None,
    lead_time: int | None = None,
) -> QuoteInput:
    chosen = tiers or scene.tiers
    sample_price, sample_days = scene.sample or (None, None)
    return QuoteInput(
        currency=scene.currency,
        tiers=tuple(Tier(quantity, Decimal(price)) for quantity, price in chosen),
        moq=chosen[0][0],
        lead_time_days=lead_time or scene.lead_time_days,
        incoterm=scene.incoterm,
        named_place=scene.named_place,
        valid_until=(at + timedelta(days=scene.valid_days)).date(),
        deposit_percent=Decimal(scene.deposit_percent),
        balance_due=scene.balance_due,
        sample_price=Decimal(sample_price) if sample_price is not None else None,
        sample_days=sample_days,
        notes=notes or scene.notes,
    )
