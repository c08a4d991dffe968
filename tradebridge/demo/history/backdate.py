"""Demo-only: move the time stamps of what the services just wrote to the history's moments.

Why this exists: the demo history happened over the past weeks, but the rfq and messaging
services write `created_at` (auto_now_add), `opened_at`, `awarded_at`... at the real time of
loading, and refuse a quote deadline in the past, as they must for real users. The loader
passes the history's moment to every service that takes one (`now=`: matching, quotes,
revisions, accepting, read marks, the deadline run) and, right after a service call, moves
the remaining stamps of the rows that call wrote, here and nowhere else: one UPDATE per row
set, no other column touched, never called outside `tradebridge demo`.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from uuid import UUID

from django.db.models import Model
from django.utils import timezone

from tradebridge.messaging.enums import ResponseRequestKind
from tradebridge.messaging.models import Message, ResponseRequest, Thread, ThreadReadState
from tradebridge.orders.models import Order, OrderEvent, Purchase, StockReservation, TradeDocument
from tradebridge.payments.models import (
    Dispute,
    DisputeEvent,
    DisputeEvidence,
    EscrowHold,
    IncomingTransfer,
    Instalment,
    Payout,
    PayoutBatch,
    ProviderPayment,
)
from tradebridge.rfq.models import RFQ, CounterOffer, Deal, Quote, QuoteRevision, RFQInvitation
from tradebridge.webhooks.models import OutboxEvent, WebhookDelivery

# The stamps of the order and money rows that services (and the event handlers they trigger)
# write at the real time; ledger rows are append-only (a trigger refuses any UPDATE), so the
# ledger keeps the real time of loading.
_STAMPED: tuple[tuple[type[Model], tuple[str, ...]], ...] = (
    (Purchase, ("created_at", "updated_at")),
    (Order, ("created_at", "updated_at", "completed_at")),
    (OrderEvent, ("created_at",)),
    (StockReservation, ("created_at",)),
    (TradeDocument, ("created_at", "updated_at", "issued_at")),
    (EscrowHold, ("created_at", "updated_at")),
    (Instalment, ("created_at", "updated_at")),
    (IncomingTransfer, ("created_at", "updated_at")),
    (ProviderPayment, ("created_at", "updated_at")),
    (Dispute, ("created_at", "updated_at")),
    (DisputeEvent, ("created_at",)),
    (DisputeEvidence, ("created_at", "updated_at")),
    (PayoutBatch, ("created_at", "updated_at")),
    (Payout, ("created_at", "updated_at")),
    (OutboxEvent, ("created_at",)),
    (WebhookDelivery, ("created_at", "updated_at", "next_attempt_at")),
)


def rfq_posted(rfq_id: UUID, *, at: datetime) -> None:
    """The RFQ was posted and opened at `at` (its invitations written then too)."""
    RFQ.objects.filter(pk=rfq_id).update(created_at=at, updated_at=at, opened_at=at)
    RFQInvitation.objects.filter(rfq_id=rfq_id).update(created_at=at, updated_at=at)


def rfq_deadline_passed(rfq_id: UUID, *, deadline: datetime) -> None:
    """The RFQ's quote deadline was `deadline` (in the past: no service accepts one)."""
    RFQ.objects.filter(pk=rfq_id).update(quote_deadline=deadline)


def rfq_awarded(rfq_id: UUID, deal_id: UUID, *, at: datetime) -> None:
    """The RFQ was awarded and its deal agreed at `at` (`quote_accept` takes `now` for the
    deal's terms, not for these stamps)."""
    RFQ.objects.filter(pk=rfq_id).update(awarded_at=at, updated_at=at)
    Deal.objects.filter(pk=deal_id).update(created_at=at)


def quote_submitted(quote_id: UUID, *, at: datetime) -> None:
    """The quote and its first revision were written at `at`."""
    Quote.objects.filter(pk=quote_id).update(created_at=at, updated_at=at)
    QuoteRevision.objects.filter(quote_id=quote_id, number=1).update(created_at=at)


def quote_revised(revision_id: UUID, *, at: datetime) -> None:
    revision = QuoteRevision.objects.filter(pk=revision_id)
    revision.update(created_at=at)
    Quote.objects.filter(revisions__in=revision).update(updated_at=at)


def counter_offer_made(counter_offer_id: UUID, *, at: datetime) -> None:
    CounterOffer.objects.filter(pk=counter_offer_id).update(created_at=at)


def message_sent(message: Message, *, at: datetime, first: bool) -> None:
    """The message was sent at `at` (the thread started then if `first`): the message, the
    thread's last activity, the sender's read mark and the response ledger entry the message
    opened or answered, all stamped with the message's creation time by the service."""
    written = message.created_at
    Message.objects.filter(pk=message.pk).update(created_at=at, updated_at=at)
    thread = Thread.objects.filter(pk=message.thread_id)
    thread.update(last_message_at=at, updated_at=at)
    if first:
        thread.update(created_at=at)
    if message.sender_id is not None:
        ThreadReadState.objects.filter(
            thread_id=message.thread_id, user_id=message.sender_id, last_read_at=written
        ).update(last_read_at=at)
    ledger = ResponseRequest.objects.filter(
        kind=ResponseRequestKind.THREAD, ref_id=message.thread_id
    )
    ledger.filter(asked_at=written, answered_at__isnull=True).update(asked_at=at)
    ledger.filter(answered_at=written).update(answered_at=at)


@contextmanager
def stamps(*, at: datetime) -> Iterator[None]:
    """What the block writes happened at `at`: every stamp of `_STAMPED` set at the real time
    during the block (at or after its start) is moved to `at`. The demo loads alone, so the
    rows written meanwhile are the block's; stamps set by a service from its `now=` (already
    in the past) are left as they are."""
    started = timezone.now()
    yield
    for model, names in _STAMPED:
        for name in names:
            model._default_manager.filter(**{f"{name}__gte": started}).update(**{name: at})
