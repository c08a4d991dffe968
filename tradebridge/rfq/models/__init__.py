"""RFQs and what answers them: invitations (also the stored matching result), quotes with their
append-only revisions, counter-offers, and the agreed deal that freezes the accepted terms.

Rows are written only through `rfq.services`; statuses move through `rfq.transitions`.
Attachments live in private storage and are served only by a permission-checked view through
short-lived signed links (`rfq.downloads`). One module per sub-domain: `rfqs`, `quotes`, and
`base` for what they share; import the models from here.
"""

from tradebridge.rfq.models.base import AttachmentBase, new_deal_reference, new_rfq_reference
from tradebridge.rfq.models.quotes import (
    CounterOffer,
    Deal,
    Quote,
    QuoteAttachment,
    QuoteRevision,
    _quote_attachment_path,
)
from tradebridge.rfq.models.rfqs import (
    RFQ,
    RFQAttachment,
    RFQInvitation,
    RFQReport,
    RFQSettings,
    _rfq_attachment_path,
)

__all__ = [
    "RFQ",
    "AttachmentBase",
    "CounterOffer",
    "Deal",
    "Quote",
    "QuoteAttachment",
    "QuoteRevision",
    "RFQAttachment",
    "RFQInvitation",
    "RFQReport",
    "RFQSettings",
    "_quote_attachment_path",  # named by migrations
    "_rfq_attachment_path",  # named by migrations
    "new_deal_reference",
    "new_rfq_reference",
]
