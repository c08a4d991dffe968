"""The RFQ, quote and counter-offer status tables: who may move what from which status to which.

- An RFQ is drafted, then opened to suppliers. An open RFQ closes (at its deadline, at its quote
  cap, or by the buyer), is awarded (a quote accepted) or cancelled. A closed RFQ may still be
  awarded (the buyer accepts a quote received before the deadline) or cancelled; it reopens
  only when its buyer moves the deadline into the future (the services check the date).
  Awarded and cancelled are final.
- A quote is submitted, then revised any number of times while the RFQ takes quotes; it ends
  withdrawn (by the supplier), expired (its validity passed), rejected or accepted (by the buyer).
- A counter-offer is open until the supplier answers it with a revision or declines it, or the
  buyer withdraws it.
"""

from typing import Final

from tradebridge.rfq.enums import CounterOfferStatus, QuoteStatus, RFQStatus

type RFQTable = dict[RFQStatus, frozenset[RFQStatus]]
type QuoteTable = dict[QuoteStatus, frozenset[QuoteStatus]]
type CounterOfferTable = dict[CounterOfferStatus, frozenset[CounterOfferStatus]]

RFQ_TRANSITIONS: Final[RFQTable] = {
    RFQStatus.DRAFT: frozenset({RFQStatus.OPEN, RFQStatus.CANCELLED}),
    RFQStatus.OPEN: frozenset({RFQStatus.CLOSED, RFQStatus.AWARDED, RFQStatus.CANCELLED}),
    RFQStatus.CLOSED: frozenset({RFQStatus.OPEN, RFQStatus.AWARDED, RFQStatus.CANCELLED}),
    RFQStatus.AWARDED: frozenset(),
    RFQStatus.CANCELLED: frozenset(),
}

_QUOTE_LIVE_NEXT: Final = frozenset(
    {
        QuoteStatus.REVISED,
        QuoteStatus.WITHDRAWN,
        QuoteStatus.EXPIRED,
        QuoteStatus.REJECTED,
        QuoteStatus.ACCEPTED,
    }
)
QUOTE_TRANSITIONS: Final[QuoteTable] = {
    QuoteStatus.SUBMITTED: _QUOTE_LIVE_NEXT,
    QuoteStatus.REVISED: _QUOTE_LIVE_NEXT,
    QuoteStatus.WITHDRAWN: frozenset(),
    QuoteStatus.EXPIRED: frozenset(),
    QuoteStatus.REJECTED: frozenset(),
    QuoteStatus.ACCEPTED: frozenset(),
}

# The statuses of a quote the buyer may still act on (compare, counter, accept).
QUOTE_LIVE_STATUSES: Final = frozenset({QuoteStatus.SUBMITTED, QuoteStatus.REVISED})

COUNTER_OFFER_TRANSITIONS: Final[CounterOfferTable] = {
    CounterOfferStatus.OPEN: frozenset(
        {CounterOfferStatus.ANSWERED, CounterOfferStatus.DECLINED, CounterOfferStatus.WITHDRAWN}
    ),
    CounterOfferStatus.ANSWERED: frozenset(),
    CounterOfferStatus.DECLINED: frozenset(),
    CounterOfferStatus.WITHDRAWN: frozenset(),
}
