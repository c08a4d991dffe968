"""RFQs, quotes and deals as the subject of a thread between the buyer and a supplier
(messaging's registry, `messaging.subjects`; registered in RfqConfig.ready()).

The "Message buyer" / "Message supplier" links of the RFQ, quote and deal pages start these
threads. A draft RFQ is no subject (no supplier has seen it); a quote and a deal belong to
their buyer and supplier, so a thread about one is only between those two.
"""

import uuid

from tradebridge.messaging.subjects import SubjectInfo
from tradebridge.rfq.enums import RFQStatus
from tradebridge.rfq.models import RFQ, Deal, Quote


def rfq_subject(rfq_id: uuid.UUID) -> SubjectInfo | None:
    """An RFQ's reference and title, and its buyer; None for a draft or an unknown id."""
    rfq = RFQ.objects.exclude(status=RFQStatus.DRAFT).filter(pk=rfq_id).first()
    if rfq is None:
        return None
    return SubjectInfo(label=f"{rfq.reference} · {rfq.title}", buyer_id=rfq.buyer_id)


def quote_subject(quote_id: uuid.UUID) -> SubjectInfo | None:
    """A quote, named by its RFQ, with the RFQ's buyer and the quoting supplier."""
    quote = Quote.objects.select_related("rfq").filter(pk=quote_id).first()
    if quote is None:
        return None
    rfq = quote.rfq
    return SubjectInfo(
        label=f"{rfq.reference} · {rfq.title}",
        supplier_id=quote.supplier_id,
        buyer_id=rfq.buyer_id,
    )


def deal_subject(deal_id: uuid.UUID) -> SubjectInfo | None:
    """An agreed deal's reference and its RFQ's title, with both parties."""
    deal = Deal.objects.select_related("rfq").filter(pk=deal_id).first()
    if deal is None:
        return None
    return SubjectInfo(
        label=f"{deal.reference} · {deal.rfq.title}",
        supplier_id=deal.supplier_id,
        buyer_id=deal.buyer_id,
    )
