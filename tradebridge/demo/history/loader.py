"""Loading the whole demo history (RFQs, conversations, then the orders and their money),
then refreshing the suppliers' response stats from it."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from tradebridge.demo.history.conversations import load_conversations
from tradebridge.demo.history.orders import OrdersSummary, load_orders
from tradebridge.demo.history.rfqs import load_rfqs, rfqs_rematch
from tradebridge.messaging.services.response import supplier_response_stats_refresh_all


@dataclass(frozen=True, slots=True)
class HistorySummary:
    rfqs: int
    quotes: int
    deals: int
    threads: int
    messages: int
    suppliers_with_stats: int
    orders: OrdersSummary = field(default_factory=OrdersSummary)

    def created(self) -> list[str]:
        """What was created, for the command's summary line."""
        counts = (
            (self.rfqs, "RFQs"),
            (self.quotes, "quotes"),
            (self.deals, "deals"),
            (self.threads, "conversations"),
            (self.messages, "messages"),
        )
        made = [f"{count} {name}" for count, name in counts if count]
        return made + ([f"{self.orders.total} orders"] if self.orders.total else [])


@transaction.atomic  # all or nothing; and one commit instead of hundreds (SQLite syncs each)
def load_history(*, now: datetime | None = None, orders: bool = True) -> HistorySummary:
    """Post the missing demo RFQs, quotes and conversations (moments relative to `now`), then
    compute every supplier's response rate and median reply time over them, as the daily run
    does (the storefronts, product pages and supplier search show them), and rank the open
    RFQs' suppliers again with them; then the orders and their money (`orders=False`: not
    them; the RFQ tests leave them out). Idempotent."""
    now = now or timezone.now()
    rfqs = load_rfqs(now=now)
    threads, messages = load_conversations(now=now)
    refreshed = 0
    if rfqs.rfqs or threads:  # else nothing changed: leave the stats to the daily run
        refreshed = supplier_response_stats_refresh_all(now=now)
        rfqs_rematch(rfqs.still_open, now=now)
    # After the RFQs: one order is the deal's.
    ordered = load_orders(now=now) if orders else OrdersSummary()
    return HistorySummary(
        rfqs=rfqs.rfqs,
        quotes=rfqs.quotes,
        deals=rfqs.deals,
        threads=threads,
        messages=messages,
        suppliers_with_stats=refreshed,
        orders=ordered,
    )
